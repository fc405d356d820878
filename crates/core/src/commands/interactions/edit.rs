//! Correcting the log: an interaction edited or deleted. Each person's
//! `last_interaction` (what the check-in timer counts from) follows: when
//! the interaction that set it moves or goes, it becomes the newest of
//! what remains. The app reads "what remains" from storage (the newest
//! other interaction of each person) and passes it in, so the rule stays
//! here and never needs the whole history. Whether they wait for a reply
//! follows the same way ([`crate::reciprocity::note_corrected`]).

use super::{check, Checked, InteractionInput};
use crate::commands::{Ctx, ValidationError};
use crate::directory::Directory;
use crate::ids::ContactId;
use crate::model::{Batch, Interaction};
use chrono::NaiveDate;

/// Each person's newest live interaction other than the one being
/// changed; `None` when it was their only one.
pub type NewestOthers = [(ContactId, Option<NaiveDate>)];

impl Directory {
    /// Saves the corrected interaction `old` from the form (details learned
    /// and follow-ups are their own records and not part of it).
    pub fn edit_interaction(
        &self,
        old: &Interaction,
        input: &InteractionInput,
        others: &NewestOthers,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let Checked {
            kind,
            date,
            time,
            temperature,
            initiator,
        } = check(input, ctx.today)?;
        let mut new = old.clone();
        new.contact_ids = input.people.clone();
        new.kind = kind;
        new.date = date;
        new.time = time;
        new.notes = input.notes.trim_end().to_owned();
        new.temperature = temperature;
        new.initiator = initiator;
        new.updated = ctx.now;
        let mut batch = self.follow_latest(old, Some(&new), others, ctx)?;
        batch.interactions.push(new);
        Ok(batch)
    }

    /// Deletes `old` (a tombstone, so backups converge).
    pub fn delete_interaction(
        &self,
        old: &Interaction,
        others: &NewestOthers,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut gone = old.clone();
        gone.deleted = Some(ctx.now);
        gone.updated = ctx.now;
        let mut batch = self.follow_latest(old, None, others, ctx)?;
        batch.interactions.push(gone);
        Ok(batch)
    }

    /// The people whose last-interaction day changes when `old` becomes
    /// `new` (`None`: deleted). A day later than `old`'s came from
    /// elsewhere (a newer interaction, an import) and stays unless `new`
    /// is later still; a day `old` set becomes the newest of what remains.
    fn follow_latest(
        &self,
        old: &Interaction,
        new: Option<&Interaction>,
        others: &NewestOthers,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = Batch::default();
        let mut people: Vec<&ContactId> = old.contact_ids.iter().collect();
        if let Some(new) = new {
            people.extend(
                new.contact_ids
                    .iter()
                    .filter(|p| !old.contact_ids.contains(p)),
            );
        }
        for id in people {
            let Some(c) = self.contact(id) else {
                // Someone who has since been deleted keeps their record.
                if new.is_some_and(|n| n.contact_ids.contains(id)) {
                    return Err(ValidationError::NotFound);
                }
                continue;
            };
            let still_there = new.filter(|n| n.contact_ids.contains(id)).map(|n| n.date);
            let remaining = others.iter().find(|(p, _)| p == id).and_then(|(_, d)| *d);
            let from_elsewhere = c
                .last_interaction
                .filter(|last| *last > old.date || !old.contact_ids.contains(id));
            let last = [from_elsewhere, remaining, still_there]
                .into_iter()
                .flatten()
                .max();
            let mut changed = c.clone();
            let theirs = new.filter(|n| n.contact_ids.contains(id));
            crate::reciprocity::note_corrected(&mut changed, old, theirs, last);
            changed.last_interaction = last;
            if changed.last_interaction != c.last_interaction
                || changed.awaiting_reply != c.awaiting_reply
            {
                changed.updated = ctx.now;
                batch.contacts.push(changed);
            }
        }
        Ok(batch)
    }
}
