//! Tests of `rules` (kept beside it).

use super::*;
use crate::ids::ContactId;
use crate::time::Timestamp;

#[test]
fn emails_and_phones_follow_the_forms_rules() {
    assert!(is_email("ana@example.com"));
    assert!(!is_email("ana@@example.com") && !is_email("ana @x.com") && !is_email("ana"));
    assert!(!is_email(&format!("{}@x.com", "a".repeat(300))));
    assert!(is_phone("+1 (555) 010-0100") && is_phone("112"));
    assert!(!is_phone("+49 PRIVAT") && !is_phone(&"1".repeat(41)));
}

#[test]
fn values_the_form_refuses_are_kept_as_custom_fields_and_tags_split_on_commas() {
    let mut c = Contact::new(ContactId::from_random([1; 16]), "Ana", Timestamp(0));
    c.phones = vec![
        Labeled {
            label: "work".into(),
            value: "+49 PRIVAT".into(),
        },
        Labeled {
            label: String::new(),
            value: "112".into(),
        },
    ];
    c.emails = vec![Labeled {
        label: String::new(),
        value: "a@b@c".into(),
    }];
    c.tags = vec!["Friends, Tennis".into(), "friends".into()];
    c.tidy();
    assert_eq!(c.phones.len(), 1);
    assert_eq!(c.phones[0].value, "112");
    assert!(c.emails.is_empty());
    let custom: Vec<(&str, &str)> = c
        .custom_fields
        .iter()
        .map(|l| (l.label.as_str(), l.value.as_str()))
        .collect();
    assert_eq!(
        custom,
        vec![("email", "a@b@c"), ("phone (work)", "+49 PRIVAT")]
    );
    assert_eq!(c.tags, vec!["Friends", "Tennis"]);
}

#[test]
fn dates_are_real_days_with_four_digit_years() {
    assert_eq!(day_problem(3, 14, None), None);
    assert_eq!(day_problem(2, 29, None), None);
    assert_eq!(day_problem(2, 29, Some(2024)), None);
    assert_eq!(
        day_problem(2, 29, Some(2023)).as_deref(),
        Some("month 2, day 29 of 2023 is not a real date")
    );
    assert!(day_problem(13, 1, None).is_some());
    assert!(day_problem(4, 40, None).is_some());
    assert_eq!(day_problem(0, 0, Some(1990)), None, "a year alone");
    assert_eq!(day_problem(6, 0, Some(1990)), None, "a month and year");
    assert!(
        day_problem(6, 0, None).is_some(),
        "a month alone is no date"
    );
    assert_eq!(
        day_problem(1, 1, Some(i32::MIN)).as_deref(),
        Some("its year -2147483648 is not between 1 and 9999")
    );
}

#[test]
fn a_live_person_needs_a_name_a_tombstone_does_not() {
    let mut c = Contact::new(ContactId::from_random([1; 16]), " ", Timestamp(0));
    assert_eq!(contact_problem(&c).as_deref(), Some("their name is empty"));
    c.deleted = Some(Timestamp(1));
    assert_eq!(contact_problem(&c), None);
    c.name = "x".repeat(1_000_000);
    assert_eq!(
        contact_problem(&c).as_deref(),
        Some("their name is longer than 200 characters")
    );
}
