//! Writing: one durable write transaction shared by every write (a change
//! and a restore alike), the batch written in slices, and the merge with
//! another tab's newer save.
//!
//! A write is all or nothing: any failure aborts the transaction, and the
//! caller hears of it only once the browser says the data is on disk.

use js_sys::{Array, Promise, Reflect};
use kith_core::model::{Batch, Contact};
use kith_core::store::StoreError;
use kith_core::undo::Before;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction};

use super::record::{from_js, interaction_to_js, photo_from_js, photo_to_js, task_to_js, to_js};
use super::request::{dom_error, js_error, settle};
use super::schema::{CONTACTS, DATES, INTERACTIONS, ORGANISATIONS, PHOTOS, TASKS};

/// Runs `work` in one write transaction over `stores` and waits until it
/// has completed. If `work` fails the transaction is aborted and that error
/// returned; if the browser aborts it instead, its error, or `cancelled`
/// in words when it gives none.
pub(super) async fn in_write_tx(
    db: &IdbDatabase,
    stores: &[&str],
    cancelled: &str,
    work: impl AsyncFnOnce(&IdbTransaction) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let tx = write_tx(db, stores)?;
    let outcome = completion(&tx);
    if let Err(e) = work(&tx).await {
        let _ = tx.abort();
        return Err(e);
    }
    flush(&tx);
    match JsFuture::from(outcome).await {
        Ok(_) => Ok(()),
        Err(_) => Err(tx
            .error()
            .map(dom_error)
            .unwrap_or_else(|| StoreError::Other(cancelled.into()))),
    }
}

/// A write transaction with strict durability: it completes only once
/// the data is on disk, not merely handed to the operating system.
/// (Through `Reflect`, as web-sys marks the options unstable; browsers
/// without them ignore the argument.)
fn write_tx(db: &IdbDatabase, stores: &[&str]) -> Result<IdbTransaction, StoreError> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(js_error)?;
    let open = Reflect::get(db, &"transaction".into())
        .map_err(js_error)?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| StoreError::Unavailable)?;
    open.call3(db, &names, &"readwrite".into(), &options)
        .map_err(js_error)?
        .dyn_into::<IdbTransaction>()
        .map_err(|_| StoreError::Unavailable)
}

/// A promise settled by the transaction: resolved on `complete`, rejected on
/// `error` or `abort`. Made before the first request, so no event is missed.
fn completion(tx: &IdbTransaction) -> Promise {
    Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    })
}

/// Ends a write transaction as soon as its requests are queued, rather
/// than when the event loop next idles: the explicit flush that makes a
/// write survive the tab closing right after it.
fn flush(tx: &IdbTransaction) {
    if let Ok(commit) = Reflect::get(tx, &"commit".into()) {
        if let Ok(commit) = commit.dyn_into::<js_sys::Function>() {
            let _ = commit.call0(tx);
        }
    }
}

/// Reads, inside the write transaction, the stored version of each
/// person the batch changes from a known base; where another tab has
/// stored a newer one meanwhile, the batch is rewritten to merge both
/// changes (kith_core::rebase). `None` when nothing needed merging.
pub(super) async fn rebase(
    tx: &IdbTransaction,
    batch: &Batch,
) -> Result<Option<Batch>, StoreError> {
    if batch.bases.is_empty() {
        return Ok(None);
    }
    let contacts = tx.object_store(CONTACTS).map_err(js_error)?;
    let mut merged = batch.clone();
    let mut changed = false;
    for c in &mut merged.contacts {
        let Some(base) = batch.bases.iter().find(|b| b.id == c.id) else {
            continue;
        };
        let req = contacts
            .get(&JsValue::from_str(c.id.as_str()))
            .map_err(js_error)?;
        let found = settle(&req).await?;
        if found.is_undefined() {
            continue;
        }
        let stored: Contact = from_js(found)?;
        if stored.updated != base.updated {
            *c = kith_core::rebase::rebase_contact(base, c, &stored);
            changed = true;
        }
    }
    Ok(changed.then_some(merged))
}

