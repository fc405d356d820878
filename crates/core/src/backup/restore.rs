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

use super::format::{migrate, Backup, FORMAT, LISTS};
use super::outline::{Found, Outline};
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
/// opens the file, each [`Restorer::step`] walks some of its structure (see
/// `outline.rs`) and then parses and validates some records, and
/// [`Restorer::finish`] checks ids, migrates and normalises.
pub struct Restorer<'a> {
    bytes: &'a [u8],
    /// The walk through the file, until it has found every record.
    walk: Option<Outline<'a>>,
    /// Whether the records were found by the walk (not by serde): a record
    /// that is not even JSON then needs serde's word on the whole file.
    walked: bool,
    /// Each list's records, as text, in [`LISTS`] order.
    lists: [Vec<&'a str>; 6],
    backup: Backup,
    /// Which list is being read (contacts, organisations, ...), and where.
    list: usize,
    index: usize,
    done: usize,
}

/// Bytes walked per record of a step's budget.
const BYTES_PER_RECORD: usize = 1_000;

impl<'a> Restorer<'a> {
    /// Opens a backup file. Where the walk cannot begin (not UTF-8, not an
    /// object), serde reads the whole file at once and says what is wrong.
    pub fn start(bytes: &'a [u8]) -> Result<Restorer<'a>, RestoreError> {
        let mut r = Restorer::of(bytes);
        match Outline::new(bytes) {
            Some(walk) => r.walk = Some(walk),
            None => r.read_whole()?,
        }
        Ok(r)
    }

    /// Nothing read yet.
    fn of(bytes: &'a [u8]) -> Restorer<'a> {
        Restorer {
            bytes,
            walk: None,
            walked: false,
            lists: Default::default(),
            backup: Backup::new("", vec![], vec![], vec![], vec![], vec![]),
            list: 0,
            index: 0,
            done: 0,
        }
    }

    /// The whole file read by serde at once: the way when the walk gives
    /// up, so a damaged file is refused in serde's (plainer) words.
    fn read_whole(&mut self) -> Result<(), RestoreError> {
        let bytes = self.bytes;
        let e: Envelope = serde_json::from_slice(bytes).map_err(|e| unreadable(e, bytes))?;
        let text = |raw: &[&'a serde_json::value::RawValue]| raw.iter().map(|r| r.get()).collect();
        self.lists = [
            text(&e.contacts),
            text(&e.organisations),
            text(&e.interactions),
            text(&e.dates),
            text(&e.tasks),
            text(&e.photos),
        ];
        self.open(
            e.format.as_deref(),
            e.version,
            e.app_version.unwrap_or_default(),
            e.exported_at,
            e.settings,
        )
    }

    /// The envelope's values found by the walk, read by serde; any that
    /// cannot be read sends the whole file to serde.
    fn read_walked(&mut self, found: Found<'a>) -> Result<(), RestoreError> {
        fn read<'de, T: serde::Deserialize<'de>>(text: Option<&'de str>) -> Option<Option<T>> {
            match text {
                None => Some(None),
                // From bytes, as the envelope is read: the same compiled
                // readers (from_str would compile another set).
                Some(t) => serde_json::from_slice::<Option<T>>(t.as_bytes()).ok(),
            }
        }
        let envelope = (|| {
            Some((
                read::<String>(found.format)?,
                read::<u64>(found.version)?,
                read::<String>(found.app_version)?,
                read::<i64>(found.exported_at)?,
                read::<&serde_json::value::RawValue>(found.settings)?,
            ))
        })();
        let Some((format, version, app_version, exported_at, settings)) = envelope else {
            return self.read_whole();
        };
        self.walked = true;
        self.lists = found.lists;
        self.open(
            format.as_deref(),
            version,
            app_version.unwrap_or_default(),
            exported_at,
            settings,
        )
    }

    /// Checks the envelope and starts the backup it describes.
    fn open(
        &mut self,
        format: Option<&str>,
        version: Option<u64>,
        app_version: String,
        exported_at: Option<i64>,
        settings_raw: Option<&serde_json::value::RawValue>,
    ) -> Result<(), RestoreError> {
        let version = check_envelope(format, version)?;
        let b = &mut self.backup;
        b.format = FORMAT.to_owned();
        b.version = version;
        b.app_version = app_version;
        b.exported_at = Timestamp(exported_at.unwrap_or(0));
        b.settings = settings(settings_raw)?;
        Ok(())
    }

    /// Records in the file (those found so far, while the file is walked).
    pub fn total(&self) -> usize {
        let lists = match &self.walk {
            Some(walk) => &walk.found.lists,
            None => &self.lists,
        };
        lists.iter().map(Vec::len).sum()
    }

    /// While the file's structure is being walked: bytes walked, and in all.
    pub fn walking(&self) -> Option<(usize, usize)> {
        self.walk.as_ref().map(Outline::progress)
    }

    /// Records read so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Walks some more of the file, or reads up to `budget` more records;
    /// `true` once all are read.
    pub fn step(&mut self, budget: usize) -> Result<bool, RestoreError> {
        if let Some(walk) = self.walk.as_mut() {
            let walked = walk.step(budget.saturating_mul(BYTES_PER_RECORD));
            match walked {
                Some(false) => return Ok(false),
                Some(true) => {
                    let found = std::mem::take(&mut walk.found);
                    self.walk = None;
                    self.read_walked(found)?;
                }
                None => {
                    self.walk = None;
                    self.read_whole()?;
                }
            }
            return Ok(false);
        }
        self.records(budget).map_err(|e| {
            // A record the walk delimited that is not JSON: serde's word on
            // the whole file, as when it read the file at once.
            if !self.walked {
                return e;
            }
            match serde_json::from_slice::<Envelope>(self.bytes) {
                Err(whole) => unreadable(whole, self.bytes),
                Ok(_) => e,
            }
        })
    }

    fn records(&mut self, budget: usize) -> Result<bool, RestoreError> {
        const WHAT: [&str; 6] = [
            "person",
            "organisation",
            "interaction",
            "date",
            "follow-up",
            "photo",
        ];
        let mut left = budget;
        while left > 0 && self.list < LISTS.len() {
            let raw = &self.lists[self.list];
            let b = &mut self.backup;
            let (what, from) = (WHAT[self.list], self.index);
            let taken = match self.list {
                0 => parse_some(what, raw, from, left, &mut b.contacts)?,
                1 => parse_some(what, raw, from, left, &mut b.organisations)?,
                2 => parse_some(what, raw, from, left, &mut b.interactions)?,
                3 => parse_some(what, raw, from, left, &mut b.dates)?,
                4 => parse_some(what, raw, from, left, &mut b.tasks)?,
                _ => parse_some(what, raw, from, left, &mut b.photos)?,
            };
            self.index += taken;
            self.done += taken;
            left -= taken;
            if self.index >= raw.len() {
                self.list += 1;
                self.index = 0;
            }
        }
        Ok(self.list >= LISTS.len())
    }

    /// Checks ids, migrates and normalises: the backup, ready to write.
    pub fn finish(mut self) -> Result<Backup, RestoreError> {
        while !self.step(usize::MAX)? {}
        let backup = migrate(self.backup);
        backup.check_unique()?;
        let mut backup = backup;
        // In id order, as Kith writes files (one pass when it already
        // is): what comes next compares and stores lists in that order.
        backup.sort_by_id();
        backup.check_records()?;
        for c in &mut backup.contacts {
            c.normalise();
        }
        // A picture's base64 as Kith writes it (a file may wrap or pad it
        // otherwise): the same bytes give the same text on the next export.
        for p in &mut backup.photos {
            if let Some(bytes) = crate::encoding::base64_decode(&p.data) {
                let canonical = crate::encoding::base64_encode(&bytes);
                if canonical != p.data {
                    p.data = canonical;
                }
            }
        }
        // Live organisations of one name are one, as a merge makes them
        // (so merging a restored file with itself changes nothing).
        let redirects = super::fold::fold_organisations(&mut backup.organisations);
        if !redirects.is_empty() {
            backup.contacts = super::fold::move_merged_roles(&backup.contacts, &redirects);
        }
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

    /// The restore as it was before the walk: serde reads the whole file.
    fn restore_by_serde(bytes: &[u8]) -> Result<String, RestoreError> {
        let mut restorer = Restorer::of(bytes);
        restorer.read_whole()?;
        restorer.finish().map(|b| b.to_json())
    }

    fn restore_in_small_steps(bytes: &[u8]) -> Result<String, RestoreError> {
        let mut restorer = Restorer::start(bytes)?;
        while !restorer.step(1)? {}
        restorer.finish().map(|b| b.to_json())
    }

    #[test]
    fn walking_the_file_in_steps_restores_and_refuses_exactly_as_serde_does() {
        let mut file = sample().with_settings(Some(Settings {
            check_in: crate::CheckInSettings::default(),
            backup_reminder_days: Some(14),
        }));
        file.contacts[0].notes = "braces { [ \"quoted\" ] } and \\ a backslash, é".into();
        let text = file.to_json();
        assert_eq!(
            restore_in_small_steps(text.as_bytes()),
            restore_by_serde(text.as_bytes())
        );
        assert!(restore_in_small_steps(text.as_bytes()).is_ok());
        let mut walking = Restorer::start(text.as_bytes()).unwrap();
        assert_eq!(
            walking.walking(),
            Some((1, text.len())),
            "walked, not read at once"
        );
        walking.step(1).unwrap();
        assert!(walking.walking().is_some_and(|(at, _)| at > 1));
        let mut variants: Vec<Vec<u8>> = vec![
            // Laid out differently: spaces, another key order, unknown keys.
            serde_json::to_string_pretty(
                &serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            )
            .unwrap()
            .into_bytes(),
            text.replacen("{\"format\"", "{\"extra\":[1,{\"a\":\"}\"}],\"format\"", 1)
                .into_bytes(),
            text.replacen("\"format\"", "\"for\\u006dat\"", 1)
                .into_bytes(),
            text.replacen("\"contacts\":[", "\"contacts\":null,\"x\":[", 1)
                .into_bytes(),
            text.replacen("\"version\":", "\"version\":3,\"version\":", 1)
                .into_bytes(),
            format!("{text} x").into_bytes(),
            format!("\u{feff}{text}").into_bytes(),
            b"{}".to_vec(),
            b"[]".to_vec(),
            b"{\"format\":\"kith-backup\",\"version\":1,\"contacts\":[{]}".to_vec(),
        ];
        let bytes = text.as_bytes();
        for cut in (0..bytes.len()).step_by(3) {
            variants.push(bytes[..cut].to_vec());
        }
        for at in (0..bytes.len()).step_by(2) {
            for b in [
                b'{', b'}', b'[', b']', b'"', b',', b':', b'x', b'\\', b'1', b' ',
            ] {
                let mut v = bytes.to_vec();
                v[at] = b;
                variants.push(v);
            }
        }
        for v in &variants {
            assert_eq!(
                restore_in_small_steps(v),
                restore_by_serde(v),
                "{}",
                String::from_utf8_lossy(v)
            );
        }
    }

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
