//! Behaviour every [`Store`] must show, as async checks that panic on the
//! first difference. The host runs them against [`crate::memory::MemoryStore`],
//! the browser tests against the IndexedDB store, so both stay alike.
//! Each check expects an empty store.
//!
//! Why one file of about 480 lines: it is one list of checks, read top to
//! bottom; split, it would hide which checks a store must pass.

use crate::cadence::Cadence;
use crate::dates::{DateKind, ImportantDate};
use crate::ids::{
    ContactId, DateId, DetailId, FamilyMemberId, InteractionId, OrganisationId, TaskId,
};
use crate::model::{
    Batch, Contact, Detail, FamilyMember, Interaction, InteractionKind, Labeled, Organisation,
    Photo, Task,
};
use crate::store::Store;
use crate::time::Timestamp;
use chrono::{Days, NaiveDate, NaiveTime};

fn id<T>(parse: fn(&str) -> Option<T>, s: &str) -> T {
    parse(s).expect("test ids are plain")
}

/// A person with every kind of field filled, so a store's round trip is
/// checked for all of them.
pub fn contact(key: &str, name: &str) -> Contact {
    let mut c = Contact::new(id(ContactId::parse, key), name, Timestamp(1_000));
    c.nickname = "Nic".into();
    c.emails = vec![Labeled {
        label: "work".into(),
        value: format!("{key}@example.test"),
    }];
    c.addresses = vec![Labeled {
        label: "home".into(),
        value: "1 Main St\nSpringfield".into(),
    }];
    c.notes = "Likes <b>tea</b> & \"quotes\"".into();
    c.tags = vec!["client".into(), "Café".into()];
    c.interests = vec!["sailing".into()];
    c.custom_fields = vec![Labeled {
        label: "Shoe size".into(),
        value: "42".into(),
    }];
    c.details = vec![Detail {
        id: id(DetailId::parse, &format!("{key}-d1")),
        date: day(0),
        text: "Prefers calls before 9".into(),
        pinned: true,
    }];
    c.family = vec![FamilyMember {
        id: id(FamilyMemberId::parse, &format!("{key}-f1")),
        name: "Ava".into(),
        relation: "daughter".into(),
    }];
    c.cadence = Cadence::Every {
        count: 3,
        unit: crate::cadence::CadenceUnit::Weeks,
    };
    c
}

