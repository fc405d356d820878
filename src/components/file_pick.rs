//! File inputs: the picked file, with the input cleared so picking the same
//! file again still fires.

use wasm_bindgen::JsCast;

/// The file picked in the input that fired `ev`, if any.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}
