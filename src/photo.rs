//! Photos at the browser edge: a picked file is cropped to a square and
//! downscaled to [`SIDE`] pixels as JPEG before it is stored, so a photo
//! costs tens of kilobytes, not megabytes; stored bytes are shown through
//! object URLs, made once per photo version and reused.

use js_sys::{Array, Uint8Array};
use kith_core::{ContactId, Timestamp};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap, Url,
};

/// Width and height of a stored photo, in pixels (sharp at 2x for the
/// largest avatar).
pub const SIDE: u32 = 320;

/// Crops `file` to its centre square and downscales it: `(mime, bytes)`.
pub async fn downscale(file: &File) -> Result<(String, Vec<u8>), String> {
    downscale_blob(file, &file.name()).await
}

/// The same for picture bytes read from another file (a vCard photo).
pub async fn downscale_bytes(mime: &str, bytes: &[u8]) -> Result<(String, Vec<u8>), String> {
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "could not read the picture".to_owned())?;
    downscale_blob(&blob, "The photo").await
}

async fn downscale_blob(file: &Blob, name: &str) -> Result<(String, Vec<u8>), String> {
    let unreadable = || format!("“{name}” is not a picture Kith can read; try a JPEG or PNG.");
    let window = web_sys::window().ok_or("no window")?;
    let promise = window
        .create_image_bitmap_with_blob(file)
        .map_err(|_| unreadable())?;
    let bitmap: ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|_| unreadable())?
        .unchecked_into();
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    if w < 1.0 || h < 1.0 {
        return Err(unreadable());
    }
    let side = w.min(h);
    let canvas: HtmlCanvasElement = window
        .document()
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or("could not make a canvas")?;
    let out = SIDE.min(side as u32).max(1);
    canvas.set_width(out);
    canvas.set_height(out);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("could not draw the picture")?;
    ctx.draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        &bitmap,
        (w - side) / 2.0,
        (h - side) / 2.0,
        side,
        side,
        0.0,
        0.0,
        f64::from(out),
        f64::from(out),
    )
    .map_err(|_| unreadable())?;
    bitmap.close();
    let url = canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &0.85.into())
        .map_err(|_| unreadable())?;
    let encoded = url.split_once(',').map(|(_, b)| b).ok_or_else(unreadable)?;
    let binary = window.atob(encoded).map_err(|_| unreadable())?;
    Ok((
        "image/jpeg".to_owned(),
        binary.chars().map(|c| c as u8).collect(),
    ))
}

/// Object URLs kept at once (a screenful of rows is a few dozen).
const MAX_CACHED: usize = 300;

thread_local! {
    static URLS: RefCell<HashMap<(ContactId, Timestamp), String>> = RefCell::new(HashMap::new());
}

/// The cached object URL for a person's photo version, if made already.
pub fn cached_url(id: &ContactId, version: Timestamp) -> Option<String> {
    URLS.with(|u| u.borrow().get(&(id.clone(), version)).cloned())
}

/// Makes (and caches) an object URL for photo bytes.
pub fn object_url(id: &ContactId, version: Timestamp, mime: &str, bytes: &[u8]) -> Option<String> {
    if let Some(url) = cached_url(id, version) {
        return Some(url);
    }
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    URLS.with(|u| {
        let mut urls = u.borrow_mut();
        // An older version of the same person's photo is let go.
        urls.retain(|(who, _), old| {
            let keep = who != id;
            if !keep {
                let _ = Url::revoke_object_url(old);
            }
            keep
        });
        // Bound the memory held by pictures scrolled past long ago.
        if urls.len() >= MAX_CACHED {
            for (_, old) in urls.drain() {
                let _ = Url::revoke_object_url(&old);
            }
        }
        urls.insert((id.clone(), version), url.clone());
    });
    Some(url)
}
