//! The IndexedDB schema: store names and the upgrade steps, one per
//! version, run in order inside the browser's version-change transaction.

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters, IdbTransaction};

pub const CONTACTS: &str = "contacts";
pub const ORGANISATIONS: &str = "organisations";
pub const INTERACTIONS: &str = "interactions";
pub const DATES: &str = "dates";
pub const PHOTOS: &str = "photos";
pub const TASKS: &str = "tasks";

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
    keyed.set_key_path(&JsValue::from_str("id"));
    db.create_object_store_with_optional_parameters(CONTACTS, &keyed)?;
    db.create_object_store_with_optional_parameters(ORGANISATIONS, &keyed)?;
    let interactions = db.create_object_store_with_optional_parameters(INTERACTIONS, &keyed)?;
    interactions.create_index_with_str("by_date", "date")?;
    let multi = IdbIndexParameters::new();
    multi.set_multi_entry(true);
    interactions.create_index_with_str_and_optional_parameters(
        "by_timeline",
        "timeline",
        &multi,
    )?;
    let dates = db.create_object_store_with_optional_parameters(DATES, &keyed)?;
    dates.create_index_with_str("by_contact", "contact_id")?;
    Ok(())
}

fn v2_organisation_index(_db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    // The organisation page lists its people; the browser builds the index
    // over the people already stored.
    tx.object_store(CONTACTS)?
        .create_index_with_str("by_organisation", "organisation_id")?;
    Ok(())
}

fn v3_photos(db: &IdbDatabase, _tx: &IdbTransaction) -> Result<(), JsValue> {
    // Pictures live apart from people, so loading people never loads them.
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str("contact_id"));
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
        .create_index_with_str_sequence("by_month_day", &key)?;
    let keyed = IdbObjectStoreParameters::new();
    keyed.set_key_path(&JsValue::from_str("id"));
    let tasks = db.create_object_store_with_optional_parameters(TASKS, &keyed)?;
    tasks.create_index_with_str("by_open_due", "open_due")?;
    let multi = IdbIndexParameters::new();
    multi.set_multi_entry(true);
    tasks.create_index_with_str_and_optional_parameters(
        "by_open_contact",
        "open_contacts",
        &multi,
    )?;
    Ok(())
}
