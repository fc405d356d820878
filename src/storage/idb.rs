//! IndexedDB storage: Kith's one place of record in the browser.
//!
//! Database `kith` (another name in tests), schema version `SCHEMA_VERSION`
//! (the steps are in `schema.rs`):
//!
//! | store           | key  | indexes                                                        | since |
//! |-----------------|------|----------------------------------------------------------------|-------|
//! | `contacts`      | `id` | `by_organisation` (`organisation_id`)                          | v1, index v2 |
//! | `organisations` | `id` |                                                                | v1    |
//! | `interactions`  | `id` | `by_date` (`date`), `by_timeline` (`timeline`, multi-entry)    | v1    |
//! | `dates`         | `id` | `by_contact` (`contact_id`)                                    | v1    |
//! | `photos`        | `contact_id` | (`mime`, `bytes` as a `Uint8Array`)                    | v3    |
//! | `dates` index   |      | `by_month_day` (`[month, day]`)                                | v4    |
//! | `tasks`         | `id` | `by_open_due` (`open_due`), `by_open_contact` (`open_contacts`, multi-entry) | v4 |
//!
//! Records are the core's serde types stored as plain objects. Interactions
//! carry one extra property, `timeline`: their
//! [`kith_core::model::timeline_key`]s, so a person's history pages newest
//! first straight from the index and start-up never reads interactions.
//! Open tasks carry `open_due` and `open_contacts`, present only while
//! open, so those indexes hold open tasks alone.
//!
//! Upgrades run `schema::MIGRATIONS` in order from the stored version, inside the
//! browser's version-change transaction: all or nothing. Every request is
//! awaited through a JS promise whose resolve/reject are the request's own
//! handlers, so no Rust closure can outlive its request, and the awaiting
//! code resumes in the same microtask checkpoint, while the transaction is
//! still active.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use kith_core::model::{Batch, Contact, Interaction, Organisation, Photo, Task};
use kith_core::store::{Counts, Store, StoreError, TimelineCursor};
use kith_core::{ContactId, ImportantDate, OrganisationId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbCursorDirection, IdbCursorWithValue, IdbDatabase, IdbIndex, IdbKeyRange,
    IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode, IdbVersionChangeEvent,
};

use super::schema::{
    CONTACTS, DATES, INTERACTIONS, MIGRATIONS, ORGANISATIONS, PHOTOS, SCHEMA_VERSION, TASKS,
};

/// An open Kith database.
pub struct IdbStore {
    db: IdbDatabase,
    // Closes this connection when another tab wants to upgrade the schema,
    // so that tab is never blocked by this one.
    _on_version_change: Closure<dyn FnMut()>,
    rebased: std::cell::Cell<bool>,
}

