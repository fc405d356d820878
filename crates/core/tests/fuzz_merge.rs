//! Property tests of merging backups and of merge-import (a backup file
//! merged into what is stored): idempotent, commutative and associative
//! on generated pairs and triples sharing ids and stamps, tombstones
//! included. See fuzz_support/mod.rs for the environment.

mod fuzz_support;

use fuzz_support::backups::{exported, restored, settings, stored, Odd, APP, PLAIN};
use fuzz_support::people::store_of;
use fuzz_support::{config, linear};
use kith_core::backup::{Backup, BackupPhoto};
use kith_core::time::Timestamp;
use kith_core::{Contact, Store};
use proptest::prelude::*;

/// `left` and `right` are the same backup. When not, and KITH_FUZZ_DUMP
/// names a folder, the inputs are written there as files (the last ones
/// written are the shrunk case): how the reproducers were made.
fn same(inputs: &[&Backup], left: &Backup, right: &Backup) -> Result<(), TestCaseError> {
    let (left, right) = (left.to_json(), right.to_json());
    if left != right {
        if let Ok(dir) = std::env::var("KITH_FUZZ_DUMP") {
            for (n, b) in inputs.iter().enumerate() {
                std::fs::write(format!("{dir}/{n}.json"), b.to_json()).unwrap();
            }
        }
    }
    prop_assert_eq!(left, right);
    Ok(())
}

/// Imports `file` into `store` as the app's "merge" does; the store's
/// export after.
fn merge_import(store: &kith_core::memory::MemoryStore, file: &str) -> String {
    let incoming = Backup::restore(file.as_bytes()).unwrap();
    let current = pollster::block_on(store.export(APP)).unwrap();
    let merged = current.with_settings(Some(settings())).merge(&incoming);
    pollster::block_on(store.replace_all(&merged)).unwrap();
    stored(store)
}

/// Photos a hand-edited file may carry: a photo record whose person has
/// no photo stamp (or another one).
const UNBACKED: Odd = Odd {
    unbacked_photos: true,
    name_clash: false,
};
/// Two live organisations of the same name in one backup.
const CLASH: Odd = Odd {
    unbacked_photos: false,
    name_clash: true,
};

proptest! {
    #![proptest_config(config("fuzz_merge"))]

    #[test]
    fn merge_is_idempotent(a in restored(PLAIN)) {
        same(&[&a], &a.merge(&a), &a)?;
    }

    #[test]
    fn merge_is_commutative(a in restored(PLAIN), b in restored(PLAIN)) {
        same(&[&a, &b], &a.merge(&b), &b.merge(&a))?;
    }

    #[test]
    fn merge_is_associative(a in restored(PLAIN), b in restored(PLAIN), c in restored(PLAIN)) {
        same(&[&a, &b, &c], &a.merge(&b).merge(&c), &a.merge(&b.merge(&c)))?;
    }

    /// Merging a backup into a store twice leaves what merging it once did,
    /// and the store then holds the merge of the two.
    #[test]
    fn merge_import_is_the_merge(here in restored(PLAIN), file in restored(PLAIN)) {
        let store = store_of(&here);
        let text = file.to_json();
        let once = merge_import(&store, &text);
        prop_assert_eq!(&once, &merge_import(&store, &text), "a second import changed the store");
        let expected = store_of(&here.merge(&file));
        prop_assert_eq!(once, stored(&expected));
    }

    #[test]
    fn merge_is_idempotent_with_unbacked_photos(a in restored(UNBACKED)) {
        same(&[&a], &a.merge(&a), &a)?;
    }

    #[test]
    fn merge_is_commutative_with_unbacked_photos(a in restored(UNBACKED), b in restored(UNBACKED)) {
        same(&[&a, &b], &a.merge(&b), &b.merge(&a))?;
    }

    #[test]
    fn merge_is_idempotent_with_name_clashes(a in restored(CLASH)) {
        same(&[&a], &a.merge(&a), &a)?;
    }

    #[test]
    fn merge_is_associative_with_unbacked_photos(a in restored(UNBACKED), b in restored(UNBACKED), c in restored(UNBACKED)) {
        same(&[&a, &b, &c], &a.merge(&b).merge(&c), &a.merge(&b.merge(&c)))?;
    }

    #[test]
    // The limit fold.rs documents: a fold by name cannot know a rename made
    // at the same millisecond on another device ("Acme" here, "Initech"
    // there, both stamped alike). Run it with --ignored to see a case.
    #[ignore = "known limit (backup/fold.rs): a same-stamp rename meets a fold by name"]
    fn merge_is_associative_with_name_clashes(a in restored(CLASH), b in restored(CLASH), c in restored(CLASH)) {
        same(&[&a, &b, &c], &a.merge(&b).merge(&c), &a.merge(&b.merge(&c)))?;
    }
}

/// `n` people, each with a photo.
fn with_photos(n: usize) -> String {
    let mut contacts = Vec::new();
    let mut photos = Vec::new();
    for i in 0..n {
        let mut id = [0u8; 16];
        id[..8].copy_from_slice(&(i as u64).to_be_bytes());
        let mut c = Contact::new(
            kith_core::ContactId::from_random(id),
            format!("Person {i}"),
            Timestamp(1),
        );
        c.photo = Some(Timestamp(1));
        photos.push(BackupPhoto {
            contact_id: c.id.clone(),
            mime: "image/jpeg".into(),
            data: kith_core::encoding::base64_encode(&[0xFF, 0xD8, 0xFF, i as u8]),
        });
        contacts.push(c);
    }
    let mut b = Backup::new(APP, contacts, vec![], vec![], vec![], vec![]);
    b.photos = photos;
    exported(&b)
}

#[test]
fn linear_restore_and_merge_of_people_with_photos() {
    linear(
        "restore + merge of people with photos",
        with_photos,
        |file| {
            let b = Backup::restore(file.as_bytes()).unwrap();
            let _ = b.merge(&b);
        },
    );
}

/// The first finding of `merge_is_idempotent_with_unbacked_photos`, kept.
#[test]
fn merge_keeps_an_unbacked_photo() {
    let a = Backup::restore(&fuzz_support::regression("merge-unbacked-photo.json")).unwrap();
    assert_eq!(a.merge(&a).to_json(), a.to_json());
}

#[test]
fn merge_of_a_backup_with_itself_keeps_both_organisations() {
    let a = Backup::restore(&fuzz_support::regression(
        "merge-organisations-same-name.json",
    ))
    .unwrap();
    assert_eq!(a.merge(&a).to_json(), a.to_json());
}

#[test]
fn merge_of_three_with_a_name_clash_is_associative() {
    associative("merge-associative");
}

#[test]
fn merge_of_three_with_a_photo_tie_is_associative() {
    associative("merge-photo-tie-associative");
}

fn associative(name: &str) {
    let [a, b, c] = ["0", "1", "2"]
        .map(|n| Backup::restore(&fuzz_support::regression(&format!("{name}-{n}.json"))).unwrap());
    assert_eq!(
        a.merge(&b).merge(&c).to_json(),
        a.merge(&b.merge(&c)).to_json()
    );
}
