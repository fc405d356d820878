//! App state and the commands the UI calls. A command asks the core for the
//! batch that records it, applies the batch to the in-memory directory (the
//! screen changes at once) and commits it to IndexedDB in one transaction.
//! Should the write fail, the directory is reloaded from storage, so the
//! screen never shows what is not stored, and the user is told in words.

use crate::platform;
use crate::storage::{IdbStore, DATABASE};
use kith_core::{
    Batch, ContactId, ContactInput, Ctx, Directory, Store, StoreError, ValidationError,
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
    pub undo: Option<ContactId>,
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
    store: StoredValue<Option<Rc<IdbStore>>, LocalStorage>,
}

pub fn use_kith() -> Kith {
    expect_context::<Kith>()
}

impl Kith {
    /// Creates the state and starts loading people from storage.
    pub fn start() -> Kith {
        let kith = Kith {
            directory: RwSignal::new(Directory::default()),
            phase: RwSignal::new(Phase::Loading),
            notice: RwSignal::new(None),
            pending: RwSignal::new(0),
            store: StoredValue::new_local(None),
        };
        spawn_local(async move {
            match IdbStore::open(DATABASE).await {
                Ok(store) => {
                    kith.store.set_value(Some(Rc::new(store)));
                    kith.reload().await;
                }
                Err(e) => kith.phase.set(Phase::Failed(e.to_string())),
            }
        });
        kith
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

    fn persist(self, batch: Batch) {
        self.directory.update(|d| d.apply(&batch));
        self.pending.update(|n| *n += 1);
        spawn_local(async move {
            let result = match self.store() {
                Some(store) => store.commit(&batch).await,
                None => Err(StoreError::Unavailable),
            };
            self.pending.update(|n| *n = n.saturating_sub(1));
            if let Err(e) = result {
                self.notice.set(Some(Notice {
                    text: format!("Couldn't save: {e}. Nothing was changed."),
                    undo: None,
                    is_error: true,
                }));
                self.reload().await;
            }
        });
    }

    fn say(&self, text: String, undo: Option<ContactId>) {
        self.notice.set(Some(Notice {
            text,
            undo,
            is_error: false,
        }));
    }

    /// Creates (`id` is `None`) or edits a person.
    pub fn save_contact(
        &self,
        id: Option<&ContactId>,
        input: &ContactInput,
    ) -> Result<ContactId, ValidationError> {
        let (batch, saved) = self.run(|d, ctx| d.save_contact(id, input, ctx))?;
        self.persist(batch);
        Ok(saved)
    }

    /// Moves a person to the trash and offers an undo.
    pub fn delete_contact(&self, id: &ContactId) {
        let Some(batch) = self.run(|d, ctx| d.delete_contact(id, ctx)) else {
            return;
        };
        let name = batch.contacts[0].name.clone();
        self.persist(batch);
        self.say(format!("Deleted {name}."), Some(id.clone()));
    }

    /// Undoes a delete.
    pub fn restore_contact(&self, id: &ContactId) {
        let Some(batch) = self.run(|d, ctx| d.restore_contact(id, ctx)) else {
            return;
        };
        let name = batch.contacts[0].name.clone();
        self.persist(batch);
        self.say(format!("Restored {name}."), None);
    }
}