impl IdbStore {
    /// Opens (creating or upgrading as needed) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        Self::open_at(name, SCHEMA_VERSION).await
    }

    /// Opens `name` at an older schema `version`; for upgrade tests.
    pub async fn open_at(name: &str, version: u32) -> Result<Self, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        let req: IdbOpenDbRequest = factory.open_with_u32(name, version).map_err(js_error)?;
        let steps = &MIGRATIONS[..version as usize];
        let upgrade =
            Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |ev: IdbVersionChangeEvent| {
                let Some(req) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
                else {
                    return;
                };
                let (Ok(db), Some(tx)) = (req.result(), req.transaction()) else {
                    return;
                };
                let db: IdbDatabase = db.unchecked_into();
                for step in &steps[ev.old_version() as usize..] {
                    if let Err(e) = step(&db, &tx) {
                        web_sys::console::error_2(&"Kith schema upgrade failed".into(), &e);
                        let _ = tx.abort();
                        return;
                    }
                }
            });
        req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        // `blocked` only says another connection has not closed yet; the
        // open goes on once it does (every Kith tab closes on
        // `versionchange`), so it is noted, not treated as a failure.
        let blocked = Closure::<dyn FnMut()>::new(|| {
            web_sys::console::warn_1(
                &"Kith: waiting for another tab to let go of the database".into(),
            );
        });
        req.set_onblocked(Some(blocked.as_ref().unchecked_ref()));
        let outcome = settle(&req).await;
        req.set_onupgradeneeded(None);
        req.set_onblocked(None);
        drop((upgrade, blocked));
        let db: IdbDatabase = outcome?.unchecked_into();
        let closer = db.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || {
            closer.close();
            // The page says so and offers a reload (components/update.rs).
            if let (Some(w), Ok(ev)) = (web_sys::window(), web_sys::Event::new("kith-db-closed")) {
                let _ = w.dispatch_event(&ev);
            }
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Ok(IdbStore {
            db,
            _on_version_change: on_version_change,
            rebased: std::cell::Cell::new(false),
        })
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    pub fn close(&self) {
        self.db.close();
    }

    /// Deletes the database `name`; for tests and "erase everything".
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        let req = factory.delete_database(name).map_err(js_error)?;
        settle(&req).await.map(|_| ())
    }

    fn tx(&self, stores: &[&str], mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(js_error)
    }

    /// A write transaction with strict durability: it completes only once
    /// the data is on disk, not merely handed to the operating system.
    /// (Through `Reflect`, as web-sys marks the options unstable; browsers
    /// without them ignore the argument.)
    fn write_tx(&self, stores: &[&str]) -> Result<IdbTransaction, StoreError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        let options = js_sys::Object::new();
        Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(js_error)?;
        let open = Reflect::get(&self.db, &"transaction".into())
            .map_err(js_error)?
            .dyn_into::<js_sys::Function>()
            .map_err(|_| StoreError::Unavailable)?;
        open.call3(&self.db, &names, &"readwrite".into(), &options)
            .map_err(js_error)?
            .dyn_into::<IdbTransaction>()
            .map_err(|_| StoreError::Unavailable)
    }

    /// Reads, inside the write transaction, the stored version of each
    /// person the batch changes from a known base; where another tab has
    /// stored a newer one meanwhile, the batch is rewritten to merge both
    /// changes (kith_core::rebase). `None` when nothing needed merging.
    async fn rebase(
        &self,
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
        if changed {
            self.rebased.set(true);
        }
        Ok(changed.then_some(merged))
    }

    /// Whether a write since the last call merged with another tab's
    /// change (so what is shown should be read again).
    pub fn take_rebased(&self) -> bool {
        self.rebased.replace(false)
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

    fn index(&self, store: &str, index: &str) -> Result<IdbIndex, StoreError> {
        let tx = self.tx(&[store], IdbTransactionMode::Readonly)?;
        tx.object_store(store)
            .and_then(|s| s.index(index))
            .map_err(js_error)
    }

    /// Reads a `getAll` result. Many records cross into wasm as one JSON
    /// string: one boundary crossing and a native parse, instead of a
    /// crossing per field (start-up reads every person this way).
    async fn get_all<T: DeserializeOwned>(&self, req: IdbRequest) -> Result<Vec<T>, StoreError> {
        let rows = settle(&req).await?;
        let json = js_sys::JSON::stringify(&rows)
            .map_err(|e| StoreError::Corrupt(format!("stored records could not be read: {e:?}")))?;
        let json = json.as_string().unwrap_or_default();
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    /// Every record of a store, read in pages of a few thousand within
    /// `tx`, so no single step holds the main thread for long.
    async fn read_all<T: DeserializeOwned>(
        &self,
        tx: &IdbTransaction,
        name: &str,
    ) -> Result<Vec<T>, StoreError> {
        const PAGE: u32 = 2_000;
        let store = tx.object_store(name).map_err(js_error)?;
        let mut out = Vec::new();
        let mut after: Option<JsValue> = None;
        loop {
            let req = match &after {
                None => store.get_all_with_key_and_limit(&JsValue::NULL, PAGE),
                Some(key) => {
                    let range = IdbKeyRange::lower_bound_with_open(key, true).map_err(js_error)?;
                    store.get_all_with_key_and_limit(&range, PAGE)
                }
            }
            .map_err(js_error)?;
            let rows: Array = settle(&req).await?.unchecked_into();
            let count = rows.length();
            if count > 0 {
                after = Some(Reflect::get(&rows.get(count - 1), &"id".into()).map_err(js_error)?);
                let json = js_sys::JSON::stringify(&rows).map_err(|e| {
                    StoreError::Corrupt(format!("stored records could not be read: {e:?}"))
                })?;
                let page: Vec<T> = serde_json::from_str(&json.as_string().unwrap_or_default())
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                out.extend(page);
            }
            if count < PAGE {
                return Ok(out);
            }
        }
    }

    /// Walks `index` over `range` in `direction`, keeping live records,
    /// until `limit` are kept. Returns them and the last index key visited.
    async fn walk<T: DeserializeOwned + Live>(
        &self,
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
            let record: T = from_js(cursor.value().map_err(js_error)?)?;
            if record.is_live() {
                found.push(record);
            }
            if found.len() < limit {
                cursor.continue_().map_err(js_error)?;
            }
        }
        Ok((found, last_key))
    }
}

