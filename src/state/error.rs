//! The one error type of the state layer. Every fallible call the UI makes
//! returns it (commands that can only be refused by their input return the
//! narrower [`ValidationError`] through [`super::Outcome`]). Its `Display`
//! is the sentence the user reads, so a page shows it as it is.

use kith_core::{StoreError, ValidationError};

/// Why something the UI asked for did not happen.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Error {
    /// Storage could not be opened, read or written (said as a sentence:
    /// the store's reasons are written to go inside one).
    #[error("{}", kith_core::format::sentence(&.0.to_string()))]
    Store(#[from] StoreError),
    /// A command refused its input.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// A command's write failed; the screen went back to what is stored.
    #[error("Couldn't save: {0}. Nothing was changed.{advice}", advice = what_to_do(.0))]
    NotSaved(StoreError),
    /// An import's write failed; none of it was stored.
    #[error("Couldn't import: {0}. Nothing was changed.{advice}", advice = what_to_do(.0))]
    NotImported(StoreError),
}

/// What the user can do about a failed write, where there is something.
fn what_to_do(e: &StoreError) -> &'static str {
    match e {
        StoreError::QuotaExceeded => " Free some space on this device (or clear other sites' data in the browser's settings), then try again. Exporting a backup from Settings keeps a copy of everything saved so far.",
        _ => "",
    }
}