pub fn interaction(
    key: &str,
    people: &[&Contact],
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> Interaction {
    Interaction {
        id: id(InteractionId::parse, key),
        contact_ids: people.iter().map(|c| c.id.clone()).collect(),
        kind: InteractionKind::Call,
        date,
        time,
        notes: format!("note {key}"),
        temperature: None,
        initiator: None,
        created: Timestamp(2_000),
        updated: Timestamp(2_000),
        deleted: None,
    }
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(n)
}

/// An organisation with no notes and no default cadence.
pub fn organisation(key: &str, name: &str) -> Organisation {
    Organisation::new(id(OrganisationId::parse, key), name, Timestamp(1))
}

/// A yearly date of `who`, with no year and a week's notice.
fn yearly(key: &str, who: &Contact, kind: DateKind, month: u32, day: u32) -> ImportantDate {
    ImportantDate {
        id: id(DateId::parse, key),
        contact_id: who.id.clone(),
        family_member: None,
        kind,
        month,
        day,
        year: None,
        lead_days: 7,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    }
}

/// Commits `batch`; a store that refuses it fails the check.
pub async fn put<S: Store>(store: &S, batch: Batch) {
    store.commit(&batch).await.unwrap();
}

/// A batch of these people only.
pub fn of_contacts(contacts: Vec<Contact>) -> Batch {
    Batch {
        contacts,
        ..Batch::default()
    }
}

fn of_interactions(interactions: Vec<Interaction>) -> Batch {
    Batch {
        interactions,
        ..Batch::default()
    }
}

fn of_dates(dates: Vec<ImportantDate>) -> Batch {
    Batch {
        dates,
        ..Batch::default()
    }
}

fn of_tasks(tasks: Vec<Task>) -> Batch {
    Batch {
        tasks,
        ..Batch::default()
    }
}

fn of_photos(photos: Vec<Photo>) -> Batch {
    Batch {
        photos,
        ..Batch::default()
    }
}

/// The ids of `found` in order, to compare with the keys they were made from.
pub fn ids<'a, T>(found: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Vec<&'a str> {
    found.iter().map(id).collect()
}

/// Create, read, update and tombstone a person; records read back equal to
/// what was written, text with markup and quotes included.
pub async fn crud<S: Store>(store: &S) {
    let ana = contact("ana", "Ana Cruz");
    put(store, of_contacts(vec![ana.clone()])).await;
    assert_eq!(store.contact(&ana.id).await.unwrap(), Some(ana.clone()));

    let mut renamed = ana.clone();
    renamed.name = "Ana María Cruz".into();
    renamed.last_interaction = Some(day(3));
    renamed.updated = Timestamp(1_500);
    put(store, of_contacts(vec![renamed.clone()])).await;
    assert_eq!(store.contact(&ana.id).await.unwrap(), Some(renamed.clone()));

    let mut gone = renamed.clone();
    gone.deleted = Some(Timestamp(1_600));
    put(store, of_contacts(vec![gone.clone()])).await;
    let (people, orgs) = store.load_people().await.unwrap();
    assert_eq!(people, vec![gone], "tombstones stay stored");
    assert!(orgs.is_empty());
    assert!(store
        .contact(&id(ContactId::parse, "nobody"))
        .await
        .unwrap()
        .is_none());
}

/// People are found by organisation; deleted people are not. A household
/// (an organisation of kind household) keeps its address, its sharing
/// rule and its people's `household_id`.
pub async fn organisation_members<S: Store>(store: &S) {
    let acme = organisation("acme", "Acme");
    let mut home = organisation("home", "Cruz household");
    home.kind = crate::model::OrganisationKind::Household;
    home.address = "4 Elm Row\nLeith".into();
    home.shared_check_ins = true;
    let mut people = vec![contact("a", "A"), contact("b", "B"), contact("c", "C")];
    people[0].organisation_id = Some(acme.id.clone());
    people[1].organisation_id = Some(acme.id.clone());
    people[1].deleted = Some(Timestamp(2));
    people[2].household_id = Some(home.id.clone());
    let batch = Batch {
        organisations: vec![acme.clone(), home.clone()],
        ..of_contacts(people)
    };
    put(store, batch).await;
    let members = store.contacts_in_organisation(&acme.id).await.unwrap();
    let names: Vec<_> = members.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["A"]);
    let (people, mut orgs) = store.load_people().await.unwrap();
    orgs.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(orgs, vec![acme, home.clone()]);
    let c = people.iter().find(|p| p.name == "C").unwrap();
    assert_eq!(c.household_id, Some(home.id));
}

