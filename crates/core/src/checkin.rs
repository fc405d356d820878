//! Check-in timers: when each person is due for contact, and who to reach
//! out to today. Every rule here is a function of the records and the
//! user's today, so time zones only enter through [`local_day`].
//!
//! - The timer runs from the last interaction; ANY interaction resets it.
//!   Before the first one, it runs from the day the timer was set
//!   ([`Contact::cadence_since`]).
//! - Due: the ideal interval has passed. Overdue: a maximum, by default
//!   125% of the interval, has passed too (a 30-day timer is overdue from
//!   day 38). A person's own maximum ("overdue after 45 days",
//!   [`Contact::overdue_after_days`]) replaces the percentage for them.
//! - A snoozed person is quiet until the snooze ends, then counts again.
//! - A person's own cadence wins; otherwise their organisation's default;
//!   otherwise the shortest default of their tags.
//!
//! (Over 400 lines on purpose: the rule, its states and the words each
//! screen shows for them stay together, so no screen words a state its
//! own way.)
//!
//! This is the ONE place that says where a person stands:
//! [`Directory::check_in_status`]. Today's sections, the People sort, an
//! organisation's members, a person's page, the app badge and the calendar
//! export all ask it; none computes a due day of its own.

use crate::cadence::Cadence;
use crate::calendar::Words;
use crate::directory::Directory;
use crate::ids::ContactId;
use crate::model::Contact;
use crate::search::same_words;
use crate::time::Timestamp;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Check-in settings the user can change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInSettings {
    /// Overdue once this percentage of the interval has passed (>= 100).
    pub overdue_percent: u16,
    /// Default cadences by tag, for people with none of their own.
    #[serde(default)]
    pub tag_cadences: Vec<(String, Cadence)>,
    /// Ask to re-confirm what a person cares about after this many days.
    #[serde(default = "default_reconfirm_days")]
    pub reconfirm_days: u16,
    /// How many check-ins a day the week's plan gives at most (0: no
    /// limit). Backup version 4.
    #[serde(default = "default_daily_limit")]
    pub daily_limit: u16,
    /// The user's message templates ([`crate::templates`]), in the order
    /// written. Backup version 5; left out of a backup when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<crate::templates::Template>,
}

fn default_daily_limit() -> u16 {
    5
}

fn default_reconfirm_days() -> u16 {
    60
}

impl CheckInSettings {
    /// The overdue thresholds offered in settings, in percent.
    pub const OVERDUE_CHOICES: [u16; 4] = [110, 125, 150, 200];
    /// The re-confirm ages offered in settings, in days.
    pub const RECONFIRM_CHOICES: [u16; 4] = [30, 60, 90, 180];
    /// The daily limits offered in settings (0: no limit).
    pub const DAILY_LIMIT_CHOICES: [u16; 5] = [3, 5, 8, 12, 0];

    /// Sets the default timer for `tag`, replacing one for the same tag
    /// (compared as tags are everywhere: ignoring case and accents).
    /// A blank tag is ignored.
    pub fn set_tag_default(&mut self, tag: &str, cadence: Cadence) {
        let tag = tag.trim();
        if tag.is_empty() {
            return;
        }
        self.remove_tag_default(tag);
        self.tag_cadences.push((tag.to_owned(), cadence));
    }

    /// Removes the default timer for `tag`, if there is one.
    pub fn remove_tag_default(&mut self, tag: &str) {
        self.tag_cadences.retain(|(t, _)| !same_words(t, tag));
    }
}

/// The day, counted from the last contact, on which a timer of `interval`
/// days turns overdue at `percent` (at least 100): rounded up, and never
/// before the day after it falls due.
pub fn overdue_day(interval: i64, percent: u16) -> i64 {
    let interval = interval.max(1);
    let percent = i64::from(percent.max(100));
    ((interval * percent + 99) / 100).max(interval + 1)
}

