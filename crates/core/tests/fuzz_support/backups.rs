//! Generated backups: records drawn from small pools of ids and stamps (so
//! two backups share people and tie on `updated`), tombstones and photos
//! included, written to the in-memory store and exported by the core
//! itself, as the app would export them.

use kith_core::backup::{Backup, BackupPhoto, Settings};
use kith_core::memory::MemoryStore;
use kith_core::time::Timestamp;
use kith_core::{
    CheckInSettings, Contact, ContactId, DateId, DateKind, ImportantDate, Interaction,
    InteractionId, InteractionKind, Labeled, Organisation, OrganisationId, Store, Task, TaskId,
};
use proptest::prelude::*;

pub const APP: &str = "0.1.0";

/// Text as people type it, and as other tools write it: words, accents,
/// line breaks, a lone CR, vCard and CSV syntax.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "Ana",
        "Kruse",
        "Zoë",
        "李",
        " ",
        "  ",
        "\n",
        "\r",
        "\r\n",
        ",",
        ";",
        ":",
        "\\",
        "\"",
        "=",
        "ü",
        "😀",
        "a@b.c",
        "+49 30 1234567",
        "BEGIN:VCARD",
        "\t",
        "x",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn stamp() -> impl Strategy<Value = Timestamp> {
    (0i64..4).prop_map(|n| Timestamp(1_700_000_000_000 + n * 1_000))
}

fn tombstone() -> impl Strategy<Value = Option<Timestamp>> {
    prop::option::weighted(0.25, stamp())
}

