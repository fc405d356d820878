//! Moving data in and out: backups (export, check, merge or replace),
//! contacts from other apps (vCard, CSV) and files for them (vCard, the
//! calendar).

use super::notices::Undo;
use super::{Error, Kith};
use crate::platform;
use crate::storage::{BackupText, IdbStore, Step};
use kith_core::backup::{Backup, Preview};
use kith_core::{ImportantDate, Store};
use leptos::prelude::*;
use std::sync::Arc;

impl Kith {
    /// Everything, as the backup file's text (held by the browser in
    /// pieces), read a page at a time so the page stays responsive;
    /// `progress(done, total)` counts the records read.
    pub async fn export_backup(
        &self,
        progress: &dyn Fn(usize, usize),
    ) -> Result<BackupText, Error> {
        let store = self.open_store()?;
        let settings = Some(self.backup_settings());
        Ok(store
            .backup_text(env!("CARGO_PKG_VERSION"), &settings, progress)
            .await?)
    }

    /// What importing `incoming` would do, against what is stored now.
    pub async fn preview_import(&self, incoming: &Backup) -> Result<Preview, Error> {
        let store = self.open_store()?;
        let current = store.records(env!("CARGO_PKG_VERSION")).await?;
        Ok(Preview::of(&current, incoming))
    }

    /// Writes a checked backup in one transaction: merged with what is here
    /// (newer wins; deletions kept), or replacing it. Then the screen
    /// reloads from storage. A replace keeps what was here, read in the
    /// same transaction, as the safety copy ([`Kith::safety_copy`]) and
    /// offers to undo. `progress(step, done, total)` says how far it is.
    pub async fn import_backup(
        &self,
        incoming: &Backup,
        replace: bool,
        progress: &dyn Fn(Step, usize, usize),
    ) -> Result<(), Error> {
        let store = self.open_store()?;
        let settings = Some(self.backup_settings());
        let merged = if replace {
            None
        } else {
            let current = store.export(env!("CARGO_PKG_VERSION")).await?;
            Some(current.with_settings(settings.clone()).merge(incoming))
        };
        let result = merged.as_ref().unwrap_or(incoming);
        self.write_started();
        let written = store.restore(result, replace, progress).await;
        self.write_ended();
        let earlier = written.map_err(Error::NotImported)?;
        if let Some(settings) = &result.settings {
            self.adopt_settings(settings);
        }
        self.reload().await;
        self.committed();
        if let Some(earlier) = earlier {
            let earlier = Arc::new(earlier.with_settings(settings));
            self.safety_copy.set(Some(earlier.clone()));
            self.offer_undo(
                "Replaced everything with the backup. A safety copy of what was here is in Settings.".into(),
                Undo::Replace(earlier),
            );
        }
        Ok(())
    }

    /// The safety copy kept by the last "Replace everything", as backup
    /// file text.
    pub fn safety_copy_pieces(&self) -> Option<Vec<String>> {
        self.safety_copy
            .with_untracked(|s| s.as_ref().map(|b| b.json_pieces(2_000).collect()))
    }

    /// Every live important date, read through the month-day index (a
    /// year of days covers them all). Also what the directory reads for
    /// the date labels search finds.
    pub(super) async fn all_dates(&self, store: &IdbStore) -> Result<Vec<ImportantDate>, Error> {
        let from = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        Ok(store.upcoming_dates(from, 366).await?)
    }

