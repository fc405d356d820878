//! The records Kith keeps. Each has `created`, `updated` and an optional
//! `deleted` tombstone (see the crate docs). Fields added in later versions
//! carry `#[serde(default)]` so older stored records still read.

use crate::cadence::Cadence;
use crate::calendar::Words;
use crate::ids::{ContactId, InteractionId, OrganisationId, TaskId};
use crate::time::Timestamp;
use crate::ImportantDate;

pub use crate::contact::{Contact, Detail, FamilyMember, Labeled, Relation, RelationKind, Role};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// A company, club or family the user's people belong to, or a household:
/// people who live together (see [`crate::household`]). A household is kept
/// as an organisation of [`OrganisationKind::Household`], as household
/// accounts are in Salesforce's nonprofit model: it is stored, backed up,
/// merged and undone with organisations, but it is never anyone's employer
/// and never listed among organisations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    #[serde(default)]
    pub notes: String,
    /// The check-in timer for its people who have none of their own.
    #[serde(default)]
    pub default_cadence: Cadence,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub deleted: Option<Timestamp>,
    /// Set on a tombstone when this organisation was merged into another
    /// (by the user, or because a backup brought one of the same name):
    /// roles that still point here belong there. Left out of the file when
    /// unset, so older backups and exports keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<OrganisationId>,
    /// An organisation (left out of the file) or a household (backup v6).
    #[serde(default, skip_serializing_if = "OrganisationKind::is_organisation")]
    pub kind: OrganisationKind,
    /// A household's shared address (backup v6; left out when empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// A household's rule: a check-in with one member counts for every
    /// member (backup v6; left out when off).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared_check_ins: bool,
}

/// What an [`Organisation`] record is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrganisationKind {
    #[default]
    Organisation,
    /// People who live together.
    Household,
}

impl OrganisationKind {
    pub fn is_organisation(&self) -> bool {
        *self == OrganisationKind::Organisation
    }
}

impl Organisation {
    /// A new organisation named `name`.
    pub fn new(id: OrganisationId, name: &str, now: crate::time::Timestamp) -> Self {
        Organisation {
            id,
            name: name.to_owned(),
            notes: String::new(),
            default_cadence: Cadence::default(),
            created: now,
            updated: now,
            deleted: None,
            merged_into: None,
            kind: OrganisationKind::Organisation,
            address: String::new(),
            shared_check_ins: false,
        }
    }

    pub fn is_household(&self) -> bool {
        self.kind == OrganisationKind::Household
    }
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

impl InteractionKind {
    pub const ALL: [InteractionKind; 8] = [
        InteractionKind::Call,
        InteractionKind::Video,
        InteractionKind::Meeting,
        InteractionKind::Meal,
        InteractionKind::Message,
        InteractionKind::Email,
        InteractionKind::Event,
        InteractionKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            InteractionKind::Call => "call",
            InteractionKind::Video => "video",
            InteractionKind::Meeting => "meeting",
            InteractionKind::Meal => "meal",
            InteractionKind::Message => "message",
            InteractionKind::Email => "email",
            InteractionKind::Event => "event",
            InteractionKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            InteractionKind::Call => "Call",
            InteractionKind::Video => "Video call",
            InteractionKind::Meeting => "Meeting",
            InteractionKind::Meal => "Meal",
            InteractionKind::Message => "Message",
            InteractionKind::Email => "Email",
            InteractionKind::Event => "Event",
            InteractionKind::Other => "Other",
        }
    }
}

/// How satisfied the other side is, 1 (unhappy) to 5 (delighted), with an
/// optional note in their words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Temperature {
    pub score: u8,
    #[serde(default)]
    pub note: String,
}

/// The notes of an interaction the "Checked in" button logs.
pub const CHECKED_IN: &str = "Checked in";

/// One contact with one or more people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub contact_ids: Vec<ContactId>,
    pub kind: InteractionKind,
    /// The day it happened, in the user's calendar.
    #[serde(with = "crate::wire::day")]
    pub date: NaiveDate,
    #[serde(default, with = "crate::wire::opt_time")]
    pub time: Option<NaiveTime>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub temperature: Option<Temperature>,
    /// Who started it; `None` in records from before backup version 4,
    /// which count for neither side. Left out of the file when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<crate::reciprocity::Initiator>,
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

impl Interaction {
    /// Whether the "Checked in" button logged it ([`crate::Directory::checked_in`]).
    pub fn is_check_in(&self) -> bool {
        self.kind == InteractionKind::Other && self.notes == CHECKED_IN
    }

    /// What it was and when, for a control's name or a notice: "call of
    /// 3 Nov 2026".
    pub fn what(&self) -> String {
        use crate::calendar::Words;
        format!(
            "{} of {}",
            self.kind.label().to_lowercase(),
            self.date.words("%-d %b %Y")
        )
    }

