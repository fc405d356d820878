//! A person and everything kept about them: names, ways to reach them,
//! roles at organisations, tags and interests, details learned over time,
//! family members and links to other people.
//!
//! Lists that a person could have several of are `Vec`s embedded in the
//! record: they are small, load with the person, and are searched with them.
//! Birthdays and other yearly dates are separate records
//! ([`crate::ImportantDate`]), one store for all, so upcoming dates can be
//! found without reading every person.

use crate::cadence::Cadence;
use crate::ids::{ContactId, DetailId, FamilyMemberId, OrganisationId};
use crate::time::Timestamp;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A value with a user-chosen label, e.g. ("work", "ana@example.com").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labeled {
    #[serde(default)]
    pub label: String,
    pub value: String,
}

/// A role at an organisation. A person may hold several, at once or over
/// time; a role without `until` is current.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub organisation_id: OrganisationId,
    #[serde(default)]
    pub title: String,
    #[serde(default, with = "crate::wire::opt_day")]
    pub since: Option<NaiveDate>,
    #[serde(default, with = "crate::wire::opt_day")]
    pub until: Option<NaiveDate>,
}

impl Role {
    pub fn is_current(&self) -> bool {
        self.until.is_none()
    }
}

/// Something learned about a person, on a day: "daughter Ava started
/// university". Pinned details lead the person's brief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    pub id: DetailId,
    #[serde(with = "crate::wire::day")]
    pub date: NaiveDate,
    pub text: String,
    #[serde(default)]
    pub pinned: bool,
}

/// Someone in a person's family who need not be a contact themselves. A
/// birthday is an [`crate::ImportantDate`] that names this member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyMember {
    pub id: FamilyMemberId,
    pub name: String,
    /// In the user's words: "daughter", "husband", "mother-in-law".
    #[serde(default)]
    pub relation: String,
}

/// How one contact stands to another. Stored on one side only; the other
/// side shows [`RelationKind::inverse_label`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    SpouseOf,
    PartnerOf,
    ParentOf,
    SiblingOf,
    FriendOf,
    ColleagueOf,
    ReportsTo,
    IntroducedBy,
}

impl RelationKind {
    pub const ALL: [RelationKind; 8] = [
        RelationKind::SpouseOf,
        RelationKind::PartnerOf,
        RelationKind::ParentOf,
        RelationKind::SiblingOf,
        RelationKind::FriendOf,
        RelationKind::ColleagueOf,
        RelationKind::ReportsTo,
        RelationKind::IntroducedBy,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RelationKind::SpouseOf => "spouse_of",
            RelationKind::PartnerOf => "partner_of",
            RelationKind::ParentOf => "parent_of",
            RelationKind::SiblingOf => "sibling_of",
            RelationKind::FriendOf => "friend_of",
            RelationKind::ColleagueOf => "colleague_of",
            RelationKind::ReportsTo => "reports_to",
            RelationKind::IntroducedBy => "introduced_by",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Read from the holder's side: "Ana — spouse of — Bo".
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::SpouseOf => "Spouse of",
            RelationKind::PartnerOf => "Partner of",
            RelationKind::ParentOf => "Parent of",
            RelationKind::SiblingOf => "Sibling of",
            RelationKind::FriendOf => "Friend of",
            RelationKind::ColleagueOf => "Colleague of",
            RelationKind::ReportsTo => "Reports to",
            RelationKind::IntroducedBy => "Introduced by",
        }
    }

    /// Read from the other side: Bo's page shows "Spouse of Ana", and a
    /// manager's page shows "Manages Ana".
    pub fn inverse_label(self) -> &'static str {
        match self {
            RelationKind::ParentOf => "Child of",
            RelationKind::ReportsTo => "Manages",
            RelationKind::IntroducedBy => "Introduced",
            symmetric => symmetric.label(),
        }
    }
}

/// A link from this contact to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub kind: RelationKind,
    pub other: ContactId,
}

