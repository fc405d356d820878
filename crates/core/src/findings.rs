//! Issue 15's findings, each kept as a test that failed before its fix:
//! people lost without a word on import, importers slower than linear,
//! restore trusting what the forms refuse, exports that could be
//! injected, and merge(a, a) losing photos. (Their linear time is timed in
//! the fuzz tests' `linear_*`, in release, alone.)

use crate::backup::Backup;
use crate::commands::testing::with_ctx;
use crate::dates::ImportantDate;
use crate::directory::Directory;
use crate::import::{csv, text::Utf8Only, vcard, ImportPlan};

fn import(dir: &mut Directory, text: &str, dates: &mut Vec<ImportantDate>) -> ImportPlan {
    let (people, skipped) = vcard::parse(text.as_bytes(), &Utf8Only, "windows-1252");
    let plan = dir.plan_import(people, skipped, dates);
    let (batch, _) = with_ctx(1_000, |ctx| dir.apply_import(&plan, dates, ctx));
    dir.apply(&batch);
    dates.extend(batch.dates.iter().cloned());
    plan
}

fn names(dir: &Directory) -> Vec<String> {
    let mut n: Vec<String> = dir.all_contacts().map(|c| c.name.clone()).collect();
    n.sort();
    n
}

#[test]
fn people_sharing_a_switchboard_number_or_email_stay_apart() {
    let mut dir = Directory::new(vec![], vec![]);
    let file = "BEGIN:VCARD\nFN:Ana Lopez\nTEL:+1 555 010 0000\nEMAIL:info@acme.example\nEND:VCARD\n\
                BEGIN:VCARD\nFN:Bo Smith\nTEL:+1 555 010 0000\nEMAIL:info@acme.example\nEND:VCARD\n";
    let plan = import(&mut dir, file, &mut Vec::new());
    assert_eq!(plan.new_people(), 2);
    assert_eq!(names(&dir), ["Ana Lopez", "Bo Smith"]);
    // A new person sharing the number with someone here is new, not them.
    let plan = import(
        &mut dir,
        "BEGIN:VCARD\nFN:Cy Wu\nTEL:555-010-0000\nEND:VCARD\n",
        &mut Vec::new(),
    );
    assert_eq!(plan.new_people(), 1);
    assert_eq!(dir.all_contacts().count(), 3);
    // The same name written another way is the same person.
    let plan = import(
        &mut dir,
        "BEGIN:VCARD\nFN:Lopez, Ana\nTEL:+1 555 010 0000\nNOTE:met in Lyon\nEND:VCARD\n",
        &mut Vec::new(),
    );
    assert_eq!((plan.new_people(), plan.updated()), (0, 1));
    // A card with no name of its own is found by its email alone.
    let plan = import(
        &mut dir,
        "BEGIN:VCARD\nEMAIL:info@acme.example\nEND:VCARD\n",
        &mut Vec::new(),
    );
    assert_eq!(plan.new_people(), 0);
}

#[test]
fn a_second_record_of_one_person_adds_everything_it_holds() {
    let mut dir = Directory::new(vec![], vec![]);
    let file = "BEGIN:VCARD\nFN:Ana Kruse\nEMAIL:ana@example.com\nEND:VCARD\n\
                BEGIN:VCARD\nUID:second-uid\nFN:Ana Kruse\nNICKNAME:Annie\nEMAIL:ana@example.com\n\
                ORG:Acme\nTITLE:Buyer\nCATEGORIES:Tennis\nNOTE:Loves jazz\nX-SPOUSE:Bo\nEND:VCARD\n";
    let plan = import(&mut dir, file, &mut Vec::new());
    assert_eq!(plan.people.len(), 1);
    let c = dir.all_contacts().next().unwrap();
    assert_eq!(c.nickname, "Annie");
    assert_eq!(c.notes, "Loves jazz");
    assert_eq!(c.tags, ["Tennis"]);
    assert_eq!(c.uids, ["second-uid"]);
    assert_eq!(c.family[0].name, "Bo");
    assert_eq!(dir.organisation_of(c).unwrap().name, "Acme");
    assert_eq!(c.roles[0].title, "Buyer");
}

