//! The storage contract. The browser keeps records in IndexedDB, host tests
//! in memory; both implement [`Store`] and are held to the same behaviour.
//!
//! Scale shapes the contract: at 10,000 people and 100,000 interactions the
//! app loads people and organisations (small records) at start-up, and never
//! all interactions. Interactions are read a page at a time, by person
//! ([`Store::timeline`]) or by day range ([`Store::interactions_between`]).

use crate::dates::ImportantDate;
use crate::ids::{ContactId, OrganisationId};
use crate::model::{Batch, Contact, Interaction, Organisation, Photo};
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

    /// A person's photo, if one is stored.
    async fn photo(&self, contact: &ContactId) -> Result<Option<Photo>, StoreError>;

    /// Live important dates of one person.
    async fn dates_for(&self, contact: &ContactId) -> Result<Vec<ImportantDate>, StoreError>;

    async fn counts(&self) -> Result<Counts, StoreError>;
}
