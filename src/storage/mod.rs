//! The browser's storage edge. Only this module knows about IndexedDB and
//! `JsValue`s; the rest of the app talks to [`kith_core::Store`].

pub mod idb;
mod schema;

pub use idb::IdbStore;
pub use schema::SCHEMA_VERSION;

/// The database the app uses (tests use their own names).
pub const DATABASE: &str = "kith";
