//! vCard 2.1, 3.0 and 4.0 as real tools write them: folded lines (space or
//! tab), quoted-printable with soft breaks, charsets per property, `itemN.`
//! groups with Apple labels, several values of each kind with types,
//! birthdays with and without a year, embedded and linked photos, CRLF, LF,
//! CR CR LF and mixed line ends, a whole card inside a value (AGENT).
//!
//! Why one file of about 740 lines: unfolding, decoding and reading the
//! properties of a card are one grammar; the quirks of each writer sit beside
//! the property they bend, where a reader of the grammar looks for them.

use super::text::{self, Charsets};
use super::{ImportedDate, ImportedPerson, Skipped};
use crate::dates::DateKind;
use crate::model::Labeled;
use std::collections::HashMap;

/// One property line, unfolded.
struct Property {
    group: String,
    /// Upper case.
    name: String,
    /// Keys upper case; values as written, unquoted.
    params: Vec<(String, String)>,
    value: Vec<u8>,
}

impl Property {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Lower-case TYPE values, split on commas.
    fn types(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|(k, _)| k == "TYPE")
            .flat_map(|(_, v)| v.split(','))
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn encoding(&self) -> String {
        self.param("ENCODING").unwrap_or("").to_ascii_uppercase()
    }
}

/// Splits on `sep` outside double quotes.
fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&s[start..]);
    parts
}

fn parse_line(line: &[u8]) -> Option<Property> {
    // The value starts at the first ':' outside a quoted parameter value.
    let mut quoted = false;
    let colon = line.iter().position(|&b| {
        if b == b'"' {
            quoted = !quoted;
        }
        b == b':' && !quoted
    })?;
    let head = String::from_utf8_lossy(&line[..colon]);
    let mut parts = split_outside_quotes(&head, ';').into_iter();
    let full_name = parts.next()?.trim();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((g, n)) => (g.to_owned(), n),
        None => (String::new(), full_name),
    };
    let mut params = Vec::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        match p.split_once('=') {
            Some((k, v)) => params.push((
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_owned(),
            )),
            None => {
                // vCard 2.1 bare parameters: a type, or an encoding.
                let upper = p.to_ascii_uppercase();
                let key = match upper.as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
                    _ => "TYPE",
                };
                params.push((key.to_owned(), p.trim_matches('"').to_owned()));
            }
        }
    }
    Some(Property {
        group: group.to_ascii_lowercase(),
        name: name.to_ascii_uppercase(),
        params,
        value: line[colon + 1..].to_vec(),
    })
}

fn is_quoted_printable(line: &[u8]) -> bool {
    let head_end = line.iter().position(|&b| b == b':').unwrap_or(line.len());
    String::from_utf8_lossy(&line[..head_end])
        .to_ascii_uppercase()
        .contains("QUOTED-PRINTABLE")
}

/// The file's lines, blank ones included, split at CRLF, LF, CR or the
/// CR CR LF some tools write.
fn physical_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&bytes[start..i]);
                i += 1;
            }
            b'\r' => {
                lines.push(&bytes[start..i]);
                while bytes.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {
                i += 1;
                continue;
            }
        }
        start = i;
    }
    if start < bytes.len() {
        lines.push(&bytes[start..]);
    }
    lines
}

fn is_card_edge(line: &[u8]) -> bool {
    let upper = line.trim_ascii().to_ascii_uppercase();
    upper.starts_with(b"BEGIN:VCARD") || upper.starts_with(b"END:VCARD")
}

