//! Tests of `vcard` (kept beside it, so the module itself stays short).

use super::*;
use crate::import::text::Utf8Only;

fn one(text: &str) -> ImportedPerson {
    let (mut people, _) = parse(text.as_bytes(), &Utf8Only, "windows-1252");
    assert_eq!(people.len(), 1, "{people:?}");
    people.remove(0)
}

#[test]
fn reads_folds_groups_and_types() {
    let p = one("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Kr\r\n use\r\nN:Kruse;Ana;;;\r\nitem1.EMAIL;TYPE=INTERNET:ana@example.com\r\nitem1.X-ABLabel:_$!<Other>!$_\r\nTEL;TYPE=CELL:+1 555 0100\r\nTEL;TYPE=WORK,FAX:+1 555 0101\r\nBDAY:--0314\r\nEND:VCARD\r\n");
    assert_eq!(p.name, "Ana Kruse");
    assert_eq!(p.given_name, "Ana");
    assert_eq!(
        p.emails,
        vec![Labeled {
            label: "other".into(),
            value: "ana@example.com".into()
        }]
    );
    assert_eq!(p.phones[0].label, "mobile");
    assert_eq!(p.phones[1].label, "work fax");
    assert_eq!(
        p.dates,
        vec![ImportedDate {
            kind: DateKind::Birthday,
            month: 3,
            day: 14,
            year: None
        }]
    );
}

#[test]
fn reads_dates_in_every_shape() {
    assert_eq!(parse_date("1980-03-21", None), Some((3, 21, Some(1980))));
    assert_eq!(parse_date("19800321", None), Some((3, 21, Some(1980))));
    assert_eq!(parse_date("--03-21", None), Some((3, 21, None)));
    assert_eq!(
        parse_date("1985-01-28T00:00:00Z", None),
        Some((1, 28, Some(1985)))
    );
    assert_eq!(parse_date("1604-08-02", Some("1604")), Some((8, 2, None)));
    assert_eq!(parse_date("2001-02-29", None), None);
    assert_eq!(parse_date("--02-29", None), Some((2, 29, None)));
    assert_eq!(parse_date("circa 1800", None), None);
}

#[test]
fn an_embedded_card_is_not_a_person() {
    let (people, _) = parse(b"BEGIN:VCARD\nFN:Boss\nAGENT:\nBEGIN:VCARD\nFN:Assistant\nEND:VCARD\nEMAIL:b@example.com\nEND:VCARD\n", &Utf8Only, "windows-1252");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Boss");
    assert_eq!(people[0].emails.len(), 1);
}

#[test]
fn read_a_few_lines_at_a_time_a_file_gives_what_it_gives_in_one_go() {
    // Every sample file, plus cards with a nested card, one without a name
    // and one cut off before END:VCARD, read in steps of every small size.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/samples/vcard");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert!(!files.is_empty());
    files.push(
        b"BEGIN:VCARD\r\nFN:Ana\r\nAGENT:BEGIN:VCARD\r\nBEGIN:VCARD\r\nFN:Agent\r\nEND:VCARD\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nNOTE:nobody\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bo\r\nEMAIL:bo@example.com\r\n"
            .to_vec(),
    );
    for bytes in &files {
        let whole = parse(bytes, &Utf8Only, "windows-1252");
        for size in 1..=7 {
            let mut reader = Reader::new(bytes, &Utf8Only);
            let mut steps = 0;
            while !reader.step(size, &Utf8Only, "windows-1252") {
                steps += 1;
            }
            let (read, total) = reader.progress();
            assert_eq!(read, total);
            assert!(
                steps + 1 >= total.div_ceil(size),
                "{steps} steps of {size} for {total}"
            );
            assert_eq!(
                reader.finish(&Utf8Only, "windows-1252"),
                whole,
                "steps of {size}"
            );
        }
    }
}
