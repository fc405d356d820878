//! Important dates: birthdays, anniversaries and the like. They recur every
//! year on a month and day; the year is optional (a birthday without a year
//! is normal). A Feb 29 date falls on Feb 28 in common years, so the reminder
//! comes early rather than late.

use crate::ids::{ContactId, DateId, FamilyMemberId};
use crate::time::Timestamp;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "label", rename_all = "snake_case")]
pub enum DateKind {
    Birthday,
    Anniversary,
    Graduation,
    WorkAnniversary,
    Custom(String),
}

impl DateKind {
    pub const BUILT_IN: [DateKind; 4] = [
        DateKind::Birthday,
        DateKind::Anniversary,
        DateKind::Graduation,
        DateKind::WorkAnniversary,
    ];

    pub fn key(&self) -> &str {
        match self {
            DateKind::Birthday => "birthday",
            DateKind::Anniversary => "anniversary",
            DateKind::Graduation => "graduation",
            DateKind::WorkAnniversary => "work_anniversary",
            DateKind::Custom(_) => "custom",
        }
    }

    /// A built-in kind by key, or a custom kind with `label`.
    pub fn from_key(key: &str, label: &str) -> DateKind {
        Self::BUILT_IN
            .into_iter()
            .find(|k| k.key() == key)
            .unwrap_or_else(|| DateKind::Custom(label.trim().to_owned()))
    }

    pub fn label(&self) -> &str {
        match self {
            DateKind::Birthday => "Birthday",
            DateKind::Anniversary => "Anniversary",
            DateKind::Graduation => "Graduation",
            DateKind::WorkAnniversary => "Work anniversary",
            DateKind::Custom(label) => label,
        }
    }
}

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reminder lead time when the user does not choose one.
pub const DEFAULT_LEAD_DAYS: u16 = 7;

/// A yearly date tied to one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportantDate {
    pub id: DateId,
    pub contact_id: ContactId,
    /// Set when the date is a family member's (their birthday), not the
    /// contact's own.
    #[serde(default)]
    pub family_member: Option<FamilyMemberId>,
    pub kind: DateKind,
    pub month: u32,
    pub day: u32,
    #[serde(default)]
    pub year: Option<i32>,
    /// How many days ahead the user wants to be reminded.
    #[serde(default)]
    pub lead_days: u16,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub deleted: Option<Timestamp>,
}

impl ImportantDate {
    /// Whether month and day name a real day in some year (Feb 29 counts).
    pub fn is_valid_day(month: u32, day: u32) -> bool {
        NaiveDate::from_ymd_opt(2000, month, day).is_some()
    }

    /// The first occurrence on or after `today`.
    pub fn next_occurrence(&self, today: NaiveDate) -> Option<NaiveDate> {
        let this_year = occurrence_in(today.year(), self.month, self.day)?;
        if this_year >= today {
            Some(this_year)
        } else {
            occurrence_in(today.year() + 1, self.month, self.day)
        }
    }

    /// "14 March 1990", or "14 March" without a year.
    pub fn describe_day(&self) -> String {
        let month = (self.month as usize)
            .checked_sub(1)
            .and_then(|i| MONTHS.get(i))
            .unwrap_or(&"?");
        match self.year {
            Some(y) => format!("{} {month} {y}", self.day),
            None => format!("{} {month}", self.day),
        }
    }

    /// Age or years of marriage reached at the next occurrence, if the year
    /// is known.
    pub fn years_at_next(&self, today: NaiveDate) -> Option<i32> {
        let year = self.year?;
        let next = self.next_occurrence(today)?;
        Some(next.year() - year)
    }
}

/// "today", "tomorrow", "in 3 days".
pub fn in_days(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {n} days"),
    }
}

