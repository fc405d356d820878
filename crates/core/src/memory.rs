//! An in-memory [`Store`] for host tests and for checking that the browser
//! store behaves the same. Ordering mirrors IndexedDB's: timelines by
//! [`crate::model::timeline_key`], day ranges by ISO date string.

use crate::dates::ImportantDate;
use crate::ids::{ContactId, DateId, InteractionId, OrganisationId, TaskId};
use crate::model::{Batch, Contact, Interaction, Organisation, Photo, Task};
use crate::store::{Counts, Store, StoreError, TimelineCursor};
use crate::undo::Before;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

#[derive(Default)]
struct Tables {
    contacts: HashMap<ContactId, Contact>,
    organisations: HashMap<OrganisationId, Organisation>,
    interactions: HashMap<InteractionId, Interaction>,
    dates: HashMap<DateId, ImportantDate>,
    photos: HashMap<ContactId, Photo>,
    tasks: HashMap<TaskId, Task>,
    /// timeline key -> interaction, as the IndexedDB multi-entry index.
    timeline: BTreeMap<String, InteractionId>,
}

/// Keeps everything in maps; [`MemoryStore::fail_next_commit`] lets tests
/// see how callers handle a failed write.
#[derive(Default)]
pub struct MemoryStore {
    tables: RefCell<Tables>,
    fail_next: RefCell<Option<StoreError>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn fail_next_commit(&self, error: StoreError) {
        *self.fail_next.borrow_mut() = Some(error);
    }
}

impl Store for MemoryStore {
    async fn load_people(&self) -> Result<(Vec<Contact>, Vec<Organisation>), StoreError> {
        let t = self.tables.borrow();
        Ok((
            t.contacts.values().cloned().collect(),
            t.organisations.values().cloned().collect(),
        ))
    }

    async fn contact(&self, id: &ContactId) -> Result<Option<Contact>, StoreError> {
        Ok(self.tables.borrow().contacts.get(id).cloned())
    }

    async fn contacts_in_organisation(
        &self,
        org: &OrganisationId,
    ) -> Result<Vec<Contact>, StoreError> {
        let t = self.tables.borrow();
        Ok(t.contacts
            .values()
            .filter(|c| c.is_live() && c.organisation_id.as_ref() == Some(org))
            .cloned()
            .collect())
    }

    async fn commit(&self, batch: &Batch) -> Result<(), StoreError> {
        if let Some(e) = self.fail_next.borrow_mut().take() {
            return Err(e);
        }
        let mut t = self.tables.borrow_mut();
        for c in &batch.contacts {
            let stored = t.contacts.get(&c.id);
            let base = batch.bases.iter().find(|b| b.id == c.id);
            let record = match (base, stored) {
                (Some(base), Some(stored)) if stored.updated != base.updated => {
                    crate::rebase::rebase_contact(base, c, stored)
                }
                _ => c.clone(),
            };
            t.contacts.insert(c.id.clone(), record);
        }
        for o in &batch.organisations {
            t.organisations.insert(o.id.clone(), o.clone());
        }
        for i in &batch.interactions {
            if let Some(old) = t.interactions.insert(i.id.clone(), i.clone()) {
                for k in old.timeline_keys() {
                    t.timeline.remove(&k);
                }
            }
            for k in i.timeline_keys() {
                t.timeline.insert(k, i.id.clone());
            }
        }
        for d in &batch.dates {
            t.dates.insert(d.id.clone(), d.clone());
        }
        for task in &batch.tasks {
            t.tasks.insert(task.id.clone(), task.clone());
        }
        for p in &batch.photos {
            t.photos.insert(p.contact_id.clone(), p.clone());
        }
        for id in &batch.photos_removed {
            t.photos.remove(id);
        }
        Ok(())
    }