/// A person the user keeps in touch with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    /// The full name as the user writes it; always set.
    pub name: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub nickname: String,
    /// How to say the name, in the user's own spelling ("AH-na KROOS").
    #[serde(default)]
    pub pronunciation: String,
    /// The organisation of the first current role, kept in step with
    /// `roles` by [`Contact::normalise`]; stored for the organisation index.
    #[serde(default)]
    pub organisation_id: Option<OrganisationId>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub emails: Vec<Labeled>,
    #[serde(default)]
    pub phones: Vec<Labeled>,
    #[serde(default)]
    pub addresses: Vec<Labeled>,
    #[serde(default)]
    pub links: Vec<Labeled>,
    /// Identifiers other apps gave this person (a vCard `UID`), so importing
    /// the same file again finds them instead of adding them twice.
    #[serde(default)]
    pub uids: Vec<String>,
    #[serde(default)]
    pub how_we_met: String,
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub custom_fields: Vec<Labeled>,
    #[serde(default)]
    pub details: Vec<Detail>,
    #[serde(default)]
    pub family: Vec<FamilyMember>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// When the photo was last set; `None` when there is none. The picture
    /// itself is stored apart ([`crate::model::Photo`]).
    #[serde(default)]
    pub photo: Option<Timestamp>,
    /// Set when this person was merged into another; the record stays as a
    /// tombstone so backups converge.
    #[serde(default)]
    pub merged_into: Option<ContactId>,
    #[serde(default)]
    pub cadence: Cadence,
    /// The day the check-in timer was set: the starting point while there
    /// has been no interaction yet.
    #[serde(default, with = "crate::wire::opt_day")]
    pub cadence_since: Option<NaiveDate>,
    /// The person's own maximum interval: overdue once this many days have
    /// passed since the last contact, instead of the global percentage
    /// ([`crate::checkin::overdue_day_for`]). Backup version 3.
    #[serde(default)]
    pub overdue_after_days: Option<u16>,
    /// What they care about right now, in the user's words.
    #[serde(default)]
    pub priorities: String,
    /// The day the priorities were last confirmed.
    #[serde(default, with = "crate::wire::opt_day")]
    pub priorities_confirmed: Option<NaiveDate>,
    /// No check-in reminders until this day.
    #[serde(default, with = "crate::wire::opt_day")]
    pub snoozed_until: Option<NaiveDate>,
    /// The day of the latest interaction with this person. Kept up to date by
    /// the commands that log interactions, so check-ins never need to read
    /// the interaction history.
    #[serde(default, with = "crate::wire::opt_day")]
    pub last_interaction: Option<NaiveDate>,
    /// The day they reached out, when that is their newest interaction and
    /// the user has not replied ([`crate::reciprocity`]). Backup version 4;
    /// left out of the file when unset.
    #[serde(
        default,
        with = "crate::wire::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub awaiting_reply: Option<NaiveDate>,
    /// People the user said are not this person, so "Possible duplicates"
    /// never offers the pair again ([`crate::duplicates`]). Kept on one of
    /// the two records. Backup version 4; left out of the file when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distinct_from: Vec<ContactId>,
    /// When they prefer to be called ([`crate::week`]). Backup version 4;
    /// left out of the file when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefers: Option<crate::week::Prefers>,
    /// The day the user moved their next check-in to in the week's plan;
    /// ignored once past. Backup version 4; left out of the file when unset.
    #[serde(
        default,
        with = "crate::wire::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub planned_on: Option<NaiveDate>,
    /// The household they live in: an organisation of kind household
    /// ([`crate::household`]). Backup version 6; left out when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_id: Option<OrganisationId>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub deleted: Option<Timestamp>,
}

