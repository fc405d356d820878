//! The short message at the bottom of the screen: what just happened, a
//! failure in words, or an undo. One at a time; a new one replaces the old
//! (components/notice.rs shows it and hides it after a few seconds).

use super::Kith;
use kith_core::ContactId;
use leptos::prelude::*;

/// A short message at the bottom of the screen, with an undo where one
/// makes sense.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    /// People to take back out of the trash.
    pub undo: Option<Vec<ContactId>>,
    pub is_error: bool,
}

impl Kith {
    /// Says what just happened.
    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            is_error: false,
        }));
    }

    /// Says what went wrong.
    pub fn warn(&self, problem: impl ToString) {
        self.notice.set(Some(Notice {
            text: problem.to_string(),
            undo: None,
            is_error: true,
        }));
    }

    /// Says what just happened and offers to take these people back out of
    /// the trash.
    pub(super) fn offer_undo(&self, text: String, people: Vec<ContactId>) {
        self.notice.set(Some(Notice {
            text,
            undo: Some(people),
            is_error: false,
        }));
    }
}