/// A timeline pages newest first without gaps or repeats, holds only the
/// person's own live interactions, and follows an interaction that moved.
pub async fn timeline_paging<S: Store>(store: &S) {
    let ana = contact("ana", "Ana");
    let bo = contact("bo", "Bo");
    let mut batch = of_contacts(vec![ana.clone(), bo.clone()]);
    for n in 0..25u64 {
        let with: Vec<&Contact> = if n % 5 == 0 {
            vec![&ana, &bo]
        } else {
            vec![&ana]
        };
        // Two a day, one untimed and one at 09:00, to exercise the ordering.
        let time = (n % 2 == 1).then(|| NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        batch
            .interactions
            .push(interaction(&format!("i{n:02}"), &with, day(n / 2), time));
    }
    batch.interactions[24].deleted = Some(Timestamp(3_000));
    store.commit(&batch).await.unwrap();

    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let (page, next) = store.timeline(&ana.id, cursor.as_ref(), 10).await.unwrap();
        assert!(page.len() <= 10);
        seen.extend(page.into_iter().map(|i| i.id.as_str().to_owned()));
        match next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let expected: Vec<String> = (0..24).rev().map(|n| format!("i{n:02}")).collect();
    assert_eq!(seen, expected, "newest first, deleted one left out");

    let (bos, _) = store.timeline(&bo.id, None, 100).await.unwrap();
    assert_eq!(
        ids(&bos, |i| i.id.as_str()),
        ["i20", "i15", "i10", "i05", "i00"]
    );

    // Moving an interaction to a later day moves it in the timeline.
    let mut moved = batch.interactions[0].clone();
    moved.date = day(100);
    moved.updated = Timestamp(4_000);
    put(store, of_interactions(vec![moved])).await;
    let (first, _) = store.timeline(&ana.id, None, 2).await.unwrap();
    assert_eq!(ids(&first, |i| i.id.as_str()), ["i00", "i23"]);
    assert_eq!(store.counts().await.unwrap().interactions, 25);
}

/// A day range is inclusive at both ends and ordered by day.
pub async fn day_range<S: Store>(store: &S) {
    let ana = contact("ana", "Ana");
    let interactions: Vec<_> = (0..10)
        .map(|n| interaction(&format!("r{n}"), &[&ana], day(9 - n), None))
        .collect();
    put(store, of_interactions(interactions)).await;
    let found = store
        .interactions_between(day(2), day(5), 100)
        .await
        .unwrap();
    let days: Vec<_> = found.iter().map(|i| i.date).collect();
    assert_eq!(days, [day(2), day(3), day(4), day(5)]);
    assert_eq!(
        store
            .interactions_between(day(0), day(9), 3)
            .await
            .unwrap()
            .len(),
        3
    );
}

/// Important dates are found per person.
pub async fn dates_per_person<S: Store>(store: &S) {
    let ana = contact("ana", "Ana");
    let bday = yearly("d1", &ana, DateKind::Birthday, 2, 29);
    let name_day = DateKind::Custom("Name day".into());
    let other = yearly("d2", &contact("bo", "Bo"), name_day, 2, 29);
    put(store, of_dates(vec![bday.clone(), other])).await;
    assert_eq!(store.dates_for(&ana.id).await.unwrap(), vec![bday]);
}

/// A photo is stored with its person in one batch, replaced, and removed.
pub async fn photos<S: Store>(store: &S) {
    let mut ana = contact("ana", "Ana");
    ana.photo = Some(Timestamp(5));
    let jpeg = |fill: u8| Photo {
        contact_id: ana.id.clone(),
        mime: "image/jpeg".into(),
        bytes: vec![fill; 3_000],
    };
    let with_photo = Batch {
        contacts: vec![ana.clone()],
        ..of_photos(vec![jpeg(1)])
    };
    put(store, with_photo).await;
    assert_eq!(store.photo(&ana.id).await.unwrap(), Some(jpeg(1)));
    assert_eq!(
        store.contact(&ana.id).await.unwrap().unwrap().photo,
        Some(Timestamp(5))
    );
    put(store, of_photos(vec![jpeg(2)])).await;
    assert_eq!(store.photo(&ana.id).await.unwrap(), Some(jpeg(2)));
    let removed = Batch {
        photos_removed: vec![ana.id.clone()],
        ..Batch::default()
    };
    put(store, removed).await;
    assert_eq!(store.photo(&ana.id).await.unwrap(), None);
    assert!(store
        .photo(&id(ContactId::parse, "nobody"))
        .await
        .unwrap()
        .is_none());
}

/// Upcoming dates are found by month and day across people, across the
/// year end, and a Feb 29 date is found in a common year's window.
pub async fn upcoming_dates<S: Store>(store: &S) {
    let ana = contact("ana", "Ana");
    let yearly = |key: &str, month, day| yearly(key, &ana, DateKind::Birthday, month, day);
    let mut gone = yearly("gone", 12, 30);
    gone.deleted = Some(Timestamp(2));
    let dates = vec![
        yearly("dec", 12, 28),
        yearly("jan", 1, 3),
        yearly("feb", 2, 29),
        yearly("mar", 3, 1),
        yearly("jun", 6, 1),
        gone,
    ];
    put(store, of_dates(dates)).await;
    let new_year = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    let found = store.upcoming_dates(new_year, 14).await.unwrap();
    assert_eq!(ids(&found, |d| d.id.as_str()), ["jan", "dec"]);
    let late_feb = NaiveDate::from_ymd_opt(2027, 2, 20).unwrap();
    let found = store.upcoming_dates(late_feb, 8).await.unwrap();
    assert_eq!(
        ids(&found, |d| d.id.as_str()),
        ["feb"],
        "Feb 28 in a common year"
    );
    let found = store.upcoming_dates(late_feb, 9).await.unwrap();
    assert_eq!(ids(&found, |d| d.id.as_str()), ["feb", "mar"]);
    assert!(store
        .upcoming_dates(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), 14)
        .await
        .unwrap()
        .is_empty());
}

