//! Backups in and out of the store: the file made straight from the
//! stored records, the records a preview compares with, and the restore
//! that replaces everything.
//!
//! The export does not bring the records into the wasm: each page `getAll`
//! reads loses the store-only properties (schema.rs), is turned into text
//! by the browser's own `JSON.stringify`, and the pieces go to a `Blob` as
//! they are. Only the envelope, the photos (their bytes become base64) and
//! the preferences are written in Rust, by the same functions as
//! [`Backup::json_pieces`].
//!
//! Invariant: the exported text means the same JSON as
//! [`Backup::json_pieces`] of the same stored data (tests/idb.rs checks
//! it): the stored records are the records' serde form (record.rs), in the
//! store's key order, which is the order of their ids; `exported_at` is the
//! newest `updated`. A record stored by an older Kith that lacks a field
//! added since keeps lacking it in the file, which every Kith reads as that
//! field's default.
//!
//! A restore is one write transaction, all or nothing, written a page at a
//! time (write.rs) with relaxed durability: see
//! docs/storage-performance.md for the figures behind both choices.
//!
//! [`Backup::json_pieces`]: kith_core::backup::Backup::json_pieces

use js_sys::{Array, JsString, Reflect};
use kith_core::backup::{
    between_lists, file_head, file_tail, Backup, BackupPhoto, Settings, LISTS,
};
use kith_core::model::{Contact, Interaction, Organisation, Photo, Task};
use kith_core::store::StoreError;
use kith_core::ImportantDate;
use kith_core::Timestamp;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbTransaction};

use super::idb::IdbStore;
use super::read::{self, each_page};
use super::record::{
    forget_unreadable, note, photo_from_js, readable, rows_from_js, rows_in, unreadable,
};
use super::request::{js_error, settle};
use super::schema::{
    ALL_STORES, CONTACTS, DATES, ID, INTERACTIONS, OPEN_CONTACTS, OPEN_DUE, ORGANISATIONS, PHOTOS,
    PHOTO_KEY, TASKS, TIMELINE,
};
use super::write;

/// Records per page: each page is one `getAll`, one `JSON.stringify` and
/// one piece of the file, a task of its own. (Pages of 1,000 interactions
/// with long notes were tasks of 100–200 ms on the benchmark's machine.)
const PAGE: u32 = 400;
/// Pages become a `Blob` about a megabyte and a half at a time: one `Blob`
/// for the whole file is one long step, one per page many trips to the
/// browser. (4 MB of text took 30–50 ms to become a `Blob`.)
const BLOB_CHARS: u32 = 1_500_000;
/// Photos per page: each is up to some tens of kilobytes.
const PHOTO_PAGE: u32 = 50;

/// A backup file, in pieces held by the browser (text, and pages already
/// made `Blob`s as they were read, so no single step encodes the whole
/// file): joined, they are the file.
pub struct BackupText {
    parts: Array,
}

impl From<String> for BackupText {
    /// A file already whole (an encrypted one).
    fn from(text: String) -> Self {
        BackupText {
            parts: Array::of1(&text.into()),
        }
    }
}

impl BackupText {
    /// The pieces, as a `Blob` takes them.
    pub fn parts(&self) -> &Array {
        &self.parts
    }

    /// The whole text (what encryption needs).
    pub async fn text(&self) -> Result<String, StoreError> {
        let whole = web_sys::Blob::new_with_u8_array_sequence(&self.parts).map_err(js_error)?;
        let text = wasm_bindgen_futures::JsFuture::from(whole.text())
            .await
            .map_err(js_error)?;
        Ok(text.as_string().unwrap_or_default())
    }
}

/// Each record store in the file's order, with the properties the store
/// adds to its records (the last added first: V8 removes a newest
/// property cheaply).
const RECORDS: [(&str, &[&str]); 5] = [
    (CONTACTS, &[]),
    (ORGANISATIONS, &[]),
    (INTERACTIONS, &[TIMELINE]),
    (DATES, &[]),
    (TASKS, &[OPEN_CONTACTS, OPEN_DUE]),
];

