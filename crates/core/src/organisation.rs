//! Organisations as their page shows them: finding one by name, its people
//! with their roles and check-in state, a one-line summary, and its history
//! merged from its people's timelines.
//!
//! Rules kept here (and nowhere in the UI):
//! - Two organisation names are the same organisation when they are the
//!   same words ([`crate::search::same_words`]: case, accents and spacing
//!   ignored); deleted organisations never match.
//! - A member's check-in state is the one rule of
//!   [`Directory::check_in_status`], so the page agrees with Today.

use crate::checkin::{CheckInKind, CheckInSettings, CheckInStatus};
use crate::directory::Directory;
use crate::ids::OrganisationId;
use crate::model::{Contact, Interaction, Organisation, Role};
use crate::search::same_words;
use chrono::NaiveDate;

/// The live organisation among `orgs` whose name is the same words as
/// `name`.
pub fn find_named<'a>(
    orgs: impl IntoIterator<Item = &'a Organisation>,
    name: &str,
) -> Option<&'a Organisation> {
    orgs.into_iter()
        .filter(|o| o.deleted.is_none())
        .find(|o| same_words(&o.name, name))
}

/// One person at an organisation, as its page lists them.
#[derive(Clone, Debug)]
pub struct Member<'a> {
    pub contact: &'a Contact,
    /// Their current role there, else their latest former one.
    pub role: &'a Role,
    pub status: CheckInStatus,
}

impl Member<'_> {
    pub fn is_current(&self) -> bool {
        self.role.is_current()
    }

    /// "Account lead", "Former", "Formerly Buyer", or nothing.
    pub fn role_words(&self) -> String {
        match (self.role.title.is_empty(), self.is_current()) {
            (true, true) => String::new(),
            (true, false) => "Former".to_owned(),
            (false, true) => self.role.title.clone(),
            (false, false) => format!("Formerly {}", self.role.title),
        }
    }
}

/// How many people an organisation has, has had, and how many of the
/// current ones are overdue for a check-in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub current: usize,
    pub former: usize,
    pub overdue: usize,
}

impl Summary {
    pub fn of(members: &[Member<'_>]) -> Summary {
        let current = members.iter().filter(|m| m.is_current()).count();
        Summary {
            current,
            former: members.len() - current,
            overdue: members
                .iter()
                .filter(|m| m.is_current() && m.status.kind() == CheckInKind::Overdue)
                .count(),
        }
    }

    /// "3 people · 1 former · 2 overdue for a check-in".
    pub fn words(self) -> String {
        let mut parts = vec![people(self.current)];
        if self.former > 0 {
            parts.push(format!("{} former", self.former));
        }
        if self.overdue > 0 {
            parts.push(format!("{} overdue for a check-in", self.overdue));
        }
        parts.join(" · ")
    }
}

/// "1 person", "3 people".
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

impl Directory {
    /// An organisation's people (current roles first, then by name), each
    /// with where they stand on `today`.
    pub fn member_statuses(
        &self,
        org: &OrganisationId,
        today: NaiveDate,
        settings: &CheckInSettings,
    ) -> Vec<Member<'_>> {
        self.members(org)
            .into_iter()
            .map(|(contact, role)| Member {
                contact,
                role,
                status: self.check_in_status(contact, today, settings),
            })
            .collect()
    }
}

/// An organisation's history from its people's timelines (each newest
/// first): one list, newest first, each interaction once even when several
/// of its people were there.
pub fn merge_histories(timelines: impl IntoIterator<Item = Vec<Interaction>>) -> Vec<Interaction> {
    let mut all: Vec<Interaction> = timelines.into_iter().flatten().collect();
    crate::sort::sort_by(&mut all, |a, b| {
        (b.date, b.time, &b.id).cmp(&(a.date, a.time, &a.id))
    });
    all.dedup_by(|a, b| a.id == b.id);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cadence::{Cadence, CadenceUnit};
    use crate::commands::testing::{add, input, with_ctx};
    use crate::model::{Batch, InteractionKind};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn names_match_as_the_same_words_and_deleted_ones_never() {
        let mut dir = Directory::default();
        add(&mut dir, &input("Ana", "Harbor  Logistics"), 1);
        let orgs = dir.organisations();
        assert!(find_named(orgs.iter().copied(), "harbor logistics").is_some());
        assert!(find_named(orgs.iter().copied(), " HARBOR LOGÍSTICS ").is_some());
        assert!(find_named(orgs.iter().copied(), "Harbor").is_none());
        let mut gone = orgs[0].clone();
        gone.deleted = Some(crate::time::Timestamp(5));
        assert!(find_named([&gone], "Harbor Logistics").is_none());
    }

    #[test]
    fn a_person_timed_by_the_organisation_default_counts_as_overdue_there() {
        let s = CheckInSettings::default();
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", "Acme"), 1);
        add(&mut dir, &input("Bo", "Acme"), 2);
        let mut acme = dir.organisation_named("Acme").unwrap().clone();
        acme.default_cadence = Cadence::Every {
            count: 1,
            unit: CadenceUnit::Months,
        };
        dir.apply(&Batch {
            organisations: vec![acme.clone()],
            ..Default::default()
        });
        let b = with_ctx(3, |ctx| {
            dir.log_interaction(
                std::slice::from_ref(&ana),
                InteractionKind::Call,
                d(9, 1),
                "",
                ctx,
            )
        })
        .unwrap();
        dir.apply(&b);
        let members = dir.member_statuses(&acme.id, d(11, 22), &s);
        let kinds: Vec<_> = members
            .iter()
            .map(|m| (m.contact.name.as_str(), m.status.kind()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Ana", CheckInKind::Overdue),
                ("Bo", CheckInKind::NeverInTouch)
            ]
        );
        assert_eq!(
            Summary::of(&members).words(),
            "2 people · 1 overdue for a check-in"
        );
        assert_eq!(
            members[0].status.rule(),
            "every month (the default for Acme)"
        );
    }

    #[test]
    fn histories_merge_newest_first_and_once() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", "Acme"), 1);
        let bo = add(&mut dir, &input("Bo", "Acme"), 2);
        let log = |dir: &Directory, who: &[crate::ContactId], day, seed| {
            with_ctx(seed, |ctx| {
                dir.log_interaction(who, InteractionKind::Meeting, day, "", ctx)
            })
            .unwrap()
            .interactions
            .remove(0)
        };
        let both = log(&dir, &[ana.clone(), bo.clone()], d(3, 1), 10);
        let ana_only = log(&dir, &[ana], d(4, 1), 11);
        let bo_only = log(&dir, &[bo], d(2, 1), 12);
        let merged = merge_histories([
            vec![ana_only.clone(), both.clone()],
            vec![both.clone(), bo_only.clone()],
        ]);
        let ids: Vec<_> = merged.iter().map(|i| i.id.clone()).collect();
        assert_eq!(ids, [ana_only.id, both.id, bo_only.id]);
    }

    #[test]
    fn role_words_and_summary_words() {
        assert_eq!(people(1), "1 person");
        assert_eq!(people(0), "0 people");
        let s = Summary {
            current: 3,
            former: 1,
            overdue: 0,
        };
        assert_eq!(s.words(), "3 people · 1 former");
    }
}