/// Open follow-ups are found by due day and by person; done ones are not.
pub async fn tasks<S: Store>(store: &S) {
    let (ana, bo) = (contact("ana", "Ana"), contact("bo", "Bo"));
    let task = |key: &str, people: &[&Contact], due: u64| Task {
        id: id(TaskId::parse, key),
        contact_ids: people.iter().map(|c| c.id.clone()).collect(),
        text: format!("do {key}"),
        due: day(due),
        done: None,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    };
    let mut done = task("done", &[&ana], 1);
    done.done = Some(Timestamp(5));
    let tasks = vec![
        task("late", &[&ana, &bo], 2),
        task("soon", &[&ana], 5),
        task("later", &[&bo], 30),
        done,
    ];
    put(store, of_tasks(tasks)).await;
    assert_eq!(
        ids(&store.open_tasks(day(5)).await.unwrap(), |r| r.id.as_str()),
        ["late", "soon"]
    );
    assert_eq!(
        ids(&store.tasks_for(&bo.id).await.unwrap(), |r| r.id.as_str()),
        ["late", "later"]
    );
    let mut finished = task("soon", &[&ana], 5);
    finished.done = Some(Timestamp(9));
    put(store, of_tasks(vec![finished])).await;
    assert_eq!(
        ids(&store.open_tasks(day(40)).await.unwrap(), |r| r.id.as_str()),
        ["late", "later"]
    );
    assert_eq!(store.counts().await.unwrap().tasks, 4);
}

/// What the note index is built from: interactions in id order, a page at
/// a time, tombstones included; every follow-up; and the records a search
/// found, read back by id.
pub async fn notes_for_search<S: Store>(store: &S) {
    use crate::fulltext::Source;
    let ana = contact("ana", "Ana");
    let mut gone = interaction("c", &[&ana], day(3), None);
    gone.deleted = Some(Timestamp(9));
    let all = ["e", "a", "d", "b"].map(|k| interaction(k, &[&ana], day(1), None));
    put(store, of_interactions([all.to_vec(), vec![gone]].concat())).await;
    let first = store.interactions_after(None, 3).await.unwrap();
    assert_eq!(ids(&first, |r| r.id.as_str()), ["a", "b", "c"]);
    let rest = store
        .interactions_after(Some(&first[2].id), 3)
        .await
        .unwrap();
    assert_eq!(ids(&rest, |r| r.id.as_str()), ["d", "e"]);
    let task = Task {
        id: id(TaskId::parse, "t"),
        contact_ids: vec![ana.id.clone()],
        text: "send the violin teacher's number".into(),
        due: day(4),
        done: None,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    };
    put(store, of_tasks(vec![task])).await;
    assert_eq!(
        ids(&store.all_tasks().await.unwrap(), |r| r.id.as_str()),
        ["t"]
    );
    let (interactions, tasks) = store
        .found(&[
            Source::Interaction(id(InteractionId::parse, "d")),
            Source::Interaction(id(InteractionId::parse, "never")),
            Source::Task(id(TaskId::parse, "t")),
        ])
        .await
        .unwrap();
    assert_eq!(ids(&interactions, |r| r.id.as_str()), ["d"]);
    assert_eq!(interactions[0].notes, "note d");
    assert_eq!(tasks[0].text, "send the violin teacher's number");
}

/// A backup holds everything; replacing from it restores exactly that, and
/// a refused replace leaves the store as it was.
pub async fn export_and_replace<S: Store>(store: &S) {
    contract_seed(store).await;
    let mut ana = contact("ana", "Ana");
    ana.photo = Some(Timestamp(9));
    let jpeg = Photo {
        contact_id: ana.id.clone(),
        mime: "image/jpeg".into(),
        bytes: vec![0xFF, 0xD8, 0xFF, 0xE0, 7],
    };
    let with_photo = Batch {
        contacts: vec![ana.clone()],
        ..of_photos(vec![jpeg.clone()])
    };
    put(store, with_photo).await;
    let first = store.export("test").await.unwrap();
    assert_eq!(first.contacts.len(), 2);
    assert_eq!(first.interactions.len(), 1);
    assert_eq!(first.photos.len(), 1);
    let mut other = contact("zed", "Zed");
    other.photo = Some(Timestamp(3));
    let later = Batch {
        contacts: vec![other.clone()],
        photos: vec![Photo {
            contact_id: other.id.clone(),
            ..jpeg.clone()
        }],
        photos_removed: vec![ana.id.clone()],
        ..Batch::default()
    };
    put(store, later).await;
    store.replace_all(&first).await.unwrap();
    assert_eq!(store.photo(&ana.id).await.unwrap(), Some(jpeg));
    assert_eq!(store.photo(&other.id).await.unwrap(), None);
    assert_eq!(
        store.export("test").await.unwrap().to_json(),
        first.to_json()
    );
}

