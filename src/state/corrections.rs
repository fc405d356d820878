//! Correcting the log: an interaction edited or deleted, with undo. The
//! rule for what the check-in timer counts from afterwards is in core
//! (`Directory::edit_interaction`); this reads what it needs, each
//! person's newest other interaction, from storage.

use super::{Error, Kith};
use chrono::NaiveDate;
use kith_core::{ContactId, Interaction, InteractionInput};

impl Kith {
    /// Saves the corrected `old` from the form.
    pub async fn edit_interaction(
        &self,
        old: &Interaction,
        input: &InteractionInput,
    ) -> Result<(), Error> {
        let mut people = old.contact_ids.clone();
        people.extend(
            input
                .people
                .iter()
                .filter(|p| !old.contact_ids.contains(p))
                .cloned(),
        );
        let others = self.newest_others(old, &people).await?;
        let batch = self.run(|d, ctx| d.edit_interaction(old, input, &others, ctx))?;
        let text = format!("Saved the changes to the {}.", old.what());
        self.persist_undoable(batch, text);
        Ok(())
    }

    /// Deletes `old`; the notice offers to bring it back.
    pub async fn delete_interaction(&self, old: &Interaction) -> Result<(), Error> {
        let others = self.newest_others(old, &old.contact_ids).await?;
        let batch = self.run(|d, ctx| d.delete_interaction(old, &others, ctx))?;
        self.persist_undoable(batch, format!("Deleted the {}.", old.what()));
        Ok(())
    }

    /// For each of `people`, the day of their newest interaction other
    /// than `old`: the first of the two newest that is not it.
    async fn newest_others(
        &self,
        old: &Interaction,
        people: &[ContactId],
    ) -> Result<Vec<(ContactId, Option<NaiveDate>)>, Error> {
        let mut out = Vec::with_capacity(people.len());
        for id in people {
            let (page, _) = self.timeline(id, None, 2).await?;
            let newest = page.into_iter().find(|i| i.id != old.id).map(|i| i.date);
            out.push((id.clone(), newest));
        }
        Ok(out)
    }
}
