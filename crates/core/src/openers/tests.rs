//! Tests of the openers: each rule, their order, the limit and the cut.

use super::*;
use crate::contact::{Detail, FamilyMember};
use crate::ids::{ContactId, DateId, DetailId, FamilyMemberId, InteractionId, TaskId};
use crate::model::{InteractionKind, Temperature};
use crate::time::Timestamp;
use chrono::Days;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

fn person() -> Contact {
    let mut c = Contact::new(ContactId::parse("ana").unwrap(), "Ana Kruse", Timestamp(1));
    c.family.push(FamilyMember {
        id: FamilyMemberId::parse("lily").unwrap(),
        name: "Lily".into(),
        relation: "daughter".into(),
    });
    c
}

fn detail(text: &str, days_ago: u64) -> Detail {
    Detail {
        id: DetailId::parse(&format!("d{days_ago}")).unwrap(),
        date: ago(days_ago),
        text: text.into(),
        pinned: false,
    }
}

fn task(id: &str, text: &str, due: NaiveDate) -> Task {
    Task {
        id: TaskId::parse(id).unwrap(),
        contact_ids: vec![ContactId::parse("ana").unwrap()],
        text: text.into(),
        due,
        done: None,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    }
}

fn birthday(member: Option<&str>, month: u32, day: u32) -> ImportantDate {
    ImportantDate {
        id: DateId::parse(&format!("b{month}-{day}")).unwrap(),
        contact_id: ContactId::parse("ana").unwrap(),
        family_member: member.map(|m| FamilyMemberId::parse(m).unwrap()),
        kind: DateKind::Birthday,
        month,
        day,
        year: None,
        lead_days: 7,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    }
}

fn rated(scores: &[u8]) -> Vec<Interaction> {
    scores
        .iter()
        .enumerate()
        .map(|(n, s)| Interaction {
            id: InteractionId::parse(&format!("i{n}")).unwrap(),
            contact_ids: vec![ContactId::parse("ana").unwrap()],
            kind: InteractionKind::Call,
            date: ago(n as u64),
            time: None,
            notes: String::new(),
            temperature: Some(Temperature {
                score: *s,
                note: String::new(),
            }),
            initiator: None,
            created: Timestamp(1),
            updated: Timestamp(1),
            deleted: None,
        })
        .collect()
}

fn said(r: &Record, reconfirm_days: u16) -> Vec<String> {
    openers(r, today(), reconfirm_days)
        .iter()
        .map(|o| format!("{} — {}", o.text, o.source))
        .collect()
}

fn only(person: &Contact) -> Record<'_> {
    Record {
        person,
        recent: &[],
        tasks: &[],
        dates: &[],
    }
}

#[test]
fn nothing_known_offers_nothing() {
    let c = person();
    assert!(said(&only(&c), 90).is_empty());
}

#[test]
fn each_rule_names_its_source() {
    let mut c = person();
    c.details.push(detail("Lily's violin exam on Friday.", 10));
    assert_eq!(
        said(&only(&c), 90),
        ["Ask about “Lily's violin exam on Friday” — noted 21 Nov 2026"]
    );

    let plain = person();
    let tasks = [
        task("soon", "Book the venue", today() + Days::new(3)),
        task("late", "Send the proposal", ago(2)),
    ];
    let r = Record {
        tasks: &tasks,
        ..only(&plain)
    };
    assert_eq!(
        said(&r, 90),
        ["Follow up: Send the proposal — follow-up, due since 29 Nov 2026"]
    );

    let dates = [birthday(Some("lily"), 12, 4), birthday(None, 12, 2)];
    let r = Record {
        dates: &dates,
        ..only(&plain)
    };
    assert_eq!(
        said(&r, 90),
        ["Wish them a happy birthday tomorrow — birthday, 2 December"]
    );
    let r = Record {
        dates: &dates[..1],
        ..only(&plain)
    };
    assert_eq!(
        said(&r, 90),
        ["Ask about Lily's birthday in 3 days — birthday, 4 December"]
    );

    let recent = rated(&[2, 4, 4]);
    let r = Record {
        recent: &recent,
        ..only(&plain)
    };
    assert_eq!(
        said(&r, 90),
        ["Ask how things are going on their side — satisfaction fell to 2/5"]
    );

    let mut c = person();
    c.priorities = "The warehouse move.".into();
    c.priorities_confirmed = Some(ago(100));
    assert_eq!(
        said(&only(&c), 90),
        ["Still focused on “The warehouse move”? — what they care about, confirmed 23 Aug 2026"]
    );
    // Confirmed recently enough for this setting: nothing to ask again.
    assert!(said(&only(&c), 120).is_empty());
}

#[test]
fn stale_details_far_dates_done_follow_ups_and_steady_ratings_say_nothing() {
    let mut c = person();
    c.details.push(detail("Old news", DETAIL_DAYS as u64 + 1));
    let mut done = task("done", "Sent it", ago(1));
    done.done = Some(Timestamp(5));
    let tasks = [done];
    let dates = [birthday(None, 12, 16)];
    let recent = rated(&[4, 4, 3]);
    let r = Record {
        person: &c,
        recent: &recent,
        tasks: &tasks,
        dates: &dates,
    };
    assert!(said(&r, 90).is_empty());
}

#[test]
fn at_most_three_in_rule_order_and_long_text_is_cut() {
    let mut c = person();
    c.details.push(detail(&"word ".repeat(30), 3));
    c.priorities = "Hiring".into();
    c.priorities_confirmed = Some(ago(400));
    let tasks = [task("call", "Call about the renewal", today())];
    let dates = [birthday(None, 12, 1)];
    let recent = rated(&[1, 5]);
    let r = Record {
        person: &c,
        recent: &recent,
        tasks: &tasks,
        dates: &dates,
    };
    let o = openers(&r, today(), 90);
    assert_eq!(o.len(), MAX);
    assert_eq!(o[0].text, "Follow up: Call about the renewal");
    assert_eq!(o[0].source, "follow-up due 1 Dec 2026");
    assert_eq!(o[1].text, "Wish them a happy birthday today");
    assert!(o[2].text.ends_with("word…”"), "{}", o[2].text);
    assert_eq!(
        o[2].text.chars().count(),
        "Ask about “…”".chars().count() + 59
    );
}
