//! The in-memory directory of people and organisations that the UI reads.
//! It mirrors what is stored (people and organisations only, never the
//! interaction history) and keeps a normalised search key and a sort key per
//! person, so filtering 10,000 people is one pass over short strings.
//!
//! The search key also holds the labels of each person's important dates
//! ("Birthday", "Graduation"), although dates are stored apart. The
//! directory mirrors only those labels, by date id, fed by the same two
//! paths as people: [`Directory::load`] when everything is read (at
//! start-up, after an import, when another tab wrote) and
//! [`Directory::apply`] with every batch. They are derived, never stored on
//! the person: a backup, a backup merge or an import writes dates as it
//! always did and the labels follow from what was written, so no copy can
//! fall out of step (a field on the person would have to be mended by every
//! command, import and merge that touches a date, and by old backups).

use crate::checkin::CheckInSettings;
use crate::dates::ImportantDate;
use crate::ids::{ContactId, DateId, OrganisationId};
use crate::model::{Batch, Contact, Organisation, RelationKind, Role};
use crate::search::{matches, normalise};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// How the list of people is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    Name,
    /// Most recently in touch first; never-contacted people last.
    LastContact,
    /// Soonest check-in first (by the check-in rule: own, organisation or
    /// tag timer; a snoozed person by the day the snooze ends); people
    /// without a timer last.
    NextCheckIn,
}

impl SortOrder {
    /// Every order, with a stable key (for the address bar) and its name.
    pub const ALL: [(SortOrder, &'static str, &'static str); 3] = [
        (SortOrder::Name, "name", "Name"),
        (SortOrder::LastContact, "last", "Last contact"),
        (SortOrder::NextCheckIn, "next", "Next check-in"),
    ];

    /// The stable key of this order ("name", "last", "next").
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(o, _, _)| *o == self)
            .map_or("name", |(_, k, _)| k)
    }

    /// The order with this key; unknown keys give the default (by name).
    pub fn from_key(key: &str) -> SortOrder {
        Self::ALL
            .iter()
            .find(|(_, k, _)| *k == key)
            .map_or(SortOrder::Name, |(o, _, _)| *o)
    }
}

/// Narrows the list to one tag and/or one organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub tag: Option<String>,
    pub organisation: Option<OrganisationId>,
}

struct Keys {
    /// Shared with `by_name`, so a keystroke reads it without a lookup.
    search: Arc<str>,
    name: String,
}

/// One person in the kept name order, with what a keystroke needs.
struct Named {
    id: ContactId,
    search: Arc<str>,
    live: bool,
}

#[derive(Default)]
pub struct Directory {
    contacts: HashMap<ContactId, Contact>,
    organisations: HashMap<OrganisationId, Organisation>,
    keys: HashMap<ContactId, Keys>,
    /// Each live date's person and label, for the search key.
    dates: HashMap<DateId, (ContactId, String)>,
    /// Each person's live dates, so rekeying one person reads only theirs.
    dates_of: HashMap<ContactId, Vec<DateId>>,
    /// Every person in name order, sorted once after a change and kept
    /// until the next (`apply` empties it): a search keystroke in the
    /// default order is then one pass over the search keys, no sort.
    by_name: OnceLock<Vec<Named>>,
    /// Each household that shares check-ins, with its latest interaction
    /// and who it was with ([`crate::household`]). Built on first use after
    /// a change to people or organisations, so the check-in rule asked of
    /// 10,000 people reads one map instead of scanning for members.
    household_latest: OnceLock<HashMap<OrganisationId, (NaiveDate, ContactId)>>,
}

impl Directory {
    pub fn new(contacts: Vec<Contact>, organisations: Vec<Organisation>) -> Self {
        Directory::load(contacts, organisations, Vec::new())
    }

    /// The directory of everything read from storage, with every live
    /// important date so search finds their labels (see the module docs).
    /// One batch: the labels are in place before each person is keyed, so
    /// each is keyed once.
    pub fn load(
        contacts: Vec<Contact>,
        organisations: Vec<Organisation>,
        dates: Vec<ImportantDate>,
    ) -> Self {
        let mut dir = Directory::default();
        // Dates and organisations first, so each person is keyed once; the
        // people are moved in, not copied (10,000 of them at start-up).
        dir.apply(&Batch {
            organisations,
            dates,
            ..Batch::default()
        });
        dir.extend(contacts);
        dir
    }

    /// Adds people read from storage (a page of them at start-up): each is
    /// normalised and keyed, with the date labels already here.
    pub fn extend(&mut self, contacts: Vec<Contact>) {
        self.by_name = OnceLock::new();
        self.household_latest = OnceLock::new();
        self.contacts.reserve(contacts.len());
        self.keys.reserve(contacts.len());
        for c in contacts {
            self.insert(c);
        }
    }

