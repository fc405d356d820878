//! How the core's values look in the store, both ways: plain objects made
//! from their serde form, plus the properties only the indexes need
//! (schema.rs), and photos as a record with the bytes in a `Uint8Array`.
//!
//! Records cross the wasm boundary as JSON text: one crossing per page of
//! records (or per record, for single reads) and the browser's native
//! parser, instead of one crossing per field, and no second serialiser in
//! the wasm.
//!
//! A record that cannot be read (written by something other than Kith, or
//! damaged) never takes its neighbours down with it: the reads that fill
//! the screens leave it out and note it ([`unreadable`]), so the app shows
//! everything else and names what it could not read.

use js_sys::{Array, Reflect, Uint8Array};
use kith_core::calendar::Words;
use kith_core::model::{Contact, Interaction, Organisation, Photo, Task};
use kith_core::store::StoreError;
use kith_core::{ContactId, ImportantDate};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

use super::request::js_error;
use super::schema::{OPEN_CONTACTS, OPEN_DUE, PHOTO_KEY, TIMELINE};

const PHOTO_MIME: &str = "mime";
const PHOTO_BYTES: &str = "bytes";

/// One record, read as a page of one (the same compiled parse).
pub(super) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StoreError> {
    rows_from_js(&Array::of1(&value))?
        .pop()
        .ok_or_else(|| StoreError::Corrupt("a stored record is missing".into()))
}

