//! The IndexedDB store in a real browser (headless Chromium through
//! wasm-bindgen-test): the shared storage contract, reopening, and the
//! schema upgrade path. Each test uses its own database name.

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
