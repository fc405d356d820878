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
/// Version 2 added `photos` and `settings`; a version 1 file reads as a
/// version 2 file with neither (see [`migrate`]).
pub const VERSION: u32 = 2;

/// A person's photo in a backup: the picture's bytes as base64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPhoto {
    pub contact_id: crate::ids::ContactId,
    pub mime: String,
    /// Standard base64 with padding.
    pub data: String,
}

impl BackupPhoto {
    pub fn of(photo: &crate::model::Photo) -> BackupPhoto {
        BackupPhoto {
            contact_id: photo.contact_id.clone(),
            mime: photo.mime.clone(),
            data: crate::import::text::base64_encode(&photo.bytes),
        }
    }
}

/// The user's preferences kept with the data (small preferences live in
/// the browser's localStorage; a backup carries them to a new device).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub check_in: crate::checkin::CheckInSettings,
    /// Remind of a backup after this many days without one.
    #[serde(default)]
    pub backup_reminder_days: Option<u32>,
}

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
    #[serde(default)]
    pub photos: Vec<BackupPhoto>,
    #[serde(default)]
    pub settings: Option<Settings>,
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
    #[error("{0}")]
    Sealed(String),
    #[error("This backup is not laid out as Kith writes it ({0}).")]
    Shape(String),
}

/// The top level of a backup file, each record left unparsed.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
    #[serde(default)]
    app_version: Option<String>,
    #[serde(default)]
    exported_at: Option<i64>,
    #[serde(default, borrow)]
    contacts: Vec<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    organisations: Vec<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    interactions: Vec<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    dates: Vec<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    tasks: Vec<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    photos: Vec<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    settings: Option<&'a serde_json::value::RawValue>,
}

/// The restore pipeline, a slice of records at a time: [`Restorer::start`]
/// reads the file's structure and checks its envelope, each
/// [`Restorer::step`] parses and validates some records, and
/// [`Restorer::finish`] checks ids, migrates and normalises.
pub struct Restorer<'a> {
    envelope: Envelope<'a>,
    backup: Backup,
    /// Which list is being read (contacts, organisations, ...), and where.
    list: usize,
    index: usize,
    done: usize,
}

