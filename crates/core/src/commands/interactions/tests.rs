//! Tests of `interactions` (kept beside it, so the module itself stays short).

use super::super::testing::{add, input, with_ctx};
use super::*;

#[test]
fn timers_are_set_snoozed_and_closed_by_checking_in() {
    use crate::cadence::CadenceUnit;
    use crate::checkin::{CheckIn, CheckInSettings};
    let s = CheckInSettings::default();
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", ""), 1);
    let weekly = Cadence::Every {
        count: 1,
        unit: CadenceUnit::Weeks,
    };
    let zero = Cadence::Every {
        count: 0,
        unit: CadenceUnit::Days,
    };
    assert_eq!(
        with_ctx(2, |ctx| dir.set_cadence(&id, zero, ctx))
            .unwrap_err()
            .field(),
        Some(Field::Cadence)
    );
    dir.apply(&with_ctx(2, |ctx| dir.set_cadence(&id, weekly, ctx)).unwrap());
    let today = super::super::testing::today();
    let c = dir.contact(&id).unwrap();
    assert_eq!(c.cadence_since, Some(today));
    let week_later = today + chrono::Days::new(7);
    assert_eq!(
        dir.check_in_of(c, today, &s),
        CheckIn::Upcoming { due: week_later }
    );

    dir.apply(&with_ctx(3, |ctx| dir.snooze(&id, 10, ctx)).unwrap());
    let c = dir.contact(&id).unwrap();
    assert!(matches!(
        dir.check_in_of(c, week_later, &s),
        CheckIn::Snoozed { .. }
    ));
    assert!(with_ctx(3, |ctx| dir.snooze(&id, 0, ctx)).is_err());

    let b = with_ctx(4, |ctx| dir.checked_in(&id, ctx)).unwrap();
    assert_eq!(b.interactions[0].notes, "Checked in");
    dir.apply(&b);
    let c = dir.contact(&id).unwrap();
    assert_eq!(
        (c.last_interaction, c.snoozed_until),
        (Some(today), None),
        "checking in ends the snooze"
    );
}

