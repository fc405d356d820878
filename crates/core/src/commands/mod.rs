//! Commands: what a user can do, as pure functions from the current
//! [`Directory`] and input to the [`Batch`] that records it. The caller
//! applies the batch to the directory (the screen changes at once) and
//! commits it to the store (one transaction).
//!
//! Input is checked here, not in the UI: a refused command returns a
//! [`ValidationError`] whose [`ValidationError::field`] names the input to
//! mark (a [`Field`], never a screen's element id), and nothing is written.

mod details;
mod family;
mod field;
mod followups;
mod interactions;
mod merge;
mod organisations;
mod people;
mod person;
mod relations;
mod timers;

#[cfg(test)]
mod refusals;
#[cfg(test)]
pub(crate) mod testing;

pub use family::{DateInput, FamilyInput};
pub use field::{DatePart, Field, RolePart};
pub use interactions::InteractionInput;
pub use merge::{MergeChoices, MergePick, OtherRecords, Told, MERGE_FIELDS};
pub(crate) use organisations::move_roles;
pub use organisations::Reach;
pub use people::TRASH_DAYS;
pub use person::{ContactInput, RoleInput};
pub use timers::MAX_OVERDUE_AFTER;

use crate::time::Timestamp;
use chrono::NaiveDate;
use thiserror::Error;

pub const MAX_NAME: usize = 200;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 40;
pub const MAX_LINE: usize = 500;
pub const MAX_NOTES: usize = 20_000;
pub const MAX_TAG: usize = 40;

/// What a command needs from the world: the time, the user's today, and
/// random bytes for new ids.
pub struct Ctx<'a> {
    pub now: Timestamp,
    pub today: NaiveDate,
    pub random: &'a mut dyn FnMut() -> [u8; 16],
}

/// Why input was refused, in words for the user.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ValidationError {
    #[error("Please enter a name.")]
    NameMissing,
    #[error("Please write something first.")]
    Empty { field: Field },
    #[error("The {what} is too long: at most {max} characters.")]
    TooLong {
        field: Field,
        what: String,
        max: usize,
    },
    #[error("“{value}” does not look like an email address (it needs one @ and no spaces).")]
    Email { field: Field, value: String },
    #[error("“{value}” does not look like a phone number.")]
    Phone { field: Field, value: String },
    #[error("“{value}” is not a date; use the date picker or write it as 2026-03-14.")]
    Date { field: Field, value: String },
    #[error("{message}")]
    Invalid { field: Field, message: String },
    #[error("This person no longer exists; they may have been deleted in another tab.")]
    NotFound,
}

impl ValidationError {
    /// The input to mark and focus; `None` when no input is at fault.
    pub fn field(&self) -> Option<Field> {
        match self {
            ValidationError::NameMissing => Some(Field::Name),
            ValidationError::Empty { field }
            | ValidationError::TooLong { field, .. }
            | ValidationError::Email { field, .. }
            | ValidationError::Phone { field, .. }
            | ValidationError::Date { field, .. }
            | ValidationError::Invalid { field, .. } => Some(*field),
            ValidationError::NotFound => None,
        }
    }

    pub(crate) fn invalid(field: Field, message: impl Into<String>) -> Self {
        ValidationError::Invalid {
            field,
            message: message.into(),
        }
    }
}

/// Collapses runs of white space to one space and trims.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn check_len(
    field: Field,
    what: &str,
    value: &str,
    max: usize,
) -> Result<(), ValidationError> {
    if value.chars().count() > max {
        return Err(ValidationError::TooLong {
            field,
            what: what.into(),
            max,
        });
    }
    Ok(())
}

/// An optional day typed as `YYYY-MM-DD` (what `<input type=date>` gives).
pub(crate) fn parse_day(field: Field, value: &str) -> Result<Option<NaiveDate>, ValidationError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    crate::calendar::parse_day(value)
        .ok_or(())
        .map(Some)
        .map_err(|_| ValidationError::Date {
            field,
            value: value.into(),
        })
}
