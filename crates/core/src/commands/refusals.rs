//! Tests: which input each refusal names. The UI marks and focuses exactly
//! that input, so a wrong [`Field`] here sends the user to the wrong box.

use super::testing::{add, input, labeled, with_ctx};
use super::*;
use crate::directory::Directory;
use crate::ids::ContactId;

fn refused<T>(result: Result<T, ValidationError>) -> Option<Field> {
    result.err().expect("refused").field()
}

#[test]
fn the_person_form_names_the_row_and_part_at_fault() {
    let dir = Directory::default();
    let save = |form: ContactInput| refused(with_ctx(1, |ctx| dir.save_contact(None, &form, ctx)));
    let long = "x".repeat(MAX_LINE + 1);
    let ana = || input("Ana", "");
    assert_eq!(save(input("", "")), Some(Field::Name));
    for (form, field) in [
        (
            ContactInput {
                given_name: long.clone(),
                ..ana()
            },
            Field::GivenName,
        ),
        (
            ContactInput {
                family_name: long.clone(),
                ..ana()
            },
            Field::FamilyName,
        ),
        (
            ContactInput {
                nickname: long.clone(),
                ..ana()
            },
            Field::Nickname,
        ),
        (
            ContactInput {
                pronunciation: long.clone(),
                ..ana()
            },
            Field::Pronunciation,
        ),
        (
            ContactInput {
                how_we_met: long.clone(),
                ..ana()
            },
            Field::HowWeMet,
        ),
        (
            ContactInput {
                interests: "x".repeat(MAX_TAG + 1),
                ..ana()
            },
            Field::Interests,
        ),
        (
            ContactInput {
                notes: "x".repeat(MAX_NOTES + 1),
                ..ana()
            },
            Field::Notes,
        ),
    ] {
        assert_eq!(save(form), Some(field));
    }
    // Blank rows count: the third row is row 2 even if the first is empty.
    let rows = || vec![labeled(""), labeled("ok"), labeled(&long)];
    for (form, field) in [
        (
            ContactInput {
                addresses: rows(),
                ..ana()
            },
            Field::Address(2),
        ),
        (
            ContactInput {
                links: rows(),
                ..ana()
            },
            Field::Link(2),
        ),
        (
            ContactInput {
                custom_fields: rows(),
                ..ana()
            },
            Field::Custom(2),
        ),
        (
            ContactInput {
                emails: vec![labeled(""), labeled("nope")],
                ..ana()
            },
            Field::Email(1),
        ),
    ] {
        assert_eq!(save(form), Some(field));
    }
    let unnamed = ContactInput {
        custom_fields: vec![
            crate::model::Labeled {
                label: "Shoe size".into(),
                value: "42".into(),
            },
            labeled("Blue"),
        ],
        ..ana()
    };
    assert_eq!(save(unnamed), Some(Field::CustomLabel(1)));
    let role = ContactInput {
        roles: vec![RoleInput {
            organisation: "Acme".into(),
            title: "x".repeat(MAX_NAME + 1),
            ..Default::default()
        }],
        ..ana()
    };
    assert_eq!(save(role), Some(Field::Role(0, RolePart::Title)));
}

#[test]
fn the_words_stay_those_of_the_form() {
    let dir = Directory::default();
    let form = ContactInput {
        how_we_met: "x".repeat(MAX_LINE + 1),
        ..input("Ana", "")
    };
    let e = with_ctx(1, |ctx| dir.save_contact(None, &form, ctx)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "The how we met is too long: at most 500 characters."
    );
}

#[test]
fn family_and_dates_name_their_part() {
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", ""), 1);
    let family =
        |form: FamilyInput| refused(with_ctx(2, |ctx| dir.add_family_member(&id, &form, ctx)));
    let ava = || FamilyInput {
        name: "Ava".into(),
        ..Default::default()
    };
    assert_eq!(
        family(FamilyInput::default()),
        Some(Field::FamilyMemberName)
    );
    let relation = FamilyInput {
        relation: "x".repeat(MAX_NAME + 1),
        ..ava()
    };
    assert_eq!(family(relation), Some(Field::FamilyMemberRelation));
    let no_day = FamilyInput {
        birthday: Some((2, 30)),
        ..ava()
    };
    assert_eq!(family(no_day), Some(Field::FamilyBirthday(DatePart::Day)));
    let no_leap = FamilyInput {
        birthday: Some((2, 29)),
        birth_year: Some(2001),
        ..ava()
    };
    assert_eq!(family(no_leap), Some(Field::FamilyBirthday(DatePart::Year)));

    let date = |form: DateInput| refused(with_ctx(2, |ctx| dir.add_date(&id, &form, ctx)));
    let day = DateInput {
        kind: "birthday".into(),
        month: 3,
        day: 14,
        ..Default::default()
    };
    assert_eq!(
        date(DateInput {
            lead_days: 400,
            ..day.clone()
        }),
        Some(Field::Date(DatePart::Lead))
    );
    assert_eq!(
        date(DateInput {
            year: Some(1200),
            ..day
        }),
        Some(Field::Date(DatePart::Year))
    );
}

