//! Property and fuzz tests of the vCard importer (2.1, 3.0, 4.0): random
//! bytes, byte and line edits of the real files in tests/samples and of
//! the vCard file the core exports, read whole and line by line, then
//! matched and imported into a store. See fuzz_support/mod.rs for the
//! environment (cases, seed, scale).

mod fuzz_support;

use fuzz_support::backups::{records, PLAIN};
use fuzz_support::people::{import, plan, store_of};
use fuzz_support::{config, edits, linear, mutate, noise, regression, samples, File, Whatwg};
use kith_core::import::vcard;
use kith_core::Directory;
use proptest::prelude::*;

const TOKENS: &[&[u8]] = &[
    b"\r\n",
    b"\n",
    b"\r",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"VERSION:2.1\r\n",
    b"VERSION:4.0\r\n",
    b";CHARSET=UTF-8",
    b";CHARSET=SHIFT_JIS",
    b";ENCODING=QUOTED-PRINTABLE",
    b"=\r\n",
    b"=\r\n\r\n",
    b"=0D=0A",
    b"=C3=BC",
    b":",
    b";",
    b",",
    b"\\n",
    b"\\,",
    b"\\",
    b"TEL:112\r\n",
    b"EMAIL:a@b.c\r\n",
    b"BDAY:--0229\r\n",
    b"BDAY:2023-02-29\r\n",
    b"BDAY:-2147483648-01-01\r\n",
    b"CATEGORIES:a,b,c\r\n",
    b"PHOTO;ENCODING=b;TYPE=JPEG:/9j/",
    b"item1.",
    b"item1.X-ABLabel:x\r\n",
    b" ",
    b"\t",
    b"N:;;;;\r\n",
    b"FN:\r\n",
    b"NOTE:",
    b"ORG:;\r\n",
    b"TITLE:t\r\n",
    b"AGENT:BEGIN:VCARD",
    b"\xff\xfe",
    b"\0",
    b"\xc3",
];

/// Every sample vCard file, once.
fn sample() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(samples("vcard"))
}

/// The vCard file the core writes for generated people.
fn exported() -> impl Strategy<Value = Vec<u8>> {
    records(PLAIN).prop_map(|b| {
        let dir = Directory::new(b.contacts.clone(), b.organisations.clone());
        let people: Vec<_> = b.contacts.iter().filter(|c| c.is_live()).collect();
        kith_core::export::vcard(&people, &dir, &b.dates, &[]).into_bytes()
    })
}

/// A vCard file to try.
fn vcard_file() -> impl Strategy<Value = File> {
    prop_oneof![
        1 => noise(b"BEGIN:VCARDEND\r\n;=,.TELFNQP0123456789 ", 400),
        4 => (sample(), edits(6)).prop_map(|(s, e)| mutate(&s, &e, TOKENS)),
        3 => (exported(), edits(6)).prop_map(|(s, e)| mutate(&s, &e, TOKENS)),
    ]
    .prop_map(File)
}

/// The file read whole, and line by line: both read the same.
fn read(
    bytes: &[u8],
) -> (
    Vec<kith_core::import::ImportedPerson>,
    Vec<kith_core::import::Skipped>,
) {
    let whole = vcard::parse(bytes, &Whatwg, "windows-1252");
    let mut r = vcard::Reader::new(bytes, &Whatwg);
    while !r.step(1, &Whatwg, "windows-1252") {}
    let stepped = r.finish(&Whatwg, "windows-1252");
    assert_eq!(whole, stepped, "read whole and line by line differ");
    whole
}

proptest! {
    #![proptest_config(config("fuzz_vcard"))]

    /// No file panics the reader, the matching or the import.
    #[test]
    fn no_vcard_file_panics(bytes in vcard_file(), here in records(PLAIN)) {
        let (people, skipped) = read(&bytes);
        let store = store_of(&here);
        let _ = import(&store, people, skipped);
    }

    /// A card left out is named by its number in the file with a short
    /// reason; a file of which nothing is imported changes nothing stored.
    #[test]
    fn refused_cards_change_nothing(bytes in vcard_file(), here in records(PLAIN)) {
        let (people, skipped) = read(&bytes);
        // At most one card per BEGIN (with or without parameters), counted
        // in the bytes with NULs taken out for UTF-16 files.
        let plain: Vec<u8> = bytes.iter().copied().filter(|b| *b != 0).collect();
        let cards = plain.windows(5).filter(|w| w.eq_ignore_ascii_case(b"BEGIN")).count();
        for s in &skipped {
            prop_assert!(s.position >= 1 && s.position <= cards.max(1), "position {} of {cards}", s.position);
            prop_assert!(!s.reason.trim().is_empty() && s.reason.chars().count() < 300, "{:?}", s.reason);
        }
        let store = store_of(&here);
        let (plan, before, after) = import(&store, people, skipped);
        if plan.new_people() + plan.updated() == 0 {
            prop_assert_eq!(before, after);
        }
    }
}