fn day() -> impl Strategy<Value = chrono::NaiveDate> {
    (2000i32..2030, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn id(prefix: u8, n: usize) -> [u8; 16] {
    let mut b = [n as u8; 16];
    b[0] = prefix;
    b
}

pub fn contact_id(n: usize) -> ContactId {
    ContactId::from_random(id(1, n))
}

fn org_id(n: usize) -> OrganisationId {
    OrganisationId::from_random(id(2, n))
}

fn labeled() -> impl Strategy<Value = Vec<Labeled>> {
    prop::collection::vec(
        (text(3), text(4)).prop_map(|(label, value)| Labeled { label, value }),
        0..3,
    )
}

/// Five people, three organisations, four interactions, four dates and
/// three follow-ups at most, each id present or not.
const PEOPLE: usize = 5;

#[derive(Clone, Debug)]
struct PersonParts {
    name: String,
    notes: String,
    tags: Vec<String>,
    emails: Vec<Labeled>,
    phones: Vec<Labeled>,
    org: Option<usize>,
    updated: Timestamp,
    deleted: Option<Timestamp>,
    /// (photo stamp on the person, photo record present, picture bytes)
    photo: (Option<Timestamp>, bool, Vec<u8>),
}

fn person() -> impl Strategy<Value = PersonParts> {
    let photo = (
        prop::option::of(stamp()),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..8),
    );
    (
        (text(4), text(6), prop::collection::vec(text(3), 0..3)),
        (labeled(), labeled(), prop::option::of(0usize..3)),
        (stamp(), tombstone(), photo),
    )
        .prop_map(
            |((name, notes, tags), (emails, phones, org), (updated, deleted, photo))| PersonParts {
                name,
                notes,
                tags,
                emails,
                phones,
                org,
                updated,
                deleted,
                photo,
            },
        )
}

fn contacts_of(parts: &[Option<PersonParts>]) -> (Vec<Contact>, Vec<BackupPhoto>) {
    let mut contacts = Vec::new();
    let mut photos = Vec::new();
    for (n, p) in parts.iter().enumerate() {
        let Some(p) = p else { continue };
        let mut c = Contact::new(contact_id(n), p.name.clone(), Timestamp(1_700_000_000_000));
        c.notes = p.notes.clone();
        c.tags = p.tags.clone();
        c.emails = p.emails.clone();
        c.phones = p.phones.clone();
        c.organisation_id = p.org.map(org_id);
        c.updated = p.updated;
        c.deleted = p.deleted;
        c.photo = p.photo.0;
        if p.photo.1 {
            let mut bytes = vec![0xFF, 0xD8, 0xFF];
            bytes.extend(&p.photo.2);
            photos.push(BackupPhoto {
                contact_id: c.id.clone(),
                mime: "image/jpeg".into(),
                data: kith_core::encoding::base64_encode(&bytes),
            });
        }
        contacts.push(c);
    }
    (contacts, photos)
}

/// An organisation; with `clash`, its name may be another's.
fn organisation(n: usize, clash: bool) -> impl Strategy<Value = Organisation> {
    const OWN: [&str; 3] = ["Acme", "Globex", "Initech"];
    let names: Vec<&str> = if clash {
        vec!["Acme", "acme", "Globex", "Initech", ""]
    } else {
        vec![OWN[n]]
    };
    (prop::sample::select(names), text(3), stamp(), tombstone()).prop_map(
        move |(name, notes, updated, deleted)| Organisation {
            id: org_id(n),
            name: name.into(),
            notes,
            default_cadence: Default::default(),
            created: Timestamp(1_700_000_000_000),
            updated,
            deleted,
            merged_into: None,
            kind: Default::default(),
            address: String::new(),
            shared_check_ins: false,
        },
    )
}

fn people_of() -> impl Strategy<Value = Vec<ContactId>> {
    prop::collection::btree_set(0..PEOPLE, 1..3)
        .prop_map(|s| s.into_iter().map(contact_id).collect())
}

fn interaction(n: usize) -> impl Strategy<Value = Interaction> {
    (
        people_of(),
        prop::sample::select(&InteractionKind::ALL[..]),
        day(),
        text(5),
        (stamp(), tombstone()),
    )
        .prop_map(
            move |(contact_ids, kind, date, notes, (updated, deleted))| Interaction {
                id: InteractionId::from_random(id(3, n)),
                contact_ids,
                kind,
                date,
                time: None,
                notes,
                temperature: None,
                initiator: None,
                created: Timestamp(1_700_000_000_000),
                updated,
                deleted,
            },
        )
}

fn date(n: usize) -> impl Strategy<Value = ImportantDate> {
    (
        0..PEOPLE,
        prop::sample::select(vec![DateKind::Birthday, DateKind::Anniversary]),
        (1u32..13, 1u32..29, prop::option::of(1900i32..2020)),
        (stamp(), tombstone()),
    )
        .prop_map(
            move |(who, kind, (month, day, year), (updated, deleted))| ImportantDate {
                id: DateId::from_random(id(4, n)),
                contact_id: contact_id(who),
                family_member: None,
                kind,
                month,
                day,
                year,
                lead_days: 0,
                created: Timestamp(1_700_000_000_000),
                updated,
                deleted,
            },
        )
}

fn task(n: usize) -> impl Strategy<Value = Task> {
    (people_of(), text(4), day(), (stamp(), tombstone())).prop_map(
        move |(contact_ids, text, due, (updated, deleted))| Task {
            id: TaskId::from_random(id(5, n)),
            contact_ids,
            text,
            due,
            done: None,
            created: Timestamp(1_700_000_000_000),
            updated,
            deleted,
        },
    )
}

fn some_of<T: std::fmt::Debug + Clone + 'static>(
    count: usize,
    each: impl Fn(usize) -> BoxedStrategy<T>,
) -> impl Strategy<Value = Vec<T>> {
    let parts: Vec<_> = (0..count)
        .map(|n| prop::option::of(each(n)).boxed())
        .collect();
    parts.prop_map(|v| v.into_iter().flatten().collect())
}

/// What a generated backup may hold beyond what the app itself writes.
#[derive(Clone, Copy, Debug)]
pub struct Odd {
    /// Photos without the person's stamp (a hand-edited file).
    pub unbacked_photos: bool,
    /// Two live organisations of the same name (a merge folds them).
    pub name_clash: bool,
}