/// Records that can be tombstoned.
trait Live {
    fn is_live(&self) -> bool;
}

impl Live for Interaction {
    fn is_live(&self) -> bool {
        self.deleted.is_none()
    }
}

impl Store for IdbStore {
    async fn load_people(&self) -> Result<(Vec<Contact>, Vec<Organisation>), StoreError> {
        let tx = self.tx(&[CONTACTS, ORGANISATIONS], IdbTransactionMode::Readonly)?;
        let people = tx
            .object_store(CONTACTS)
            .and_then(|s| s.get_all())
            .map_err(js_error)?;
        let orgs = tx
            .object_store(ORGANISATIONS)
            .and_then(|s| s.get_all())
            .map_err(js_error)?;
        Ok((self.get_all(people).await?, self.get_all(orgs).await?))
    }

    async fn contact(&self, id: &ContactId) -> Result<Option<Contact>, StoreError> {
        let tx = self.tx(&[CONTACTS], IdbTransactionMode::Readonly)?;
        let req = tx
            .object_store(CONTACTS)
            .and_then(|s| s.get(&JsValue::from_str(id.as_str())))
            .map_err(js_error)?;
        let found = settle(&req).await?;
        if found.is_undefined() {
            Ok(None)
        } else {
            from_js(found).map(Some)
        }
    }

    async fn contacts_in_organisation(
        &self,
        org: &OrganisationId,
    ) -> Result<Vec<Contact>, StoreError> {
        let index = self.index(CONTACTS, "by_organisation")?;
        let req = index
            .get_all_with_key(&JsValue::from_str(org.as_str()))
            .map_err(js_error)?;
        let people: Vec<Contact> = self.get_all(req).await?;
        Ok(people.into_iter().filter(Contact::is_live).collect())
    }

    async fn commit(&self, batch: &Batch) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        // Only the stores this batch writes: a smaller scope, and a database
        // opened at an older schema (the upgrade tests) can still be written.
        let touched: Vec<&str> = [
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
        .collect();
        let tx = self.write_tx(&touched)?;
        let outcome = completion(&tx);
        let rebased = match self.rebase(&tx, batch).await {
            Ok(rebased) => rebased,
            Err(e) => {
                let _ = tx.abort();
                return Err(e);
            }
        };
        let batch = rebased.as_ref().unwrap_or(batch);
        if let Err(e) = put_all(&tx, batch).await {
            let _ = tx.abort();
            return Err(e);
        }
        Self::flush(&tx);
        match JsFuture::from(outcome).await {
            Ok(_) => Ok(()),
            Err(_) => Err(tx.error().map(dom_error).unwrap_or_else(|| {
                StoreError::Other("the write was cancelled; nothing was saved".into())
            })),
        }
    }

