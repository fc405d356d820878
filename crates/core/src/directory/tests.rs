//! Tests of `directory` (kept beside it, so the module itself stays short).

use super::*;
use crate::cadence::{Cadence, CadenceUnit};
use crate::commands::testing::{add, input, with_ctx};
use crate::commands::{ContactInput, DateInput};
use crate::model::{InteractionKind, Labeled};
use chrono::NaiveDate;

fn all() -> Filter {
    Filter::default()
}

/// The people list as the People page asks for it, on 22 Nov 2026.
fn query(dir: &Directory, text: &str, order: SortOrder, filter: &Filter) -> Vec<ContactId> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    dir.query(
        text,
        order,
        filter,
        today,
        &crate::CheckInSettings::default(),
    )
}

#[test]
fn query_matches_every_kind_of_field_and_sorts() {
    let mut dir = Directory::default();
    let zoe = add(
        &mut dir,
        &ContactInput {
            emails: vec![Labeled {
                label: String::new(),
                value: "z@north.test".into(),
            }],
            ..input("Zoë Adams", "Northwind")
        },
        1,
    );
    let bo = add(
        &mut dir,
        &ContactInput {
            phones: vec![Labeled {
                label: String::new(),
                value: "555 0101".into(),
            }],
            tags: "Golf buddies".into(),
            ..input("bo Lind", "")
        },
        2,
    );
    let ana = add(&mut dir, &input("Ana Cruz", "Acme"), 3);
    dir.apply(
        &with_ctx(4, |ctx| {
            dir.add_detail(&ana, "Daughter Ava started university", ctx)
        })
        .unwrap(),
    );
    let q = |text: &str| query(&dir, text, SortOrder::Name, &all());
    assert_eq!(q(""), [ana.clone(), bo.clone(), zoe.clone()]);
    assert_eq!(q("zoe"), vec![zoe.clone()]);
    assert_eq!(q("NORTHWIND"), vec![zoe.clone()]);
    assert_eq!(q("north.test"), vec![zoe.clone()]);
    assert_eq!(q("0101"), vec![bo.clone()]);
    assert_eq!(q("golf"), vec![bo.clone()]);
    assert_eq!(q("universite"), Vec::<ContactId>::new());
    assert_eq!(q("university"), vec![ana.clone()]);
    assert!(q("nobody").is_empty());

    // Renaming an organisation re-keys its people.
    let mut acme = dir.organisation_named("acme").unwrap().clone();
    acme.name = "Globex".into();
    dir.apply(&Batch {
        organisations: vec![acme],
        ..Default::default()
    });
    assert_eq!(
        query(&dir, "globex", SortOrder::Name, &all()),
        vec![ana.clone()]
    );
    assert!(query(&dir, "acme", SortOrder::Name, &all()).is_empty());

    // Last contact: most recent first, never-contacted last.
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    for (who, d) in [(&bo, 1), (&zoe, 20)] {
        let b = with_ctx(5, |ctx| {
            dir.log_interaction(
                std::slice::from_ref(who),
                InteractionKind::Call,
                day(d),
                "",
                ctx,
            )
        })
        .unwrap();
        dir.apply(&b);
    }
    assert_eq!(
        query(&dir, "", SortOrder::LastContact, &all()),
        [zoe.clone(), bo.clone(), ana.clone()]
    );

    // Next check-in: soonest first, no timer last.
    let mut z = dir.contact(&zoe).unwrap().clone();
    z.cadence = Cadence::Every {
        count: 30,
        unit: CadenceUnit::Days,
    };
    let mut b = dir.contact(&bo).unwrap().clone();
    b.cadence = Cadence::Every {
        count: 60,
        unit: CadenceUnit::Days,
    };
    dir.apply(&Batch {
        contacts: vec![z, b],
        ..Default::default()
    });
    assert_eq!(
        query(&dir, "", SortOrder::NextCheckIn, &all()),
        [zoe, bo, ana]
    );
}

#[test]
fn organisation_members_with_roles_current_first() {
    let mut dir = Directory::default();
    let roles = |spec: &[(&str, &str, &str)]| {
        spec.iter()
            .map(|(org, title, until)| crate::commands::RoleInput {
                organisation: (*org).into(),
                title: (*title).into(),
                since: String::new(),
                until: (*until).into(),
            })
            .collect::<Vec<_>>()
    };
    let add_with = |dir: &mut Directory, name: &str, spec: &[(&str, &str, &str)]| {
        add(
            dir,
            &ContactInput {
                name: name.into(),
                roles: roles(spec),
                ..Default::default()
            },
            1,
        )
    };
    let cy = add_with(
        &mut dir,
        "Cy",
        &[("Acme", "Engineer", "2020-01-01"), ("Globex", "CTO", "")],
    );
    let ana = add_with(&mut dir, "Ana", &[("Acme", "CEO", "")]);
    let bo = add_with(&mut dir, "Bo", &[("Acme", "Buyer", "")]);
    let acme = dir.organisation_named("Acme").unwrap().id.clone();
    let members: Vec<_> = dir
        .members(&acme)
        .into_iter()
        .map(|(c, r)| (c.id.clone(), r.title.clone(), r.is_current()))
        .collect();
    assert_eq!(
        members,
        [
            (ana, "CEO".into(), true),
            (bo, "Buyer".into(), true),
            (cy.clone(), "Engineer".into(), false)
        ]
    );
    let filter = Filter {
        organisation: Some(acme),
        tag: None,
    };
    assert_eq!(query(&dir, "", SortOrder::Name, &filter).len(), 3);
    let globex = dir.organisation_named("globex").unwrap().id.clone();
    assert_eq!(
        query(
            &dir,
            "",
            SortOrder::Name,
            &Filter {
                organisation: Some(globex),
                tag: None
            }
        ),
        vec![cy]
    );
}

