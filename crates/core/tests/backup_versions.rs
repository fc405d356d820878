//! Backups from every backup version Kith has written, and one from a newer
//! Kith, read through the core's restore path as docs/backup-format.md
//! says. The files are in tests/fixtures/backups/ (its README says how
//! each was made: by the core code of the last commit where that version
//! was current). Each is checked record by record after the restore, after
//! a replace into a store, and after a round trip through an export.

use kith_core::backup::{Backup, RestoreError, Restorer, VERSION};
use kith_core::memory::MemoryStore;
use kith_core::store::Store;
use kith_core::{Cadence, CadenceUnit, DateKind};
use pollster::block_on;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/backups/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Restores `name` as the app does: a few records per step.
fn restore(name: &str) -> Backup {
    let bytes = fixture(name);
    let mut restorer = Restorer::start(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    while !restorer.step(3).unwrap_or_else(|e| panic!("{name}: {e}")) {}
    let stepped = restorer.finish().unwrap_or_else(|e| panic!("{name}: {e}"));
    let whole = Backup::restore(&bytes).unwrap();
    assert_eq!(stepped, whole, "{name}: step by step and at once differ");
    stepped
}

fn person<'a>(backup: &'a Backup, name: &str) -> &'a kith_core::Contact {
    backup
        .contacts
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// What every version's fixture holds (the same people and history).
fn check_common(name: &str, b: &Backup) {
    assert_eq!(b.version, VERSION, "{name}: migrated to this version");
    let live: Vec<&str> = b
        .contacts
        .iter()
        .filter(|c| c.deleted.is_none())
        .map(|c| c.name.as_str())
        .collect();
    assert!(
        live.contains(&"Ana Lima") && live.contains(&"Bo Chen"),
        "{name}: {live:?}"
    );
    // Cy was deleted: a tombstone, kept.
    let cy = person(b, "Cy Dorr");
    assert!(cy.deleted.is_some(), "{name}: Cy's tombstone");

    let ana = person(b, "Ana Lima");
    assert_eq!(ana.given_name, "Ana");
    assert_eq!(ana.family_name, "Lima");
    assert_eq!(ana.nickname, "Aninha");
    assert_eq!(ana.emails[0].value, "ana.lima@harbor.example");
    assert_eq!(ana.emails[0].label, "work");
    assert_eq!(ana.phones[0].value, "+44 7700 900123");
    assert_eq!(ana.tags, ["friends", "work"]);
    assert_eq!(ana.notes, "Prefers calls in the morning.");
    assert_eq!(
        ana.cadence,
        Cadence::Every {
            count: 3,
            unit: CadenceUnit::Weeks
        }
    );
    let learned: Vec<&str> = ana.details.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(learned, ["Allergic to peanuts", "Bo is learning the cello"]);
    assert_eq!(ana.family.len(), 1);
    assert_eq!(ana.family[0].name, "Leo");
    assert_eq!(ana.family[0].relation, "son");
    // Households (version 6) are kept among organisations, but are none.
    let harbor: Vec<_> = b
        .organisations
        .iter()
        .filter(|o| !o.is_household())
        .collect();
    assert_eq!(harbor.len(), 1, "{name}: one organisation");
    assert_eq!(harbor[0].name, "Harbor Logistics");
    assert_eq!(ana.organisation_id.as_ref(), Some(&harbor[0].id));
    assert_eq!(ana.roles[0].title, "Head of Operations");
    // Until version 3's commands, a detail learned in an interaction went
    // to every person in it; since, to one (the first, here Ana).
    let bo = person(b, "Bo Chen");
    let learned: Vec<&str> = bo.details.iter().map(|d| d.text.as_str()).collect();
    let to_everyone = !b.contacts.iter().any(|c| c.name == "Dee Okafor");
    assert_eq!(
        learned.is_empty(),
        !to_everyone,
        "{name}: Bo's details {learned:?}"
    );

    // Version 4 added Dee's email and a check-in with Ana.
    let logged = if name >= "v4" { 5 } else { 3 };
    assert_eq!(b.interactions.len(), logged, "{name}: interactions");
    let call = b
        .interactions
        .iter()
        .find(|i| i.notes == "Talked about her move to Bristol.")
        .expect("the call");
    assert_eq!(call.contact_ids, std::slice::from_ref(&ana.id));
    assert_eq!(call.date.to_string(), "2026-10-01");
    assert_eq!(call.temperature.as_ref().map(|t| t.score), Some(4));
    let meal = b
        .interactions
        .iter()
        .find(|i| i.notes == "Dinner at the harbour.")
        .expect("the meal");
    assert_eq!(meal.contact_ids.len(), 2);

    let birthday = b
        .dates
        .iter()
        .find(|d| d.contact_id == ana.id && d.family_member.is_none())
        .expect("Ana's birthday");
    assert_eq!(birthday.kind, DateKind::Birthday);
    assert_eq!(
        (birthday.month, birthday.day, birthday.year),
        (7, 9, Some(1988))
    );
    let leo = b
        .dates
        .iter()
        .find(|d| d.family_member.is_some())
        .expect("Leo's birthday");
    assert_eq!((leo.month, leo.day, leo.year), (3, 14, Some(2015)));

    assert_eq!(b.tasks.len(), 1);
    assert_eq!(b.tasks[0].text, "Send Bo the recipe");
    assert_eq!(b.tasks[0].due.to_string(), "2026-11-01");
}