/// The day, counted from the last contact, on which a timer of `interval`
/// days turns overdue for a person: on their own maximum `own` when they
/// have one, else at the global `percent` ([`overdue_day`]). Either way
/// never before the day after it falls due (an own maximum shorter than
/// the timer would make "due" and "overdue" the same day).
pub fn overdue_day_for(interval: i64, percent: u16, own: Option<u16>) -> i64 {
    match own.filter(|n| *n > 0) {
        Some(days) => i64::from(days).max(interval.max(1) + 1),
        None => overdue_day(interval, percent),
    }
}

impl Default for CheckInSettings {
    fn default() -> Self {
        CheckInSettings {
            overdue_percent: 125,
            tag_cadences: Vec::new(),
            reconfirm_days: default_reconfirm_days(),
            daily_limit: default_daily_limit(),
            templates: Vec::new(),
        }
    }
}

/// Where a person stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckIn {
    /// No cadence: no reminders.
    NoTimer,
    /// Quiet until `until`.
    Snoozed { until: NaiveDate },
    /// Not due yet.
    Upcoming { due: NaiveDate },
    /// The ideal interval has passed.
    Due {
        due: NaiveDate,
        overdue_from: NaiveDate,
    },
    /// The maximum interval has passed too.
    Overdue {
        due: NaiveDate,
        overdue_from: NaiveDate,
    },
    /// A timer, but never in touch and no day the timer started: due now
    /// (on `due`, the day asked about), so the first contact happens.
    NeverInTouch { due: NaiveDate },
}

/// The kind of state, for styling and counting: none, ok, due, overdue,
/// snoozed, never in touch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckInKind {
    None,
    Ok,
    Due,
    Overdue,
    Snoozed,
    NeverInTouch,
}

impl CheckInKind {
    /// A stable one-word key ("overdue", "due", "ok", "none", "snoozed",
    /// "new"), for styles and tests.
    pub fn key(self) -> &'static str {
        match self {
            CheckInKind::None => "none",
            CheckInKind::Ok => "ok",
            CheckInKind::Due => "due",
            CheckInKind::Overdue => "overdue",
            CheckInKind::Snoozed => "snoozed",
            CheckInKind::NeverInTouch => "new",
        }
    }

    /// Whether the person is waiting for contact now (due, overdue, or
    /// never in touch).
    pub fn wants_contact(self) -> bool {
        matches!(
            self,
            CheckInKind::Due | CheckInKind::Overdue | CheckInKind::NeverInTouch
        )
    }
}

impl CheckIn {
    /// The day the person falls due, if they have a timer and are not
    /// snoozed.
    pub fn due(self) -> Option<NaiveDate> {
        match self {
            CheckIn::Upcoming { due }
            | CheckIn::Due { due, .. }
            | CheckIn::Overdue { due, .. }
            | CheckIn::NeverInTouch { due } => Some(due),
            CheckIn::NoTimer | CheckIn::Snoozed { .. } => None,
        }
    }

    pub fn kind(self) -> CheckInKind {
        match self {
            CheckIn::NoTimer => CheckInKind::None,
            CheckIn::Snoozed { .. } => CheckInKind::Snoozed,
            CheckIn::Upcoming { .. } => CheckInKind::Ok,
            CheckIn::Due { .. } => CheckInKind::Due,
            CheckIn::Overdue { .. } => CheckInKind::Overdue,
            CheckIn::NeverInTouch { .. } => CheckInKind::NeverInTouch,
        }
    }

    /// The day that orders people by "next check-in": when they fall due,
    /// or when their snooze ends; `None` (last) without a timer.
    pub fn next_day(self) -> Option<NaiveDate> {
        match self {
            CheckIn::Snoozed { until } => Some(until),
            other => other.due(),
        }
    }

