//! The short message at the bottom of the screen: what just happened, a
//! failure in words, or an undo. One at a time; a new one replaces the old
//! (components/notice.rs shows it and hides it after a few seconds).

use super::Kith;
use kith_core::backup::Backup;
use kith_core::{Batch, Before};
use leptos::prelude::*;
use std::sync::Arc;

/// What an Undo takes back.
#[derive(Clone, Debug)]
pub enum Undo {
    /// A write: the batch as written, what it replaced, and what to say
    /// once it is taken back.
    Write {
        done: Batch,
        before: Before,
        undone: String,
    },
    /// "Replace everything": what was here before, kept whole.
    Replace(Arc<Backup>),
}

impl PartialEq for Undo {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (
                Undo::Write { done, before, .. },
                Undo::Write {
                    done: d, before: b, ..
                },
            ) => done == d && before == b,
            (Undo::Replace(a), Undo::Replace(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// A short message at the bottom of the screen, with an undo where one
/// makes sense.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    /// The write to take back.
    pub undo: Option<Undo>,
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

    /// Says what just happened and offers to take it back.
    pub(super) fn offer_undo(&self, text: String, undo: Undo) {
        self.notice.set(Some(Notice {
            text,
            undo: Some(undo),
            is_error: false,
        }));
    }
}