    async fn timeline(
        &self,
        contact: &ContactId,
        after: Option<&TimelineCursor>,
        limit: usize,
    ) -> Result<(Vec<Interaction>, Option<TimelineCursor>), StoreError> {
        let lower = JsValue::from_str(&format!("{contact}|"));
        let upper =
            JsValue::from_str(&after.map_or_else(|| format!("{contact}}}"), |c| c.0.clone()));
        let range = IdbKeyRange::bound_with_lower_open_and_upper_open(&lower, &upper, false, true)
            .map_err(js_error)?;
        let index = self.index(INTERACTIONS, "by_timeline")?;
        let (page, last) = self
            .walk(&index, &range, IdbCursorDirection::Prev, limit)
            .await?;
        let more = page.len() == limit;
        Ok((page, last.filter(|_| more).map(TimelineCursor)))
    }

    async fn interactions_between(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        limit: usize,
    ) -> Result<Vec<Interaction>, StoreError> {
        let day = |d: chrono::NaiveDate| JsValue::from_str(&d.format("%Y-%m-%d").to_string());
        let range = IdbKeyRange::bound(&day(from), &day(to)).map_err(js_error)?;
        let index = self.index(INTERACTIONS, "by_date")?;
        Ok(self
            .walk(&index, &range, IdbCursorDirection::Next, limit)
            .await?
            .0)
    }

    async fn upcoming_dates(
        &self,
        from: chrono::NaiveDate,
        days: u32,
    ) -> Result<Vec<ImportantDate>, StoreError> {
        let index = self.index(DATES, "by_month_day")?;
        let key = |(m, d): (u32, u32)| -> JsValue { Array::of2(&m.into(), &d.into()).into() };
        let mut found: Vec<ImportantDate> = Vec::new();
        for (lo, hi) in kith_core::store::month_day_ranges(from, days) {
            let range = IdbKeyRange::bound(&key(lo), &key(hi)).map_err(js_error)?;
            let req = index.get_all_with_key(&range).map_err(js_error)?;
            found.extend(self.get_all::<ImportantDate>(req).await?);
        }
        found.retain(|d| d.deleted.is_none());
        found.sort_by(|a, b| (a.month, a.day, &a.id).cmp(&(b.month, b.day, &b.id)));
        Ok(found)
    }

    async fn open_tasks(&self, until: chrono::NaiveDate) -> Result<Vec<Task>, StoreError> {
        let index = self.index(TASKS, "by_open_due")?;
        let upper = JsValue::from_str(&until.format("%Y-%m-%d").to_string());
        let range = IdbKeyRange::upper_bound(&upper).map_err(js_error)?;
        let req = index.get_all_with_key(&range).map_err(js_error)?;
        let mut tasks: Vec<Task> = self.get_all(req).await?;
        tasks.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        Ok(tasks)
    }

    async fn tasks_for(&self, contact: &ContactId) -> Result<Vec<Task>, StoreError> {
        let index = self.index(TASKS, "by_open_contact")?;
        let req = index
            .get_all_with_key(&JsValue::from_str(contact.as_str()))
            .map_err(js_error)?;
        let mut tasks: Vec<Task> = self.get_all(req).await?;
        tasks.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        Ok(tasks)
    }

    async fn photo(&self, contact: &ContactId) -> Result<Option<Photo>, StoreError> {
        let tx = self.tx(&[PHOTOS], IdbTransactionMode::Readonly)?;
        let req = tx
            .object_store(PHOTOS)
            .and_then(|s| s.get(&JsValue::from_str(contact.as_str())))
            .map_err(js_error)?;
        let found = settle(&req).await?;
        if found.is_undefined() {
            return Ok(None);
        }
        photo_from_js(&found).map(Some)
    }

    async fn dates_for(&self, contact: &ContactId) -> Result<Vec<ImportantDate>, StoreError> {
        let index = self.index(DATES, "by_contact")?;
        let req = index
            .get_all_with_key(&JsValue::from_str(contact.as_str()))
            .map_err(js_error)?;
        let dates: Vec<ImportantDate> = self.get_all(req).await?;
        Ok(dates.into_iter().filter(|d| d.deleted.is_none()).collect())
    }