    /// Short words for a list row, relative to `today`: "Due 10 days ago,
    /// on 3 Nov", "Due today", "Due in 7 days, 9 Dec", "Snoozed until
    /// 1 Mar", "Never in touch yet", "No check-in timer".
    pub fn words(self, today: NaiveDate) -> String {
        let day = |d: NaiveDate| d.words("%-d %b").to_string();
        match self {
            CheckIn::Overdue { due, .. } => match (today - due).num_days() {
                1 => "Due yesterday".into(),
                n => format!("Due {n} days ago, on {}", day(due)),
            },
            CheckIn::Due { due, .. } if due == today => "Due today".into(),
            CheckIn::Due { due, .. } => format!("Due since {}", day(due)),
            CheckIn::Upcoming { due } => match (due - today).num_days() {
                1 => "Due tomorrow".into(),
                n => format!("Due in {n} days, {}", day(due)),
            },
            CheckIn::Snoozed { until } => format!("Snoozed until {}", day(until)),
            CheckIn::NeverInTouch { .. } => "Never in touch yet".into(),
            CheckIn::NoTimer => "No check-in timer".into(),
        }
    }
}

impl CheckIn {
    /// One or two words for a row in the people list: "Overdue", "Due",
    /// "Tomorrow", "In 12 days", "Snoozed", "Never in touch", "No timer".
    pub fn short_words(self, today: NaiveDate) -> String {
        match self {
            CheckIn::Overdue { .. } => "Overdue".into(),
            CheckIn::Due { .. } => "Due".into(),
            CheckIn::Upcoming { due } => match (due - today).num_days() {
                1 => "Tomorrow".into(),
                n => format!("In {n} days"),
            },
            CheckIn::Snoozed { .. } => "Snoozed".into(),
            CheckIn::NeverInTouch { .. } => "Never in touch".into(),
            CheckIn::NoTimer => "No timer".into(),
        }
    }
}

/// Where a person's timer comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CadenceSource {
    /// No timer at all.
    None,
    /// Their own.
    Own,
    /// Their organisation's default (this organisation's name).
    Organisation(String),
    /// The shortest default of their tags (this tag's).
    Tag(String),
}

/// Everything a screen shows about a person's check-in on a day: the
/// cadence that applies, where it comes from, and where they stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckInStatus {
    pub cadence: Cadence,
    pub source: CadenceSource,
    pub state: CheckIn,
    /// The person's own maximum, in days, when they have one.
    pub overdue_after: Option<u16>,
    /// When the timer runs from a check-in with someone else of their
    /// household (the household shares check-ins and that was newer than
    /// their own): that person's name and the day.
    pub through: Option<(String, NaiveDate)>,
}

impl CheckInStatus {
    pub fn kind(&self) -> CheckInKind {
        self.state.kind()
    }

    /// Where they stand and why, for a person's page: "Next check-in
    /// 3 December · every month (the default for Acme)", and with their
    /// own maximum "… · every 30 days · overdue after 45 days".
    pub fn sentence(&self) -> String {
        let day = |d: NaiveDate| d.words("%-d %B").to_string();
        let state = match self.state {
            CheckIn::NoTimer => {
                return "No check-in timer. Set one to be reminded to get in touch.".to_owned()
            }
            CheckIn::Snoozed { until } => format!("Snoozed until {}", day(until)),
            CheckIn::Upcoming { due } => format!("Next check-in {}", day(due)),
            CheckIn::Due { due, .. } => format!("Due since {}", day(due)),
            CheckIn::Overdue { due, .. } => format!("Overdue: due {}", day(due)),
            CheckIn::NeverInTouch { .. } => "Never in touch yet: due now".to_owned(),
        };
        let state = match &self.through {
            Some((name, on)) => format!(
                "{state} · counted from the household's check-in with {name} on {}",
                day(*on)
            ),
            None => state,
        };
        match self.overdue_after {
            Some(n) => format!("{state} · {} · overdue after {}", self.rule(), days(n)),
            None => format!("{state} · {}", self.rule()),
        }
    }

    /// The rule in words, for a person's page: "every 30 days",
    /// "every month (the default for Harbor Logistics)", "every 2 weeks
    /// (the default for the tag “vip”)".
    pub fn rule(&self) -> String {
        let cadence = self.cadence.describe();
        match &self.source {
            CadenceSource::None | CadenceSource::Own => cadence,
            CadenceSource::Organisation(name) => {
                format!("{cadence} (the default for {name})")
            }
            CadenceSource::Tag(tag) => format!("{cadence} (the default for the tag “{tag}”)"),
        }
    }
}

