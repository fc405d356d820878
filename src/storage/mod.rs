//! The browser's storage edge. Only this module knows about IndexedDB and
//! `JsValue`s; the rest of the app talks to [`kith_core::Store`].
//!
//! - schema.rs: the stores, indexes and version, each named once, and the
//!   upgrade steps;
//! - idb.rs: [`IdbStore`], opening the database and answering queries;
//! - read.rs and write.rs: read-only transactions, and the one durable write
//!   transaction every write shares;
//! - record.rs: how a record looks in the store;
//! - backup.rs: backups in and out: the export made straight from the stored
//!   records, and the restore that replaces everything;
//! - request.rs: awaiting a request, and the browser's errors in words.

mod backup;
pub mod idb;
mod read;
mod record;
mod request;
mod schema;
mod write;

pub use backup::{BackupText, Step};
pub use idb::IdbStore;
pub use record::{unreadable, UNREADABLE_EVENT};
pub use schema::SCHEMA_VERSION;

/// The database the app uses (tests use their own names).
pub const DATABASE: &str = "kith";
