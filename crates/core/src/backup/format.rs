//! The backup file's format and versions: the envelope (`format`,
//! `version`, `app_version`, `exported_at`), the records it carries, and
//! the bytes an export writes.
//!
//! Invariants: exports are deterministic. Records are sorted by id and
//! `exported_at` is the newest `updated` stamp in the data, so exporting
//! twice with no change gives the same bytes, and [`Backup::json_pieces`]
//! joined is exactly [`Backup::to_json`]. A file older than [`VERSION`]
//! is brought up to it by [`migrate`]; a newer one is refused on restore.

use crate::dates::ImportantDate;
use crate::model::{Contact, Interaction, Organisation, Task};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// The `format` field of every Kith backup.
pub const FORMAT: &str = "kith-backup";
/// The backup schema this build writes and the newest it reads.
/// Version 2 added `photos` and `settings`; a version 1 file reads as a
/// version 2 file with neither (see [`migrate`]). Version 3 added a
/// person's own `overdue_after_days` and dates known only in part (`day`
/// 0, and `month` 0 for a year alone); older files have neither and read
/// unchanged. Version 4 added who started an interaction (`initiator`) and
/// whether a person waits for a reply (`awaiting_reply`); see [`migrate`].
/// Version 5 added message templates (`settings.check_in.templates`); an
/// older file has none and reads unchanged. Version 6 added households
/// (organisations of `kind` household with a shared `address` and
/// `shared_check_ins`, and a person's `household_id`); an older file has
/// none and reads unchanged.
pub const VERSION: u32 = 6;

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
            data: crate::encoding::base64_encode(&photo.bytes),
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

/// `items` in the order of `key`. Records read from a store come sorted
/// already (its keys are the ids), which the sort goes through in one
/// pass; comparing borrowed keys, not cloned ones, keeps 100,000 records
/// quick either way.
fn sort<T, K: Ord + ?Sized>(items: &mut [T], key: impl Fn(&T) -> &K) {
    crate::sort::sort_by(items, |a, b| key(a).cmp(key(b)));
}

/// The names of the file's lists, in the file's order.
pub const LISTS: [&str; 6] = [
    "contacts",
    "organisations",
    "interactions",
    "dates",
    "tasks",
    "photos",
];

/// The file's text up to the first record: the envelope's fields and the
/// opening of the first list. With [`between_lists`] and [`file_tail`], the
/// one place the envelope's bytes are written (by [`Backup::json_pieces`]
/// and by the browser's export, which writes the records' text itself).
pub fn file_head(app_version: &str, exported_at: Timestamp) -> String {
    head(FORMAT, VERSION, app_version, exported_at)
}

fn head(format: &str, version: u32, app_version: &str, exported_at: Timestamp) -> String {
    format!(
        "{{\"format\":{},\"version\":{version},\"app_version\":{},\"exported_at\":{},\"{}\":[",
        serde_json::to_string(format).unwrap_or_default(),
        serde_json::to_string(app_version).unwrap_or_default(),
        exported_at.0,
        LISTS[0],
    )
}

/// Closes one list and opens `next` (one of [`LISTS`]).
pub fn between_lists(next: &str) -> String {
    format!("],\"{next}\":[")
}

/// Closes the last list and ends the file with the preferences.
pub fn file_tail(settings: &Option<Settings>) -> String {
    format!(
        "],\"settings\":{}}}",
        serde_json::to_string(settings).unwrap_or_default()
    )
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
        let mut backup = Backup {
            format: FORMAT.to_owned(),
            version: VERSION,
            app_version: app_version.to_owned(),
            exported_at: newest,
            contacts,
            organisations,
            interactions,
            dates,
            tasks,
            photos: Vec::new(),
            settings: None,
        };
        backup.sort_by_id();
        backup
    }

    /// Every list in id order (photos by person), the order files are
    /// written in and stores keep.
    pub(super) fn sort_by_id(&mut self) {
        sort(&mut self.contacts, |r| &r.id);
        sort(&mut self.organisations, |r| &r.id);
        sort(&mut self.interactions, |r| &r.id);
        sort(&mut self.dates, |r| &r.id);
        sort(&mut self.tasks, |r| &r.id);
        sort(&mut self.photos, |p| &p.contact_id);
    }

    /// The same backup with these photos (sorted by person).
    pub fn with_photos(mut self, photos: &[crate::model::Photo]) -> Backup {
        self.photos = photos.iter().map(BackupPhoto::of).collect();
        sort(&mut self.photos, |p| &p.contact_id);
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
                        bytes: crate::encoding::base64_decode(&p.data)?,
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
        let first = head(
            &self.format,
            self.version,
            &self.app_version,
            self.exported_at,
        );
        std::iter::once(first)
            .chain(list(&self.contacts, per_piece))
            .chain(std::iter::once(between_lists(LISTS[1])))
            .chain(list(&self.organisations, per_piece))
            .chain(std::iter::once(between_lists(LISTS[2])))
            .chain(list(&self.interactions, per_piece))
            .chain(std::iter::once(between_lists(LISTS[3])))
            .chain(list(&self.dates, per_piece))
            .chain(std::iter::once(between_lists(LISTS[4])))
            .chain(list(&self.tasks, per_piece))
            .chain(std::iter::once(between_lists(LISTS[5])))
            .chain(list(&self.photos, per_piece))
            .chain(std::iter::once(file_tail(&self.settings)))
    }
}

