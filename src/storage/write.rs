//! Writing: one durable write transaction shared by every write (a change
//! and a restore alike), the batch written in slices, and the merge with
//! another tab's newer save.
//!
//! A write is all or nothing: any failure aborts the transaction, and the
//! caller hears of it only once the browser says the data is on disk.

use js_sys::{Array, Promise, Reflect};
use kith_core::model::{Batch, Contact, Interaction, Organisation, Photo, Task};
use kith_core::store::StoreError;
use kith_core::undo::Before;
use kith_core::ImportantDate;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction};

use super::record::{from_js, page_to_js, photo_from_js, photos_to_js, rows_from_js, Stored};
use super::request::{dom_error, js_error, settle};
use super::schema::{CONTACTS, DATES, INTERACTIONS, ORGANISATIONS, PHOTOS, TASKS};

/// Runs `work` in one write transaction over `stores` and waits until it
/// has completed. If `work` fails the transaction is aborted and that error
/// returned; if the browser aborts it instead, its error, or `cancelled`
/// in words when it gives none.
pub(super) async fn in_write_tx(
    db: &IdbDatabase,
    stores: &[&str],
    durability: Durability,
    cancelled: &str,
    work: impl AsyncFnOnce(&IdbTransaction) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let tx = write_tx(db, stores, durability)?;
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

/// When a write transaction reports itself complete.
#[derive(Clone, Copy)]
pub(super) enum Durability {
    /// Only once the data is on disk, not merely handed to the operating
    /// system: every everyday write.
    Strict,
    /// Once the browser has the data: the flush to disk may follow. For
    /// "Replace everything", one large transaction that is still all or
    /// nothing (see docs/storage-performance.md for the figures).
    Relaxed,
}

/// A write transaction with the given durability. (Through `Reflect`, as
/// web-sys marks the options unstable; browsers without them ignore the
/// argument.)
fn write_tx(
    db: &IdbDatabase,
    stores: &[&str],
    durability: Durability,
) -> Result<IdbTransaction, StoreError> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let options = js_sys::Object::new();
    let durability = match durability {
        Durability::Strict => "strict",
        Durability::Relaxed => "relaxed",
    };
    Reflect::set(&options, &"durability".into(), &durability.into()).map_err(js_error)?;
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
    /// The stored records of these keys, as one array (one parse).
    async fn found(
        tx: &IdbTransaction,
        name: &str,
        keys: impl Iterator<Item = &str>,
    ) -> Result<Array, StoreError> {
        let found = Array::new();
        let mut keys = keys.peekable();
        if keys.peek().is_none() {
            return Ok(found);
        }
        let store = tx.object_store(name).map_err(js_error)?;
        for key in keys {
            let req = store.get(&JsValue::from_str(key)).map_err(js_error)?;
            let value = settle(&req).await?;
            if !value.is_undefined() {
                found.push(&value);
            }
        }
        Ok(found)
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
    let contacts = found(tx, CONTACTS, batch.contacts.iter().map(|c| c.id.as_str())).await?;
    let organisations = batch.organisations.iter().map(|o| o.id.as_str());
    let organisations = found(tx, ORGANISATIONS, organisations).await?;
    let interactions = batch.interactions.iter().map(|i| i.id.as_str());
    let interactions = found(tx, INTERACTIONS, interactions).await?;
    let dates = found(tx, DATES, batch.dates.iter().map(|d| d.id.as_str())).await?;
    let tasks = found(tx, TASKS, batch.tasks.iter().map(|t| t.id.as_str())).await?;
    Ok(Before {
        contacts: rows_from_js(&contacts)?,
        organisations: rows_from_js(&organisations)?,
        interactions: rows_from_js(&interactions)?,
        dates: rows_from_js(&dates)?,
        tasks: rows_from_js(&tasks)?,
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

/// Records are made in pages: one JSON text and one parse per page
/// (record.rs), then a `put` per record.
const PAGE: usize = 200;
/// Photos per page: each is some tens of kilobytes.
const PHOTO_PAGE: usize = 10;
/// How long the writer queues requests before it gives the main thread
/// back: it then waits for the last request of the slice before (so one
/// slice is stored while the next is queued, a request is always pending
/// and the transaction stays active), and the page paints meanwhile. A
/// restore of 100,000 records never holds the main thread for long, however
/// slow the browser's `put` is.
const SLICE_MS: f64 = 12.0;

/// Every record a write puts, store by store.
pub(super) struct Records<'a> {
    pub contacts: &'a [Contact],
    pub organisations: &'a [Organisation],
    pub interactions: &'a [Interaction],
    pub dates: &'a [ImportantDate],
    pub tasks: &'a [Task],
}

impl Records<'_> {
    pub fn len(&self) -> usize {
        self.contacts.len()
            + self.organisations.len()
            + self.interactions.len()
            + self.dates.len()
            + self.tasks.len()
    }
}

/// Paces the requests of one transaction in slices of [`SLICE_MS`] and
/// counts what is queued.
pub(super) struct Pacer<'a> {
    /// The last request of the slice before.
    pending: Option<IdbRequest>,
    /// When this slice began.
    started: f64,
    done: usize,
    total: usize,
    progress: &'a dyn Fn(usize, usize),
}

impl<'a> Pacer<'a> {
    /// Calls `progress(done, total)` at the end of each slice.
    pub fn new(total: usize, progress: &'a dyn Fn(usize, usize)) -> Self {
        Pacer {
            pending: None,
            started: js_sys::Date::now(),
            done: 0,
            total,
            progress,
        }
    }

    /// Queues `records` in the store `name`; touches the store only if
    /// there is something to write.
    async fn put_pages(
        &mut self,
        tx: &IdbTransaction,
        name: &str,
        pages: &mut dyn Iterator<Item = Result<Array, StoreError>>,
    ) -> Result<(), StoreError> {
        let mut pages = pages.peekable();
        if pages.peek().is_none() {
            return Ok(());
        }
        let store = tx.object_store(name).map_err(js_error)?;
        for page in pages {
            for row in page?.iter() {
                let req = store.put(&row).map_err(js_error)?;
                self.done += 1;
                if self.done.is_multiple_of(16) && js_sys::Date::now() - self.started > SLICE_MS {
                    self.turn(req).await?;
                }
            }
        }
        (self.progress)(self.done, self.total);
        Ok(())
    }

    /// Ends a slice whose last request is `last`.
    async fn turn(&mut self, last: IdbRequest) -> Result<(), StoreError> {
        (self.progress)(self.done, self.total);
        // Requests settle in the order they were made: the slice before
        // was queued after the request this task resumed from, so its
        // last request has not settled yet.
        if let Some(previous) = self.pending.replace(last) {
            settle(&previous).await?;
        }
        self.started = js_sys::Date::now();
        Ok(())
    }

    /// Queues `photos`, a few at a time.
    pub async fn put_photos(
        &mut self,
        tx: &IdbTransaction,
        photos: &[Photo],
    ) -> Result<(), StoreError> {
        let mut pages = photos.chunks(PHOTO_PAGE).map(photos_to_js);
        self.put_pages(tx, PHOTOS, &mut pages).await
    }

    /// Queues every record of `records`.
    pub async fn put_records(
        &mut self,
        tx: &IdbTransaction,
        records: &Records<'_>,
    ) -> Result<(), StoreError> {
        // The pages are made as they are written: only the encoding is
        // compiled per record type, the writing once.
        self.put_pages(tx, CONTACTS, &mut pages(records.contacts))
            .await?;
        self.put_pages(tx, ORGANISATIONS, &mut pages(records.organisations))
            .await?;
        self.put_pages(tx, INTERACTIONS, &mut pages(records.interactions))
            .await?;
        self.put_pages(tx, DATES, &mut pages(records.dates)).await?;
        self.put_pages(tx, TASKS, &mut pages(records.tasks)).await
    }
}

/// `records` as stored, a page at a time.
fn pages<T: Stored>(records: &[T]) -> impl Iterator<Item = Result<Array, StoreError>> + '_ {
    records.chunks(PAGE).map(page_to_js)
}

/// Queues every record of `batch` in `tx` (the stores of
/// [`stores_touched`]).
pub(super) async fn put_all(tx: &IdbTransaction, batch: &Batch) -> Result<(), StoreError> {
    let records = Records {
        contacts: &batch.contacts,
        organisations: &batch.organisations,
        interactions: &batch.interactions,
        dates: &batch.dates,
        tasks: &batch.tasks,
    };
    let mut pace = Pacer::new(records.len(), &|_, _| {});
    pace.put_records(tx, &records).await?;
    pace.put_photos(tx, &batch.photos).await?;
    if !batch.photos_removed.is_empty() {
        let photos = tx.object_store(PHOTOS).map_err(js_error)?;
        for id in &batch.photos_removed {
            photos
                .delete(&JsValue::from_str(id.as_str()))
                .map_err(js_error)?;
        }
    }
    Ok(())
}
