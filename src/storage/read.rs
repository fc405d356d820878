//! Reading: read-only transactions, `getAll` in one crossing, whole stores
//! in pages, and cursor walks over an index that skip tombstones.

use js_sys::{Array, Reflect};
use kith_core::model::Interaction;
use kith_core::store::StoreError;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    IdbCursorDirection, IdbCursorWithValue, IdbDatabase, IdbIndex, IdbKeyRange, IdbTransaction,
    IdbTransactionMode,
};

use super::record::{from_js, note, rows_in};
use super::request::{js_error, settle};
use super::schema::ID;

/// A read-only transaction over `stores`.
pub(super) fn tx(db: &IdbDatabase, stores: &[&str]) -> Result<IdbTransaction, StoreError> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readonly)
        .map_err(js_error)
}

/// `index` of `store`, in a read-only transaction of its own.
pub(super) fn index(db: &IdbDatabase, store: &str, index: &str) -> Result<IdbIndex, StoreError> {
    tx(db, &[store])?
        .object_store(store)
        .and_then(|s| s.index(index))
        .map_err(js_error)
}

/// Every readable record of a store (record.rs), read in pages of 250
/// within `tx`, each parsed as it comes (a task of its own), so no single step holds the
/// main thread for long: a page of 1,000 people took 150–200 ms to parse
/// on the benchmark's 2-core machine, 250 stay near 50.
pub(super) async fn read_all<T: DeserializeOwned>(
    tx: &IdbTransaction,
    name: &str,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    each_page(tx, name, ID, 250, &mut |rows| {
        out.extend(rows_in::<T>(&rows, name));
        Ok(())
    })
    .await?;
    Ok(out)
}

/// Reads the store `name` within `tx` in pages of `page` records, in key
/// order (`key` is the store's key path), handing each page to `each` as
/// the array `getAll` gives, in the same transaction, so the pages are one
/// snapshot. The next page is asked for as soon as a page arrives, before
/// it is handled: the browser reads one while the page handles the other.
pub(super) async fn each_page(
    tx: &IdbTransaction,
    name: &str,
    key: &str,
    page: u32,
    each: &mut dyn FnMut(Array) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let store = tx.object_store(name).map_err(js_error)?;
    let after = |last: Option<&JsValue>| {
        match last {
            None => store.get_all_with_key_and_limit(&JsValue::NULL, page),
            Some(key) => IdbKeyRange::lower_bound_with_open(key, true)
                .and_then(|range| store.get_all_with_key_and_limit(&range, page)),
        }
        .map_err(js_error)
    };
    let mut next = Some(after(None)?);
    while let Some(req) = next.take() {
        let rows: Array = settle(&req).await?.unchecked_into();
        let count = rows.length();
        if count == page {
            let last = Reflect::get(&rows.get(count - 1), &key.into()).map_err(js_error)?;
            next = Some(after(Some(&last))?);
        }
        if count > 0 {
            each(rows)?;
        }
    }
    Ok(())
}

/// Walks `index` over `range` in `direction`, keeping live records
/// (leaving out and naming those that cannot be read),
/// until `limit` are kept. Returns them and the last index key visited.
pub(super) async fn walk<T: DeserializeOwned + Live>(
    index: &IdbIndex,
    range: &IdbKeyRange,
    direction: IdbCursorDirection,
    limit: usize,
) -> Result<(Vec<T>, Option<String>), StoreError> {
    let req = index
        .open_cursor_with_range_and_direction(range, direction)
        .map_err(js_error)?;
    let mut found = Vec::new();
    let mut last_key = None;
    while found.len() < limit {
        let step = settle(&req).await?;
        let Ok(cursor) = step.dyn_into::<IdbCursorWithValue>() else {
            break;
        };
        last_key = cursor.key().ok().and_then(|k| k.as_string());
        let value = cursor.value().map_err(js_error)?;
        // One that cannot be read is left out and named (record.rs).
        match from_js::<T>(value.clone()) {
            Ok(record) if record.is_live() => found.push(record),
            Ok(_) => {}
            Err(e) => note(&index.object_store().name(), &value, &e),
        }
        if found.len() < limit {
            cursor.continue_().map_err(js_error)?;
        }
    }
    Ok((found, last_key))
}

/// Records that can be tombstoned.
pub(super) trait Live {
    fn is_live(&self) -> bool;
}

impl Live for Interaction {
    fn is_live(&self) -> bool {
        self.deleted.is_none()
    }
}
