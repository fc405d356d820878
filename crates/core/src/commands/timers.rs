//! Check-in timers set beyond the one-person "Change timer": a person's own
//! maximum interval ("overdue after 45 days"), and one timer for many
//! people at once (People's select mode). Where a person then stands is
//! decided only by [`crate::checkin`].

use super::{Ctx, Field, ValidationError};
use crate::cadence::Cadence;
use crate::directory::Directory;
use crate::ids::ContactId;
use crate::model::Batch;

/// The longest maximum interval a person can have, in days.
pub const MAX_OVERDUE_AFTER: u16 = 3650;

impl Directory {
    /// Sets (`Some`) or clears (`None`) a person's own maximum interval:
    /// overdue once that many days have passed since the last contact,
    /// instead of the global percentage.
    pub fn set_overdue_after(
        &self,
        id: &ContactId,
        days: Option<u16>,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if days.is_some_and(|n| !(1..=MAX_OVERDUE_AFTER).contains(&n)) {
            return Err(ValidationError::invalid(
                Field::OverdueAfter,
                format!("Choose between 1 and {MAX_OVERDUE_AFTER} days."),
            ));
        }
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        if c.overdue_after_days == days {
            return Ok(Batch::default());
        }
        c.overdue_after_days = days;
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// "Change timer" on a person's page: their timer and their own
    /// maximum in one change (one undo). The same timer saved again keeps
    /// the day it started.
    pub fn set_timer(
        &self,
        id: &ContactId,
        cadence: Cadence,
        overdue_after: Option<u16>,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let c = self.contact(id).ok_or(ValidationError::NotFound)?;
        let mut batch = if c.cadence == cadence {
            Batch::default()
        } else {
            self.set_cadence(id, cadence, ctx)?
        };
        let max = self.set_overdue_after(id, overdue_after, ctx)?;
        match (batch.contacts.first_mut(), max.contacts.first()) {
            (Some(c), Some(m)) => c.overdue_after_days = m.overdue_after_days,
            (None, Some(_)) => batch.contacts = max.contacts,
            _ => {}
        }
        Ok(batch)
    }

    /// Gives every one of `ids` the same check-in timer (or none), starting
    /// today. People who already have exactly that timer keep theirs, and
    /// the day it started.
    pub fn set_cadences(
        &self,
        ids: &[ContactId],
        cadence: Cadence,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = Batch::default();
        for id in ids {
            let Some(c) = self.contact(id) else { continue };
            if c.cadence == cadence {
                continue;
            }
            batch
                .contacts
                .extend(self.set_cadence(id, cadence, ctx)?.contacts);
        }
        Ok(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, today, with_ctx};
    use super::*;
    use crate::cadence::CadenceUnit;
    use crate::checkin::{CheckIn, CheckInSettings};

    #[test]
    fn a_persons_own_maximum_replaces_the_percentage() {
        let s = CheckInSettings::default();
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let monthly = Cadence::Every {
            count: 30,
            unit: CadenceUnit::Days,
        };
        dir.apply(&with_ctx(2, |ctx| dir.set_cadence(&id, monthly, ctx)).unwrap());
        let day = |n| today() + chrono::Days::new(n);
        let at = |dir: &Directory, n| dir.check_in_of(dir.contact(&id).unwrap(), day(n), &s);
        // 125% of 30 days: overdue from day 38.
        assert!(matches!(at(&dir, 37), CheckIn::Due { .. }));
        assert!(matches!(at(&dir, 38), CheckIn::Overdue { .. }));

        dir.apply(&with_ctx(3, |ctx| dir.set_overdue_after(&id, Some(45), ctx)).unwrap());
        assert!(matches!(at(&dir, 44), CheckIn::Due { .. }));
        assert_eq!(
            at(&dir, 45),
            CheckIn::Overdue {
                due: day(30),
                overdue_from: day(45)
            }
        );
        let status = dir.check_in_status(dir.contact(&id).unwrap(), today(), &s);
        assert!(
            status
                .sentence()
                .ends_with("every 30 days · overdue after 45 days"),
            "{}",
            status.sentence()
        );

        // Shorter than the timer: still one due day first.
        dir.apply(&with_ctx(4, |ctx| dir.set_overdue_after(&id, Some(10), ctx)).unwrap());
        assert!(matches!(at(&dir, 30), CheckIn::Due { .. }));
        assert!(matches!(at(&dir, 31), CheckIn::Overdue { .. }));

        dir.apply(&with_ctx(5, |ctx| dir.set_overdue_after(&id, None, ctx)).unwrap());
        assert!(matches!(at(&dir, 38), CheckIn::Overdue { .. }));
        assert!(!dir
            .check_in_status(dir.contact(&id).unwrap(), today(), &s)
            .sentence()
            .contains("overdue after"));

        for bad in [0, MAX_OVERDUE_AFTER + 1] {
            let err = with_ctx(6, |ctx| dir.set_overdue_after(&id, Some(bad), ctx)).unwrap_err();
            assert_eq!(err.field(), Some(Field::OverdueAfter));
        }
    }

    #[test]
    fn a_timer_and_its_maximum_are_one_change() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let monthly = Cadence::Every {
            count: 30,
            unit: CadenceUnit::Days,
        };
        let b = with_ctx(2, |ctx| dir.set_timer(&id, monthly, Some(45), ctx)).unwrap();
        assert_eq!(b.contacts.len(), 1);
        assert_eq!(
            (b.contacts[0].cadence, b.contacts[0].overdue_after_days),
            (monthly, Some(45))
        );
        dir.apply(&b);
        // The same timer again: only the maximum changes, the start stays.
        let mut c = dir.contact(&id).unwrap().clone();
        c.cadence_since = None;
        dir.apply(&Batch {
            contacts: vec![c],
            ..Batch::default()
        });
        let b = with_ctx(3, |ctx| dir.set_timer(&id, monthly, None, ctx)).unwrap();
        assert_eq!(b.contacts[0].overdue_after_days, None);
        assert_eq!(b.contacts[0].cadence_since, None);
        dir.apply(&b);
        assert!(with_ctx(4, |ctx| dir.set_timer(&id, monthly, None, ctx))
            .unwrap()
            .is_empty());
        let err = with_ctx(5, |ctx| dir.set_timer(&id, monthly, Some(0), ctx)).unwrap_err();
        assert_eq!(err.field(), Some(Field::OverdueAfter));
    }

    #[test]
    fn one_timer_for_many_people() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", ""), 1);
        let bo = add(&mut dir, &input("Bo", ""), 1);
        let weekly = Cadence::Every {
            count: 1,
            unit: CadenceUnit::Weeks,
        };
        dir.apply(&with_ctx(2, |ctx| dir.set_cadence(&bo, weekly, ctx)).unwrap());
        let b = with_ctx(3, |ctx| {
            dir.set_cadences(&[ana.clone(), bo.clone()], weekly, ctx)
        })
        .unwrap();
        assert_eq!(b.contacts.len(), 1, "Bo already had that timer");
        assert_eq!(b.contacts[0].id, ana);
        assert_eq!(b.contacts[0].cadence_since, Some(today()));
        dir.apply(&b);
        let b = with_ctx(4, |ctx| dir.set_cadences(&[ana, bo], Cadence::None, ctx)).unwrap();
        assert_eq!(b.contacts.len(), 2);
        assert!(b.contacts.iter().all(|c| c.cadence == Cadence::None));
        let zero = Cadence::Every {
            count: 0,
            unit: CadenceUnit::Days,
        };
        let err = with_ctx(5, |ctx| {
            dir.set_cadences(&[b.contacts[0].id.clone()], zero, ctx)
        })
        .unwrap_err();
        assert_eq!(err.field(), Some(Field::Cadence));
    }
}