/// Replaces a store's contents with `b`, exports it, and reads the export
/// back: the same records (the file's version is now this one).
fn round_trip(name: &str, b: &Backup) {
    let store = MemoryStore::new();
    block_on(store.replace_all(b)).unwrap();
    let counts = block_on(store.counts()).unwrap();
    assert_eq!(counts.contacts, b.contacts.len(), "{name}");
    assert_eq!(counts.interactions, b.interactions.len(), "{name}");
    assert_eq!(counts.dates, b.dates.len(), "{name}");
    assert_eq!(counts.tasks, b.tasks.len(), "{name}");
    let exported = block_on(store.export("test"))
        .unwrap()
        .with_settings(b.settings.clone());
    let again = Backup::restore(exported.to_json().as_bytes()).unwrap();
    assert_eq!(again.contacts, b.contacts, "{name}: contacts");
    assert_eq!(again.organisations, b.organisations, "{name}");
    assert_eq!(again.interactions, b.interactions, "{name}");
    assert_eq!(again.dates, b.dates, "{name}");
    assert_eq!(again.tasks, b.tasks, "{name}");
    assert_eq!(again.photos, b.photos, "{name}: photos");
}

#[test]
fn version_1_reads_with_no_photos_and_no_settings() {
    let b = restore("v1.json");
    check_common("v1", &b);
    assert!(b.photos.is_empty());
    assert_eq!(b.settings, None);
    // Version 1 knew no other apps' ids, nor a person's own maximum.
    assert!(b.contacts.iter().all(|c| c.uids.is_empty()));
    assert!(b.contacts.iter().all(|c| c.overdue_after_days.is_none()));
    round_trip("v1", &b);
}

fn check_photo_and_settings(name: &str, b: &Backup) {
    let ana = person(b, "Ana Lima");
    assert_eq!(b.photos.len(), 1, "{name}");
    assert_eq!(b.photos[0].contact_id, ana.id);
    assert_eq!(b.photos[0].mime, "image/jpeg");
    assert!(ana.photo.is_some(), "{name}: Ana's photo stamp");
    let settings = b.settings.as_ref().expect("settings");
    assert_eq!(settings.check_in.overdue_percent, 150);
    assert_eq!(settings.backup_reminder_days, Some(14));
    assert_eq!(settings.check_in.tag_cadences.len(), 1);
    assert_eq!(settings.check_in.tag_cadences[0].0, "family");
}

#[test]
fn version_2_reads_with_photos_and_settings() {
    let b = restore("v2.json");
    check_common("v2", &b);
    check_photo_and_settings("v2", &b);
    assert!(b.contacts.iter().all(|c| c.overdue_after_days.is_none()));
    assert!(
        b.dates.iter().all(|d| d.day > 0),
        "version 2 dates all have a day"
    );
    round_trip("v2", &b);
}

#[test]
fn version_3_reads_with_own_maximums_and_dates_known_in_part() {
    let b = restore("v3.json");
    check_common("v3", &b);
    check_photo_and_settings("v3", &b);
    let dee = person(&b, "Dee Okafor");
    assert_eq!(dee.overdue_after_days, Some(45));
    let graduation = b
        .dates
        .iter()
        .find(|d| d.contact_id == dee.id)
        .expect("Dee's graduation");
    assert_eq!(graduation.kind, DateKind::Graduation);
    assert_eq!(
        (graduation.month, graduation.day, graduation.year),
        (6, 0, Some(2021))
    );
    // Before version 4 nothing said who started an interaction.
    assert!(b.interactions.iter().all(|i| i.initiator.is_none()));
    assert!(b.contacts.iter().all(|c| c.awaiting_reply.is_none()));
    round_trip("v3", &b);
}