/// Reads, inside the write transaction and before anything is put, the
/// stored version of each record `batch` writes and each photo it changes:
/// what an undo puts back.
pub(super) async fn previous(tx: &IdbTransaction, batch: &Batch) -> Result<Before, StoreError> {
    async fn found<T: DeserializeOwned>(
        tx: &IdbTransaction,
        name: &str,
        keys: impl Iterator<Item = &str>,
    ) -> Result<Vec<T>, StoreError> {
        let mut keys = keys.peekable();
        if keys.peek().is_none() {
            return Ok(Vec::new());
        }
        let store = tx.object_store(name).map_err(js_error)?;
        let mut out = Vec::new();
        for key in keys {
            let req = store.get(&JsValue::from_str(key)).map_err(js_error)?;
            let value = settle(&req).await?;
            if !value.is_undefined() {
                out.push(from_js(value)?);
            }
        }
        Ok(out)
    }
    let mut photos = Vec::new();
    let owners = batch.photos.iter().map(|p| &p.contact_id);
    for owner in owners.chain(&batch.photos_removed) {
        let req = tx
            .object_store(PHOTOS)
            .and_then(|s| s.get(&JsValue::from_str(owner.as_str())))
            .map_err(js_error)?;
        let value = settle(&req).await?;
        if !value.is_undefined() {
            photos.push(photo_from_js(&value)?);
        }
    }
    Ok(Before {
        contacts: found(tx, CONTACTS, batch.contacts.iter().map(|c| c.id.as_str())).await?,
        organisations: found(
            tx,
            ORGANISATIONS,
            batch.organisations.iter().map(|o| o.id.as_str()),
        )
        .await?,
        interactions: found(
            tx,
            INTERACTIONS,
            batch.interactions.iter().map(|i| i.id.as_str()),
        )
        .await?,
        dates: found(tx, DATES, batch.dates.iter().map(|d| d.id.as_str())).await?,
        tasks: found(tx, TASKS, batch.tasks.iter().map(|t| t.id.as_str())).await?,
        photos,
    })
}

/// The stores `batch` writes.
pub(super) fn stores_touched(batch: &Batch) -> Vec<&'static str> {
    [
        (CONTACTS, !batch.contacts.is_empty()),
        (ORGANISATIONS, !batch.organisations.is_empty()),
        (INTERACTIONS, !batch.interactions.is_empty()),
        (DATES, !batch.dates.is_empty()),
        (TASKS, !batch.tasks.is_empty()),
        (
            PHOTOS,
            !batch.photos.is_empty() || !batch.photos_removed.is_empty(),
        ),
    ]
    .into_iter()
    .filter_map(|(name, used)| used.then_some(name))
    .collect()
}

/// Writes come in slices: after this many requests, wait for the last one
/// to succeed before queueing more. The transaction stays active (a
/// request is always pending) and the page gets to paint between slices,
/// so a restore of 100,000 records never holds the main thread for long.
const SLICE: usize = 600;

/// Paces the requests of one transaction in slices of [`SLICE`].
#[derive(Default)]
struct Pacer {
    queued: usize,
}

impl Pacer {
    /// Queues `records`, made stored records by `encode`, in the store
    /// `name`; touches the store only if there is something to write.
    async fn put_each<T>(
        &mut self,
        tx: &IdbTransaction,
        name: &str,
        records: &[T],
        encode: impl Fn(&T) -> Result<JsValue, StoreError>,
    ) -> Result<(), StoreError> {
        if records.is_empty() {
            return Ok(());
        }
        let store = tx.object_store(name).map_err(js_error)?;
        for record in records {
            self.queued(store.put(&encode(record)?).map_err(js_error)?)
                .await?;
        }
        Ok(())
    }

    async fn queued(&mut self, req: IdbRequest) -> Result<(), StoreError> {
        self.queued += 1;
        if self.queued >= SLICE {
            self.queued = 0;
            settle(&req).await?;
        }
        Ok(())
    }
}

/// Queues every record of `batch` in `tx` (the stores of
/// [`stores_touched`]).
pub(super) async fn put_all(tx: &IdbTransaction, batch: &Batch) -> Result<(), StoreError> {
    let mut pace = Pacer::default();
    pace.put_each(tx, CONTACTS, &batch.contacts, to_js).await?;
    pace.put_each(tx, ORGANISATIONS, &batch.organisations, to_js)
        .await?;
    pace.put_each(tx, INTERACTIONS, &batch.interactions, interaction_to_js)
        .await?;
    pace.put_each(tx, DATES, &batch.dates, to_js).await?;
    pace.put_each(tx, TASKS, &batch.tasks, task_to_js).await?;
    if !batch.photos.is_empty() || !batch.photos_removed.is_empty() {
        let photos = tx.object_store(PHOTOS).map_err(js_error)?;
        for p in &batch.photos {
            photos.put(&photo_to_js(p)?).map_err(js_error)?;
        }
        for id in &batch.photos_removed {
            photos
                .delete(&JsValue::from_str(id.as_str()))
                .map_err(js_error)?;
        }
    }
    Ok(())
}
