//! Creating and editing a person through the form.

use super::{check_len, one_line, parse_day, Ctx, Field, RolePart, ValidationError};
use super::{MAX_EMAIL, MAX_LINE, MAX_NAME, MAX_NOTES, MAX_PHONE, MAX_TAG};
use crate::directory::Directory;
use crate::ids::{ContactId, OrganisationId};
use crate::model::{Batch, Contact, Labeled, Organisation, Role};
use crate::search::normalise;

/// One role row of the form: an organisation typed by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleInput {
    pub organisation: String,
    pub title: String,
    /// `YYYY-MM-DD` or empty.
    pub since: String,
    pub until: String,
}

/// What the person form holds. Repeated values are rows; rows left blank
/// are dropped. Tags and interests are typed comma-separated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactInput {
    pub name: String,
    pub given_name: String,
    pub family_name: String,
    pub nickname: String,
    pub pronunciation: String,
    pub roles: Vec<RoleInput>,
    pub emails: Vec<Labeled>,
    pub phones: Vec<Labeled>,
    pub addresses: Vec<Labeled>,
    pub links: Vec<Labeled>,
    pub how_we_met: String,
    pub interests: String,
    pub tags: String,
    pub notes: String,
    pub custom_fields: Vec<Labeled>,
}

impl ContactInput {
    /// The form's initial values for an existing person.
    pub fn from_contact(c: &Contact, dir: &Directory) -> Self {
        let day = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        ContactInput {
            name: c.name.clone(),
            given_name: c.given_name.clone(),
            family_name: c.family_name.clone(),
            nickname: c.nickname.clone(),
            pronunciation: c.pronunciation.clone(),
            roles: c
                .roles
                .iter()
                .map(|r| RoleInput {
                    organisation: dir
                        .organisation(&r.organisation_id)
                        .map(|o| o.name.clone())
                        .unwrap_or_default(),
                    title: r.title.clone(),
                    since: day(r.since),
                    until: day(r.until),
                })
                .collect(),
            emails: c.emails.clone(),
            phones: c.phones.clone(),
            addresses: c.addresses.clone(),
            links: c.links.clone(),
            how_we_met: c.how_we_met.clone(),
            interests: c.interests.join(", "),
            tags: c.tags.join(", "),
            notes: c.notes.clone(),
            custom_fields: c.custom_fields.clone(),
        }
    }
}

/// Splits a comma-separated list, tidies each item and drops repeats
/// (ignoring case and accents).
pub(crate) fn split_list(
    field: Field,
    what: &str,
    raw: &str,
) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for item in raw.split(',').map(one_line).filter(|s| !s.is_empty()) {
        check_len(field, what, &item, MAX_TAG)?;
        if !out.iter().any(|seen| normalise(seen) == normalise(&item)) {
            out.push(item);
        }
    }
    Ok(out)
}

fn looks_like_email(s: &str) -> bool {
    let mut parts = s.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && !domain.is_empty() && !s.contains(char::is_whitespace)
    )
}

fn looks_like_phone(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().#*/,;pwxet".contains(c.to_ascii_lowercase()))
}

/// Tidies labelled rows: trims, drops blank values, checks each with
/// `check`. A refusal names the row by its position among all the rows
/// sent (blank ones included), as the form shows them; `what` is the word
/// the message uses.
fn rows(
    what: &str,
    field: fn(usize) -> Field,
    rows: &[Labeled],
    max: usize,
    multi_line: bool,
    check: impl Fn(Field, &str) -> Result<(), ValidationError>,
) -> Result<Vec<Labeled>, ValidationError> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let value = if multi_line {
            row.value.trim().to_owned()
        } else {
            one_line(&row.value)
        };
        if value.is_empty() {
            continue;
        }
        check_len(field(i), what, &value, max)?;
        check(field(i), &value)?;
        out.push(Labeled {
            label: one_line(&row.label),
            value,
        });
    }
    Ok(out)
}

/// One line of text, tidied and checked for length.
fn line(field: Field, what: &str, value: &str) -> Result<String, ValidationError> {
    let value = one_line(value);
    check_len(field, what, &value, MAX_LINE)?;
    Ok(value)
}

fn any(_: Field, _: &str) -> Result<(), ValidationError> {
    Ok(())
}

fn email(field: Field, value: &str) -> Result<(), ValidationError> {
    let refuse = || ValidationError::Email {
        field,
        value: value.into(),
    };
    looks_like_email(value).then_some(()).ok_or_else(refuse)
}

fn phone(field: Field, value: &str) -> Result<(), ValidationError> {
    let refuse = || ValidationError::Phone {
        field,
        value: value.into(),
    };
    looks_like_phone(value).then_some(()).ok_or_else(refuse)
}