impl<'a> Restorer<'a> {
    pub fn start(bytes: &'a [u8]) -> Result<Restorer<'a>, RestoreError> {
        let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
            if e.is_eof() {
                RestoreError::Truncated { line: e.line() }
            } else if e.is_data() {
                // Valid JSON, but not shaped like a backup: say which.
                match serde_json::from_slice::<serde_json::Value>(bytes) {
                    Ok(v) => match v.get("format").and_then(|f| f.as_str()) {
                        Some(FORMAT) => RestoreError::Shape(plain(&e.to_string())),
                        Some(other) => RestoreError::WrongFormat(other.chars().take(40).collect()),
                        None => RestoreError::WrongFormat("none".into()),
                    },
                    Err(_) => RestoreError::WrongFormat("none".into()),
                }
            } else {
                RestoreError::NotJson {
                    line: e.line(),
                    column: e.column(),
                    reason: e.to_string(),
                }
            }
        })?;
        let format = envelope.format.as_deref().unwrap_or("none");
        if format != FORMAT {
            return Err(RestoreError::WrongFormat(format.chars().take(40).collect()));
        }
        let version = envelope.version.unwrap_or(0).min(u32::MAX as u64) as u32;
        if version > VERSION {
            return Err(RestoreError::TooNew {
                found: version,
                supported: VERSION,
            });
        }
        let settings = match envelope.settings {
            Some(raw) if raw.get() != "null" => {
                Some(serde_json::from_str(raw.get()).map_err(|e| {
                    RestoreError::Shape(format!("settings: {}", plain(&e.to_string())))
                })?)
            }
            _ => None,
        };
        let backup = Backup {
            format: FORMAT.to_owned(),
            version,
            app_version: envelope.app_version.clone().unwrap_or_default(),
            exported_at: Timestamp(envelope.exported_at.unwrap_or(0)),
            contacts: Vec::new(),
            organisations: Vec::new(),
            interactions: Vec::new(),
            dates: Vec::new(),
            tasks: Vec::new(),
            photos: Vec::new(),
            settings,
        };
        Ok(Restorer {
            envelope,
            backup,
            list: 0,
            index: 0,
            done: 0,
        })
    }

    /// Records in the file.
    pub fn total(&self) -> usize {
        let e = &self.envelope;
        e.contacts.len()
            + e.organisations.len()
            + e.interactions.len()
            + e.dates.len()
            + e.tasks.len()
            + e.photos.len()
    }

    /// Records read so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Reads up to `budget` more records; `true` once all are read.
    pub fn step(&mut self, budget: usize) -> Result<bool, RestoreError> {
        let mut left = budget;
        while left > 0 {
            let e = &self.envelope;
            let b = &mut self.backup;
            let (raw, taken) = match self.list {
                0 => (
                    &e.contacts,
                    parse_some("person", &e.contacts, self.index, left, &mut b.contacts)?,
                ),
                1 => (
                    &e.organisations,
                    parse_some(
                        "organisation",
                        &e.organisations,
                        self.index,
                        left,
                        &mut b.organisations,
                    )?,
                ),
                2 => (
                    &e.interactions,
                    parse_some(
                        "interaction",
                        &e.interactions,
                        self.index,
                        left,
                        &mut b.interactions,
                    )?,
                ),
                3 => (
                    &e.dates,
                    parse_some("date", &e.dates, self.index, left, &mut b.dates)?,
                ),
                4 => (
                    &e.tasks,
                    parse_some("follow-up", &e.tasks, self.index, left, &mut b.tasks)?,
                ),
                5 => (
                    &e.photos,
                    parse_some("photo", &e.photos, self.index, left, &mut b.photos)?,
                ),
                _ => return Ok(true),
            };
            self.index += taken;
            self.done += taken;
            left -= taken;
            if self.index >= raw.len() {
                self.list += 1;
                self.index = 0;
            }
        }
        Ok(self.list > 5)
    }

    /// Checks ids, migrates and normalises: the backup, ready to write.
    pub fn finish(mut self) -> Result<Backup, RestoreError> {
        while !self.step(usize::MAX)? {}
        let backup = migrate(self.backup);
        backup.check_unique()?;
        let mut backup = backup;
        for c in &mut backup.contacts {
            c.normalise();
        }
        Ok(backup)
    }
}

