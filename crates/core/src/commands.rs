//! Commands: what a user can do, as pure functions from the current
//! [`Directory`] and input to the [`Batch`] that records it. The caller
//! applies the batch to the directory (the screen changes at once) and
//! commits it to the store (one transaction).

use crate::directory::Directory;
use crate::ids::{ContactId, InteractionId, OrganisationId};
use crate::model::{Batch, Contact, Interaction, InteractionKind, Labeled, Organisation};
use crate::time::Timestamp;
use chrono::NaiveDate;
use thiserror::Error;

pub const MAX_NAME: usize = 200;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 40;
pub const MAX_NOTES: usize = 20_000;

/// What a command needs from the world: the time, the user's today, and
/// random bytes for new ids.
pub struct Ctx<'a> {
    pub now: Timestamp,
    pub today: NaiveDate,
    pub random: &'a mut dyn FnMut() -> [u8; 16],
}

/// What the contact form holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactInput {
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
}

impl ContactInput {
    /// The form's initial values for an existing person.
    pub fn from_contact(c: &Contact, dir: &Directory) -> Self {
        ContactInput {
            name: c.name.clone(),
            organisation: dir
                .organisation_of(c)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            email: c.primary_email().unwrap_or_default().to_owned(),
            phone: c.primary_phone().unwrap_or_default().to_owned(),
            notes: c.notes.clone(),
        }
    }
}

/// Why a form was refused, in words for the user. [`ValidationError::field`]
/// says which input to mark.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ValidationError {
    #[error("Please enter a name.")]
    NameMissing,
    #[error("The {field} is too long: at most {max} characters.")]
    TooLong { field: &'static str, max: usize },
    #[error("“{0}” does not look like an email address (it needs one @ and no spaces).")]
    Email(String),
    #[error("“{0}” does not look like a phone number.")]
    Phone(String),
    #[error("This person no longer exists; they may have been deleted in another tab.")]
    NotFound,
}

impl ValidationError {
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ValidationError::NameMissing => Some("name"),
            ValidationError::TooLong { field, .. } => Some(field),
            ValidationError::Email(_) => Some("email"),
            ValidationError::Phone(_) => Some("phone"),
            ValidationError::NotFound => None,
        }
    }
}

struct Clean {
    name: String,
    organisation: String,
    email: String,
    phone: String,
    notes: String,
}

fn clean(input: &ContactInput) -> Result<Clean, ValidationError> {
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let organisation = input
        .organisation
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let email = input.email.trim().to_owned();
    let phone = input.phone.trim().to_owned();
    let notes = input.notes.trim_end().to_owned();
    if name.is_empty() {
        return Err(ValidationError::NameMissing);
    }
    let too_long = |s: &str, max| s.chars().count() > max;
    for (field, value, max) in [
        ("name", &name, MAX_NAME),
        ("organisation", &organisation, MAX_NAME),
        ("email", &email, MAX_EMAIL),
        ("phone", &phone, MAX_PHONE),
        ("notes", &notes, MAX_NOTES),
    ] {
        if too_long(value, max) {
            return Err(ValidationError::TooLong { field, max });
        }
    }
    if !email.is_empty() && !looks_like_email(&email) {
        return Err(ValidationError::Email(email));
    }
    if !phone.is_empty() && !looks_like_phone(&phone) {
        return Err(ValidationError::Phone(phone));
    }
    Ok(Clean {
        name,
        organisation,
        email,
        phone,
        notes,
    })
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
            .all(|c| c.is_ascii_digit() || " +-().#*/x".contains(c) || c == 'e' || c == 't')
}

/// Replaces the first entry of `list` with `value`, keeping any others; an
/// empty value removes the first entry.
fn set_primary(list: &mut Vec<Labeled>, value: String) {
    match (list.is_empty(), value.is_empty()) {
        (_, true) if !list.is_empty() => {
            list.remove(0);
        }
        (_, true) => {}
        (true, false) => list.push(Labeled {
            label: String::new(),
            value,
        }),
        (false, false) => list[0].value = value,
    }
}

