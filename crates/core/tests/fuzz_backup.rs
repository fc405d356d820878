//! Property and fuzz tests of the JSON backup importer (restore, and the
//! outer envelope of an encrypted backup): random bytes, byte edits and
//! JSON-aware edits of backups the core itself exported. See
//! fuzz_support/mod.rs for the environment (cases, seed, scale).

mod fuzz_support;

use fuzz_support::backups::{exported, records, stored, ANY, APP, PLAIN};
use fuzz_support::{config, edits, mutate, names_what_and_where, noise, File};
use kith_core::backup::{Backup, Restorer};
use kith_core::memory::MemoryStore;
use kith_core::sealed::Sealed;
use kith_core::Store;
use proptest::prelude::*;
use serde_json::Value;

const JSON_TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"null",
    b"true",
    b"-2147483648",
    b"1e999",
    b"\\u0000",
    b"\\n",
    b"\"contacts\":[",
    b"\"photos\":[{}]",
    b"\"version\":99",
    b"  ",
    b"\"format\":\"kith-backup\"",
    b"\xff",
    b"\"settings\":{\"check_in\":1}",
];

/// Words a refusal may name: the lists, the records, the envelope.
const NAMES: &[&str] = &[
    "contacts",
    "person",
    "organisation",
    "interaction",
    "date",
    "follow-up",
    "task",
    "photo",
    "settings",
    "preferences",
    "line",
    "position",
    "format",
    "version",
    "json",
    "encrypted",
    "exported_at",
    "app_version",
    "interactions",
    "organisations",
    "dates",
    "tasks",
    "photos",
];

/// One JSON-aware edit: the n-th node of the document (depth first) is
/// replaced, removed, or (in a list) repeated.
#[derive(Clone, Debug)]
enum JsonEdit {
    Replace(prop::sample::Index, Value),
    Remove(prop::sample::Index),
    Repeat(prop::sample::Index),
}

fn odd_value() -> impl Strategy<Value = Value> {
    use serde_json::json;
    prop::sample::select(vec![
        json!(null),
        json!(""),
        json!("\n"),
        json!("a\r\nb"),
        json!("x".repeat(300)),
        json!(-2147483648i64),
        json!(2147483647i64),
        json!(0),
        json!(13),
        json!(40),
        json!(200),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(true),
        json!([]),
        json!({}),
        json!("2023-02-29"),
        json!("9999-99-99"),
        json!("image/png\r\nX-INJECTED:1"),
        json!("not an id\n"),
        json!({"name": "x"}),
    ])
}

fn json_edit() -> impl Strategy<Value = JsonEdit> {
    use prop::sample::Index;
    prop_oneof![
        4 => (any::<Index>(), odd_value()).prop_map(|(i, v)| JsonEdit::Replace(i, v)),
        2 => any::<Index>().prop_map(JsonEdit::Remove),
        1 => any::<Index>().prop_map(JsonEdit::Repeat),
    ]
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// Applies `edit` at the node numbered `*n` under `v` (0 is `v` itself,
/// which is only ever replaced).
fn apply(v: &mut Value, n: &mut usize, edit: &JsonEdit) -> bool {
    if *n == 0 {
        if let JsonEdit::Replace(_, new) = edit {
            *v = new.clone();
        }
        return true;
    }
    *n -= 1;
    match v {
        Value::Array(items) => {
            for i in 0..items.len() {
                if *n == 0 && !matches!(edit, JsonEdit::Replace(..)) {
                    match edit {
                        JsonEdit::Remove(_) => drop(items.remove(i)),
                        _ => items.insert(i, items[i].clone()),
                    }
                    return true;
                }
                if apply(&mut items[i], n, edit) {
                    return true;
                }
            }
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for k in keys {
                if *n == 0 && matches!(edit, JsonEdit::Remove(_)) {
                    map.remove(&k);
                    return true;
                }
                if apply(map.get_mut(&k).unwrap(), n, edit) {
                    return true;
                }
            }
        }
        _ => {}
    }
    false
}

fn json_mutate(text: &str, edits: &[JsonEdit]) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(text).unwrap();
    for e in edits {
        let (JsonEdit::Replace(i, _) | JsonEdit::Remove(i) | JsonEdit::Repeat(i)) = e;
        let mut n = i.index(count(&v));
        apply(&mut v, &mut n, e);
    }
    serde_json::to_vec(&v).unwrap()
}

