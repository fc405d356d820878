//! Tests of who reached out: the balance and waiting for a reply, through
//! the commands the app calls.

use super::*;
use crate::checkin::CheckInSettings;
use crate::commands::testing::{add, input, today, with_ctx};
use crate::commands::InteractionInput;
use crate::directory::Directory;
use crate::ids::ContactId;
use chrono::Days;

fn ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

fn form(who: &ContactId, by: &str, days_ago: u64) -> InteractionInput {
    InteractionInput {
        people: vec![who.clone()],
        kind: "message".into(),
        date: ago(days_ago).to_string(),
        initiator: by.into(),
        ..Default::default()
    }
}

/// Logs from the form and returns the interaction logged.
fn log(dir: &mut Directory, who: &ContactId, by: &str, days_ago: u64) -> Interaction {
    let b = with_ctx(10, |ctx| {
        dir.record_interaction(&form(who, by, days_ago), ctx)
    })
    .unwrap();
    dir.apply(&b);
    b.interactions[0].clone()
}

fn waiting(dir: &Directory, id: &ContactId) -> Option<NaiveDate> {
    dir.contact(id).unwrap().awaiting_reply
}

#[test]
fn the_form_says_who_reached_out_and_refuses_anything_else() {
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    for (key, want) in [
        ("me", Some(Initiator::Me)),
        ("them", Some(Initiator::Them)),
        ("mutual", Some(Initiator::Mutual)),
        ("", None),
    ] {
        assert_eq!(log(&mut dir, &ana, key, 1).initiator, want, "{key}");
    }
    let err = with_ctx(10, |ctx| {
        dir.record_interaction(&form(&ana, "boss", 1), ctx)
    })
    .unwrap_err();
    assert_eq!(err.field(), Some(crate::commands::Field::LogInitiator));
    assert_eq!(err.to_string(), "Choose who reached out.");
}

#[test]
fn a_message_from_them_waits_for_a_reply_until_something_newer_answers_it() {
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    log(&mut dir, &ana, "them", 5);
    assert_eq!(waiting(&dir, &ana), Some(ago(5)));
    // An older call of the user's does not answer a newer message.
    log(&mut dir, &ana, "me", 9);
    assert_eq!(waiting(&dir, &ana), Some(ago(5)));
    // A newer message from them moves the day on.
    log(&mut dir, &ana, "them", 3);
    assert_eq!(waiting(&dir, &ana), Some(ago(3)));
    // Anything newer they did not start answers it, even unsaid.
    log(&mut dir, &ana, "", 2);
    assert_eq!(waiting(&dir, &ana), None);
    log(&mut dir, &ana, "them", 1);
    log(&mut dir, &ana, "mutual", 1);
    assert_eq!(waiting(&dir, &ana), None, "the same day, logged later");
    log(&mut dir, &ana, "them", 0);
    let b = with_ctx(20, |ctx| dir.checked_in(&ana, ctx)).unwrap();
    assert_eq!(b.interactions[0].initiator, Some(Initiator::Me));
    dir.apply(&b);
    assert_eq!(waiting(&dir, &ana), None, "checking in is reaching out");
}

#[test]
fn replied_ends_the_wait_without_logging_or_moving_the_timer() {
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    log(&mut dir, &ana, "them", 4);
    let b = with_ctx(20, |ctx| dir.replied(&ana, ctx)).unwrap();
    assert!(b.interactions.is_empty());
    dir.apply(&b);
    let c = dir.contact(&ana).unwrap();
    assert_eq!((c.awaiting_reply, c.last_interaction), (None, Some(ago(4))));
}

#[test]
fn corrections_follow_who_reached_out() {
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    let mine = log(&mut dir, &ana, "me", 8);
    let theirs = log(&mut dir, &ana, "them", 4);
    let edit = |dir: &mut Directory,
                old: &Interaction,
                by: &str,
                days_ago: u64,
                others: Option<NaiveDate>| {
        let b = with_ctx(30, |ctx| {
            dir.edit_interaction(
                old,
                &form(&ana, by, days_ago),
                &[(ana.clone(), others)],
                ctx,
            )
        })
        .unwrap();
        dir.apply(&b);
        b.interactions[0].clone()
    };
    // Said to be theirs by mistake: corrected to mine, nothing waits.
    let corrected = edit(&mut dir, &theirs, "me", 4, Some(ago(8)));
    assert_eq!(waiting(&dir, &ana), None);
    // Corrected back to theirs: it waits again.
    let theirs = edit(&mut dir, &corrected, "them", 4, Some(ago(8)));
    assert_eq!(waiting(&dir, &ana), Some(ago(4)));
    // Moved to a day before the user's call: the call answered it.
    let moved = edit(&mut dir, &theirs, "them", 10, Some(ago(8)));
    assert_eq!(waiting(&dir, &ana), None);
    let theirs = edit(&mut dir, &moved, "them", 2, Some(ago(8)));
    assert_eq!(waiting(&dir, &ana), Some(ago(2)));
    // Once answered, correcting the notes does not bring the wait back.
    dir.apply(&with_ctx(31, |ctx| dir.replied(&ana, ctx)).unwrap());
    let theirs = edit(&mut dir, &theirs, "them", 2, Some(ago(8)));
    assert_eq!(waiting(&dir, &ana), None);
    // Deleting the message that set the wait ends it.
    let _ = mine;
    let again = log(&mut dir, &ana, "them", 1);
    assert_eq!(waiting(&dir, &ana), Some(ago(1)));
    let b = with_ctx(32, |ctx| {
        dir.delete_interaction(&again, &[(ana.clone(), Some(theirs.date))], ctx)
    })
    .unwrap();
    dir.apply(&b);
    assert_eq!(waiting(&dir, &ana), None);
}

