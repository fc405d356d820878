//! When to call: "This week", a plan that spreads everyone due over the
//! coming seven days.
//!
//! The rules, in the order they place people:
//! 1. a person the user moved to a day ([`Contact::planned_on`]) is on it;
//! 2. a person with a date of their own in the week (a birthday) is called
//!    on that day, not the day after;
//! 3. everyone else, most overdue first, goes to the first day from when
//!    they fall due that is their preferred weekday ([`Prefers`]) if the
//!    week has one, else to the day they fall due, and on to the next day
//!    while a day holds the user's daily limit already;
//! 4. who does not fit in the week waits for the next one ("Later").
//!
//! Moves and dates are kept even past the limit: the user chose them, or
//! the day matters. The plan reads only Today's lists ([`ReachOut`]) and
//! the week's dates, so it costs a pass over who is due, not everyone.

use crate::calendar::Words;
use crate::checkin::ReachOut;
use crate::commands::{Ctx, Field, ValidationError};
use crate::contact::Contact;
use crate::dates::ImportantDate;
use crate::directory::Directory;
use crate::ids::ContactId;
use crate::model::Batch;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The plan's length in days, today first.
pub const DAYS: u64 = 7;

/// A part of the day someone prefers to be called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];

    pub fn key(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
        }
    }

    pub fn from_key(key: &str) -> Option<DayPart> {
        DayPart::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// When someone prefers to be called ("prefers Friday mornings").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefers {
    /// ISO weekday, 1 (Monday) to 7 (Sunday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<DayPart>,
}

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl Prefers {
    /// "Prefers Friday mornings", "Prefers Fridays", "Prefers evenings";
    /// `None` when nothing is preferred.
    pub fn words(self) -> Option<String> {
        let day = self
            .day
            .and_then(|d| WEEKDAYS.get(usize::from(d).checked_sub(1)?));
        let part = self.part.map(DayPart::key);
        Some(match (day, part) {
            (Some(d), Some(p)) => format!("Prefers {d} {p}s"),
            (Some(d), None) => format!("Prefers {d}s"),
            (None, Some(p)) => format!("Prefers {p}s"),
            (None, None) => return None,
        })
    }
}

/// Why someone is on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The user moved them there.
    Moved,
    /// Their date falls on it: "birthday".
    Date(String),
    /// Their preferred weekday.
    Prefers,
    /// The first day with room from when they fall due.
    Due,
}

impl Why {
    pub fn words(&self) -> String {
        match self {
            Why::Moved => "moved here".into(),
            Why::Date(what) => format!("{what} that day"),
            Why::Prefers => "their preferred day".into(),
            Why::Due => "due".into(),
        }
    }
}

/// One day of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub people: Vec<(ContactId, Why)>,
}

/// The week: seven days from today, and how many wait for next week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekPlan {
    pub days: Vec<Day>,
    /// How many wait for next week: a count, not their ids (at 10,000
    /// people nearly everyone overdue waits, and the plan is made again
    /// after every check-in).
    pub later: usize,
}

impl Directory {
    /// The plan for the seven days from `today`, from Today's lists
    /// (`reach`, counted on `today`), the dates falling in the week, and
    /// the user's daily `limit` (0: none).
    pub fn plan_week(
        &self,
        reach: &ReachOut,
        dates: &[ImportantDate],
        today: NaiveDate,
        limit: u16,
    ) -> WeekPlan {
        let last = today + Days::new(DAYS - 1);
        let mut days: Vec<Day> = (0..DAYS)
            .map(|n| Day {
                date: today + Days::new(n),
                people: Vec::new(),
            })
            .collect();
        let index = |d: NaiveDate| usize::try_from((d - today).num_days()).ok();
        let mut rest = Vec::new();
        // Most overdue first, then due, then coming up: the lists' order.
        let waiting = reach
            .overdue
            .iter()
            .chain(&reach.due)
            .chain(&reach.upcoming);
        for (id, status) in waiting {
            let Some(c) = self.contact(id) else { continue };
            let from = status.due().unwrap_or(today).max(today);
            if let Some(on) = c.planned_on.filter(|d| (today..=last).contains(d)) {
                days[index(on).unwrap_or(0)]
                    .people
                    .push((id.clone(), Why::Moved));
            } else if let Some((on, what)) = own_date(c, dates, today, last) {
                days[index(on).unwrap_or(0)]
                    .people
                    .push((id.clone(), Why::Date(what)));
            } else if from <= last {
                rest.push((id, from, preferred_day(c, from, last)));
            }
        }
        let mut later = 0;
        for (id, from, preferred) in rest {
            let start = index(preferred.unwrap_or(from)).unwrap_or(0);
            let room = (start..days.len())
                .find(|&i| limit == 0 || days[i].people.len() < usize::from(limit));
            match room {
                Some(i) => {
                    let why = if preferred.is_some() && i == start {
                        Why::Prefers
                    } else {
                        Why::Due
                    };
                    days[i].people.push((id.clone(), why));
                }
                None => later += 1,
            }
        }
        WeekPlan { days, later }
    }

