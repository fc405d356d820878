//! Tests of `contact` (kept beside it, so the module itself stays short).

use super::*;

fn person(name: &str) -> Contact {
    Contact::new(ContactId::parse("c").unwrap(), name, Timestamp(0))
}

#[test]
fn initials_take_first_and_last_word() {
    let mut c = person("Ana María de la Cruz");
    assert_eq!(c.initials(), "AC");
    c.name = "émile zola".into();
    // ASCII letters in capitals; others as written, which the avatar's CSS
    // capitalises (the wasm carries no Unicode upper-case table for this).
    assert_eq!(c.initials(), "éZ");
    c.name = "  ".into();
    assert_eq!(c.initials(), "");
}

#[test]
fn a_v1_organisation_becomes_a_role() {
    let mut c = person("Ana");
    let acme = OrganisationId::parse("acme").unwrap();
    c.organisation_id = Some(acme.clone());
    c.normalise();
    assert_eq!(c.roles.len(), 1);
    assert_eq!(c.roles[0].organisation_id, acme);
    assert_eq!(c.organisation_id, Some(acme.clone()));
    c.normalise();
    assert_eq!(c.roles.len(), 1, "normalising twice changes nothing");
}

#[test]
fn organisation_follows_the_first_current_role() {
    let mut c = person("Ana");
    let org = |s| OrganisationId::parse(s).unwrap();
    let day = NaiveDate::from_ymd_opt(2020, 1, 1);
    c.roles = vec![
        Role {
            organisation_id: org("old"),
            title: "Intern".into(),
            since: None,
            until: day,
        },
        Role {
            organisation_id: org("new"),
            title: "CTO".into(),
            since: day,
            until: None,
        },
    ];
    c.normalise();
    assert_eq!(c.organisation_id, Some(org("new")));
    c.roles[1].until = day;
    c.normalise();
    assert_eq!(c.organisation_id, None);
}

#[test]
fn details_pinned_first_then_newest() {
    let mut c = person("Ana");
    let d = |id: &str, day: u32, pinned| Detail {
        id: DetailId::parse(id).unwrap(),
        date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
        text: id.into(),
        pinned,
    };
    c.details = vec![
        d("old", 1, false),
        d("pin", 2, true),
        d("new", 3, false),
        d("newer", 3, false),
    ];
    let order: Vec<_> = c
        .details_in_order()
        .iter()
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(order, ["pin", "newer", "new", "old"]);
}

#[test]
fn relations_read_from_both_sides() {
    assert_eq!(RelationKind::ReportsTo.label(), "Reports to");
    assert_eq!(RelationKind::ReportsTo.inverse_label(), "Manages");
    assert_eq!(RelationKind::SpouseOf.inverse_label(), "Spouse of");
    for k in RelationKind::ALL {
        assert_eq!(RelationKind::from_key(k.key()), Some(k));
    }
}

#[test]
fn tags_match_ignoring_case_and_accents() {
    let mut c = person("Ana");
    c.tags = vec!["Clients VIP".into(), "Café".into()];
    assert!(c.has_tag("clients vip"));
    assert!(c.has_tag("cafe"));
    assert!(!c.has_tag("client"));
}

#[test]
fn priorities_are_asked_about_again_after_the_chosen_age() {
    let mut c = Contact::new(ContactId::parse("c").unwrap(), "Ana", Timestamp(0));
    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    assert!(
        !c.priorities_need_reconfirming(day(6, 1), 60),
        "nothing to confirm"
    );
    assert_eq!(c.priorities_confirmed_words(day(6, 1)), "");
    c.priorities = "Launch in Porto".into();
    c.priorities_confirmed = Some(day(2, 29));
    assert!(
        !c.priorities_need_reconfirming(day(4, 29), 60),
        "60 days: not yet"
    );
    assert!(c.priorities_need_reconfirming(day(4, 30), 60));
    assert_eq!(c.priorities_confirmed_words(day(2, 29)), "Confirmed today");
    assert_eq!(
        c.priorities_confirmed_words(day(3, 1)),
        "Confirmed yesterday"
    );
    assert_eq!(
        c.priorities_confirmed_words(day(4, 30)),
        "Confirmed 61 days ago"
    );
}
