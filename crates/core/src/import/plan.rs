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
use std::collections::{HashMap, HashSet};

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
/// "555 010 0100" match; `None` when too short to find a person by.
pub(crate) fn phone_key(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 6).then(|| digits[digits.len().saturating_sub(10)..].iter().collect())
}

/// When two phone values are the same one: by [`phone_key`], or for short
/// numbers ("112") and placeholders ("+49 PRIVAT") by their words, so they
/// are kept, and kept once.
fn same_phone_key(phone: &str) -> Option<String> {
    phone_key(phone).or_else(|| text_key(phone))
}

pub(crate) fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A name's words, normalised, without punctuation.
pub(crate) fn name_words(name: &str) -> Vec<String> {
    normalise(name)
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether two names can be one person's: each word of the shorter is the
/// start of its own word of the longer, or the other way round ("Ana K." and "Ana Kruse", "A.
/// Kruse" and "Ana Kruse", "Cruz, Ana" and "Ana Cruz"), and one word is
/// whole in both. "Ana Lopez" and "Ana Smith" are two people.
pub(crate) fn same_person_names(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() || !short.iter().any(|w| long.contains(w)) {
        return false;
    }
    let mut used = vec![false; long.len()];
    short.iter().all(|w| {
        let exact = long.iter().position(|l| l == w);
        let at = exact.filter(|&i| !used[i]).or_else(|| {
            (0..long.len()).find(|&i| {
                !used[i] && (long[i].starts_with(w.as_str()) || w.starts_with(long[i].as_str()))
            })
        });
        at.map(|i| used[i] = true).is_some()
    })
}

/// Where each known uid, email and phone leads. An email or phone finds a
/// person only together with their name (a switchboard number shared by a
/// whole company never folds its people into one), or alone when one side
/// has no name of its own. Every lookup is a hash lookup: matching is
/// linear in the people here and in the file.
#[derive(Default)]
struct Index {
    uids: HashMap<String, usize>,
    /// "e:"/"p:" key, '\u{1}', a word of the name → up to four slots.
    by_word: HashMap<String, Vec<usize>>,
    /// Each slot's name words (the first name it was added with).
    words: Vec<Vec<String>>,
    /// Key → the first slot that has it (for a record with no name).
    any: HashMap<String, usize>,
    /// Key → the first slot with no name of its own.
    unnamed: HashMap<String, usize>,
    /// Name key → up to two slots (only a name shared by no one matches).
    names: HashMap<String, Vec<usize>>,
}

/// What one record is matched by.
struct Keys {
    uids: Vec<String>,
    keys: Vec<String>,
    words: Vec<String>,
    name: String,
    unnamed: bool,
}

impl Keys {
    fn of(
        uids: impl IntoIterator<Item = String>,
        emails: &[Labeled],
        phones: &[Labeled],
        name: &str,
        unnamed: bool,
    ) -> Keys {
        let keys = emails
            .iter()
            .map(|e| format!("e:{}", email_key(&e.value)))
            .chain(
                phones
                    .iter()
                    .filter_map(|p| Some(format!("p:{}", phone_key(&p.value)?))),
            )
            .collect();
        Keys {
            uids: uids
                .into_iter()
                .map(|u| u.trim().to_owned())
                .filter(|u| !u.is_empty())
                .collect(),
            keys,
            name: name_words(name).join(" "),
            words: name_words(name),
            unnamed,
        }
    }

    fn of_imported(p: &ImportedPerson) -> Keys {
        let uids = std::iter::once(p.uid.clone()).chain(p.other_uids.iter().cloned());
        Keys::of(uids, &p.emails, &p.phones, &p.name, p.unnamed)
    }

    /// A contact whose name is one of its own emails or phone numbers
    /// was made from a record with no name.
    fn of_contact(c: &Contact) -> Keys {
        let unnamed = c
            .emails
            .iter()
            .chain(&c.phones)
            .any(|l| l.value.trim() == c.name.trim());
        let uids = std::iter::once(c.id.to_string()).chain(c.uids.iter().cloned());
        Keys::of(uids, &c.emails, &c.phones, &c.name, unnamed)
    }
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
            index.add(i, &Keys::of_contact(c));
        }
        // Every record of one person, gathered first and combined once, so
        // a file listing someone 8,000 times still reads in linear time.
        // Slots are dense (the people here, then the new ones): plain
        // vectors by slot, no map (each map type costs the wasm kilobytes).
        let mut records: Vec<Vec<ImportedPerson>> = Vec::new();
        let mut order = Vec::new();
        for person in people {
            let keys = Keys::of_imported(&person);
            let slot = match index.find(&keys) {
                Some(slot) => slot,
                None => {
                    targets.push(Target::New(order.len()));
                    targets.len() - 1
                }
            };
            index.add(slot, &keys);
            if records.len() <= slot {
                records.resize_with(slot + 1, Vec::new);
            }
            if records[slot].is_empty() {
                order.push(slot);
            }
            records[slot].push(person);
        }
        let mut skipped = skipped;
        let mut people = Vec::with_capacity(order.len());
        for slot in order {
            let Some(mut person) = ImportedPerson::combine(std::mem::take(&mut records[slot]))
            else {
                continue;
            };
            let position = person.position;
            let dropped = person.dropped.drain(..);
            skipped.extend(dropped.map(|reason| Skipped { position, reason }));
            let here = match &targets[slot] {
                Target::New(_) => None,
                Target::Existing(id) => Some(id.clone()),
            };
            people.push((person, here));
        }
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
                    batch.organisations.push(Organisation::new(
                        id.clone(),
                        &person.organisation,
                        ctx.now,
                    ));
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
    fn add(&mut self, slot: usize, keys: &Keys) {
        for u in &keys.uids {
            self.uids.entry(u.clone()).or_insert(slot);
        }
        if self.words.len() <= slot {
            self.words.resize(slot + 1, Vec::new());
        }
        if self.words[slot].is_empty() {
            self.words[slot] = keys.words.clone();
        }
        for k in &keys.keys {
            for w in &keys.words {
                let slots = self.by_word.entry(format!("{k}\u{1}{w}")).or_default();
                if slots.len() < 4 && !slots.contains(&slot) {
                    slots.push(slot);
                }
            }
            self.any.entry(k.clone()).or_insert(slot);
            if keys.unnamed {
                self.unnamed.entry(k.clone()).or_insert(slot);
            }
        }
        let names = self.names.entry(keys.name.clone()).or_default();
        if names.len() < 2 && !names.contains(&slot) {
            names.push(slot);
        }
    }

    fn find(&self, k: &Keys) -> Option<usize> {
        if let Some(&slot) = k.uids.iter().find_map(|u| self.uids.get(u)) {
            return Some(slot);
        }
        let by_key =
            |map: &HashMap<String, usize>| k.keys.iter().find_map(|key| map.get(key)).copied();
        if k.unnamed {
            return by_key(&self.any);
        }
        for key in &k.keys {
            for w in &k.words {
                let Some(slots) = self.by_word.get(&format!("{key}\u{1}{w}")) else {
                    continue;
                };
                if let Some(&slot) = slots.iter().find(|&&s| {
                    self.words
                        .get(s)
                        .is_some_and(|theirs| same_person_names(&k.words, theirs))
                }) {
                    return Some(slot);
                }
            }
        }
        if let Some(slot) = by_key(&self.unnamed) {
            return Some(slot);
        }
        if k.uids.is_empty() && k.keys.is_empty() {
            if let Some([only]) = self.names.get(&k.name).map(Vec::as_slice) {
                return Some(*only);
            }
        }
        None
    }
}