    /// Moves `id` to `day` in the week's plan (today or one of the six
    /// days after it).
    pub fn plan_on(
        &self,
        id: &ContactId,
        day: NaiveDate,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if !(0..DAYS as i64).contains(&(day - ctx.today).num_days()) {
            return Err(ValidationError::invalid(
                Field::PlanDay,
                "Choose a day in the coming week.",
            ));
        }
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        c.planned_on = Some(day);
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// Sets when `id` prefers to be called (`None`s: no preference).
    pub fn set_prefers(
        &self,
        id: &ContactId,
        prefers: Prefers,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if prefers.day.is_some_and(|d| !(1..=7).contains(&d)) {
            return Err(ValidationError::invalid(
                Field::PlanDay,
                "Choose a day of the week.",
            ));
        }
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        c.prefers = (prefers != Prefers::default()).then_some(prefers);
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }
}

/// The first of `c`'s own live dates (not their family's) that falls in
/// `today..=last`, and what it is ("birthday").
fn own_date(
    c: &Contact,
    dates: &[ImportantDate],
    today: NaiveDate,
    last: NaiveDate,
) -> Option<(NaiveDate, String)> {
    dates
        .iter()
        .filter(|d| d.contact_id == c.id && d.family_member.is_none() && d.deleted.is_none())
        .filter_map(|d| Some((d.next_occurrence(today)?, d)))
        .filter(|(on, _)| *on <= last)
        .min_by_key(|(on, d)| (*on, d.id.clone()))
        .map(|(on, d)| (on, d.kind.label().to_lowercase()))
}

/// The first day in `from..=last` that is `c`'s preferred weekday.
fn preferred_day(c: &Contact, from: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
    let want = u32::from(c.prefers?.day?);
    let ahead = (want + 7 - from.weekday().number_from_monday()) % 7;
    Some(from + Days::new(u64::from(ahead))).filter(|d| *d <= last)
}

impl WeekPlan {
    /// How many people the days hold, all together.
    pub fn planned(&self) -> usize {
        self.days.iter().map(|d| d.people.len()).sum()
    }

    /// The days that have someone on them, as HTML for Today's "This
    /// week" card (drawn as text: one compiled view for any plan): a
    /// heading with the count, then each of the first `shown` people
    /// with a link to their page (under `base`), why they are on that
    /// day, and a select of the week's days ([`short_day`]; the value: days
    /// from today)
    /// to move them, named "Day for Ana Cruz" and carrying the person's
    /// id in `data-person`. Names come from `name`, and all text is
    /// escaped.
    pub fn html(
        &self,
        today: NaiveDate,
        shown: usize,
        base: &str,
        name: impl Fn(&ContactId) -> Option<String>,
    ) -> String {
        let esc = |text: &str| {
            let mut out = String::new();
            crate::format::push_escaped(&mut out, text);
            out
        };
        let headings: Vec<String> = self
            .days
            .iter()
            .map(|d| day_heading(d.date, today))
            .collect();
        let mut out = String::new();
        for (day, heading) in self
            .days
            .iter()
            .zip(&headings)
            .filter(|(d, _)| !d.people.is_empty())
        {
            let at = (day.date - today).num_days();
            out += &format!(
                "<h3 class=\"card__subtitle\">{heading} · {}</h3><ul class=\"members\" aria-label=\"{heading}\">",
                crate::format::grouped(day.people.len())
            );
            for (id, why) in day.people.iter().take(shown) {
                let Some(who) = name(id) else { continue };
                let (who, why, id) = (esc(&who), esc(&why.words()), esc(id.as_str()));
                out += &format!(
                    "<li class=\"member\"><div class=\"member__main\"><a class=\"member__name\" href=\"{base}/people/{id}\">{who}</a><span class=\"member__role\">{why}</span></div><select class=\"plan__day\" id=\"plan-{id}-{at}\" data-person=\"{id}\" aria-label=\"Day for {who}\">"
                );
                for (n, d) in self.days.iter().enumerate() {
                    let chosen = if n as i64 == at { " selected" } else { "" };
                    let short = short_day(d.date, today);
                    out += &format!("<option value=\"{n}\"{chosen}>{short}</option>");
                }
                out += "</select></li>";
            }
            out += "</ul>";
            if let Some(more) = day.people.len().checked_sub(shown).filter(|n| *n > 0) {
                out += &format!(
                    "<p class=\"plan__later\">and {} more</p>",
                    crate::format::grouped(more)
                );
            }
        }
        out
    }
}

/// "Today", "Tomorrow", "Thu 3 Dec": a day as a choice in the plan's
/// selects, short enough to fit beside a name on a phone.
pub fn short_day(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 | 1 => day_heading(date, today),
        _ => {
            let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
            format!("{} {}", &weekday[..3], date.words("%-d %b"))
        }
    }
}

/// "Today", "Tomorrow", "Thursday 3 December": a day of the plan's heading.
pub fn day_heading(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "Today".into(),
        1 => "Tomorrow".into(),
        _ => date.words("%A %-d %B").to_string(),
    }
}

#[cfg(test)]
mod tests;
