//! Tests of "Possible duplicates": what is offered, how it is explained,
//! what is never offered, and that it stays linear.

use super::*;
use crate::commands::testing::{add, input, labeled, with_ctx};
use crate::commands::ContactInput;

fn person(dir: &mut Directory, name: &str, email: &str, phone: &str) -> ContactId {
    let mut i: ContactInput = input(name, "");
    if !email.is_empty() {
        i.emails = vec![labeled(email)];
    }
    if !phone.is_empty() {
        i.phones = vec![labeled(phone)];
    }
    add(dir, &i, 1)
}

fn offered(dir: &Directory) -> Vec<String> {
    dir.duplicates()
        .iter()
        .map(|c| {
            let n = |id| dir.contact(id).unwrap().name.clone();
            format!("{} + {}: {} ({})", n(&c.a), n(&c.b), c.why, c.score)
        })
        .collect()
}

#[test]
fn pairs_are_found_by_name_email_and_phone_and_explained_likeliest_first() {
    let mut dir = Directory::default();
    person(
        &mut dir,
        "Ana Kruse",
        "ana@kruse.example",
        "+44 7700 900123",
    );
    person(&mut dir, "Ana K.", "ANA@kruse.example ", "");
    person(&mut dir, "Cruz, Bea", "", "07700 900555");
    person(&mut dir, "Bea Cruz", "", "+44 (0)7700 900555");
    person(&mut dir, "Dan Ode", "", "");
    person(&mut dir, "Dan Ode", "", "");
    let got = offered(&dir);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got.iter()
            .any(|g| g.ends_with("same email, similar name (4)")),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|g| g.contains("Bea") && g.ends_with("same phone, same name (5)")),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|g| g.starts_with("Dan Ode + Dan Ode: same name (3)")),
        "{got:#?}"
    );
    assert!(got[0].ends_with("(5)"), "likeliest first: {got:#?}");
}

#[test]
fn a_shared_switchboard_or_family_email_never_makes_two_people_one() {
    let mut dir = Directory::default();
    person(
        &mut dir,
        "Ana Lopez",
        "office@firm.example",
        "+49 30 1234567",
    );
    person(
        &mut dir,
        "Bo Smith",
        "office@firm.example",
        "+49 30 1234567",
    );
    person(&mut dir, "Ana Smith", "", "");
    assert!(offered(&dir).is_empty(), "{:#?}", offered(&dir));
}

#[test]
fn told_apart_deleted_and_merged_people_are_not_offered() {
    let mut dir = Directory::default();
    let a = person(&mut dir, "Eve Stone", "", "");
    let b = person(&mut dir, "Eve Stone", "", "");
    let c = person(&mut dir, "Eve Stone", "", "");
    assert_eq!(offered(&dir).len(), 3);
    let batch = with_ctx(5, |ctx| dir.not_duplicates(&a, &b, ctx)).unwrap();
    dir.apply(&batch);
    assert_eq!(dir.contact(&a).unwrap().distinct_from, vec![b.clone()]);
    let left: Vec<(ContactId, ContactId)> =
        dir.duplicates().into_iter().map(|d| (d.a, d.b)).collect();
    assert_eq!(left.len(), 2);
    assert!(!left.contains(&(a.clone(), b.clone())) && !left.contains(&(b.clone(), a.clone())));
    dir.apply(&with_ctx(6, |ctx| {
        dir.delete_contacts(std::slice::from_ref(&c), ctx)
    }));
    assert!(dir.duplicates().is_empty());
}

#[test]
fn ten_thousand_people_with_common_names_finish_in_a_linear_pass() {
    // 10,000 people from 40 first names and 250 surnames: blocks of one
    // first name with common initials are large and skipped, whole-name
    // blocks stay small.
    let mut dir = Directory::default();
    let first = [
        "ana", "bo", "cy", "dee", "eve", "finn", "gus", "hal", "ida", "jo",
    ];
    let mut batch = crate::model::Batch::default();
    for n in 0..10_000u32 {
        let name = format!("{} Surname{}", first[n as usize % 10], n % 2_500);
        let mut c = Contact::new(
            ContactId::parse(&format!("c{n}")).unwrap(),
            name,
            crate::Timestamp(1),
        );
        c.emails = vec![labeled(&format!("p{n}@example.org"))];
        batch.contacts.push(c);
    }
    dir.apply(&batch);
    let started = std::time::Instant::now();
    let found = dir.duplicates();
    let took = started.elapsed();
    // Each full name is shared by exactly four people: six pairs each.
    assert_eq!(found.len(), 2_500 * 6);
    assert!(found.iter().all(|c| c.why == "same name"));
    eprintln!("duplicates over 10,000 people: {took:?}");
}
