//! Keys: Esc closes whatever small thing is open (a confirmation, an add
//! form); shortcuts stand aside while the user types.

use leptos::prelude::*;

/// Sets `open` to false when Esc is pressed, for as long as the calling
/// component lives.
pub fn close_on_escape(open: RwSignal<bool>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Whether a key press is typing into a field (shortcuts then stand aside).
pub fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
        })
}
