//! The backup file: everything Kith keeps, in one JSON document with a
//! versioned envelope, and the restore pipeline every import goes through:
//! parse, check the envelope (refusing versions newer than this build),
//! validate every record (saying which and where), normalise, then merge or
//! replace. Nothing is written until all of it has passed.
//!
//! Exports are deterministic: records are sorted by id and `exported_at` is
//! the newest `updated` stamp in the data, so exporting twice with no change
//! gives the same bytes.
//!
//! Merging is by id; the newer `updated` wins, ties are broken by comparing
//! the records' JSON, and deletions are tombstones like any other version,
//! so merging two devices' backups in either order gives the same result.

use crate::dates::ImportantDate;
use crate::model::{Contact, Interaction, Organisation, Task};
use crate::time::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The `format` field of every Kith backup.
pub const FORMAT: &str = "kith-backup";
/// The backup schema this build writes and the newest it reads.
pub const VERSION: u32 = 1;

/// Everything in a backup.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub app_version: String,
    pub exported_at: Timestamp,
    pub contacts: Vec<Contact>,
    pub organisations: Vec<Organisation>,
    pub interactions: Vec<Interaction>,
    pub dates: Vec<ImportantDate>,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

/// Why a file cannot be restored, in words that say what and where.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum RestoreError {
    #[error("This file is not JSON (line {line}, column {column}): {reason}.")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("This file ends too early (line {line}): it may have been cut off while copying.")]
    Truncated { line: usize },
    #[error("This is not a Kith backup (its format is “{0}”).")]
    WrongFormat(String),
    #[error("This backup was made by a newer Kith (backup version {found}; this Kith reads up to {supported}). Update Kith, then import it.")]
    TooNew { found: u32, supported: u32 },
    #[error("{what} {index}: {problem}")]
    Record {
        what: &'static str,
        index: String,
        problem: String,
    },
    #[error("{what} {id} appears twice.")]
    Duplicate { what: &'static str, id: String },
}

fn grouped(n: usize) -> String {
    crate::format::grouped(n)
}

fn sorted<T, K: Ord>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    items.sort_by_key(|i| key(i));
    items
}

impl Backup {
    /// A backup of these records, deterministic for the same data.
    pub fn new(
        app_version: &str,
        contacts: Vec<Contact>,
        organisations: Vec<Organisation>,
        interactions: Vec<Interaction>,
        dates: Vec<ImportantDate>,
        tasks: Vec<Task>,
    ) -> Backup {
        let newest = contacts
            .iter()
            .map(|r| r.updated)
            .chain(organisations.iter().map(|r| r.updated))
            .chain(interactions.iter().map(|r| r.updated))
            .chain(dates.iter().map(|r| r.updated))
            .chain(tasks.iter().map(|r| r.updated))
            .max()
            .unwrap_or(Timestamp(0));
        Backup {
            format: FORMAT.to_owned(),
            version: VERSION,
            app_version: app_version.to_owned(),
            exported_at: newest,
            contacts: sorted(contacts, |r| r.id.clone()),
            organisations: sorted(organisations, |r| r.id.clone()),
            interactions: sorted(interactions, |r| r.id.clone()),
            dates: sorted(dates, |r| r.id.clone()),
            tasks: sorted(tasks, |r| r.id.clone()),
        }
    }

    /// The records, as one batch to write.
    pub fn to_batch(&self) -> crate::model::Batch {
        crate::model::Batch {
            contacts: self.contacts.clone(),
            organisations: self.organisations.clone(),
            interactions: self.interactions.clone(),
            dates: self.dates.clone(),
            tasks: self.tasks.clone(),
            ..crate::model::Batch::default()
        }
    }

