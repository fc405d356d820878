//! Logging interactions.

use super::{Ctx, ValidationError};
use crate::cadence::Cadence;
use crate::directory::Directory;
use crate::ids::{ContactId, InteractionId};
use crate::model::{Batch, Interaction, InteractionKind};
use chrono::NaiveDate;

impl Directory {
    /// Records an interaction with `people` on `date` and moves each
    /// person's last-interaction day forward (never back: logging an old
    /// call does not hide a newer one).
    pub fn log_interaction(
        &self,
        people: &[ContactId],
        kind: InteractionKind,
        date: NaiveDate,
        notes: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = Batch::default();
        for id in people {
            let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
            let newer = c.last_interaction.is_none_or(|last| last < date);
            if newer || c.snoozed_until.is_some() {
                if newer {
                    c.last_interaction = Some(date);
                }
                // Being in touch ends a snooze.
                c.snoozed_until = None;
                c.updated = ctx.now;
                batch.contacts.push(c);
            }
        }
        batch.interactions.push(Interaction {
            id: InteractionId::from_random((ctx.random)()),
            contact_ids: people.to_vec(),
            kind,
            date,
            time: None,
            notes: notes.trim_end().to_owned(),
            temperature: None,
            created: ctx.now,
            updated: ctx.now,
            deleted: None,
        });
        Ok(batch)
    }

    /// "Checked in": a minimal interaction today, in one tap.
    pub fn checked_in(&self, id: &ContactId, ctx: &mut Ctx<'_>) -> Result<Batch, ValidationError> {
        let today = ctx.today;
        self.log_interaction(
            std::slice::from_ref(id),
            InteractionKind::Other,
            today,
            "Checked in",
            ctx,
        )
    }

    /// Sets a person's check-in timer; it starts today.
    pub fn set_cadence(
        &self,
        id: &ContactId,
        cadence: Cadence,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        if let Cadence::Every { count, .. } = cadence {
            if count == 0 || count > 999 {
                return Err(ValidationError::invalid(
                    "cadence",
                    "Choose between 1 and 999.",
                ));
            }
        }
        c.cadence = cadence;
        c.cadence_since = Some(ctx.today);
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// Quiets a person's check-in reminders for `days` days.
    pub fn snooze(
        &self,
        id: &ContactId,
        days: u64,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if !(1..=365).contains(&days) {
            return Err(ValidationError::invalid(
                "snooze",
                "Snooze for 1 to 365 days.",
            ));
        }
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        c.snoozed_until = ctx.today.checked_add_days(chrono::Days::new(days));
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, with_ctx};
    use super::*;

    #[test]
    fn timers_are_set_snoozed_and_closed_by_checking_in() {
        use crate::cadence::CadenceUnit;
        use crate::checkin::{CheckIn, CheckInSettings};
        let s = CheckInSettings::default();
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let weekly = Cadence::Every {
            count: 1,
            unit: CadenceUnit::Weeks,
        };
        let zero = Cadence::Every {
            count: 0,
            unit: CadenceUnit::Days,
        };
        assert_eq!(
            with_ctx(2, |ctx| dir.set_cadence(&id, zero, ctx))
                .unwrap_err()
                .field(),
            Some("cadence")
        );
        dir.apply(&with_ctx(2, |ctx| dir.set_cadence(&id, weekly, ctx)).unwrap());
        let today = super::super::testing::today();
        let c = dir.contact(&id).unwrap();
        assert_eq!(c.cadence_since, Some(today));
        let week_later = today + chrono::Days::new(7);
        assert_eq!(
            dir.check_in_of(c, today, &s),
            CheckIn::Upcoming { due: week_later }
        );

        dir.apply(&with_ctx(3, |ctx| dir.snooze(&id, 10, ctx)).unwrap());
        let c = dir.contact(&id).unwrap();
        assert!(matches!(
            dir.check_in_of(c, week_later, &s),
            CheckIn::Snoozed { .. }
        ));
        assert!(with_ctx(3, |ctx| dir.snooze(&id, 0, ctx)).is_err());

        let b = with_ctx(4, |ctx| dir.checked_in(&id, ctx)).unwrap();
        assert_eq!(b.interactions[0].notes, "Checked in");
        dir.apply(&b);
        let c = dir.contact(&id).unwrap();
        assert_eq!(
            (c.last_interaction, c.snoozed_until),
            (Some(today), None),
            "checking in ends the snooze"
        );
    }

    #[test]
    fn logging_moves_last_interaction_forward_only() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let one = std::slice::from_ref(&id);
        let b = with_ctx(2, |ctx| {
            dir.log_interaction(one, InteractionKind::Meal, day(10), "Lunch ", ctx)
        })
        .unwrap();
        assert_eq!(b.interactions[0].notes, "Lunch");
        dir.apply(&b);
        let b = with_ctx(3, |ctx| {
            dir.log_interaction(one, InteractionKind::Call, day(3), "", ctx)
        })
        .unwrap();
        assert!(
            b.contacts.is_empty(),
            "an older call leaves the person as is"
        );
        assert_eq!(dir.contact(&id).unwrap().last_interaction, Some(day(10)));
    }
}
