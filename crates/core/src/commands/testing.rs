//! Helpers for the command tests.

use super::{ContactInput, Ctx, RoleInput};
use crate::directory::Directory;
use crate::ids::ContactId;
use chrono::NaiveDate;
use std::sync::atomic::{AtomicU64, Ordering};

/// Runs `f` with a Ctx at `now` whose random ids never repeat.
pub(crate) fn with_ctx<T>(now: i64, f: impl FnOnce(&mut Ctx<'_>) -> T) -> T {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let mut random = || {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut bytes = [0u8; 16];
        bytes[8..].copy_from_slice(&n.to_be_bytes());
        bytes
    };
    let mut ctx = Ctx {
        now: crate::Timestamp(now),
        today: today(),
        random: &mut random,
    };
    f(&mut ctx)
}

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A form with a name and, unless empty, one current role.
pub(crate) fn input(name: &str, org: &str) -> ContactInput {
    let roles = if org.is_empty() {
        vec![]
    } else {
        vec![RoleInput {
            organisation: org.into(),
            ..Default::default()
        }]
    };
    ContactInput {
        name: name.into(),
        roles,
        ..Default::default()
    }
}

/// Saves a new person and applies the batch.
pub(crate) fn add(dir: &mut Directory, input: &ContactInput, now: i64) -> ContactId {
    let (batch, id) = with_ctx(now, |ctx| dir.save_contact(None, input, ctx)).unwrap();
    dir.apply(&batch);
    id
}

/// An unlabelled value, as a form row.
pub(crate) fn labeled(value: &str) -> crate::model::Labeled {
    crate::model::Labeled {
        label: String::new(),
        value: value.into(),
    }
}