    /// The file's bytes: compact JSON, stable field order. (Pretty printing
    /// would compile every record type's serialiser a second time into
    /// the wasm.)
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses, checks and validates a backup file. Every problem is found
    /// before anything is written.
    pub fn restore(bytes: &[u8]) -> Result<Backup, RestoreError> {
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            if e.is_eof() {
                RestoreError::Truncated { line: e.line() }
            } else {
                RestoreError::NotJson {
                    line: e.line(),
                    column: e.column(),
                    reason: e.to_string(),
                }
            }
        })?;
        let format = value
            .get("format")
            .and_then(|f| f.as_str())
            .unwrap_or("none");
        if format != FORMAT {
            return Err(RestoreError::WrongFormat(format.chars().take(40).collect()));
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
        if version > VERSION {
            return Err(RestoreError::TooNew {
                found: version,
                supported: VERSION,
            });
        }
        let records = |name: &str| {
            value
                .get(name)
                .and_then(|v| v.as_array())
                .cloned()
                .unwrap_or_default()
        };
        let backup = Backup {
            format: FORMAT.to_owned(),
            version,
            app_version: value
                .get("app_version")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
            exported_at: Timestamp(
                value
                    .get("exported_at")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0),
            ),
            contacts: parse_all("person", &records("contacts"))?,
            organisations: parse_all("organisation", &records("organisations"))?,
            interactions: parse_all("interaction", &records("interactions"))?,
            dates: parse_all("date", &records("dates"))?,
            tasks: parse_all("follow-up", &records("tasks"))?,
        };
        backup.check_unique()?;
        let mut backup = backup;
        for c in &mut backup.contacts {
            c.normalise();
        }
        Ok(backup)
    }

    fn check_unique(&self) -> Result<(), RestoreError> {
        fn unique<'a, I: Iterator<Item = &'a str>>(
            what: &'static str,
            ids: I,
        ) -> Result<(), RestoreError> {
            let mut seen = BTreeSet::new();
            for id in ids {
                if !seen.insert(id) {
                    return Err(RestoreError::Duplicate {
                        what,
                        id: id.to_owned(),
                    });
                }
            }
            Ok(())
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
        unique("Follow-up", self.tasks.iter().map(|r| r.id.as_str()))
    }

    /// Merges `other` into this backup: by id, newer `updated` wins, ties
    /// go to the larger JSON. Commutative and idempotent.
    pub fn merge(&self, other: &Backup) -> Backup {
        Backup::new(
            &self.app_version,
            merge_by_id(
                &self.contacts,
                &other.contacts,
                |r| r.id.clone(),
                |r| r.updated,
            ),
            merge_by_id(
                &self.organisations,
                &other.organisations,
                |r| r.id.clone(),
                |r| r.updated,
            ),
            merge_by_id(
                &self.interactions,
                &other.interactions,
                |r| r.id.clone(),
                |r| r.updated,
            ),
            merge_by_id(&self.dates, &other.dates, |r| r.id.clone(), |r| r.updated),
            merge_by_id(&self.tasks, &other.tasks, |r| r.id.clone(), |r| r.updated),
        )
    }
}

fn merge_by_id<T: Clone + Serialize, K: Ord>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> K,
    updated: impl Fn(&T) -> Timestamp,
) -> Vec<T> {
    let mut out: BTreeMap<K, T> = BTreeMap::new();
    for record in a.iter().chain(b) {
        let key = id(record);
        let keep_new = match out.get(&key) {
            None => true,
            Some(old) => {
                let (n, o) = (updated(record), updated(old));
                n > o
                    || (n == o
                        && serde_json::to_string(record).ok() > serde_json::to_string(old).ok())
            }
        };
        if keep_new {
            out.insert(key, record.clone());
        }
    }
    out.into_values().collect()
}

/// Parses each record, naming the first bad one by its 1-based position
/// and, where it has one, its id.
fn parse_all<T: DeserializeOwned>(
    what: &'static str,
    values: &[serde_json::Value],
) -> Result<Vec<T>, RestoreError> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // Through text, not `from_value`: the wasm then carries one
            // deserialiser per record type (the one reads from storage use).
            serde_json::from_str(&v.to_string()).map_err(|e| {
                let id = v
                    .get("id")
                    .and_then(|x| x.as_str())
                    .map(|id| format!(" ({id})"))
                    .unwrap_or_default();
                RestoreError::Record {
                    what,
                    index: format!("{}{id}", grouped(i + 1)),
                    problem: plain(&e.to_string()),
                }
            })
        })
        .collect()
}

/// serde's messages, a little plainer (and without a position inside the
/// record's own text, which would mislead).
fn plain(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    message
        .replace(
            "input contains invalid characters",
            "is not a date (use YYYY-MM-DD)",
        )
        .replace("premature end of input", "is not a date (use YYYY-MM-DD)")
        .replace("input is out of range", "is not a date (use YYYY-MM-DD)")
}

/// What a restore would do, shown before anything is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub people: usize,
    pub interactions: usize,
    pub dates: usize,
    /// Records not in Kith yet.
    pub new: usize,
    /// Records in both, the backup's newer.
    pub changed: usize,
    /// Records in both with the same stamp but different contents.
    pub conflicting: usize,
}

