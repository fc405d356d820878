//! The commands the UI calls. Each asks the core for the batch that
//! records it (the rule lives there, in `kith_core::commands`) and hands
//! the batch to `writes`. A command the core may refuse returns
//! [`Outcome`], whose error names the field and says why in words; the
//! write itself is not awaited: should it fail, a notice says so.

use super::{Error, Kith, Outcome};
use kith_core::{
    Cadence, ContactId, ContactInput, DateInput, DetailId, FamilyInput, FamilyMemberId,
    ImportantDate, InteractionInput, MergeChoices, OrganisationId, OtherRecords, RelationKind,
    Store, Task,
};

impl Kith {
    /// Creates (`id` is `None`) or edits a person.
    pub fn save_contact(&self, id: Option<&ContactId>, input: &ContactInput) -> Outcome<ContactId> {
        let (batch, saved) = self.run(|d, ctx| d.save_contact(id, input, ctx))?;
        self.persist(batch);
        Ok(saved)
    }

    /// Moves people to the trash and offers an undo.
    pub fn delete_contacts(&self, ids: &[ContactId]) {
        let batch = self.run(|d, ctx| d.delete_contacts(ids, ctx));
        let text = match batch.contacts.as_slice() {
            [] => return,
            [one] => format!("Deleted {}.", one.name),
            many => format!("Deleted {} people.", many.len()),
        };
        let undo = batch.contacts.iter().map(|c| c.id.clone()).collect();
        self.persist(batch);
        self.offer_undo(text, undo);
    }

    /// Takes people back out of the trash.
    pub fn restore_contacts(&self, ids: &[ContactId]) {
        let batch = self.run(|d, ctx| d.restore_contacts(ids, ctx));
        let text = match batch.contacts.as_slice() {
            [] => return,
            [one] => format!("Restored {}.", one.name),
            many => format!("Restored {} people.", many.len()),
        };
        self.persist(batch);
        self.say(text);
    }

    /// Empties the trash now, for good.
    pub fn empty_trash(&self) {
        let batch = self.run(|d, ctx| d.purge_trash(true, ctx));
        let n = batch.contacts.len();
        self.persist(batch);
        self.say(format!("Emptied the trash ({n})."));
    }