    /// Who else was there, as one person's timeline says it: "with Bill
    /// Hart and Marta Silva"; `None` when `me` was alone with no one else.
    /// `name` gives a participant's name, or `None` for someone deleted.
    pub fn who_else(
        &self,
        me: &ContactId,
        name: impl Fn(&ContactId) -> Option<String>,
    ) -> Option<String> {
        let others: Vec<String> = self
            .contact_ids
            .iter()
            .filter(|c| *c != me)
            .filter_map(name)
            .collect();
        (!others.is_empty()).then(|| format!("with {}", crate::format::and_list(&others)))
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
        |t| t.words("%H:%M:%S").to_string(),
    );
    format!("{contact}|{}|{time}|{id}", date.words("%Y-%m-%d"))
}

/// A follow-up: something to do for one or more people by a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub contact_ids: Vec<ContactId>,
    pub text: String,
    #[serde(with = "crate::wire::day")]
    pub due: NaiveDate,
    /// When it was done; open while `None`.
    #[serde(default)]
    pub done: Option<Timestamp>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub deleted: Option<Timestamp>,
}

impl Task {
    pub fn is_open(&self) -> bool {
        self.done.is_none() && self.deleted.is_none()
    }

    /// Past its day and still open on `today`.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }

    /// The follow-up as one line, its due day after a dash: "Ask how the
    /// new routing system is working — 7 Dec". The stored text stays
    /// clean; every list of follow-ups shows this.
    pub fn sentence(&self) -> String {
        format!("{} — {}", self.text, self.due.words("%-d %b"))
    }

    /// "Due today", "Due in 3 days", or "Late: due 3 Nov".
    pub fn due_words(&self, today: NaiveDate) -> String {
        match (self.due - today).num_days() {
            0 => "Due today".to_owned(),
            1 => "Due tomorrow".to_owned(),
            n if n > 1 => format!("Due in {n} days"),
            _ => format!("Late: due {}", self.due.words("%-d %b")),
        }
    }
}

/// Everything one user command writes: stored together in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    pub contacts: Vec<Contact>,
    pub organisations: Vec<Organisation>,
    pub interactions: Vec<Interaction>,
    pub dates: Vec<ImportantDate>,
    pub tasks: Vec<Task>,
    /// Photos to store (replacing any earlier one of the same person).
    pub photos: Vec<Photo>,
    /// People whose photo is removed.
    pub photos_removed: Vec<ContactId>,
    /// The people of `contacts` as the writer last saw them, when they
    /// existed. A store that finds a newer stored version (another tab
    /// wrote meanwhile) merges both changes ([`crate::rebase`]) instead of
    /// overwriting theirs.
    pub bases: Vec<Contact>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty()
            && self.organisations.is_empty()
            && self.interactions.is_empty()
            && self.dates.is_empty()
            && self.tasks.is_empty()
            && self.photos.is_empty()
            && self.photos_removed.is_empty()
    }
}

/// A person's photo: small image bytes (the app downscales before storing),
/// kept apart from the person so loading people never loads pictures.
#[derive(Clone, PartialEq, Eq)]
pub struct Photo {
    pub contact_id: ContactId,
    /// e.g. `image/jpeg`.
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Photo({}, {}, {} bytes)",
            self.contact_id,
            self.mime,
            self.bytes.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_timeline_says_who_else_was_there() {
        let id = |s: &str| ContactId::parse(s).unwrap();
        let call = Interaction {
            id: InteractionId::parse("i").unwrap(),
            contact_ids: vec![id("ana"), id("bill"), id("gone"), id("marta")],
            kind: InteractionKind::Meeting,
            date: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            time: None,
            notes: String::new(),
            temperature: None,
            initiator: None,
            created: Timestamp(0),
            updated: Timestamp(0),
            deleted: None,
        };
        let name = |c: &ContactId| match c.as_str() {
            "ana" => Some("Ana Cruz".to_owned()),
            "bill" => Some("Bill Hart".to_owned()),
            "marta" => Some("Marta Silva".to_owned()),
            _ => None,
        };
        assert_eq!(
            call.who_else(&id("ana"), name).as_deref(),
            Some("with Bill Hart and Marta Silva")
        );
        assert_eq!(
            call.who_else(&id("bill"), name).as_deref(),
            Some("with Ana Cruz and Marta Silva")
        );
        let alone = Interaction {
            contact_ids: vec![id("ana")],
            ..call
        };
        assert_eq!(alone.who_else(&id("ana"), name), None);
    }

    #[test]
    fn a_follow_up_is_due_then_late() {
        let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let mut t = Task {
            id: TaskId::parse("t").unwrap(),
            contact_ids: Vec::new(),
            text: "Send the deck".into(),
            due: day(2, 29),
            done: None,
            created: Timestamp(0),
            updated: Timestamp(0),
            deleted: None,
        };
        assert_eq!(t.sentence(), "Send the deck — 29 Feb");
        assert_eq!(t.due_words(day(2, 27)), "Due in 2 days");
        assert_eq!(t.due_words(day(2, 28)), "Due tomorrow");
        assert_eq!(t.due_words(day(2, 29)), "Due today");
        assert!(!t.is_late(day(2, 29)));
        assert_eq!(t.due_words(day(3, 1)), "Late: due 29 Feb");
        assert!(t.is_late(day(3, 1)));
        t.done = Some(Timestamp(1));
        assert!(!t.is_late(day(3, 1)), "a done follow-up is never late");
    }
}
