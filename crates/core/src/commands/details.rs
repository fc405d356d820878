//! What is learned about a person after the form: details (one line each),
//! family members, important dates and links to other people.

use super::{check_len, one_line, Ctx, ValidationError, MAX_LINE, MAX_NAME};
use crate::dates::{DateKind, ImportantDate};
use crate::directory::Directory;
use crate::ids::{ContactId, DateId, DetailId, FamilyMemberId};
use crate::model::{Batch, Contact, Detail, FamilyMember, Photo, Relation, RelationKind};

/// A yearly date as typed: month and day required, year optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateInput {
    /// A [`DateKind::key`]; anything else is a custom kind named `label`.
    pub kind: String,
    pub label: String,
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
    pub lead_days: u16,
}

/// A family member as typed, with an optional birthday.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FamilyInput {
    pub name: String,
    pub relation: String,
    /// Month and day of the birthday, if known; the year may be unknown.
    pub birthday: Option<(u32, u32)>,
    pub birth_year: Option<i32>,
}

impl Directory {
    fn edit(
        &self,
        id: &ContactId,
        ctx: &Ctx<'_>,
        change: impl FnOnce(&mut Contact) -> Result<(), ValidationError>,
    ) -> Result<Batch, ValidationError> {
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        change(&mut c)?;
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// Notes one thing learned about a person today.
    pub fn add_detail(
        &self,
        id: &ContactId,
        text: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let text = one_line(text);
        if text.is_empty() {
            return Err(ValidationError::Empty {
                field: "detail".into(),
            });
        }
        check_len("detail", "detail", &text, MAX_LINE)?;
        let detail = Detail {
            id: DetailId::from_random((ctx.random)()),
            date: ctx.today,
            text,
            pinned: false,
        };
        self.edit(id, ctx, |c| {
            c.details.push(detail);
            Ok(())
        })
    }

    pub fn pin_detail(
        &self,
        id: &ContactId,
        detail: &DetailId,
        pinned: bool,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.edit(id, ctx, |c| {
            let d = c
                .details
                .iter_mut()
                .find(|d| &d.id == detail)
                .ok_or(ValidationError::NotFound)?;
            d.pinned = pinned;
            Ok(())
        })
    }

    pub fn remove_detail(
        &self,
        id: &ContactId,
        detail: &DetailId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.edit(id, ctx, |c| {
            c.details.retain(|d| &d.id != detail);
            Ok(())
        })
    }

    /// Adds a family member, and their birthday as an important date.
    pub fn add_family_member(
        &self,
        id: &ContactId,
        input: &FamilyInput,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let name = one_line(&input.name);
        if name.is_empty() {
            return Err(ValidationError::invalid(
                "family-name",
                "Please enter their name.",
            ));
        }
        check_len("family-name", "name", &name, MAX_NAME)?;
        let relation = one_line(&input.relation);
        check_len("family-relation", "relation", &relation, MAX_NAME)?;
        let member = FamilyMember {
            id: FamilyMemberId::from_random((ctx.random)()),
            name,
            relation,
        };
        let birthday = match input.birthday {
            Some((month, day)) => Some(yearly_date(
                id,
                Some(member.id.clone()),
                &DateInput {
                    kind: DateKind::Birthday.key().into(),
                    month,
                    day,
                    year: input.birth_year,
                    lead_days: crate::dates::DEFAULT_LEAD_DAYS,
                    ..DateInput::default()
                },
                "family-birthday",
                ctx,
            )?),
            None => None,
        };
        let mut batch = self.edit(id, ctx, |c| {
            c.family.push(member);
            Ok(())
        })?;
        batch.dates.extend(birthday);
        Ok(batch)
    }

    /// Removes a family member and tombstones their dates (`dates` are the
    /// person's dates, as loaded for their page).
    pub fn remove_family_member(
        &self,
        id: &ContactId,
        member: &FamilyMemberId,
        dates: &[ImportantDate],
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = self.edit(id, ctx, |c| {
            c.family.retain(|m| &m.id != member);
            Ok(())
        })?;
        batch.dates = dates
            .iter()
            .filter(|d| d.family_member.as_ref() == Some(member) && d.deleted.is_none())
            .map(|d| tombstone_date(d, ctx))
            .collect();
        Ok(batch)
    }

    /// Adds a yearly date for a person.
    pub fn add_date(
        &self,
        id: &ContactId,
        input: &DateInput,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.contact(id).ok_or(ValidationError::NotFound)?;
        Ok(Batch {
            dates: vec![yearly_date(id, None, input, "date", ctx)?],
            ..Batch::default()
        })
    }

    pub fn remove_date(&self, date: &ImportantDate, ctx: &mut Ctx<'_>) -> Batch {
        Batch {
            dates: vec![tombstone_date(date, ctx)],
            ..Batch::default()
        }
    }

    /// Sets a person's photo (already downscaled by the caller).
    pub fn set_photo(
        &self,
        id: &ContactId,
        mime: &str,
        bytes: Vec<u8>,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        const MAX_PHOTO: usize = 512 * 1024;
        if !mime.starts_with("image/") {
            return Err(ValidationError::invalid(
                "photo",
                "That file is not a picture.",
            ));
        }
        if bytes.is_empty() || bytes.len() > MAX_PHOTO {
            return Err(ValidationError::invalid(
                "photo",
                "That picture could not be made small enough to keep.",
            ));
        }
        let now = ctx.now;
        let mut batch = self.edit(id, ctx, |c| {
            c.photo = Some(now);
            Ok(())
        })?;
        batch.photos.push(Photo {
            contact_id: id.clone(),
            mime: mime.to_owned(),
            bytes,
        });
        Ok(batch)
    }

    pub fn remove_photo(
        &self,
        id: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = self.edit(id, ctx, |c| {
            c.photo = None;
            Ok(())
        })?;
        batch.photos_removed.push(id.clone());
        Ok(batch)
    }

    /// Links `id` to `other` ("Ana reports to Bo"); shown from both sides.
    pub fn add_relation(
        &self,
        id: &ContactId,
        kind: RelationKind,
        other: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if id == other {
            return Err(ValidationError::invalid(
                "relation-other",
                "Choose someone other than this person.",
            ));
        }
        self.contact(other).ok_or_else(|| {
            ValidationError::invalid("relation-other", "Choose a person from the list.")
        })?;
        let exists = |a: &ContactId, b: &ContactId| {
            self.contact(a)
                .is_some_and(|c| c.relations.iter().any(|r| r.kind == kind && &r.other == b))
        };
        if exists(id, other) || exists(other, id) {
            return Err(ValidationError::invalid(
                "relation-other",
                "These two are already linked that way.",
            ));
        }
        self.edit(id, ctx, |c| {
            c.relations.push(Relation {
                kind,
                other: other.clone(),
            });
            Ok(())
        })
    }

    /// Removes a link, whichever side holds it.
    pub fn remove_relation(
        &self,
        holder: &ContactId,
        kind: RelationKind,
        other: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.edit(holder, ctx, |c| {
            c.relations
                .retain(|r| !(r.kind == kind && &r.other == other));
            Ok(())
        })
    }
}

fn tombstone_date(d: &ImportantDate, ctx: &Ctx<'_>) -> ImportantDate {
    let mut d = d.clone();
    d.deleted = Some(ctx.now);
    d.updated = ctx.now;
    d
}

fn yearly_date(
    id: &ContactId,
    family_member: Option<FamilyMemberId>,
    input: &DateInput,
    field: &str,
    ctx: &mut Ctx<'_>,
) -> Result<ImportantDate, ValidationError> {
    let kind = DateKind::from_key(&input.kind, &one_line(&input.label));
    if matches!(&kind, DateKind::Custom(label) if label.is_empty()) {
        return Err(ValidationError::invalid(
            format!("{field}-label"),
            "Name this date, e.g. “Name day”.",
        ));
    }
    check_len(&format!("{field}-label"), "name", kind.label(), MAX_NAME)?;
    if !ImportantDate::is_valid_day(input.month, input.day) {
        return Err(ValidationError::invalid(
            format!("{field}-day"),
            "That day does not exist in that month.",
        ));
    }
    if let Some(year) = input.year {
        let today = ctx.today;
        if chrono::NaiveDate::from_ymd_opt(year, input.month, input.day).is_none() {
            return Err(ValidationError::invalid(
                format!("{field}-year"),
                format!("{year} has no 29 February."),
            ));
        }
        if !(1800..=chrono::Datelike::year(&today) + 1).contains(&year) {
            return Err(ValidationError::invalid(
                format!("{field}-year"),
                "That year looks mistyped.",
            ));
        }
    }
    if input.lead_days > 365 {
        return Err(ValidationError::invalid(
            format!("{field}-lead"),
            "Remind at most 365 days ahead.",
        ));
    }
    Ok(ImportantDate {
        id: DateId::from_random((ctx.random)()),
        contact_id: id.clone(),
        family_member,
        kind,
        month: input.month,
        day: input.day,
        year: input.year,
        lead_days: input.lead_days,
        created: ctx.now,
        updated: ctx.now,
        deleted: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, today, with_ctx};
    use super::*;
    use crate::time::Timestamp;

    #[test]
    fn details_are_added_dated_pinned_and_removed() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        assert_eq!(
            with_ctx(2, |ctx| dir.add_detail(&id, "   ", ctx))
                .unwrap_err()
                .field(),
            Some("detail")
        );
        let b = with_ctx(2, |ctx| {
            dir.add_detail(&id, " Daughter Ava started  university ", ctx)
        })
        .unwrap();
        dir.apply(&b);
        let d = dir.contact(&id).unwrap().details[0].clone();
        assert_eq!(
            (d.text.as_str(), d.date, d.pinned),
            ("Daughter Ava started university", today(), false)
        );
        dir.apply(&with_ctx(3, |ctx| dir.pin_detail(&id, &d.id, true, ctx)).unwrap());
        assert!(dir.contact(&id).unwrap().details[0].pinned);
        dir.apply(&with_ctx(4, |ctx| dir.remove_detail(&id, &d.id, ctx)).unwrap());
        assert!(dir.contact(&id).unwrap().details.is_empty());
    }

    #[test]
    fn family_member_with_a_birthday_without_year() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Bill", ""), 1);
        let form = FamilyInput {
            name: "Ava".into(),
            relation: "daughter".into(),
            birthday: Some((11, 25)),
            birth_year: None,
        };
        let b = with_ctx(2, |ctx| dir.add_family_member(&id, &form, ctx)).unwrap();
        assert_eq!(b.dates.len(), 1);
        let date = b.dates[0].clone();
        let member = b.contacts[0].family[0].clone();
        assert_eq!(date.family_member.as_ref(), Some(&member.id));
        assert_eq!(
            (date.kind.clone(), date.month, date.day, date.year),
            (DateKind::Birthday, 11, 25, None)
        );
        assert_eq!(
            date.next_occurrence(today()),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        );
        dir.apply(&b);

        let b = with_ctx(3, |ctx| {
            dir.remove_family_member(&id, &member.id, &[date], ctx)
        })
        .unwrap();
        assert!(b.contacts[0].family.is_empty());
        assert_eq!(b.dates[0].deleted, Some(Timestamp(3)));
    }

