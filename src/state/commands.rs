//! The commands the UI calls. Each asks the core for the batch that
//! records it (the rule lives there, in `kith_core::commands`) and hands
//! the batch to `writes`. A command the core may refuse returns
//! [`Outcome`], whose error names the field and says why in words; the
//! write itself is not awaited: should it fail, a notice says so.

use super::{Error, Kith, Outcome};
use kith_core::calendar::Words;
use kith_core::{
    Batch, Cadence, ContactId, ContactInput, Ctx, DateInput, DetailId, Directory, FamilyInput,
    FamilyMemberId, ImportantDate, InteractionInput, MergeChoices, OrganisationId, OtherRecords,
    RelationKind, Store, Task,
};
use leptos::prelude::*;

impl Kith {
    /// Creates (`id` is `None`) or edits a person; an edit can be undone.
    /// Once the write has ended, `then` is given the person's id if it
    /// was stored.
    pub fn save_contact(
        &self,
        id: Option<&ContactId>,
        input: &ContactInput,
        then: impl FnOnce(Option<ContactId>) + 'static,
    ) -> Outcome<ContactId> {
        let (batch, saved) = self.run(|d, ctx| d.save_contact(id, input, ctx))?;
        let text = id.map(|_| {
            let name = batch.contacts.first().map(|c| c.name.clone());
            format!("Saved the changes to {}.", name.unwrap_or_default())
        });
        let id = saved.clone();
        let then = move |stored: bool| then(stored.then_some(id));
        self.persist_then(batch, text, Box::new(then));
        Ok(saved)
    }

    /// Runs a command that may be refused, stores its batch and says
    /// `text` (made from the batch) with an Undo.
    fn apply_undoable(
        &self,
        command: impl FnOnce(&Directory, &mut Ctx<'_>) -> Outcome<Batch>,
        text: impl FnOnce(&Batch) -> String,
    ) -> Outcome {
        let batch = self.run(command)?;
        let text = text(&batch);
        self.persist_undoable(batch, text);
        Ok(())
    }

    /// The name of the first person `batch` changes, for a notice.
    fn first_name(batch: &Batch) -> String {
        batch
            .contacts
            .first()
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    /// Moves people to the trash and offers an undo.
    pub fn delete_contacts(&self, ids: &[ContactId]) {
        let batch = self.run(|d, ctx| d.delete_contacts(ids, ctx));
        let (text, undone) = match batch.contacts.as_slice() {
            [] => return,
            [one] => (
                format!("Deleted {}.", one.name),
                format!("Restored {}.", one.name),
            ),
            many => (
                format!("Deleted {} people.", many.len()),
                format!("Restored {} people.", many.len()),
            ),
        };
        self.persist_undoable_saying(batch, text, undone);
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
        let n = kith_core::format::count(n, "person", "people");
        self.say(format!("Emptied the trash: {n}."));
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
        self.apply_undoable(
            |d, ctx| d.tag_contacts(ids, tag, ctx),
            |b| format!("Tagged {} with “{}”.", people(b.contacts.len()), tag.trim()),
        )
    }

    pub fn untag_contacts(&self, ids: &[ContactId], tag: &str) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.untag_contacts(ids, tag, ctx),
            |b| {
                format!(
                    "Removed “{}” from {}.",
                    tag.trim(),
                    people(b.contacts.len())
                )
            },
        )
    }

    pub fn add_detail(&self, id: &ContactId, text: &str) -> Outcome {
        self.apply(|d, ctx| d.add_detail(id, text, ctx))
    }

    pub fn pin_detail(&self, id: &ContactId, detail: &DetailId, pinned: bool) -> Outcome {
        self.apply(|d, ctx| d.pin_detail(id, detail, pinned, ctx))
    }

    pub fn remove_detail(&self, id: &ContactId, detail: &DetailId) -> Outcome {
        let text = self.directory.with_untracked(|d| {
            d.contact(id)
                .and_then(|c| c.details.iter().find(|x| &x.id == detail))
                .map(|x| format!("Removed “{}”.", x.text))
        });
        self.apply_undoable(
            |d, ctx| d.remove_detail(id, detail, ctx),
            |_| text.unwrap_or_else(|| "Removed the detail.".into()),
        )
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
        let name = self.directory.with_untracked(|d| {
            d.contact(id)
                .and_then(|c| c.family.iter().find(|f| &f.id == member))
                .map(|f| f.name.clone())
        });
        self.apply_undoable(
            |d, ctx| d.remove_family_member(id, member, dates, ctx),
            |b| {
                format!(
                    "Removed {} from {}’s family.",
                    name.unwrap_or_default(),
                    Self::first_name(b)
                )
            },
        )
    }

