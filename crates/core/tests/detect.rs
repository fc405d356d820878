//! Every real export in tests/samples (see tests/samples/SOURCES.md) goes
//! to the right reader, whatever it is named, and calendar files are
//! refused: `import::detect` on files other tools wrote.

use kith_core::import::{detect, Format};

fn samples(kind: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/../../tests/samples/{kind}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no {kind} samples");
    files
}

/// The name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

#[test]
fn every_vcard_sample_is_a_vcard_by_its_content() {
    for (name, bytes) in samples("vcard") {
        for as_named in [
            name.clone(),
            name.to_uppercase(),
            format!("{}.txt", stem(&name)),
            stem(&name).to_owned(),
        ] {
            assert_eq!(detect(&as_named, &bytes), Some(Format::VCard), "{as_named}");
        }
        let start = &bytes[..bytes.len().min(8192)];
        assert_eq!(
            detect(&name, start),
            Some(Format::VCard),
            "{name}: first bytes"
        );
    }
}

#[test]
fn every_csv_sample_is_a_table_by_its_name() {
    for (name, bytes) in samples("csv") {
        assert_eq!(detect(&name, &bytes), Some(Format::Csv), "{name}");
        assert_eq!(
            detect(&name.to_uppercase(), &bytes),
            Some(Format::Csv),
            "{name}"
        );
        let tsv = format!("{}.tsv", stem(&name));
        assert_eq!(detect(&tsv, &bytes), Some(Format::Csv), "{tsv}");
        let txt = format!("{}.txt", stem(&name));
        assert_eq!(
            detect(&txt, &bytes),
            None,
            "{txt}: a table says so by its name"
        );
    }
}

#[test]
fn calendar_files_are_not_contacts() {
    for (name, bytes) in samples("ics") {
        assert_eq!(detect(&name, &bytes), None, "{name}");
    }
}