    /// Everyone as a vCard 4.0 file, photos embedded.
    pub async fn export_vcard(&self) -> Result<String, Error> {
        let store = self.open_store()?;
        let dates = self.all_dates(&store).await?;
        let people: Vec<kith_core::Contact> = self.directory.with_untracked(|d| {
            let mut people: Vec<_> = d.all_contacts().filter(|c| c.is_live()).cloned().collect();
            kith_core::sort::sort_by(&mut people, |a, b| {
                a.name.cmp(&b.name).then(a.id.cmp(&b.id))
            });
            people
        });
        let mut photos = Vec::new();
        for c in people.iter().filter(|c| c.photo.is_some()) {
            if let Ok(Some(p)) = store.photo(&c.id).await {
                photos.push(p);
            }
        }
        // A slice of people at a time, each its own task, so a file of
        // 10,000 never holds the page for long.
        let cards = kith_core::export::Cards::new(&dates, &photos);
        let mut out = String::new();
        for slice in people.chunks(500) {
            self.directory.with_untracked(|d| {
                for c in slice {
                    cards.write(d, c, &mut out);
                }
            });
            platform::yield_now().await;
        }
        Ok(out)
    }

    /// Next check-ins, open follow-ups and yearly dates as an .ics file.
    pub async fn export_calendar(&self) -> Result<String, Error> {
        let store = self.open_store()?;
        let dates = self.all_dates(&store).await?;
        let until = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
        let tasks = store.open_tasks(until).await?;
        let settings = self.check_in.get_untracked();
        Ok(self.directory.with_untracked(|d| {
            kith_core::export::ics(
                d,
                &dates,
                &tasks,
                &settings,
                platform::today(),
                platform::now(),
            )
        }))
    }

    /// Matches people read from another tool's file against the people
    /// here, reading the stored dates of those it finds.
    pub async fn plan_contacts_import(
        &self,
        people: Vec<kith_core::import::ImportedPerson>,
        skipped: Vec<kith_core::import::Skipped>,
    ) -> Result<(kith_core::import::ImportPlan, Vec<ImportantDate>), Error> {
        let store = self.open_store()?;
        let matched = self
            .directory
            .with_untracked(|d| d.match_import(people, skipped));
        let matched_ids = matched.found();
        platform::yield_now().await;
        let dates = if matched_ids.len() > 50 {
            // Many people found: one read of every date beats one per person.
            let mut all = self.all_dates(&store).await?;
            all.retain(|d| matched_ids.binary_search(&d.contact_id).is_ok());
            all
        } else {
            let mut dates = Vec::new();
            for id in &matched_ids {
                dates.extend(store.dates_for(id).await?);
            }
            dates
        };
        platform::yield_now().await;
        let plan = self
            .directory
            .with_untracked(|d| d.plan_matched(matched, &dates));
        Ok((plan, dates))
    }

    /// Writes a planned import in one transaction, then sets the photos it
    /// brought, one by one, calling `progress(done, total)` as it goes.
    /// Returns how many photos could not be read.
    pub async fn apply_contacts_import(
        &self,
        plan: &kith_core::import::ImportPlan,
        dates: &[ImportantDate],
        progress: impl Fn(usize, usize),
    ) -> Result<usize, Error> {
        let store = self.open_store()?;
        let (batch, photos) = self.run(|d, ctx| d.apply_import(plan, dates, ctx));
        // One write, photos included: another tab's change is read after.
        self.write_started();
        if let Err(e) = store.commit(&batch).await {
            self.write_ended();
            return Err(Error::NotImported(e));
        }
        self.show_batch(&batch);
        self.committed();
        let mut failed = 0;
        let total = photos.len();
        for (done, (id, mime, bytes)) in photos.into_iter().enumerate() {
            progress(done, total);
            let small = match crate::photo::downscale_bytes(&mime, &bytes).await {
                Ok(small) => small,
                Err(_) => {
                    failed += 1;
                    continue;
                }
            };
            let batch = match self.run(|d, ctx| d.set_photo(&id, &small.0, small.1, ctx)) {
                Ok(batch) => batch,
                Err(_) => {
                    failed += 1;
                    continue;
                }
            };
            if store.commit(&batch).await.is_ok() {
                self.show_batch(&batch);
            } else {
                failed += 1;
            }
        }
        progress(total, total);
        self.write_ended();
        self.committed();
        Ok(failed)
    }
}
