//! Important dates: birthdays, anniversaries and the like. They recur every
//! year on a month and day; the year is optional (a birthday without a year
//! is normal). A Feb 29 date falls on Feb 28 in common years, so the reminder
//! comes early rather than late.
//!
//! Some dates are known only in part: "graduated 2019", "started June
//! 2021". Such a date has a year, and `day` 0 (and `month` 0 when only the
//! year is known). It has no day to fall on, so it never reminds and has
//! no next occurrence; it reads "2019" or "June 2021", and how long ago
//! it was. (The store's month-day index may hand one to [`reminders`] when
//! a range spans a month's start; [`reminders`] drops it.)

use crate::ids::{ContactId, DateId, FamilyMemberId};
use crate::time::Timestamp;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Stored as `{"type":"birthday"}`, or `{"type":"custom","label":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "label", rename_all = "snake_case")]
pub enum DateKind {
    Birthday,
    Anniversary,
    Graduation,
    WorkAnniversary,
    Custom(String),
}

/// Read through a flat record rather than serde's derive for an adjacently
/// tagged enum, which buffers the input in a general `Content` tree and
/// compiles a large deserializer into the wasm.
impl<'de> Deserialize<'de> for DateKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Flat {
            #[serde(rename = "type")]
            kind: String,
            #[serde(default)]
            label: Option<String>,
        }
        use serde::de::Error;
        let flat = Flat::deserialize(d)?;
        Ok(match flat.kind.as_str() {
            "birthday" => DateKind::Birthday,
            "anniversary" => DateKind::Anniversary,
            "graduation" => DateKind::Graduation,
            "work_anniversary" => DateKind::WorkAnniversary,
            "custom" => {
                DateKind::Custom(flat.label.ok_or_else(|| D::Error::missing_field("label"))?)
            }
            other => {
                return Err(D::Error::unknown_variant(
                    other,
                    &[
                        "birthday",
                        "anniversary",
                        "graduation",
                        "work_anniversary",
                        "custom",
                    ],
                ))
            }
        })
    }
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
    /// 1-12, or 0 when only the year is known.
    pub month: u32,
    /// 1-31, or 0 when only the month and year (or only the year) are known.
    pub day: u32,
    /// Required when `day` is 0.
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

    /// Known only in part (a year, or a month and a year): no day to fall
    /// on, so never a reminder.
    pub fn is_partial(&self) -> bool {
        self.day == 0
    }

    /// The first occurrence on or after `today`; none for a partial date.
    pub fn next_occurrence(&self, today: NaiveDate) -> Option<NaiveDate> {
        if self.is_partial() {
            return None;
        }
        let this_year = occurrence_in(today.year(), self.month, self.day)?;
        if this_year >= today {
            Some(this_year)
        } else {
            occurrence_in(today.year() + 1, self.month, self.day)
        }
    }

    /// "14 March 1990", or "14 March" without a year; a partial date
    /// "June 2021" or "2019".
    pub fn describe_day(&self) -> String {
        let month = (self.month as usize)
            .checked_sub(1)
            .and_then(|i| MONTHS.get(i))
            .copied();
        let parts: [Option<String>; 3] = [
            (self.day != 0).then(|| self.day.to_string()),
            month.map(str::to_owned),
            self.year.map(|y| y.to_string()),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
    }

    /// Age or years of marriage reached at the next occurrence, if the year
    /// is known.
    pub fn years_at_next(&self, today: NaiveDate) -> Option<i32> {
        let year = self.year?;
        let next = self.next_occurrence(today)?;
        next.year().checked_sub(year)
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
    /// A partial date says how long ago it was: "this year", "last year",
    /// "7 years ago".
    pub fn when_words(&self, today: NaiveDate) -> String {
        if self.is_partial() {
            return match self.year.and_then(|y| today.year().checked_sub(y)) {
                Some(0) => "this year".to_owned(),
                Some(1) => "last year".to_owned(),
                Some(n) if n > 1 => format!("{n} years ago"),
                Some(n) if n < 0 => format!("in {} years", -n),
                _ => String::new(),
            };
        }
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

/// `dates` ordered by when each comes next after `today`, soonest first,
/// then partial dates, newest first (ties by id, so the order is stable).
pub fn soonest_first(mut dates: Vec<ImportantDate>, today: NaiveDate) -> Vec<ImportantDate> {
    let key = |d: &ImportantDate| {
        let next = d.next_occurrence(today);
        (next.is_none(), next, std::cmp::Reverse((d.year, d.month)))
    };
    crate::sort::sort_by(&mut dates, |a, b| (key(a), &a.id).cmp(&(key(b), &b.id)));
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

/// Dates sorted by person once, so each person's are found by binary
/// search: looking through every date for each person is people × dates
/// (700 ms at 10,000 people and 3,000 dates). Used where many people's
/// dates are read at once: an import's plan, a vCard export.
pub(crate) struct ByPerson<'a>(Vec<&'a ImportantDate>);

impl<'a> ByPerson<'a> {
    pub(crate) fn new(dates: impl Iterator<Item = &'a ImportantDate>) -> Self {
        let mut sorted: Vec<&ImportantDate> = dates.collect();
        crate::sort::sort_by(&mut sorted, |a, b| a.contact_id.cmp(&b.contact_id));
        ByPerson(sorted)
    }

    /// The dates of `id`, in the order given.
    pub(crate) fn of(&self, id: &ContactId) -> &[&'a ImportantDate] {
        let from = self.0.partition_point(|d| &d.contact_id < id);
        let len = self.0[from..].partition_point(|d| &d.contact_id == id);
        &self.0[from..from + len]
    }
}

#[cfg(test)]
mod tests;