impl Directory {
    /// Creates a person (`id` is `None`) or edits one. An organisation typed
    /// by name is matched to an existing one ignoring case and accents, or
    /// created.
    pub fn save_contact(
        &self,
        id: Option<&ContactId>,
        input: &ContactInput,
        ctx: &mut Ctx<'_>,
    ) -> Result<(Batch, ContactId), ValidationError> {
        let clean = clean(input)?;
        let mut batch = Batch::default();
        let organisation_id = if clean.organisation.is_empty() {
            None
        } else if let Some(org) = self.organisation_named(&clean.organisation) {
            Some(org.id.clone())
        } else {
            let org = Organisation {
                id: OrganisationId::from_random((ctx.random)()),
                name: clean.organisation,
                notes: String::new(),
                created: ctx.now,
                updated: ctx.now,
                deleted: None,
            };
            let id = org.id.clone();
            batch.organisations.push(org);
            Some(id)
        };
        let mut contact = match id {
            Some(id) => self.contact(id).cloned().ok_or(ValidationError::NotFound)?,
            None => Contact {
                id: ContactId::from_random((ctx.random)()),
                name: String::new(),
                organisation_id: None,
                emails: Vec::new(),
                phones: Vec::new(),
                notes: String::new(),
                cadence: Default::default(),
                last_interaction: None,
                created: ctx.now,
                updated: ctx.now,
                deleted: None,
            },
        };
        contact.name = clean.name;
        contact.organisation_id = organisation_id;
        set_primary(&mut contact.emails, clean.email);
        set_primary(&mut contact.phones, clean.phone);
        contact.notes = clean.notes;
        contact.updated = ctx.now;
        let id = contact.id.clone();
        batch.contacts.push(contact);
        Ok((batch, id))
    }