/// Physical lines to logical lines: folds joined, quoted-printable soft
/// breaks joined, and stray lines with no ':' (unindented base64) joined
/// to the line before. A soft break never reaches past a blank line or
/// into BEGIN/END:VCARD (a value ending in `=` would otherwise eat the
/// next line, or the whole next card).
fn logical_lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut current_qp = false;
    for raw in physical_lines(bytes) {
        let soft_break = current_qp && out.last().is_some_and(|l| l.ends_with(b"="));
        if raw.is_empty() || is_card_edge(raw) {
            if soft_break {
                out.last_mut().expect("checked").pop();
            }
            current_qp = false;
            if raw.is_empty() {
                continue;
            }
        }
        if soft_break && !is_card_edge(raw) {
            let last = out.last_mut().expect("checked");
            last.pop();
            last.extend_from_slice(raw);
        } else if (raw[0] == b' ' || raw[0] == b'\t') && !out.is_empty() {
            out.last_mut()
                .expect("checked")
                .extend_from_slice(&raw[1..]);
        } else if !raw.contains(&b':') && !out.is_empty() {
            out.last_mut()
                .expect("checked")
                .extend_from_slice(raw.trim_ascii_start());
        } else {
            current_qp = is_quoted_printable(raw);
            out.push(raw.to_vec());
        }
    }
    out
}

/// Undoes vCard text escapes: `\n`, `\,`, `\;`, `\\` (and the non-standard
/// `\:` and `\"` some tools write).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a structured value on unescaped `sep`, then unescapes each part.
fn components(s: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c == sep {
            parts.push(unescape(&current).trim().to_owned());
            current.clear();
        } else {
            current.push(c);
        }
    }
    parts.push(unescape(&current).trim().to_owned());
    parts
}

/// What the user would call this value: "mobile", "work", "home fax", or
/// an Apple/Google custom label.
fn label_for(prop: &Property, group_labels: &HashMap<String, String>) -> String {
    if let Some(label) = group_labels.get(&prop.group) {
        return label.clone();
    }
    let types = prop.types();
    let has = |t: &str| types.iter().any(|x| x == t);
    let place = if has("work") {
        "work"
    } else if has("home") {
        "home"
    } else {
        ""
    };
    if has("fax") {
        return if place.is_empty() {
            "fax".into()
        } else {
            format!("{place} fax")
        };
    }
    if has("cell") || has("mobile") || has("iphone") {
        return "mobile".into();
    }
    if !place.is_empty() {
        return place.into();
    }
    for t in &types {
        match t.as_str() {
            "pager" | "main" | "other" | "car" | "video" | "assistant" => return t.clone(),
            "pref" | "voice" | "internet" | "x400" | "text" | "uri" | "msg" | "bbs" | "modem"
            | "isdn" | "pcs" | "dom" | "intl" | "postal" | "parcel" | "jpeg" | "png" | "gif" => {}
            custom => {
                if let Some(rest) = custom.strip_prefix("x-") {
                    return rest.replace('-', " ");
                }
            }
        }
    }
    String::new()
}

/// Apple's `_$!<Mobile>!$_` labels read "Mobile".
fn clean_label(label: &str) -> String {
    label
        .trim()
        .trim_start_matches("_$!<")
        .trim_end_matches(">!$_")
        .trim()
        .replace('_', " ")
        .to_lowercase()
}

/// A vCard date: `1980-03-21`, `19800321`, `--0321`, `--03-21`,
/// `1985-01-28T00:00:00Z`; Apple's year 1604 means "no year".
pub(crate) fn parse_date(value: &str, omit_year: Option<&str>) -> Option<(u32, u32, Option<i32>)> {
    let day_part = value.trim().split('T').next()?.trim();
    let digits: String = day_part.chars().filter(|c| c.is_ascii_digit()).collect();
    let (year, month, day) = if let Some(rest) = day_part.strip_prefix("--") {
        let d: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
        if d.len() != 4 {
            return None;
        }
        (None, d[..2].parse().ok()?, d[2..].parse().ok()?)
    } else if digits.len() == 8 && (day_part.len() == 8 || day_part.len() == 10) {
        (
            Some(digits[..4].parse::<i32>().ok()?),
            digits[4..6].parse().ok()?,
            digits[6..].parse().ok()?,
        )
    } else {
        return None;
    };
    if !crate::ImportantDate::is_valid_day(month, day) {
        return None;
    }
    let year = year
        .filter(|y| *y != 1604 && omit_year.is_none_or(|o| o.trim() != y.to_string()) && *y > 0);
    if let Some(y) = year {
        chrono::NaiveDate::from_ymd_opt(y, month, day)?;
    }
    Some((month, day, year))
}