/// Adds the items `list` lacks by `key`, in one pass over each.
fn add_labeled(list: &mut Vec<Labeled>, items: &[Labeled], key: fn(&str) -> Option<String>) {
    let mut seen: HashSet<String> = list.iter().filter_map(|l| key(&l.value)).collect();
    for item in items {
        if key(&item.value).is_some_and(|k| seen.insert(k)) {
            list.push(item.clone());
        }
    }
}

/// Adds the custom fields `list` lacks (same label and value).
fn add_custom(list: &mut Vec<Labeled>, items: &[Labeled]) {
    let key = |l: &Labeled| format!("{}\u{1}{}", normalise(&l.label), normalise(&l.value));
    let mut seen: HashSet<String> = list.iter().map(key).collect();
    for item in items {
        if seen.insert(key(item)) {
            list.push(item.clone());
        }
    }
}

fn text_key(s: &str) -> Option<String> {
    Some(normalise(s)).filter(|k| !k.is_empty())
}

impl ImportedPerson {
    /// One person from every record of them in the file: the first
    /// record's values stand, the others add what it lacks; nothing a later
    /// record holds is dropped without a word.
    fn combine(records: Vec<ImportedPerson>) -> Option<ImportedPerson> {
        let mut records = records.into_iter();
        let mut first = records.next()?;
        let mut rest = records.peekable();
        if rest.peek().is_none() {
            return Some(first);
        }
        let mut notes: HashSet<String> = HashSet::new();
        notes.insert(first.notes.trim().to_owned());
        let mut uids: HashSet<String> = std::iter::once(first.uid.trim().to_owned())
            .chain(first.other_uids.iter().cloned())
            .collect();
        let mut tags: HashSet<String> = first.tags.iter().map(|t| normalise(t)).collect();
        let mut kinds: HashSet<String> = first
            .dates
            .iter()
            .map(|d| d.kind.label().to_owned())
            .collect();
        let mut family: HashSet<String> = first.family.iter().map(|(n, _)| normalise(n)).collect();
        let mut more: [Vec<Labeled>; 5] = Default::default();
        for other in rest {
            let fill = |field: &mut String, value: String| {
                if field.trim().is_empty() {
                    *field = value;
                }
            };
            if first.unnamed && !other.unnamed {
                first.name = other.name.clone();
                first.unnamed = false;
            }
            fill(&mut first.given_name, other.given_name);
            fill(&mut first.family_name, other.family_name);
            fill(&mut first.nickname, other.nickname);
            fill(&mut first.pronunciation, other.pronunciation);
            fill(&mut first.how_we_met, other.how_we_met);
            if first.organisation.trim().is_empty() {
                first.organisation = other.organisation;
                first.title = other.title;
            } else if first.title.trim().is_empty()
                && organisation_key(&first.organisation) == organisation_key(&other.organisation)
            {
                first.title = other.title;
            } else if !other.title.trim().is_empty() {
                let at = if other.organisation.is_empty() {
                    String::new()
                } else {
                    format!(" at {}", other.organisation)
                };
                first.custom_fields.push(Labeled {
                    label: "job title".into(),
                    value: format!("{}{at}", other.title),
                });
            }
            let note = other.notes.trim();
            if !note.is_empty() && notes.insert(note.to_owned()) {
                if !first.notes.is_empty() {
                    first.notes.push_str("\n\n");
                }
                first.notes.push_str(note);
            }
            for u in std::iter::once(other.uid).chain(other.other_uids) {
                let u = u.trim().to_owned();
                if !u.is_empty() && uids.insert(u.clone()) {
                    if first.uid.trim().is_empty() {
                        first.uid = u;
                    } else {
                        first.other_uids.push(u);
                    }
                }
            }
            for t in other.tags {
                if tags.insert(normalise(&t)) {
                    first.tags.push(t);
                }
            }
            for d in other.dates {
                if kinds.insert(d.kind.label().to_owned()) {
                    first.dates.push(d);
                }
            }
            for (name, relation) in other.family {
                if family.insert(normalise(&name)) {
                    first.family.push((name, relation));
                }
            }
            if first.photo.is_none() {
                first.photo = other.photo;
            }
            first.linked_photo |= other.linked_photo;
            first.dropped.extend(other.dropped);
            for (to, from) in more.iter_mut().zip([
                other.emails,
                other.phones,
                other.addresses,
                other.links,
                other.custom_fields,
            ]) {
                to.extend(from);
            }
        }
        let [emails, phones, addresses, links, custom] = more;
        add_labeled(&mut first.emails, &emails, |v| Some(email_key(v)));
        add_labeled(&mut first.phones, &phones, same_phone_key);
        add_labeled(&mut first.addresses, &addresses, text_key);
        add_labeled(&mut first.links, &links, text_key);
        add_custom(&mut first.custom_fields, &custom);
        first.cut_notes();
        Some(first)
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
        add_labeled(&mut c.phones, &self.phones, same_phone_key);
        add_labeled(&mut c.addresses, &self.addresses, text_key);
        add_labeled(&mut c.links, &self.links, text_key);
        add_custom(&mut c.custom_fields, &self.custom_fields);
        let mut tags: HashSet<String> = c.tags.iter().map(|t| normalise(t)).collect();
        for t in &self.tags {
            if tags.insert(normalise(t)) {
                c.tags.push(t.clone());
            }
        }
        for uid in std::iter::once(&self.uid).chain(&self.other_uids) {
            let uid = uid.trim();
            if !uid.is_empty() && c.id.to_string() != uid && !c.uids.iter().any(|u| u == uid) {
                c.uids.push(uid.to_owned());
            }
        }
        match organisation {
            Some(org) => c.roles.push(Role {
                organisation_id: org,
                title: self.title.clone(),
                since: None,
                until: None,
            }),
            // A title with no organisation to hold it is kept as a field.
            None if self.organisation.trim().is_empty() && !self.title.trim().is_empty() => {
                add_custom(
                    &mut c.custom_fields,
                    &[Labeled {
                        label: "job title".into(),
                        value: self.title.clone(),
                    }],
                );
            }
            None => {}
        }
    }

    /// Whether importing this record would change the contact.
    fn adds_to(&self, c: &Contact, dates: &[&ImportantDate]) -> bool {
        let mut after = c.clone();
        let org = (!self.organisation.is_empty() && c.current_roles().next().is_none())
            .then(|| OrganisationId::from_random([0; 16]));
        self.fill(&mut after, org);
        after.tidy();
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