/// "1 day", "45 days".
fn days(n: u16) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// The user's calendar day at instant `now`, where the local time is
/// `offset_minutes` ahead of UTC at that instant (the browser reports it,
/// daylight saving included).
pub fn local_day(now: Timestamp, offset_minutes: i32) -> Option<NaiveDate> {
    let utc = now.as_datetime()?;
    Some((utc + chrono::Duration::minutes(offset_minutes.into())).date_naive())
}

/// Where `contact` stands on `today` under `cadence`.
pub fn check_in(
    contact: &Contact,
    cadence: Cadence,
    today: NaiveDate,
    settings: &CheckInSettings,
) -> CheckIn {
    check_in_since(contact, contact.last_interaction, cadence, today, settings)
}

/// Like [`check_in`], with the timer running from `last` (their own last
/// interaction, or their household's when it shares check-ins).
fn check_in_since(
    contact: &Contact,
    last: Option<NaiveDate>,
    cadence: Cadence,
    today: NaiveDate,
    settings: &CheckInSettings,
) -> CheckIn {
    if cadence == Cadence::None || matches!(cadence, Cadence::Every { count: 0, .. }) {
        return CheckIn::NoTimer;
    }
    if let Some(until) = contact.snoozed_until.filter(|until| *until > today) {
        return CheckIn::Snoozed { until };
    }
    // Never in touch and no start day: due now, so the first contact happens.
    let Some(start) = last.or(contact.cadence_since) else {
        return CheckIn::NeverInTouch { due: today };
    };
    let Some(due) = cadence.next_after(start) else {
        return CheckIn::NoTimer;
    };
    let max_days = overdue_day_for(
        (due - start).num_days(),
        settings.overdue_percent,
        contact.overdue_after_days,
    );
    let overdue_from = start
        .checked_add_days(Days::new(max_days as u64))
        .unwrap_or(due);
    if today < due {
        CheckIn::Upcoming { due }
    } else if today < overdue_from {
        CheckIn::Due { due, overdue_from }
    } else {
        CheckIn::Overdue { due, overdue_from }
    }
}

/// Who to reach out to, grouped as the home screen shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReachOut {
    /// They reached out and wait for a reply ([`Contact::awaiting_reply`]),
    /// longest waiting first. Above every check-in: someone who wrote last
    /// gets an answer before anyone gets a check-in, and is in no other
    /// list. Each with their check-in state.
    pub replies: Vec<(ContactId, CheckIn)>,
    /// Most overdue first.
    pub overdue: Vec<(ContactId, CheckIn)>,
    /// Due (today or earlier) but not yet overdue, or never in touch,
    /// longest waiting first.
    pub due: Vec<(ContactId, CheckIn)>,
    /// Falling due within the next `days` days, soonest first.
    pub upcoming: Vec<(ContactId, CheckIn)>,
    /// The last day `upcoming` reaches.
    pub horizon: NaiveDate,
}

impl Directory {
    /// The cadence that applies to `c` and where it comes from: their own,
    /// else their organisation's default, else the shortest default among
    /// their tags.
    pub fn cadence_for(&self, c: &Contact, settings: &CheckInSettings) -> (Cadence, CadenceSource) {
        if c.cadence != Cadence::None {
            return (c.cadence, CadenceSource::Own);
        }
        if let Some(org) = self
            .organisation_of(c)
            .filter(|o| o.default_cadence != Cadence::None)
        {
            return (
                org.default_cadence,
                CadenceSource::Organisation(org.name.clone()),
            );
        }
        settings
            .tag_cadences
            .iter()
            .filter(|(tag, _)| c.has_tag(tag))
            .min_by_key(|(_, cadence)| cadence.next_after(NaiveDate::MIN))
            .map(|(tag, cadence)| (*cadence, CadenceSource::Tag(tag.clone())))
            .unwrap_or((Cadence::None, CadenceSource::None))
    }