/// Relations that belong in the family list (the rest become notes of
/// who is who: manager, assistant, friend).
const FAMILY: [&str; 17] = [
    "spouse",
    "husband",
    "wife",
    "partner",
    "domestic partner",
    "child",
    "son",
    "daughter",
    "mother",
    "father",
    "parent",
    "brother",
    "sister",
    "sibling",
    "relative",
    "grandparent",
    "grandchild",
];

fn add_related(person: &mut ImportedPerson, name: &str, relation: &str) {
    let name = name.trim();
    if name.is_empty() || name.starts_with("urn:") || name.contains("://") {
        return;
    }
    let relation = relation.trim().to_lowercase();
    if FAMILY.contains(&relation.as_str()) {
        person.family.push((name.to_owned(), relation));
    } else {
        let label = if relation.is_empty() {
            "related".to_owned()
        } else {
            relation
        };
        person.custom_fields.push(Labeled {
            label,
            value: name.to_owned(),
        });
    }
}

fn android_relation(kind: &str, label: &str) -> String {
    match kind {
        "1" => "assistant",
        "2" => "brother",
        "3" => "child",
        "4" => "domestic partner",
        "5" => "father",
        "6" => "friend",
        "7" => "manager",
        "8" => "mother",
        "9" => "parent",
        "10" => "partner",
        "11" => "referred by",
        "12" => "relative",
        "13" => "sister",
        "14" => "spouse",
        _ => label,
    }
    .to_owned()
}

fn date_kind_for_label(label: &str) -> DateKind {
    match label {
        "anniversary" => DateKind::Anniversary,
        "birthday" => DateKind::Birthday,
        "" | "other" => DateKind::Custom("Date".into()),
        custom => {
            let mut chars = custom.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            DateKind::Custom(first.into_iter().chain(chars).collect())
        }
    }
}

/// Repeats are dropped by `finish`, in one pass for the whole list.
fn push_unique(list: &mut Vec<Labeled>, label: String, value: String) {
    let value = value.trim().to_owned();
    if !value.is_empty() {
        list.push(Labeled { label, value });
    }
}

/// Properties that say nothing about the person (the file's own
/// bookkeeping), or that are read with another property: not listed as
/// left out.
const BOOKKEEPING: [&str; 16] = [
    "VERSION",
    "PRODID",
    "REV",
    "X-ABLABEL",
    "CLASS",
    "SORT-STRING",
    "X-ABSHOWAS",
    "KIND",
    "NAME",
    "PROFILE",
    "SOURCE",
    "MAILER",
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
    "X-MOZILLA-HTML",
    "X-EVOLUTION-FILE-AS",
    "X-ABADR",
];

/// Reads every card in a vCard file. `fallback` is the charset for text
/// that names none and is not UTF-8.
pub fn parse(
    bytes: &[u8],
    charsets: &dyn Charsets,
    fallback: &str,
) -> (Vec<ImportedPerson>, Vec<Skipped>) {
    let mut reader = Reader::new(bytes, charsets);
    while !reader.step(usize::MAX, charsets, fallback) {}
    reader.finish(charsets, fallback)
}

/// A vCard file read a slice at a time ([`parse`] in steps), so the app
/// can give the page back between slices: a 5 MB file of 10,000 cards
/// took ~600 ms in one go. `new` splits the file into lines; each `step`
/// reads some lines and builds the cards they finish.
pub struct Reader {
    lines: Vec<Vec<u8>>,
    next: usize,
    card: Option<Vec<Property>>,
    depth: usize,
    number: usize,
    people: Vec<ImportedPerson>,
    skipped: Vec<Skipped>,
}