impl ImportantDate {
    /// When it comes next, for a person's page: "in 3 days", "today, turns
    /// 50", "tomorrow, 10 years".
    pub fn when_words(&self, today: NaiveDate) -> String {
        let Some(next) = self.next_occurrence(today) else {
            return String::new();
        };
        let when = in_days((next - today).num_days());
        match (self.years_at_next(today).filter(|y| *y > 0), &self.kind) {
            (Some(y), DateKind::Birthday) => format!("{when}, turns {y}"),
            (Some(y), _) => format!("{when}, {y} years"),
            _ => when,
        }
    }

    /// The reminder line on Today, `days` before the date: "Ava's birthday
    /// in 3 days — Bill Evans's daughter", or "Bill's birthday today
    /// (turns 50)". `person` is whose date it is (of one of their family
    /// when the date names a family member).
    pub fn reminder_line(
        &self,
        person: &crate::model::Contact,
        days: i64,
        today: NaiveDate,
    ) -> String {
        let when = in_days(days);
        let what = self.kind.label().to_lowercase();
        let age = self
            .years_at_next(today)
            .filter(|y| *y > 0 && self.kind == DateKind::Birthday)
            .map(|y| format!(" (turns {y})"))
            .unwrap_or_default();
        let member = self
            .family_member
            .as_ref()
            .and_then(|m| person.family.iter().find(|f| &f.id == m));
        match member {
            Some(member) => {
                let relation = if member.relation.is_empty() {
                    "family"
                } else {
                    member.relation.as_str()
                };
                format!(
                    "{}'s {what} {when}{age} — {}'s {relation}",
                    member.name, person.name
                )
            }
            None => format!("{}'s {what} {when}{age}", person.name),
        }
    }
}

/// `dates` ordered by when each comes next after `today`, soonest first
/// (ties by id, so the order is stable).
pub fn soonest_first(mut dates: Vec<ImportantDate>, today: NaiveDate) -> Vec<ImportantDate> {
    crate::sort::sort_by(&mut dates, |a, b| {
        (a.next_occurrence(today), &a.id).cmp(&(b.next_occurrence(today), &b.id))
    });
    dates
}

/// Dates to remind of on `today`: those whose next occurrence is within
/// their own lead time and within `horizon` days, soonest first, with the
/// day they fall on and how many days away that is.
pub fn reminders(
    dates: &[ImportantDate],
    today: NaiveDate,
    horizon: i64,
) -> Vec<(ImportantDate, NaiveDate, i64)> {
    let mut due: Vec<_> = dates
        .iter()
        .filter(|d| d.deleted.is_none())
        .filter_map(|d| {
            let next = d.next_occurrence(today)?;
            let days = (next - today).num_days();
            (days <= horizon.min(i64::from(d.lead_days))).then(|| (d.clone(), next, days))
        })
        .collect();
    crate::sort::sort_by(&mut due, |a, b| (a.2, &a.0.id).cmp(&(b.2, &b.0.id)));
    due
}

