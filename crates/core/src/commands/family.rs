//! Family members (who need not be contacts) and important dates.

use super::{check_len, one_line, Ctx, DatePart, Field, ValidationError, MAX_NAME};
use crate::dates::{DateKind, ImportantDate};
use crate::directory::Directory;
use crate::ids::{ContactId, DateId, FamilyMemberId};
use crate::model::{Batch, FamilyMember};

/// A yearly date as typed: month and day, year optional; or, for a date
/// known only in part, `day` 0 with a year (and `month` 0 for a year alone:
/// "graduated 2019", "started June 2021").
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
                Field::FamilyMemberName,
                "Please enter their name.",
            ));
        }
        check_len(Field::FamilyMemberName, "name", &name, MAX_NAME)?;
        let relation = one_line(&input.relation);
        check_len(Field::FamilyMemberRelation, "relation", &relation, MAX_NAME)?;
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
                Field::FamilyBirthday,
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
            dates: vec![yearly_date(id, None, input, Field::Date, ctx)?],
            ..Batch::default()
        })
    }

    pub fn remove_date(&self, date: &ImportantDate, ctx: &mut Ctx<'_>) -> Batch {
        Batch {
            dates: vec![tombstone_date(date, ctx)],
            ..Batch::default()
        }
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
    field: fn(DatePart) -> Field,
    ctx: &mut Ctx<'_>,
) -> Result<ImportantDate, ValidationError> {
    let kind = DateKind::from_key(&input.kind, &one_line(&input.label));
    if matches!(&kind, DateKind::Custom(label) if label.is_empty()) {
        return Err(ValidationError::invalid(
            field(DatePart::Label),
            "Name this date, e.g. “Name day”.",
        ));
    }
    check_len(field(DatePart::Label), "name", kind.label(), MAX_NAME)?;
    let partial = input.day == 0;
    if partial && input.year.is_none() {
        return Err(ValidationError::invalid(
            field(DatePart::Day),
            "Add the day, or the year (e.g. “June 2021” or “2019”).",
        ));
    }
    if partial && input.month > 12
        || !partial && !ImportantDate::is_valid_day(input.month, input.day)
    {
        return Err(ValidationError::invalid(
            field(DatePart::Day),
            "That day does not exist in that month.",
        ));
    }
    if let Some(year) = input.year {
        let today = ctx.today;
        if !partial && chrono::NaiveDate::from_ymd_opt(year, input.month, input.day).is_none() {
            return Err(ValidationError::invalid(
                field(DatePart::Year),
                format!("{year} has no 29 February."),
            ));
        }
        if !(1800..=chrono::Datelike::year(&today) + 1).contains(&year) {
            return Err(ValidationError::invalid(
                field(DatePart::Year),
                "That year looks mistyped.",
            ));
        }
    }
    if input.lead_days > 365 {
        return Err(ValidationError::invalid(
            field(DatePart::Lead),
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
    fn a_date_known_by_its_year_or_month_and_year() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Bill", ""), 1);
        let typed = |month, day, year| DateInput {
            kind: "graduation".into(),
            month,
            day,
            year,
            lead_days: 7,
            ..DateInput::default()
        };
        let saved = |month, day, year| {
            with_ctx(2, |ctx| dir.add_date(&id, &typed(month, day, year), ctx))
                .map(|b| b.dates[0].describe_day())
        };
        assert_eq!(saved(0, 0, Some(2019)).unwrap(), "2019");
        assert_eq!(saved(6, 0, Some(2021)).unwrap(), "June 2021");
        let refused = |month, day, year| saved(month, day, year).unwrap_err().field();
        assert_eq!(refused(6, 0, None), Some(Field::Date(DatePart::Day)));
        assert_eq!(refused(0, 0, None), Some(Field::Date(DatePart::Day)));
        assert_eq!(refused(0, 0, Some(1066)), Some(Field::Date(DatePart::Year)));
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
            Some(Field::Date(DatePart::Year))
        );
        assert_eq!(
            check(DateInput {
                month: 4,
                day: 31,
                ..leap.clone()
            })
            .unwrap_err()
            .field(),
            Some(Field::Date(DatePart::Day))
        );
        assert_eq!(
            check(DateInput {
                kind: "custom".into(),
                ..leap.clone()
            })
            .unwrap_err()
            .field(),
            Some(Field::Date(DatePart::Label))
        );
        let custom = check(DateInput {
            kind: "custom".into(),
            label: "Name day".into(),
            ..leap
        })
        .unwrap();
        assert_eq!(custom.dates[0].kind, DateKind::Custom("Name day".into()));
    }
}