/// A backup file to try: random bytes, byte edits of an export, or
/// JSON-aware edits of one.
fn backup_file() -> impl Strategy<Value = File> {
    prop_oneof![
        1 => noise(b"{}[],:\"0123456789.-eEtrufalsn \\", 300),
        3 => (records(ANY), edits(6)).prop_map(|(b, e)| mutate(exported(&b).as_bytes(), &e, JSON_TOKENS)),
        4 => (records(ANY), prop::collection::vec(json_edit(), 1..4))
            .prop_map(|(b, e)| json_mutate(&exported(&b), &e)),
    ]
    .prop_map(File)
}

/// The whole restore, and the same in steps of one record: both agree.
fn restore_both_ways(bytes: &[u8]) -> Result<Backup, String> {
    let whole = Backup::restore(bytes).map_err(|e| e.to_string());
    let stepped = (|| {
        let mut r = Restorer::start(bytes)?;
        while !r.step(1)? {}
        r.finish()
    })()
    .map_err(|e| e.to_string());
    assert_eq!(
        whole.as_ref().map(Backup::to_json),
        stepped.as_ref().map(Backup::to_json),
        "restored whole and in steps differ"
    );
    whole
}

proptest! {
    #![proptest_config(config("fuzz_backup"))]

    /// No file panics the restore or the encrypted envelope's checks.
    #[test]
    fn no_backup_file_panics(bytes in backup_file()) {
        let _ = restore_both_ways(&bytes);
        let _ = Sealed::detect(&bytes);
    }

    /// An encrypted envelope, edited: its checks never panic, and a
    /// refusal says what is wrong, briefly.
    #[test]
    fn no_sealed_envelope_panics(
        salt in prop::collection::vec(any::<u8>(), 0..20),
        data in prop::collection::vec(any::<u8>(), 0..40),
        e in prop::collection::vec(json_edit(), 0..3),
    ) {
        let text = Sealed::new(&salt, &[7; 12], &data).to_json();
        let bytes = if e.is_empty() { text.into_bytes() } else { json_mutate(&text, &e) };
        if let Some(Err(refused)) = Sealed::detect(&bytes) {
            let m = refused.to_string();
            prop_assert!(!m.trim().is_empty() && m.chars().count() < 300, "{m:?}");
        }
    }

    /// An accepted file round-trips: restored, stored, exported (twice,
    /// the same bytes) and restored again gives the same records.
    #[test]
    fn accepted_backups_round_trip(bytes in backup_file()) {
        let Ok(first) = restore_both_ways(&bytes) else { return Ok(()) };
        let store = MemoryStore::new();
        pollster::block_on(store.replace_all(&first)).unwrap();
        let (a, b) = (stored(&store), stored(&store));
        prop_assert_eq!(&a, &b, "two exports differ");
        let again = Backup::restore(a.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let lists = |b: &Backup| {
            let mut b = b.clone();
            // The store keeps records; preferences live in the browser.
            (b.app_version, b.exported_at) = (APP.into(), kith_core::time::Timestamp(0));
            b.settings = None;
            b.to_json()
        };
        prop_assert_eq!(lists(&first), lists(&again));
        // And the file itself, preferences included, reads back the same.
        let direct = Backup::restore(first.to_json().as_bytes())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(first.to_json(), direct.to_json());
    }

    /// A refused file leaves what is stored byte for byte as it was, and
    /// the refusal says what and where, briefly.
    #[test]
    fn refused_backups_change_nothing(here in records(PLAIN), bytes in backup_file()) {
        let store = MemoryStore::new();
        pollster::block_on(store.replace_all(&here)).unwrap();
        let before = stored(&store);
        match Backup::restore(&bytes) {
            Ok(incoming) => {
                let current = pollster::block_on(store.export(APP)).unwrap();
                let _ = current.merge(&incoming);
            }
            Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
        }
        prop_assert_eq!(before, stored(&store));
    }

    /// A refusal says what is wrong and where (a list, a position, a
    /// field) in under 300 characters.
    #[test]
    fn refusals_name_what_and_where(bytes in backup_file()) {
        if let Err(e) = Backup::restore(&bytes) {
            names_what_and_where(&e.to_string(), NAMES).map_err(TestCaseError::fail)?;
        }
    }
}

/// The first finding of `refusals_name_what_and_where`, kept.
#[test]
fn a_null_list_is_named() {
    let e =
        Backup::restore(&fuzz_support::regression("backup-null-list-unnamed.json")).unwrap_err();
    names_what_and_where(&e.to_string(), &["interactions"]).unwrap();
}