    pub fn add_date(&self, id: &ContactId, input: &DateInput) -> Outcome {
        self.apply(|d, ctx| d.add_date(id, input, ctx))
    }

    pub fn remove_date(&self, date: &ImportantDate) {
        let batch = self.run(|d, ctx| d.remove_date(date, ctx));
        self.persist_undoable(
            batch,
            format!("Removed the {}.", date.kind.label().to_lowercase()),
        );
    }

    /// Logs an interaction from the form.
    pub fn record_interaction(&self, input: &InteractionInput) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.record_interaction(input, ctx),
            |b| {
                let kind = b
                    .interactions
                    .first()
                    .map(|i| i.kind.label().to_lowercase())
                    .unwrap_or_default();
                let who = self.names(&input.people);
                format!("Logged {} with {who}.", with_article(&kind))
            },
        )
    }

    /// "Checked in" in one tap: says what it logged and when the next
    /// check-in is.
    pub fn checked_in(&self, id: &ContactId) -> Outcome {
        let settings = self.check_in.get_untracked();
        let today = crate::platform::today();
        self.apply_undoable(
            |d, ctx| d.checked_in(id, ctx),
            |b| {
                let name = self.names(std::slice::from_ref(id));
                let next = b.contacts.first().and_then(|c| {
                    self.directory
                        .with_untracked(|d| d.check_in_status(c, today, &settings).state.next_day())
                });
                match next {
                    Some(day) => format!(
                        "Logged a check-in with {name} today. Next check-in {}.",
                        day.words("%-d %B")
                    ),
                    None => format!("Logged a check-in with {name} today."),
                }
            },
        )
    }

    /// "Not the same person" for a possible duplicate (with undo).
    pub fn not_duplicates(&self, a: &ContactId, b: &ContactId) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.not_duplicates(a, b, ctx),
            |_| {
                let names = self.names(&[a.clone(), b.clone()]);
                format!("Kept {names} apart: they will not be offered as duplicates again.")
            },
        )
    }

    /// "Replied" on Today: they no longer wait for a reply (with undo).
    pub fn replied(&self, id: &ContactId) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.replied(id, ctx),
            |_| {
                format!(
                    "Marked {} as replied.",
                    self.names(std::slice::from_ref(id))
                )
            },
        )
    }

    pub fn set_cadence(&self, id: &ContactId, cadence: Cadence) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.set_cadence(id, cadence, ctx),
            |b| {
                format!(
                    "Check-in timer for {}: {}.",
                    Self::first_name(b),
                    cadence.describe().to_lowercase()
                )
            },
        )
    }

    /// "Change timer": a person's timer and their own maximum (`None`:
    /// the global percentage), as one change with an Undo.
    pub fn set_timer(&self, id: &ContactId, cadence: Cadence, max: Option<u16>) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.set_timer(id, cadence, max, ctx),
            |b| {
                let overdue = max
                    .map(|n| format!(", overdue after {n} days"))
                    .unwrap_or_default();
                format!(
                    "Check-in timer for {}: {}{overdue}.",
                    Self::first_name(b),
                    cadence.describe().to_lowercase()
                )
            },
        )
    }

    /// One check-in timer for many people (People's select mode), with an
    /// Undo.
    pub fn set_cadences(&self, ids: &[ContactId], cadence: Cadence) -> Outcome {
        let timer = match cadence {
            Cadence::None => "No check-in timer".to_owned(),
            every => format!("Check in {}", every.describe()),
        };
        let text = match ids.len() {
            1 => format!("{timer} for 1 person."),
            n => format!("{timer} for {n} people."),
        };
        self.apply_undoable(|d, ctx| d.set_cadences(ids, cadence, ctx), |_| text)
    }

    pub fn snooze(&self, id: &ContactId, days: u64) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.snooze(id, days, ctx),
            |b| {
                let until = b.contacts.first().and_then(|c| c.snoozed_until);
                let until = until
                    .map(|u| u.words("%-d %B").to_string())
                    .unwrap_or_default();
                format!("Snoozed {} until {until}.", Self::first_name(b))
            },
        )
    }

    /// "This week": moves a person to another day of the plan, with an Undo.
    pub fn plan_on(&self, id: &ContactId, day: chrono::NaiveDate) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.plan_on(id, day, ctx),
            |b| {
                // "for tomorrow", "for Friday 4 December": names keep capitals.
                let mut on = kith_core::week::day_heading(day, crate::platform::today());
                if on.starts_with("To") {
                    on.get_mut(..1).map(str::make_ascii_lowercase);
                }
                format!("Planned {} for {on}.", Self::first_name(b))
            },
        )
    }

    /// When a person prefers to be called, with an Undo.
    pub fn set_prefers(&self, id: &ContactId, prefers: kith_core::week::Prefers) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.set_prefers(id, prefers, ctx),
            |b| {
                let words = prefers
                    .words()
                    .unwrap_or_else(|| "No preferred time".into());
                format!("{words}: {}.", Self::first_name(b))
            },
        )
    }

    pub fn set_priorities(&self, id: &ContactId, text: &str) -> Outcome {
        self.apply_undoable(
            |d, ctx| d.set_priorities(id, text, ctx),
            |b| format!("Saved what {} cares about now.", Self::first_name(b)),
        )
    }

    /// Marks a follow-up done.
    pub fn complete_task(&self, task: &Task) {
        let batch = self.run(|d, ctx| d.complete_task(task, ctx));
        self.persist_undoable(batch, format!("Done: {}.", task.text));
    }

    /// The names of `ids`, joined for a sentence ("Ana and Bo").
    fn names(&self, ids: &[ContactId]) -> String {
        let names: Vec<String> = self.directory.with_untracked(|d| {
            ids.iter()
                .filter_map(|id| d.any_contact(id).map(|c| c.name.clone()))
                .collect()
        });
        kith_core::format::and_list(&names)
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
        self.apply_undoable(
            |d, ctx| d.remove_photo(id, ctx),
            |b| format!("Removed {}’s photo.", Self::first_name(b)),
        )
    }

    /// "`other` lives with `id`" (see [`kith_core::household`]), with an
    /// undo: joining can move someone out of another household.
    pub fn add_to_household(&self, id: &ContactId, other: &ContactId) -> Outcome {
        let text = format!(
            "{} now live together.",
            self.names(&[id.clone(), other.clone()])
        );
        self.apply_undoable(|d, ctx| d.add_to_household(id, other, ctx), |_| text)
    }

    /// Takes a person out of their household, with an undo.
    pub fn leave_household(&self, id: &ContactId) -> Outcome {
        let (name, home) = self.directory.with_untracked(|d| {
            let c = d.contact(id);
            let home = c.and_then(|c| d.household_of(c)).map(|h| h.name.clone());
            (
                c.map(|c| c.name.clone()).unwrap_or_default(),
                home.unwrap_or_default(),
            )
        });
        self.apply_undoable(
            |d, ctx| d.leave_household(id, ctx),
            |batch| match batch.organisations.first() {
                Some(_) => {
                    format!("{name} left {home}; nobody else lives there now, so it is gone.")
                }
                None => format!("{name} left {home}."),
            },
        )
    }

    /// Renames a household and sets its shared address.
    pub fn save_household(
        &self,
        id: &OrganisationId,
        input: &kith_core::household::HouseholdInput,
    ) -> Outcome {
        self.apply(|d, ctx| d.save_household(id, input, ctx))
    }

    /// Whether a check-in with one member counts for all.
    pub fn set_household_sharing(&self, id: &OrganisationId, shared: bool) -> Outcome {
        self.apply(|d, ctx| d.set_household_sharing(id, shared, ctx))
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
        let text = format!(
            "Removed the link between {}.",
            self.names(&[holder.clone(), other.clone()])
        );
        self.apply_undoable(
            |d, ctx| d.remove_relation(holder, kind, other, ctx),
            |_| text,
        )
    }
}

/// "1 person", "3 people".
fn people(n: usize) -> String {
    kith_core::format::count(n, "person", "people")
}

/// "a call", "an email".
fn with_article(noun: &str) -> String {
    match noun.chars().next() {
        None | Some('o') if noun == "other" => "an interaction".into(),
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {noun}"),
        _ => format!("a {noun}"),
    }
}
