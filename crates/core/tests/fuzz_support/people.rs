//! The contacts importers' path as the app takes it: people read from a
//! file are matched against the people stored, planned, and the plan's
//! batch committed to the in-memory store.

use super::backups::stored;
use kith_core::backup::Backup;
use kith_core::import::{ImportPlan, ImportedPerson, Skipped};
use kith_core::memory::MemoryStore;
use kith_core::time::Timestamp;
use kith_core::{Ctx, Directory, Store};

/// A store holding `here`.
pub fn store_of(here: &Backup) -> MemoryStore {
    let store = MemoryStore::new();
    pollster::block_on(store.replace_all(here)).unwrap();
    store
}

/// Imports `people` into `store` as the app does; the plan, and the
/// store's export before and after.
pub fn import(
    store: &MemoryStore,
    people: Vec<ImportedPerson>,
    skipped: Vec<Skipped>,
) -> (ImportPlan, String, String) {
    let before = stored(store);
    let (contacts, organisations) = pollster::block_on(store.load_people()).unwrap();
    let dir = Directory::new(contacts, organisations);
    let backup = pollster::block_on(store.export("0")).unwrap();
    let plan = dir.plan_import(people, skipped, &backup.dates);
    let mut n = 0u8;
    let mut random = || {
        n = n.wrapping_add(1);
        [n; 16]
    };
    let mut ctx = Ctx {
        now: Timestamp(1_800_000_000_000),
        today: chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        random: &mut random,
    };
    let (batch, _photos) = dir.apply_import(&plan, &backup.dates, &mut ctx);
    pollster::block_on(store.commit(&batch)).unwrap();
    let after = stored(store);
    (plan, before, after)
}

/// Matching and planning only (no store): what the timing checks run.
pub fn plan(people: Vec<ImportedPerson>, skipped: Vec<Skipped>) -> ImportPlan {
    Directory::new(vec![], vec![]).plan_import(people, skipped, &[])
}