#[test]
fn search_finds_custom_field_values_and_date_labels() {
    let mut dir = Directory::default();
    let ana = add(
        &mut dir,
        &ContactInput {
            custom_fields: vec![Labeled {
                label: "Preferred language".into(),
                value: "Portuguese".into(),
            }],
            ..input("Ana Cruz", "")
        },
        1,
    );
    let bo = add(&mut dir, &input("Bo Lind", ""), 2);
    let q = |dir: &Directory, text: &str| query(dir, text, SortOrder::Name, &all());
    assert_eq!(q(&dir, "portuguese"), vec![ana.clone()]);

    let graduation = DateInput {
        kind: "graduation".into(),
        month: 6,
        day: 30,
        ..Default::default()
    };
    let added = with_ctx(3, |ctx| dir.add_date(&bo, &graduation, ctx)).unwrap();
    dir.apply(&added);
    assert_eq!(q(&dir, "graduation"), vec![bo.clone()]);
    let custom = DateInput {
        kind: "custom".into(),
        label: "Moved to Lisbon".into(),
        month: 3,
        day: 1,
        ..Default::default()
    };
    let moved = with_ctx(4, |ctx| dir.add_date(&ana, &custom, ctx)).unwrap();
    dir.apply(&moved);
    assert_eq!(q(&dir, "lisbon"), vec![ana.clone()]);

    // A directory read afresh from storage finds the same people.
    let people: Vec<Contact> = dir.all_contacts().cloned().collect();
    let dates = vec![added.dates[0].clone(), moved.dates[0].clone()];
    let fresh = Directory::load(people, vec![], dates);
    assert_eq!(q(&fresh, "graduation"), vec![bo.clone()]);
    assert_eq!(q(&fresh, "portuguese lisbon"), vec![ana.clone()]);

    // A removed date no longer finds its person.
    let removed = with_ctx(5, |ctx| dir.remove_date(&added.dates[0], ctx));
    dir.apply(&removed);
    assert!(q(&dir, "graduation").is_empty());
}

/// The name order is kept between changes and follows each one: a rename
/// moves the person, a deletion takes them out, a new person takes their
/// place, and two people of one name keep their id order.
#[test]
fn the_kept_name_order_follows_every_change() {
    let mut dir = Directory::default();
    let cy = add(&mut dir, &input("Cy Berg", ""), 1);
    let ana = add(&mut dir, &input("Ana Cruz", ""), 2);
    let q = |dir: &Directory| query(dir, "", SortOrder::Name, &all());
    assert_eq!(q(&dir), [ana.clone(), cy.clone()]);
    let mut renamed = dir.contact(&ana).unwrap().clone();
    renamed.name = "Zed Cruz".into();
    dir.apply(&Batch {
        contacts: vec![renamed.clone()],
        ..Default::default()
    });
    assert_eq!(q(&dir), [cy.clone(), ana.clone()]);
    let bo = add(&mut dir, &input("Bo Lind", ""), 3);
    let twin = add(&mut dir, &input("Bo Lind", ""), 4);
    let mut twins = [bo.clone(), twin.clone()];
    twins.sort();
    assert_eq!(
        q(&dir),
        [twins[0].clone(), twins[1].clone(), cy.clone(), ana.clone()]
    );
    renamed.deleted = Some(crate::Timestamp(5));
    dir.apply(&Batch {
        contacts: vec![renamed],
        ..Default::default()
    });
    assert_eq!(q(&dir), [twins[0].clone(), twins[1].clone(), cy]);
    // A date's label rekeys one of two same-named people in place.
    let find = |dir: &Directory, text: &str| query(dir, text, SortOrder::Name, &all());
    let recital = DateInput {
        kind: "custom".into(),
        label: "Violin recital".into(),
        month: 5,
        day: 2,
        ..Default::default()
    };
    let added = with_ctx(6, |ctx| dir.add_date(&twins[1], &recital, ctx)).unwrap();
    dir.apply(&added);
    assert_eq!(find(&dir, "recital"), [twins[1].clone()]);
    assert_eq!(find(&dir, "bo"), twins);
}
