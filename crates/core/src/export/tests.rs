//! Tests of `export` (kept beside it, so the module itself stays short).

use super::*;
use crate::commands::testing::{add, input, with_ctx};
use crate::ids::{ContactId, DateId, TaskId};

#[test]
fn calendar_has_check_ins_follow_ups_and_yearly_dates_with_alarms() {
    let mut dir = Directory::new(vec![], vec![]);
    let ana = add(&mut dir, &input("Ana Cruz", "Acme"), 10);
    let batch = with_ctx(20, |ctx| {
        dir.set_cadence(
            &ana,
            crate::Cadence::Every {
                count: 30,
                unit: crate::CadenceUnit::Days,
            },
            ctx,
        )
    })
    .unwrap();
    dir.apply(&batch);
    let today = crate::commands::testing::today();
    let date = |id: &str, month, day, year, lead_days| ImportantDate {
        id: DateId::parse(id).unwrap(),
        contact_id: ana.clone(),
        family_member: None,
        kind: DateKind::Birthday,
        month,
        day,
        year,
        lead_days,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    };
    let task = Task {
        id: TaskId::parse("t1").unwrap(),
        contact_ids: vec![ana.clone()],
        text: "Send the proposal".into(),
        due: today + Days::new(3),
        done: None,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    };
    let out = ics(
        &dir,
        &[date("d1", 3, 14, Some(1990), 7), date("d2", 2, 29, None, 0)],
        &[task],
        &CheckInSettings::default(),
        today,
        Timestamp(1_795_000_000_000),
    );
    assert!(out.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(out.ends_with("END:VCALENDAR\r\n"));
    assert!(out.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    assert_eq!(out.matches("BEGIN:VEVENT").count(), 4);
    assert_eq!(out.matches("BEGIN:VALARM").count(), 4);
    let due = (today + Days::new(30)).format("%Y%m%d").to_string();
    assert!(
        out.contains(&format!("DTSTART;VALUE=DATE:{due}\r\nDTEND")),
        "next check-in in 30 days"
    );
    assert!(out.contains("SUMMARY:Check in with Ana Cruz"));
    assert!(out.contains("SUMMARY:Send the proposal — Ana Cruz"));
    assert!(out.contains(
        "DTSTART;VALUE=DATE:19900314\r\nDTEND;VALUE=DATE:19900315\r\nRRULE:FREQ=YEARLY\r\n"
    ));
    assert!(out.contains("TRIGGER:-P7D"));
    assert!(
        out.contains("DTSTART;VALUE=DATE:2024022"),
        "a year-less 29 February starts in a leap year"
    );
    assert!(out.contains("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"));
    assert!(out.contains("TRIGGER:PT9H"));
}

#[test]
fn long_lines_fold_between_characters() {
    let mut out = String::new();
    fold(&mut out, &format!("NOTE:{}", "é".repeat(60)));
    for l in out.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(l.len() <= 75, "{} octets", l.len());
    }
    let unfolded = out.replace("\r\n ", "");
    assert_eq!(unfolded, format!("NOTE:{}\r\n", "é".repeat(60)));
}

#[test]
fn each_card_gets_its_own_dates_and_photo_whatever_order_they_come_in() {
    let mut dir = Directory::new(vec![], vec![]);
    let ana = add(&mut dir, &input("Ana Cruz", "Acme"), 10);
    let bo = add(&mut dir, &input("Bo Lind", ""), 11);
    let cy = add(&mut dir, &input("Cy Moss", ""), 12);
    let date = |id: &str, who: &ContactId, kind, month, day| ImportantDate {
        id: DateId::parse(id).unwrap(),
        contact_id: who.clone(),
        family_member: None,
        kind,
        month,
        day,
        year: None,
        lead_days: 0,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    };
    let mut gone = date("d5", &ana, DateKind::Anniversary, 9, 9);
    gone.deleted = Some(Timestamp(2));
    // People and dates interleaved, as the store hands them back by day.
    let dates = [
        date("d1", &cy, DateKind::Birthday, 1, 2),
        date("d2", &ana, DateKind::Birthday, 3, 4),
        gone,
        date("d3", &cy, DateKind::Anniversary, 5, 6),
        date("d4", &ana, DateKind::Anniversary, 7, 8),
    ];
    let photos = [Photo {
        contact_id: bo.clone(),
        mime: "image/png".into(),
        bytes: vec![1, 2, 3],
    }];
    let people: Vec<&Contact> = [&cy, &ana, &bo]
        .iter()
        .map(|id| dir.contact(id).unwrap())
        .collect();
    let out = vcard(&people, &dir, &dates, &photos);
    let cards: Vec<&str> = out.split("BEGIN:VCARD").skip(1).collect();
    assert_eq!(cards.len(), 3);
    let card = |name: &str| {
        *cards
            .iter()
            .find(|c| c.contains(&format!("FN:{name}")))
            .unwrap()
    };
    assert!(card("Cy Moss").contains("BDAY:--0102\r\nANNIVERSARY:--0506\r\n"));
    assert!(card("Ana Cruz").contains("BDAY:--0304\r\nANNIVERSARY:--0708\r\n"));
    assert!(
        !card("Ana Cruz").contains("--0909"),
        "a deleted date stays out"
    );
    assert!(card("Ana Cruz").contains("ORG:Acme"));
    assert!(!card("Bo Lind").contains("BDAY") && !card("Bo Lind").contains("ANNIVERSARY"));
    assert!(card("Bo Lind").contains("PHOTO:data:image/png;base64,AQID"));
    assert!(!card("Ana Cruz").contains("PHOTO") && !card("Cy Moss").contains("PHOTO"));
    // Written a person at a time, the file is the same.
    let cards_by_one = Cards::new(&dates, &photos);
    let mut by_one = String::new();
    for c in &people {
        cards_by_one.write(&dir, c, &mut by_one);
    }
    assert_eq!(by_one, out);
}
