//! How a command's batch reaches storage. The batch is applied to the
//! in-memory directory first (the screen changes at once), then committed
//! to IndexedDB in one transaction. Should the write fail, the directory is
//! read again from storage, so the screen never shows what is not stored,
//! and the user is told in words. After a committed write the other tabs
//! hear of it, and the first time there is something to keep, the browser
//! is asked to keep it.

use super::notices::Undo;
use super::tabs::Message;
use super::{Error, Kith, Outcome, Phase};
use crate::platform;
use kith_core::{Batch, Ctx, Directory, Store, StoreError};
use leptos::prelude::*;
use leptos::task::spawn_local;

impl Kith {
    /// Runs a command against the directory as it is, with the clock and
    /// ids of the browser.
    pub(super) fn run<T>(&self, command: impl FnOnce(&Directory, &mut Ctx<'_>) -> T) -> T {
        let mut random = platform::random_bytes;
        let mut ctx = Ctx {
            now: platform::now(),
            today: platform::today(),
            random: &mut random,
        };
        self.directory.with_untracked(|d| command(d, &mut ctx))
    }

    /// Runs a command that may be refused and stores its batch.
    pub(super) fn apply(
        &self,
        command: impl FnOnce(&Directory, &mut Ctx<'_>) -> Outcome<Batch>,
    ) -> Outcome {
        let batch = self.run(command)?;
        self.persist(batch);
        Ok(())
    }

    /// Shows `batch` at once and stores it in the background.
    pub(super) fn persist(self, batch: Batch) {
        self.store_batch(batch, None, None);
    }

    /// Like [`Kith::persist`], and once stored, says `text` with an Undo
    /// that puts back every record as it was.
    pub(super) fn persist_undoable(self, batch: Batch, text: impl Into<String>) {
        self.store_batch(batch, Some((text.into(), "Undone.".into())), None);
    }

    /// Like [`Kith::persist_undoable`], saying `undone` once taken back.
    pub(super) fn persist_undoable_saying(self, batch: Batch, text: String, undone: String) {
        self.store_batch(batch, Some((text, undone)), None);
    }

    /// Like [`Kith::persist`] (with `undo_text`, [`Kith::persist_undoable`]),
    /// then calls `then(stored)` once the write has ended: a form that
    /// waits for it keeps what was typed when the write fails.
    pub(super) fn persist_then(
        self,
        batch: Batch,
        undo_text: Option<String>,
        then: Box<dyn FnOnce(bool)>,
    ) {
        let undo_text = undo_text.map(|text| (text, "Undone.".to_owned()));
        self.store_batch(batch, undo_text, Some(then));
    }

    fn store_batch(
        self,
        mut batch: Batch,
        undo_text: Option<(String, String)>,
        then: Option<Box<dyn FnOnce(bool)>>,
    ) {
        if batch.is_empty() {
            if let Some(then) = then {
                then(true);
            }
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
        self.show_batch(&batch);
        self.write_started();
        spawn_local(async move {
            let result = match (self.store(), &undo_text) {
                (None, _) => Err(StoreError::Unavailable),
                (Some(store), None) => store.commit(&batch).await.map(|()| None),
                (Some(store), Some(_)) => store.commit_undoable(&batch).await.map(Some),
            };
            self.write_ended();
            let stored = result.is_ok();
            match result {
                Ok(before) => {
                    // Merged with another tab's change: show the merge.
                    if self.store().is_some_and(|s| s.take_rebased()) {
                        self.sync.update_value(|s| s.heard());
                    }
                    self.committed();
                    if let (Some((text, undone)), Some(before)) = (undo_text, before) {
                        self.offer_undo(
                            text,
                            Undo::Write {
                                done: batch,
                                before,
                                undone,
                            },
                        );
                    }
                }
                Err(e) => {
                    self.warn(Error::NotSaved(e));
                    self.reload().await;
                }
            }
            if let Some(then) = then {
                then(stored);
            }
        });
    }

    /// Takes back a write (every record it changed as it was, every record
    /// it made tombstoned), or a replace (what was here, written back).
    pub fn undo(&self, undo: &Undo) {
        match undo {
            Undo::Write {
                done,
                before,
                undone,
            } => {
                self.persist(done.undo(before, platform::now()));
                self.say(undone.clone());
            }
            Undo::Replace(earlier) => {
                let (kith, earlier) = (*self, earlier.clone());
                kith.say("Putting back what was here…");
                spawn_local(async move {
                    match kith.import_backup(&earlier, true, &|_, _, _| {}).await {
                        Ok(()) => kith.say("Undone: everything is as it was before the import."),
                        Err(e) => kith.warn(e),
                    }
                });
            }
        }
    }

    /// One of this tab's writes begins: the shell says "Saving…", and
    /// other tabs' changes wait for it.
    pub(super) fn write_started(&self) {
        self.sync.update_value(|s| s.write_started());
        self.pending.update(|n| *n += 1);
    }

    /// One of this tab's writes ended, stored or not.
    pub(super) fn write_ended(&self) {
        self.sync.update_value(|s| s.write_ended());
        self.pending.update(|n| *n = n.saturating_sub(1));
    }

    /// After a committed write: views that read storage read again, the
    /// other tabs hear of it, a change they made meanwhile is read, and
    /// the first time there is something to keep, the browser is asked to
    /// keep it.
    pub(super) fn committed(&self) {
        self.revision.update(|r| *r += 1);
        self.announce(&Message::Changed);
        spawn_local(self.catch_up());
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

    /// Reads everyone from storage again, then the labels of their dates
    /// (for search); start-up, and the way back after a failed write. The
    /// people are shown as soon as they are read: the labels follow a
    /// moment later, so the first rows do not wait for every date.
    pub(super) async fn reload(self) {
        /// People (or date labels) taken in per step: 1,000 people took
        /// ~50–100 ms to key for search on the benchmark's machine.
        const PAGE: usize = 250;
        let Some(store) = self.store() else { return };
        let (people, orgs) = match store.load_people().await {
            Ok(read) => read,
            Err(e) => return self.phase.set(Phase::Failed(e.into())),
        };
        // Built a page at a time, yielding between pages, so no step of
        // start-up holds the main thread for long.
        let mut directory = Directory::load(Vec::new(), orgs, Vec::new());
        let mut people = people.into_iter();
        loop {
            let page: Vec<_> = people.by_ref().take(PAGE).collect();
            if page.is_empty() {
                break;
            }
            directory.extend(page);
            platform::yield_now().await;
        }
        self.set_directory(directory);
        // Today's lists are counted; the first screen is drawn in a task
        // of its own.
        platform::yield_now().await;
        // Only once: setting it again would draw every screen anew, and a
        // form would lose what was typed (after a failed save).
        if self.phase.get_untracked() != Phase::Ready {
            self.phase.set(Phase::Ready);
        }
        let mut dates = match self.all_dates(&store).await {
            Ok(dates) => dates.into_iter(),
            Err(e) => return self.warn(e),
        };
        loop {
            let page: Vec<_> = dates.by_ref().take(PAGE).collect();
            if page.is_empty() {
                break;
            }
            platform::yield_now().await;
            let labels = |d: &mut Directory| {
                d.apply(&kith_core::Batch {
                    dates: page,
                    ..Default::default()
                })
            };
            // Screens hear once, after the last page.
            if dates.as_slice().is_empty() {
                self.directory.update(labels);
            } else {
                self.directory.update_untracked(labels);
            }
        }
    }
}
