//! Kith's domain core: people, organisations, interactions, important dates,
//! check-in cadences, the commands that change them and the storage contract.
//!
//! Invariants kept here, for every edge (browser, tests, imports):
//! - Every record carries `created` and `updated` instants and an optional
//!   `deleted` tombstone. Deleting never removes a record outright, so a later
//!   merge of two backups can converge: the newer `updated` wins.
//! - Calendar days the user means (a birthday, "last spoke on") are
//!   [`chrono::NaiveDate`]s in the user's own calendar, never instants.
//! - Nothing in this crate touches the browser. Time and randomness come in
//!   through [`Ctx`], so every rule is a pure function tested on the host.

pub mod backup;
pub mod cadence;
pub mod calendar;
pub mod checkin;
pub mod commands;
pub mod contact;
#[cfg(any(test, feature = "contract"))]
pub mod contract;
pub mod dates;
pub mod directory;
pub mod duplicates;
pub mod encoding;
pub mod export;
pub mod format;
pub mod fulltext;
pub mod household;
pub mod ids;
pub mod import;
pub mod keeping;
pub mod memory;
pub mod model;
pub mod openers;
pub mod organisation;
pub mod orgmap;
pub mod rebase;
pub mod reciprocity;
pub mod rules;
pub mod search;
pub mod sort;
pub mod store;
pub mod temperature;
pub mod templates;
pub mod time;
pub mod undo;
pub mod week;
pub mod wire;

#[cfg(test)]
mod findings;

/// The encrypted backup's envelope, at the path the app has always used.
pub use backup::sealed;
pub use cadence::{Cadence, CadenceUnit};
pub use checkin::{CadenceSource, CheckIn, CheckInKind, CheckInSettings, CheckInStatus, ReachOut};
pub use commands::{
    ContactInput, Ctx, DateInput, DatePart, FamilyInput, Field, InteractionInput, MergeChoices,
    MergePick, OtherRecords, RoleInput, RolePart, Told, ValidationError,
};
pub use dates::{DateKind, ImportantDate};
pub use directory::{Directory, Filter, SortOrder};
pub use ids::{ContactId, DateId, DetailId, FamilyMemberId, InteractionId, OrganisationId, TaskId};
pub use model::{
    Batch, Contact, Detail, FamilyMember, Interaction, InteractionKind, Labeled, Organisation,
    Relation, RelationKind, Role, Task, Temperature,
};
pub use reciprocity::{Initiator, Reciprocity};
pub use store::{Counts, Store, StoreError, TimelineCursor};
pub use time::Timestamp;
pub use undo::Before;