    async fn export(&self, app_version: &str) -> Result<kith_core::backup::Backup, StoreError> {
        let names = [CONTACTS, ORGANISATIONS, INTERACTIONS, DATES, TASKS, PHOTOS];
        let tx = self.tx(&names, IdbTransactionMode::Readonly)?;
        let backup = kith_core::backup::Backup::new(
            app_version,
            self.read_all(&tx, CONTACTS).await?,
            self.read_all(&tx, ORGANISATIONS).await?,
            self.read_all(&tx, INTERACTIONS).await?,
            self.read_all(&tx, DATES).await?,
            self.read_all(&tx, TASKS).await?,
        );
        let photos = tx
            .object_store(PHOTOS)
            .and_then(|s| s.get_all())
            .map_err(js_error)?;
        let rows: js_sys::Array = settle(&photos).await?.unchecked_into();
        let photos = rows
            .iter()
            .map(|row| photo_from_js(&row))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(backup.with_photos(&photos))
    }

    async fn replace_all(&self, backup: &kith_core::backup::Backup) -> Result<(), StoreError> {
        let names = [CONTACTS, ORGANISATIONS, INTERACTIONS, DATES, TASKS, PHOTOS];
        let tx = self.write_tx(&names)?;
        let outcome = completion(&tx);
        let batch = backup.to_batch();
        let write = async {
            for name in names {
                tx.object_store(name)
                    .and_then(|s| s.clear())
                    .map_err(js_error)?;
            }
            put_all(&tx, &batch).await
        };
        if let Err(e) = write.await {
            let _ = tx.abort();
            return Err(e);
        }
        Self::flush(&tx);
        match JsFuture::from(outcome).await {
            Ok(_) => Ok(()),
            Err(_) => Err(tx.error().map(dom_error).unwrap_or_else(|| {
                StoreError::Other("the restore was cancelled; nothing was changed".into())
            })),
        }
    }

    async fn counts(&self) -> Result<Counts, StoreError> {
        let tx = self.tx(
            &[CONTACTS, ORGANISATIONS, INTERACTIONS, DATES, TASKS],
            IdbTransactionMode::Readonly,
        )?;
        let count = |name| {
            tx.object_store(name)
                .and_then(|s| s.count())
                .map_err(js_error)
        };
        let reqs = [
            count(CONTACTS)?,
            count(ORGANISATIONS)?,
            count(INTERACTIONS)?,
            count(DATES)?,
            count(TASKS)?,
        ];
        let mut n = [0usize; 5];
        for (slot, req) in n.iter_mut().zip(&reqs) {
            *slot = settle(req).await?.as_f64().unwrap_or(0.0) as usize;
        }
        Ok(Counts {
            contacts: n[0],
            organisations: n[1],
            interactions: n[2],
            dates: n[3],
            tasks: n[4],
        })
    }
}

/// A stored photo record: `contact_id`, `mime`, and `bytes` as a
/// `Uint8Array`.
fn photo_from_js(row: &JsValue) -> Result<Photo, StoreError> {
    let field = |name: &str| Reflect::get(row, &name.into()).map_err(js_error);
    let contact = field("contact_id")?.as_string().unwrap_or_default();
    let contact_id = ContactId::parse(&contact)
        .ok_or_else(|| StoreError::Corrupt(format!("a photo belongs to no one ({contact:?})")))?;
    let mime = field("mime")?.as_string().unwrap_or_default();
    let bytes = field("bytes")?
        .dyn_into::<Uint8Array>()
        .map_err(|_| StoreError::Corrupt(format!("the photo of {contact} is not image bytes")))?
        .to_vec();
    Ok(Photo {
        contact_id,
        mime,
        bytes,
    })
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
    async fn queued(&mut self, req: IdbRequest) -> Result<(), StoreError> {
        self.queued += 1;
        if self.queued >= SLICE {
            self.queued = 0;
            settle(&req).await?;
        }
        Ok(())
    }
}