/// Brings an older backup up to this version. Version 1 had no photos and
/// no settings, which read as none; version 3 only added optional fields,
/// so a version 2 file needs no step. Before version 4 no interaction said
/// who started it: those the "Checked in" button logged were the user's
/// own reaching out and say so now; every other one stays unsaid and
/// counts for neither side. Version 5 only added message templates, which
/// an older file reads as none: no step. Version 6 only added households,
/// which an older file reads as none (every organisation an organisation,
/// nobody in a household): no step. Later versions add steps here.
pub fn migrate(mut backup: Backup) -> Backup {
    if backup.version < 2 {
        backup.photos.clear();
        backup.settings = None;
    }
    if backup.version < 4 {
        for i in &mut backup.interactions {
            if i.initiator.is_none() && i.is_check_in() {
                i.initiator = Some(crate::reciprocity::Initiator::Me);
            }
        }
    }
    backup.version = VERSION;
    backup
}

#[cfg(test)]
pub(in crate::backup) mod tests {
    use super::*;
    use crate::contract;
    use chrono::NaiveDate;

    /// Two people and one interaction between them: the backup the tests
    /// of every backup file start from.
    pub(in crate::backup) fn sample() -> Backup {
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
    fn version_2_files_read_as_version_3_without_maximums_or_partial_dates() {
        let mut v2 = serde_json::from_str::<serde_json::Value>(&sample().to_json()).unwrap();
        v2["version"] = 2.into();
        for c in v2["contacts"].as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("overdue_after_days");
        }
        v2["dates"] = serde_json::json!([{
            "id": "d1", "contact_id": "ana", "kind": {"type": "birthday"},
            "month": 3, "day": 14, "year": null, "lead_days": 7,
            "created": 1, "updated": 1, "deleted": null
        }]);
        let restored = Backup::restore(v2.to_string().as_bytes()).unwrap();
        assert_eq!(restored.version, VERSION);
        assert!(restored
            .contacts
            .iter()
            .all(|c| c.overdue_after_days.is_none()));
        assert_eq!(restored.dates[0].describe_day(), "14 March");

        let mut both = sample();
        both.contacts[0].overdue_after_days = Some(45);
        let mut date: crate::ImportantDate =
            serde_json::from_value(v2["dates"][0].clone()).unwrap();
        (date.month, date.day, date.year) = (0, 0, Some(2019));
        both.dates.push(date);
        let again = Backup::restore(both.to_json().as_bytes()).unwrap();
        assert_eq!(again.contacts[0].overdue_after_days, Some(45));
        assert_eq!(again.dates[0].describe_day(), "2019");
    }

    #[test]
    fn version_3_check_ins_read_as_reaching_out_and_other_interactions_stay_unsaid() {
        use crate::reciprocity::Initiator;
        let mut old = sample();
        old.version = 3;
        let mut check_in = old.interactions[0].clone();
        check_in.id = crate::ids::InteractionId::parse("i2").unwrap();
        (check_in.kind, check_in.notes) =
            (crate::model::InteractionKind::Other, "Checked in".into());
        old.interactions.push(check_in);
        let restored = Backup::restore(old.to_json().as_bytes()).unwrap();
        let said: Vec<_> = restored.interactions.iter().map(|i| i.initiator).collect();
        assert_eq!(said, [None, Some(Initiator::Me)]);
        // A version 4 file keeps what it says, and unsaid stays unsaid.
        let mut new = restored.clone();
        new.interactions[1].initiator = None;
        new.interactions[0].initiator = Some(Initiator::Them);
        let again = Backup::restore(new.to_json().as_bytes()).unwrap();
        let said: Vec<_> = again.interactions.iter().map(|i| i.initiator).collect();
        assert_eq!(said, [Some(Initiator::Them), None]);
    }
}
