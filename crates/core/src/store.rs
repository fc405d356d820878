//! The storage contract. The browser keeps records in IndexedDB, host tests
//! in memory; both implement [`Store`] and are held to the same behaviour.
//!
//! Scale shapes the contract: at 10,000 people and 100,000 interactions the
//! app loads people and organisations (small records) at start-up, and never
//! all interactions. Interactions are read a page at a time, by person
//! ([`Store::timeline`]) or by day range ([`Store::interactions_between`]).

use crate::dates::ImportantDate;
use crate::ids::{ContactId, InteractionId, OrganisationId};
use crate::model::{Batch, Contact, Interaction, Organisation, Photo, Task};
use chrono::NaiveDate;
use thiserror::Error;

/// Storage failures, in words a user can act on.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum StoreError {
    #[error("this browser does not offer IndexedDB storage here (private mode can turn it off)")]
    Unavailable,
    #[error("the stored data was made by a newer version of Kith; reload to get the new version")]
    NewerSchema,
    #[error("Kith was updated in another tab; reload this page to go on")]
    Closed,
    #[error("the browser ran out of storage space for Kith")]
    QuotaExceeded,
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
    #[error("storage failed: {0}")]
    Other(String),
}

/// Where a timeline page ends; pass it back for the next, older, page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineCursor(pub String);

/// How many records of each kind are stored, tombstones included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub contacts: usize,
    pub organisations: usize,
    pub interactions: usize,
    pub dates: usize,
    pub tasks: usize,
}

/// The month-day ranges (inclusive, as `(month, day)`) that cover the
/// `days + 1` days from `from`: one range, or two when the span wraps past
/// December. An upper end of Feb 28 is widened to Feb 29, so leap-day dates
/// are found in common years.
pub fn month_day_ranges(from: NaiveDate, days: u32) -> Vec<((u32, u32), (u32, u32))> {
    use chrono::Datelike;
    let to = from + chrono::Days::new(days.min(365).into());
    let md = |d: NaiveDate| (d.month(), d.day());
    let widen = |end: (u32, u32)| if end == (2, 28) { (2, 29) } else { end };
    if days >= 365 {
        return vec![((1, 1), (12, 31))];
    }
    if md(from) <= md(to) && from.year() == to.year() {
        vec![(md(from), widen(md(to)))]
    } else {
        vec![(md(from), (12, 31)), ((1, 1), widen(md(to)))]
    }
}

/// What every storage back end offers. Each method is one transaction.
#[allow(async_fn_in_trait)] // single-threaded (wasm); no Send bound wanted
pub trait Store {
    /// Every person and organisation, tombstones included (the trash and
    /// merges need them). Start-up reads only this.
    async fn load_people(&self) -> Result<(Vec<Contact>, Vec<Organisation>), StoreError>;

    async fn contact(&self, id: &ContactId) -> Result<Option<Contact>, StoreError>;

    /// Live people whose organisation is `org`, by the organisation index.
    async fn contacts_in_organisation(
        &self,
        org: &OrganisationId,
    ) -> Result<Vec<Contact>, StoreError>;

    /// Writes every record of `batch` in one transaction: all or nothing.
    async fn commit(&self, batch: &Batch) -> Result<(), StoreError>;

    /// Writes `batch` like [`Store::commit`] and returns what it replaced:
    /// the stored versions of its records and the earlier photos, read in
    /// the same transaction, so [`Batch::undo`] can put them back exactly.
    async fn commit_undoable(&self, batch: &Batch) -> Result<crate::undo::Before, StoreError>;

    /// One person's live interactions, newest first, at most `limit`,
    /// starting after `after` (the cursor the previous page returned).
    async fn timeline(
        &self,
        contact: &ContactId,
        after: Option<&TimelineCursor>,
        limit: usize,
    ) -> Result<(Vec<Interaction>, Option<TimelineCursor>), StoreError>;

    /// Live interactions on days `from..=to`, oldest first, at most `limit`.
    async fn interactions_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        limit: usize,
    ) -> Result<Vec<Interaction>, StoreError>;

    /// Interactions, tombstones included, in id order after `after`, at
    /// most `limit`: the note index is built from them a page at a time.
    async fn interactions_after(
        &self,
        after: Option<&InteractionId>,
        limit: usize,
    ) -> Result<Vec<Interaction>, StoreError>;

    /// Every follow-up: open, done and deleted.
    async fn all_tasks(&self) -> Result<Vec<Task>, StoreError>;

    /// The records a search found, as stored now, in one transaction (one
    /// that is no longer stored is left out).
    async fn found(
        &self,
        sources: &[crate::fulltext::Source],
    ) -> Result<(Vec<Interaction>, Vec<Task>), StoreError>;

    /// A person's photo, if one is stored.
    async fn photo(&self, contact: &ContactId) -> Result<Option<Photo>, StoreError>;

    /// Live important dates, of anyone, whose month and day fall on the
    /// `days + 1` days starting `from` (a Feb 29 date counts on Feb 28 in
    /// common years). Read by a month-day index, never by scanning.
    async fn upcoming_dates(
        &self,
        from: NaiveDate,
        days: u32,
    ) -> Result<Vec<ImportantDate>, StoreError>;

    /// Open follow-ups due on or before `until`, soonest first.
    async fn open_tasks(&self, until: NaiveDate) -> Result<Vec<Task>, StoreError>;

    /// Open follow-ups of one person, soonest first.
    async fn tasks_for(&self, contact: &ContactId) -> Result<Vec<Task>, StoreError>;

    /// Live important dates of one person.
    async fn dates_for(&self, contact: &ContactId) -> Result<Vec<ImportantDate>, StoreError>;

    async fn counts(&self) -> Result<Counts, StoreError>;

    /// Every record (tombstones included) and photo, for a backup.
    async fn export(&self, app_version: &str) -> Result<crate::backup::Backup, StoreError>;

    /// Replaces every record and photo with the backup's, in one
    /// transaction: all or nothing.
    async fn replace_all(&self, backup: &crate::backup::Backup) -> Result<(), StoreError>;
}
