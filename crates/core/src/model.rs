//! The records Kith keeps. Each has `created`, `updated` and an optional
//! `deleted` tombstone (see the crate docs). Fields added in later versions
//! carry `#[serde(default)]` so older stored records still read.

use crate::cadence::Cadence;
use crate::ids::{ContactId, InteractionId, OrganisationId};
use crate::time::Timestamp;
use crate::ImportantDate;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// A value with a user-chosen label, e.g. ("work", "ana@example.com").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labeled {
    #[serde(default)]
    pub label: String,
    pub value: String,
}

/// A person the user keeps in touch with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    #[serde(default)]
    pub organisation_id: Option<OrganisationId>,
    #[serde(default)]
    pub emails: Vec<Labeled>,
    #[serde(default)]
    pub phones: Vec<Labeled>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub cadence: Cadence,
    /// The day of the latest interaction with this person. Kept up to date by
    /// the commands that log interactions, so check-ins never need to read
    /// the interaction history.
    #[serde(default)]
    pub last_interaction: Option<NaiveDate>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub deleted: Option<Timestamp>,
}

impl Contact {
    pub fn is_live(&self) -> bool {
        self.deleted.is_none()
    }

    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(|e| e.value.as_str())
    }

    pub fn primary_phone(&self) -> Option<&str> {
        self.phones.first().map(|p| p.value.as_str())
    }

    /// The day the next check-in falls due, if this person has a cadence and
    /// has been in touch at least once.
    pub fn next_check_in(&self) -> Option<NaiveDate> {
        self.cadence.next_after(self.last_interaction?)
    }

    /// One or two letters for the avatar.
    pub fn initials(&self) -> String {
        let mut words = self
            .name
            .split_whitespace()
            .filter_map(|w| w.chars().next());
        let first = words.next();
        let last = words.next_back();
        first
            .into_iter()
            .chain(last)
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// A company, club or family the user's people belong to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    #[serde(default)]
    pub notes: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub deleted: Option<Timestamp>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InteractionKind {
    Call,
    Video,
    Meeting,
    Meal,
    Message,
    Email,
    Event,
    Other,
}

/// How satisfied the other side is, 1 (unhappy) to 5 (delighted), with an
/// optional note in their words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Temperature {
    pub score: u8,
    #[serde(default)]
    pub note: String,
}

/// One contact with one or more people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub contact_ids: Vec<ContactId>,
    pub kind: InteractionKind,
    /// The day it happened, in the user's calendar.
    pub date: NaiveDate,
    #[serde(default)]
    pub time: Option<NaiveTime>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub temperature: Option<Temperature>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub deleted: Option<Timestamp>,
}

impl Interaction {
    /// Keys that order one person's timeline: one per participant, sorting by
    /// day, then time of day, then id. Both stores order timelines by them,
    /// and the IndexedDB store indexes them (multi-entry).
    pub fn timeline_keys(&self) -> Vec<String> {
        self.contact_ids
            .iter()
            .map(|c| timeline_key(c, self.date, self.time, &self.id))
            .collect()
    }
}

/// `contact|YYYY-MM-DD|HH:MM:SS|id`. A day without a time sorts before the
/// timed ones of the same day ('-' sorts before digits).
pub fn timeline_key(
    contact: &ContactId,
    date: NaiveDate,
    time: Option<NaiveTime>,
    id: &InteractionId,
) -> String {
    let time = time.map_or_else(
        || "--:--:--".to_owned(),
        |t| t.format("%H:%M:%S").to_string(),
    );
    format!("{contact}|{}|{time}|{id}", date.format("%Y-%m-%d"))
}

/// Everything one user command writes: stored together in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    pub contacts: Vec<Contact>,
    pub organisations: Vec<Organisation>,
    pub interactions: Vec<Interaction>,
    pub dates: Vec<ImportantDate>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty()
            && self.organisations.is_empty()
            && self.interactions.is_empty()
            && self.dates.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_first_and_last_word() {
        let mut c = crate::commands::tests::contact("Ana María de la Cruz");
        assert_eq!(c.initials(), "AC");
        c.name = "émile".into();
        assert_eq!(c.initials(), "É");
        c.name = "  ".into();
        assert_eq!(c.initials(), "");
    }

    #[test]
    fn timeline_keys_sort_by_day_then_time() {
        let c = ContactId::parse("c").unwrap();
        let i = InteractionId::parse("i").unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let later = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let nine = NaiveTime::from_hms_opt(9, 0, 0);
        let untimed = timeline_key(&c, day, None, &i);
        let timed = timeline_key(&c, day, nine, &i);
        let next_day = timeline_key(&c, later, None, &i);
        assert!(untimed < timed && timed < next_day);
        assert_eq!(timed, "c|2026-03-09|09:00:00|i");
    }
}
