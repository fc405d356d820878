//! Reads straight from storage, for what the in-memory directory does not
//! hold (interactions, follow-ups, important dates). Views that call these
//! track `Kith::revision` to read again after each write.

use super::{Error, Kith};
use crate::platform;
use crate::storage::IdbStore;
use chrono::NaiveDate;
use kith_core::{ContactId, ImportantDate, Interaction, Store, StoreError, Task, TimelineCursor};
use std::rc::Rc;

impl Kith {
    /// The open store, or why there is none.
    pub(super) fn open_store(&self) -> Result<Rc<IdbStore>, Error> {
        self.store().ok_or(Error::Store(StoreError::Unavailable))
    }

    /// A page of a person's interactions, newest first.
    pub async fn timeline(
        &self,
        id: &ContactId,
        after: Option<TimelineCursor>,
        limit: usize,
    ) -> Result<(Vec<Interaction>, Option<TimelineCursor>), Error> {
        let store = self.open_store()?;
        Ok(store.timeline(id, after.as_ref(), limit).await?)
    }

    /// Open follow-ups due by `until`, or of one person.
    pub async fn open_tasks(
        &self,
        until: NaiveDate,
        of: Option<&ContactId>,
    ) -> Result<Vec<Task>, Error> {
        let store = self.open_store()?;
        Ok(match of {
            Some(id) => store.tasks_for(id).await?,
            None => store.open_tasks(until).await?,
        })
    }

    /// Important dates whose reminder is on today, within `horizon` days:
    /// each with the day it falls on and how many days away that is.
    pub async fn date_reminders(
        &self,
        horizon: u32,
    ) -> Result<Vec<(ImportantDate, NaiveDate, i64)>, Error> {
        let store = self.open_store()?;
        let today = platform::today();
        let dates = store.upcoming_dates(today, horizon).await?;
        Ok(kith_core::dates::reminders(&dates, today, horizon.into()))
    }

    /// Live important dates falling in the coming `days` days (today
    /// first), for the week's plan.
    pub async fn dates_ahead(&self, days: u32) -> Result<Vec<ImportantDate>, Error> {
        let store = self.open_store()?;
        Ok(store.upcoming_dates(platform::today(), days).await?)
    }

    /// The interactions and follow-ups a search found, as stored now.
    pub async fn found(
        &self,
        sources: &[kith_core::fulltext::Source],
    ) -> Result<(Vec<Interaction>, Vec<Task>), Error> {
        let store = self.open_store()?;
        Ok(store.found(sources).await?)
    }

    /// The live important dates of several people (a household's), read
    /// person by person through the index.
    pub async fn dates_of(&self, ids: &[ContactId]) -> Result<Vec<ImportantDate>, Error> {
        let store = self.open_store()?;
        let mut all = Vec::new();
        for id in ids {
            all.extend(store.dates_for(id).await?);
        }
        Ok(all)
    }

    /// A person's live important dates.
    pub async fn dates_for(&self, id: &ContactId) -> Result<Vec<ImportantDate>, Error> {
        let store = self.open_store()?;
        Ok(store.dates_for(id).await?)
    }
}
