//! Which reader a picked contacts file goes to: the decision the import
//! card makes before reading anything.
//!
//! - A name ending in `.csv` or `.tsv` (any case) is a table, whatever it
//!   holds: CSV exports say what they are only by their name.
//! - Otherwise a file is a vCard when `BEGIN:VCARD` (any case) appears near
//!   its start, in its bytes as they are or read as UTF-16 (an Apple export
//!   may have no byte-order mark), so a `.txt` or nameless file that is a
//!   vCard is read as one.
//! - Anything else is refused, before anything is read or written.

use super::text;

/// How far into a file to look for `BEGIN:VCARD`.
const LOOK: usize = 4096;
const VCARD: &[u8] = b"BEGIN:VCARD";

/// The kinds of contacts file Kith reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    VCard,
    /// CSV or tab-separated: columns the user matches to fields.
    Csv,
}

/// What the file named `name` with these `bytes` (all of it, or at least
/// its first few kilobytes) is; `None` when Kith cannot read it.
pub fn detect(name: &str, bytes: &[u8]) -> Option<Format> {
    let name = name.to_lowercase();
    if name.ends_with(".csv") || name.ends_with(".tsv") {
        Some(Format::Csv)
    } else if looks_like_vcard(bytes) {
        Some(Format::VCard)
    } else {
        None
    }
}

fn looks_like_vcard(bytes: &[u8]) -> bool {
    let found = |hay: &[u8]| {
        hay.windows(VCARD.len())
            .any(|w| w.eq_ignore_ascii_case(VCARD))
    };
    let head = &bytes[..bytes.len().min(LOOK + VCARD.len() - 1)];
    // UTF-16 is decoded by the core's own decoder: only ASCII is looked for,
    // which every UTF-16 decoder reads alike.
    found(head)
        || found(&text::to_utf8_bytes(
            &bytes[..bytes.len().min(LOOK)],
            &NoTables,
        ))
}

/// No charset tables, so [`text::to_utf8_bytes`] falls back to its own
/// UTF-16 decoder.
struct NoTables;

impl text::Charsets for NoTables {
    fn decode(&self, _: &str, _: &[u8]) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mark = if bom { vec![0xFF, 0xFE] } else { vec![] };
        mark.into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect()
    }

    #[test]
    fn the_name_makes_a_table() {
        assert_eq!(detect("people.csv", b"Name,Email\n"), Some(Format::Csv));
        assert_eq!(detect("PEOPLE.CSV", b"Name,Email\n"), Some(Format::Csv));
        assert_eq!(detect("people.Tsv", b"Name\tEmail\n"), Some(Format::Csv));
        assert_eq!(
            detect("empty.csv", b""),
            Some(Format::Csv),
            "the card says it has no rows"
        );
        assert_eq!(
            detect("cards.csv", b"BEGIN:VCARD\r\n"),
            Some(Format::Csv),
            "the name wins over what it holds"
        );
        assert_eq!(
            detect("people.txt", b"Name,Email\n"),
            None,
            "a table needs its name"
        );
        assert_eq!(detect("csv", b"Name,Email\n"), None);
    }

    #[test]
    fn the_content_makes_a_vcard() {
        let card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n";
        for name in ["ana.vcf", "ANA.VCF", "ana.vcard", "ana.txt", "ana", ""] {
            assert_eq!(detect(name, card), Some(Format::VCard), "{name}");
        }
        assert_eq!(
            detect("a.vcf", b"begin:vcard\nfn:Ana\n"),
            Some(Format::VCard)
        );
        let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].iter().chain(card).copied().collect();
        assert_eq!(detect("a.vcf", &bom), Some(Format::VCard));
        let text = std::str::from_utf8(card).unwrap();
        assert_eq!(detect("a.vcf", &utf16le(text, true)), Some(Format::VCard));
        assert_eq!(detect("a.vcf", &utf16le(text, false)), Some(Format::VCard));
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(detect("empty.vcf", b""), None);
        assert_eq!(detect("notes.txt", b"Call Ana on Monday"), None);
        assert_eq!(
            detect("cal.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
            None
        );
        assert_eq!(
            detect("kith-backup.json", br#"{"type":"kith-backup"}"#),
            None
        );
        assert_eq!(
            detect("photo.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            None
        );
    }

    #[test]
    fn only_the_start_is_searched() {
        let late = |at: usize| {
            let mut bytes = vec![b' '; at];
            bytes.extend_from_slice(b"BEGIN:VCARD\n");
            detect("a.vcf", &bytes)
        };
        assert_eq!(late(LOOK - 1), Some(Format::VCard));
        assert_eq!(late(LOOK), None);
    }
}
