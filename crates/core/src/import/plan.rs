//! Planning an import: each person from a file matched against the people
//! already in Kith (vCard `UID`, then email, then phone, then an exact name
//! when the file has none of those) and turned into one batch of new people
//! and new details for people already here. Matching keys live here only.
//!
//! Why one file of about 450 lines: the matching keys, the index over the
//! people already here and the plan built from it are one algorithm.

use super::{ImportedPerson, Skipped};
use crate::commands::Ctx;
use crate::dates::{ByPerson, DateKind, ImportantDate, DEFAULT_LEAD_DAYS};
use crate::directory::Directory;
use crate::ids::{ContactId, DateId, FamilyMemberId, OrganisationId};
use crate::model::{Batch, Contact, FamilyMember, Labeled, Organisation, Role};
use crate::organisation::organisation_key;
use crate::search::normalise;
use std::collections::{BTreeMap, HashMap};

/// What importing a person will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    New,
    /// Already here (found by uid, email or phone, or an exact name when
    /// the file has none of those); these fields will be added.
    Update(ContactId),
    /// Already here with everything the file has.
    Same(ContactId),
}

/// A previewed import: what each person in the file will become.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    pub people: Vec<(ImportedPerson, Action)>,
    pub skipped: Vec<Skipped>,
    /// The organisations the import gives roles at, once each by
    /// [`organisation_key`]: `Some(name here)` when one of that name is
    /// already here (the roles go to it), `None` when it is new.
    pub organisations: Vec<(String, Option<String>)>,
}

impl ImportPlan {
    pub fn count(&self, which: fn(&Action) -> bool) -> usize {
        self.people.iter().filter(|(_, a)| which(a)).count()
    }
    pub fn new_people(&self) -> usize {
        self.count(|a| matches!(a, Action::New))
    }
    pub fn updated(&self) -> usize {
        self.count(|a| matches!(a, Action::Update(_)))
    }
    pub fn unchanged(&self) -> usize {
        self.count(|a| matches!(a, Action::Same(_)))
    }
    pub fn birthdays(&self) -> usize {
        self.people
            .iter()
            .filter(|(p, _)| p.dates.iter().any(|d| d.kind == DateKind::Birthday))
            .count()
    }
    pub fn photos(&self) -> usize {
        self.people
            .iter()
            .filter(|(p, _)| p.photo.is_some())
            .count()
    }
    pub fn linked_photos(&self) -> usize {
        self.people.iter().filter(|(p, _)| p.linked_photo).count()
    }
}

/// Digits of a phone number, the last ten, so "+1 (555) 010-0100" and
/// "555 010 0100" match; `None` when too short to mean anything.
fn phone_key(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 6).then(|| digits[digits.len().saturating_sub(10)..].iter().collect())
}

fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Where each known uid, email and phone leads.
#[derive(Default)]
struct Index {
    uids: HashMap<String, usize>,
    emails: HashMap<String, usize>,
    phones: HashMap<String, usize>,
    names: HashMap<String, Vec<usize>>,
}

/// Imported people matched to the people here (`None`: new), before the
/// dates decide who is unchanged.
pub struct Matched {
    people: Vec<(ImportedPerson, Option<ContactId>)>,
    skipped: Vec<Skipped>,
}

impl Matched {
    /// The people here who were found, sorted.
    pub fn found(&self) -> Vec<ContactId> {
        let mut ids: Vec<ContactId> = self
            .people
            .iter()
            .filter_map(|(_, id)| id.clone())
            .collect();
        crate::sort::sort(&mut ids);
        ids
    }
}

/// Who a person is: an existing contact, or the n-th new person of this
/// import (so a file that lists someone twice makes one person).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Existing(ContactId),
    New(usize),
}

impl Directory {
    /// Matches imported people against the people here. `dates` holds the
    /// stored dates of people who may be matched (the caller reads them),
    /// so a birthday already kept is not added again.
    pub fn plan_import(
        &self,
        people: Vec<ImportedPerson>,
        skipped: Vec<Skipped>,
        dates: &[ImportantDate],
    ) -> ImportPlan {
        self.plan_matched(self.match_import(people, skipped), dates)
    }