    /// Holds `c` (normalised) and keys it for search and sorting.
    fn insert(&mut self, mut c: Contact) {
        c.normalise();
        let id = c.id.clone();
        self.contacts.insert(id.clone(), c);
        self.rekey(&id);
    }

    /// Brings the directory up to date with a batch that was (or is about
    /// to be) committed. Records from older versions are normalised here.
    pub fn apply(&mut self, batch: &Batch) {
        // Only people move in the name order (dates and organisations
        // change search keys, not names).
        if !batch.contacts.is_empty() {
            self.by_name = OnceLock::new();
        }
        if !batch.contacts.is_empty() || !batch.organisations.is_empty() {
            self.household_latest = OnceLock::new();
        }
        let mut redated = Vec::new();
        for d in &batch.dates {
            if let Some((owner, _)) = self.dates.remove(&d.id) {
                if let Some(ids) = self.dates_of.get_mut(&owner) {
                    ids.retain(|id| id != &d.id);
                }
                redated.push(owner);
            }
            if d.deleted.is_none() {
                let label = d.kind.label().to_owned();
                self.dates
                    .insert(d.id.clone(), (d.contact_id.clone(), label));
                let ids = self.dates_of.entry(d.contact_id.clone()).or_default();
                ids.push(d.id.clone());
                redated.push(d.contact_id.clone());
            }
        }
        for id in redated {
            self.rekey(&id);
        }
        let mut renamed = Vec::new();
        for o in &batch.organisations {
            let old = self.organisations.insert(o.id.clone(), o.clone());
            if old.is_some_and(|old| old.name != o.name) {
                renamed.push(o.id.clone());
            }
        }
        for c in &batch.contacts {
            self.insert(c.clone());
        }
        if !renamed.is_empty() {
            let affected: Vec<ContactId> = self
                .contacts
                .values()
                .filter(|c| {
                    c.roles.iter().any(|r| renamed.contains(&r.organisation_id))
                        || c.household_id.as_ref().is_some_and(|h| renamed.contains(h))
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
        let mut hay = String::with_capacity(128);
        let mut add = |s: &str| {
            if !s.is_empty() {
                hay.push_str(s);
                hay.push(' ');
            }
        };
        add(&c.name);
        add(&c.nickname);
        for r in &c.roles {
            if let Some(o) = self.organisations.get(&r.organisation_id) {
                add(&o.name);
            }
            add(&r.title);
        }
        if let Some(h) = c
            .household_id
            .as_ref()
            .and_then(|h| self.organisations.get(h))
        {
            add(&h.name);
        }
        for v in c.emails.iter().chain(&c.phones) {
            add(&v.value);
        }
        for s in c.tags.iter().chain(&c.interests) {
            add(s);
        }
        for d in &c.details {
            add(&d.text);
        }
        for f in &c.custom_fields {
            add(&f.value);
        }
        for date in self.dates_of.get(id).into_iter().flatten() {
            if let Some((_, label)) = self.dates.get(date) {
                add(label);
            }
        }
        for m in &c.family {
            add(&m.name);
        }
        add(&c.how_we_met);
        let keys = Keys {
            search: normalise(&hay).into(),
            name: normalise(&c.name),
        };
        let search = keys.search.clone();
        self.keys.insert(id.clone(), keys);
        // A date or an organisation rekeys people without moving them in
        // the name order: their kept entry takes the new key in place.
        let keys = &self.keys;
        let kept = self.by_name.get_mut().is_none_or(|list| {
            let name = keys.get(id).map_or("", |k| k.name.as_str());
            let at = list.binary_search_by(|n| {
                let other = keys.get(&n.id).map_or("", |k| k.name.as_str());
                other.cmp(name).then_with(|| n.id.cmp(id))
            });
            at.map(|i| list[i].search = search).is_ok()
        });
        if !kept {
            self.by_name = OnceLock::new();
        }
    }

    /// A live person by id.
    pub fn contact(&self, id: &ContactId) -> Option<&Contact> {
        self.contacts.get(id).filter(|c| c.is_live())
    }

    /// A person by id, deleted or not.
    pub fn any_contact(&self, id: &ContactId) -> Option<&Contact> {
        self.contacts.get(id)
    }

    /// Every person, tombstones included.
    pub fn all_contacts(&self) -> impl Iterator<Item = &Contact> {
        self.contacts.values()
    }

    /// A live organisation by id (never a household: see
    /// [`Directory::household`]).
    pub fn organisation(&self, id: &OrganisationId) -> Option<&Organisation> {
        self.organisations
            .get(id)
            .filter(|o| o.deleted.is_none() && !o.is_household())
    }

    /// The organisation of a person's first current role.
    pub fn organisation_of(&self, c: &Contact) -> Option<&Organisation> {
        self.organisation(c.organisation_id.as_ref()?)
    }

    /// The live organisation whose name is the same words as `name`
    /// (case, accents and spacing ignored). Never a household.
    pub fn organisation_named(&self, name: &str) -> Option<&Organisation> {
        crate::organisation::find_named(self.organisations.values(), name)
    }

    /// Live organisations by name (households are not among them).
    pub fn organisations(&self) -> Vec<&Organisation> {
        let mut orgs: Vec<_> = self
            .organisations
            .values()
            .filter(|o| o.deleted.is_none() && !o.is_household())
            .collect();
        crate::sort::sort_by_cached_key(&mut orgs, |o| normalise(&o.name));
        orgs
    }

    /// Live people who hold or held a role at `org`, with that role;
    /// current roles first, then by name.
    pub fn members(&self, org: &OrganisationId) -> Vec<(&Contact, &Role)> {
        let mut members: Vec<(&Contact, &Role)> = self
            .contacts
            .values()
            .filter(|c| c.is_live())
            .filter_map(|c| {
                let mut roles = c.roles.iter().filter(|r| &r.organisation_id == org);
                let first = roles.next()?;
                let current = std::iter::once(first).chain(roles).find(|r| r.is_current());
                Some((c, current.unwrap_or(first)))
            })
            .collect();
        crate::sort::sort_by(&mut members, |a, b| {
            b.1.is_current()
                .cmp(&a.1.is_current())
                .then_with(|| self.name_key(&a.0.id).cmp(self.name_key(&b.0.id)))
                .then_with(|| a.0.id.cmp(&b.0.id))
        });
        members
    }

    /// A live household by id.
    pub fn household(&self, id: &OrganisationId) -> Option<&Organisation> {
        self.organisations
            .get(id)
            .filter(|o| o.deleted.is_none() && o.is_household())
    }

    /// The household `c` lives in.
    pub fn household_of(&self, c: &Contact) -> Option<&Organisation> {
        self.household(c.household_id.as_ref()?)
    }

    /// The live people of household `id`, by name.
    pub fn household_members(&self, id: &OrganisationId) -> Vec<&Contact> {
        let mut members: Vec<&Contact> = self
            .contacts
            .values()
            .filter(|c| c.is_live() && c.household_id.as_ref() == Some(id))
            .collect();
        crate::sort::sort_by(&mut members, |a, b| {
            self.name_key(&a.id)
                .cmp(self.name_key(&b.id))
                .then_with(|| a.id.cmp(&b.id))
        });
        members
    }

    /// Every household that shares check-ins, with the latest interaction
    /// of any live member and who it was with (see the field).
    pub(crate) fn household_latest(&self) -> &HashMap<OrganisationId, (NaiveDate, ContactId)> {
        self.household_latest.get_or_init(|| {
            let mut latest: HashMap<OrganisationId, (NaiveDate, ContactId)> = HashMap::new();
            let shared = |h: &OrganisationId| {
                self.organisations
                    .get(h)
                    .is_some_and(|o| o.deleted.is_none() && o.is_household() && o.shared_check_ins)
            };
            for c in self.contacts.values().filter(|c| c.is_live()) {
                let (Some(h), Some(last)) = (&c.household_id, c.last_interaction) else {
                    continue;
                };
                if !shared(h) {
                    continue;
                }
                let newer = latest
                    .get(h)
                    .is_none_or(|(day, who)| (last, &c.id) > (*day, who));
                if newer {
                    latest.insert(h.clone(), (last, c.id.clone()));
                }
            }
            latest
        })
    }

    fn name_key(&self, id: &ContactId) -> &str {
        self.keys.get(id).map_or("", |k| k.name.as_str())
    }

    /// Every tag in use by live people, with how many carry it, by name.
    /// Tags differing only in case or accents count as one.
    pub fn tags(&self) -> Vec<(String, usize)> {
        // Counted in a hash map, then put in key order through the one
        // compiled sort (a B-tree map would compile its own code).
        let mut tags: HashMap<String, (String, usize)> = HashMap::new();
        for t in self
            .contacts
            .values()
            .filter(|c| c.is_live())
            .flat_map(|c| &c.tags)
        {
            tags.entry(normalise(t)).or_insert_with(|| (t.clone(), 0)).1 += 1;
        }
        let mut keyed: Vec<(String, (String, usize))> = tags.into_iter().collect();
        crate::sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
        keyed.into_iter().map(|(_, v)| v).collect()
    }

    /// Links to and from a person, as seen from their page:
    /// `(label, the other person, who holds the link, kind)`.
    pub fn relations_of(
        &self,
        id: &ContactId,
    ) -> Vec<(&'static str, ContactId, ContactId, RelationKind)> {
        let Some(me) = self.contact(id) else {
            return Vec::new();
        };
        let mut out: Vec<_> = me
            .relations
            .iter()
            .filter(|r| self.contact(&r.other).is_some())
            .map(|r| (r.kind.label(), r.other.clone(), id.clone(), r.kind))
            .collect();
        for c in self
            .contacts
            .values()
            .filter(|c| c.is_live() && &c.id != id)
        {
            for r in c.relations.iter().filter(|r| &r.other == id) {
                out.push((r.kind.inverse_label(), c.id.clone(), c.id.clone(), r.kind));
            }
        }
        crate::sort::sort_by(&mut out, |a, b| {
            a.0.cmp(b.0)
                .then_with(|| self.name_key(&a.1).cmp(self.name_key(&b.1)))
        });
        out
    }

    pub fn live_count(&self) -> usize {
        self.contacts.values().filter(|c| c.is_live()).count()
    }

    /// Live people matching every word of `query`, by name: what a person
    /// picker offers.
    pub fn search(&self, query: &str) -> Vec<ContactId> {
        let any_day = NaiveDate::MIN;
        self.query(
            query,
            SortOrder::Name,
            &Filter::default(),
            any_day,
            &CheckInSettings::default(),
        )
    }

    /// Live people matching every word of `query` (names, organisations,
    /// roles, emails, phones, tags, interests, details, custom field
    /// values, important-date labels, family), within
    /// `filter`, in `order`. Ties fall back to name, then id, so the order
    /// is stable. `today` and `settings` say where each person stands for
    /// [`SortOrder::NextCheckIn`].
    pub fn query(
        &self,
        query: &str,
        order: SortOrder,
        filter: &Filter,
        today: NaiveDate,
        settings: &CheckInSettings,
    ) -> Vec<ContactId> {
        let q = normalise(query);
        let tag = filter.tag.as_deref();
        let wanted = |c: &&Contact| {
            c.is_live()
                && tag.is_none_or(|t| c.has_tag(t))
                && filter
                    .organisation
                    .as_ref()
                    .is_none_or(|o| c.roles.iter().any(|r| &r.organisation_id == o))
        };
        if order == SortOrder::Name {
            // Already in order: one pass, no sort.
            // Looked up only for a filter, and only among the matches: a
            // keystroke over 10,000 people is one pass, no hashing.
            let filtered = tag.is_some() || filter.organisation.is_some();
            return self
                .by_name()
                .iter()
                .filter(|n| n.live && matches(&n.search, &q))
                .filter(|n| !filtered || self.contacts.get(&n.id).is_some_and(|c| wanted(&c)))
                .map(|n| n.id.clone())
                .collect();
        }
        // Each hit with the day it sorts by, computed once per person.
        let mut keyed: Vec<(Option<NaiveDate>, &Contact, &Keys)> = self
            .contacts
            .values()
            .filter(wanted)
            .filter_map(|c| Some((c, self.keys.get(&c.id)?)))
            .filter(|(_, k)| matches(&k.search, &q))
            .map(|(c, k)| {
                let day = match order {
                    SortOrder::Name => None,
                    SortOrder::LastContact => c.last_interaction,
                    SortOrder::NextCheckIn => self.check_in_of(c, today, settings).next_day(),
                };
                (day, c, k)
            })
            .collect();
        crate::sort::sort_by(&mut keyed, |a, b| {
            let primary = match order {
                SortOrder::Name => Ordering::Equal,
                SortOrder::LastContact => later_first(a.0, b.0),
                SortOrder::NextCheckIn => sooner_first(a.0, b.0),
            };
            primary
                .then_with(|| a.2.name.cmp(&b.2.name))
                .then_with(|| a.1.id.cmp(&b.1.id))
        });
        keyed.into_iter().map(|(_, c, _)| c.id.clone()).collect()
    }

    /// Everyone, tombstones too, by name key then id (see `by_name`).
    fn by_name(&self) -> &[Named] {
        self.by_name.get_or_init(|| {
            let mut all: Vec<(&str, &ContactId, &Keys)> = self
                .keys
                .iter()
                .map(|(id, k)| (k.name.as_str(), id, k))
                .collect();
            crate::sort::sort_by(&mut all, |a, b| a.0.cmp(b.0).then_with(|| a.1.cmp(b.1)));
            all.into_iter()
                .map(|(_, id, k)| Named {
                    id: id.clone(),
                    search: k.search.clone(),
                    live: self.contacts.get(id).is_some_and(Contact::is_live),
                })
                .collect()
        })
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

#[cfg(test)]
mod tests;
