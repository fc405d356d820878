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
//!
//! One file per job (the format itself is described in
//! docs/backup-format.md):
//! - `format.rs`: the envelope, the records and versions ([`Backup`],
//!   [`Settings`], [`BackupPhoto`], [`migrate`]) and the bytes of an export.
//! - `restore.rs`: the restore pipeline, in order ([`Restorer`],
//!   [`Backup::restore`]).
//! - `validate.rs`: the checks it runs and the words of their failures
//!   ([`RestoreError`]).
//! - `merge.rs`: merging two backups by id ([`Backup::merge`]) and the
//!   [`Preview`] of what a restore would change.
//! - `fold.rs`: after a merge, organisations of the same name become one.
//! - `reminder.rs`: when Today reminds to make a backup ([`Reminder`]).
//! - `sealed.rs`: the envelope of an encrypted backup ([`sealed::Sealed`]).

mod fold;
mod format;
mod merge;
mod outline;
mod reminder;
mod restore;
pub mod sealed;
mod validate;

pub use format::{
    between_lists, file_head, file_tail, migrate, Backup, BackupPhoto, Settings, FORMAT, LISTS,
    VERSION,
};
pub use merge::{Preview, Removed};
pub use reminder::Reminder;
pub use restore::Restorer;
pub use validate::RestoreError;