    /// The first half of [`Directory::plan_import`]: who in the file is
    /// who here. The caller reads the dates of [`Matched::found`], then
    /// calls [`Directory::plan_matched`].
    pub fn match_import(&self, people: Vec<ImportedPerson>, skipped: Vec<Skipped>) -> Matched {
        let live: Vec<&Contact> = self.all_contacts().filter(|c| c.is_live()).collect();
        let mut targets: Vec<Target> = live
            .iter()
            .map(|c| Target::Existing(c.id.clone()))
            .collect();
        let mut index = Index::default();
        for (i, c) in live.iter().enumerate() {
            index.add(i, &c.id.to_string(), &c.uids, &c.emails, &c.phones, &c.name);
        }
        let mut merged: BTreeMap<usize, ImportedPerson> = BTreeMap::new();
        let mut order = Vec::new();
        for person in people {
            let found = index.find(&person);
            let slot = match found {
                Some(slot) => slot,
                None => {
                    targets.push(Target::New(order.len()));
                    targets.len() - 1
                }
            };
            index.add(
                slot,
                &person.uid,
                &[],
                &person.emails,
                &person.phones,
                &person.name,
            );
            match merged.get_mut(&slot) {
                Some(earlier) => earlier.absorb(person),
                None => {
                    order.push(slot);
                    merged.insert(slot, person);
                }
            }
        }
        let people = order
            .into_iter()
            .filter_map(|slot| {
                let person = merged.remove(&slot)?;
                let here = match &targets[slot] {
                    Target::New(_) => None,
                    Target::Existing(id) => Some(id.clone()),
                };
                Some((person, here))
            })
            .collect();
        Matched { people, skipped }
    }

    /// The second half of [`Directory::plan_import`]: what each matched
    /// person adds, given their stored `dates`. Someone matched who has
    /// gone since (deleted in another tab) is added as new, not dropped.
    pub fn plan_matched(&self, matched: Matched, dates: &[ImportantDate]) -> ImportPlan {
        let Matched { people, skipped } = matched;
        let dates = ByPerson::new(dates.iter().filter(|d| d.deleted.is_none()));
        let people: Vec<(ImportedPerson, Action)> = people
            .into_iter()
            .map(|(person, here)| {
                let action = match here.as_ref().and_then(|id| self.contact(id)) {
                    None => Action::New,
                    Some(existing) if person.adds_to(existing, dates.of(&existing.id)) => {
                        Action::Update(existing.id.clone())
                    }
                    Some(existing) => Action::Same(existing.id.clone()),
                };
                (person, action)
            })
            .collect();
        let organisations = self.organisations_for(&people);
        ImportPlan {
            people,
            skipped,
            organisations,
        }
    }

    /// The organisations `people` would get roles at (those added, and
    /// those updated who have no current role yet), matched by name.
    fn organisations_for(
        &self,
        people: &[(ImportedPerson, Action)],
    ) -> Vec<(String, Option<String>)> {
        let mut seen: std::collections::HashSet<String> = Default::default();
        let mut out = Vec::new();
        for (p, action) in people {
            let gets_role = match action {
                Action::New => true,
                Action::Update(id) => self
                    .contact(id)
                    .is_some_and(|c| c.current_roles().next().is_none()),
                Action::Same(_) => false,
            };
            let key = organisation_key(&p.organisation);
            if !gets_role || key.is_empty() || !seen.insert(key) {
                continue;
            }
            let here = self
                .organisation_named(&p.organisation)
                .map(|o| o.name.clone());
            out.push((p.organisation.clone(), here));
        }
        out
    }