    /// Where one person stands on `today`: THE check-in rule, asked by
    /// every screen.
    pub fn check_in_status(
        &self,
        c: &Contact,
        today: NaiveDate,
        settings: &CheckInSettings,
    ) -> CheckInStatus {
        let (cadence, source) = self.cadence_for(c, settings);
        let through = self.household_check_in(c);
        let last = through.as_ref().map(|(_, on)| *on).or(c.last_interaction);
        CheckInStatus {
            cadence,
            source,
            state: check_in_since(c, last, cadence, today, settings),
            overdue_after: c.overdue_after_days.filter(|n| *n > 0),
            through,
        }
    }

    /// Where one person stands today (the state alone).
    pub fn check_in_of(
        &self,
        c: &Contact,
        today: NaiveDate,
        settings: &CheckInSettings,
    ) -> CheckIn {
        self.check_in_status(c, today, settings).state
    }

    /// Everyone due, overdue, or due within `days` days.
    pub fn reach_out(&self, today: NaiveDate, days: u64, settings: &CheckInSettings) -> ReachOut {
        let mut out = ReachOut {
            horizon: today.checked_add_days(Days::new(days)).unwrap_or(today),
            ..ReachOut::default()
        };
        for c in self.all_contacts().filter(|c| c.is_live()) {
            let status = self.check_in_of(c, today, settings);
            if let Some(list) = out.list_for(c, status) {
                list.push((c.id.clone(), status));
            }
        }
        for list in [&mut out.overdue, &mut out.due, &mut out.upcoming] {
            crate::sort::sort_by(list, ReachOut::order);
        }
        crate::sort::sort_by(&mut out.replies, |a, b| ReachOut::waiting(self, a, b));
        out
    }
}

impl ReachOut {
    /// The order of every list: soonest due first, then by id.
    fn order(a: &(ContactId, CheckIn), b: &(ContactId, CheckIn)) -> std::cmp::Ordering {
        a.1.due().cmp(&b.1.due()).then_with(|| a.0.cmp(&b.0))
    }

    /// The order of the replies: who reached out first, then by id.
    fn waiting(
        d: &Directory,
        a: &(ContactId, CheckIn),
        b: &(ContactId, CheckIn),
    ) -> std::cmp::Ordering {
        let since = |id| d.contact(id).and_then(|c| c.awaiting_reply);
        since(&a.0).cmp(&since(&b.0)).then_with(|| a.0.cmp(&b.0))
    }

    /// The list a person in this state belongs to, if any.
    fn list_for(&mut self, c: &Contact, status: CheckIn) -> Option<&mut Vec<(ContactId, CheckIn)>> {
        if c.awaiting_reply.is_some() {
            return Some(&mut self.replies);
        }
        match status {
            CheckIn::Overdue { .. } => Some(&mut self.overdue),
            CheckIn::Due { .. } | CheckIn::NeverInTouch { .. } => Some(&mut self.due),
            CheckIn::Upcoming { due } if due <= self.horizon => Some(&mut self.upcoming),
            _ => None,
        }
    }

    /// Brings the lists up to date after a write that changed only the
    /// people in `ids` (and nothing they inherit a timer from): each is
    /// taken out and put back where the rule now places them, so a write
    /// costs a pass over the lists, not the rule over everyone. The result
    /// equals [`Directory::reach_out`] on the changed directory with the
    /// same `today` and settings (a host test checks it).
    pub fn refresh(
        &mut self,
        d: &Directory,
        ids: &[ContactId],
        today: NaiveDate,
        settings: &CheckInSettings,
    ) {
        for list in [
            &mut self.replies,
            &mut self.overdue,
            &mut self.due,
            &mut self.upcoming,
        ] {
            list.retain(|(id, _)| !ids.contains(id));
        }
        for id in ids {
            let Some(c) = d.contact(id).filter(|c| c.is_live()) else {
                continue;
            };
            let entry = (c.id.clone(), d.check_in_of(c, today, settings));
            let replying = c.awaiting_reply.is_some();
            if let Some(list) = self.list_for(c, entry.1) {
                let at = list.partition_point(|x| {
                    if replying {
                        Self::waiting(d, x, &entry).is_lt()
                    } else {
                        Self::order(x, &entry).is_lt()
                    }
                });
                list.insert(at, entry);
            }
        }
    }
}

#[cfg(test)]
mod tests;
