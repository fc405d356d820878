//! App state and the commands the UI calls. A command asks the core for the
//! batch that records it, applies the batch to the in-memory directory (the
//! screen changes at once) and commits it to IndexedDB in one transaction.
//! Should the write fail, the directory is reloaded from storage, so the
//! screen never shows what is not stored, and the user is told in words.

mod transfer;

use crate::platform;
use crate::storage::{IdbStore, DATABASE};

use kith_core::{
    Batch, Cadence, CheckInSettings, ContactId, ContactInput, Ctx, DateInput, DetailId, Directory,
    FamilyInput, FamilyMemberId, ImportantDate, Interaction, InteractionInput, MergeChoices,
    OrganisationId, OtherRecords, RelationKind, Store, StoreError, Task, TimelineCursor,
    ValidationError,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Where start-up is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    Ready,
    Failed(String),
}

/// A short message at the bottom of the screen, with an undo where one
/// makes sense.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    /// People to take back out of the trash.
    pub undo: Option<Vec<ContactId>>,
    pub is_error: bool,
}

/// The app's state, provided once as context.
#[derive(Clone, Copy)]
pub struct Kith {
    pub directory: RwSignal<Directory>,
    pub phase: RwSignal<Phase>,
    pub notice: RwSignal<Option<Notice>>,
    /// Writes under way; the shell shows "Saving…" while any are.
    pub pending: RwSignal<usize>,
    /// Counts committed writes; views that read from storage directly (a
    /// person's dates, counts) track it to reload.
    pub revision: RwSignal<u64>,
    /// Check-in thresholds and tag defaults, from settings.
    pub check_in: RwSignal<CheckInSettings>,
    store: StoredValue<Option<Rc<IdbStore>>, LocalStorage>,
    /// Other open tabs of Kith hear of every write here, and reload.
    tabs: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    /// Whether the browser has promised to keep the data (`None`: unknown).
    pub persisted: RwSignal<Option<bool>>,
    /// Writes started here so far, and whether another tab's change is
    /// still to be read (put off while this tab's own writes are under way,
    /// so reading storage never hides an edit that is not stored yet).
    writes: StoredValue<u64>,
    stale: StoredValue<bool>,
}

pub fn use_kith() -> Kith {
    expect_context::<Kith>()
}

/// What a command that may be refused returns to the UI.
pub type Outcome<T = ()> = Result<T, ValidationError>;

impl Kith {
    /// Creates the state and starts loading people from storage.
    pub fn start() -> Kith {
        let kith = Kith {
            directory: RwSignal::new(Directory::default()),
            phase: RwSignal::new(Phase::Loading),
            notice: RwSignal::new(None),
            pending: RwSignal::new(0),
            revision: RwSignal::new(0),
            check_in: RwSignal::new(platform::load_check_in_settings()),
            store: StoredValue::new_local(None),
            tabs: StoredValue::new_local(web_sys::BroadcastChannel::new("kith").ok()),
            persisted: RwSignal::new(None),
            writes: StoredValue::new(0),
            stale: StoredValue::new(false),
        };
        kith.listen_to_other_tabs();
        spawn_local(async move {
            match IdbStore::open(DATABASE).await {
                Ok(store) => {
                    kith.store.set_value(Some(Rc::new(store)));
                    kith.reload().await;
                    // People deleted more than 30 days ago leave the trash.
                    let purge = kith.run(|d, ctx| d.purge_trash(false, ctx));
                    if !purge.is_empty() {
                        kith.persist(purge);
                    }
                }
                Err(e) => kith.phase.set(Phase::Failed(e.to_string())),
            }
        });
        kith
    }