    async fn commit_undoable(&self, batch: &Batch) -> Result<Before, StoreError> {
        let before = {
            let t = self.tables.borrow();
            fn found<K: Eq + std::hash::Hash, V: Clone>(
                table: &HashMap<K, V>,
                keys: impl Iterator<Item = K>,
            ) -> Vec<V> {
                keys.filter_map(|k| table.get(&k).cloned()).collect()
            }
            Before {
                contacts: found(&t.contacts, batch.contacts.iter().map(|c| c.id.clone())),
                organisations: found(
                    &t.organisations,
                    batch.organisations.iter().map(|o| o.id.clone()),
                ),
                interactions: found(
                    &t.interactions,
                    batch.interactions.iter().map(|i| i.id.clone()),
                ),
                dates: found(&t.dates, batch.dates.iter().map(|d| d.id.clone())),
                tasks: found(&t.tasks, batch.tasks.iter().map(|t| t.id.clone())),
                photos: found(
                    &t.photos,
                    batch
                        .photos
                        .iter()
                        .map(|p| p.contact_id.clone())
                        .chain(batch.photos_removed.iter().cloned()),
                ),
            }
        };
        self.commit(batch).await?;
        Ok(before)
    }

    async fn timeline(
        &self,
        contact: &ContactId,
        after: Option<&TimelineCursor>,
        limit: usize,
    ) -> Result<(Vec<Interaction>, Option<TimelineCursor>), StoreError> {
        let t = self.tables.borrow();
        let lower = format!("{contact}|");
        let upper = after.map_or_else(|| format!("{contact}}}"), |c| c.0.clone());
        let mut page = Vec::new();
        let mut last = None;
        for (key, id) in t.timeline.range(lower..upper).rev() {
            if page.len() == limit {
                break;
            }
            last = Some(key.clone());
            if let Some(i) = t.interactions.get(id).filter(|i| i.deleted.is_none()) {
                page.push(i.clone());
            }
        }
        let more = page.len() == limit;
        Ok((page, last.filter(|_| more).map(TimelineCursor)))
    }