/// Everything stored, as a backup file with these preferences, read in
/// one transaction. Calls `progress(done, total)` as records are read.
async fn backup_text(
    db: &IdbDatabase,
    app_version: &str,
    settings: &Option<Settings>,
    progress: &dyn Fn(usize, usize),
) -> Result<BackupText, StoreError> {
    let tx = read::tx(db, &ALL_STORES)?;
    let total = count(&tx).await?;
    let mut file = Pieces::default();
    let updated = JsValue::from_str("updated");
    let mut newest = 0.0f64;
    let mut done = 0;
    for (k, (name, added)) in RECORDS.into_iter().enumerate() {
        if k > 0 {
            file.push(&between_lists(LISTS[k]).into())?;
        }
        let added: Vec<JsValue> = added.iter().map(|p| JsValue::from_str(p)).collect();
        let mut first = true;
        each_page(&tx, name, ID, PAGE, &mut |rows| {
            // A record that cannot be read would make the file one no Kith
            // restores: it is left out, and named (record.rs).
            let rows = match CHECKS[k](&rows) {
                Ok(()) => rows,
                Err(_) => readable(&rows, name, &CHECKS[k]),
            };
            if rows.length() == 0 {
                return Ok(());
            }
            for row in rows.iter() {
                for property in &added {
                    Reflect::delete_property(row.unchecked_ref::<js_sys::Object>(), property)
                        .map_err(js_error)?;
                }
                let stamp = Reflect::get(&row, &updated).map_err(js_error)?;
                newest = newest.max(stamp.as_f64().unwrap_or(0.0));
            }
            let text: JsString = js_sys::JSON::stringify(&rows).map_err(|e| {
                StoreError::Corrupt(format!("a stored record could not be read: {e:?}"))
            })?;
            if !first {
                file.push(&",".into())?;
            }
            first = false;
            // "[a,b]" → "a,b": the list's brackets are the envelope's.
            file.push(&text.slice(1, text.length() - 1))?;
            done += rows.length() as usize;
            progress(done, total);
            Ok(())
        })
        .await?;
    }
    file.push(&between_lists(LISTS[5]).into())?;
    let mut first = true;
    each_page(&tx, PHOTOS, PHOTO_KEY, PHOTO_PAGE, &mut |rows| {
        for row in rows.iter() {
            let photo = match photo_from_js(&row) {
                Ok(photo) => BackupPhoto::of(&photo),
                Err(e) => {
                    note(PHOTOS, &row, &e);
                    continue;
                }
            };
            let text = serde_json::to_string(&photo)
                .map_err(|e| StoreError::Other(format!("could not write a photo: {e}")))?;
            if !first {
                file.push(&",".into())?;
            }
            first = false;
            file.push(&text.into())?;
        }
        Ok(())
    })
    .await?;
    file.push(&file_tail(settings).into())?;
    // The head says the newest `updated`, known only now.
    let head = file_head(app_version, Timestamp(newest as i64));
    Ok(BackupText {
        parts: file.finish(&head.into())?,
    })
}

/// Checks that a page of a record store's rows reads as its records.
type Check = fn(&JsValue) -> Result<(), StoreError>;

fn check<T: DeserializeOwned>(rows: &JsValue) -> Result<(), StoreError> {
    rows_from_js::<T>(rows).map(drop)
}

/// Each record store's check, in [`RECORDS`] order.
const CHECKS: [Check; 5] = [
    check::<Contact>,
    check::<Organisation>,
    check::<Interaction>,
    check::<ImportantDate>,
    check::<Task>,
];

/// A file's pieces as they come: strings, gathered into a `Blob` a few
/// megabytes at a time.
#[derive(Default)]
struct Pieces {
    blobs: Vec<JsValue>,
    waiting: Vec<JsValue>,
    chars: u32,
}

impl Pieces {
    fn push(&mut self, text: &JsValue) -> Result<(), StoreError> {
        self.chars += text.unchecked_ref::<JsString>().length();
        self.waiting.push(text.clone());
        if self.chars > BLOB_CHARS {
            self.gather()?;
        }
        Ok(())
    }

    fn gather(&mut self) -> Result<(), StoreError> {
        let texts: Array = self.waiting.drain(..).collect();
        let blob = web_sys::Blob::new_with_str_sequence(&texts).map_err(js_error)?;
        self.blobs.push(blob.into());
        self.chars = 0;
        Ok(())
    }

    /// All the pieces, after `head`.
    fn finish(mut self, head: &JsValue) -> Result<Array, StoreError> {
        self.gather()?;
        Ok(std::iter::once(head.clone()).chain(self.blobs).collect())
    }
}

/// How many records each record store holds, in [`RECORDS`] order (the
/// order of [`kith_core::Counts`]'s fields).
pub(super) async fn counts_in(tx: &IdbTransaction) -> Result<[usize; 5], StoreError> {
    let mut reqs = Vec::new();
    for (name, _) in RECORDS {
        reqs.push(
            tx.object_store(name)
                .and_then(|s| s.count())
                .map_err(js_error)?,
        );
    }
    let mut n = [0usize; 5];
    for (slot, req) in n.iter_mut().zip(&reqs) {
        *slot = settle(req).await?.as_f64().unwrap_or(0.0) as usize;
    }
    Ok(n)
}

async fn count(tx: &IdbTransaction) -> Result<usize, StoreError> {
    Ok(counts_in(tx).await?.iter().sum())
}

/// What a long job is doing, for its progress: reading what is here, or
/// writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Reading,
    Writing,
}

impl IdbStore {
    /// Every record (tombstones included), without photos: what a preview
    /// of an import compares with.
    pub async fn records(&self, app_version: &str) -> Result<Backup, StoreError> {
        let tx = read::tx(&self.db, &ALL_STORES)?;
        everything(&tx, app_version, false, false, &|_, _| {}).await
    }

    /// Everything, as a backup file with these preferences, made without
    /// reading the records into the wasm (export.rs). Calls
    /// `progress(done, total)` as records are read.
    pub async fn backup_text(
        &self,
        app_version: &str,
        settings: &Option<Settings>,
        progress: &dyn Fn(usize, usize),
    ) -> Result<BackupText, StoreError> {
        backup_text(&self.db, app_version, settings, progress).await
    }

