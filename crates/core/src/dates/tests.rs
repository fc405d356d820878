//! Tests of `dates` (kept beside it, so the module itself stays short).

use super::*;

fn date(month: u32, day: u32, year: Option<i32>) -> ImportantDate {
    ImportantDate {
        id: DateId::parse("d1").unwrap(),
        contact_id: ContactId::parse("c1").unwrap(),
        family_member: None,
        kind: DateKind::Birthday,
        month,
        day,
        year,
        lead_days: 3,
        created: Timestamp(0),
        updated: Timestamp(0),
        deleted: None,
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn next_occurrence_is_today_or_later() {
    let bday = date(11, 25, None);
    assert_eq!(bday.next_occurrence(d(2026, 11, 22)), Some(d(2026, 11, 25)));
    assert_eq!(bday.next_occurrence(d(2026, 11, 25)), Some(d(2026, 11, 25)));
    assert_eq!(bday.next_occurrence(d(2026, 11, 26)), Some(d(2027, 11, 25)));
}

#[test]
fn feb_29_falls_on_feb_28_in_common_years() {
    let leapling = date(2, 29, Some(2000));
    assert_eq!(
        leapling.next_occurrence(d(2026, 1, 1)),
        Some(d(2026, 2, 28))
    );
    assert_eq!(
        leapling.next_occurrence(d(2028, 1, 1)),
        Some(d(2028, 2, 29))
    );
    assert_eq!(
        leapling.next_occurrence(d(2027, 3, 1)),
        Some(d(2028, 2, 29))
    );
    assert_eq!(leapling.years_at_next(d(2026, 1, 1)), Some(26));
}

#[test]
fn reminders_respect_each_lead_time_and_the_horizon() {
    let today = d(2026, 11, 22);
    let mut soon = date(11, 25, None);
    soon.lead_days = 3;
    let mut too_early = date(11, 30, None);
    too_early.id = DateId::parse("d2").unwrap();
    too_early.lead_days = 3;
    let mut far = date(12, 20, None);
    far.id = DateId::parse("d3").unwrap();
    far.lead_days = 60;
    let mut today_one = date(11, 22, Some(1980));
    today_one.id = DateId::parse("d4").unwrap();
    today_one.lead_days = 0;
    let found = reminders(&[soon, too_early, far, today_one], today, 14);
    let got: Vec<_> = found
        .iter()
        .map(|(d, _, days)| (d.id.as_str(), *days))
        .collect();
    assert_eq!(got, [("d4", 0), ("d1", 3)]);
}

#[test]
fn words_for_when_a_date_comes() {
    let leapling = date(2, 29, Some(2000));
    assert_eq!(leapling.when_words(d(2027, 2, 28)), "today, turns 27");
    assert_eq!(leapling.when_words(d(2028, 2, 28)), "tomorrow, turns 28");
    let mut wedding = date(3, 4, Some(2016));
    wedding.kind = DateKind::Anniversary;
    assert_eq!(wedding.when_words(d(2026, 3, 1)), "in 3 days, 10 years");
    assert_eq!(date(3, 4, None).when_words(d(2026, 3, 1)), "in 3 days");

    let mut bill =
        crate::model::Contact::new(ContactId::parse("c1").unwrap(), "Bill Evans", Timestamp(0));
    assert_eq!(
        leapling.reminder_line(&bill, 0, d(2026, 2, 28)),
        "Bill Evans's birthday today (turns 26)"
    );
    let ava = crate::ids::FamilyMemberId::parse("f1").unwrap();
    bill.family.push(crate::contact::FamilyMember {
        id: ava.clone(),
        name: "Ava".into(),
        relation: "daughter".into(),
    });
    let mut hers = date(12, 1, None);
    hers.family_member = Some(ava);
    assert_eq!(
        hers.reminder_line(&bill, 3, d(2026, 11, 28)),
        "Ava's birthday in 3 days — Bill Evans's daughter"
    );
}

#[test]
fn soonest_first_wraps_around_the_year() {
    let mut jan = date(1, 5, None);
    jan.id = DateId::parse("jan").unwrap();
    let mut dec = date(12, 24, None);
    dec.id = DateId::parse("dec").unwrap();
    let leap = date(2, 29, None);
    let got: Vec<_> = soonest_first(vec![jan, leap, dec], d(2026, 12, 1))
        .into_iter()
        .map(|d| d.id.as_str().to_owned())
        .collect();
    assert_eq!(got, ["dec", "jan", "d1"]);
}

#[test]
fn a_year_or_a_month_and_year_never_reminds() {
    let today = d(2026, 6, 1);
    let mut graduated = date(0, 0, Some(2019));
    graduated.id = DateId::parse("grad").unwrap();
    graduated.lead_days = 365;
    let mut started = date(6, 0, Some(2021));
    started.id = DateId::parse("start").unwrap();
    started.lead_days = 365;
    assert_eq!(graduated.describe_day(), "2019");
    assert_eq!(started.describe_day(), "June 2021");
    assert_eq!(date(6, 14, None).describe_day(), "14 June");
    assert!(graduated.is_partial() && started.is_partial());
    assert_eq!(graduated.next_occurrence(today), None);
    assert_eq!(started.years_at_next(today), None);
    assert_eq!(graduated.when_words(today), "7 years ago");
    assert_eq!(date(0, 0, Some(2025)).when_words(today), "last year");
    assert_eq!(date(3, 0, Some(2026)).when_words(today), "this year");
    let bday = date(6, 3, None);
    assert_eq!(
        reminders(
            &[graduated.clone(), started.clone(), bday.clone()],
            today,
            400
        )
        .into_iter()
        .map(|r| r.0.id.as_str().to_owned())
        .collect::<Vec<_>>(),
        ["d1"]
    );
    // Dates with a day first, then the partial ones, newest first.
    let got: Vec<_> = soonest_first(vec![graduated, started, bday], today)
        .into_iter()
        .map(|d| d.id.as_str().to_owned())
        .collect();
    assert_eq!(got, ["d1", "start", "grad"]);
}

#[test]
fn dates_without_year_have_no_age() {
    let bday = date(7, 4, None);
    assert_eq!(bday.years_at_next(d(2026, 1, 1)), None);
}

#[test]
fn validity_of_month_and_day() {
    assert!(ImportantDate::is_valid_day(2, 29));
    assert!(!ImportantDate::is_valid_day(2, 30));
    assert!(!ImportantDate::is_valid_day(13, 1));
    assert!(!ImportantDate::is_valid_day(4, 31));
}

#[test]
fn kinds_and_timers_read_back_as_written() {
    use crate::cadence::{Cadence, CadenceUnit};
    for kind in [
        DateKind::Birthday,
        DateKind::WorkAnniversary,
        DateKind::Custom("Name day".into()),
    ] {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(
            serde_json::from_str::<DateKind>(&json).unwrap(),
            kind,
            "{json}"
        );
    }
    assert_eq!(
        serde_json::to_string(&DateKind::Custom("X".into())).unwrap(),
        r#"{"type":"custom","label":"X"}"#
    );
    assert!(serde_json::from_str::<DateKind>(r#"{"type":"custom"}"#).is_err());
    assert!(serde_json::from_str::<DateKind>(r#"{"type":"feast"}"#).is_err());
    for cadence in [
        Cadence::None,
        Cadence::Every {
            count: 3,
            unit: CadenceUnit::Weeks,
        },
    ] {
        let json = serde_json::to_string(&cadence).unwrap();
        assert_eq!(
            serde_json::from_str::<Cadence>(&json).unwrap(),
            cadence,
            "{json}"
        );
    }
    assert!(serde_json::from_str::<Cadence>(r#"{"type":"every","unit":"days"}"#).is_err());
    assert!(serde_json::from_str::<Cadence>(r#"{"type":"often"}"#).is_err());
}
