use super::*;
use crate::contract::{contact, interaction};
use chrono::NaiveDate;

#[test]
fn a_new_record_is_tombstoned_and_a_changed_one_comes_back_stamped_now() {
    let ana = contact("ana", "Ana");
    let mut renamed = ana.clone();
    renamed.name = "Ana Cruz".into();
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let call = interaction("c1", &[&ana], day, None);
    let done = Batch {
        contacts: vec![renamed],
        interactions: vec![call.clone()],
        ..Batch::default()
    };
    let before = Before {
        contacts: vec![ana.clone()],
        ..Before::default()
    };
    let undo = done.undo(&before, Timestamp(9_000));
    assert_eq!(undo.contacts.len(), 1);
    assert_eq!(undo.contacts[0].name, "Ana");
    assert_eq!(undo.contacts[0].updated, Timestamp(9_000));
    assert_eq!(undo.contacts[0].deleted, None);
    assert_eq!(undo.interactions[0].id, call.id);
    assert_eq!(undo.interactions[0].deleted, Some(Timestamp(9_000)));
}

#[test]
fn a_photo_comes_back_or_goes() {
    let ana = contact("ana", "Ana");
    let bo = contact("bo", "Bo");
    let photo = |who: &Contact, fill| Photo {
        contact_id: who.id.clone(),
        mime: "image/png".into(),
        bytes: vec![fill; 4],
    };
    let done = Batch {
        photos: vec![photo(&ana, 2)],
        photos_removed: vec![bo.id.clone()],
        ..Batch::default()
    };
    let before = Before {
        photos: vec![photo(&bo, 7)],
        ..Before::default()
    };
    let undo = done.undo(&before, Timestamp(1));
    assert_eq!(
        undo.photos,
        vec![photo(&bo, 7)],
        "Bo's removed photo returns"
    );
    assert_eq!(undo.photos_removed, vec![ana.id.clone()], "Ana had none");
}

#[test]
fn undoing_a_deletion_restores_the_record_live() {
    let ana = contact("ana", "Ana");
    let mut gone = ana.clone();
    gone.deleted = Some(Timestamp(5_000));
    let done = Batch {
        contacts: vec![gone],
        ..Batch::default()
    };
    let before = Before {
        contacts: vec![ana.clone()],
        ..Before::default()
    };
    let undo = done.undo(&before, Timestamp(6_000));
    assert_eq!(undo.contacts[0].deleted, None);
    assert_eq!(undo.contacts[0].details, ana.details);
}