    /// Replaces every record and photo with the backup's, in one
    /// transaction (all or nothing). With `keep_earlier`, returns what was
    /// here, read in that same transaction just before: exactly what was
    /// replaced. Calls `progress(step, done, total)` as it goes.
    pub async fn restore(
        &self,
        backup: &Backup,
        keep_earlier: bool,
        progress: &dyn Fn(Step, usize, usize),
    ) -> Result<Option<Backup>, StoreError> {
        let cancelled = "the restore was cancelled; nothing was changed";
        // Relaxed: one transaction, still all or nothing; only the flush to
        // disk may follow its end (docs/storage-performance.md).
        let durability = write::Durability::Relaxed;
        let mut earlier = None;
        write::in_write_tx(&self.db, &ALL_STORES, durability, cancelled, async |tx| {
            if keep_earlier {
                let reading = |done, total| progress(Step::Reading, done, total);
                // A copy of this build's data, so this build's version.
                let version = env!("CARGO_PKG_VERSION");
                // What cannot be read is named, and cannot be kept.
                earlier = Some(everything(tx, version, true, false, &reading).await?);
            }
            for name in ALL_STORES {
                tx.object_store(name)
                    .and_then(|s| s.clear())
                    .map_err(js_error)?;
            }
            let records = write::Records {
                contacts: &backup.contacts,
                organisations: &backup.organisations,
                interactions: &backup.interactions,
                dates: &backup.dates,
                tasks: &backup.tasks,
            };
            let writing = |done, total| progress(Step::Writing, done, total);
            let mut pace = write::Pacer::new(records.len() + backup.photos.len(), &writing);
            pace.put_records(tx, &records).await?;
            // A photo whose data is not base64 was refused on restore.
            let photos: Vec<Photo> = backup
                .photos
                .iter()
                .filter_map(|p| {
                    Some(Photo {
                        contact_id: p.contact_id.clone(),
                        mime: p.mime.clone(),
                        bytes: kith_core::encoding::base64_decode(&p.data)?,
                    })
                })
                .collect();
            pace.put_photos(tx, &photos).await?;
            Ok(())
        })
        .await?;
        // Every record was replaced, the unreadable ones too.
        forget_unreadable();
        Ok(earlier)
    }
}

/// Every record within `tx` (and every photo, with `photos`), as a backup.
/// Each page is parsed as it is read, a task of its own. Calls
/// `progress(done, total)` after each page of records. A record that
/// cannot be read is noted (record.rs) and left out, or, with `strict`
/// (a merge, which writes back what it read), refused.
pub(super) async fn everything(
    tx: &IdbTransaction,
    app_version: &str,
    photos: bool,
    strict: bool,
    progress: &dyn Fn(usize, usize),
) -> Result<Backup, StoreError> {
    fn page<T: DeserializeOwned>(
        rows: &Array,
        name: &str,
        strict: bool,
    ) -> Result<Vec<T>, StoreError> {
        let found = rows_in(rows, name);
        if strict && found.len() < rows.length() as usize {
            return Err(StoreError::Corrupt(unreadable().join("; ")));
        }
        Ok(found)
    }
    let total = count(tx).await?;
    let done = std::cell::Cell::new(0);
    let step = |n: usize| {
        done.set(done.get() + n);
        progress(done.get(), total);
    };
    let (mut contacts, mut organisations, mut interactions) = (Vec::new(), Vec::new(), Vec::new());
    let (mut dates, mut tasks) = (Vec::new(), Vec::new());
    {
        // One reading loop for every store: only the parse is compiled
        // per record type.
        type Sink<'a> = &'a mut dyn FnMut(&Array) -> Result<(), StoreError>;
        let mut sinks: [Sink; 5] = [
            &mut |p| page(p, CONTACTS, strict).map(|rows| contacts.extend(rows)),
            &mut |p| page(p, ORGANISATIONS, strict).map(|rows| organisations.extend(rows)),
            &mut |p| page(p, INTERACTIONS, strict).map(|rows| interactions.extend(rows)),
            &mut |p| page(p, DATES, strict).map(|rows| dates.extend(rows)),
            &mut |p| page(p, TASKS, strict).map(|rows| tasks.extend(rows)),
        ];
        for ((name, _), sink) in RECORDS.into_iter().zip(&mut sinks) {
            each_page(tx, name, ID, PAGE, &mut |rows| {
                sink(&rows)?;
                step(rows.length() as usize);
                Ok(())
            })
            .await?;
        }
    }
    let backup = Backup::new(
        app_version,
        contacts,
        organisations,
        interactions,
        dates,
        tasks,
    );
    if !photos {
        return Ok(backup);
    }
    let mut photos = Vec::new();
    each_page(tx, PHOTOS, PHOTO_KEY, PHOTO_PAGE, &mut |rows| {
        for row in rows.iter() {
            match photo_from_js(&row) {
                Ok(photo) => photos.push(photo),
                Err(e) if !strict => note(PHOTOS, &row, &e),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    })
    .await?;
    Ok(backup.with_photos(&photos))
}