impl Preview {
    /// Compares `incoming` with `current` record by record.
    pub fn of(current: &Backup, incoming: &Backup) -> Preview {
        fn count<T: Serialize, K: Ord>(
            current: &[T],
            incoming: &[T],
            id: impl Fn(&T) -> K,
            updated: impl Fn(&T) -> Timestamp,
            p: &mut Preview,
        ) {
            let have: BTreeMap<K, &T> = current.iter().map(|r| (id(r), r)).collect();
            for r in incoming {
                match have.get(&id(r)) {
                    None => p.new += 1,
                    Some(old) if updated(r) > updated(old) => p.changed += 1,
                    Some(old)
                        if updated(r) == updated(old)
                            && serde_json::to_string(r).ok() != serde_json::to_string(old).ok() =>
                    {
                        p.conflicting += 1
                    }
                    _ => {}
                }
            }
        }
        let mut p = Preview {
            people: incoming.contacts.iter().filter(|c| c.is_live()).count(),
            interactions: incoming
                .interactions
                .iter()
                .filter(|i| i.deleted.is_none())
                .count(),
            dates: incoming
                .dates
                .iter()
                .filter(|d| d.deleted.is_none())
                .count(),
            ..Preview::default()
        };
        count(
            &current.contacts,
            &incoming.contacts,
            |r| r.id.clone(),
            |r| r.updated,
            &mut p,
        );
        count(
            &current.organisations,
            &incoming.organisations,
            |r| r.id.clone(),
            |r| r.updated,
            &mut p,
        );
        count(
            &current.interactions,
            &incoming.interactions,
            |r| r.id.clone(),
            |r| r.updated,
            &mut p,
        );
        count(
            &current.dates,
            &incoming.dates,
            |r| r.id.clone(),
            |r| r.updated,
            &mut p,
        );
        count(
            &current.tasks,
            &incoming.tasks,
            |r| r.id.clone(),
            |r| r.updated,
            &mut p,
        );
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract;
    use chrono::NaiveDate;

    fn sample() -> Backup {
        let ana = contract::contact("ana", "Ana Cruz");
        let bo = contract::contact("bo", "Bo Lind");
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let call = contract::interaction("i1", &[&ana, &bo], day, None);
        Backup::new("0.1.0", vec![bo, ana], vec![], vec![call], vec![], vec![])
    }

    #[test]
    fn round_trip_is_byte_identical() {
        let first = sample().to_json();
        let restored = Backup::restore(first.as_bytes()).unwrap();
        let again = Backup::new(
            "0.1.0",
            restored.contacts,
            restored.organisations,
            restored.interactions,
            restored.dates,
            restored.tasks,
        )
        .to_json();
        assert_eq!(first, again);
        assert!(first.starts_with("{\"format\":\"kith-backup\""));
        assert_eq!(
            sample().to_json(),
            sample().to_json(),
            "exporting twice gives the same bytes"
        );
    }

    #[test]
    fn bad_files_are_refused_with_what_and_where() {
        let err = |bytes: &[u8]| Backup::restore(bytes).unwrap_err().to_string();
        assert!(err(b"hello").starts_with("This file is not JSON (line 1, column 1)"));
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
        assert!(message.starts_with("interaction 1 (i1): "), "{message}");
        assert!(message.contains("not a date"), "{message}");
        let mut missing = serde_json::from_str::<serde_json::Value>(&full).unwrap();
        missing["contacts"][1]
            .as_object_mut()
            .unwrap()
            .remove("name");
        assert!(
            err(missing.to_string().as_bytes()).starts_with("person 2 (bo): missing field `name`")
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
        assert!(err(wrong_type.to_string().as_bytes()).starts_with("person 1 (ana): invalid type"));
        let junk = vec![b'x'; 5_000_000];
        assert!(err(&junk).starts_with("This file is not JSON"));
    }

    #[test]
    fn merge_is_commutative_idempotent_and_newer_wins() {
        let a = sample();
        let mut b = sample();
        b.contacts[0].name = "Ana María Cruz".into();
        b.contacts[0].updated = Timestamp(5_000);
        let mut gone = b.contacts[1].clone();
        gone.deleted = Some(Timestamp(6_000));
        gone.updated = Timestamp(6_000);
        b.contacts[1] = gone;
        let mut tie = a.clone();
        tie.interactions[0].notes = "a different note, same stamp".into();
        for (x, y) in [(&a, &b), (&a, &tie), (&b, &tie)] {
            assert_eq!(x.merge(y).to_json(), y.merge(x).to_json(), "commutative");
            let once = x.merge(y);
            assert_eq!(once.merge(y).to_json(), once.to_json(), "idempotent");
        }
        let merged = a.merge(&b);
        assert_eq!(
            merged
                .contacts
                .iter()
                .find(|c| c.id.as_str() == "ana")
                .unwrap()
                .name,
            "Ana María Cruz"
        );
        assert!(
            merged
                .contacts
                .iter()
                .find(|c| c.id.as_str() == "bo")
                .unwrap()
                .deleted
                .is_some(),
            "tombstones win when newer"
        );
        let p = Preview::of(&a, &b);
        assert_eq!((p.new, p.changed, p.conflicting, p.people), (0, 2, 0, 1));
        let p = Preview::of(&a, &tie);
        assert_eq!(p.conflicting, 1);
    }
}
