//! The restore pipeline every backup import goes through, in order: read
//! the file's structure and check its envelope, parse and validate the
//! records a slice at a time, then check ids, migrate and normalise.
//!
//! Invariant: nothing is written until all of it has passed. A restored
//! backup's lists are in id order, whatever the file's order. The pipeline
//! only produces a [`Backup`]; merging it with what is here or replacing
//! everything with it is the caller's next step (see `merge.rs` and
//! [`crate::store::Store::replace_all`]). The checks themselves and their
//! words live in `validate.rs`.

use super::format::{migrate, Backup, FORMAT};
use super::validate::{check_envelope, parse_some, settings, unreadable, RestoreError};
use crate::time::Timestamp;
use serde::Deserialize;

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
        let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| unreadable(e, bytes))?;
        let version = check_envelope(envelope.format.as_deref(), envelope.version)?;
        let settings = settings(envelope.settings)?;
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
        // In id order, as Kith writes files (one pass when it already
        // is): what comes next compares and stores lists in that order.
        backup.sort_by_id();
        Ok(backup)
    }
}

impl Backup {
    /// Parses, checks and validates a backup file. Every problem is found
    /// before anything is written. (The app runs the same steps through a
    /// [`Restorer`], a slice at a time, to show progress.)
    pub fn restore(bytes: &[u8]) -> Result<Backup, RestoreError> {
        let mut restorer = Restorer::start(bytes)?;
        while !restorer.step(usize::MAX)? {}
        restorer.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::format::tests::sample;
    use crate::backup::Settings;

    #[test]
    fn a_file_out_of_id_order_restores_in_id_order() {
        let mut file = sample();
        file.contacts.reverse();
        let restored = Backup::restore(file.to_json().as_bytes()).unwrap();
        assert_eq!(restored.contacts, sample().contacts);
        assert_eq!(restored.to_json(), sample().to_json());
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
}