/// Parses records `from..` (at most `budget`) into `out`, naming the first
/// bad one by its 1-based position and, where it has one, its id.
fn parse_some<T: DeserializeOwned>(
    what: &'static str,
    raw: &[&serde_json::value::RawValue],
    from: usize,
    budget: usize,
    out: &mut Vec<T>,
) -> Result<usize, RestoreError> {
    let slice = &raw[from.min(raw.len())..raw.len().min(from.saturating_add(budget))];
    for (i, r) in slice.iter().enumerate() {
        let record = serde_json::from_str(r.get()).map_err(|e| {
            #[derive(Deserialize)]
            struct Id {
                id: Option<String>,
            }
            let id = serde_json::from_str::<Id>(r.get())
                .ok()
                .and_then(|x| x.id)
                .map(|id| format!(" ({id})"))
                .unwrap_or_default();
            let mut problem = plain(&e.to_string());
            if problem.contains("is not a date") {
                if let Some((field, value)) = bad_day(r.get()) {
                    problem = format!("{field} “{value}” is not a date (use YYYY-MM-DD)");
                }
            }
            RestoreError::Record {
                what,
                index: format!("{}{id}", grouped(from + i + 1)),
                problem,
            }
        })?;
        out.push(record);
    }
    Ok(slice.len())
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
            photos: Vec::new(),
            settings: None,
        }
    }

    /// The same backup with these photos (sorted by person).
    pub fn with_photos(mut self, photos: &[crate::model::Photo]) -> Backup {
        self.photos = sorted(photos.iter().map(BackupPhoto::of).collect(), |p| {
            p.contact_id.clone()
        });
        self
    }

    /// The same backup with these preferences.
    pub fn with_settings(mut self, settings: Option<Settings>) -> Backup {
        self.settings = settings;
        self
    }

    /// The records, as one batch to write.
    pub fn to_batch(&self) -> crate::model::Batch {
        crate::model::Batch {
            contacts: self.contacts.clone(),
            organisations: self.organisations.clone(),
            interactions: self.interactions.clone(),
            dates: self.dates.clone(),
            tasks: self.tasks.clone(),
            photos: self
                .photos
                .iter()
                .filter_map(|p| {
                    Some(crate::model::Photo {
                        contact_id: p.contact_id.clone(),
                        mime: p.mime.clone(),
                        bytes: crate::import::text::base64_decode(&p.data)?,
                    })
                })
                .collect(),
            ..crate::model::Batch::default()
        }
    }

    /// The file's bytes: compact JSON, stable field order. (Pretty printing
    /// would compile every record type's serialiser a second time into
    /// the wasm.)
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The file's text in pieces of at most `per_piece` records, made one
    /// at a time as the iterator is read, so the app can build a large
    /// export in slices. Joined, the pieces are exactly [`Backup::to_json`].
    pub fn json_pieces(&self, per_piece: usize) -> impl Iterator<Item = String> + '_ {
        fn list<'a, T: Serialize>(
            items: &'a [T],
            per_piece: usize,
        ) -> impl Iterator<Item = String> + 'a {
            items
                .chunks(per_piece.max(1))
                .enumerate()
                .map(|(i, chunk)| {
                    let mut out = String::new();
                    for (j, r) in chunk.iter().enumerate() {
                        if i > 0 || j > 0 {
                            out.push(',');
                        }
                        out.push_str(&serde_json::to_string(r).unwrap_or_default());
                    }
                    out
                })
        }
        let json = |v: &String| serde_json::to_string(v).unwrap_or_default();
        let header = format!(
            "{{\"format\":{},\"version\":{},\"app_version\":{},\"exported_at\":{},\"contacts\":[",
            json(&self.format),
            self.version,
            json(&self.app_version),
            self.exported_at.0
        );
        std::iter::once(header)
            .chain(list(&self.contacts, per_piece))
            .chain(std::iter::once("],\"organisations\":[".to_owned()))
            .chain(list(&self.organisations, per_piece))
            .chain(std::iter::once("],\"interactions\":[".to_owned()))
            .chain(list(&self.interactions, per_piece))
            .chain(std::iter::once("],\"dates\":[".to_owned()))
            .chain(list(&self.dates, per_piece))
            .chain(std::iter::once("],\"tasks\":[".to_owned()))
            .chain(list(&self.tasks, per_piece))
            .chain(std::iter::once("],\"photos\":[".to_owned()))
            .chain(list(&self.photos, per_piece))
            .chain(std::iter::once(format!(
                "],\"settings\":{}}}",
                serde_json::to_string(&self.settings).unwrap_or_default()
            )))
    }

    /// Parses, checks and validates a backup file. Every problem is found
    /// before anything is written. (The app runs the same steps through a
    /// [`Restorer`], a slice at a time, to show progress.)
    pub fn restore(bytes: &[u8]) -> Result<Backup, RestoreError> {
        let mut restorer = Restorer::start(bytes)?;
        while !restorer.step(usize::MAX)? {}
        restorer.finish()
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
        unique("Follow-up", self.tasks.iter().map(|r| r.id.as_str()))?;
        unique(
            "The photo of person",
            self.photos.iter().map(|r| r.contact_id.as_str()),
        )?;
        for (i, p) in self.photos.iter().enumerate() {
            let bytes = crate::import::text::base64_decode(&p.data);
            if bytes
                .as_deref()
                .and_then(crate::import::text::image_mime)
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

    /// Merges `other` into this backup: by id, newer `updated` wins, ties
    /// go to the larger JSON. Commutative and idempotent. A person's photo
    /// comes from the side whose record set it last; preferences are this
    /// backup's (the device's own), or `other`'s when it has none.
    pub fn merge(&self, other: &Backup) -> Backup {
        let mut merged = Backup::new(
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
        );
        let stamp = |b: &Backup, id: &crate::ids::ContactId| {
            b.contacts
                .iter()
                .find(|c| &c.id == id)
                .and_then(|c| c.photo)
        };
        let mut photos: BTreeMap<crate::ids::ContactId, BackupPhoto> = BTreeMap::new();
        for c in merged.contacts.iter().filter(|c| c.photo.is_some()) {
            fn from<'a>(
                b: &'a Backup,
                c: &crate::model::Contact,
                stamp: Option<Timestamp>,
            ) -> Option<&'a BackupPhoto> {
                (stamp == c.photo)
                    .then(|| b.photos.iter().find(|p| p.contact_id == c.id))
                    .flatten()
            }
            let from = |b| from(b, c, stamp(b, &c.id));
            let best = match (from(self), from(other)) {
                (Some(a), Some(b)) => Some(if a.data >= b.data { a } else { b }),
                (a, b) => a.or(b),
            };
            if let Some(p) = best {
                photos.insert(c.id.clone(), p.clone());
            }
        }
        merged.photos = photos.into_values().collect();
        merged.settings = self.settings.clone().or_else(|| other.settings.clone());
        merged
    }
}