    /// Another tab wrote: read the people again, and let views that read
    /// from storage reload.
    fn listen_to_other_tabs(&self) {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let kith = *self;
        let Some(channel) = self.tabs.get_value() else {
            return;
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            kith.stale.set_value(true);
            spawn_local(kith.catch_up());
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The channel lives as long as the page.
        on_message.forget();
    }

    /// Reads what other tabs stored, once this tab has no write of its own
    /// under way; a read overtaken by a write of this tab is dropped and
    /// done again after it.
    async fn catch_up(self) {
        if !self.stale.get_value() || self.pending.get_untracked() > 0 {
            return;
        }
        let Some(store) = self.store() else { return };
        let started = self.writes.get_value();
        self.stale.set_value(false);
        if let Ok((people, orgs)) = store.load_people().await {
            if self.writes.get_value() != started || self.pending.get_untracked() > 0 {
                self.stale.set_value(true);
                return;
            }
            self.directory.set(Directory::new(people, orgs));
            self.revision.update(|r| *r += 1);
        }
    }

    /// After a committed write: tell the other tabs, and the first time
    /// there is something to keep, ask the browser to keep it.
    fn committed(&self) {
        self.revision.update(|r| *r += 1);
        if let Some(channel) = self.tabs.get_value() {
            platform::announce_change(&channel);
        }
        if self.persisted.get_untracked().is_none() {
            let kith = *self;
            kith.persisted.set(Some(false));
            spawn_local(async move {
                let granted = match platform::storage_persisted().await {
                    Some(true) => Some(true),
                    _ => platform::request_persistence().await,
                };
                kith.persisted.set(granted);
            });
        }
    }

    /// Asks the browser again to keep the data (from settings).
    pub fn ask_to_persist(&self) {
        let kith = *self;
        spawn_local(async move {
            let granted = platform::request_persistence().await;
            kith.persisted.set(granted);
        });
    }

    /// The open store, once start-up has opened it.
    pub fn store(&self) -> Option<Rc<IdbStore>> {
        self.store.get_value()
    }

    async fn reload(self) {
        let Some(store) = self.store() else { return };
        match store.load_people().await {
            Ok((people, orgs)) => {
                self.directory.set(Directory::new(people, orgs));
                self.phase.set(Phase::Ready);
            }
            Err(e) => self.phase.set(Phase::Failed(e.to_string())),
        }
    }

    fn run<T>(&self, command: impl FnOnce(&Directory, &mut Ctx<'_>) -> T) -> T {
        let mut random = platform::random_bytes;
        let mut ctx = Ctx {
            now: platform::now(),
            today: platform::today(),
            random: &mut random,
        };
        self.directory.with_untracked(|d| command(d, &mut ctx))
    }

    fn persist(self, mut batch: Batch) {
        if batch.is_empty() {
            return;
        }
        // Who the changed people were before, so a store that finds another
        // tab's newer version merges both changes.
        batch.bases = self.directory.with_untracked(|d| {
            batch
                .contacts
                .iter()
                .filter_map(|c| d.any_contact(&c.id).cloned())
                .collect()
        });
        self.directory.update(|d| d.apply(&batch));
        self.pending.update(|n| *n += 1);
        self.writes.update_value(|w| *w += 1);
        spawn_local(async move {
            let result = match self.store() {
                Some(store) => store.commit(&batch).await,
                None => Err(StoreError::Unavailable),
            };
            self.pending.update(|n| *n = n.saturating_sub(1));
            match result {
                Ok(()) => {
                    // Merged with another tab's change: show the merge.
                    if self.store().is_some_and(|s| s.take_rebased()) {
                        self.stale.set_value(true);
                    }
                    self.committed();
                    self.catch_up().await;
                }
                Err(e) => {
                    self.notice.set(Some(Notice {
                        text: format!("Couldn't save: {e}. Nothing was changed."),
                        undo: None,
                        is_error: true,
                    }));
                    self.reload().await;
                }
            }
        });
    }

    /// Runs a command that may be refused and stores its batch.
    fn apply(&self, command: impl FnOnce(&Directory, &mut Ctx<'_>) -> Outcome<Batch>) -> Outcome {
        let batch = self.run(command)?;
        self.persist(batch);
        Ok(())
    }

    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            is_error: false,
        }));
    }

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
        self.notice.set(Some(Notice {
            text,
            undo: Some(undo),
            is_error: false,
        }));
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

    pub fn add_organisation(&self, name: &str) -> Outcome<OrganisationId> {
        let (batch, id) = self.run(|d, ctx| d.add_organisation(name, ctx))?;
        self.persist(batch);
        Ok(id)
    }

    pub fn rename_organisation(&self, id: &OrganisationId, name: &str, notes: &str) -> Outcome {
        self.apply(|d, ctx| d.rename_organisation(id, name, notes, ctx))
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

    /// Marks a follow-up done.
    pub fn complete_task(&self, task: &Task) {
        let batch = self.run(|d, ctx| d.complete_task(task, ctx));
        self.persist(batch);
        self.say(format!("Done: {}.", task.text));
    }

    /// Open follow-ups due by `until`, or of one person.
    pub async fn open_tasks(
        &self,
        until: chrono::NaiveDate,
        of: Option<&ContactId>,
    ) -> Result<Vec<Task>, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        match of {
            Some(id) => store.tasks_for(id).await,
            None => store.open_tasks(until).await,
        }
        .map_err(|e| e.to_string())
    }

    /// Important dates whose reminder is on today, within `horizon` days.
    pub async fn date_reminders(
        &self,
        horizon: u32,
    ) -> Result<Vec<(ImportantDate, chrono::NaiveDate, i64)>, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let today = crate::platform::today();
        let dates = store
            .upcoming_dates(today, horizon)
            .await
            .map_err(|e| e.to_string())?;
        Ok(kith_core::dates::reminders(&dates, today, horizon.into()))
    }

    /// "Checked in" in one tap.
    pub fn checked_in(&self, id: &ContactId) -> Outcome {
        self.apply(|d, ctx| d.checked_in(id, ctx))
    }

    /// Changes the check-in settings and keeps them.
    pub fn update_check_in(&self, change: impl FnOnce(&mut CheckInSettings)) {
        self.check_in.update(change);
        platform::save_check_in_settings(&self.check_in.get_untracked());
    }

    pub fn set_priorities(&self, id: &ContactId, text: &str) -> Outcome {
        self.apply(|d, ctx| d.set_priorities(id, text, ctx))
    }

    /// Follow-ups at +7, +30 and +90 days for `people`.
    pub fn follow_up_series(&self, people: &[ContactId], text: &str) -> Outcome {
        self.apply(|d, ctx| d.follow_up_series(people, text, &[7, 30, 90], ctx))?;
        self.say("Scheduled follow-ups in 7, 30 and 90 days.");
        Ok(())
    }

    pub fn set_organisation_cadence(&self, id: &OrganisationId, cadence: Cadence) -> Outcome {
        self.apply(|d, ctx| d.set_organisation_cadence(id, cadence, ctx))
    }

    pub fn set_cadence(&self, id: &ContactId, cadence: Cadence) -> Outcome {
        self.apply(|d, ctx| d.set_cadence(id, cadence, ctx))
    }

    pub fn snooze(&self, id: &ContactId, days: u64) -> Outcome {
        self.apply(|d, ctx| d.snooze(id, days, ctx))
    }

    /// A page of a person's interactions, newest first.
    pub async fn timeline(
        &self,
        id: &ContactId,
        after: Option<TimelineCursor>,
        limit: usize,
    ) -> Result<(Vec<Interaction>, Option<TimelineCursor>), String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        store
            .timeline(id, after.as_ref(), limit)
            .await
            .map_err(|e| e.to_string())
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

    /// Merges `other` into `keep`: reads the other's whole history and dates
    /// from storage, then writes the merge in one transaction.
    pub async fn merge_contacts(
        &self,
        keep: &ContactId,
        other: &ContactId,
        choices: &MergeChoices,
    ) -> Result<(), String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        let mut interactions = Vec::new();
        let mut cursor = None;
        loop {
            let (page, next) = store
                .timeline(other, cursor.as_ref(), 500)
                .await
                .map_err(|e| e.to_string())?;
            interactions.extend(page);
            match next {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        let dates = store.dates_for(other).await.map_err(|e| e.to_string())?;
        let photo = store.photo(other).await.map_err(|e| e.to_string())?;
        let batch = self
            .run(|d, ctx| {
                let stored = OtherRecords {
                    interactions: &interactions,
                    dates: &dates,
                    photo: photo.as_ref(),
                };
                d.merge_contacts(keep, other, choices, stored, ctx)
            })
            .map_err(|e| e.to_string())?;
        self.persist(batch);
        self.say("Merged. Everything from both records is kept.");
        Ok(())
    }

    /// A person's live important dates from storage.
    pub async fn dates_for(&self, id: &ContactId) -> Result<Vec<ImportantDate>, String> {
        let store = self
            .store()
            .ok_or_else(|| StoreError::Unavailable.to_string())?;
        store.dates_for(id).await.map_err(|e| e.to_string())
    }
}
