//! App state: one [`Kith`] value, provided once as context and reached
//! with [`use_kith`]. It holds what the screens show (the directory, the
//! check-in settings, start-up's phase, the notice) and the handles behind
//! it (the store, the other tabs). What it does is split by job:

/// The commands the UI calls (save a person, log an interaction, …).
mod commands;
/// Correcting the log: an interaction edited or deleted.
mod corrections;
/// The one error type of the state layer, in the words users read.
mod error;
/// Follow-ups on their own: add, edit, delete, list every open one.
mod followups;
/// Reads from storage held in signals, again after each write.
mod loader;
/// Finding anything in notes: the word index, built when first needed.
mod notes;
/// The short message at the bottom of the screen, and undo.
mod notices;
/// Merging and deleting organisations.
mod organisations;
/// Who to reach out to, counted once and refreshed from each write.
mod reach;
/// Reads straight from storage: timelines, follow-ups, important dates.
mod reads;
/// Check-in settings, and their refresh when another tab changes them.
mod settings;
/// Keeping open tabs in step over a BroadcastChannel.
pub mod tabs;
/// Backups, and contacts from and for other apps.
mod transfer;
/// How a command's batch reaches storage, and what follows a write.
mod writes;

pub use error::Error;
pub use loader::{load, Loaded};
pub use notes::Notes;
pub use notices::{Notice, Undo};
pub use reach::{Reach, WEEK};

use crate::platform;
use crate::storage::{IdbStore, DATABASE};
use kith_core::backup::Backup;
use kith_core::keeping::NOTICE;
use kith_core::{CheckInSettings, Directory, ValidationError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::sync::Arc;
use tabs::{CatchUp, Channel};

/// Where start-up is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    /// The storage upgrade waits for another tab, on an older Kith, to let
    /// go of the database (it goes on by itself once that tab closes).
    Waiting,
    Ready,
    Failed(Error),
}

/// The app's state, provided once as context.
#[derive(Clone, Copy)]
pub struct Kith {
    pub directory: RwSignal<Directory>,
    /// Today's sections and the badge: who is overdue, due, coming up.
    pub reach: RwSignal<Reach>,
    pub phase: RwSignal<Phase>,
    pub notice: RwSignal<Option<Notice>>,
    /// Writes under way; the shell shows "Saving…" while any are.
    pub pending: RwSignal<u64>,
    /// Counts committed writes; views that read from storage directly (a
    /// person's dates, counts) track it to reload.
    pub revision: RwSignal<u64>,
    /// Check-in thresholds and tag defaults, from settings.
    pub check_in: RwSignal<CheckInSettings>,
    /// Whether the browser has promised to keep the data (`None`: unknown).
    pub persisted: RwSignal<Option<bool>>,
    /// What was here before the last "Replace everything" in this session,
    /// to download or put back.
    pub safety_copy: RwSignal<Option<Arc<Backup>>>,
    /// Where the note index is (search reads it as it is built).
    pub notes: RwSignal<Notes>,
    note_index: StoredValue<notes::Index, LocalStorage>,
    store: StoredValue<Option<Rc<IdbStore>>, LocalStorage>,
    /// This tab's end of the channel to the other open tabs.
    tabs: StoredValue<Option<Channel>, LocalStorage>,
    /// When another tab's change may be read (see [`tabs::CatchUp`]).
    sync: StoredValue<CatchUp>,
}

pub fn use_kith() -> Kith {
    expect_context::<Kith>()
}

/// What a command that may be refused returns to the UI.
pub type Outcome<T = ()> = Result<T, ValidationError>;

impl Kith {
    /// Creates the state, joins the other tabs and starts loading people
    /// from storage.
    pub fn start() -> Kith {
        let kith = Kith {
            directory: RwSignal::new(Directory::default()),
            reach: RwSignal::new(Reach::default()),
            phase: RwSignal::new(Phase::Loading),
            notice: RwSignal::new(None),
            pending: RwSignal::new(0),
            revision: RwSignal::new(0),
            check_in: RwSignal::new(platform::load_check_in_settings()),
            persisted: RwSignal::new(None),
            safety_copy: RwSignal::new(None),
            notes: RwSignal::new(Notes::Unbuilt),
            note_index: StoredValue::new_local(Default::default()),
            store: StoredValue::new_local(None),
            tabs: StoredValue::new_local(None),
            sync: StoredValue::new(CatchUp::default()),
        };
        kith.join_tabs();
        // New thresholds or tag timers move people between Today's lists.
        crate::reactive::effect(move |_| {
            kith.check_in.track();
            kith.recount();
        });
        spawn_local(async move {
            let waiting = move || kith.phase.set(Phase::Waiting);
            match IdbStore::open_or_wait(DATABASE, waiting).await {
                Ok(store) => {
                    kith.store.set_value(Some(Rc::new(store)));
                    kith.reload().await;
                    // No localStorage (a private window): which preferences
                    // go with the tab, said once a visit (and in Settings).
                    // Safari, not on the home screen: how to keep the data,
                    // said once (Settings keeps saying it).
                    if !platform::preferences_kept() {
                        kith.say(platform::PREFERENCES_NOT_KEPT);
                    } else if platform::keeping().worth_a_notice() && !platform::keep_notice_seen()
                    {
                        platform::set_keep_notice_seen();
                        kith.say(NOTICE);
                    }
                    // People deleted more than 30 days ago leave the trash.
                    let purge = kith.run(|d, ctx| d.purge_trash(false, ctx));
                    kith.persist(purge);
                }
                Err(e) => kith.phase.set(Phase::Failed(e.into())),
            }
        });
        kith
    }

    /// The open store, once start-up has opened it.
    pub fn store(&self) -> Option<Rc<IdbStore>> {
        self.store.get_value()
    }
}