/// Only what the app writes.
pub const PLAIN: Odd = Odd {
    unbacked_photos: false,
    name_clash: false,
};
/// Anything.
pub const ANY: Odd = Odd {
    unbacked_photos: true,
    name_clash: true,
};

/// A generated backup, as records.
pub fn records(odd: Odd) -> impl Strategy<Value = Backup> {
    (
        prop::collection::vec(prop::option::of(person()), PEOPLE),
        some_of(3, move |n| organisation(n, odd.name_clash).boxed()),
        some_of(4, |n| interaction(n).boxed()),
        some_of(4, |n| date(n).boxed()),
        some_of(3, |n| task(n).boxed()),
    )
        .prop_map(move |(people, organisations, interactions, dates, tasks)| {
            let (mut contacts, mut photos) = contacts_of(&people);
            if !odd.unbacked_photos {
                // One picture per stamp, as the app makes them: two
                // pictures under one stamp is the "photo tie" finding.
                for p in &mut photos {
                    p.data = "/9j/".into();
                }
                for c in &mut contacts {
                    let has = photos.iter().any(|p| p.contact_id == c.id);
                    if has != c.photo.is_some() {
                        c.photo = has.then_some(Timestamp(1_700_000_000_000));
                    }
                }
            }
            // The rules every record keeps (kith_core::rules): a live person
            // or organisation has a name, and every reference leads to a
            // record in the file. Restore refuses anything else in words
            // (fuzz_backup checks those refusals).
            let mut organisations = organisations;
            for (n, o) in organisations.iter_mut().enumerate() {
                if o.deleted.is_none() && o.name.trim().is_empty() {
                    o.name = format!("Org {n}");
                }
            }
            for c in &mut contacts {
                if c.deleted.is_none() && c.name.trim().is_empty() {
                    c.name = "Someone".into();
                }
                if c.organisation_id
                    .as_ref()
                    .is_some_and(|o| !organisations.iter().any(|x| &x.id == o))
                {
                    c.organisation_id = None;
                }
            }
            let here = |id: &ContactId| contacts.iter().any(|c| &c.id == id);
            let mut interactions = interactions;
            for i in &mut interactions {
                i.contact_ids.retain(|id| here(id));
            }
            interactions.retain(|i| !i.contact_ids.is_empty());
            let mut tasks = tasks;
            for t in &mut tasks {
                t.contact_ids.retain(|id| here(id));
            }
            tasks.retain(|t| !t.contact_ids.is_empty());
            let dates: Vec<ImportantDate> =
                dates.into_iter().filter(|d| here(&d.contact_id)).collect();
            photos.retain(|p| here(&p.contact_id));
            let mut b = Backup::new(APP, contacts, organisations, interactions, dates, tasks);
            b.photos = photos;
            b
        })
}

/// The backup file the core exports after `backup` is stored.
pub fn exported(backup: &Backup) -> String {
    let store = MemoryStore::new();
    pollster::block_on(store.replace_all(backup)).unwrap();
    let out = pollster::block_on(store.export(APP)).unwrap();
    out.with_settings(Some(settings())).to_json()
}

/// The preferences every generated backup carries (merge keeps this
/// side's, so generated pairs agree on them).
pub fn settings() -> Settings {
    Settings {
        check_in: CheckInSettings::default(),
        backup_reminder_days: Some(30),
    }
}

/// A generated backup, exported by the core, then restored: what the app
/// holds after importing it. `None` when restore refuses the export.
pub fn restored(odd: Odd) -> impl Strategy<Value = Backup> {
    records(odd).prop_map(|b| {
        Backup::restore(exported(&b).as_bytes())
            .unwrap_or_else(|e| panic!("the core refused its own export: {e}"))
    })
}

/// What the store holds, as the bytes of its export.
pub fn stored(store: &MemoryStore) -> String {
    pollster::block_on(store.export(APP)).unwrap().to_json()
}