/// Brings an older backup up to this version. Version 1 had no photos and
/// no settings, which read as none; later versions add steps here.
pub fn migrate(mut backup: Backup) -> Backup {
    if backup.version < 2 {
        backup.photos.clear();
        backup.settings = None;
    }
    backup.version = VERSION;
    backup
}

fn merge_by_id<T: Clone + Serialize + PartialEq, K: Ord>(
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
                        && record != old
                        && serde_json::to_string(record).ok() > serde_json::to_string(old).ok())
            }
        };
        if keep_new {
            out.insert(key, record.clone());
        }
    }
    out.into_values().collect()
}

/// The first calendar-day field of a record (at any depth) whose text is
/// not a real day: (field name, its text). serde's own message says only
/// that some day was wrong, not which.
fn bad_day(record: &str) -> Option<(String, String)> {
    const DAY_FIELDS: [&str; 9] = [
        "date",
        "due",
        "since",
        "until",
        "cadence_since",
        "priorities_confirmed",
        "snoozed_until",
        "last_interaction",
        "time",
    ];
    fn walk(v: &serde_json::Value) -> Option<(String, String)> {
        match v {
            serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| match v {
                serde_json::Value::String(text) if DAY_FIELDS.contains(&k.as_str()) => {
                    let ok = if k == "time" {
                        text.parse::<chrono::NaiveTime>().is_ok()
                    } else {
                        text.parse::<chrono::NaiveDate>().is_ok()
                    };
                    (!ok).then(|| (k.clone(), text.chars().take(40).collect()))
                }
                other => walk(other),
            }),
            serde_json::Value::Array(items) => items.iter().find_map(walk),
            _ => None,
        }
    }
    walk(&serde_json::from_str(record).ok()?)
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
        fn count<T: Serialize + PartialEq, K: Ord>(
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
                            && r != *old
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
        assert_eq!(
            message,
            "interaction 1 (i1): date “2024-13-01” is not a date (use YYYY-MM-DD)"
        );
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
        let junk: Vec<u8> = (0..50_000_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        assert!(err(&junk).starts_with("This file is not JSON"));
        let mut not_a_picture = sample();
        not_a_picture.photos = vec![BackupPhoto {
            contact_id: not_a_picture.contacts[0].id.clone(),
            mime: "image/jpeg".into(),
            data: "aGVsbG8=".into(),
        }];
        assert_eq!(
            err(not_a_picture.to_json().as_bytes()),
            "photo 1 (ana): its data is not a base64 picture"
        );
        assert_eq!(
            err(br#"{"format":"kith-backup","version":2,"contacts":{}}"#),
            "This backup is not laid out as Kith writes it (invalid type: map, expected a sequence)."
        );
    }

    #[test]
    fn pieces_join_to_the_same_bytes() {
        let mut backup = sample();
        backup.app_version = "0.1.0 \"quoted\"".into();
        for per_piece in [1, 2, 1_000] {
            assert_eq!(
                backup.json_pieces(per_piece).collect::<String>(),
                backup.to_json()
            );
        }
        let with_settings = backup.with_settings(Some(Settings {
            check_in: crate::CheckInSettings::default(),
            backup_reminder_days: None,
        }));
        assert_eq!(
            with_settings.json_pieces(1).collect::<String>(),
            with_settings.to_json()
        );
        let empty = Backup::new("x", vec![], vec![], vec![], vec![], vec![]);
        assert_eq!(empty.json_pieces(5).collect::<String>(), empty.to_json());
    }

    #[test]
    fn version_1_files_read_as_version_2_without_photos_or_settings() {
        let mut v1 = serde_json::from_str::<serde_json::Value>(&sample().to_json()).unwrap();
        v1["version"] = 1.into();
        v1.as_object_mut().unwrap().remove("photos");
        v1.as_object_mut().unwrap().remove("settings");
        let restored = Backup::restore(v1.to_string().as_bytes()).unwrap();
        assert_eq!(restored.version, VERSION);
        assert_eq!(restored.contacts.len(), 2);
        assert!(restored.photos.is_empty() && restored.settings.is_none());
    }

    #[test]
    fn export_import_export_through_a_store_is_identical() {
        use crate::memory::MemoryStore;
        use crate::store::Store;
        let store = MemoryStore::new();
        let mut backup = sample();
        backup.contacts[0].photo = Some(Timestamp(3));
        let photo = crate::model::Photo {
            contact_id: backup.contacts[0].id.clone(),
            mime: "image/png".into(),
            bytes: b"\x89PNG\r\n\x1a\n-pixels".to_vec(),
        };
        let backup = backup
            .with_photos(std::slice::from_ref(&photo))
            .with_settings(Some(Settings {
                check_in: crate::CheckInSettings::default(),
                backup_reminder_days: Some(14),
            }));
        let file = backup.to_json();
        let restored = Backup::restore(file.as_bytes()).unwrap();
        pollster::block_on(store.replace_all(&restored)).unwrap();
        assert_eq!(
            pollster::block_on(store.photo(&photo.contact_id)).unwrap(),
            Some(photo)
        );
        let again = pollster::block_on(store.export("0.1.0"))
            .unwrap()
            .with_settings(restored.settings.clone());
        assert_eq!(again.to_json(), file);
    }

    /// A small deterministic generator, for property tests without a crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// A backup of up to 6 people and 6 interactions drawn from a small
    /// pool of ids, with random stamps, names, notes and deletions.
    fn random_backup(rng: &mut Rng) -> Backup {
        let ids = ["a", "b", "c", "d", "e", "f"];
        let mut people = Vec::new();
        for id in ids {
            if rng.next(3) == 0 {
                continue;
            }
            let mut c = contract::contact(id, &format!("{id}-{}", rng.next(3)));
            c.updated = Timestamp(rng.next(4) as i64);
            if rng.next(4) == 0 {
                c.deleted = Some(c.updated);
            }
            people.push(c);
        }
        let mut calls = Vec::new();
        for id in ids {
            if rng.next(2) == 0 || people.is_empty() {
                continue;
            }
            let who = &people[rng.next(people.len() as u64) as usize];
            let day = NaiveDate::from_ymd_opt(2026, 1, 1 + rng.next(28) as u32).unwrap();
            let mut call = contract::interaction(id, &[who], day, None);
            call.notes = format!("note {}", rng.next(3));
            call.updated = Timestamp(rng.next(4) as i64);
            calls.push(call);
        }
        Backup::new("0.1.0", people, vec![], calls, vec![], vec![])
    }

    #[test]
    fn merge_properties_hold_for_random_backups() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..500 {
            let (a, b, c) = (
                random_backup(&mut rng),
                random_backup(&mut rng),
                random_backup(&mut rng),
            );
            let ab = a.merge(&b);
            assert_eq!(ab.to_json(), b.merge(&a).to_json(), "commutative");
            assert_eq!(ab.merge(&b).to_json(), ab.to_json(), "idempotent");
            assert_eq!(
                a.merge(&a).to_json(),
                a.to_json(),
                "merging with itself changes nothing"
            );
            assert_eq!(
                ab.merge(&c).to_json(),
                a.merge(&b.merge(&c)).to_json(),
                "associative"
            );
            for merged in &ab.contacts {
                let newest = a
                    .contacts
                    .iter()
                    .chain(&b.contacts)
                    .filter(|x| x.id == merged.id)
                    .map(|x| x.updated)
                    .max();
                assert_eq!(Some(merged.updated), newest, "the newer record wins");
            }
        }
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