impl Contact {
    /// An empty person with only an id and a name.
    pub fn new(id: ContactId, name: impl Into<String>, now: Timestamp) -> Self {
        Contact {
            id,
            name: name.into(),
            given_name: String::new(),
            family_name: String::new(),
            nickname: String::new(),
            pronunciation: String::new(),
            organisation_id: None,
            roles: Vec::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            addresses: Vec::new(),
            links: Vec::new(),
            uids: Vec::new(),
            how_we_met: String::new(),
            interests: Vec::new(),
            tags: Vec::new(),
            notes: String::new(),
            custom_fields: Vec::new(),
            details: Vec::new(),
            family: Vec::new(),
            relations: Vec::new(),
            photo: None,
            merged_into: None,
            cadence: Cadence::None,
            cadence_since: None,
            overdue_after_days: None,
            priorities: String::new(),
            priorities_confirmed: None,
            snoozed_until: None,
            last_interaction: None,
            awaiting_reply: None,
            distinct_from: Vec::new(),
            prefers: None,
            planned_on: None,
            household_id: None,
            created: now,
            updated: now,
            deleted: None,
        }
    }

    pub fn is_live(&self) -> bool {
        self.deleted.is_none()
    }

    /// Brings a record written by an older version, or edited, into shape:
    /// a lone `organisation_id` (schema v1/v2 records) becomes a role, and
    /// `organisation_id` follows the first current role.
    pub fn normalise(&mut self) {
        self.tidy();
        if self.roles.is_empty() {
            if let Some(org) = self.organisation_id.clone() {
                self.roles.push(Role {
                    organisation_id: org,
                    title: String::new(),
                    since: None,
                    until: None,
                });
            }
        }
        let current = self
            .current_roles()
            .next()
            .map(|r| r.organisation_id.clone());
        self.organisation_id = current;
    }

    pub fn current_roles(&self) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(|r| r.is_current())
    }

    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(|e| e.value.as_str())
    }

    pub fn primary_phone(&self) -> Option<&str> {
        self.phones.first().map(|p| p.value.as_str())
    }

    /// Whether what they care about right now is older than `reconfirm_days`
    /// on `today` and should be asked about again.
    pub fn priorities_need_reconfirming(&self, today: NaiveDate, reconfirm_days: u16) -> bool {
        !self.priorities.is_empty()
            && self
                .priorities_confirmed
                .is_some_and(|d| (today - d).num_days() > i64::from(reconfirm_days))
    }

    /// "Confirmed today", "Confirmed yesterday", "Confirmed 12 days ago",
    /// or nothing when never confirmed.
    pub fn priorities_confirmed_words(&self, today: NaiveDate) -> String {
        match self.priorities_confirmed.map(|d| (today - d).num_days()) {
            Some(0) => "Confirmed today".to_owned(),
            Some(1) => "Confirmed yesterday".to_owned(),
            Some(n) => format!("Confirmed {n} days ago"),
            None => String::new(),
        }
    }

    /// Pinned details first, then newest first (on the same day, the one
    /// added last first).
    pub fn details_in_order(&self) -> Vec<&Detail> {
        let mut details: Vec<(usize, &Detail)> = self.details.iter().enumerate().collect();
        crate::sort::sort_by(&mut details, |(i, a), (j, b)| {
            b.pinned
                .cmp(&a.pinned)
                .then(b.date.cmp(&a.date))
                .then(j.cmp(i))
        });
        details.into_iter().map(|(_, d)| d).collect()
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| crate::search::same_words(t, tag))
    }

    /// What to call them: their given name, else the first word of their
    /// name ("Ana" for "Ana Cruz").
    pub fn first_name(&self) -> &str {
        match self.given_name.trim() {
            "" => self.name.split_whitespace().next().unwrap_or_default(),
            given => given,
        }
    }

    /// One or two letters for the avatar, ASCII ones in capitals (the
    /// avatar's `text-transform` capitalises the rest).
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
            .map(|c| c.to_ascii_uppercase())
            .collect()
    }
}

#[cfg(test)]
mod tests;