/// Many records (an array, as `getAll` gives) in one crossing.
pub(super) fn rows_from_js<T: DeserializeOwned>(rows: &JsValue) -> Result<Vec<T>, StoreError> {
    let json = js_sys::JSON::stringify(rows)
        .map_err(|e| StoreError::Corrupt(format!("stored records could not be read: {e:?}")))?;
    serde_json::from_str(&json.as_string().unwrap_or_default())
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Many records of the store `name`, each that cannot be read left out and
/// noted. (One parse for the page; one per record only when it fails.)
pub(super) fn rows_in<T: DeserializeOwned>(rows: &JsValue, name: &str) -> Vec<T> {
    rows_from_js(rows).unwrap_or_else(|_| {
        let good = readable(rows, name, &|row| rows_from_js::<T>(row).map(drop));
        rows_from_js(&good).unwrap_or_default()
    })
}

/// The rows of a page of the store `name` that `check` reads (it is given
/// a page of one); each other is noted.
pub(super) fn readable(
    rows: &JsValue,
    name: &str,
    check: &dyn Fn(&JsValue) -> Result<(), StoreError>,
) -> Array {
    let rows: &Array = rows.unchecked_ref();
    rows.iter()
        .filter(|row| match check(&Array::of1(row)) {
            Ok(()) => true,
            Err(e) => {
                note(name, row, &e);
                false
            }
        })
        .collect()
}

thread_local! {
    static UNREADABLE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The window hears this when a stored record is first found unreadable.
pub const UNREADABLE_EVENT: &str = "kith-unreadable";

/// Every stored record found unreadable so far, in words: "the person
/// “p7” (its “name” is missing)".
pub fn unreadable() -> Vec<String> {
    UNREADABLE.with_borrow(Vec::clone)
}

/// Notes that `row`, in the store `name`, could not be read.
pub(super) fn note(name: &str, row: &JsValue, why: &StoreError) {
    let what = match name {
        super::schema::CONTACTS => "person",
        super::schema::ORGANISATIONS => "organisation",
        super::schema::INTERACTIONS => "interaction",
        super::schema::DATES => "important date",
        super::schema::TASKS => "follow-up",
        super::schema::PHOTOS => "photo of",
        other => other,
    };
    let key = |k: &str| {
        Reflect::get(row, &k.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let id = key("id").or_else(|| key(PHOTO_KEY)).unwrap_or_default();
    let id: String = id.chars().take(40).collect();
    let line = format!("the {what} “{id}” ({})", in_words(why));
    let new = UNREADABLE.with_borrow_mut(|all| {
        let new = !all.contains(&line);
        if new {
            all.push(line);
        }
        new
    });
    if new {
        told();
    }
}

/// Forgets them (every record was just replaced).
pub(super) fn forget_unreadable() {
    if UNREADABLE.with_borrow_mut(std::mem::take).is_empty() {
        return;
    }
    told();
}

fn told() {
    if let Some(w) = web_sys::window() {
        if let Ok(ev) = web_sys::Event::new(UNREADABLE_EVENT) {
            let _ = w.dispatch_event(&ev);
        }
    }
}

/// Why a record could not be read, in words (serde's message says what is
/// missing or of the wrong kind).
fn in_words(why: &StoreError) -> String {
    let text = match why {
        StoreError::Corrupt(text) => text.as_str(),
        _ => "",
    };
    let text = text.split(" at line ").next().unwrap_or(text);
    if let Some(rest) = text.strip_prefix("missing field ") {
        format!("its “{}” is missing", rest.trim_matches('`'))
    } else if text.starts_with("not a day") || text.starts_with("not a time") {
        "a date in it is not a real day or time".into()
    } else if text.starts_with("invalid type") {
        "one of its values is of the wrong kind".into()
    } else if text.starts_with("stored records could not be read") {
        "it holds values that are not text, numbers or lists".into()
    } else {
        "it is not laid out as Kith writes it".into()
    }
}

/// A day as the indexes hold it (`2024-03-01`, as serde writes dates), so
/// a query's bounds sort the same way as the stored keys.
pub(super) fn day_key(day: chrono::NaiveDate) -> JsValue {
    JsValue::from_str(&day_text(day))
}

fn day_text(day: chrono::NaiveDate) -> String {
    day.words("%Y-%m-%d").to_string()
}

/// A record as the store holds it: its serde form and, for some, the
/// properties only the indexes need (schema.rs).
pub(super) trait Stored: Serialize {
    /// Writes those properties, each as `,"name":value`.
    fn index_properties(&self, _out: &mut Vec<u8>) -> serde_json::Result<()> {
        Ok(())
    }
}

impl Stored for Contact {}
impl Stored for Organisation {}
impl Stored for ImportantDate {}

/// An interaction with its [`TIMELINE`] keys.
impl Stored for Interaction {
    fn index_properties(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        property(out, TIMELINE, &self.timeline_keys())
    }
}

/// A task; while open, with its [`OPEN_DUE`] day and [`OPEN_CONTACTS`].
impl Stored for Task {
    fn index_properties(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        if self.is_open() {
            property(out, OPEN_DUE, &day_text(self.due))?;
            property(out, OPEN_CONTACTS, &self.contact_ids)?;
        }
        Ok(())
    }
}

fn property(out: &mut Vec<u8>, name: &str, value: &impl Serialize) -> serde_json::Result<()> {
    out.push(b',');
    serde_json::to_writer(&mut *out, name)?;
    out.push(b':');
    serde_json::to_writer(&mut *out, value)
}

/// Records as the store holds them, as an array of plain objects: one JSON
/// text made in the wasm and one `JSON.parse` for them all, however many.
pub(super) fn page_to_js<T: Stored>(records: &[T]) -> Result<Array, StoreError> {
    encode_page(records.len(), &mut |k, out, part| match part {
        Part::Record => serde_json::to_writer(out, &records[k]),
        Part::IndexProperties => records[k].index_properties(out),
    })
}

/// Which part of a record [`encode_page`] asks for.
enum Part {
    Record,
    IndexProperties,
}

/// Writes part of the `k`th record of a page.
type WritePart<'a> = &'a mut dyn FnMut(usize, &mut Vec<u8>, Part) -> serde_json::Result<()>;

/// The page's text and parse, compiled once: `write` writes the `k`th
/// record's serde form, or its index properties.
fn encode_page(count: usize, write: WritePart) -> Result<Array, StoreError> {
    let failed = |e: String| StoreError::Other(format!("could not prepare a record: {e}"));
    let mut out = Vec::with_capacity(count * 320 + 2);
    out.push(b'[');
    for k in 0..count {
        if k > 0 {
            out.push(b',');
        }
        write(k, &mut out, Part::Record).map_err(|e| failed(e.to_string()))?;
        // Every record is a JSON object with fields: its closing brace
        // comes off, the index properties go in, and it closes again.
        if out.pop() != Some(b'}') {
            return Err(failed("not an object".into()));
        }
        write(k, &mut out, Part::IndexProperties).map_err(|e| failed(e.to_string()))?;
        out.push(b'}');
    }
    out.push(b']');
    let text = String::from_utf8(out).map_err(|_| failed("not UTF-8".into()))?;
    js_sys::JSON::parse(&text)
        .map(JsCast::unchecked_into)
        .map_err(|e| failed(format!("{e:?}")))
}

/// Photos as the store holds them.
pub(super) fn photos_to_js(photos: &[Photo]) -> Result<Array, StoreError> {
    photos.iter().map(photo_to_js).collect()
}

fn photo_to_js(p: &Photo) -> Result<JsValue, StoreError> {
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
