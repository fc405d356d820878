//! The checks a backup file must pass before it is restored, and the
//! words that say why one failed: the file's structure and envelope, each
//! record (named by its position and id, and for a bad day by its field
//! and text), unique ids, and pictures that are pictures.
//!
//! Invariant: every [`RestoreError`] says what is wrong and where, in
//! words for the user; serde's own messages are made plainer here and
//! nowhere else.

use super::format::{Backup, Settings, FORMAT, VERSION};
use crate::format::grouped;
use crate::ids::OrganisationId;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use thiserror::Error;

/// Why a file cannot be restored, in words that say what and where.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum RestoreError {
    /// Not JSON at all (a photo, a text file), or JSON that breaks off
    /// into something else on `line`. The parser's own words never reach
    /// the user.
    #[error("{}", not_json(*line))]
    NotJson { line: usize },
    #[error("This file ends too early (line {line}): it may have been cut off while copying.")]
    Truncated { line: usize },
    #[error("This is not a Kith backup (its format is “{0}”).")]
    WrongFormat(String),
    #[error("This backup was made by a newer Kith (backup version {found}; this Kith reads up to {supported}). Update Kith, then import it.")]
    TooNew { found: u32, supported: u32 },
    #[error("The {what} at position {index} cannot be read: {problem}.")]
    Record {
        what: &'static str,
        index: String,
        problem: String,
    },
    #[error("{what} {id} appears twice.")]
    Duplicate { what: &'static str, id: String },
    #[error("{0}")]
    Sealed(String),
    #[error("This backup is not laid out as Kith writes it: {0}.")]
    Shape(String),
}

/// Why the file's top level could not be read: not JSON, cut off, not a
/// Kith backup, or a Kith backup laid out wrongly.
pub(super) fn unreadable(e: serde_json::Error, bytes: &[u8]) -> RestoreError {
    if e.is_eof() {
        RestoreError::Truncated { line: e.line() }
    } else if e.is_data() {
        // Valid JSON, but not shaped like a backup: say which.
        match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(v) => match v.get("format").and_then(|f| f.as_str()) {
                Some(FORMAT) => {
                    RestoreError::Shape(wrong_field(&v).unwrap_or_else(|| plain(&e.to_string())))
                }
                Some(other) => RestoreError::WrongFormat(other.chars().take(40).collect()),
                None => RestoreError::WrongFormat("none".into()),
            },
            Err(_) => RestoreError::WrongFormat("none".into()),
        }
    } else {
        let starts_like_json = bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{' || *b == b'[');
        RestoreError::NotJson {
            line: if starts_like_json { e.line() } else { 0 },
        }
    }
}

/// The envelope field whose value is of the wrong kind, in words ("its
/// “interactions” is not a list"), where serde says only that one is.
fn wrong_field(v: &serde_json::Value) -> Option<String> {
    let kind = |f: &str| -> Option<&'static str> {
        let x = v.get(f)?;
        match f {
            "app_version" => (!x.is_string()).then_some("a text"),
            "version" => (!x.is_u64()).then_some("a whole number"),
            "exported_at" => (!x.is_i64()).then_some("a number"),
            "settings" => (!x.is_object() && !x.is_null()).then_some("a set of preferences"),
            _ => (!x.is_array()).then_some("a list"),
        }
    };
    ["app_version", "version", "exported_at", "settings"]
        .iter()
        .chain(super::format::LISTS.iter())
        .find_map(|f| Some(format!("its “{f}” is not {}", kind(f)?)))
}