    /// Moves a person to the trash: a tombstone, so backups merge cleanly.
    pub fn delete_contact(&self, id: &ContactId, ctx: &mut Ctx<'_>) -> Option<Batch> {
        let mut c = self.contact(id)?.clone();
        c.deleted = Some(ctx.now);
        c.updated = ctx.now;
        Some(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// Takes a person back out of the trash.
    pub fn restore_contact(&self, id: &ContactId, ctx: &mut Ctx<'_>) -> Option<Batch> {
        let mut c = self.any_contact(id).filter(|c| !c.is_live())?.clone();
        c.deleted = None;
        c.updated = ctx.now;
        Some(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// Records an interaction with `people` on `date` and moves each
    /// person's last-interaction day forward (never back: logging an old
    /// call does not hide a newer one).
    pub fn log_interaction(
        &self,
        people: &[ContactId],
        kind: InteractionKind,
        date: NaiveDate,
        notes: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = Batch::default();
        for id in people {
            let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
            if c.last_interaction.is_none_or(|last| last < date) {
                c.last_interaction = Some(date);
                c.updated = ctx.now;
                batch.contacts.push(c);
            }
        }
        batch.interactions.push(Interaction {
            id: InteractionId::from_random((ctx.random)()),
            contact_ids: people.to_vec(),
            kind,
            date,
            time: None,
            notes: notes.trim_end().to_owned(),
            temperature: None,
            created: ctx.now,
            updated: ctx.now,
            deleted: None,
        });
        Ok(batch)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::cadence::{Cadence, CadenceUnit};
    use crate::directory::SortOrder;

    pub(crate) fn contact(name: &str) -> Contact {
        Contact {
            id: ContactId::parse(&name.replace(' ', "_").to_lowercase())
                .unwrap_or_else(|| ContactId::parse("x").unwrap()),
            name: name.into(),
            organisation_id: None,
            emails: vec![],
            phones: vec![],
            notes: String::new(),
            cadence: Cadence::None,
            last_interaction: None,
            created: Timestamp(0),
            updated: Timestamp(0),
            deleted: None,
        }
    }

    /// Runs `f` with a Ctx whose random ids count up from 1.
    pub(crate) fn with_ctx<T>(now: i64, f: impl FnOnce(&mut Ctx<'_>) -> T) -> T {
        let mut n = 0u8;
        let mut random = move || {
            n += 1;
            let mut bytes = [n; 16];
            bytes[8..].copy_from_slice(&now.to_le_bytes());
            bytes
        };
        let mut ctx = Ctx {
            now: Timestamp(now),
            today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            random: &mut random,
        };
        f(&mut ctx)
    }

    fn input(name: &str, org: &str) -> ContactInput {
        ContactInput {
            name: name.into(),
            organisation: org.into(),
            ..Default::default()
        }
    }

    fn add(dir: &mut Directory, input: &ContactInput, now: i64) -> ContactId {
        let (batch, id) = with_ctx(now, |ctx| dir.save_contact(None, input, ctx)).unwrap();
        dir.apply(&batch);
        id
    }

    #[test]
    fn create_cleans_input_and_stamps_times() {
        let dir = Directory::default();
        let form = ContactInput {
            name: "  Ana   Cruz ".into(),
            email: " ana@acme.test ".into(),
            phone: "+44 (0)20 7946 0000".into(),
            notes: "Met at the fair.\n\n".into(),
            ..Default::default()
        };
        let (batch, id) = with_ctx(5, |ctx| dir.save_contact(None, &form, ctx)).unwrap();
        let c = &batch.contacts[0];
        assert_eq!(c.id, id);
        assert_eq!(c.name, "Ana Cruz");
        assert_eq!(c.primary_email(), Some("ana@acme.test"));
        assert_eq!(c.primary_phone(), Some("+44 (0)20 7946 0000"));
        assert_eq!(c.notes, "Met at the fair.");
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
    fn edit_keeps_identity_and_extra_emails() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let mut c = dir.contact(&id).unwrap().clone();
        c.emails = vec![
            Labeled {
                label: "work".into(),
                value: "a@w.test".into(),
            },
            Labeled {
                label: "home".into(),
                value: "a@h.test".into(),
            },
        ];
        dir.apply(&Batch {
            contacts: vec![c],
            ..Default::default()
        });
        let mut form = ContactInput::from_contact(dir.contact(&id).unwrap(), &dir);
        assert_eq!(form.email, "a@w.test");
        form.email = "ana@new.test".into();
        form.name = "Ana Cruz".into();
        let (batch, same) = with_ctx(9, |ctx| dir.save_contact(Some(&id), &form, ctx)).unwrap();
        assert_eq!(same, id);
        let c = &batch.contacts[0];
        assert_eq!((c.created, c.updated), (Timestamp(1), Timestamp(9)));
        let emails: Vec<_> = c.emails.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(emails, ["ana@new.test", "a@h.test"]);
        assert_eq!(c.emails[0].label, "work");
    }

    #[test]
    fn clearing_a_field_removes_only_the_first_value() {
        let mut list = vec![Labeled {
            label: "a".into(),
            value: "1".into(),
        }];
        set_primary(&mut list, String::new());
        assert!(list.is_empty());
        set_primary(&mut list, String::new());
        assert!(list.is_empty());
    }

    #[test]
    fn validation_names_the_field() {
        let dir = Directory::default();
        let check =
            |form: ContactInput| with_ctx(1, |ctx| dir.save_contact(None, &form, ctx)).unwrap_err();
        assert_eq!(check(input("   ", "")), ValidationError::NameMissing);
        let e = check(ContactInput {
            email: "ana at acme".into(),
            ..input("Ana", "")
        });
        assert_eq!(e.field(), Some("email"));
        assert!(e.to_string().contains("ana at acme"));
        let e = check(ContactInput {
            phone: "call me".into(),
            ..input("Ana", "")
        });
        assert_eq!(e.field(), Some("phone"));
        let e = check(input(&"x".repeat(MAX_NAME + 1), ""));
        assert_eq!(
            e,
            ValidationError::TooLong {
                field: "name",
                max: MAX_NAME
            }
        );
        assert_eq!(
            with_ctx(1, |ctx| dir.save_contact(
                Some(&ContactId::parse("gone").unwrap()),
                &input("A", ""),
                ctx
            )),
            Err(ValidationError::NotFound)
        );
    }

    #[test]
    fn delete_leaves_a_tombstone_that_queries_skip() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let batch = with_ctx(7, |ctx| dir.delete_contact(&id, ctx)).unwrap();
        assert_eq!(batch.contacts[0].deleted, Some(Timestamp(7)));
        assert_eq!(batch.contacts[0].updated, Timestamp(7));
        dir.apply(&batch);
        assert!(dir.contact(&id).is_none());
        assert!(dir.any_contact(&id).is_some());
        assert!(dir.query("", SortOrder::Name).is_empty());
        assert!(with_ctx(8, |ctx| dir.delete_contact(&id, ctx)).is_none());

        let batch = with_ctx(9, |ctx| dir.restore_contact(&id, ctx)).unwrap();
        assert_eq!(
            (batch.contacts[0].deleted, batch.contacts[0].updated),
            (None, Timestamp(9))
        );
        dir.apply(&batch);
        assert_eq!(dir.query("", SortOrder::Name), vec![id.clone()]);
        assert!(
            with_ctx(10, |ctx| dir.restore_contact(&id, ctx)).is_none(),
            "already live"
        );
    }

    #[test]
    fn query_matches_name_org_email_phone_and_sorts() {
        let mut dir = Directory::default();
        let zoe = add(
            &mut dir,
            &ContactInput {
                email: "z@north.test".into(),
                ..input("Zoë Adams", "Northwind")
            },
            1,
        );
        let bo = add(
            &mut dir,
            &ContactInput {
                phone: "555 0101".into(),
                ..input("bo Lind", "")
            },
            2,
        );
        let ana = add(&mut dir, &input("Ana Cruz", "Acme"), 3);
        assert_eq!(
            dir.query("", SortOrder::Name),
            [ana.clone(), bo.clone(), zoe.clone()]
        );
        assert_eq!(dir.query("zoe", SortOrder::Name), vec![zoe.clone()]);
        assert_eq!(dir.query("NORTHWIND", SortOrder::Name), vec![zoe.clone()]);
        assert_eq!(dir.query("north.test", SortOrder::Name), vec![zoe.clone()]);
        assert_eq!(dir.query("0101", SortOrder::Name), vec![bo.clone()]);
        assert!(dir.query("nobody", SortOrder::Name).is_empty());

        // Renaming an organisation re-keys its people.
        let mut acme = dir.organisation_named("acme").unwrap().clone();
        acme.name = "Globex".into();
        dir.apply(&Batch {
            organisations: vec![acme],
            ..Default::default()
        });
        assert_eq!(dir.query("globex", SortOrder::Name), vec![ana.clone()]);
        assert!(dir.query("acme", SortOrder::Name).is_empty());

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
            dir.query("", SortOrder::LastContact),
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
        assert_eq!(dir.query("", SortOrder::NextCheckIn), [zoe, bo, ana]);
    }

    #[test]
    fn logging_moves_last_interaction_forward_only() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let b = with_ctx(2, |ctx| {
            dir.log_interaction(
                std::slice::from_ref(&id),
                InteractionKind::Meal,
                day(10),
                "Lunch ",
                ctx,
            )
        })
        .unwrap();
        assert_eq!(b.interactions[0].notes, "Lunch");
        dir.apply(&b);
        let b = with_ctx(3, |ctx| {
            dir.log_interaction(
                std::slice::from_ref(&id),
                InteractionKind::Call,
                day(3),
                "",
                ctx,
            )
        })
        .unwrap();
        assert!(
            b.contacts.is_empty(),
            "an older call leaves the person as is"
        );
        assert_eq!(dir.contact(&id).unwrap().last_interaction, Some(day(10)));
    }
}
