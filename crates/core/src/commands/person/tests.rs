//! Tests of `person` (kept beside it, so the module itself stays short).

use super::super::testing::{add, input, labeled, with_ctx};
use super::*;
use crate::time::Timestamp;

#[test]
fn create_cleans_input_and_stamps_times() {
    let dir = Directory::default();
    let form = ContactInput {
        name: "  Ana   Cruz ".into(),
        emails: vec![labeled(" ana@acme.test "), labeled("  ")],
        phones: vec![labeled("+44 (0)20 7946 0000")],
        notes: "Met at the fair.\n\n".into(),
        tags: "client, VIP, , client ".into(),
        interests: "sailing,  jazz ".into(),
        ..Default::default()
    };
    let (batch, id) = with_ctx(5, |ctx| dir.save_contact(None, &form, ctx)).unwrap();
    let c = &batch.contacts[0];
    assert_eq!(c.id, id);
    assert_eq!(c.name, "Ana Cruz");
    assert_eq!(c.emails, vec![labeled("ana@acme.test")]);
    assert_eq!(c.primary_phone(), Some("+44 (0)20 7946 0000"));
    assert_eq!(c.notes, "Met at the fair.");
    assert_eq!(c.tags, ["client", "VIP"]);
    assert_eq!(c.interests, ["sailing", "jazz"]);
    assert_eq!(
        (c.created, c.updated, c.deleted),
        (Timestamp(5), Timestamp(5), None)
    );
    assert!(batch.organisations.is_empty());
}

#[test]
fn organisation_is_reused_by_name_ignoring_case_and_accents() {
    let mut dir = Directory::default();
    let a = add(&mut dir, &input("Ana", "Société Générale"), 1);
    let (batch, b) = with_ctx(2, |ctx| {
        dir.save_contact(None, &input("Bo", "societe generale"), ctx)
    })
    .unwrap();
    assert!(batch.organisations.is_empty(), "no second organisation");
    dir.apply(&batch);
    let org_a = dir.contact(&a).unwrap().organisation_id.clone();
    assert!(org_a.is_some());
    assert_eq!(dir.contact(&b).unwrap().organisation_id, org_a);
    assert_eq!(dir.organisations().len(), 1);
}

#[test]
fn several_roles_over_time() {
    let mut dir = Directory::default();
    let form = ContactInput {
        name: "Ana".into(),
        roles: vec![
            RoleInput {
                organisation: "Initech".into(),
                title: "Analyst".into(),
                since: "2015-01-05".into(),
                until: "2019-06-30".into(),
            },
            RoleInput {
                organisation: "Acme".into(),
                title: "CTO".into(),
                since: "2019-07-01".into(),
                until: String::new(),
            },
            RoleInput {
                organisation: "acme".into(),
                title: "Board member".into(),
                ..Default::default()
            },
            RoleInput::default(),
        ],
        ..Default::default()
    };
    let (batch, id) = with_ctx(1, |ctx| dir.save_contact(None, &form, ctx)).unwrap();
    assert_eq!(batch.organisations.len(), 2, "Acme is created once");
    dir.apply(&batch);
    let c = dir.contact(&id).unwrap();
    assert_eq!(c.roles.len(), 3);
    assert_eq!(dir.organisation_of(c).unwrap().name, "Acme");
    let titles: Vec<_> = c.current_roles().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["CTO", "Board member"]);
    let again = ContactInput::from_contact(c, &dir);
    assert_eq!(again.roles[0].since, "2015-01-05");
    assert_eq!(again.roles[1].organisation, "Acme");
}

#[test]
fn role_rows_are_checked() {
    let dir = Directory::default();
    let check = |role: RoleInput| {
        let form = ContactInput {
            name: "Ana".into(),
            roles: vec![RoleInput::default(), role],
            ..Default::default()
        };
        with_ctx(1, |ctx| dir.save_contact(None, &form, ctx)).unwrap_err()
    };
    let e = check(RoleInput {
        title: "CTO".into(),
        ..Default::default()
    });
    assert_eq!(e.field(), Some(Field::Role(1, RolePart::Organisation)));
    assert!(e.to_string().contains("“CTO” needs an organisation"));
    let e = check(RoleInput {
        organisation: "Acme".into(),
        since: "14/03/2020".into(),
        ..Default::default()
    });
    assert_eq!(e.field(), Some(Field::Role(1, RolePart::Since)));
    let e = check(RoleInput {
        organisation: "Acme".into(),
        since: "2020-01-01".into(),
        until: "2019-01-01".into(),
        ..Default::default()
    });
    assert_eq!(e.field(), Some(Field::Role(1, RolePart::Until)));
}

#[test]
fn edit_keeps_what_the_form_does_not_show() {
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", ""), 1);
    let b = with_ctx(2, |ctx| dir.add_detail(&id, "Likes jazz", ctx)).unwrap();
    dir.apply(&b);
    let mut form = ContactInput::from_contact(dir.contact(&id).unwrap(), &dir);
    form.name = "Ana Cruz".into();
    let (batch, same) = with_ctx(9, |ctx| dir.save_contact(Some(&id), &form, ctx)).unwrap();
    assert_eq!(same, id);
    let c = &batch.contacts[0];
    assert_eq!((c.created, c.updated), (Timestamp(1), Timestamp(9)));
    assert_eq!(c.details.len(), 1);
}

#[test]
fn validation_names_the_field() {
    let dir = Directory::default();
    let check =
        |form: ContactInput| with_ctx(1, |ctx| dir.save_contact(None, &form, ctx)).unwrap_err();
    assert_eq!(check(input("   ", "")), ValidationError::NameMissing);
    let e = check(ContactInput {
        emails: vec![labeled("a@b.test"), labeled("ana at acme")],
        ..input("Ana", "")
    });
    assert_eq!(e.field(), Some(Field::Email(1)));
    assert!(e.to_string().contains("ana at acme"));
    let e = check(ContactInput {
        phones: vec![labeled("call me")],
        ..input("Ana", "")
    });
    assert_eq!(e.field(), Some(Field::Phone(0)));
    let e = check(input(&"x".repeat(MAX_NAME + 1), ""));
    assert_eq!(e.field(), Some(Field::Name));
    assert!(e.to_string().contains("at most 200"));
    let e = check(ContactInput {
        tags: "x".repeat(MAX_TAG + 1),
        ..input("Ana", "")
    });
    assert_eq!(e.field(), Some(Field::Tags));
    assert_eq!(
        with_ctx(1, |ctx| dir.save_contact(
            Some(&ContactId::parse("gone").unwrap()),
            &input("A", ""),
            ctx
        )),
        Err(ValidationError::NotFound)
    );
}