/// A value quoted in a message, cut at 40 characters: a file's 100 KB id
/// must not fill the message.
fn short(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

fn not_json(line: usize) -> String {
    if line == 0 {
        "This file is not a Kith backup: it is not JSON.".to_owned()
    } else {
        format!("This file is not a Kith backup: its text is damaged on line {line}.")
    }
}

/// The envelope's `format` and `version`, checked: the version, or why
/// this file cannot be read by this build.
pub(super) fn check_envelope(
    format: Option<&str>,
    version: Option<u64>,
) -> Result<u32, RestoreError> {
    let format = format.unwrap_or("none");
    if format != FORMAT {
        return Err(RestoreError::WrongFormat(format.chars().take(40).collect()));
    }
    let version = version.unwrap_or(0).min(u32::MAX as u64) as u32;
    if version > VERSION {
        return Err(RestoreError::TooNew {
            found: version,
            supported: VERSION,
        });
    }
    Ok(version)
}

/// The preferences the file carries, if any, parsed.
pub(super) fn settings(
    raw: Option<&serde_json::value::RawValue>,
) -> Result<Option<Settings>, RestoreError> {
    Ok(match raw {
        Some(raw) if raw.get() != "null" => Some(serde_json::from_str(raw.get()).map_err(|e| {
            RestoreError::Shape(format!("its preferences: {}", plain(&e.to_string())))
        })?),
        _ => None,
    })
}

/// Why the record at 1-based `position`, `text`, could not be read.
/// Not generic, so one copy serves every record type.
#[inline(never)]
fn record_error(
    what: &'static str,
    text: &str,
    position: usize,
    e: &serde_json::Error,
) -> RestoreError {
    #[derive(Deserialize)]
    struct Id {
        id: Option<String>,
    }
    let id = serde_json::from_str::<Id>(text)
        .ok()
        .and_then(|x| x.id)
        .map(|id| format!(" ({})", short(&id)))
        .unwrap_or_default();
    let mut problem = plain(&e.to_string());
    if problem.contains("is not a date") {
        if let Some((field, value)) = bad_day(text) {
            problem = format!("its {field} “{value}” is not a date (use YYYY-MM-DD)");
        }
    }
    RestoreError::Record {
        what,
        index: format!("{}{id}", grouped(position)),
        problem,
    }
}

/// Parses records `from..` (at most `budget`) into `out`, naming the first
/// bad one by its 1-based position and, where it has one, its id.
pub(super) fn parse_some<T: DeserializeOwned>(
    what: &'static str,
    raw: &[&str],
    from: usize,
    budget: usize,
    out: &mut Vec<T>,
) -> Result<usize, RestoreError> {
    let slice = &raw[from.min(raw.len())..raw.len().min(from.saturating_add(budget))];
    for (i, r) in slice.iter().enumerate() {
        let record =
            serde_json::from_str(r).map_err(|e| record_error(what, r, from + i + 1, &e))?;
        out.push(record);
    }
    Ok(slice.len())
}

impl Backup {
    /// Every id once per kind, and every photo a picture.
    pub(super) fn check_unique(&self) -> Result<(), RestoreError> {
        fn unique<'a, I: Iterator<Item = &'a str> + Clone>(
            what: &'static str,
            ids: I,
        ) -> Result<(), RestoreError> {
            // Kith writes every list sorted by id: ids that only ever go
            // up are each there once, seen in one pass with no set.
            let mut previous: Option<&str> = None;
            if ids
                .clone()
                .all(|id| previous.replace(id).is_none_or(|p| p < id))
            {
                return Ok(());
            }
            // Out of order: sorted (through crate::sort, no set compiled),
            // a repeat stands next to its twin.
            let mut all: Vec<&str> = ids.collect();
            crate::sort::sort(&mut all);
            match all.windows(2).find(|w| w[0] == w[1]) {
                Some(w) => Err(RestoreError::Duplicate {
                    what,
                    id: short(w[0]),
                }),
                None => Ok(()),
            }
        }
        unique("Person", self.contacts.iter().map(|r| r.id.as_str()))?;
        unique(
            "Organisation",
            self.organisations.iter().map(|r| r.id.as_str()),
        )?;
        unique(
            "Interaction",
            self.interactions.iter().map(|r| r.id.as_str()),
        )?;
        unique("Date", self.dates.iter().map(|r| r.id.as_str()))?;
        unique("Follow-up", self.tasks.iter().map(|r| r.id.as_str()))?;
        unique(
            "The photo of person",
            self.photos.iter().map(|r| r.contact_id.as_str()),
        )?;
        for (i, p) in self.photos.iter().enumerate() {
            let bytes = crate::encoding::base64_decode(&p.data);
            if bytes
                .as_deref()
                .and_then(crate::encoding::image_mime)
                .is_none()
            {
                return Err(RestoreError::Record {
                    what: "photo",
                    index: format!("{} ({})", grouped(i + 1), p.contact_id),
                    problem: "its data is not a base64 picture".into(),
                });
            }
        }
        Ok(())
    }
}

impl Backup {
    /// Every record keeps the rules the app's own forms keep
    /// ([`crate::rules`]), every id is plain, and every reference leads to
    /// a record in the file: the first that does not is named by list,
    /// position and id, with what is wrong in words.
    pub(super) fn check_records(&self) -> Result<(), RestoreError> {
        use crate::ids::ContactId;
        use crate::rules;
        fn at(what: &'static str, i: usize, id: &str, problem: String) -> RestoreError {
            RestoreError::Record {
                what,
                index: format!("{} ({})", grouped(i + 1), short(id)),
                problem,
            }
        }
        fn plain_id(id: &str) -> bool {
            ContactId::parse(id).is_some()
        }
        // The lists are in id order (checked in `finish`, after sorting):
        // a reference is found by binary search.
        let person = |id: &ContactId| self.contacts.binary_search_by(|c| c.id.cmp(id)).is_ok();
        let unknown = |ids: &mut dyn Iterator<Item = &ContactId>| {
            for id in ids {
                if !person(id) {
                    let id: String = id.as_str().chars().take(40).collect();
                    return Some(format!("it names person {id}, who is not in the file"));
                }
            }
            None
        };
        let bad_id =
            || "its id is not a plain id (letters, digits, '-' and '_', up to 64)".to_owned();
        for (i, c) in self.contacts.iter().enumerate() {
            let problem = (!plain_id(c.id.as_str()))
                .then(bad_id)
                .or_else(|| rules::contact_problem(c))
                .or_else(|| unknown(&mut c.merged_into.iter()))
                .or_else(|| unknown(&mut c.relations.iter().map(|r| &r.other)))
                .or_else(|| {
                    let org = |id: &OrganisationId| {
                        self.organisations
                            .binary_search_by(|o| o.id.cmp(id))
                            .ok()
                            .map(|i| &self.organisations[i])
                    };
                    let employers = c.roles.iter().map(|r| &r.organisation_id);
                    employers
                        .chain(&c.organisation_id)
                        .find_map(|id| match org(id) {
                            None => Some("it names an organisation that is not in the file"),
                            Some(o) if o.is_household() => {
                                Some("its role is at a household, not an organisation")
                            }
                            Some(_) => None,
                        })
                        .or_else(|| match c.household_id.as_ref().map(org) {
                            Some(None) => Some("it names a household that is not in the file"),
                            Some(Some(o)) if !o.is_household() => {
                                Some("its household is an organisation, not a household")
                            }
                            _ => None,
                        })
                        .map(str::to_owned)
                });
            if let Some(p) = problem {
                return Err(at("person", i, c.id.as_str(), p));
            }
        }
        for (i, o) in self.organisations.iter().enumerate() {
            let problem = (!plain_id(o.id.as_str()))
                .then(bad_id)
                .or_else(|| rules::organisation_problem(o));
            if let Some(p) = problem {
                return Err(at("organisation", i, o.id.as_str(), p));
            }
        }
        for (i, x) in self.interactions.iter().enumerate() {
            let problem = (!plain_id(x.id.as_str()))
                .then(bad_id)
                .or_else(|| rules::interaction_problem(x))
                .or_else(|| unknown(&mut x.contact_ids.iter()));
            if let Some(p) = problem {
                return Err(at("interaction", i, x.id.as_str(), p));
            }
        }
        for (i, d) in self.dates.iter().enumerate() {
            let problem = (!plain_id(d.id.as_str()))
                .then(bad_id)
                .or_else(|| rules::date_problem(d))
                .or_else(|| unknown(&mut std::iter::once(&d.contact_id)));
            if let Some(p) = problem {
                return Err(at("date", i, d.id.as_str(), p));
            }
        }
        for (i, t) in self.tasks.iter().enumerate() {
            let problem = (!plain_id(t.id.as_str()))
                .then(bad_id)
                .or_else(|| rules::task_problem(t))
                .or_else(|| unknown(&mut t.contact_ids.iter()));
            if let Some(p) = problem {
                return Err(at("follow-up", i, t.id.as_str(), p));
            }
        }
        for (i, p) in self.photos.iter().enumerate() {
            let problem = if !rules::PHOTO_TYPES.contains(&p.mime.as_str()) {
                let mime: String = p.mime.chars().take(40).collect();
                Some(format!("its type “{mime}” is not JPEG, PNG, GIF or WebP"))
            } else {
                unknown(&mut std::iter::once(&p.contact_id))
            };
            if let Some(problem) = problem {
                return Err(at("photo", i, p.contact_id.as_str(), problem));
            }
        }
        Ok(())
    }
}

/// The first calendar-day field of a record (at any depth) whose text is
/// not a real day: (field name, its text). serde's own message says only
/// that some day was wrong, not which.
fn bad_day(record: &str) -> Option<(String, String)> {
    const DAY_FIELDS: [&str; 10] = [
        "date",
        "due",
        "since",
        "until",
        "cadence_since",
        "priorities_confirmed",
        "snoozed_until",
        "last_interaction",
        "awaiting_reply",
        "time",
    ];
    fn walk(v: &serde_json::Value) -> Option<(String, String)> {
        match v {
            serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| match v {
                serde_json::Value::String(text) if DAY_FIELDS.contains(&k.as_str()) => {
                    let ok = if k == "time" {
                        crate::wire::parse_time(text).is_some()
                    } else {
                        crate::calendar::parse_day(text).is_some()
                    };
                    (!ok).then(|| (k.clone(), text.chars().take(40).collect()))
                }
                other => walk(other),
            }),
            serde_json::Value::Array(items) => items.iter().find_map(walk),
            _ => None,
        }
    }
    // From bytes, as the envelope's values are read: one compiled reader.
    walk(&serde_json::from_slice(record.as_bytes()).ok()?)
}

