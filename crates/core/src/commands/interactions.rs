//! Logging interactions.

use super::{check_len, one_line, parse_day, Ctx, Field, ValidationError, MAX_LINE, MAX_NOTES};
use crate::cadence::Cadence;
use crate::directory::Directory;
use crate::ids::{ContactId, DetailId, InteractionId, TaskId};
use crate::model::{Batch, Detail, Interaction, InteractionKind, Task, Temperature};
use chrono::{NaiveDate, NaiveTime};

/// The log form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InteractionInput {
    pub people: Vec<ContactId>,
    /// An [`InteractionKind::key`].
    pub kind: String,
    /// `YYYY-MM-DD`; empty means today.
    pub date: String,
    /// `HH:MM`, optional.
    pub time: String,
    pub notes: String,
    /// 1 to 5, if the user took their temperature.
    pub temperature: Option<u8>,
    /// In their words.
    pub temperature_note: String,
    /// Details learned, one per line; each lands on every person's list.
    pub details: String,
    /// A follow-up to do, if any, and its day (`YYYY-MM-DD`).
    pub follow_up: String,
    pub follow_up_due: String,
}

impl Directory {
    /// Logs an interaction from the form: validates, then records it with
    /// its temperature, and adds the details learned to each person.
    pub fn record_interaction(
        &self,
        input: &InteractionInput,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if input.people.is_empty() {
            return Err(ValidationError::invalid(
                Field::LogPeople,
                "Choose at least one person.",
            ));
        }
        let kind = InteractionKind::from_key(&input.kind).ok_or_else(|| {
            ValidationError::invalid(Field::LogKind, "Choose what kind of contact it was.")
        })?;
        let date = parse_day(Field::LogDate, &input.date)?.unwrap_or(ctx.today);
        if date > ctx.today {
            return Err(ValidationError::invalid(
                Field::LogDate,
                "That day is still to come; log it once it has happened.",
            ));
        }
        let time = match input.time.trim() {
            "" => None,
            t => Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| {
                ValidationError::invalid(
                    Field::LogTime,
                    format!("“{t}” is not a time; write it as 14:30."),
                )
            })?),
        };
        check_len(Field::LogNotes, "notes", &input.notes, MAX_NOTES)?;
        let temperature = match input.temperature {
            None => None,
            Some(score @ 1..=5) => {
                let note = one_line(&input.temperature_note);
                check_len(Field::LogTemperatureNote, "note", &note, MAX_LINE)?;
                Some(Temperature { score, note })
            }
            Some(_) => {
                return Err(ValidationError::invalid(
                    Field::LogTemperature,
                    "Rate from 1 to 5.",
                ))
            }
        };
        let details: Vec<String> = input
            .details
            .lines()
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect();
        for d in &details {
            check_len(Field::LogDetails, "detail", d, MAX_LINE)?;
        }
        let follow_up = one_line(&input.follow_up);
        let follow_up = if follow_up.is_empty() {
            None
        } else {
            check_len(Field::LogFollowUp, "follow-up", &follow_up, MAX_LINE)?;
            let due = parse_day(Field::LogFollowUpDue, &input.follow_up_due)?.ok_or_else(|| {
                ValidationError::invalid(
                    Field::LogFollowUpDue,
                    "Choose the day the follow-up is due.",
                )
            })?;
            Some(Task {
                id: TaskId::from_random((ctx.random)()),
                contact_ids: input.people.clone(),
                text: follow_up,
                due,
                done: None,
                created: ctx.now,
                updated: ctx.now,
                deleted: None,
            })
        };
        let mut batch = self.log_interaction(&input.people, kind, date, &input.notes, ctx)?;
        batch.tasks.extend(follow_up);
        if let Some(i) = batch.interactions.last_mut() {
            i.time = time;
            i.temperature = temperature;
        }
        if !details.is_empty() {
            for id in &input.people {
                let pos = batch.contacts.iter().position(|c| &c.id == id);
                let mut c = match pos {
                    Some(p) => batch.contacts.remove(p),
                    None => self.contact(id).cloned().ok_or(ValidationError::NotFound)?,
                };
                for text in &details {
                    c.details.push(Detail {
                        id: DetailId::from_random((ctx.random)()),
                        date,
                        text: text.clone(),
                        pinned: false,
                    });
                }
                c.updated = ctx.now;
                batch.contacts.push(c);
            }
        }
        Ok(batch)
    }

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

    /// Marks a follow-up done.
    pub fn complete_task(&self, task: &Task, ctx: &mut Ctx<'_>) -> Batch {
        let mut task = task.clone();
        task.done = Some(ctx.now);
        task.updated = ctx.now;
        Batch {
            tasks: vec![task],
            ..Batch::default()
        }
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

    /// Records what a person cares about right now (or confirms it is
    /// still true), dated today.
    pub fn set_priorities(
        &self,
        id: &ContactId,
        text: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let text = text.trim().to_owned();
        check_len(Field::Priorities, "priorities", &text, MAX_LINE * 4)?;
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        c.priorities = text;
        c.priorities_confirmed = Some(ctx.today);
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// "Rinse and repeat": follow-ups `offsets` days from today for each
    /// of `people` (e.g. +7, +30, +90 after a project ends).
    pub fn follow_up_series(
        &self,
        people: &[ContactId],
        text: &str,
        offsets: &[u64],
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let text = one_line(text);
        if text.is_empty() {
            return Err(ValidationError::invalid(
                Field::SeriesText,
                "Say what the follow-ups are about.",
            ));
        }
        check_len(Field::SeriesText, "follow-up", &text, MAX_LINE)?;
        if people.is_empty() || people.iter().any(|p| self.contact(p).is_none()) {
            return Err(ValidationError::invalid(
                Field::SeriesPeople,
                "Choose who to follow up with.",
            ));
        }
        let tasks = offsets
            .iter()
            .map(|&days| Task {
                id: TaskId::from_random((ctx.random)()),
                contact_ids: people.to_vec(),
                text: format!("{text} (+{days} days)"),
                due: ctx.today + chrono::Days::new(days),
                done: None,
                created: ctx.now,
                updated: ctx.now,
                deleted: None,
            })
            .collect();
        Ok(Batch {
            tasks,
            ..Batch::default()
        })
    }

    /// Sets an organisation's default check-in timer for its people.
    pub fn set_organisation_cadence(
        &self,
        id: &crate::ids::OrganisationId,
        cadence: Cadence,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut org = self
            .organisation(id)
            .cloned()
            .ok_or(ValidationError::NotFound)?;
        org.default_cadence = cadence;
        org.updated = ctx.now;
        Ok(Batch {
            organisations: vec![org],
            ..Batch::default()
        })
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
                    Field::Cadence,
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
                Field::Snooze,
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
            Some(Field::Cadence)
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
    fn the_log_form_records_time_temperature_and_details_for_everyone() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", ""), 1);
        let bo = add(&mut dir, &input("Bo", ""), 1);
        let form = InteractionInput {
            people: vec![ana.clone(), bo.clone()],
            kind: "meal".into(),
            date: "2026-11-20".into(),
            time: "12:30".into(),
            notes: "Lunch at Alma.".into(),
            temperature: Some(4),
            temperature_note: "  “Happy with the new rollout”  ".into(),
            details: "Ava got into Porto\n\n  Moving house in March ".into(),
            follow_up: " Send the proposal ".into(),
            follow_up_due: "2026-11-27".into(),
        };
        let b = with_ctx(5, |ctx| dir.record_interaction(&form, ctx)).unwrap();
        let i = &b.interactions[0];
        assert_eq!(
            (i.kind, i.date.to_string(), i.time.map(|t| t.to_string())),
            (
                InteractionKind::Meal,
                "2026-11-20".into(),
                Some("12:30:00".into())
            )
        );
        assert_eq!(
            i.temperature,
            Some(Temperature {
                score: 4,
                note: "“Happy with the new rollout”".into()
            })
        );
        assert_eq!(b.contacts.len(), 2);
        let task = &b.tasks[0];
        assert_eq!(
            (
                task.text.as_str(),
                task.due.to_string(),
                task.contact_ids.len()
            ),
            ("Send the proposal", "2026-11-27".into(), 2)
        );
        let done = with_ctx(9, |ctx| dir.complete_task(task, ctx));
        assert_eq!(done.tasks[0].done, Some(crate::time::Timestamp(9)));
        assert!(!done.tasks[0].is_open());
        for c in &b.contacts {
            let texts: Vec<_> = c.details.iter().map(|d| d.text.as_str()).collect();
            assert_eq!(texts, ["Ava got into Porto", "Moving house in March"]);
            assert_eq!(
                c.last_interaction.map(|d| d.to_string()),
                Some("2026-11-20".into())
            );
        }

        let check = |change: fn(&mut InteractionInput)| {
            let mut f = form.clone();
            change(&mut f);
            with_ctx(6, |ctx| dir.record_interaction(&f, ctx))
                .unwrap_err()
                .field()
        };
        assert_eq!(check(|f| f.people.clear()), Some(Field::LogPeople));
        assert_eq!(check(|f| f.kind = "telegram".into()), Some(Field::LogKind));
        assert_eq!(
            check(|f| f.date = "2026-13-01".into()),
            Some(Field::LogDate)
        );
        assert_eq!(
            check(|f| f.date = "2026-12-01".into()),
            Some(Field::LogDate),
            "not in the future"
        );
        assert_eq!(check(|f| f.time = "noon".into()), Some(Field::LogTime));
        assert_eq!(
            check(|f| f.temperature = Some(6)),
            Some(Field::LogTemperature)
        );
        assert_eq!(
            check(|f| f.follow_up_due = String::new()),
            Some(Field::LogFollowUpDue)
        );
        let today_default = InteractionInput {
            date: String::new(),
            ..form.clone()
        };
        let b = with_ctx(7, |ctx| dir.record_interaction(&today_default, ctx)).unwrap();
        assert_eq!(b.interactions[0].date, super::super::testing::today());
    }

    #[test]
    fn priorities_are_dated_and_a_follow_up_series_is_scheduled() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", "Acme"), 1);
        let b = with_ctx(2, |ctx| {
            dir.set_priorities(&id, " Launch in Spain by March ", ctx)
        })
        .unwrap();
        assert_eq!(b.contacts[0].priorities, "Launch in Spain by March");
        assert_eq!(
            b.contacts[0].priorities_confirmed,
            Some(super::super::testing::today())
        );
        let b = with_ctx(3, |ctx| {
            dir.follow_up_series(
                std::slice::from_ref(&id),
                "Project wrap-up",
                &[7, 30, 90],
                ctx,
            )
        })
        .unwrap();
        let due: Vec<_> = b
            .tasks
            .iter()
            .map(|t| (t.due - super::super::testing::today()).num_days())
            .collect();
        assert_eq!(due, [7, 30, 90]);
        assert_eq!(b.tasks[1].text, "Project wrap-up (+30 days)");
        assert!(with_ctx(3, |ctx| dir.follow_up_series(&[], "x", &[7], ctx)).is_err());
        let org = dir.contact(&id).unwrap().organisation_id.clone().unwrap();
        let monthly = Cadence::Every {
            count: 1,
            unit: crate::cadence::CadenceUnit::Months,
        };
        let b = with_ctx(4, |ctx| dir.set_organisation_cadence(&org, monthly, ctx)).unwrap();
        assert_eq!(b.organisations[0].default_cadence, monthly);
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