#[test]
fn the_log_form_records_time_temperature_and_details_about_one_person() {
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    let bo = add(&mut dir, &input("Bo", ""), 1);
    let form = InteractionInput {
        people: vec![ana.clone(), bo.clone()],
        kind: "meal".into(),
        date: "2026-11-20".into(),
        time: "12:30".into(),
        notes: "Lunch at Alma.".into(),
        temperature: Some(4),
        temperature_note: "  “Happy with the new rollout”  ".into(),
        details: "Ava got into Porto\n\n  Moving house in March ".into(),
        details_about: None,
        follow_up: " Send the proposal ".into(),
        follow_up_due: "2026-11-27".into(),
        initiator: "them".into(),
    };
    let b = with_ctx(5, |ctx| dir.record_interaction(&form, ctx)).unwrap();
    let i = &b.interactions[0];
    assert_eq!(
        (i.kind, i.date.to_string(), i.time.map(|t| t.to_string())),
        (
            InteractionKind::Meal,
            "2026-11-20".into(),
            Some("12:30:00".into())
        )
    );
    assert_eq!(
        i.temperature,
        Some(Temperature {
            score: 4,
            note: "“Happy with the new rollout”".into()
        })
    );
    assert_eq!(b.contacts.len(), 2);
    let task = &b.tasks[0];
    assert_eq!(
        (
            task.text.as_str(),
            task.due.to_string(),
            task.contact_ids.len()
        ),
        ("Send the proposal", "2026-11-27".into(), 2)
    );
    let done = with_ctx(9, |ctx| dir.complete_task(task, ctx));
    assert_eq!(done.tasks[0].done, Some(crate::time::Timestamp(9)));
    assert!(!done.tasks[0].is_open());
    for c in &b.contacts {
        let texts: Vec<_> = c.details.iter().map(|d| d.text.as_str()).collect();
        if c.id == ana {
            assert_eq!(texts, ["Ava got into Porto", "Moving house in March"]);
        } else {
            assert!(
                texts.is_empty(),
                "details land only on the person they are about"
            );
        }
        assert_eq!(
            c.last_interaction.map(|d| d.to_string()),
            Some("2026-11-20".into())
        );
    }

    let check = |change: fn(&mut InteractionInput)| {
        let mut f = form.clone();
        change(&mut f);
        with_ctx(6, |ctx| dir.record_interaction(&f, ctx))
            .unwrap_err()
            .field()
    };
    assert_eq!(check(|f| f.people.clear()), Some(Field::LogPeople));
    assert_eq!(check(|f| f.kind = "telegram".into()), Some(Field::LogKind));
    assert_eq!(
        check(|f| f.date = "2026-13-01".into()),
        Some(Field::LogDate)
    );
    assert_eq!(
        check(|f| f.date = "2026-12-01".into()),
        Some(Field::LogDate),
        "not in the future"
    );
    assert_eq!(check(|f| f.time = "noon".into()), Some(Field::LogTime));
    assert_eq!(
        check(|f| f.temperature = Some(6)),
        Some(Field::LogTemperature)
    );
    assert_eq!(
        check(|f| f.follow_up_due = String::new()),
        Some(Field::LogFollowUpDue)
    );
    assert_eq!(
        check(|f| f.date = String::new()),
        Some(Field::LogDate),
        "an empty day is refused, never taken for today"
    );
    let stranger = add(&mut dir, &input("Cy", ""), 1);
    let about_stranger = InteractionInput {
        details_about: Some(stranger),
        ..form.clone()
    };
    assert_eq!(
        with_ctx(7, |ctx| dir.record_interaction(&about_stranger, ctx))
            .unwrap_err()
            .field(),
        Some(Field::LogDetailsAbout)
    );
    let about_bo = InteractionInput {
        details_about: Some(bo.clone()),
        ..form.clone()
    };
    let b = with_ctx(7, |ctx| dir.record_interaction(&about_bo, ctx)).unwrap();
    let bo_after = b.contacts.iter().find(|c| c.id == bo).unwrap();
    assert_eq!(bo_after.details.len(), 2);
    let ana_after = b.contacts.iter().find(|c| c.id == ana).unwrap();
    assert!(ana_after.details.is_empty());
}