    /// Merges `other` into `keep`: reads the other's whole history and dates
    /// from storage, then writes the merge in one transaction.
    pub async fn merge_contacts(
        &self,
        keep: &ContactId,
        other: &ContactId,
        choices: &MergeChoices,
    ) -> Result<(), Error> {
        let store = self.open_store()?;
        let mut interactions = Vec::new();
        let mut cursor = None;
        loop {
            let (page, next) = store.timeline(other, cursor.as_ref(), 500).await?;
            interactions.extend(page);
            match next {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        let dates = store.dates_for(other).await?;
        let photo = store.photo(other).await?;
        let batch = self.run(|d, ctx| {
            let stored = OtherRecords {
                interactions: &interactions,
                dates: &dates,
                photo: photo.as_ref(),
            };
            d.merge_contacts(keep, other, choices, stored, ctx)
        })?;
        self.persist(batch);
        self.say("Merged. Everything from both records is kept.");
        Ok(())
    }

    pub fn add_organisation(&self, name: &str) -> Outcome<OrganisationId> {
        let (batch, id) = self.run(|d, ctx| d.add_organisation(name, ctx))?;
        self.persist(batch);
        Ok(id)
    }

    pub fn rename_organisation(&self, id: &OrganisationId, name: &str, notes: &str) -> Outcome {
        self.apply(|d, ctx| d.rename_organisation(id, name, notes, ctx))
    }

    pub fn set_organisation_cadence(&self, id: &OrganisationId, cadence: Cadence) -> Outcome {
        self.apply(|d, ctx| d.set_organisation_cadence(id, cadence, ctx))
    }

    pub fn tag_contacts(&self, ids: &[ContactId], tag: &str) -> Outcome {
        self.apply(|d, ctx| d.tag_contacts(ids, tag, ctx))
    }

    pub fn untag_contacts(&self, ids: &[ContactId], tag: &str) -> Outcome {
        self.apply(|d, ctx| d.untag_contacts(ids, tag, ctx))
    }

    pub fn add_detail(&self, id: &ContactId, text: &str) -> Outcome {
        self.apply(|d, ctx| d.add_detail(id, text, ctx))
    }

    pub fn pin_detail(&self, id: &ContactId, detail: &DetailId, pinned: bool) -> Outcome {
        self.apply(|d, ctx| d.pin_detail(id, detail, pinned, ctx))
    }

    pub fn remove_detail(&self, id: &ContactId, detail: &DetailId) -> Outcome {
        self.apply(|d, ctx| d.remove_detail(id, detail, ctx))
    }

    pub fn add_family_member(&self, id: &ContactId, input: &FamilyInput) -> Outcome {
        self.apply(|d, ctx| d.add_family_member(id, input, ctx))
    }

    pub fn remove_family_member(
        &self,
        id: &ContactId,
        member: &FamilyMemberId,
        dates: &[ImportantDate],
    ) -> Outcome {
        self.apply(|d, ctx| d.remove_family_member(id, member, dates, ctx))
    }

    pub fn add_date(&self, id: &ContactId, input: &DateInput) -> Outcome {
        self.apply(|d, ctx| d.add_date(id, input, ctx))
    }

    pub fn remove_date(&self, date: &ImportantDate) {
        let batch = self.run(|d, ctx| d.remove_date(date, ctx));
        self.persist(batch);
    }

    /// Logs an interaction from the form.
    pub fn record_interaction(&self, input: &InteractionInput) -> Outcome {
        self.apply(|d, ctx| d.record_interaction(input, ctx))
    }

    /// "Checked in" in one tap.
    pub fn checked_in(&self, id: &ContactId) -> Outcome {
        self.apply(|d, ctx| d.checked_in(id, ctx))
    }

    pub fn set_cadence(&self, id: &ContactId, cadence: Cadence) -> Outcome {
        self.apply(|d, ctx| d.set_cadence(id, cadence, ctx))
    }

    /// A person's own maximum interval (`None` clears it).
    pub fn set_overdue_after(&self, id: &ContactId, days: Option<u16>) -> Outcome {
        self.apply(|d, ctx| d.set_overdue_after(id, days, ctx))
    }

    /// One check-in timer for many people (People's select mode).
    pub fn set_cadences(&self, ids: &[ContactId], cadence: Cadence) -> Outcome {
        let batch = self.run(|d, ctx| d.set_cadences(ids, cadence, ctx))?;
        let n = ids.len();
        let timer = match cadence {
            Cadence::None => "No check-in timer".to_owned(),
            every => format!("Check in {}", every.describe()),
        };
        self.say(match n {
            1 => format!("{timer} for 1 person."),
            n => format!("{timer} for {n} people."),
        });
        self.persist(batch);
        Ok(())
    }

    pub fn snooze(&self, id: &ContactId, days: u64) -> Outcome {
        self.apply(|d, ctx| d.snooze(id, days, ctx))
    }

    pub fn set_priorities(&self, id: &ContactId, text: &str) -> Outcome {
        self.apply(|d, ctx| d.set_priorities(id, text, ctx))
    }

    /// Marks a follow-up done.
    pub fn complete_task(&self, task: &Task) {
        let batch = self.run(|d, ctx| d.complete_task(task, ctx));
        self.persist(batch);
        self.say(format!("Done: {}.", task.text));
    }

    /// Follow-ups at +7, +30 and +90 days for `people`.
    pub fn follow_up_series(&self, people: &[ContactId], text: &str) -> Outcome {
        self.apply(|d, ctx| d.follow_up_series(people, text, &[7, 30, 90], ctx))?;
        self.say("Scheduled follow-ups in 7, 30 and 90 days.");
        Ok(())
    }

    pub fn set_photo(&self, id: &ContactId, mime: &str, bytes: Vec<u8>) -> Outcome {
        self.apply(|d, ctx| d.set_photo(id, mime, bytes, ctx))
    }

    pub fn remove_photo(&self, id: &ContactId) -> Outcome {
        self.apply(|d, ctx| d.remove_photo(id, ctx))
    }

    pub fn add_relation(&self, id: &ContactId, kind: RelationKind, other: &ContactId) -> Outcome {
        self.apply(|d, ctx| d.add_relation(id, kind, other, ctx))
    }

    pub fn remove_relation(
        &self,
        holder: &ContactId,
        kind: RelationKind,
        other: &ContactId,
    ) -> Outcome {
        self.apply(|d, ctx| d.remove_relation(holder, kind, other, ctx))
    }
}