impl Reader {
    pub fn new(bytes: &[u8], charsets: &dyn Charsets) -> Reader {
        let bytes = text::to_utf8_bytes(bytes, charsets);
        Reader {
            lines: logical_lines(&bytes),
            next: 0,
            card: None,
            depth: 0,
            number: 0,
            people: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// Lines read so far, and in all (for progress).
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.lines.len())
    }

    /// Reads up to `lines` more lines; true once every line is read.
    pub fn step(&mut self, lines: usize, charsets: &dyn Charsets, fallback: &str) -> bool {
        let end = self.next.saturating_add(lines).min(self.lines.len());
        while self.next < end {
            let line = std::mem::take(&mut self.lines[self.next]);
            self.next += 1;
            let Some(prop) = parse_line(&line) else {
                continue;
            };
            let is_vcard = String::from_utf8_lossy(&prop.value)
                .trim()
                .eq_ignore_ascii_case("VCARD");
            match (prop.name.as_str(), is_vcard) {
                ("BEGIN", true) => {
                    let in_agent = self
                        .card
                        .as_ref()
                        .and_then(|c| c.last())
                        .is_some_and(|p| p.name == "AGENT");
                    if self.depth > 0 || in_agent {
                        self.depth += 1;
                    } else {
                        // A card with no END:VCARD ends where the next
                        // begins; it does not swallow the cards after it.
                        if let Some(props) = self.card.take() {
                            self.build(&props, charsets, fallback);
                        }
                        self.card = Some(Vec::new());
                        self.number += 1;
                    }
                }
                ("END", true) => {
                    if self.depth > 0 {
                        self.depth -= 1;
                    } else if let Some(props) = self.card.take() {
                        self.build(&props, charsets, fallback);
                    }
                }
                _ => {
                    if self.depth == 0 {
                        if let Some(props) = self.card.as_mut() {
                            props.push(prop);
                        }
                    }
                }
            }
        }
        self.next >= self.lines.len()
    }

    /// The people read, and the cards left out with why.
    pub fn finish(
        mut self,
        charsets: &dyn Charsets,
        fallback: &str,
    ) -> (Vec<ImportedPerson>, Vec<Skipped>) {
        while !self.step(usize::MAX, charsets, fallback) {}
        if let Some(props) = self.card.take() {
            // A file cut off before END:VCARD: keep what the card had.
            self.build(&props, charsets, fallback);
        }
        (self.people, self.skipped)
    }

    /// Builds the card just read; what it leaves out is said with its number.
    fn build(&mut self, props: &[Property], charsets: &dyn Charsets, fallback: &str) {
        let position = self.number;
        match build(props, charsets, fallback) {
            Some(mut p) => {
                self.skipped.extend(
                    p.dropped
                        .drain(..)
                        .map(|reason| Skipped { position, reason }),
                );
                p.position = position;
                self.people.push(p);
            }
            None => self.skipped.push(Skipped {
                position,
                reason: "it has no name, email or phone number".into(),
            }),
        }
    }
}

