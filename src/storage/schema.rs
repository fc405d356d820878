//! The IndexedDB schema: every store, index and indexed property named once,
//! and the upgrade steps, one per version, run in order inside the browser's
//! version-change transaction (all or nothing).
//!
//! Database `kith` (another name in tests), version [`SCHEMA_VERSION`]:
//!
//! | store           | key          | indexes                                                              | since        |
//! |-----------------|--------------|----------------------------------------------------------------------|--------------|
//! | `contacts`      | `id`         | `by_organisation` (`organisation_id`)                                | v1, index v2 |
//! | `organisations` | `id`         |                                                                      | v1           |
//! | `interactions`  | `id`         | `by_date` (`date`), `by_timeline` (`timeline`, multi-entry)          | v1           |
//! | `dates`         | `id`         | `by_contact` (`contact_id`); `by_month_day` (`[month, day]`, v4)     | v1           |
//! | `photos`        | `contact_id` | none (records hold `mime`, and `bytes` as a `Uint8Array`)            | v3           |
//! | `tasks`         | `id`         | `by_open_due` (`open_due`), `by_open_contact` (`open_contacts`, multi-entry) | v4   |
//!
//! Records are the core's serde types stored as plain objects, so most key
//! paths are the core's field names. Three properties exist only in the
//! store, added on write (record.rs): an interaction's `timeline` (its
//! [`kith_core::model::timeline_key`]s, so a person's history pages newest
//! first straight from the index and start-up never reads interactions), and
//! an open task's `open_due` and `open_contacts` (absent once done, so those
//! indexes hold open tasks alone).
//!
//! Steps are append only: a shipped step never changes what it does.

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters, IdbTransaction};

pub const CONTACTS: &str = "contacts";
pub const ORGANISATIONS: &str = "organisations";
pub const INTERACTIONS: &str = "interactions";
pub const DATES: &str = "dates";
pub const PHOTOS: &str = "photos";
pub const TASKS: &str = "tasks";

/// Every store (a backup holds them all).
pub const ALL_STORES: [&str; 6] = [CONTACTS, ORGANISATIONS, INTERACTIONS, DATES, TASKS, PHOTOS];

/// `contacts`: people by their organisation.
pub const BY_ORGANISATION: &str = "by_organisation";
/// `interactions`: by day.
pub const BY_DATE: &str = "by_date";
/// `interactions`: by [`TIMELINE`] key, one entry per person.
pub const BY_TIMELINE: &str = "by_timeline";
/// `dates`: by the person they belong to.
pub const BY_CONTACT: &str = "by_contact";
/// `dates`: by `[month, day]`.
pub const BY_MONTH_DAY: &str = "by_month_day";
/// `tasks`: open tasks by [`OPEN_DUE`].
pub const BY_OPEN_DUE: &str = "by_open_due";
/// `tasks`: open tasks by each of their [`OPEN_CONTACTS`].
pub const BY_OPEN_CONTACT: &str = "by_open_contact";

/// The key of every store but `photos`.
pub const ID: &str = "id";
/// The key of `photos`: the person the picture belongs to.
pub const PHOTO_KEY: &str = "contact_id";
/// Added to each interaction: its timeline keys.
pub const TIMELINE: &str = "timeline";
/// Added to an open task: its due day.
pub const OPEN_DUE: &str = "open_due";
/// Added to an open task: its people's ids.
pub const OPEN_CONTACTS: &str = "open_contacts";

type Migration = fn(&IdbDatabase, &IdbTransaction) -> Result<(), JsValue>;

/// Schema steps; step `n` takes the database from version `n` to `n + 1`.
/// Append only: a shipped step never changes.
pub const MIGRATIONS: &[Migration] = &[
    v1_stores,
    v2_organisation_index,
    v3_photos,
    v4_tasks_and_upcoming_dates,
];

/// The version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

fn v1_stores(db: &IdbDatabase, _tx: &IdbTransaction) -> Result<(), JsValue> {
    let keyed = IdbObjectStoreParameters::new();
    keyed.set_key_path(&JsValue::from_str(ID));
    db.create_object_store_with_optional_parameters(CONTACTS, &keyed)?;
    db.create_object_store_with_optional_parameters(ORGANISATIONS, &keyed)?;
    let interactions = db.create_object_store_with_optional_parameters(INTERACTIONS, &keyed)?;
    interactions.create_index_with_str(BY_DATE, "date")?;
    let multi = IdbIndexParameters::new();
    multi.set_multi_entry(true);
    interactions.create_index_with_str_and_optional_parameters(BY_TIMELINE, TIMELINE, &multi)?;
    let dates = db.create_object_store_with_optional_parameters(DATES, &keyed)?;
    dates.create_index_with_str(BY_CONTACT, "contact_id")?;
    Ok(())
}

fn v2_organisation_index(_db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    // The organisation page lists its people; the browser builds the index
    // over the people already stored.
    tx.object_store(CONTACTS)?
        .create_index_with_str(BY_ORGANISATION, "organisation_id")?;
    Ok(())
}

fn v3_photos(db: &IdbDatabase, _tx: &IdbTransaction) -> Result<(), JsValue> {
    // Pictures live apart from people, so loading people never loads them.
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str(PHOTO_KEY));
    db.create_object_store_with_optional_parameters(PHOTOS, &params)?;
    Ok(())
}

fn v4_tasks_and_upcoming_dates(db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    // Upcoming birthdays are a month-day range; the browser indexes the
    // dates already stored.
    let key: Array = ["month", "day"]
        .iter()
        .map(|k| JsValue::from_str(k))
        .collect();
    tx.object_store(DATES)?
        .create_index_with_str_sequence(BY_MONTH_DAY, &key)?;
    let keyed = IdbObjectStoreParameters::new();
    keyed.set_key_path(&JsValue::from_str(ID));
    let tasks = db.create_object_store_with_optional_parameters(TASKS, &keyed)?;
    tasks.create_index_with_str(BY_OPEN_DUE, OPEN_DUE)?;
    let multi = IdbIndexParameters::new();
    multi.set_multi_entry(true);
    tasks.create_index_with_str_and_optional_parameters(BY_OPEN_CONTACT, OPEN_CONTACTS, &multi)?;
    Ok(())
}