#[test]
fn version_4_reads_with_who_reached_out_and_who_waits_for_a_reply() {
    use kith_core::Initiator;
    let b = restore("v4.json");
    check_common("v4", &b);
    check_photo_and_settings("v4", &b);
    let said = |notes: &str| {
        b.interactions
            .iter()
            .find(|i| i.notes.starts_with(notes))
            .unwrap_or_else(|| panic!("no {notes}"))
            .initiator
    };
    assert_eq!(said("Talked about"), Some(Initiator::Me));
    assert_eq!(said("Dinner"), Some(Initiator::Mutual));
    assert_eq!(said("Said hello"), None);
    assert_eq!(said("Asked for the onboarding"), Some(Initiator::Them));
    assert_eq!(said("Checked in"), Some(Initiator::Me));
    let dee = person(&b, "Dee Okafor");
    assert_eq!(
        dee.awaiting_reply.map(|d| d.to_string()).as_deref(),
        Some("2026-11-18")
    );
    assert_eq!(person(&b, "Ana Lima").awaiting_reply, None);
    round_trip("v4", &b);
}

#[test]
fn version_5_reads_with_message_templates() {
    let b = restore("v5.json");
    check_common("v5", &b);
    check_photo_and_settings("v5", &b);
    let templates = &b.settings.as_ref().expect("settings").check_in.templates;
    let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Congratulations", "After the project"]);
    assert!(templates[0].body.contains("{first name}"));
    // A version 4 file has none.
    let v4 = restore("v4.json");
    assert!(v4.settings.as_ref().unwrap().check_in.templates.is_empty());
    round_trip("v5", &b);
}

#[test]
fn version_6_reads_with_a_household() {
    let b = restore("v6.json");
    check_common("v6", &b);
    check_photo_and_settings("v6", &b);
    let homes: Vec<_> = b
        .organisations
        .iter()
        .filter(|o| o.is_household())
        .collect();
    assert_eq!(homes.len(), 1);
    let home = homes[0];
    assert_eq!(home.name, "Lima household");
    assert_eq!(home.address, "12 Quay Street, Bristol");
    assert!(home.shared_check_ins);
    for name in ["Ana Lima", "Bo Chen"] {
        assert_eq!(
            person(&b, name).household_id.as_ref(),
            Some(&home.id),
            "{name}"
        );
    }
    assert_eq!(person(&b, "Dee Okafor").household_id, None);
    // The household is no organisation: Ana's employer is still Harbor.
    let dir = kith_core::Directory::new(b.contacts.clone(), b.organisations.clone());
    let names: Vec<&str> = dir
        .organisations()
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, ["Harbor Logistics"]);
    // A version 5 file has none.
    let v5 = restore("v5.json");
    assert!(v5.organisations.iter().all(|o| !o.is_household()));
    assert!(v5.contacts.iter().all(|c| c.household_id.is_none()));
    round_trip("v6", &b);
}

#[test]
fn a_household_that_is_not_one_is_refused_in_words() {
    let v6: serde_json::Value = serde_json::from_slice(&fixture("v6.json")).unwrap();
    let home = "6b697468-6669-4831-8000-000000000020";
    let refused = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut b = v6.clone();
        change(&mut b);
        Backup::restore(b.to_string().as_bytes())
            .unwrap_err()
            .to_string()
    };
    let ana = |b: &mut serde_json::Value| -> serde_json::Value {
        b["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "Ana Lima")
            .unwrap()
            .clone()
    };
    let set_ana = |b: &mut serde_json::Value, field: &str, value: serde_json::Value| {
        let a = ana(b);
        for c in b["contacts"].as_array_mut().unwrap() {
            if c["id"] == a["id"] {
                c[field] = value.clone();
            }
        }
    };
    let gone = refused(&|b| set_ana(b, "household_id", "nowhere".into()));
    assert!(
        gone.contains("names a household that is not in the file"),
        "{gone}"
    );
    let harbor = ana(&mut v6.clone())["organisation_id"].clone();
    let employer = refused(&|b| set_ana(b, "household_id", harbor.clone()));
    assert!(
        employer.contains("its household is an organisation"),
        "{employer}"
    );
    let work = refused(&|b| set_ana(b, "organisation_id", home.into()));
    assert!(work.contains("its role is at a household"), "{work}");
}

#[test]
fn a_backup_from_a_newer_kith_is_refused_in_words() {
    let bytes = fixture("v7-newer.json");
    let refused = Backup::restore(&bytes).unwrap_err();
    assert_eq!(
        refused,
        RestoreError::TooNew {
            found: 7,
            supported: VERSION
        }
    );
    let words = refused.to_string();
    assert!(words.contains("made by a newer Kith"), "{words}");
    assert!(words.contains("Update Kith"), "{words}");
    // The app's step by step path refuses it too, before any record.
    let stepped = Restorer::start(&bytes).and_then(|mut r| {
        while !r.step(3)? {}
        r.finish()
    });
    assert_eq!(stepped.unwrap_err(), refused);
}

#[test]
fn every_earlier_version_has_a_fixture() {
    for v in 1..=VERSION {
        assert!(
            !fixture(&format!("v{v}.json")).is_empty(),
            "backup version {v} needs a fixture"
        );
    }
}