/// serde's messages in words (and without a position inside the record's
/// own text, which would mislead): what is missing, what has the wrong
/// kind. Never ends with a full stop; the sentence around it adds one.
fn plain(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    // A quoted value is cut short: a 100 KB value must not fill the message.
    let quoted = |rest: &str| short(rest.split('`').nth(1).unwrap_or(""));
    if message.starts_with(crate::wire::NOT_A_DAY) || message.starts_with(crate::wire::NOT_A_TIME) {
        "a day in it is not a date (use YYYY-MM-DD)".to_owned()
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        format!("its “{}” is missing", quoted(rest))
    } else if let Some(rest) = message.strip_prefix("duplicate field ") {
        format!("its “{}” appears twice", quoted(rest))
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        format!("“{}” is not a kind Kith knows", quoted(rest))
    } else if message.starts_with("invalid type") {
        "one of its values is of the wrong kind (a text, a number or a list where another belongs)"
            .to_owned()
    } else {
        "it is not laid out as Kith writes it".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::format::tests::sample;
    use crate::backup::BackupPhoto;

    #[test]
    fn bad_files_are_refused_with_what_and_where() {
        let err = |bytes: &[u8]| Backup::restore(bytes).unwrap_err().to_string();
        assert_eq!(
            err(b"hello"),
            "This file is not a Kith backup: it is not JSON."
        );
        assert_eq!(
            err(b"{\n\"format\": \"kith-backup\",\n oops"),
            "This file is not a Kith backup: its text is damaged on line 3."
        );
        let full = sample().to_json();
        assert!(err(&full.as_bytes()[..full.len() / 2]).contains("ends too early"));
        assert_eq!(
            err(br#"{"format":"vcard"}"#),
            "This is not a Kith backup (its format is “vcard”)."
        );
        assert!(err(br#"{"format":"kith-backup","version":99}"#)
            .contains("newer Kith (backup version 99"));
        let mut bad_date = serde_json::from_str::<serde_json::Value>(&full).unwrap();
        bad_date["interactions"][0]["date"] = "2024-13-01".into();
        let message = err(bad_date.to_string().as_bytes());
        assert_eq!(
            message,
            "The interaction at position 1 (i1) cannot be read: its date “2024-13-01” is not a date (use YYYY-MM-DD)."
        );
        let mut missing = serde_json::from_str::<serde_json::Value>(&full).unwrap();
        missing["contacts"][1]
            .as_object_mut()
            .unwrap()
            .remove("name");
        assert_eq!(
            err(missing.to_string().as_bytes()),
            "The person at position 2 (bo) cannot be read: its “name” is missing."
        );
        let mut twice = serde_json::from_str::<serde_json::Value>(&full).unwrap();
        let first = twice["contacts"][0].clone();
        twice["contacts"].as_array_mut().unwrap().push(first);
        assert_eq!(
            err(twice.to_string().as_bytes()),
            "Person ana appears twice."
        );
        let mut wrong_type = serde_json::from_str::<serde_json::Value>(&full).unwrap();
        wrong_type["contacts"][0]["tags"] = 5.into();
        assert_eq!(
            err(wrong_type.to_string().as_bytes()),
            "The person at position 1 (ana) cannot be read: one of its values is of the wrong kind \
             (a text, a number or a list where another belongs)."
        );
        let junk: Vec<u8> = (0..50_000_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        assert!(err(&junk).starts_with("This file is not a Kith backup"));
        let mut not_a_picture = sample();
        not_a_picture.photos = vec![BackupPhoto {
            contact_id: not_a_picture.contacts[0].id.clone(),
            mime: "image/jpeg".into(),
            data: "aGVsbG8=".into(),
        }];
        assert_eq!(
            err(not_a_picture.to_json().as_bytes()),
            "The photo at position 1 (ana) cannot be read: its data is not a base64 picture."
        );
        assert_eq!(
            err(br#"{"format":"kith-backup","version":2,"contacts":{}}"#),
            "This backup is not laid out as Kith writes it: its “contacts” is not a list."
        );
    }

    #[test]
    fn every_refusal_is_a_sentence_without_parser_words() {
        let full = sample().to_json();
        let mut files: Vec<Vec<u8>> = vec![
            b"hello".to_vec(),
            b"".to_vec(),
            b"[1, 2".to_vec(),
            b"{\"format\": 5}".to_vec(),
            full.as_bytes()[..full.len() / 3].to_vec(),
            br#"{"format":"kith-backup","version":2,"contacts":[{"id":"x"}]}"#.to_vec(),
            br#"{"format":"kith-backup","version":2,"settings":{"theme":[]}}"#.to_vec(),
        ];
        let mut v: serde_json::Value = serde_json::from_str(&full).unwrap();
        v["interactions"][0]["kind"] = "telepathy".into();
        files.push(v.to_string().into_bytes());
        for bytes in files {
            let message = Backup::restore(&bytes).unwrap_err().to_string();
            assert!(message.ends_with('.'), "{message}");
            assert!(message.starts_with(char::is_uppercase), "{message}");
            for internal in ["`", "expected", "column", "invalid type", "EOF"] {
                assert!(!message.contains(internal), "{message}");
            }
        }
    }
}