impl Directory {
    /// Creates a person (`id` is `None`) or edits one. Organisations typed by
    /// name are matched to existing ones ignoring case and accents, or
    /// created. What the form does not show (details, family, links, dates,
    /// check-in timer) is kept as it was.
    pub fn save_contact(
        &self,
        id: Option<&ContactId>,
        input: &ContactInput,
        ctx: &mut Ctx<'_>,
    ) -> Result<(Batch, ContactId), ValidationError> {
        let name = one_line(&input.name);
        if name.is_empty() {
            return Err(ValidationError::NameMissing);
        }
        check_len(Field::Name, "name", &name, MAX_NAME)?;
        let mut contact = match id {
            Some(id) => self.contact(id).cloned().ok_or(ValidationError::NotFound)?,
            None => Contact::new(ContactId::from_random((ctx.random)()), "", ctx.now),
        };
        contact.name = name;
        let i = input;
        contact.given_name = line(Field::GivenName, "given name", &i.given_name)?;
        contact.family_name = line(Field::FamilyName, "family name", &i.family_name)?;
        contact.nickname = line(Field::Nickname, "nickname", &i.nickname)?;
        contact.pronunciation = line(Field::Pronunciation, "pronunciation", &i.pronunciation)?;
        contact.how_we_met = line(Field::HowWeMet, "how we met", &i.how_we_met)?;
        contact.emails = rows("email", Field::Email, &i.emails, MAX_EMAIL, false, email)?;
        contact.phones = rows("phone", Field::Phone, &i.phones, MAX_PHONE, false, phone)?;
        contact.addresses = rows("address", Field::Address, &i.addresses, MAX_LINE, true, any)?;
        contact.links = rows("link", Field::Link, &i.links, MAX_LINE, false, any)?;
        let custom = &i.custom_fields;
        contact.custom_fields = rows("custom", Field::Custom, custom, MAX_LINE, false, any)?;
        if let Some(unnamed) = contact.custom_fields.iter().find(|f| f.label.is_empty()) {
            let row = input
                .custom_fields
                .iter()
                .position(|f| one_line(&f.value) == unnamed.value)
                .unwrap_or(0);
            return Err(ValidationError::invalid(
                Field::CustomLabel(row),
                format!("Give the field holding “{}” a name.", unnamed.value),
            ));
        }
        contact.interests = split_list(Field::Interests, "interest", &input.interests)?;
        contact.tags = split_list(Field::Tags, "tag", &input.tags)?;
        let notes = input.notes.trim_end().to_owned();
        check_len(Field::Notes, "notes", &notes, MAX_NOTES)?;
        contact.notes = notes;

        let mut batch = Batch::default();
        contact.roles = self.roles_from_input(&input.roles, &mut batch, ctx)?;
        contact.normalise();
        contact.updated = ctx.now;
        let id = contact.id.clone();
        batch.contacts.push(contact);
        Ok((batch, id))
    }

    fn roles_from_input(
        &self,
        inputs: &[RoleInput],
        batch: &mut Batch,
        ctx: &mut Ctx<'_>,
    ) -> Result<Vec<Role>, ValidationError> {
        let mut roles = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            let organisation = one_line(&input.organisation);
            let title = one_line(&input.title);
            let field = |part| Field::Role(i, part);
            if organisation.is_empty() {
                if title.is_empty() {
                    continue;
                }
                return Err(ValidationError::invalid(
                    field(RolePart::Organisation),
                    format!("The role “{title}” needs an organisation."),
                ));
            }
            check_len(
                field(RolePart::Organisation),
                "organisation",
                &organisation,
                MAX_NAME,
            )?;
            check_len(field(RolePart::Title), "role", &title, MAX_NAME)?;
            let since = parse_day(field(RolePart::Since), &input.since)?;
            let until = parse_day(field(RolePart::Until), &input.until)?;
            if let (Some(s), Some(u)) = (since, until) {
                if u < s {
                    return Err(ValidationError::invalid(
                        field(RolePart::Until),
                        "A role cannot end before it starts.",
                    ));
                }
            }
            let organisation_id = self.organisation_for(&organisation, batch, ctx);
            roles.push(Role {
                organisation_id,
                title,
                since,
                until,
            });
        }
        Ok(roles)
    }

    /// The organisation named `name`: an existing one, one this batch
    /// already creates, or a new one added to the batch.
    pub(crate) fn organisation_for(
        &self,
        name: &str,
        batch: &mut Batch,
        ctx: &mut Ctx<'_>,
    ) -> OrganisationId {
        if let Some(org) = self.organisation_named(name) {
            return org.id.clone();
        }
        if let Some(org) = crate::organisation::find_named(&batch.organisations, name) {
            return org.id.clone();
        }
        let org = Organisation {
            id: OrganisationId::from_random((ctx.random)()),
            name: name.to_owned(),
            notes: String::new(),
            default_cadence: Default::default(),
            created: ctx.now,
            updated: ctx.now,
            deleted: None,
        };
        let id = org.id.clone();
        batch.organisations.push(org);
        id
    }
}

#[cfg(test)]
mod tests {
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
}
