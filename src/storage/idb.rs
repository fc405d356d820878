//! The IndexedDB store: Kith's one place of record in the browser.
//! [`IdbStore`] opens (creating or upgrading) the database and answers the
//! [`Store`] queries; the schema it opens at is in schema.rs.
//!
//! Upgrades run `schema::MIGRATIONS` in order from the stored version, inside
//! the browser's version-change transaction: all or nothing. Every write goes
//! through one durable transaction (write.rs); reads through read.rs; stored
//! records are shaped in record.rs; requests are awaited in request.rs.

use js_sys::Array;
use kith_core::model::{Batch, Contact, Interaction, Organisation, Photo, Task};
use kith_core::store::{Counts, Store, StoreError, TimelineCursor};
use kith_core::{Before, ContactId, ImportantDate, OrganisationId};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    IdbCursorDirection, IdbDatabase, IdbKeyRange, IdbOpenDbRequest, IdbVersionChangeEvent,
};

use super::read::{read_all, walk};
use super::record::{day_key, from_js, photo_from_js, rows_in};
use super::request::{js_error, settle};
use super::schema::{
    ALL_STORES, BY_CONTACT, BY_DATE, BY_MONTH_DAY, BY_OPEN_CONTACT, BY_OPEN_DUE, BY_ORGANISATION,
    BY_TIMELINE, CONTACTS, DATES, INTERACTIONS, MIGRATIONS, ORGANISATIONS, PHOTOS, SCHEMA_VERSION,
    TASKS,
};
use super::{read, write};

/// An open Kith database.
pub struct IdbStore {
    pub(super) db: IdbDatabase,
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
        Self::opening(name, version, || {}).await
    }

    /// Like [`IdbStore::open`], calling `blocked` if the upgrade has to
    /// wait for another tab (still on an older Kith) to let go of the
    /// database, so the page can say so instead of seeming stuck.
    pub async fn open_or_wait(
        name: &str,
        blocked: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
        Self::opening(name, SCHEMA_VERSION, blocked).await
    }

    async fn opening(
        name: &str,
        version: u32,
        blocked: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
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
        // `versionchange`, but one that is frozen in the background, or
        // busy, may not yet), so it is said, not treated as a failure.
        let blocked = Closure::<dyn FnMut()>::new(blocked);
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

    /// Whether a write since the last call merged with another tab's
    /// change (so what is shown should be read again).
    pub fn take_rebased(&self) -> bool {
        self.rebased.replace(false)
    }
}

impl IdbStore {
    /// Writes `batch` in one transaction over only the stores it touches
    /// (a smaller scope, and a database opened at an older schema — the
    /// upgrade tests — can still be written); with `keep_before`, first
    /// reads what it replaces.
    async fn write(&self, batch: &Batch, keep_before: bool) -> Result<Before, StoreError> {
        let mut before = Before::default();
        if batch.is_empty() {
            return Ok(before);
        }
        let touched = write::stores_touched(batch);
        let cancelled = "the write was cancelled; nothing was saved";
        write::in_write_tx(
            &self.db,
            &touched,
            write::Durability::Strict,
            cancelled,
            async |tx| {
                if keep_before {
                    before = write::previous(tx, batch).await?;
                }
                let rebased = write::rebase(tx, batch).await?;
                if rebased.is_some() {
                    self.rebased.set(true);
                }
                write::put_all(tx, rebased.as_ref().unwrap_or(batch)).await
            },
        )
        .await?;
        Ok(before)
    }
}

impl Store for IdbStore {
    async fn load_people(&self) -> Result<(Vec<Contact>, Vec<Organisation>), StoreError> {
        // People in pages, each read and parsed in its own task, so
        // start-up never holds the main thread for all 10,000 at once.
        let tx = read::tx(&self.db, &[CONTACTS, ORGANISATIONS])?;
        let orgs = tx
            .object_store(ORGANISATIONS)
            .and_then(|s| s.get_all())
            .map_err(js_error)?;
        let orgs = rows_in(&settle(&orgs).await?, ORGANISATIONS);
        Ok((read_all(&tx, CONTACTS).await?, orgs))
    }

    async fn contact(&self, id: &ContactId) -> Result<Option<Contact>, StoreError> {
        let tx = read::tx(&self.db, &[CONTACTS])?;
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
        let index = read::index(&self.db, CONTACTS, BY_ORGANISATION)?;
        let req = index
            .get_all_with_key(&JsValue::from_str(org.as_str()))
            .map_err(js_error)?;
        let people: Vec<Contact> = rows_in(&settle(&req).await?, CONTACTS);
        Ok(people.into_iter().filter(Contact::is_live).collect())
    }

    async fn commit(&self, batch: &Batch) -> Result<(), StoreError> {
        self.write(batch, false).await.map(drop)
    }

    async fn commit_undoable(&self, batch: &Batch) -> Result<Before, StoreError> {
        self.write(batch, true).await
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
        let index = read::index(&self.db, INTERACTIONS, BY_TIMELINE)?;
        let (page, last) = walk(&index, &range, IdbCursorDirection::Prev, limit).await?;
        let more = page.len() == limit;
        Ok((page, last.filter(|_| more).map(TimelineCursor)))
    }

    async fn interactions_between(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        limit: usize,
    ) -> Result<Vec<Interaction>, StoreError> {
        let range = IdbKeyRange::bound(&day_key(from), &day_key(to)).map_err(js_error)?;
        let index = read::index(&self.db, INTERACTIONS, BY_DATE)?;
        Ok(walk(&index, &range, IdbCursorDirection::Next, limit)
            .await?
            .0)
    }