fn build(props: &[Property], charsets: &dyn Charsets, fallback: &str) -> Option<ImportedPerson> {
    let text_of = |p: &Property| -> String {
        let raw = if p.encoding() == "QUOTED-PRINTABLE" {
            text::quoted_printable(&p.value)
        } else {
            p.value.clone()
        };
        text::decode(&raw, p.param("CHARSET"), fallback, charsets)
    };
    let group_labels: HashMap<String, String> = props
        .iter()
        .filter(|p| p.name == "X-ABLABEL" && !p.group.is_empty())
        .map(|p| (p.group.clone(), clean_label(&unescape(&text_of(p)))))
        .collect();
    let mut person = ImportedPerson::default();
    let mut formatted = String::new();
    let mut n_parts: Vec<String> = Vec::new();
    let mut phonetic = (String::new(), String::new());
    let mut labels: Vec<(String, String)> = Vec::new();
    let mut org = String::new();
    let mut role = String::new();
    let mut notes_seen: std::collections::HashSet<String> = Default::default();
    let mut left_out: std::collections::HashSet<String> = Default::default();
    let mut left_names: Vec<String> = Vec::new();
    for p in props {
        let raw = text_of(p);
        let value = raw.trim();
        match p.name.as_str() {
            "FN" => formatted = unescape(value).trim().to_owned(),
            "N" => n_parts = components(value, ';'),
            "NICKNAME" if person.nickname.is_empty() => {
                person.nickname = components(value, ',').join(", ");
            }
            "UID" | "X-ABUID" => {
                let uid = unescape(value).trim().to_owned();
                if person.uid.is_empty() {
                    person.uid = uid;
                } else if !uid.is_empty() && uid != person.uid {
                    person.other_uids.push(uid);
                }
            }
            "ORG" if org.is_empty() => {
                org = components(value, ';')
                    .into_iter()
                    .find(|c| !c.is_empty())
                    .unwrap_or_default();
            }
            "TITLE" if person.title.is_empty() => {
                person.title = unescape(value).trim().to_owned();
            }
            "ROLE" => role = unescape(value).trim().to_owned(),
            "EMAIL" => {
                let v = unescape(value);
                if v.contains('@') {
                    push_unique(&mut person.emails, label_for(p, &group_labels), v);
                }
            }
            "TEL" => {
                let v = unescape(value);
                let v = v.trim().trim_start_matches("tel:");
                if v.chars().any(char::is_alphanumeric) {
                    push_unique(
                        &mut person.phones,
                        label_for(p, &group_labels),
                        v.to_owned(),
                    );
                }
            }
            "ADR" => {
                let parts = components(value, ';');
                let line = address_line(&parts);
                push_unique(&mut person.addresses, label_for(p, &group_labels), line);
            }
            "LABEL" => labels.push((
                label_for(p, &group_labels),
                unescape(value).replace("\r\n", "\n"),
            )),
            "URL" => push_unique(
                &mut person.links,
                label_for(p, &group_labels),
                unescape(value),
            ),
            "X-SOCIALPROFILE" | "IMPP" | "X-AIM" | "X-JABBER" | "X-SKYPE" | "X-SKYPE-USERNAME"
            | "X-MSN" | "X-ICQ" | "X-YAHOO" | "X-QQ" | "X-GOOGLE-TALK" | "X-GOOGLE TALK"
            | "X-GTALK" | "X-TWITTER" | "X-MS-IMADDRESS" | "X-GADUGADU" => {
                let service = p
                    .param("X-SERVICE-TYPE")
                    .map(str::to_lowercase)
                    .or_else(|| {
                        p.types().into_iter().find(|t| {
                            !matches!(
                                t.as_str(),
                                "pref" | "home" | "work" | "personal" | "business"
                            )
                        })
                    })
                    .unwrap_or_else(|| {
                        p.name
                            .trim_start_matches("X-")
                            .replace("-USERNAME", "")
                            .to_lowercase()
                    });
                push_unique(&mut person.links, service, unescape(value));
            }
            "NOTE" => {
                let note = unescape(value).replace("\r\n", "\n").trim().to_owned();
                if !note.is_empty() && notes_seen.insert(note.clone()) {
                    if !person.notes.is_empty() {
                        person.notes.push_str("\n\n");
                    }
                    person.notes.push_str(&note);
                }
            }
            "CATEGORIES" => {
                // Some tools escape the commas between categories.
                for tag in unescape(value).split(',') {
                    let tag = tag.trim_start_matches("* ").trim().to_owned();
                    if tag != "My Contacts" {
                        person.tags.push(tag); // finish() drops repeats
                    }
                }
            }
            "BDAY"
            | "ANNIVERSARY"
            | "X-ANNIVERSARY"
            | "X-MS-ANNIVERSARY"
            | "X-EVOLUTION-ANNIVERSARY"
            | "X-KADDRESSBOOK-X-ANNIVERSARY"
            | "X-ABDATE" => {
                if p.param("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("text"))
                {
                    continue;
                }
                let kind = match p.name.as_str() {
                    "BDAY" => DateKind::Birthday,
                    "X-ABDATE" => date_kind_for_label(
                        group_labels.get(&p.group).map(String::as_str).unwrap_or(""),
                    ),
                    _ => DateKind::Anniversary,
                };
                match parse_date(value, p.param("X-APPLE-OMIT-YEAR")) {
                    Some((month, day, year)) => person.add_date(kind, month, day, year),
                    None if !value.is_empty() => {
                        let value: String = value.chars().take(40).collect();
                        let what: String = kind.label().to_lowercase().chars().take(30).collect();
                        person.dropped.push(format!(
                            "its {what} “{value}” is not a date Kith can read, so it is not imported"
                        ));
                    }
                    None => {}
                }
            }
            "X-ABRELATEDNAMES" => {
                let relation = group_labels.get(&p.group).cloned().unwrap_or_default();
                add_related(&mut person, &unescape(value), &relation);
            }
            "RELATED" => {
                let relation = p.types().into_iter().next().unwrap_or_default();
                add_related(&mut person, &unescape(value), &relation);
            }
            "X-SPOUSE" | "X-MS-SPOUSE" | "X-EVOLUTION-SPOUSE" | "SPOUSNAME" => {
                add_related(&mut person, &unescape(value), "spouse")
            }
            "X-MS-MANAGER" | "X-EVOLUTION-MANAGER" | "MANNAME" | "X-MANAGER" => {
                add_related(&mut person, &unescape(value), "manager")
            }
            "X-MS-ASSISTANT" | "X-EVOLUTION-ASSISTANT" | "ASSNAME" | "X-ASSISTANT" => {
                add_related(&mut person, &unescape(value), "assistant")
            }
            "X-MS-CHILD" | "X-CHILD" => add_related(&mut person, &unescape(value), "child"),
            "X-ANDROID-CUSTOM" => android_custom(&mut person, value),
            "X-PHONETIC-FIRST-NAME" => phonetic.0 = unescape(value).trim().to_owned(),
            "X-PHONETIC-LAST-NAME" => phonetic.1 = unescape(value).trim().to_owned(),
            "SOUND" if p.types().iter().any(|t| t == "x-irmc-n") => {
                let parts = components(value, ';');
                let reading: Vec<&str> = [parts.get(1), parts.first()]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                person.pronunciation = reading.join(" ");
            }
            "PHOTO" => photo(&mut person, p),
            // A second organisation, title or nickname is kept as a field.
            "ORG" | "TITLE" | "NICKNAME" => {
                let label = match p.name.as_str() {
                    "ORG" => "organisation",
                    "TITLE" => "job title",
                    _ => "nickname",
                };
                let value = components(value, ';').join(", ");
                let value = value.trim_matches([',', ' ']);
                if !value.is_empty() {
                    person.custom_fields.push(Labeled {
                        label: label.into(),
                        value: value.to_owned(),
                    });
                }
            }
            "BEGIN" | "END" | "AGENT" => {}
            name if !BOOKKEEPING.contains(&name)
                && !value.is_empty()
                && left_out.insert(name.to_owned()) =>
            {
                left_names.push(name.to_owned());
            }
            _ => {}
        }
    }
    if !left_names.is_empty() {
        // Four names at most, each cut short: the preview stays a list.
        let shown: Vec<String> = left_names
            .iter()
            .take(4)
            .map(|n| n.chars().take(30).collect())
            .collect();
        let more = match left_names.len().saturating_sub(4) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        person.dropped.push(format!(
            "{}{more} not imported (Kith has no field for {})",
            shown.join(", "),
            if left_names.len() == 1 { "it" } else { "them" }
        ));
    }
    if person.addresses.is_empty() {
        for (label, text) in labels {
            push_unique(
                &mut person.addresses,
                label,
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
    }
    if person.pronunciation.is_empty() {
        person.pronunciation = [phonetic.0.as_str(), phonetic.1.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    if person.pronunciation.is_empty() {
        if let Some(sort_as) = props
            .iter()
            .find(|p| p.name == "N")
            .and_then(|p| p.param("SORT-AS"))
        {
            person.pronunciation = sort_as
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    if person.title.is_empty() {
        person.title = role;
    }
    person.organisation = org;
    let part = |i: usize| {
        n_parts
            .get(i)
            .map(String::as_str)
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    person.family_name = part(0);
    person.given_name = part(1);
    let from_n: Vec<String> = [part(3), part(1), part(2), part(0), part(4)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    person.name = if !formatted.is_empty() {
        formatted.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        from_n.join(" ")
    };
    person.finish()
}

/// ADR components (box; extended; street; city; region; code; country) as
/// one line, in the order they are read.
fn address_line(parts: &[String]) -> String {
    let get = |i: usize| {
        parts
            .get(i)
            .map(|s| s.replace('\n', ", "))
            .unwrap_or_default()
    };
    let city = [get(5), get(3)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [get(0), get(1), get(2), city, get(4), get(6)]
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Android's `X-ANDROID-CUSTOM:vnd.android.cursor.item/<kind>;value;type;label`.
fn android_custom(person: &mut ImportedPerson, value: &str) {
    let parts = components(value, ';');
    let field = |i: usize| parts.get(i).map(String::as_str).unwrap_or("");
    match field(0) {
        "vnd.android.cursor.item/contact_event" => {
            let kind = match field(2) {
                "1" => DateKind::Anniversary,
                "3" => DateKind::Birthday,
                "2" => DateKind::Custom("Date".into()),
                _ => date_kind_for_label(&field(3).to_lowercase()),
            };
            if let Some((month, day, year)) = parse_date(field(1), None) {
                person.add_date(kind, month, day, year);
            }
        }
        "vnd.android.cursor.item/relation" => {
            let relation = android_relation(field(2), field(3));
            add_related(person, field(1), &relation);
        }
        "vnd.android.cursor.item/nickname" if person.nickname.is_empty() => {
            person.nickname = field(1).to_owned();
        }
        _ => {}
    }
}

fn photo(person: &mut ImportedPerson, p: &Property) {
    if person.photo.is_some() {
        return;
    }
    let value = String::from_utf8_lossy(&p.value);
    let value = value.trim();
    let bytes = if let Some(data) = value.strip_prefix("data:") {
        data.split_once(',')
            .and_then(|(_, b64)| crate::encoding::base64_decode(b64))
    } else if matches!(p.encoding().as_str(), "B" | "BASE64") {
        crate::encoding::base64_decode(value)
    } else {
        if value.contains("://") {
            person.linked_photo = true;
        }
        None
    };
    if let Some(bytes) = bytes {
        match crate::encoding::image_mime(&bytes) {
            Some(mime) => person.photo = Some((mime.to_owned(), bytes)),
            None => person.dropped.push(
                "its photo is not a JPEG, PNG, GIF or WebP picture, so it is not imported".into(),
            ),
        }
    }
}

impl ImportedPerson {
    pub(crate) fn add_date(&mut self, kind: DateKind, month: u32, day: u32, year: Option<i32>) {
        if self.dates.iter().any(|d| d.kind == kind) && kind != DateKind::Custom("Date".into()) {
            return;
        }
        self.dates.push(ImportedDate {
            kind,
            month,
            day,
            year,
        });
    }
}

#[cfg(test)]
mod tests;