    #[test]
    fn dates_are_checked() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let check = |input: DateInput| with_ctx(2, |ctx| dir.add_date(&id, &input, ctx));
        let leap = DateInput {
            kind: "birthday".into(),
            month: 2,
            day: 29,
            ..Default::default()
        };
        assert!(check(leap.clone()).is_ok(), "Feb 29 without a year is fine");
        assert!(check(DateInput {
            year: Some(2000),
            ..leap.clone()
        })
        .is_ok());
        assert_eq!(
            check(DateInput {
                year: Some(2001),
                ..leap.clone()
            })
            .unwrap_err()
            .field(),
            Some("date-year")
        );
        assert_eq!(
            check(DateInput {
                month: 4,
                day: 31,
                ..leap.clone()
            })
            .unwrap_err()
            .field(),
            Some("date-day")
        );
        assert_eq!(
            check(DateInput {
                kind: "custom".into(),
                ..leap.clone()
            })
            .unwrap_err()
            .field(),
            Some("date-label")
        );
        let custom = check(DateInput {
            kind: "custom".into(),
            label: "Name day".into(),
            ..leap
        })
        .unwrap();
        assert_eq!(custom.dates[0].kind, DateKind::Custom("Name day".into()));
    }

    #[test]
    fn photos_are_set_and_removed_with_their_stamp() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        assert!(with_ctx(2, |ctx| dir.set_photo(&id, "text/html", vec![1], ctx)).is_err());
        assert!(with_ctx(2, |ctx| dir.set_photo(&id, "image/jpeg", vec![], ctx)).is_err());
        let b = with_ctx(3, |ctx| {
            dir.set_photo(&id, "image/jpeg", vec![1, 2, 3], ctx)
        })
        .unwrap();
        assert_eq!(b.contacts[0].photo, Some(Timestamp(3)));
        assert_eq!(b.photos[0].bytes, [1, 2, 3]);
        dir.apply(&b);
        let b = with_ctx(4, |ctx| dir.remove_photo(&id, ctx)).unwrap();
        assert_eq!(
            (b.contacts[0].photo, b.photos_removed.clone()),
            (None, vec![id.clone()])
        );
    }

    #[test]
    fn relations_are_linked_once_and_not_to_oneself() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", ""), 1);
        let bo = add(&mut dir, &input("Bo", ""), 1);
        assert!(with_ctx(2, |ctx| dir.add_relation(
            &ana,
            RelationKind::SpouseOf,
            &ana,
            ctx
        ))
        .is_err());
        let b = with_ctx(2, |ctx| {
            dir.add_relation(&ana, RelationKind::ReportsTo, &bo, ctx)
        })
        .unwrap();
        dir.apply(&b);
        assert!(with_ctx(3, |ctx| dir.add_relation(
            &bo,
            RelationKind::ReportsTo,
            &ana,
            ctx
        ))
        .is_err());
        let from_bo = dir.relations_of(&bo);
        assert_eq!(
            from_bo,
            vec![("Manages", ana.clone(), ana.clone(), RelationKind::ReportsTo)]
        );
        let from_ana = dir.relations_of(&ana);
        assert_eq!(
            from_ana,
            vec![(
                "Reports to",
                bo.clone(),
                ana.clone(),
                RelationKind::ReportsTo
            )]
        );
        dir.apply(
            &with_ctx(4, |ctx| {
                dir.remove_relation(&ana, RelationKind::ReportsTo, &bo, ctx)
            })
            .unwrap(),
        );
        assert!(dir.relations_of(&bo).is_empty());
    }
}
