//! Every contact file in tests/samples (real exports from other tools,
//! see tests/samples/SOURCES.md) imports with the right people and fields.

use kith_core::import::text::Charsets;
use kith_core::import::{csv, vcard, ImportedPerson};
use kith_core::{DateKind, Labeled};

/// The WHATWG encodings, as the browser's TextDecoder has them.
struct Whatwg;

impl Charsets for Whatwg {
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
        let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
        Some(enc.decode_without_bom_handling(bytes).0.into_owned())
    }
}

fn sample(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/samples/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn cards(name: &str) -> Vec<ImportedPerson> {
    cards_as(name, "windows-1252")
}

fn cards_as(name: &str, fallback: &str) -> Vec<ImportedPerson> {
    vcard::parse(&sample(&format!("vcard/{name}")), &Whatwg, fallback).0
}

fn rows(name: &str) -> Vec<ImportedPerson> {
    rows_as(name, "windows-1252")
}

fn rows_as(name: &str, fallback: &str) -> Vec<ImportedPerson> {
    let table = csv::read(&sample(&format!("csv/{name}")), &Whatwg, fallback);
    csv::people(&table, &csv::guess(&table.header)).0
}

fn person<'a>(people: &'a [ImportedPerson], name: &str) -> &'a ImportedPerson {
    people.iter().find(|p| p.name == name).unwrap_or_else(|| {
        panic!(
            "no {name} in {:?}",
            people.iter().map(|p| &p.name).collect::<Vec<_>>()
        )
    })
}

fn values(list: &[Labeled]) -> Vec<(&str, &str)> {
    list.iter()
        .map(|l| (l.label.as_str(), l.value.as_str()))
        .collect()
}

fn date(p: &ImportedPerson, kind: DateKind) -> Option<(u32, u32, Option<i32>)> {
    p.dates
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| (d.month, d.day, d.year))
}

