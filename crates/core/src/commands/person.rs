//! Creating and editing a person through the form.

use super::{check_len, one_line, parse_day, Ctx, Field, RolePart, ValidationError};
use super::{MAX_EMAIL, MAX_LINE, MAX_NAME, MAX_NOTES, MAX_PHONE, MAX_TAG};
use crate::calendar::Words;
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
            d.map(|d| d.words("%Y-%m-%d").to_string())
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
    crate::rules::is_email(value)
        .then_some(())
        .ok_or_else(refuse)
}

fn phone(field: Field, value: &str) -> Result<(), ValidationError> {
    let refuse = || ValidationError::Phone {
        field,
        value: value.into(),
    };
    crate::rules::is_phone(value)
        .then_some(())
        .ok_or_else(refuse)
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
        let org = Organisation::new(OrganisationId::from_random((ctx.random)()), name, ctx.now);
        let id = org.id.clone();
        batch.organisations.push(org);
        id
    }
}

#[cfg(test)]
mod tests;