async fn put_all(tx: &IdbTransaction, batch: &Batch) -> Result<(), StoreError> {
    let store = |name| tx.object_store(name).map_err(js_error);
    let mut pace = Pacer::default();
    if !batch.contacts.is_empty() {
        let contacts = store(CONTACTS)?;
        for c in &batch.contacts {
            pace.queued(contacts.put(&to_js(c)?).map_err(js_error)?)
                .await?;
        }
    }
    if !batch.organisations.is_empty() {
        let organisations = store(ORGANISATIONS)?;
        for o in &batch.organisations {
            pace.queued(organisations.put(&to_js(o)?).map_err(js_error)?)
                .await?;
        }
    }
    if !batch.interactions.is_empty() {
        let interactions = store(INTERACTIONS)?;
        for i in &batch.interactions {
            let value = to_js(i)?;
            let keys: Array = i.timeline_keys().into_iter().map(JsValue::from).collect();
            Reflect::set(&value, &"timeline".into(), &keys).map_err(js_error)?;
            pace.queued(interactions.put(&value).map_err(js_error)?)
                .await?;
        }
    }
    if !batch.dates.is_empty() {
        let dates = store(DATES)?;
        for d in &batch.dates {
            pace.queued(dates.put(&to_js(d)?).map_err(js_error)?)
                .await?;
        }
    }
    if !batch.tasks.is_empty() {
        let tasks = store(TASKS)?;
        for t in &batch.tasks {
            let value = to_js(t)?;
            if t.is_open() {
                let due = JsValue::from_str(&t.due.format("%Y-%m-%d").to_string());
                let people: Array = t
                    .contact_ids
                    .iter()
                    .map(|c| JsValue::from_str(c.as_str()))
                    .collect();
                Reflect::set(&value, &"open_due".into(), &due).map_err(js_error)?;
                Reflect::set(&value, &"open_contacts".into(), &people).map_err(js_error)?;
            }
            pace.queued(tasks.put(&value).map_err(js_error)?).await?;
        }
    }
    if !batch.photos.is_empty() || !batch.photos_removed.is_empty() {
        let photos = store(PHOTOS)?;
        for p in &batch.photos {
            let record = js_sys::Object::new();
            for (key, value) in [
                ("contact_id", JsValue::from_str(p.contact_id.as_str())),
                ("mime", JsValue::from_str(&p.mime)),
                ("bytes", Uint8Array::from(p.bytes.as_slice()).into()),
            ] {
                Reflect::set(&record, &key.into(), &value).map_err(js_error)?;
            }
            photos.put(&record).map_err(js_error)?;
        }
        for id in &batch.photos_removed {
            photos
                .delete(&JsValue::from_str(id.as_str()))
                .map_err(js_error)?;
        }
    }
    Ok(())
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

/// Awaits a request's success (its result) or failure.
async fn settle(req: &IdbRequest) -> Result<JsValue, StoreError> {
    let outcome = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    match JsFuture::from(outcome).await {
        Ok(_) => req.result().map_err(js_error),
        Err(event) => {
            if let Some(ev) = event.dyn_ref::<web_sys::Event>() {
                // Handled here; keep the browser from also aborting silently.
                ev.prevent_default();
            }
            Err(req
                .error()
                .ok()
                .flatten()
                .map(dom_error)
                .unwrap_or_else(|| js_error(event)))
        }
    }
}

fn dom_error(e: DomException) -> StoreError {
    match e.name().as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "VersionError" => StoreError::NewerSchema,
        "InvalidStateError" => StoreError::Closed,
        _ => StoreError::Other(format!("{}: {}", e.name(), e.message())),
    }
}

fn js_error(e: JsValue) -> StoreError {
    match e.dyn_into::<DomException>() {
        Ok(dom) => dom_error(dom),
        Err(other) => StoreError::Other(format!("{other:?}")),
    }
}

/// Records cross the wasm boundary as JSON text: one crossing per record
/// and the browser's native parser, instead of one crossing per field (and
/// no second serialiser in the wasm).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(value)
        .map_err(|e| StoreError::Other(format!("could not prepare a record: {e}")))?;
    js_sys::JSON::parse(&json)
        .map_err(|e| StoreError::Other(format!("could not prepare a record: {e:?}")))
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StoreError> {
    let json = js_sys::JSON::stringify(&value)
        .map_err(|e| StoreError::Corrupt(format!("a stored record could not be read: {e:?}")))?;
    serde_json::from_str(&json.as_string().unwrap_or_default())
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}