#[test]
fn every_sample_file_reads() {
    let dir = format!("{}/../../tests/samples", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for kind in ["vcard", "csv"] {
        for entry in std::fs::read_dir(format!("{dir}/{kind}")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let people = if kind == "vcard" {
                cards(&name)
            } else {
                rows(&name)
            };
            assert!(!people.is_empty(), "{name}: nobody read");
            for p in &people {
                assert!(!p.name.trim().is_empty(), "{name}: a person without a name");
                assert!(
                    !p.name.contains('\u{fffd}'),
                    "{name}: {} has undecodable text",
                    p.name
                );
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 33);
}

#[test]
fn ios_birthday_without_year_photo_and_labels() {
    let p = &cards("ios-14.3-omit-year-bday.vcf")[0];
    assert_eq!(p.name, "Dr John Jøhñ Smith Jr");
    assert_eq!(date(p, DateKind::Birthday), Some((8, 2, None)));
    assert_eq!(date(p, DateKind::Anniversary), Some((4, 2, Some(2010))));
    assert!(values(&p.emails).contains(&("custom email", "john4@smith.com")));
    assert!(values(&p.phones).contains(&("mobile", "(555) 111-1111")));
    assert_eq!(p.family, vec![("Mom".to_owned(), "mother".to_owned())]);
    assert_eq!(p.photo.as_ref().unwrap().0, "image/jpeg");
}

#[test]
fn iphone_cr_cr_lf_with_a_folded_photo() {
    let p = &cards("ios-5.0.1-iphone-photo-crcrlf.vcf")[0];
    assert_eq!(p.given_name, "John");
    assert_eq!(p.organisation, "IBM");
    assert_eq!(p.phones.len(), 7);
    let (mime, bytes) = p.photo.as_ref().unwrap();
    assert_eq!(mime, "image/jpeg");
    assert!(bytes.len() > 30_000, "{}", bytes.len());
    assert!(
        bytes.ends_with(&[0xFF, 0xD9]),
        "the whole JPEG, to its end marker"
    );
}

#[test]
fn android_quoted_printable_and_events() {
    let people = cards("android-2.1-qp-utf8-multi.vcf");
    assert_eq!(
        people.len(),
        6,
        "cards without a name are named by email or phone"
    );
    assert_eq!(people[0].name, "john.doe@company.com");
    assert_eq!(people[2].name, "Ñ Ñ Ñ Ñ Ñ");
    assert_eq!(
        people[3].name, "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
        "soft line breaks joined"
    );
    let p = &cards("android-11-contacts-2.1-qp-events.vcf")[0];
    assert_eq!(p.given_name, "John");
    assert_eq!(date(p, DateKind::Birthday), Some((2, 23, Some(1983))));
    assert_eq!(date(p, DateKind::Anniversary), Some((3, 23, None)));
    assert_eq!(p.notes, "Notes line 1\nNotes line 2\nNotes line 3");
    assert!(p.photo.is_some());
}

#[test]
fn gmail_relations_dates_and_item_labels() {
    let p = &cards("gmail-3.0-spouse-anniversary.vcf")[0];
    assert_eq!(date(p, DateKind::Anniversary), Some((3, 1, Some(1975))));
    assert_eq!(p.family, vec![("Jenny".to_owned(), "spouse".to_owned())]);
    assert!(p.notes.contains("Favotire Color: Blue"));
    let p = &cards("gmail-3.0-all-fields-itemN.vcf")[0];
    assert_eq!(p.name, "VCard Test");
    assert_eq!(p.emails.len(), 5);
    assert!(values(&p.emails).contains(&("customemailcategory", "customcategory@example.com")));
    assert_eq!(p.phones.len(), 11);
    assert!(p.family.contains(&("Name3".to_owned(), "child".to_owned())));
    assert!(p
        .family
        .contains(&("Name15".to_owned(), "domestic partner".to_owned())));
    assert!(values(&p.custom_fields).contains(&("manager", "Name11")));
    assert!(
        values(&p.links).contains(&("", "http://www.example1.com")),
        "http\\:// unescaped"
    );
}

#[test]
fn mac_address_book_files() {
    let people = cards("macos-addressbook-30-cards-latin1.vcf");
    assert_eq!(people.len(), 30);
    assert_eq!(person(&people, "Ingrid Spaßlund").organisation, "Nike");
    assert!(values(&person(&people, "Margit Stern").addresses)[0]
        .1
        .contains("Brotmannstraße 7"));
    let p = &cards("macos-addressbook-company-card.vcf")[0];
    assert_eq!(p.name, "Apple Computer AG");
    assert!(p.addresses[0].value.contains("Wallisellen-Zürich"));
    let p = &cards("macos-addressbook-utf16be.vcf")[0];
    assert_eq!(p.name, "Ǽgean ĽdaMonté");
    let p = &cards("macos-addressbook-photo-mixed-eol.vcf")[0];
    assert_eq!(p.pronunciation, "Jon Dow");
    assert!(p.photo.as_ref().unwrap().1.ends_with(&[0xFF, 0xD9]));
}

#[test]
fn outlook_files() {
    let p = &cards("outlook-2003-qp-key.vcf")[0];
    assert_eq!(p.organisation, "Company, The");
    assert_eq!(date(p, DateKind::Birthday), Some((3, 21, Some(1980))));
    assert_eq!(
        p.notes,
        "This is the note field!!\nSecond line\n\nThird line is empty"
    );
    let p = &cards("outlook-2007-qp-photo.vcf")[0];
    assert_eq!(date(p, DateKind::Birthday), Some((3, 10, Some(1922))));
    assert_eq!(date(p, DateKind::Anniversary), Some((8, 1, Some(2012))));
    assert_eq!(
        p.family,
        vec![("TheSpouse".to_owned(), "spouse".to_owned())]
    );
    assert!(p.photo.is_some());
    let p = &cards("outlook-2003-qp-cp1250-nocharset.vcf")[0];
    assert_eq!(p.name, "Antoni Jozef Mylka jun.");
    assert_eq!(p.phones.len(), 3);
    let p = &cards("webdav-collaborator-outlook-agent.vcf")[0];
    assert_eq!(p.given_name, "Vorname");
    assert_eq!(date(p, DateKind::Birthday), Some((8, 9, Some(1980))));
    assert!(values(&p.custom_fields).contains(&("manager", "boss")));
}

#[test]
fn legacy_charsets_follow_the_chosen_fallback() {
    assert_eq!(
        cards_as("thebat-2.1-qp-latin2-nocharset.vcf", "windows-1250")[0].name,
        "Piotr Iksiński"
    );
    assert_eq!(
        cards("thebat-2.1-qp-latin2-nocharset.vcf")[0].name,
        "Piotr Iksiñski"
    );
    let p = &cards("japanese-featurephone-2.1-shiftjis-qp.vcf")[0];
    assert_eq!(p.family_name, "安藤");
    assert_eq!(p.notes, "メモ");
    assert_eq!(cards("vcard4-japanese-sort-as.vcf")[0].name, "安藤 ロイド");
}

#[test]
fn other_vcard_writers() {
    let p = &cards("evolution-3.0-folded.vcf")[0];
    assert_eq!(
        p.emails[0].value, "john.doe@ibm.com",
        "folded inside the address"
    );
    assert_eq!(p.family, vec![("Maria".to_owned(), "spouse".to_owned())]);
    let p = &cards("kde-kontact-3.0-version-last.vcf")[0];
    assert_eq!(date(p, DateKind::Birthday), Some((1, 28, Some(1985))));
    assert_eq!(date(p, DateKind::Anniversary), Some((2, 15, Some(2008))));
    let p = &cards("thunderbird-mfab-3.0-charset.vcf")[0];
    assert_eq!(p.tags, vec!["category1", "category2", "category3"]);
    let p = &cards("fullcontact-4.0-photo-uri.vcf")[0];
    assert!(
        p.linked_photo && p.photo.is_none(),
        "linked photos are never fetched"
    );
    assert_eq!(date(p, DateKind::Birthday), Some((8, 1, Some(2016))));
    let p = &cards("highrise-3.0-space-in-propname.vcf")[0];
    assert!(values(&p.links).contains(&("google talk", "gtalk.john")));
    let p = &cards("emclient-5.0-quoted-type.vcf")[0];
    assert_eq!(p.uid, "b41b1529-bfd2-437f-b441-19dc97b44d11");
    assert!(
        values(&p.phones).contains(&("other", "+49 MOBIL2")),
        "TYPE=\"OTHER\" unquoted"
    );
    let p = &cards("blackberry-2.1-photo.vcf")[0];
    assert_eq!(p.name, "John Doe");
    assert!(p.photo.is_some());
    let p = &cards("whatsapp-3.0-itemN.vcf")[0];
    assert!(values(&p.phones).contains(&("mobile", "+1 (555) 123-4567")));
    let p = &cards("xing-2.1-photo-url.vcf")[0];
    assert_eq!(
        (p.name.as_str(), p.title.as_str()),
        ("Hans-Peter Mustermann", "CTO")
    );
    assert!(p.linked_photo);
}

#[test]
fn csv_files() {
    let people = rows("google-contacts-legacy-export.csv");
    assert_eq!(people.len(), 5);
    let axel = person(&people, "axel");
    assert_eq!(values(&axel.emails), vec![("other", "abc@here.de")]);
    assert_eq!(axel.tags, vec!["kunden"]);
    assert_eq!(
        person(&people, "Bus Winsen").addresses[0].value,
        "Ring 22, Winsen"
    );
    let p = &rows("google-contacts-legacy-full-header.csv")[0];
    assert_eq!(p.notes, "note\"note");
    assert_eq!(date(p, DateKind::Birthday), Some((12, 12, Some(1975))));
    assert_eq!(p.emails.len(), 4);
    assert!(values(&p.phones).contains(&("home fax", "homefax")));
    assert_eq!(
        (p.organisation.as_str(), p.title.as_str()),
        ("company", "jobtitle")
    );
    let people = rows("outlook-2013-german-cp1252.csv");
    assert_eq!(people.len(), 2);
    let p = person(&people, "Cornelius Weiß");
    assert_eq!(
        values(&p.phones),
        vec![("work", "040 6432131545"), ("mobile", "0176 164321545")]
    );
    assert!(p.dates.is_empty(), "0.0.00 is no birthday");
    let people = rows("synthetic-google-contacts-new-format.csv");
    let bill = person(&people, "Bill Hartman");
    assert_eq!(date(bill, DateKind::Birthday), Some((6, 9, None)));
    assert_eq!(date(bill, DateKind::Anniversary), Some((9, 18, Some(2004))));
    assert_eq!(bill.emails.len(), 2);
    assert_eq!(bill.family, vec![("Dana".to_owned(), "spouse".to_owned())]);
    assert_eq!(
        date(person(&people, "Zoë Lefèvre"), DateKind::Birthday),
        Some((2, 29, Some(1988)))
    );
    assert_eq!(
        person(&people, "Globex Corporation").emails[0].value,
        "sales@globex.example"
    );
    let table = csv::read(
        &sample("csv/synthetic-linkedin-connections.csv"),
        &Whatwg,
        "windows-1252",
    );
    assert_eq!(
        table.header_row, 4,
        "the notes before the header are skipped"
    );
    let people = rows("synthetic-linkedin-connections.csv");
    assert_eq!(people.len(), 3);
    let p = person(&people, "Tomás Ó Briain");
    assert_eq!(
        (p.organisation.as_str(), p.how_we_met.as_str()),
        ("Contoso Ltd", "Connected on 2 November 2021")
    );
    assert_eq!(
        person(&people, "Priya Raman").title,
        "Director, Procurement"
    );
    let people = rows("thunderbird-export-embedded-newlines.csv");
    assert_eq!(people[1].name, "contact number two");
    assert_eq!(people[1].title, "\"worker\"");
    assert_eq!(people[1].notes, "here's some unicode text…");
    assert_eq!(
        rows("thunderbird-utf16le-bom.csv")[0].emails[0].value,
        "johndoe@host.invalid"
    );
}

/// What each sample file leaves out, printed (`--nocapture`) so a reader
/// can see the preview's "left out" list is short and in words.
#[test]
fn what_the_samples_leave_out_is_said() {
    for entry in std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/samples/vcard"
    ))
    .unwrap()
    {
        let path = entry.unwrap().path();
        let (people, skipped) =
            vcard::parse(&std::fs::read(&path).unwrap(), &Whatwg, "windows-1252");
        println!(
            "{}: {} people",
            path.file_name().unwrap().to_string_lossy(),
            people.len()
        );
        for s in &skipped {
            assert!(s.reason.len() < 300, "{}", s.reason);
            println!("  record {}: {}", s.position, s.reason);
        }
    }
}
