//! Files in and out: the picked file (with the input cleared so picking
//! the same file again still fires), and downloads.

use wasm_bindgen::JsCast;

/// The file picked in the input that fired `ev`, if any.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

/// Hands text to the browser as a download named `name`, given in pieces
/// (joined, they are the file) so a file of many megabytes is never joined
/// in memory.
pub fn download(name: &str, mime: &str, pieces: &[String]) -> Result<(), String> {
    // As bytes: no UTF-8 to UTF-16 and back for a file of many megabytes.
    let parts: js_sys::Array = pieces
        .iter()
        .map(|p| js_sys::Uint8Array::from(p.as_bytes()))
        .collect();
    download_parts(name, mime, &parts)
}

/// Hands a file to the browser as a download named `name`: `parts` are
/// what a `Blob` is made of (strings or bytes), joined they are the file.
pub fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
