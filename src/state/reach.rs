//! Who to reach out to (Today's sections, the app badge), kept once for
//! every screen. Counting everyone runs the check-in rule over the whole
//! directory, so it happens only when everything changes at once: the
//! directory read again, the check-in settings changed, a new day. A write
//! refreshes only the people it touched ([`ReachOut::refresh`]), so
//! "Checked in" on Today costs a pass over the lists, not the rule over
//! 10,000 people.

use super::Kith;
use crate::platform;
use kith_core::{Batch, ContactId, Directory};
use leptos::prelude::*;

/// "Coming up this week" reaches this many days ahead.
pub const WEEK: u64 = 7;

/// A write touching more people than this is counted over everyone (an
/// import): refreshing is a pass over the lists per person.
const REFRESH_AT_MOST: usize = 64;

impl Kith {
    /// Everything was read again (start-up, another tab, a failed write).
    pub(super) fn set_directory(&self, directory: Directory) {
        self.directory.set(directory);
        self.recount();
        self.notes_read_anew();
    }

    /// Shows a stored (or about to be stored) batch in the directory and in
    /// Today's lists.
    pub(super) fn show_batch(&self, batch: &Batch) {
        let today = platform::today();
        let everyone = !batch.organisations.is_empty()
            || batch.contacts.len() > REFRESH_AT_MOST
            || self.reach.with_untracked(|r| r.today != today);
        // A check-in shared by a household moves its other members too:
        // those of the households the batch's people were in and are in.
        let mates = |ids: &[ContactId]| {
            self.directory
                .with_untracked(|d| d.with_household_mates(ids))
        };
        let ids: Vec<ContactId> = batch.contacts.iter().map(|c| c.id.clone()).collect();
        let ids = if everyone { ids } else { mates(&ids) };
        self.directory.update(|d| d.apply(batch));
        self.index_batch(batch);
        if everyone {
            // An organisation's default timer reaches all its people.
            self.recount();
            return;
        }
        let ids = mates(&ids);
        if ids.is_empty() {
            return;
        }
        let settings = self.check_in.get_untracked();
        self.reach.update(|r| {
            self.directory
                .with_untracked(|d| r.lists.refresh(d, &ids, today, &settings))
        });
    }

    /// Runs the check-in rule over everyone.
    pub(super) fn recount(&self) {
        let today = platform::today();
        let settings = self.check_in.get_untracked();
        let lists = self
            .directory
            .with_untracked(|d| d.reach_out(today, WEEK, &settings));
        self.reach.set(Reach { today, lists });
    }
}

/// Today's lists and the day they were counted on.
#[derive(Default)]
pub struct Reach {
    pub today: chrono::NaiveDate,
    pub lists: kith_core::checkin::ReachOut,
}
