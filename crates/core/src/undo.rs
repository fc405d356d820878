//! Undo: every change can be taken back. A write is a [`Batch`] of whole
//! records; what it replaced is a [`Before`] — the stored versions of the
//! same records, read in the write's own transaction
//! ([`crate::Store::commit_undoable`]). [`Batch::undo`] turns the two into
//! the batch that puts things back.
//!
//! Invariants:
//! - A record the batch changed gets its earlier version back; a record the
//!   batch created is tombstoned (never removed, so backups and other tabs
//!   converge on the undo).
//! - Every record of an undo is stamped `now`: the undo is the newest
//!   version, so a merge with another tab or backup keeps it.
//! - Photos are stored apart and have no `updated`; the earlier photo is
//!   written back, or the new one removed.

use crate::dates::ImportantDate;
use crate::ids::ContactId;
use crate::model::{Batch, Contact, Interaction, Organisation, Photo, Task};
use crate::time::Timestamp;

/// The stored versions of the records a batch replaced (those that existed
/// before it), and the earlier photo of each person whose photo it changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Before {
    pub contacts: Vec<Contact>,
    pub organisations: Vec<Organisation>,
    pub interactions: Vec<Interaction>,
    pub dates: Vec<ImportantDate>,
    pub tasks: Vec<Task>,
    pub photos: Vec<Photo>,
}

/// What undo needs of a record: its key, and its two stamps.
trait Versioned: Clone {
    fn key(&self) -> &str;
    fn stamp(&mut self, now: Timestamp, deleted: bool);
}

macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl Versioned for $t {
            fn key(&self) -> &str {
                self.id.as_str()
            }
            fn stamp(&mut self, now: Timestamp, deleted: bool) {
                self.updated = now;
                if deleted {
                    self.deleted = Some(now);
                }
            }
        }
    )*};
}
versioned!(Contact, Organisation, Interaction, ImportantDate, Task);

/// Each record of `done`, as `before` had it, or tombstoned when it is new.
fn taken_back<T: Versioned>(done: &[T], before: &[T], now: Timestamp) -> Vec<T> {
    done.iter()
        .map(
            |record| match before.iter().find(|b| b.key() == record.key()) {
                Some(earlier) => {
                    let mut earlier = earlier.clone();
                    earlier.stamp(now, false);
                    earlier
                }
                None => {
                    let mut created = record.clone();
                    created.stamp(now, true);
                    created
                }
            },
        )
        .collect()
}

impl Batch {
    /// The batch that takes this one back, given what it replaced.
    pub fn undo(&self, before: &Before, now: Timestamp) -> Batch {
        let mut photo_owners: Vec<&ContactId> = self
            .photos
            .iter()
            .map(|p| &p.contact_id)
            .chain(&self.photos_removed)
            .collect();
        photo_owners.dedup();
        let mut photos = Vec::new();
        let mut photos_removed = Vec::new();
        for owner in photo_owners {
            match before.photos.iter().find(|p| &p.contact_id == owner) {
                Some(earlier) => photos.push(earlier.clone()),
                None => photos_removed.push(owner.clone()),
            }
        }
        Batch {
            contacts: taken_back(&self.contacts, &before.contacts, now),
            organisations: taken_back(&self.organisations, &before.organisations, now),
            interactions: taken_back(&self.interactions, &before.interactions, now),
            dates: taken_back(&self.dates, &before.dates, now),
            tasks: taken_back(&self.tasks, &before.tasks, now),
            photos,
            photos_removed,
            bases: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
