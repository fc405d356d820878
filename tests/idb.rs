//! The IndexedDB store in a real browser (wasm-bindgen-test; scripts/test.sh
//! runs it in headless Chromium, headless Firefox ESR and WebKitGTK): the
//! shared storage contract, reopening, and the schema upgrade path. Each test
//! uses its own database name.

use kith::storage::{IdbStore, SCHEMA_VERSION};
use kith_core::contract;
use kith_core::model::Batch;
use kith_core::{Store, StoreError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> IdbStore {
    IdbStore::delete(name)
        .await
        .expect("delete old test database");
    IdbStore::open(name).await.expect("open test database")
}

#[wasm_bindgen_test]
async fn crud() {
    contract::crud(&fresh("test-crud").await).await;
}

#[wasm_bindgen_test]
async fn organisation_members() {
    contract::organisation_members(&fresh("test-orgs").await).await;
}

#[wasm_bindgen_test]
async fn timeline_paging() {
    contract::timeline_paging(&fresh("test-timeline").await).await;
}

#[wasm_bindgen_test]
async fn day_range() {
    contract::day_range(&fresh("test-range").await).await;
}

#[wasm_bindgen_test]
async fn dates_per_person() {
    contract::dates_per_person(&fresh("test-dates").await).await;
}

#[wasm_bindgen_test]
async fn upcoming_dates() {
    contract::upcoming_dates(&fresh("test-upcoming").await).await;
}

#[wasm_bindgen_test]
async fn tasks() {
    contract::tasks(&fresh("test-tasks").await).await;
}

#[wasm_bindgen_test]
async fn export_and_replace() {
    contract::export_and_replace(&fresh("test-export").await).await;
}

#[wasm_bindgen_test]
async fn undo() {
    contract::undo(&fresh("test-undo").await).await;
}

#[wasm_bindgen_test]
async fn notes_for_search() {
    contract::notes_for_search(&fresh("test-notes").await).await;
}

#[wasm_bindgen_test]
async fn photos() {
    contract::photos(&fresh("test-photos").await).await;
}

#[wasm_bindgen_test]
async fn two_writers_of_one_person_keep_both_changes() {
    contract::concurrent_writers(&fresh("test-writers").await).await;
}

#[wasm_bindgen_test]
async fn records_survive_closing_and_reopening() {
    let store = fresh("test-reopen").await;
    let ana = contract::contact("ana", "Ana Cruz");
    contract::put(&store, contract::of_contacts(vec![ana.clone()])).await;
    store.close();
    let again = IdbStore::open("test-reopen").await.unwrap();
    assert_eq!(again.contact(&ana.id).await.unwrap(), Some(ana));
    assert_eq!(again.version(), SCHEMA_VERSION);
}

#[wasm_bindgen_test]
async fn upgrade_from_v1_keeps_records_and_indexes_them() {
    let name = "test-upgrade";
    IdbStore::delete(name).await.unwrap();
    let v1 = IdbStore::open_at(name, 1).await.unwrap();
    assert_eq!(v1.version(), 1);
    let acme = contract::organisation("acme", "Acme");
    let mut ana = contract::contact("ana", "Ana");
    ana.organisation_id = Some(acme.id.clone());
    let bo = contract::contact("bo", "Bo");
    let batch = Batch {
        organisations: vec![acme.clone()],
        ..contract::of_contacts(vec![ana.clone(), bo])
    };
    contract::put(&v1, batch).await;
    // v1 has no organisation index yet.
    assert!(v1.contacts_in_organisation(&acme.id).await.is_err());
    v1.close();

    let latest = IdbStore::open(name).await.unwrap();
    assert_eq!(latest.version(), SCHEMA_VERSION);
    assert_eq!(
        latest.contacts_in_organisation(&acme.id).await.unwrap(),
        vec![ana]
    );
    assert_eq!(latest.load_people().await.unwrap().0.len(), 2);
}

#[wasm_bindgen_test]
async fn an_open_older_tab_does_not_block_an_upgrade() {
    let name = "test-two-tabs";
    IdbStore::delete(name).await.unwrap();
    let old_tab = IdbStore::open_at(name, 1).await.unwrap();
    // The old connection closes itself on `versionchange`, so this succeeds
    // instead of waiting on `blocked`.
    let new_tab = IdbStore::open(name).await.unwrap();
    assert_eq!(new_tab.version(), SCHEMA_VERSION);
    assert_eq!(old_tab.counts().await.unwrap_err(), StoreError::Closed);
}

#[wasm_bindgen_test]
async fn a_newer_stored_schema_is_refused_in_words() {
    let name = "test-newer";
    let store = fresh(name).await;
    store.close();
    let older_app = IdbStore::open_at(name, 1).await;
    let err = older_app
        .err()
        .expect("opening at an older version must fail");
    assert_eq!(err, StoreError::NewerSchema);
    assert!(err.to_string().contains("newer version of Kith"));
}

/// The export made straight from the stored records (storage/backup.rs)
/// writes what `Backup::json_pieces` writes for the same data, byte for
/// byte: records of every kind, written by a restore and by everyday
/// writes, with the store-only index properties, tombstones, awkward text
/// and a photo; and a file restored from it exports the same again.
#[wasm_bindgen_test]
async fn the_export_from_stored_records_is_the_backup_file() {
    use kith_core::backup::{Backup, Settings};
    use kith_core::model::{Photo, Task};
    use kith_core::{TaskId, Timestamp};
    let store = fresh("test-backup-text").await;
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let acme = contract::organisation("acme", "Acme \"&\" Søns\tLtd");
    let mut ana = contract::contact("ana", "Ana Cruz");
    ana.organisation_id = Some(acme.id.clone());
    ana.notes = "line\nbreak, \u{1} control, \u{2028} separator, emoji 🙂, back\\slash".into();
    ana.photo = Some(Timestamp(7));
    let bo = contract::contact("bo", "Bo");
    let mut gone = contract::contact("gone", "Gone");
    gone.deleted = Some(Timestamp(9_999));
    gone.updated = Timestamp(9_999);
    let call = contract::interaction("i1", &[&ana, &bo], day(1), None);
    let lunch = contract::interaction(
        "i2",
        &[&bo],
        day(2),
        chrono::NaiveTime::from_hms_opt(12, 30, 0),
    );
    let people = vec![ana.id.clone(), bo.id.clone()];
    let task = |key: &str, done: Option<Timestamp>| Task {
        id: TaskId::parse(key).unwrap(),
        contact_ids: people.clone(),
        text: format!("do {key}"),
        due: day(9),
        done,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    };
    let photo = Photo {
        contact_id: ana.id.clone(),
        mime: "image/jpeg".into(),
        bytes: vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 2, 250],
    };
    let file = Backup::new(
        "0.9.0",
        vec![gone, bo, ana],
        vec![acme],
        vec![lunch, call],
        vec![],
        vec![task("open", None), task("done", Some(Timestamp(5)))],
    )
    .with_photos(std::slice::from_ref(&photo));
    store.replace_all(&file).await.unwrap();
    // An everyday write beside the restored records.
    let mut cy = contract::contact("cy", "Cy");
    cy.updated = Timestamp(12_345);
    contract::put(&store, contract::of_contacts(vec![cy])).await;

    let settings = Some(Settings {
        check_in: kith_core::CheckInSettings::default(),
        backup_reminder_days: Some(14),
    });
    let text = store
        .backup_text("1.0.0", &settings, &|_, _| {})
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let expected: String = store
        .export("1.0.0")
        .await
        .unwrap()
        .with_settings(settings.clone())
        .json_pieces(2)
        .collect();
    assert!(text.contains("\"exported_at\":12345,"), "{text}");
    assert!(!text.contains("timeline") && !text.contains("open_due"));
    assert_eq!(text, expected);

    // Restored (which normalises Ana's organisation into a role) and
    // exported again: what the restored backup says.
    let again = Backup::restore(text.as_bytes()).unwrap();
    let other = fresh("test-backup-text-again").await;
    other.replace_all(&again).await.unwrap();
    let second = other
        .backup_text("1.0.0", &settings, &|_, _| {})
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(second, again.json_pieces(1_000).collect::<String>());

    // And an empty store: the empty file.
    let empty = fresh("test-backup-text-empty").await;
    let none = empty
        .backup_text("1.0.0", &None, &|_, _| {})
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let expected: String = empty
        .export("1.0.0")
        .await
        .unwrap()
        .json_pieces(2)
        .collect();
    assert_eq!(none, expected);
}

/// A restore that keeps what was here returns exactly what was replaced,
/// and reports its progress, reading then writing, up to the total.
#[wasm_bindgen_test]
async fn a_restore_keeps_what_it_replaced() {
    use kith::storage::Step;
    use std::cell::RefCell;
    let store = fresh("test-restore-keeps").await;
    let ana = contract::contact("ana", "Ana");
    contract::put(&store, contract::of_contacts(vec![ana])).await;
    let before = store.export(env!("CARGO_PKG_VERSION")).await.unwrap();
    let bo = contract::contact("bo", "Bo");
    let file = kith_core::backup::Backup::new("x", vec![bo], vec![], vec![], vec![], vec![]);
    let seen = RefCell::new(Vec::new());
    let earlier = store
        .restore(&file, true, &|step, done, total| {
            seen.borrow_mut().push((step, done, total))
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(earlier.to_json(), before.to_json());
    assert_eq!(store.export("x").await.unwrap().to_json(), file.to_json());
    assert_eq!(
        seen.into_inner(),
        [(Step::Reading, 1, 1), (Step::Writing, 1, 1)]
    );
}