fn occurrence_in(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        // Only Feb 29 is valid in some years and not others.
        (month == 2 && day == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28))?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(month: u32, day: u32, year: Option<i32>) -> ImportantDate {
        ImportantDate {
            id: DateId::parse("d1").unwrap(),
            contact_id: ContactId::parse("c1").unwrap(),
            family_member: None,
            kind: DateKind::Birthday,
            month,
            day,
            year,
            lead_days: 3,
            created: Timestamp(0),
            updated: Timestamp(0),
            deleted: None,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn next_occurrence_is_today_or_later() {
        let bday = date(11, 25, None);
        assert_eq!(bday.next_occurrence(d(2026, 11, 22)), Some(d(2026, 11, 25)));
        assert_eq!(bday.next_occurrence(d(2026, 11, 25)), Some(d(2026, 11, 25)));
        assert_eq!(bday.next_occurrence(d(2026, 11, 26)), Some(d(2027, 11, 25)));
    }

    #[test]
    fn feb_29_falls_on_feb_28_in_common_years() {
        let leapling = date(2, 29, Some(2000));
        assert_eq!(
            leapling.next_occurrence(d(2026, 1, 1)),
            Some(d(2026, 2, 28))
        );
        assert_eq!(
            leapling.next_occurrence(d(2028, 1, 1)),
            Some(d(2028, 2, 29))
        );
        assert_eq!(
            leapling.next_occurrence(d(2027, 3, 1)),
            Some(d(2028, 2, 29))
        );
        assert_eq!(leapling.years_at_next(d(2026, 1, 1)), Some(26));
    }

    #[test]
    fn reminders_respect_each_lead_time_and_the_horizon() {
        let today = d(2026, 11, 22);
        let mut soon = date(11, 25, None);
        soon.lead_days = 3;
        let mut too_early = date(11, 30, None);
        too_early.id = DateId::parse("d2").unwrap();
        too_early.lead_days = 3;
        let mut far = date(12, 20, None);
        far.id = DateId::parse("d3").unwrap();
        far.lead_days = 60;
        let mut today_one = date(11, 22, Some(1980));
        today_one.id = DateId::parse("d4").unwrap();
        today_one.lead_days = 0;
        let found = reminders(&[soon, too_early, far, today_one], today, 14);
        let got: Vec<_> = found
            .iter()
            .map(|(d, _, days)| (d.id.as_str(), *days))
            .collect();
        assert_eq!(got, [("d4", 0), ("d1", 3)]);
    }

    #[test]
    fn words_for_when_a_date_comes() {
        let leapling = date(2, 29, Some(2000));
        assert_eq!(leapling.when_words(d(2027, 2, 28)), "today, turns 27");
        assert_eq!(leapling.when_words(d(2028, 2, 28)), "tomorrow, turns 28");
        let mut wedding = date(3, 4, Some(2016));
        wedding.kind = DateKind::Anniversary;
        assert_eq!(wedding.when_words(d(2026, 3, 1)), "in 3 days, 10 years");
        assert_eq!(date(3, 4, None).when_words(d(2026, 3, 1)), "in 3 days");

        let mut bill =
            crate::model::Contact::new(ContactId::parse("c1").unwrap(), "Bill Evans", Timestamp(0));
        assert_eq!(
            leapling.reminder_line(&bill, 0, d(2026, 2, 28)),
            "Bill Evans's birthday today (turns 26)"
        );
        let ava = crate::ids::FamilyMemberId::parse("f1").unwrap();
        bill.family.push(crate::contact::FamilyMember {
            id: ava.clone(),
            name: "Ava".into(),
            relation: "daughter".into(),
        });
        let mut hers = date(12, 1, None);
        hers.family_member = Some(ava);
        assert_eq!(
            hers.reminder_line(&bill, 3, d(2026, 11, 28)),
            "Ava's birthday in 3 days — Bill Evans's daughter"
        );
    }

    #[test]
    fn soonest_first_wraps_around_the_year() {
        let mut jan = date(1, 5, None);
        jan.id = DateId::parse("jan").unwrap();
        let mut dec = date(12, 24, None);
        dec.id = DateId::parse("dec").unwrap();
        let leap = date(2, 29, None);
        let got: Vec<_> = soonest_first(vec![jan, leap, dec], d(2026, 12, 1))
            .into_iter()
            .map(|d| d.id.as_str().to_owned())
            .collect();
        assert_eq!(got, ["dec", "jan", "d1"]);
    }

    #[test]
    fn dates_without_year_have_no_age() {
        let bday = date(7, 4, None);
        assert_eq!(bday.years_at_next(d(2026, 1, 1)), None);
    }

    #[test]
    fn validity_of_month_and_day() {
        assert!(ImportantDate::is_valid_day(2, 29));
        assert!(!ImportantDate::is_valid_day(2, 30));
        assert!(!ImportantDate::is_valid_day(13, 1));
        assert!(!ImportantDate::is_valid_day(4, 31));
    }
}