#[test]
fn the_log_form_and_the_person_page_name_their_input() {
    let mut dir = Directory::default();
    let id = add(&mut dir, &input("Ana", ""), 1);
    let log = InteractionInput {
        people: vec![id.clone()],
        kind: "call".into(),
        date: "2020-01-01".into(),
        ..Default::default()
    };
    let record =
        |form: InteractionInput| refused(with_ctx(2, |ctx| dir.record_interaction(&form, ctx)));
    let long = "x".repeat(MAX_LINE + 1);
    for (form, field) in [
        (
            InteractionInput {
                notes: "x".repeat(MAX_NOTES + 1),
                ..log.clone()
            },
            Field::LogNotes,
        ),
        (
            InteractionInput {
                temperature: Some(3),
                temperature_note: long.clone(),
                ..log.clone()
            },
            Field::LogTemperatureNote,
        ),
        (
            InteractionInput {
                details: long.clone(),
                ..log.clone()
            },
            Field::LogDetails,
        ),
        (
            InteractionInput {
                follow_up: long.clone(),
                ..log.clone()
            },
            Field::LogFollowUp,
        ),
        (
            InteractionInput {
                follow_up: "Call".into(),
                follow_up_due: "soon".into(),
                ..log.clone()
            },
            Field::LogFollowUpDue,
        ),
    ] {
        assert_eq!(record(form), Some(field));
    }
    let priorities = "x".repeat(MAX_LINE * 4 + 1);
    assert_eq!(
        refused(with_ctx(2, |ctx| dir.set_priorities(&id, &priorities, ctx))),
        Some(Field::Priorities)
    );
    assert_eq!(
        refused(with_ctx(2, |ctx| dir.snooze(&id, 0, ctx))),
        Some(Field::Snooze)
    );
    let series = |people: &[ContactId], text: &str| {
        refused(with_ctx(2, |ctx| {
            dir.follow_up_series(people, text, &[7], ctx)
        }))
    };
    assert_eq!(
        series(std::slice::from_ref(&id), " "),
        Some(Field::SeriesText)
    );
    assert_eq!(series(&[], "How it went"), Some(Field::SeriesPeople));
    assert_eq!(
        refused(with_ctx(2, |ctx| dir.add_detail(&id, " ", ctx))),
        Some(Field::Detail)
    );
    assert_eq!(
        refused(with_ctx(2, |ctx| dir.set_photo(
            &id,
            "text/plain",
            vec![1],
            ctx
        ))),
        Some(Field::Photo)
    );
    let link = |other: &ContactId| {
        refused(with_ctx(2, |ctx| {
            dir.add_relation(&id, crate::RelationKind::FriendOf, other, ctx)
        }))
    };
    assert_eq!(link(&id), Some(Field::RelationOther));
    let merge = with_ctx(2, |ctx| {
        dir.merge_contacts(
            &id,
            &id,
            &MergeChoices::default(),
            OtherRecords::default(),
            ctx,
        )
    });
    assert_eq!(refused(merge), Some(Field::MergePair));
    let gone = ContactId::parse("gone").unwrap();
    assert_eq!(
        refused(with_ctx(2, |ctx| dir.snooze(&gone, 3, ctx))),
        None,
        "nothing to mark"
    );
}

#[test]
fn organisations_and_tags_name_their_input() {
    let mut dir = Directory::default();
    let [acme, _] = ["Acme", "Bolt"].map(|name| {
        let (b, id) = with_ctx(1, |ctx| dir.add_organisation(name, ctx)).unwrap();
        dir.apply(&b);
        id
    });
    let rename = |name: &str, notes: &str| {
        refused(with_ctx(2, |ctx| {
            dir.rename_organisation(&acme, name, notes, ctx)
        }))
    };
    assert_eq!(rename(" ", ""), Some(Field::OrganisationName));
    assert_eq!(rename("bolt", ""), Some(Field::OrganisationName));
    assert_eq!(
        rename("Acme", &"x".repeat(MAX_NOTES + 1)),
        Some(Field::OrganisationNotes)
    );
    assert_eq!(
        refused(with_ctx(2, |ctx| dir.tag_contacts(&[], " , ", ctx))),
        Some(Field::Tag)
    );
}