/// `count` cards, each made by `card(i)`.
fn cards(count: usize, card: impl Fn(usize) -> String) -> Vec<u8> {
    (0..count).map(card).collect::<String>().into_bytes()
}

#[allow(clippy::ptr_arg)] // called with the Vec that `linear` made
fn read_and_plan(bytes: &Vec<u8>) {
    let (people, skipped) = vcard::parse(bytes, &Whatwg, "windows-1252");
    plan(people, skipped);
}

#[test]
fn linear_cards_sharing_one_phone() {
    linear(
        "vCards sharing one phone",
        |n| {
            cards(n, |i| {
                format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nTEL:+49 30 1234567\r\nEND:VCARD\r\n")
            })
        },
        read_and_plan,
    );
}

#[test]
fn linear_cards_sharing_one_email() {
    linear(
        "vCards sharing one email",
        |n| {
            cards(n, |i| {
                format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:desk@example.com\r\nEND:VCARD\r\n")
            })
        },
        read_and_plan,
    );
}

#[test]
fn linear_one_person_listed_n_times() {
    linear(
        "one person listed n times, each record adding a phone and a note",
        |n| {
            cards(n, |i| {
                format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Kruse\r\nEMAIL:ana@example.com\r\nTEL:+49 30 {i:07}\r\nNOTE:met {i}\r\nEND:VCARD\r\n")
            })
        },
        read_and_plan,
    );
}

#[test]
fn linear_cards_of_different_people() {
    linear(
        "vCards of different people",
        |n| {
            cards(n, |i| {
                format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nTEL:+49 30 {i:07}\r\nEMAIL:p{i}@example.com\r\nEND:VCARD\r\n")
            })
        },
        read_and_plan,
    );
}

/// One card with `n` lines of `line(i)`.
fn one_card(n: usize, line: impl Fn(usize) -> String) -> Vec<u8> {
    let mut s = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n");
    for i in 0..n {
        s.push_str(&line(i));
    }
    s.push_str("END:VCARD\r\n");
    s.into_bytes()
}

#[test]
fn linear_categories_with_many_tags() {
    linear(
        "a CATEGORIES line with many tags",
        |n| {
            let tags: Vec<String> = (0..n).map(|i| format!("tag{i}")).collect();
            format!(
                "BEGIN:VCARD\r\nFN:Ana\r\nCATEGORIES:{}\r\nEND:VCARD\r\n",
                tags.join(",")
            )
            .into_bytes()
        },
        read_and_plan,
    );
}

#[test]
fn linear_many_email_lines() {
    linear(
        "many EMAIL lines in one card",
        |n| one_card(n, |i| format!("EMAIL:p{i}@example.com\r\n")),
        read_and_plan,
    );
}

#[test]
fn linear_many_note_lines() {
    linear(
        "many NOTE lines in one card",
        |n| one_card(n, |i| format!("NOTE:note {i}\r\n")),
        read_and_plan,
    );
}

/// Imports a reproducer into an empty store: the plan.
fn plan_of(name: &str) -> kith_core::import::ImportPlan {
    let (people, skipped) = vcard::parse(&regression(name), &Whatwg, "windows-1252");
    plan(people, skipped)
}

#[test]
fn people_sharing_a_phone_stay_apart() {
    let plan = plan_of("vcard-shared-phone-folds-people.vcf");
    assert_eq!(
        plan.new_people(),
        2,
        "two different names, one switchboard number"
    );
}

#[test]
fn a_missing_end_loses_no_card() {
    let (people, skipped) = vcard::parse(
        &regression("vcard-missing-end-swallows.vcf"),
        &Whatwg,
        "windows-1252",
    );
    assert_eq!(
        people.len() + skipped.len(),
        3,
        "three cards, each imported or listed as skipped"
    );
}

#[test]
fn a_soft_break_before_a_blank_line_loses_nothing() {
    let (people, _) = vcard::parse(
        &regression("vcard-qp-soft-break-blank-line.vcf"),
        &Whatwg,
        "windows-1252",
    );
    assert_eq!(people.len(), 2, "the second card is read");
    assert_eq!(
        people[0].phones.len(),
        1,
        "the phone after the blank line is read"
    );
}

#[test]
fn a_short_phone_arrives() {
    let (people, skipped) = vcard::parse(
        &regression("vcard-short-phone.vcf"),
        &Whatwg,
        "windows-1252",
    );
    let store = store_of(&kith_core::backup::Backup::new(
        "0",
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    ));
    import(&store, people, skipped);
    let (contacts, _) = pollster::block_on(kith_core::Store::load_people(&store)).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].phones.len(), 1, "{:?}", contacts[0].phones);
}