#[test]
fn short_phones_and_titles_without_an_organisation_arrive_and_a_second_import_finds_them() {
    let mut dir = Directory::new(vec![], vec![]);
    let mut dates = Vec::new();
    let file = "BEGIN:VCARD\nFN:Emergency\nTEL:112\nEND:VCARD\n\
                BEGIN:VCARD\nFN:Dr Ng\nTITLE:Surgeon\nTEL:+49 PRIVAT\nEND:VCARD\n";
    import(&mut dir, file, &mut dates);
    let c = dir.all_contacts().find(|c| c.name == "Emergency").unwrap();
    assert_eq!(c.phones[0].value, "112");
    let ng = dir.all_contacts().find(|c| c.name == "Dr Ng").unwrap();
    let custom: Vec<(&str, &str)> = ng
        .custom_fields
        .iter()
        .map(|l| (l.label.as_str(), l.value.as_str()))
        .collect();
    assert!(custom.contains(&("job title", "Surgeon")), "{custom:?}");
    assert!(custom.contains(&("phone", "+49 PRIVAT")), "{custom:?}");
    let again = import(&mut dir, file, &mut dates);
    assert_eq!(
        (again.new_people(), again.updated(), again.unchanged()),
        (0, 0, 2)
    );
}

#[test]
fn a_missing_end_or_a_soft_break_before_a_blank_line_loses_no_card() {
    let (people, _) = vcard::parse(
        b"BEGIN:VCARD\nFN:Ana\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\nBEGIN:VCARD\nFN:Cy\nEND:VCARD\n",
        &Utf8Only,
        "utf-8",
    );
    let n: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(n, ["Ana", "Bo", "Cy"]);
    let (people, _) = vcard::parse(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\nNOTE;ENCODING=QUOTED-PRINTABLE:hi=\r\n\r\nTEL:0301234567\r\nEND:VCARD\r\n\
          BEGIN:VCARD\r\nFN:Bo\r\nNOTE;ENCODING=QUOTED-PRINTABLE:x=\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Cy\r\nEND:VCARD\r\n",
        &Utf8Only,
        "utf-8",
    );
    assert_eq!(people.len(), 3);
    assert_eq!(people[0].notes, "hi");
    assert_eq!(people[0].phones[0].value, "0301234567");
}

#[test]
fn what_a_card_holds_that_kith_cannot_keep_is_named() {
    let (people, skipped) = vcard::parse(
        b"BEGIN:VCARD\nFN:Ana\nBDAY:sometime\nGEO:geo:1,2\nEND:VCARD\n",
        &Utf8Only,
        "utf-8",
    );
    assert_eq!(people.len(), 1);
    let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "its birthday “sometime” is not a date Kith can read, so it is not imported",
            "GEO not imported (Kith has no field for it)"
        ]
    );
}

#[test]
fn csv_birth_columns_keep_the_calendar() {
    let table = csv::read(
        b"Name,Birth year,Birth month,Birth day\nAna,2023,2,29\nBo,2024,2,29\n",
        &Utf8Only,
        "utf-8",
    );
    let (people, skipped) = csv::people(&table, &csv::guess(&table.header));
    assert!(people[0].dates.is_empty());
    assert_eq!(people[1].dates.len(), 1);
    assert_eq!(skipped[0].position, 2);
    assert_eq!(
        skipped[0].reason,
        "its birthday is not imported: month 2, day 29 of 2023 is not a real date"
    );
}

// Linear time for every shape above and the others the issue lists is
// checked in release, one test at a time, by tests/fuzz_{vcard,csv,merge}.rs
// (`linear_*`): timed here, beside the other unit tests, it would be noise.