    /// The batch that carries out a plan, and the photos to downscale and
    /// set afterwards (people who have none yet).
    pub fn apply_import(
        &self,
        plan: &ImportPlan,
        dates: &[ImportantDate],
        ctx: &mut Ctx<'_>,
    ) -> (Batch, Vec<(ContactId, String, Vec<u8>)>) {
        let mut batch = Batch::default();
        let mut photos = Vec::new();
        let mut new_orgs: HashMap<String, OrganisationId> = HashMap::new();
        let dates = ByPerson::new(dates.iter().filter(|d| d.deleted.is_none()));
        for (person, action) in &plan.people {
            let (mut contact, existing_dates): (Contact, Vec<&ImportantDate>) = match action {
                Action::Same(_) => continue,
                Action::New => {
                    let id = ContactId::from_random((ctx.random)());
                    (Contact::new(id, person.name.clone(), ctx.now), Vec::new())
                }
                Action::Update(id) => match self.contact(id) {
                    Some(c) => (c.clone(), dates.of(id).to_vec()),
                    None => continue,
                },
            };
            let is_new = matches!(action, Action::New);
            let org = (!person.organisation.is_empty() && contact.current_roles().next().is_none())
                .then(|| {
                    if let Some(o) = self.organisation_named(&person.organisation) {
                        return o.id.clone();
                    }
                    let key = organisation_key(&person.organisation);
                    if let Some(id) = new_orgs.get(&key) {
                        return id.clone();
                    }
                    let id = OrganisationId::from_random((ctx.random)());
                    batch.organisations.push(Organisation {
                        id: id.clone(),
                        name: person.organisation.clone(),
                        notes: String::new(),
                        default_cadence: Default::default(),
                        created: ctx.now,
                        updated: ctx.now,
                        deleted: None,
                        merged_into: None,
                    });
                    new_orgs.insert(key, id.clone());
                    id
                });
            person.fill(&mut contact, org);
            if is_new {
                contact.cadence_since = Some(ctx.today);
            }
            for d in &person.dates {
                if existing_dates
                    .iter()
                    .any(|e| e.kind == d.kind && e.family_member.is_none())
                {
                    continue;
                }
                batch.dates.push(ImportantDate {
                    id: DateId::from_random((ctx.random)()),
                    contact_id: contact.id.clone(),
                    family_member: None,
                    kind: d.kind.clone(),
                    month: d.month,
                    day: d.day,
                    year: d.year,
                    lead_days: DEFAULT_LEAD_DAYS,
                    created: ctx.now,
                    updated: ctx.now,
                    deleted: None,
                });
            }
            for (name, relation) in &person.family {
                if contact
                    .family
                    .iter()
                    .any(|m| normalise(&m.name) == normalise(name))
                {
                    continue;
                }
                contact.family.push(FamilyMember {
                    id: FamilyMemberId::from_random((ctx.random)()),
                    name: name.clone(),
                    relation: relation.clone(),
                });
            }
            if let (Some((mime, bytes)), None) = (&person.photo, contact.photo) {
                photos.push((contact.id.clone(), mime.clone(), bytes.clone()));
            }
            contact.updated = ctx.now;
            contact.normalise();
            batch.contacts.push(contact);
        }
        (batch, photos)
    }
}

impl Index {
    fn add(
        &mut self,
        slot: usize,
        uid: &str,
        uids: &[String],
        emails: &[Labeled],
        phones: &[Labeled],
        name: &str,
    ) {
        for u in std::iter::once(uid).chain(uids.iter().map(String::as_str)) {
            if !u.trim().is_empty() {
                self.uids.entry(u.trim().to_owned()).or_insert(slot);
            }
        }
        for e in emails {
            self.emails.entry(email_key(&e.value)).or_insert(slot);
        }
        for p in phones {
            if let Some(key) = phone_key(&p.value) {
                self.phones.entry(key).or_insert(slot);
            }
        }
        let names = self.names.entry(normalise(name)).or_default();
        if !names.contains(&slot) {
            names.push(slot);
        }
    }

    fn find(&self, p: &ImportedPerson) -> Option<usize> {
        if let Some(&slot) = self
            .uids
            .get(p.uid.trim())
            .filter(|_| !p.uid.trim().is_empty())
        {
            return Some(slot);
        }
        if let Some(&slot) = p
            .emails
            .iter()
            .find_map(|e| self.emails.get(&email_key(&e.value)))
        {
            return Some(slot);
        }
        if let Some(&slot) = p
            .phones
            .iter()
            .filter_map(|ph| phone_key(&ph.value))
            .find_map(|k| self.phones.get(&k))
        {
            return Some(slot);
        }
        if p.uid.trim().is_empty() && p.emails.is_empty() && p.phones.is_empty() {
            if let Some([only]) = self.names.get(&normalise(&p.name)).map(Vec::as_slice) {
                return Some(*only);
            }
        }
        None
    }
}

