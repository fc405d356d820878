//! Bytes to text for files other tools wrote: byte-order marks, UTF-16
//! without a mark, and legacy charsets. The charset tables themselves live
//! at the edge ([`Charsets`]): the browser's `TextDecoder` in the app, the
//! `encoding_rs` crate in host tests; both follow the WHATWG Encoding
//! standard, so they agree.

/// Decodes bytes in a named charset ("windows-1250", "shift_jis", ...).
pub trait Charsets {
    /// `None` when the label is unknown.
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String>;
}

/// UTF-8 only; anything else is read as Windows-1252, byte for character.
/// Enough for the unit tests' files, which are plain UTF-8 or ASCII.
#[cfg(test)]
pub(crate) struct Utf8Only;

#[cfg(test)]
impl Charsets for Utf8Only {
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
        let label = label.to_ascii_lowercase();
        if label == "utf-8" || label == "utf8" || label == "us-ascii" {
            return Some(String::from_utf8_lossy(bytes).into_owned());
        }
        if matches!(
            label.as_str(),
            "iso-8859-1" | "latin1" | "windows-1252" | "cp1252"
        ) {
            return Some(bytes.iter().map(|&b| b as char).collect());
        }
        None
    }
}

/// The charset a file's bytes are in, when the file itself says so or its
/// shape gives it away: a byte-order mark, or UTF-16 without one (every
/// other byte zero in ASCII text).
pub fn sniff_unicode(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Some("utf-8");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("utf-16le");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("utf-16be");
    }
    let sample = &bytes[..bytes.len().min(400) & !1];
    if sample.len() >= 8 {
        let pairs = sample.len() / 2;
        let even_zero = sample.chunks(2).filter(|p| p[0] == 0).count();
        let odd_zero = sample.chunks(2).filter(|p| p[1] == 0).count();
        if even_zero * 10 >= pairs * 6 {
            return Some("utf-16be");
        }
        if odd_zero * 10 >= pairs * 6 {
            return Some("utf-16le");
        }
    }
    None
}

/// The whole file as UTF-8 bytes when it is UTF-16 (with or without a
/// mark), with any byte-order mark removed; other files unchanged, so
/// parts in legacy charsets can still be decoded part by part.
pub fn to_utf8_bytes(bytes: &[u8], charsets: &dyn Charsets) -> Vec<u8> {
    match sniff_unicode(bytes) {
        Some("utf-8") => bytes[3..].to_vec(),
        Some(label) => {
            let body = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                &bytes[2..]
            } else {
                bytes
            };
            match charsets.decode(label, body) {
                Some(text) => text.trim_start_matches('\u{feff}').as_bytes().to_vec(),
                None => decode_utf16(body, label == "utf-16be").into_bytes(),
            }
        }
        None => bytes.to_vec(),
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect()
}

/// Text from bytes: the named charset if there is one, else UTF-8 when the
/// bytes are valid UTF-8, else `fallback` (the charset the user picked for
/// files that do not say, Windows-1252 unless they chose another).
pub fn decode(
    bytes: &[u8],
    charset: Option<&str>,
    fallback: &str,
    charsets: &dyn Charsets,
) -> String {
    if let Some(label) = charset {
        if let Some(text) = charsets.decode(label, bytes) {
            return text;
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => charsets
            .decode(fallback, bytes)
            .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned()),
    }
}

/// Whether any part of the file is neither ASCII nor UTF-8 (so the charset
/// the user picks matters).
pub fn needs_charset(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_err()
}

/// Quoted-printable to bytes (`=41` is `A`, `=` at a line end is a soft
/// break). Bad escapes are kept as they are.
pub fn quoted_printable(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b == b'=' {
            let hex = |c: u8| (c as char).to_digit(16);
            match (text.get(i + 1), text.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) | (Some(b'\r'), _) => i += 2,
                (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                    out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                    i += 3;
                }
                (None, _) => i += 1,
                _ => {
                    out.push(b);
                    i += 1;
                }
            }
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_decodes_soft_breaks() {
        assert_eq!(
            quoted_printable(b"Krak=F3w=\r\n ok=0D=0A"),
            b"Krak\xF3w ok\r\n"
        );
        assert_eq!(quoted_printable(b"a=zz"), b"a=zz");
    }

    #[test]
    fn utf16_without_a_mark_is_recognised() {
        let be: Vec<u8> = "BEGIN:VCARD"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(sniff_unicode(&be), Some("utf-16be"));
        assert_eq!(to_utf8_bytes(&be, &Utf8Only), b"BEGIN:VCARD");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a,b".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(to_utf8_bytes(&le, &Utf8Only), b"a,b");
    }
}