fn backup_with(edit: &str) -> Vec<u8> {
    let base = r#"{"format":"kith-backup","version":3,"app_version":"0.1.0","exported_at":0,
      "contacts":[{"id":"p1","name":"Ana","created":0,"updated":0}],
      "organisations":[],"interactions":[],"dates":[],"tasks":[],"photos":[]}"#;
    let mut v: serde_json::Value = serde_json::from_str(base).unwrap();
    let patch: serde_json::Value = serde_json::from_str(edit).unwrap();
    for (k, val) in patch.as_object().unwrap() {
        v[k] = val.clone();
    }
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn restore_refuses_what_the_forms_refuse_and_says_where() {
    assert!(Backup::restore(&backup_with("{}")).is_ok());
    let cases = [
        (r#"{"contacts":[{"id":"p1","name":"  ","created":0,"updated":0}]}"#, "The person at position 1 (p1) cannot be read: their name is empty."),
        (r#"{"contacts":[{"id":"p 1","name":"Ana","created":0,"updated":0}]}"#, "The person at position 1 (p 1) cannot be read: its id is not a plain id (letters, digits, '-' and '_', up to 64)."),
        (r#"{"contacts":[{"id":"p1","name":"Ana","created":0,"updated":0,"merged_into":"gone"}]}"#, "The person at position 1 (p1) cannot be read: it names person gone, who is not in the file."),
        (r#"{"interactions":[{"id":"i1","contact_ids":["ghost"],"kind":"call","date":"2024-01-02","created":0,"updated":0}]}"#, "The interaction at position 1 (i1) cannot be read: it names person ghost, who is not in the file."),
        (r#"{"interactions":[{"id":"i1","contact_ids":[],"kind":"call","date":"2024-01-02","created":0,"updated":0}]}"#, "The interaction at position 1 (i1) cannot be read: it is with nobody."),
        (r#"{"interactions":[{"id":"i1","contact_ids":["p1"],"kind":"call","date":"2024-01-02","temperature":{"score":200},"created":0,"updated":0}]}"#, "The interaction at position 1 (i1) cannot be read: its satisfaction score is 200 (it goes from 1 to 5)."),
        (r#"{"dates":[{"id":"d1","contact_id":"p1","kind":{"type":"birthday"},"month":13,"day":40,"created":0,"updated":0}]}"#, "The date at position 1 (d1) cannot be read: month 13, day 40 is not a real date."),
        (r#"{"dates":[{"id":"d1","contact_id":"p1","kind":{"type":"birthday"},"month":1,"day":1,"year":-2147483648,"created":0,"updated":0}]}"#, "The date at position 1 (d1) cannot be read: its year -2147483648 is not between 1 and 9999."),
        (r#"{"photos":[{"contact_id":"p1","mime":"text/html\nX","data":"iVBORw0KGgo="}]}"#, "The photo at position 1 (p1) cannot be read: its type “text/html\nX” is not JPEG, PNG, GIF or WebP."),
    ];
    for (edit, words) in cases {
        let err = Backup::restore(&backup_with(edit)).unwrap_err();
        assert_eq!(err.to_string(), words);
    }
    let long = format!(
        r#"{{"contacts":[{{"id":"p1","name":"{}","created":0,"updated":0}}]}}"#,
        "a".repeat(1_000_000)
    );
    assert_eq!(
        Backup::restore(&backup_with(&long))
            .unwrap_err()
            .to_string(),
        "The person at position 1 (p1) cannot be read: their name is longer than 200 characters."
    );
    let huge = format!(
        r#"{{"settings":{{"check_in":{{"mode":"{}"}}}}}}"#,
        "z".repeat(100_000)
    );
    let words = Backup::restore(&backup_with(&huge))
        .unwrap_err()
        .to_string();
    assert!(words.len() < 300, "{} characters", words.len());
}

#[test]
fn a_restored_person_keeps_what_the_form_would_refuse_as_custom_fields() {
    let b = Backup::restore(&backup_with(
        r#"{"contacts":[{"id":"p1","name":"Ana","created":0,"updated":0,
            "phones":[{"label":"","value":"+49 PRIVAT"}],"tags":["a,b"]}]}"#,
    ))
    .unwrap();
    let c = &b.contacts[0];
    assert!(c.phones.is_empty());
    assert_eq!(c.custom_fields[0].value, "+49 PRIVAT");
    assert_eq!(c.tags, ["a", "b"]);
}

#[test]
fn exports_cannot_be_injected_and_keep_a_lone_carriage_return() {
    let b = Backup::restore(&backup_with(
        r#"{"contacts":[{"id":"p1","name":"Ana","created":0,"updated":0,"notes":"one\rtwo","tags":["x"]}]}"#,
    ))
    .unwrap();
    let dir = Directory::new(b.contacts.clone(), vec![]);
    let people: Vec<_> = dir.all_contacts().collect();
    let card = crate::export::vcard(&people, &dir, &[], &[]);
    assert!(card.contains("NOTE:one\\ntwo\r\n"), "{card}");
    let photo = crate::model::Photo {
        contact_id: b.contacts[0].id.clone(),
        mime: "image/png\r\nX-EVIL:1".into(),
        bytes: b"\x89PNG....".to_vec(),
    };
    let card = crate::export::vcard(&people, &dir, &[], &[photo]);
    assert!(!card.contains("\nX-EVIL"), "{card}");
    assert!(card.contains("PHOTO:data:image/png;base64,"));
}

#[test]
fn merging_a_backup_with_itself_gives_it_back_photos_included() {
    let b = Backup::restore(&backup_with(
        r#"{"photos":[{"contact_id":"p1","mime":"image/png","data":"iVBORw0KGgo="}]}"#,
    ))
    .unwrap();
    assert_eq!(b.contacts[0].photo, None, "a photo no stamp backs");
    assert_eq!(b.merge(&b), b);
}