    async fn interactions_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        limit: usize,
    ) -> Result<Vec<Interaction>, StoreError> {
        let t = self.tables.borrow();
        let mut found: Vec<_> = t
            .interactions
            .values()
            .filter(|i| i.deleted.is_none() && i.date >= from && i.date <= to)
            .cloned()
            .collect();
        crate::sort::sort_by(&mut found, |a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        found.truncate(limit);
        Ok(found)
    }

    async fn interactions_after(
        &self,
        after: Option<&InteractionId>,
        limit: usize,
    ) -> Result<Vec<Interaction>, StoreError> {
        let t = self.tables.borrow();
        let mut page: Vec<_> = t
            .interactions
            .values()
            .filter(|i| after.is_none_or(|a| &i.id > a))
            .cloned()
            .collect();
        crate::sort::sort_by(&mut page, |a, b| a.id.cmp(&b.id));
        page.truncate(limit);
        Ok(page)
    }

    async fn all_tasks(&self) -> Result<Vec<Task>, StoreError> {
        Ok(self.tables.borrow().tasks.values().cloned().collect())
    }

    async fn found(
        &self,
        sources: &[crate::fulltext::Source],
    ) -> Result<(Vec<Interaction>, Vec<Task>), StoreError> {
        use crate::fulltext::Source;
        let t = self.tables.borrow();
        let (mut interactions, mut tasks) = (Vec::new(), Vec::new());
        for source in sources {
            match source {
                Source::Interaction(id) => interactions.extend(t.interactions.get(id).cloned()),
                Source::Task(id) => tasks.extend(t.tasks.get(id).cloned()),
            }
        }
        Ok((interactions, tasks))
    }

    async fn photo(&self, contact: &ContactId) -> Result<Option<Photo>, StoreError> {
        Ok(self.tables.borrow().photos.get(contact).cloned())
    }

    async fn upcoming_dates(
        &self,
        from: NaiveDate,
        days: u32,
    ) -> Result<Vec<ImportantDate>, StoreError> {
        let ranges = crate::store::month_day_ranges(from, days);
        let t = self.tables.borrow();
        let mut found: Vec<_> = t
            .dates
            .values()
            .filter(|d| d.deleted.is_none())
            .filter(|d| {
                ranges
                    .iter()
                    .any(|(lo, hi)| (d.month, d.day) >= *lo && (d.month, d.day) <= *hi)
            })
            .cloned()
            .collect();
        crate::sort::sort_by(&mut found, |a, b| {
            (a.month, a.day, &a.id).cmp(&(b.month, b.day, &b.id))
        });
        Ok(found)
    }

    async fn open_tasks(&self, until: NaiveDate) -> Result<Vec<Task>, StoreError> {
        let t = self.tables.borrow();
        let mut found: Vec<_> = t
            .tasks
            .values()
            .filter(|k| k.is_open() && k.due <= until)
            .cloned()
            .collect();
        crate::sort::sort_by(&mut found, |a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        Ok(found)
    }

    async fn tasks_for(&self, contact: &ContactId) -> Result<Vec<Task>, StoreError> {
        let t = self.tables.borrow();
        let mut found: Vec<_> = t
            .tasks
            .values()
            .filter(|k| k.is_open() && k.contact_ids.contains(contact))
            .cloned()
            .collect();
        crate::sort::sort_by(&mut found, |a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        Ok(found)
    }

    async fn dates_for(&self, contact: &ContactId) -> Result<Vec<ImportantDate>, StoreError> {
        let t = self.tables.borrow();
        Ok(t.dates
            .values()
            .filter(|d| d.deleted.is_none() && &d.contact_id == contact)
            .cloned()
            .collect())
    }

    async fn export(&self, app_version: &str) -> Result<crate::backup::Backup, StoreError> {
        let t = self.tables.borrow();
        Ok(crate::backup::Backup::new(
            app_version,
            t.contacts.values().cloned().collect(),
            t.organisations.values().cloned().collect(),
            t.interactions.values().cloned().collect(),
            t.dates.values().cloned().collect(),
            t.tasks.values().cloned().collect(),
        )
        .with_photos(&t.photos.values().cloned().collect::<Vec<_>>()))
    }

    async fn replace_all(&self, backup: &crate::backup::Backup) -> Result<(), StoreError> {
        if let Some(e) = self.fail_next.borrow_mut().take() {
            return Err(e);
        }
        *self.tables.borrow_mut() = Tables::default();
        let batch = backup.to_batch();
        self.commit(&batch).await
    }

    async fn counts(&self) -> Result<Counts, StoreError> {
        let t = self.tables.borrow();
        Ok(Counts {
            contacts: t.contacts.len(),
            organisations: t.organisations.len(),
            interactions: t.interactions.len(),
            dates: t.dates.len(),
            tasks: t.tasks.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    //! The in-memory store keeps the storage contract.
    use super::MemoryStore;
    use crate::contract;
    use pollster::block_on;

    #[test]
    fn crud() {
        block_on(contract::crud(&MemoryStore::new()));
    }

    #[test]
    fn organisation_members() {
        block_on(contract::organisation_members(&MemoryStore::new()));
    }

    #[test]
    fn timeline_paging() {
        block_on(contract::timeline_paging(&MemoryStore::new()));
    }

    #[test]
    fn day_range() {
        block_on(contract::day_range(&MemoryStore::new()));
    }

    #[test]
    fn upcoming_dates() {
        block_on(contract::upcoming_dates(&MemoryStore::new()));
    }

    #[test]
    fn tasks() {
        block_on(contract::tasks(&MemoryStore::new()));
    }

    #[test]
    fn export_and_replace() {
        block_on(contract::export_and_replace(&MemoryStore::new()));
    }

    #[test]
    fn concurrent_writers() {
        block_on(contract::concurrent_writers(&MemoryStore::new()));
    }

    #[test]
    fn undo() {
        block_on(contract::undo(&MemoryStore::new()));
    }

    #[test]
    fn photos() {
        block_on(contract::photos(&MemoryStore::new()));
    }

    #[test]
    fn notes_for_search() {
        block_on(contract::notes_for_search(&MemoryStore::new()));
    }

    #[test]
    fn dates_per_person() {
        block_on(contract::dates_per_person(&MemoryStore::new()));
    }
}