/// A day as the form gives it.
fn ymd(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn editing_or_deleting_the_latest_interaction_moves_the_timer_back() {
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    let bo = add(&mut dir, &input("Bo", ""), 1);
    let log = |people: Vec<ContactId>, date: &str| InteractionInput {
        people,
        kind: "call".into(),
        date: date.into(),
        ..Default::default()
    };
    let first = with_ctx(2, |ctx| {
        dir.record_interaction(&log(vec![ana.clone()], "2026-11-01"), ctx)
    })
    .unwrap();
    dir.apply(&first);
    let second = with_ctx(3, |ctx| {
        dir.record_interaction(&log(vec![ana.clone(), bo.clone()], "2026-11-20"), ctx)
    })
    .unwrap();
    dir.apply(&second);
    let latest = second.interactions[0].clone();
    let last = |dir: &Directory, id: &ContactId| dir.contact(id).unwrap().last_interaction;
    // A person's day once `batch` is applied (Directory is not Clone).
    let after = |batch: &Batch, id: &ContactId| {
        batch
            .contacts
            .iter()
            .find(|c| &c.id == id)
            .map_or_else(|| last(&dir, id), |c| c.last_interaction)
    };
    assert_eq!(last(&dir, &ana), Some(ymd("2026-11-20")));

    // Deleting it: Ana's timer counts from 1 Nov again, Bo has none left.
    let others = [(ana.clone(), Some(ymd("2026-11-01"))), (bo.clone(), None)];
    let gone = with_ctx(4, |ctx| dir.delete_interaction(&latest, &others, ctx)).unwrap();
    assert_eq!(
        gone.interactions[0].deleted,
        Some(crate::time::Timestamp(4))
    );
    assert_eq!(after(&gone, &ana), Some(ymd("2026-11-01")));
    assert_eq!(after(&gone, &bo), None);

    // Editing it to an earlier day, and without Bo.
    let moved = log(vec![ana.clone()], "2026-10-15");
    let edit = with_ctx(5, |ctx| dir.edit_interaction(&latest, &moved, &others, ctx)).unwrap();
    let edited = edit.interactions.last().unwrap();
    assert_eq!(
        (edited.id.clone(), edited.date),
        (latest.id.clone(), ymd("2026-10-15"))
    );
    assert_eq!(
        edited.created, latest.created,
        "the same interaction, corrected"
    );
    assert_eq!(after(&edit, &ana), Some(ymd("2026-11-01")));
    assert_eq!(after(&edit, &bo), None);

    // Editing an older one to a later day moves the timer forward.
    let older = first.interactions[0].clone();
    let others = [(ana.clone(), Some(ymd("2026-11-20")))];
    let later = log(vec![ana.clone()], "2026-11-21");
    let edit = with_ctx(6, |ctx| dir.edit_interaction(&older, &later, &others, ctx)).unwrap();
    assert_eq!(after(&edit, &ana), Some(ymd("2026-11-21")));

    // An empty day is refused in words.
    let blank = log(vec![ana.clone()], "");
    let refused =
        with_ctx(7, |ctx| dir.edit_interaction(&older, &blank, &others, ctx)).unwrap_err();
    assert_eq!(refused.to_string(), "Choose the day it happened.");
}

#[test]
fn priorities_are_dated_and_a_follow_up_series_is_scheduled() {
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", "Acme"), 1);
    let b = with_ctx(2, |ctx| {
        dir.set_priorities(&id, " Launch in Spain by March ", ctx)
    })
    .unwrap();
    assert_eq!(b.contacts[0].priorities, "Launch in Spain by March");
    assert_eq!(
        b.contacts[0].priorities_confirmed,
        Some(super::super::testing::today())
    );
    let b = with_ctx(3, |ctx| {
        dir.follow_up_series(
            std::slice::from_ref(&id),
            "Project wrap-up",
            &[7, 30, 90],
            ctx,
        )
    })
    .unwrap();
    let due: Vec<_> = b
        .tasks
        .iter()
        .map(|t| (t.due - super::super::testing::today()).num_days())
        .collect();
    assert_eq!(due, [7, 30, 90]);
    assert_eq!(
        b.tasks[1].text, "Project wrap-up",
        "the stored text stays clean"
    );
    assert_eq!(b.tasks[0].sentence(), "Project wrap-up — 29 Nov");
    assert!(with_ctx(3, |ctx| dir.follow_up_series(&[], "x", &[7], ctx)).is_err());
    let org = dir.contact(&id).unwrap().organisation_id.clone().unwrap();
    let monthly = Cadence::Every {
        count: 1,
        unit: crate::cadence::CadenceUnit::Months,
    };
    let b = with_ctx(4, |ctx| dir.set_organisation_cadence(&org, monthly, ctx)).unwrap();
    assert_eq!(b.organisations[0].default_cadence, monthly);
}

#[test]
fn logging_moves_last_interaction_forward_only() {
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", ""), 1);
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let one = std::slice::from_ref(&id);
    let b = with_ctx(2, |ctx| {
        dir.log_interaction(one, InteractionKind::Meal, day(10), "Lunch ", ctx)
    })
    .unwrap();
    assert_eq!(b.interactions[0].notes, "Lunch");
    dir.apply(&b);
    let b = with_ctx(3, |ctx| {
        dir.log_interaction(one, InteractionKind::Call, day(3), "", ctx)
    })
    .unwrap();
    assert!(
        b.contacts.is_empty(),
        "an older call leaves the person as is"
    );
    assert_eq!(dir.contact(&id).unwrap().last_interaction, Some(day(10)));
}