fn add_labeled(list: &mut Vec<Labeled>, items: &[Labeled], key: fn(&str) -> Option<String>) {
    for item in items {
        let k = key(&item.value);
        if k.is_none() || list.iter().any(|l| key(&l.value) == k) {
            continue;
        }
        list.push(item.clone());
    }
}

fn text_key(s: &str) -> Option<String> {
    Some(normalise(s)).filter(|k| !k.is_empty())
}

impl ImportedPerson {
    /// Takes what another record of the same person in the same file adds.
    fn absorb(&mut self, other: ImportedPerson) {
        let mut c = Contact::new(
            ContactId::from_random([0; 16]),
            String::new(),
            crate::time::Timestamp(0),
        );
        c.emails = std::mem::take(&mut self.emails);
        c.phones = std::mem::take(&mut self.phones);
        c.addresses = std::mem::take(&mut self.addresses);
        c.links = std::mem::take(&mut self.links);
        c.custom_fields = std::mem::take(&mut self.custom_fields);
        other.fill(&mut c, None);
        self.emails = c.emails;
        self.phones = c.phones;
        self.addresses = c.addresses;
        self.links = c.links;
        self.custom_fields = c.custom_fields;
        for d in other.dates {
            if !self.dates.iter().any(|x| x.kind == d.kind) {
                self.dates.push(d);
            }
        }
        if self.photo.is_none() {
            self.photo = other.photo;
        }
    }

    /// Adds this record's fields to a contact: empty fields are filled,
    /// lists gain values they lack; nothing the contact has is replaced.
    fn fill(&self, c: &mut Contact, organisation: Option<OrganisationId>) {
        let fill = |field: &mut String, value: &str| {
            if field.trim().is_empty() && !value.trim().is_empty() {
                *field = value.to_owned();
            }
        };
        fill(&mut c.given_name, &self.given_name);
        fill(&mut c.family_name, &self.family_name);
        fill(&mut c.nickname, &self.nickname);
        fill(&mut c.pronunciation, &self.pronunciation);
        fill(&mut c.how_we_met, &self.how_we_met);
        if !self.notes.trim().is_empty() && !c.notes.contains(self.notes.trim()) {
            if !c.notes.is_empty() {
                c.notes.push_str("\n\n");
            }
            c.notes.push_str(self.notes.trim());
        }
        add_labeled(&mut c.emails, &self.emails, |v| Some(email_key(v)));
        add_labeled(&mut c.phones, &self.phones, phone_key);
        add_labeled(&mut c.addresses, &self.addresses, text_key);
        add_labeled(&mut c.links, &self.links, text_key);
        for f in &self.custom_fields {
            if !c.custom_fields.iter().any(|x| {
                normalise(&x.label) == normalise(&f.label)
                    && normalise(&x.value) == normalise(&f.value)
            }) {
                c.custom_fields.push(f.clone());
            }
        }
        for t in &self.tags {
            if !c.has_tag(t) {
                c.tags.push(t.clone());
            }
        }
        if !self.uid.trim().is_empty()
            && c.id.to_string() != self.uid.trim()
            && !c.uids.iter().any(|u| u == self.uid.trim())
        {
            c.uids.push(self.uid.trim().to_owned());
        }
        if let Some(org) = organisation {
            c.roles.push(Role {
                organisation_id: org,
                title: self.title.clone(),
                since: None,
                until: None,
            });
        }
    }

    /// Whether importing this record would change the contact.
    fn adds_to(&self, c: &Contact, dates: &[&ImportantDate]) -> bool {
        let mut after = c.clone();
        let org = (!self.organisation.is_empty() && c.current_roles().next().is_none())
            .then(|| OrganisationId::from_random([0; 16]));
        self.fill(&mut after, org);
        let new_family = self
            .family
            .iter()
            .any(|(n, _)| !c.family.iter().any(|m| normalise(&m.name) == normalise(n)));
        let new_dates = self.dates.iter().any(|d| {
            !dates
                .iter()
                .any(|e| e.kind == d.kind && e.family_member.is_none())
        });
        after != *c || new_family || new_dates || (self.photo.is_some() && c.photo.is_none())
    }
}
