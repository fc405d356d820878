//! Logging interactions.

use super::{check_len, one_line, parse_day, Ctx, Field, ValidationError, MAX_LINE, MAX_NOTES};
use crate::cadence::Cadence;
use crate::directory::Directory;
use crate::ids::{ContactId, DetailId, InteractionId, TaskId};
use crate::model::{Batch, Detail, Interaction, InteractionKind, Task, Temperature};
use crate::reciprocity::Initiator;
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
    /// An [`Initiator::key`], or empty when not said.
    pub initiator: String,
    /// Details learned, one per line.
    pub details: String,
    /// Whom the details are about; `None`: the first of `people` (the
    /// page's own person).
    pub details_about: Option<ContactId>,
    /// A follow-up to do, if any, and its day (`YYYY-MM-DD`).
    pub follow_up: String,
    pub follow_up_due: String,
}

/// The parts of the log form every interaction has, checked.
pub(super) struct Checked {
    pub kind: InteractionKind,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub temperature: Option<Temperature>,
    pub initiator: Option<Initiator>,
}

/// Checks who, what kind, the day (required, and not still to come), the
/// time, the notes and the temperature.
pub(super) fn check(
    input: &InteractionInput,
    today: NaiveDate,
) -> Result<Checked, ValidationError> {
    if input.people.is_empty() {
        return Err(ValidationError::invalid(
            Field::LogPeople,
            "Choose at least one person.",
        ));
    }
    let kind = InteractionKind::from_key(&input.kind).ok_or_else(|| {
        ValidationError::invalid(Field::LogKind, "Choose what kind of contact it was.")
    })?;
    let date = parse_day(Field::LogDate, &input.date)?
        .ok_or_else(|| ValidationError::invalid(Field::LogDate, "Choose the day it happened."))?;
    if date > today {
        return Err(ValidationError::invalid(
            Field::LogDate,
            "That day is still to come; log it once it has happened.",
        ));
    }
    let time = match input.time.trim() {
        "" => None,
        t => Some(crate::calendar::parse_time(t).ok_or(()).map_err(|_| {
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
    let initiator = match input.initiator.as_str() {
        "" => None,
        key => Some(Initiator::from_key(key).ok_or_else(|| {
            ValidationError::invalid(Field::LogInitiator, "Choose who reached out.")
        })?),
    };
    Ok(Checked {
        kind,
        date,
        time,
        temperature,
        initiator,
    })
}

impl Directory {
    /// Logs an interaction from the form: validates, then records it with
    /// its temperature, and adds the details learned to the one person
    /// they are about.
    pub fn record_interaction(
        &self,
        input: &InteractionInput,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let Checked {
            kind,
            date,
            time,
            temperature,
            initiator,
        } = check(input, ctx.today)?;
        let details: Vec<String> = input
            .details
            .lines()
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect();
        for d in &details {
            check_len(Field::LogDetails, "detail", d, MAX_LINE)?;
        }
        // Details are about one person: the one chosen, else the first (the
        // page's own person).
        let about = input.details_about.as_ref().unwrap_or(&input.people[0]);
        if !details.is_empty() && !input.people.contains(about) {
            return Err(ValidationError::invalid(
                Field::LogDetailsAbout,
                "Choose someone who was there.",
            ));
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
        let mut batch = self.log_by(&input.people, kind, date, &input.notes, initiator, ctx)?;
        batch.tasks.extend(follow_up);
        if let Some(i) = batch.interactions.last_mut() {
            i.time = time;
            i.temperature = temperature;
        }
        if !details.is_empty() {
            let pos = batch.contacts.iter().position(|c| &c.id == about);
            let mut c = match pos {
                Some(p) => batch.contacts.remove(p),
                None => self
                    .contact(about)
                    .cloned()
                    .ok_or(ValidationError::NotFound)?,
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
        self.log_by(people, kind, date, notes, None, ctx)
    }

    /// [`Directory::log_interaction`], saying who started it: a message
    /// from them that is their newest leaves them waiting for a reply;
    /// anything newer answers it ([`crate::reciprocity::note_logged`]).
    pub fn log_by(
        &self,
        people: &[ContactId],
        kind: InteractionKind,
        date: NaiveDate,
        notes: &str,
        initiator: Option<Initiator>,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = Batch::default();
        for id in people {
            let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
            let newer = c.last_interaction.is_none_or(|last| last < date);
            let waiting = c.awaiting_reply;
            crate::reciprocity::note_logged(&mut c, date, initiator);
            if newer || c.snoozed_until.is_some() || c.awaiting_reply != waiting {
                if newer {
                    c.last_interaction = Some(date);
                    // In touch: a day the plan had moved them to is done.
                    c.planned_on = None;
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
            initiator,
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
        self.log_by(
            std::slice::from_ref(id),
            InteractionKind::Other,
            today,
            crate::model::CHECKED_IN,
            Some(Initiator::Me),
            ctx,
        )
    }

    /// "Replied": the user answered someone waiting for a reply (by mail,
    /// outside Kith), so they wait no longer. Nothing is logged: the
    /// conversation is the one they started, and the check-in timer
    /// already counts from it.
    pub fn replied(&self, id: &ContactId, ctx: &mut Ctx<'_>) -> Result<Batch, ValidationError> {
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        c.awaiting_reply = None;
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
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
                // The day is the due day ([`Task::sentence`] shows it);
                // the text stays what the user wrote.
                text: text.clone(),
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

mod edit;

#[cfg(test)]
mod tests;
