//! The note index ([`kith_core::fulltext::NoteIndex`]) of this tab: built
//! the first time something searches, in the background, a page of
//! interactions per task so no step holds the main thread for long, with
//! its progress in [`Kith::notes`]; kept up to date by every write this tab
//! makes; built again when everyone is read anew (a restore, another tab's
//! change, a failed write), if it had been built.
//!
//! Start-up never reads interactions for it: a visit that does not search
//! costs nothing.

use super::Kith;
use crate::platform;
use kith_core::fulltext::{Found, NoteIndex};
use kith_core::{Batch, Store};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Interactions read and indexed per step: a page of 500 took ~20 ms to
/// read into the core and index on the benchmark's machine.
const PAGE: usize = 500;

/// Where the note index is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Notes {
    /// Not built in this visit (nothing has searched yet).
    #[default]
    Unbuilt,
    /// Being built: `done` of `of` records read.
    Building {
        done: usize,
        of: usize,
    },
    Ready,
    /// It could not be read; the words say why.
    Failed(&'static str),
}

/// The index, and the build under way: its number (a newer build stops an
/// older one) and whether this tab wrote notes meanwhile (a page read
/// before the write landed may hold the older text, so the build runs
/// again at its end; writes during a build are rare and it takes seconds).
#[derive(Default)]
pub struct Index {
    index: NoteIndex,
    build: u32,
    meanwhile: bool,
}

impl Kith {
    /// Starts building the note index unless it is built or being built.
    pub fn index_notes(&self) {
        if matches!(self.notes.get_untracked(), Notes::Unbuilt) {
            self.build_notes();
        }
    }

    /// The newest `limit` records matching `query`, and how many match.
    pub fn find_in_notes(&self, query: &str, limit: usize) -> Found {
        self.note_index
            .try_update_value(|i| i.index.find(query, limit))
            .unwrap_or_default()
    }

    /// A write shown in this tab reaches the index too.
    pub(super) fn index_batch(&self, batch: &Batch) {
        if matches!(self.notes.get_untracked(), Notes::Unbuilt) {
            return;
        }
        if batch.interactions.is_empty() && batch.tasks.is_empty() {
            return;
        }
        let building = matches!(self.notes.get_untracked(), Notes::Building { .. });
        self.note_index.update_value(|i| {
            i.index.apply(batch);
            i.meanwhile |= building;
        });
    }

    /// Everyone was read anew: an index that was in use is built again.
    pub(super) fn notes_read_anew(&self) {
        if !matches!(self.notes.get_untracked(), Notes::Unbuilt) {
            self.build_notes();
        }
    }

    fn build_notes(&self) {
        let kith = *self;
        let Some(store) = kith.store() else { return };
        let build = kith.note_index.with_value(|i| i.build) + 1;
        kith.note_index.set_value(Index {
            build,
            ..Default::default()
        });
        kith.notes.set(Notes::Building { done: 0, of: 0 });
        let current = move || kith.note_index.with_value(|i| i.build) == build;
        spawn_local(async move {
            let fail = |_| {
                kith.notes
                    .set(Notes::Failed("Your notes could not be read for search."))
            };
            let of = match store.counts().await {
                Ok(c) => c.interactions + c.tasks,
                Err(e) => return fail(e),
            };
            let tasks = match store.all_tasks().await {
                Ok(tasks) => tasks,
                Err(e) => return fail(e),
            };
            if !current() {
                return;
            }
            kith.note_index
                .update_value(|i| tasks.iter().for_each(|t| i.index.add_task(t)));
            let mut done = tasks.len();
            let mut after = None;
            loop {
                kith.notes.set(Notes::Building { done, of });
                let page = match store.interactions_after(after.as_ref(), PAGE).await {
                    Ok(page) => page,
                    Err(e) => return fail(e),
                };
                if !current() {
                    return;
                }
                kith.note_index
                    .update_value(|i| page.iter().for_each(|r| i.index.add_interaction(r)));
                done += page.len();
                match page.last() {
                    Some(last) if page.len() == PAGE => after = Some(last.id.clone()),
                    _ => break,
                }
                platform::yield_now().await;
            }
            if kith.note_index.with_value(|i| i.meanwhile) {
                return kith.build_notes();
            }
            kith.notes.set(Notes::Ready);
        });
    }
}
