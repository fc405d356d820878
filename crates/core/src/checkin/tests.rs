//! Tests of `checkin` (kept beside it, so the module itself stays short).

use super::*;
use crate::cadence::CadenceUnit;
use crate::commands::testing::{add, input, with_ctx};
use crate::model::{Batch, InteractionKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn every(count: u16, unit: CadenceUnit) -> Cadence {
    Cadence::Every { count, unit }
}

fn person(last: Option<NaiveDate>) -> Contact {
    let mut c = Contact::new(ContactId::parse("c").unwrap(), "Ana", Timestamp(0));
    c.last_interaction = last;
    c
}

#[test]
fn due_then_overdue_at_125_percent() {
    let s = CheckInSettings::default();
    let c = person(Some(d(2026, 1, 1)));
    let monthly = every(30, CadenceUnit::Days);
    let at = |day| check_in(&c, monthly, day, &s);
    assert_eq!(
        at(d(2026, 1, 30)),
        CheckIn::Upcoming {
            due: d(2026, 1, 31)
        }
    );
    let due = CheckIn::Due {
        due: d(2026, 1, 31),
        overdue_from: d(2026, 2, 8),
    };
    assert_eq!(at(d(2026, 1, 31)), due);
    assert_eq!(at(d(2026, 2, 7)), due);
    assert_eq!(
        at(d(2026, 2, 8)),
        CheckIn::Overdue {
            due: d(2026, 1, 31),
            overdue_from: d(2026, 2, 8)
        }
    );
    // 40 days after the last call, a 30-day timer is overdue.
    assert!(matches!(at(d(2026, 2, 10)), CheckIn::Overdue { .. }));
    let strict = CheckInSettings {
        overdue_percent: 100,
        ..s
    };
    assert_eq!(
        check_in(&c, monthly, d(2026, 2, 1), &strict).due(),
        Some(d(2026, 1, 31))
    );
    assert!(
        matches!(
            check_in(&c, monthly, d(2026, 2, 1), &strict),
            CheckIn::Overdue { .. }
        ),
        "100% still leaves one due day"
    );
}

#[test]
fn any_interaction_resets_the_timer() {
    let s = CheckInSettings::default();
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", ""), 1);
    let mut c = dir.contact(&id).unwrap().clone();
    c.cadence = every(30, CadenceUnit::Days);
    c.last_interaction = Some(d(2026, 10, 13));
    dir.apply(&Batch {
        contacts: vec![c],
        ..Default::default()
    });
    let today = d(2026, 11, 22);
    assert!(matches!(
        dir.check_in_of(dir.contact(&id).unwrap(), today, &s),
        CheckIn::Overdue { .. }
    ));
    for kind in [InteractionKind::Message, InteractionKind::Other] {
        let b = with_ctx(2, |ctx| {
            dir.log_interaction(std::slice::from_ref(&id), kind, today, "", ctx)
        })
        .unwrap();
        dir.apply(&b);
        assert_eq!(
            dir.check_in_of(dir.contact(&id).unwrap(), today, &s),
            CheckIn::Upcoming {
                due: d(2026, 12, 22)
            }
        );
    }
}

#[test]
fn snoozed_people_are_quiet_until_the_snooze_ends() {
    let s = CheckInSettings::default();
    let mut c = person(Some(d(2026, 1, 1)));
    c.snoozed_until = Some(d(2026, 3, 1));
    let weekly = every(1, CadenceUnit::Weeks);
    assert_eq!(
        check_in(&c, weekly, d(2026, 2, 28), &s),
        CheckIn::Snoozed {
            until: d(2026, 3, 1)
        }
    );
    assert!(matches!(
        check_in(&c, weekly, d(2026, 3, 1), &s),
        CheckIn::Overdue { .. }
    ));
}

#[test]
fn month_cadences_at_month_ends() {
    let s = CheckInSettings::default();
    let c = person(Some(d(2026, 1, 31)));
    let monthly = every(1, CadenceUnit::Months);
    assert_eq!(
        check_in(&c, monthly, d(2026, 2, 27), &s),
        CheckIn::Upcoming {
            due: d(2026, 2, 28)
        }
    );
    // 28 days in, overdue from 35 days (125%, rounded up).
    assert_eq!(
        check_in(&c, monthly, d(2026, 2, 28), &s),
        CheckIn::Due {
            due: d(2026, 2, 28),
            overdue_from: d(2026, 3, 7)
        }
    );
}

#[test]
fn first_use_without_interactions() {
    let s = CheckInSettings::default();
    let mut c = person(None);
    let today = d(2026, 11, 22);
    let fortnightly = every(2, CadenceUnit::Weeks);
    assert_eq!(check_in(&c, Cadence::None, today, &s), CheckIn::NoTimer);
    assert_eq!(
        check_in(&c, fortnightly, today, &s),
        CheckIn::NeverInTouch { due: today }
    );
    assert_eq!(
        check_in(&c, fortnightly, d(2027, 1, 5), &s),
        CheckIn::NeverInTouch { due: d(2027, 1, 5) },
        "never in touch stays due, not overdue, until the first contact"
    );
    c.cadence_since = Some(today);
    assert_eq!(
        check_in(&c, fortnightly, today, &s),
        CheckIn::Upcoming {
            due: d(2026, 12, 6)
        }
    );
}

#[test]
fn the_local_day_follows_the_offset_in_force() {
    // 2026-03-29T00:30Z: Europe switches to summer time at 01:00Z.
    let instant = Timestamp(
        chrono::DateTime::parse_from_rfc3339("2026-03-29T00:30:00Z")
            .unwrap()
            .timestamp_millis(),
    );
    assert_eq!(local_day(instant, 60), Some(d(2026, 3, 29)));
    assert_eq!(local_day(instant, 0), Some(d(2026, 3, 29)));
    assert_eq!(local_day(instant, -60), Some(d(2026, 3, 28)));
    // Kiribati (+14:00) and Baker Island (-12:00) on the same instant.
    let late = Timestamp(
        chrono::DateTime::parse_from_rfc3339("2026-06-15T11:30:00Z")
            .unwrap()
            .timestamp_millis(),
    );
    assert_eq!(local_day(late, 14 * 60), Some(d(2026, 6, 16)));
    assert_eq!(local_day(late, -12 * 60), Some(d(2026, 6, 14)));
    assert_eq!(local_day(late, 5 * 60 + 45), Some(d(2026, 6, 15)));
    // New York's autumn change: 05:30Z is 01:30 EDT (-4h) or 00:30 EST (-5h).
    let fall = Timestamp(
        chrono::DateTime::parse_from_rfc3339("2026-11-01T05:30:00Z")
            .unwrap()
            .timestamp_millis(),
    );
    assert_eq!(local_day(fall, -4 * 60), Some(d(2026, 11, 1)));
    assert_eq!(local_day(fall, -5 * 60), Some(d(2026, 11, 1)));
    // A day-only record never moves with the offset: the timer is on days.
    let c = person(Some(d(2026, 10, 2)));
    let monthly = every(30, CadenceUnit::Days);
    for offset in [-12 * 60, -5 * 60, 0, 5 * 60 + 45, 14 * 60] {
        let today = local_day(Timestamp(instant.0 + 230 * 86_400_000), offset).unwrap();
        assert!(matches!(
            check_in(&c, monthly, today, &CheckInSettings::default()),
            CheckIn::Overdue { .. }
        ));
    }
}

#[test]
fn defaults_come_from_the_organisation_then_the_tags() {
    let s = CheckInSettings {
        tag_cadences: vec![
            ("VIP".into(), every(2, CadenceUnit::Weeks)),
            ("client".into(), every(1, CadenceUnit::Months)),
        ],
        ..CheckInSettings::default()
    };
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", "Acme"), 1);
    let c = dir.contact(&id).unwrap().clone();
    assert_eq!(dir.cadence_for(&c, &s).0, Cadence::None);
    let mut tagged = c.clone();
    tagged.tags = vec!["Client".into(), "vip".into()];
    assert_eq!(
        dir.cadence_for(&tagged, &s).0,
        every(2, CadenceUnit::Weeks),
        "the shortest tag default"
    );
    let mut acme = dir.organisation_of(&c).unwrap().clone();
    acme.default_cadence = every(3, CadenceUnit::Months);
    dir.apply(&Batch {
        organisations: vec![acme],
        ..Default::default()
    });
    assert_eq!(
        dir.cadence_for(&tagged, &s).0,
        every(3, CadenceUnit::Months),
        "organisation before tags"
    );
    tagged.cadence = every(10, CadenceUnit::Days);
    assert_eq!(
        dir.cadence_for(&tagged, &s).0,
        every(10, CadenceUnit::Days),
        "own cadence first"
    );
}

#[test]
fn reach_out_groups_and_orders() {
    let s = CheckInSettings::default();
    let mut dir = Directory::default();
    let today = d(2026, 11, 22);
    let mut people = Vec::new();
    for (name, last) in [
        ("Long overdue", 60),
        ("Overdue", 45),
        ("Due", 31),
        ("Soon", 27),
        ("Later", 10),
    ] {
        let id = add(&mut dir, &input(name, ""), 1);
        let mut c = dir.contact(&id).unwrap().clone();
        c.cadence = every(30, CadenceUnit::Days);
        c.last_interaction = Some(today - Days::new(last));
        people.push(c);
    }
    dir.apply(&Batch {
        contacts: people,
        ..Default::default()
    });
    let out = dir.reach_out(today, 7, &s);
    let names = |list: &[(ContactId, CheckIn)]| -> Vec<String> {
        list.iter()
            .map(|(id, _)| dir.contact(id).unwrap().name.clone())
            .collect()
    };
    assert_eq!(names(&out.overdue), ["Long overdue", "Overdue"]);
    assert_eq!(names(&out.due), ["Due"]);
    assert_eq!(names(&out.upcoming), ["Soon"]);
}

#[test]
fn a_people_row_says_where_each_person_stands_in_a_word_or_two() {
    let s = CheckInSettings::default();
    let monthly = every(30, CadenceUnit::Days);
    let c = person(Some(d(2026, 1, 1)));
    let row = |today| check_in(&c, monthly, today, &s).short_words(today);
    assert_eq!(row(d(2026, 1, 19)), "In 12 days");
    assert_eq!(row(d(2026, 1, 30)), "Tomorrow");
    assert_eq!(row(d(2026, 1, 31)), "Due");
    assert_eq!(row(d(2026, 2, 8)), "Overdue");
    assert_eq!(
        check_in(&c, Cadence::None, d(2026, 2, 8), &s).short_words(d(2026, 2, 8)),
        "No timer"
    );
    let mut quiet = c.clone();
    quiet.snoozed_until = Some(d(2026, 3, 1));
    assert_eq!(
        check_in(&quiet, monthly, d(2026, 2, 8), &s).short_words(d(2026, 2, 8)),
        "Snoozed"
    );
    assert_eq!(
        check_in(&person(None), monthly, d(2026, 2, 8), &s).short_words(d(2026, 2, 8)),
        "Never in touch"
    );
}

/// Today's lists kept up to date from each write agree with the lists
/// computed over everyone, whatever the writes did: checked in, timer
/// changed, snoozed, deleted, added.
#[test]
fn reach_out_refreshed_from_a_write_equals_the_full_count() {
    let s = CheckInSettings::default();
    let today = d(2026, 11, 22);
    let mut dir = Directory::default();
    let mut ids = Vec::new();
    let mut people = Vec::new();
    for i in 0..60u64 {
        let id = add(&mut dir, &input(&format!("P{i}"), ""), i as i64);
        let mut c = dir.contact(&id).unwrap().clone();
        c.cadence = every(10 + (i % 25) as u16, CadenceUnit::Days);
        c.last_interaction = (i % 7 != 0).then(|| today - Days::new(i * 3 % 70));
        people.push(c);
        ids.push(id);
    }
    dir.apply(&Batch {
        contacts: people,
        ..Default::default()
    });
    let mut kept = dir.reach_out(today, 7, &s);
    for round in 0..40u64 {
        let mut changed = Vec::new();
        for k in 0..(1 + round % 4) {
            let id = &ids[((round * 13 + k * 7) % 60) as usize];
            let mut c = dir.any_contact(id).unwrap().clone();
            match (round + k) % 5 {
                0 => c.last_interaction = Some(today),
                1 => c.cadence = every(1 + (round % 40) as u16, CadenceUnit::Days),
                2 => c.snoozed_until = Some(today + Days::new(round)),
                3 => c.deleted = Some(Timestamp(round as i64)),
                _ => {
                    c.deleted = None;
                    c.snoozed_until = None;
                    c.last_interaction = Some(today - Days::new(round * 5));
                }
            }
            changed.push(c);
        }
        let touched: Vec<ContactId> = changed.iter().map(|c| c.id.clone()).collect();
        dir.apply(&Batch {
            contacts: changed,
            ..Default::default()
        });
        kept.refresh(&dir, &touched, today, &s);
        assert_eq!(kept, dir.reach_out(today, 7, &s), "after round {round}");
    }
}