/// Two writers change the same person from the same starting point (two
/// tabs): the second write, which names that starting point as its base,
/// keeps the first one's change as well as its own.
pub async fn concurrent_writers<S: Store>(store: &S) {
    let ana = contact("ana", "Ana");
    put(store, of_contacts(vec![ana.clone()])).await;
    let with = |key: &str, text: &str, at: i64| {
        let mut c = ana.clone();
        c.details.push(Detail {
            id: id(DetailId::parse, key),
            date: day(3),
            text: text.into(),
            pinned: false,
        });
        c.updated = Timestamp(at);
        Batch {
            contacts: vec![c],
            bases: vec![ana.clone()],
            ..Batch::default()
        }
    };
    put(store, with("a", "from tab A", 2_000)).await;
    put(store, with("b", "from tab B", 3_000)).await;
    let stored = store.contact(&ana.id).await.unwrap().unwrap();
    let texts: Vec<&str> = stored.details.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Prefers calls before 9", "from tab A", "from tab B"]
    );
    assert_eq!(stored.updated, Timestamp(3_000));
}

/// A write made undoable returns what it replaced, read in its own
/// transaction; its undo puts every record back (new ones tombstoned, the
/// earlier photo restored), and the store then reads as before.
pub async fn undo<S: Store>(store: &S) {
    let mut ana = contact("ana", "Ana");
    ana.photo = Some(Timestamp(5));
    let call = interaction("u1", &[&ana], day(2), None);
    let date = yearly("ud", &ana, DateKind::Birthday, 3, 14);
    let photo = |fill: u8| Photo {
        contact_id: ana.id.clone(),
        mime: "image/png".into(),
        bytes: vec![fill; 40],
    };
    let seed = Batch {
        contacts: vec![ana.clone()],
        interactions: vec![call.clone()],
        dates: vec![date.clone()],
        photos: vec![photo(1)],
        ..Batch::default()
    };
    let before = store.commit_undoable(&seed).await.unwrap();
    assert_eq!(before, crate::undo::Before::default(), "nothing was there");

    let mut renamed = ana.clone();
    renamed.name = "Ana Cruz".into();
    renamed.updated = Timestamp(3_000);
    let mut moved = call.clone();
    moved.date = day(4);
    moved.updated = Timestamp(3_000);
    let mut gone = date.clone();
    gone.deleted = Some(Timestamp(3_000));
    let task = Task {
        id: id(TaskId::parse, "ut"),
        contact_ids: vec![ana.id.clone()],
        text: "Send the deck".into(),
        due: day(9),
        done: None,
        created: Timestamp(3_000),
        updated: Timestamp(3_000),
        deleted: None,
    };
    let change = Batch {
        contacts: vec![renamed],
        interactions: vec![moved],
        dates: vec![gone],
        tasks: vec![task.clone()],
        photos: vec![photo(2)],
        ..Batch::default()
    };
    let before = store.commit_undoable(&change).await.unwrap();
    assert_eq!(before.contacts, vec![ana.clone()]);
    assert_eq!(before.interactions, vec![call.clone()]);
    assert_eq!(before.dates, vec![date.clone()]);
    assert!(before.tasks.is_empty(), "the follow-up is new");
    assert_eq!(before.photos, vec![photo(1)]);

    put(store, change.undo(&before, Timestamp(4_000))).await;
    let back = store.contact(&ana.id).await.unwrap().unwrap();
    assert_eq!(
        (back.name.as_str(), back.updated),
        ("Ana", Timestamp(4_000))
    );
    let (timeline, _) = store.timeline(&ana.id, None, 10).await.unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(
        timeline[0].date, call.date,
        "the interaction is back on its day"
    );
    assert_eq!(store.dates_for(&ana.id).await.unwrap().len(), 1);
    assert!(store.tasks_for(&ana.id).await.unwrap().is_empty());
    assert_eq!(store.photo(&ana.id).await.unwrap(), Some(photo(1)));
}

async fn contract_seed<S: Store>(store: &S) {
    let ana = contact("ana", "Ana");
    let bo = contact("bo", "Bo");
    let call = interaction("x1", &[&ana, &bo], day(1), None);
    let seed = Batch {
        contacts: vec![ana, bo],
        ..of_interactions(vec![call])
    };
    put(store, seed).await;
}
