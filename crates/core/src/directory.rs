//! The in-memory directory of people and organisations that the UI reads.
//! It mirrors what is stored (people and organisations only, never the
//! interaction history) and keeps a normalised search key and a sort key per
//! person, so filtering 10,000 people is one pass over short strings.

use crate::ids::{ContactId, OrganisationId};
use crate::model::{Batch, Contact, Organisation};
use crate::search::{matches, normalise};
use std::cmp::Ordering;
use std::collections::HashMap;

/// How the list of people is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    Name,
    /// Most recently in touch first; never-contacted people last.
    LastContact,
    /// Soonest check-in first; people without a timer last.
    NextCheckIn,
}

struct Keys {
    search: String,
    name: String,
}

#[derive(Default)]
pub struct Directory {
    contacts: HashMap<ContactId, Contact>,
    organisations: HashMap<OrganisationId, Organisation>,
    keys: HashMap<ContactId, Keys>,
}

impl Directory {
    pub fn new(contacts: Vec<Contact>, organisations: Vec<Organisation>) -> Self {
        let mut dir = Directory::default();
        dir.apply(&Batch {
            contacts,
            organisations,
            ..Batch::default()
        });
        dir
    }

    /// Brings the directory up to date with a batch that was (or is about
    /// to be) committed.
    pub fn apply(&mut self, batch: &Batch) {
        let mut renamed = Vec::new();
        for o in &batch.organisations {
            let old = self.organisations.insert(o.id.clone(), o.clone());
            if old.is_some_and(|old| old.name != o.name) {
                renamed.push(o.id.clone());
            }
        }
        for c in &batch.contacts {
            self.contacts.insert(c.id.clone(), c.clone());
            self.rekey(&c.id);
        }
        if !renamed.is_empty() {
            let affected: Vec<ContactId> = self
                .contacts
                .values()
                .filter(|c| {
                    c.organisation_id
                        .as_ref()
                        .is_some_and(|o| renamed.contains(o))
                })
                .map(|c| c.id.clone())
                .collect();
            for id in affected {
                self.rekey(&id);
            }
        }
    }

    fn rekey(&mut self, id: &ContactId) {
        let Some(c) = self.contacts.get(id) else {
            return;
        };
        let mut hay = c.name.clone();
        if let Some(org) = self.organisation_of(c) {
            hay.push(' ');
            hay.push_str(&org.name);
        }
        for v in c.emails.iter().chain(&c.phones) {
            hay.push(' ');
            hay.push_str(&v.value);
        }
        let keys = Keys {
            search: normalise(&hay),
            name: normalise(&c.name),
        };
        self.keys.insert(id.clone(), keys);
    }

    /// A live person by id.
    pub fn contact(&self, id: &ContactId) -> Option<&Contact> {
        self.contacts.get(id).filter(|c| c.is_live())
    }

    /// A person by id, deleted or not.
    pub fn any_contact(&self, id: &ContactId) -> Option<&Contact> {
        self.contacts.get(id)
    }

    pub fn organisation(&self, id: &OrganisationId) -> Option<&Organisation> {
        self.organisations.get(id).filter(|o| o.deleted.is_none())
    }

    pub fn organisation_of(&self, c: &Contact) -> Option<&Organisation> {
        self.organisation(c.organisation_id.as_ref()?)
    }

    /// The live organisation whose name matches `name` ignoring case and
    /// accents.
    pub fn organisation_named(&self, name: &str) -> Option<&Organisation> {
        let wanted = normalise(name);
        self.organisations
            .values()
            .filter(|o| o.deleted.is_none())
            .find(|o| normalise(&o.name) == wanted)
    }

    /// Live organisations by name.
    pub fn organisations(&self) -> Vec<&Organisation> {
        let mut orgs: Vec<_> = self
            .organisations
            .values()
            .filter(|o| o.deleted.is_none())
            .collect();
        orgs.sort_by_cached_key(|o| normalise(&o.name));
        orgs
    }

    pub fn live_count(&self) -> usize {
        self.contacts.values().filter(|c| c.is_live()).count()
    }

    /// Live people matching every word of `query` (name, organisation,
    /// emails, phones), in `order`. Ties fall back to name, then id, so the
    /// order is stable.
    pub fn query(&self, query: &str, order: SortOrder) -> Vec<ContactId> {
        let q = normalise(query);
        let mut hits: Vec<(&Contact, &Keys)> = self
            .contacts
            .values()
            .filter(|c| c.is_live())
            .filter_map(|c| Some((c, self.keys.get(&c.id)?)))
            .filter(|(_, k)| matches(&k.search, &q))
            .collect();
        let by_name = |a: &(&Contact, &Keys), b: &(&Contact, &Keys)| {
            a.1.name.cmp(&b.1.name).then_with(|| a.0.id.cmp(&b.0.id))
        };
        hits.sort_by(|a, b| {
            let primary = match order {
                SortOrder::Name => Ordering::Equal,
                SortOrder::LastContact => later_first(a.0.last_interaction, b.0.last_interaction),
                SortOrder::NextCheckIn => sooner_first(a.0.next_check_in(), b.0.next_check_in()),
            };
            primary.then_with(|| by_name(a, b))
        });
        hits.into_iter().map(|(c, _)| c.id.clone()).collect()
    }
}

fn later_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn sooner_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