    async fn upcoming_dates(
        &self,
        from: chrono::NaiveDate,
        days: u32,
    ) -> Result<Vec<ImportantDate>, StoreError> {
        let index = read::index(&self.db, DATES, BY_MONTH_DAY)?;
        let key = |(m, d): (u32, u32)| -> JsValue { Array::of2(&m.into(), &d.into()).into() };
        let mut found: Vec<ImportantDate> = Vec::new();
        for (lo, hi) in kith_core::store::month_day_ranges(from, days) {
            let range = IdbKeyRange::bound(&key(lo), &key(hi)).map_err(js_error)?;
            let req = index.get_all_with_key(&range).map_err(js_error)?;
            found.extend(rows_in::<ImportantDate>(&settle(&req).await?, DATES));
        }
        found.retain(|d| d.deleted.is_none());
        kith_core::sort::sort_by(&mut found, |a, b| {
            (a.month, a.day, &a.id).cmp(&(b.month, b.day, &b.id))
        });
        Ok(found)
    }

    async fn open_tasks(&self, until: chrono::NaiveDate) -> Result<Vec<Task>, StoreError> {
        let index = read::index(&self.db, TASKS, BY_OPEN_DUE)?;
        let range = IdbKeyRange::upper_bound(&day_key(until)).map_err(js_error)?;
        let req = index.get_all_with_key(&range).map_err(js_error)?;
        let mut tasks: Vec<Task> = rows_in(&settle(&req).await?, TASKS);
        kith_core::sort::sort_by(&mut tasks, |a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        Ok(tasks)
    }

    async fn tasks_for(&self, contact: &ContactId) -> Result<Vec<Task>, StoreError> {
        let index = read::index(&self.db, TASKS, BY_OPEN_CONTACT)?;
        let req = index
            .get_all_with_key(&JsValue::from_str(contact.as_str()))
            .map_err(js_error)?;
        let mut tasks: Vec<Task> = rows_in(&settle(&req).await?, TASKS);
        kith_core::sort::sort_by(&mut tasks, |a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        Ok(tasks)
    }

    async fn interactions_after(
        &self,
        after: Option<&kith_core::InteractionId>,
        limit: usize,
    ) -> Result<Vec<Interaction>, StoreError> {
        let store = read::tx(&self.db, &[INTERACTIONS])?
            .object_store(INTERACTIONS)
            .map_err(js_error)?;
        let req = match after {
            None => store.get_all_with_key_and_limit(&JsValue::NULL, limit as u32),
            Some(id) => IdbKeyRange::lower_bound_with_open(&id.as_str().into(), true)
                .and_then(|range| store.get_all_with_key_and_limit(&range, limit as u32)),
        }
        .map_err(js_error)?;
        Ok(rows_in(&settle(&req).await?, INTERACTIONS))
    }

    async fn all_tasks(&self) -> Result<Vec<Task>, StoreError> {
        read_all(&read::tx(&self.db, &[TASKS])?, TASKS).await
    }

    async fn found(
        &self,
        sources: &[kith_core::fulltext::Source],
    ) -> Result<(Vec<Interaction>, Vec<Task>), StoreError> {
        use kith_core::fulltext::Source;
        let tx = read::tx(&self.db, &[INTERACTIONS, TASKS])?;
        let (interactions, tasks) = (
            tx.object_store(INTERACTIONS).map_err(js_error)?,
            tx.object_store(TASKS).map_err(js_error)?,
        );
        // Every read asked for at once; the browser answers them in order.
        let mut asked = Vec::with_capacity(sources.len());
        for source in sources {
            asked.push(match source {
                Source::Interaction(id) => (true, interactions.get(&id.as_str().into())),
                Source::Task(id) => (false, tasks.get(&id.as_str().into())),
            });
        }
        let (mut found_i, mut found_t) = (Vec::new(), Vec::new());
        for (is_interaction, req) in asked {
            let value = settle(&req.map_err(js_error)?).await?;
            if value.is_undefined() {
                continue;
            }
            let one = Array::of1(&value);
            if is_interaction {
                found_i.extend(rows_in::<Interaction>(&one, INTERACTIONS));
            } else {
                found_t.extend(rows_in::<Task>(&one, TASKS));
            }
        }
        Ok((found_i, found_t))
    }

    async fn photo(&self, contact: &ContactId) -> Result<Option<Photo>, StoreError> {
        let tx = read::tx(&self.db, &[PHOTOS])?;
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
        let index = read::index(&self.db, DATES, BY_CONTACT)?;
        let req = index
            .get_all_with_key(&JsValue::from_str(contact.as_str()))
            .map_err(js_error)?;
        let dates: Vec<ImportantDate> = rows_in(&settle(&req).await?, DATES);
        Ok(dates.into_iter().filter(|d| d.deleted.is_none()).collect())
    }

    async fn export(&self, app_version: &str) -> Result<kith_core::backup::Backup, StoreError> {
        let tx = read::tx(&self.db, &ALL_STORES)?;
        super::backup::everything(&tx, app_version, true, true, &|_, _| {}).await
    }

    async fn replace_all(&self, backup: &kith_core::backup::Backup) -> Result<(), StoreError> {
        self.restore(backup, false, &|_, _, _| {}).await.map(drop)
    }

    async fn counts(&self) -> Result<Counts, StoreError> {
        let tx = read::tx(
            &self.db,
            &[CONTACTS, ORGANISATIONS, INTERACTIONS, DATES, TASKS],
        )?;
        let [contacts, organisations, interactions, dates, tasks] =
            super::backup::counts_in(&tx).await?;
        Ok(Counts {
            contacts,
            organisations,
            interactions,
            dates,
            tasks,
        })
    }
}
