//! How the core's values look in the store, both ways: plain objects made
//! from their serde form, plus the properties only the indexes need
//! (schema.rs), and photos as a record with the bytes in a `Uint8Array`.
//!
//! Records cross the wasm boundary as JSON text: one crossing per record (or
//! per page of records) and the browser's native parser, instead of one
//! crossing per field, and no second serialiser in the wasm.

use js_sys::{Array, Reflect, Uint8Array};
use kith_core::calendar::Words;
use kith_core::model::{Interaction, Photo, Task};
use kith_core::store::StoreError;
use kith_core::ContactId;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::request::js_error;
use super::schema::{OPEN_CONTACTS, OPEN_DUE, PHOTO_KEY, TIMELINE};

const PHOTO_MIME: &str = "mime";
const PHOTO_BYTES: &str = "bytes";

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(value)
        .map_err(|e| StoreError::Other(format!("could not prepare a record: {e}")))?;
    js_sys::JSON::parse(&json)
        .map_err(|e| StoreError::Other(format!("could not prepare a record: {e:?}")))
}

pub(super) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StoreError> {
    let json = js_sys::JSON::stringify(&value)
        .map_err(|e| StoreError::Corrupt(format!("a stored record could not be read: {e:?}")))?;
    serde_json::from_str(&json.as_string().unwrap_or_default())
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Many records (an array, as `getAll` gives) in one crossing.
pub(super) fn rows_from_js<T: DeserializeOwned>(rows: &JsValue) -> Result<Vec<T>, StoreError> {
    let json = js_sys::JSON::stringify(rows)
        .map_err(|e| StoreError::Corrupt(format!("stored records could not be read: {e:?}")))?;
    serde_json::from_str(&json.as_string().unwrap_or_default())
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A day as the indexes hold it (`2024-03-01`, as serde writes dates), so
/// a query's bounds sort the same way as the stored keys.
pub(super) fn day_key(day: chrono::NaiveDate) -> JsValue {
    JsValue::from_str(&day.words("%Y-%m-%d").to_string())
}

/// An interaction with its [`TIMELINE`] keys.
pub(super) fn interaction_to_js(i: &Interaction) -> Result<JsValue, StoreError> {
    let value = to_js(i)?;
    let keys: Array = i.timeline_keys().into_iter().map(JsValue::from).collect();
    Reflect::set(&value, &TIMELINE.into(), &keys).map_err(js_error)?;
    Ok(value)
}

/// A task; while open, with its [`OPEN_DUE`] day and [`OPEN_CONTACTS`].
pub(super) fn task_to_js(t: &Task) -> Result<JsValue, StoreError> {
    let value = to_js(t)?;
    if t.is_open() {
        let people: Array = t
            .contact_ids
            .iter()
            .map(|c| JsValue::from_str(c.as_str()))
            .collect();
        Reflect::set(&value, &OPEN_DUE.into(), &day_key(t.due)).map_err(js_error)?;
        Reflect::set(&value, &OPEN_CONTACTS.into(), &people).map_err(js_error)?;
    }
    Ok(value)
}

pub(super) fn photo_to_js(p: &Photo) -> Result<JsValue, StoreError> {
    let record = js_sys::Object::new();
    for (key, value) in [
        (PHOTO_KEY, JsValue::from_str(p.contact_id.as_str())),
        (PHOTO_MIME, JsValue::from_str(&p.mime)),
        (PHOTO_BYTES, Uint8Array::from(p.bytes.as_slice()).into()),
    ] {
        Reflect::set(&record, &key.into(), &value).map_err(js_error)?;
    }
    Ok(record.into())
}

pub(super) fn photo_from_js(row: &JsValue) -> Result<Photo, StoreError> {
    let field = |name: &str| Reflect::get(row, &name.into()).map_err(js_error);
    let contact = field(PHOTO_KEY)?.as_string().unwrap_or_default();
    let contact_id = ContactId::parse(&contact)
        .ok_or_else(|| StoreError::Corrupt(format!("a photo belongs to no one ({contact:?})")))?;
    let mime = field(PHOTO_MIME)?.as_string().unwrap_or_default();
    let bytes = field(PHOTO_BYTES)?
        .dyn_into::<Uint8Array>()
        .map_err(|_| StoreError::Corrupt(format!("the photo of {contact} is not image bytes")))?
        .to_vec();
    Ok(Photo {
        contact_id,
        mime,
        bytes,
    })
}
