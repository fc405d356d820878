//! Organisation commands that touch many people at once: merging two
//! organisations and deleting one. The rules (which roles move or go) are
//! kith_core's (`commands/organisations.rs`); this says what happened.

use super::{Kith, Outcome};
use kith_core::OrganisationId;
use leptos::prelude::*;

impl Kith {
    /// Merges `other` into `keep`; every role there moves to `keep`.
    pub fn merge_organisations(&self, keep: &OrganisationId, other: &OrganisationId) -> Outcome {
        let names = self.directory.with_untracked(|d| {
            Some((
                d.organisation(keep)?.name.clone(),
                d.organisation(other)?.name.clone(),
            ))
        });
        let batch = self.run(|d, ctx| d.merge_organisations(keep, other, ctx))?;
        let moved = batch.contacts.len();
        let text = names.map_or_else(String::new, |(kept, gone)| {
            format!(
                "Merged {gone} into {kept}: {} moved.",
                kith_core::organisation::people(moved)
            )
        });
        // Undo writes back both organisations and every moved role.
        self.persist_undoable(batch, text);
        Ok(())
    }

    /// Deletes an organisation and the roles there; the people stay.
    pub fn delete_organisation(&self, id: &OrganisationId) -> Outcome {
        let name = self
            .directory
            .with_untracked(|d| d.organisation(id).map(|o| o.name.clone()))
            .unwrap_or_default();
        let batch = self.run(|d, ctx| d.delete_organisation(id, ctx))?;
        let n = batch.contacts.len();
        // Undo brings the organisation and every removed role back.
        self.persist_undoable(
            batch,
            if n == 0 {
                format!("Deleted {name}.")
            } else {
                format!(
                    "Deleted {name} and the roles of {} there.",
                    kith_core::organisation::people(n)
                )
            },
        );
        Ok(())
    }
}