#[test]
fn today_lists_who_waits_for_a_reply_above_the_check_ins_longest_waiting_first() {
    let s = CheckInSettings::default();
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    let bo = add(&mut dir, &input("Bo", ""), 1);
    let cy = add(&mut dir, &input("Cy", ""), 1);
    let weekly = crate::cadence::Cadence::Every {
        count: 1,
        unit: crate::cadence::CadenceUnit::Days,
    };
    for id in [&ana, &bo, &cy] {
        dir.apply(&with_ctx(2, |ctx| dir.set_cadence(id, weekly, ctx)).unwrap());
        log(&mut dir, id, "me", 30);
    }
    log(&mut dir, &bo, "them", 3);
    log(&mut dir, &cy, "them", 6);
    let lists = dir.reach_out(today(), 7, &s);
    let ids = |l: &[(ContactId, crate::checkin::CheckIn)]| {
        l.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&lists.replies), [cy.clone(), bo.clone()]);
    assert_eq!(ids(&lists.overdue), vec![ana.clone()], "in no other list");

    // A write refreshes the lists as a full count would.
    let mut refreshed = lists.clone();
    let b = with_ctx(40, |ctx| dir.replied(&cy, ctx)).unwrap();
    dir.apply(&b);
    refreshed.refresh(&dir, std::slice::from_ref(&cy), today(), &s);
    assert_eq!(refreshed, dir.reach_out(today(), 7, &s));
    assert_eq!(ids(&refreshed.replies), vec![bo.clone()]);
    log(&mut dir, &ana, "them", 4);
    refreshed.refresh(&dir, std::slice::from_ref(&ana), today(), &s);
    assert_eq!(refreshed, dir.reach_out(today(), 7, &s));
    assert_eq!(ids(&refreshed.replies), [ana.clone(), bo.clone()]);
}

#[test]
fn merging_two_records_waits_only_when_the_newest_of_both_is_theirs() {
    let mut dir = Directory::default();
    let a = add(&mut dir, &input("Ana Kruse", ""), 1);
    let b = add(&mut dir, &input("Ana K.", ""), 1);
    log(&mut dir, &a, "them", 5);
    log(&mut dir, &b, "me", 2);
    let choices = crate::commands::MergeChoices::default();
    let batch = with_ctx(50, |ctx| {
        dir.merge_contacts(
            &a,
            &b,
            &choices,
            crate::commands::OtherRecords::default(),
            ctx,
        )
    })
    .unwrap();
    let kept = batch.contacts.iter().find(|c| c.id == a).unwrap();
    assert_eq!(
        (kept.last_interaction, kept.awaiting_reply),
        (Some(ago(2)), None)
    );
}

#[test]
fn the_balance_counts_the_last_year_by_who_started_it() {
    let mut dir = Directory::default();
    let ana = add(&mut dir, &input("Ana", ""), 1);
    let mut all = Vec::new();
    for (by, days_ago) in [
        ("me", 1),
        ("me", 40),
        ("me", 364),
        ("them", 100),
        ("mutual", 200),
        ("", 10),
        ("me", 365),
        ("them", 900),
    ] {
        all.push(log(&mut dir, &ana, by, days_ago));
    }
    let r = Reciprocity::of(&all, today());
    assert_eq!(
        r,
        Reciprocity {
            me: 3,
            them: 1,
            mutual: 1
        }
    );
    assert_eq!(
        r.words().unwrap(),
        "You started 3 of 5 conversations in the last year; 1 planned together."
    );
    let them = Reciprocity {
        me: 1,
        them: 3,
        mutual: 0,
    };
    assert_eq!(
        them.words().unwrap(),
        "They started 3 of 4 conversations in the last year."
    );
    let one = Reciprocity {
        me: 1,
        them: 0,
        mutual: 0,
    };
    assert_eq!(
        one.words().unwrap(),
        "You started 1 of 1 conversation in the last year."
    );
    assert_eq!(Reciprocity::default().words(), None);
}
