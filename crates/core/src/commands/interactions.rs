//! Logging interactions.

use super::{Ctx, ValidationError};
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
            if c.last_interaction.is_none_or(|last| last < date) {
                c.last_interaction = Some(date);
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
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, with_ctx};
    use super::*;

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
