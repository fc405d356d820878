//! Tests of `merge` (kept beside it, so the module itself stays short).

use super::super::testing::{add, input, labeled, with_ctx};
use super::super::ContactInput;
use super::*;
use crate::cadence::CadenceUnit;
use crate::model::{InteractionKind, RelationKind};
use chrono::NaiveDate;

#[test]
fn merge_unites_lists_lets_the_user_pick_and_loses_nothing() {
    let mut dir = Directory::default();
    let a = add(
        &mut dir,
        &ContactInput {
            emails: vec![labeled("ana@acme.test")],
            phones: vec![labeled("+44 20 7946 0000")],
            tags: "client".into(),
            notes: "Met in Lisbon.".into(),
            nickname: "Annie".into(),
            ..input("Ana Cruz", "Acme")
        },
        10,
    );
    let b = add(
        &mut dir,
        &ContactInput {
            emails: vec![labeled("ANA@acme.test"), labeled("ana@home.test")],
            phones: vec![labeled("+44 (20) 7946-0000")],
            tags: "Client, friend".into(),
            notes: "Loves jazz.".into(),
            nickname: "Nina".into(),
            how_we_met: "Trade fair".into(),
            ..input("Ana M. Cruz", "Globex")
        },
        5,
    );
    let carl = add(&mut dir, &input("Carl", ""), 1);
    dir.apply(
        &with_ctx(11, |ctx| {
            dir.add_relation(&carl, RelationKind::ColleagueOf, &b, ctx)
        })
        .unwrap(),
    );
    let mut bb = dir.contact(&b).unwrap().clone();
    bb.cadence = Cadence::Every {
        count: 2,
        unit: CadenceUnit::Weeks,
    };
    dir.apply(&Batch {
        contacts: vec![bb],
        ..Default::default()
    });

    let conflicts: Vec<_> = dir
        .merge_conflicts(&a, &b)
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(conflicts, ["name", "nickname"]);

    let day = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    let call = with_ctx(12, |ctx| {
        dir.log_interaction(&[b.clone(), a.clone()], InteractionKind::Call, day, "", ctx)
    })
    .unwrap();
    let mut choices = MergeChoices::default();
    choices.set("nickname", MergePick::Other);
    let batch = with_ctx(20, |ctx| {
        dir.merge_contacts(
            &a,
            &b,
            &choices,
            OtherRecords {
                interactions: &call.interactions,
                ..Default::default()
            },
            ctx,
        )
    })
    .unwrap();
    let kept = &batch.contacts[0];
    assert_eq!(kept.name, "Ana Cruz");
    assert_eq!(kept.nickname, "Nina");
    assert_eq!(
        kept.how_we_met, "Trade fair",
        "an empty field takes the other value"
    );
    assert_eq!(
        kept.cadence,
        Cadence::Every {
            count: 2,
            unit: CadenceUnit::Weeks
        }
    );
    let emails: Vec<_> = kept.emails.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(emails, ["ana@acme.test", "ana@home.test"]);
    assert_eq!(kept.phones.len(), 1, "the same number written differently");
    assert_eq!(kept.tags, ["client", "friend"]);
    assert_eq!(kept.roles.len(), 2);
    assert_eq!(kept.notes, "Met in Lisbon.\n\nLoves jazz.");
    assert!(kept
        .details
        .iter()
        .any(|d| d.text == "Merged with the record “Ana M. Cruz”."));
    let mut renamed = MergeChoices::default();
    renamed.set("name", MergePick::Other);
    let other_name = with_ctx(21, |ctx| {
        dir.merge_contacts(&a, &b, &renamed, OtherRecords::default(), ctx)
    })
    .unwrap();
    assert_eq!(other_name.contacts[0].name, "Ana M. Cruz");
    assert!(other_name.contacts[0]
        .details
        .iter()
        .any(|d| d.text == "Merged with the record “Ana Cruz”."));
    assert_eq!(kept.created, Timestamp(5));

    let gone = &batch.contacts[1];
    assert_eq!(
        (gone.id.clone(), gone.merged_into.clone()),
        (b.clone(), Some(a.clone()))
    );
    assert!(gone.deleted.is_some());
    let carl_now = batch.contacts.iter().find(|c| c.id == carl).unwrap();
    assert_eq!(carl_now.relations[0].other, a);
    assert_eq!(
        batch.interactions[0].contact_ids,
        vec![a.clone()],
        "one participant, not two"
    );

    dir.apply(&batch);
    assert_eq!(dir.live_count(), 2);
    assert!(
        dir.trash(Timestamp(21)).is_empty(),
        "a merged record is not in the trash"
    );
}

#[test]
fn the_other_photo_moves_over_when_the_kept_person_has_none() {
    let mut dir = Directory::default();
    let a = add(&mut dir, &input("Ana", ""), 1);
    let b = add(&mut dir, &input("Ana C", ""), 1);
    let photo = Photo {
        contact_id: b.clone(),
        mime: "image/jpeg".into(),
        bytes: vec![7; 10],
    };
    let batch = with_ctx(2, |ctx| {
        dir.merge_contacts(
            &a,
            &b,
            &MergeChoices::default(),
            OtherRecords {
                photo: Some(&photo),
                ..Default::default()
            },
            ctx,
        )
    })
    .unwrap();
    assert_eq!(batch.photos[0].contact_id, a);
    assert_eq!(batch.photos[0].bytes, photo.bytes);
    assert_eq!(batch.photos_removed, vec![b]);
    assert_eq!(batch.contacts[0].photo, Some(Timestamp(2)));
}

#[test]
fn merging_a_person_with_themselves_is_refused() {
    let mut dir = Directory::default();
    let a = add(&mut dir, &input("Ana", ""), 1);
    assert!(with_ctx(2, |ctx| dir.merge_contacts(
        &a,
        &a,
        &MergeChoices::default(),
        OtherRecords::default(),
        ctx
    ))
    .is_err());
}

use crate::time::Timestamp;
