//! Moving data in and out: backups (export, check, merge or replace),
//! contacts from other apps (vCard, CSV) and files for them (vCard, the
//! calendar).

use super::Kith;
use crate::platform;
use crate::storage::IdbStore;
use kith_core::backup::{Backup, Preview};
use kith_core::{ImportantDate, Store, StoreError};
use leptos::prelude::*;

impl Kith {
    /// Everything, as the backup file's text in pieces (joined, they are
    /// the file), built a slice at a time so the page stays responsive.
    pub async fn export_backup(&self) -> Result<Vec<String>, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let backup = store
            .export(env!("CARGO_PKG_VERSION"))
            .await
            .map_err(|e| e.to_string())?
            .with_settings(Some(self.settings()));
        let mut pieces = Vec::new();
        for piece in backup.json_pieces(2_000) {
            pieces.push(piece);
            platform::yield_now().await;
        }
        Ok(pieces)
    }

    /// The preferences a backup carries.
    fn settings(&self) -> kith_core::backup::Settings {
        kith_core::backup::Settings {
            check_in: self.check_in.get_untracked(),
            backup_reminder_days: Some(platform::backup_reminder_days()),
        }
    }

    /// What importing `incoming` would do, against what is stored now.
    pub async fn preview_import(&self, incoming: &Backup) -> Result<Preview, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let current = store
            .export(env!("CARGO_PKG_VERSION"))
            .await
            .map_err(|e| e.to_string())?;
        Ok(Preview::of(&current, incoming))
    }

    /// Writes a checked backup in one transaction: merged with what is here
    /// (newer wins; deletions kept), or replacing it. Then the screen
    /// reloads from storage.
    pub async fn import_backup(&self, incoming: &Backup, replace: bool) -> Result<(), String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let result = if replace {
            incoming.clone()
        } else {
            let current = store
                .export(env!("CARGO_PKG_VERSION"))
                .await
                .map_err(|e| e.to_string())?;
            current.with_settings(Some(self.settings())).merge(incoming)
        };
        self.pending.update(|n| *n += 1);
        let written = store.replace_all(&result).await;
        self.pending.update(|n| *n = n.saturating_sub(1));
        written.map_err(|e| format!("Couldn't import: {e}. Nothing was changed."))?;
        if let Some(settings) = &result.settings {
            self.check_in.set(settings.check_in.clone());
            platform::save_check_in_settings(&settings.check_in);
            if let Some(days) = settings.backup_reminder_days {
                platform::set_backup_reminder_days(days);
            }
        }
        self.reload().await;
        self.committed();
        Ok(())
    }

    /// Every live important date, read through the month-day index (a
    /// year of days covers them all).
    async fn all_dates(&self, store: &IdbStore) -> Result<Vec<ImportantDate>, String> {
        let from = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        store
            .upcoming_dates(from, 366)
            .await
            .map_err(|e| e.to_string())
    }

    /// Everyone as a vCard 4.0 file, photos embedded.
    pub async fn export_vcard(&self) -> Result<String, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let dates = self.all_dates(&store).await?;
        let people: Vec<kith_core::Contact> = self.directory.with_untracked(|d| {
            let mut people: Vec<_> = d.all_contacts().filter(|c| c.is_live()).cloned().collect();
            people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
            people
        });
        let mut photos = Vec::new();
        for c in people.iter().filter(|c| c.photo.is_some()) {
            if let Ok(Some(p)) = store.photo(&c.id).await {
                photos.push(p);
            }
        }
        let refs: Vec<&kith_core::Contact> = people.iter().collect();
        Ok(self
            .directory
            .with_untracked(|d| kith_core::export::vcard(&refs, d, &dates, &photos)))
    }

    /// Next check-ins, open follow-ups and yearly dates as an .ics file.
    pub async fn export_calendar(&self) -> Result<String, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let dates = self.all_dates(&store).await?;
        let until = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
        let tasks = store.open_tasks(until).await.map_err(|e| e.to_string())?;
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
    ) -> Result<(kith_core::import::ImportPlan, Vec<ImportantDate>), String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let first = self
            .directory
            .with_untracked(|d| d.plan_import(people.clone(), skipped.clone(), &[]));
        let mut matched = first.matched();
        matched.sort();
        platform::yield_now().await;
        let dates = if matched.len() > 50 {
            // Many people found: one read of every date beats one per person.
            let mut all = self.all_dates(&store).await?;
            all.retain(|d| matched.binary_search(&d.contact_id).is_ok());
            all
        } else {
            let mut dates = Vec::new();
            for id in &matched {
                dates.extend(store.dates_for(id).await.map_err(|e| e.to_string())?);
            }
            dates
        };
        let plan = self
            .directory
            .with_untracked(|d| d.plan_import(people, skipped, &dates));
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
    ) -> Result<usize, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let (batch, photos) = self.run(|d, ctx| d.apply_import(plan, dates, ctx));
        self.pending.update(|n| *n += 1);
        let written = store.commit(&batch).await;
        self.pending.update(|n| *n = n.saturating_sub(1));
        written.map_err(|e| format!("Couldn't import: {e}. Nothing was changed."))?;
        self.directory.update(|d| d.apply(&batch));
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
                self.directory.update(|d| d.apply(&batch));
            } else {
                failed += 1;
            }
        }
        progress(total, total);
        self.committed();
        Ok(failed)
    }
}
