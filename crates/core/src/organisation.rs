//! Organisations as their page shows them: finding one by name, its people
//! with their roles and check-in state, a one-line summary, and its history
//! merged from its people's timelines.
//!
//! Rules kept here (and nowhere in the UI):
//! - Two organisation names are the same organisation when their
//!   [`organisation_key`]s are equal: case, accents, spacing and trailing
//!   punctuation ignored ("Harbor Logistics." is "harbor  logistics"), but
//!   words kept ("Acme Inc" is not "Acme"); deleted organisations and
//!   households ([`crate::household`]) never match. Every import and rename goes through this one rule.
//! - A member's check-in state is the one rule of
//!   [`Directory::check_in_status`], so the page agrees with Today.

use crate::checkin::{CheckInKind, CheckInSettings, CheckInStatus};
use crate::directory::Directory;
use crate::ids::OrganisationId;
use crate::model::{Contact, Interaction, Organisation, Role};
use crate::search::normalise;
use crate::temperature::Health;
use chrono::NaiveDate;

/// The key two organisation names share when they name the same
/// organisation: [`normalise`]d (case, accents, white space) with trailing
/// punctuation dropped. Legal forms stay ("Acme Inc" and "Acme" differ):
/// they may be two companies, and a merge is one click away.
pub fn organisation_key(name: &str) -> String {
    let mut key = normalise(name);
    let kept = key
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')' || c == ' ')
        .len();
    key.truncate(kept);
    key
}

/// The live organisation among `orgs` whose name has the same
/// [`organisation_key`] as `name`.
pub fn find_named<'a>(
    orgs: impl IntoIterator<Item = &'a Organisation>,
    name: &str,
) -> Option<&'a Organisation> {
    let key = organisation_key(name);
    orgs.into_iter()
        .filter(|o| o.deleted.is_none() && !o.is_household())
        .find(|o| organisation_key(&o.name) == key)
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

/// How the organisation page orders its people: current roles first
/// always, then by this.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MemberOrder {
    #[default]
    Name,
    /// Coolest first: at risk, worth watching, not enough to tell, good.
    Warmth,
    /// Soonest check-in first (overdue the longest first); no timer last.
    CheckIn,
}

impl MemberOrder {
    /// Every order with a stable key and its name in the sort menu.
    pub const ALL: [(MemberOrder, &'static str, &'static str); 3] = [
        (MemberOrder::Name, "name", "Name"),
        (MemberOrder::Warmth, "warmth", "Warmth, coolest first"),
        (MemberOrder::CheckIn, "checkin", "Check-in, soonest first"),
    ];

    pub fn from_key(key: &str) -> MemberOrder {
        Self::ALL
            .iter()
            .find(|(_, k, _)| *k == key)
            .map_or(MemberOrder::Name, |(o, _, _)| *o)
    }
}

/// Orders members (as [`Directory::member_statuses`] gives them, by name)
/// with each one's warmth (`None`: not known yet). Stable, so equal ones
/// stay by name.
pub fn order_members<T>(rows: &mut [(Member<'_>, Option<Health>, T)], order: MemberOrder) {
    let warmth = |h: &Option<Health>| match h {
        Some(Health::AtRisk) => 0,
        Some(Health::Watch) => 1,
        None | Some(Health::Unknown) => 2,
        Some(Health::Good) => 3,
    };
    crate::sort::sort_by(rows, |a, b| {
        let current = b.0.is_current().cmp(&a.0.is_current());
        current.then_with(|| match order {
            MemberOrder::Name => std::cmp::Ordering::Equal,
            MemberOrder::Warmth => warmth(&a.1).cmp(&warmth(&b.1)),
            MemberOrder::CheckIn => {
                let due = |m: &Member<'_>| m.status.state.due().unwrap_or(NaiveDate::MAX);
                due(&a.0).cmp(&due(&b.0))
            }
        })
    });
}

/// "1 person", "3 people".
pub fn people(n: usize) -> String {
    crate::format::count(n, "person", "people")
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
        assert!(find_named(orgs.iter().copied(), "Harbor Logistics.").is_some());
        assert!(find_named(orgs.iter().copied(), "Harbor Logistics Inc.").is_none());
        let mut gone = orgs[0].clone();
        gone.deleted = Some(crate::time::Timestamp(5));
        assert!(find_named([&gone], "Harbor Logistics").is_none());
    }

    #[test]
    fn organisation_keys_ignore_case_accents_spacing_and_trailing_punctuation() {
        assert_eq!(
            organisation_key("  Harbor\tLogistics  "),
            "harbor logistics"
        );
        assert_eq!(organisation_key("HARBOR LOGÍSTICS."), "harbor logistics");
        assert_eq!(organisation_key("Acme, Inc."), "acme, inc");
        assert_eq!(organisation_key("Acme Inc"), "acme inc");
        assert_ne!(organisation_key("Acme Inc"), organisation_key("Acme"));
        assert_eq!(organisation_key("Acme Ltd"), organisation_key("acme ltd!"));
        assert_eq!(organisation_key("Yahoo!"), "yahoo");
        assert_eq!(organisation_key("Kith (UK)"), "kith (uk)");
        assert_eq!(organisation_key("..."), "");
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
    fn members_order_by_name_warmth_or_check_in_with_current_roles_first() {
        let s = CheckInSettings::default();
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", "Acme"), 1);
        let bo = add(&mut dir, &input("Bo", "Acme"), 2);
        add(&mut dir, &input("Cy", "Acme"), 3);
        let monthly = Cadence::Every {
            count: 1,
            unit: CadenceUnit::Months,
        };
        for who in [&ana, &bo] {
            let b = with_ctx(3, |ctx| dir.set_cadence(who, monthly, ctx)).unwrap();
            dir.apply(&b);
        }
        for (who, day) in [(&ana, d(11, 1)), (&bo, d(9, 1))] {
            let b = with_ctx(4, |ctx| {
                dir.log_interaction(
                    std::slice::from_ref(who),
                    InteractionKind::Call,
                    day,
                    "",
                    ctx,
                )
            })
            .unwrap();
            dir.apply(&b);
        }
        let acme = dir.organisation_named("Acme").unwrap().id.clone();
        let names = |order, warmth: &[Option<Health>]| {
            let mut rows: Vec<_> = dir
                .member_statuses(&acme, d(11, 22), &s)
                .into_iter()
                .zip(warmth.iter().copied())
                .map(|(m, h)| (m, h, ()))
                .collect();
            order_members(&mut rows, order);
            rows.iter()
                .map(|r| r.0.contact.name.clone())
                .collect::<Vec<_>>()
        };
        let warmth = [Some(Health::Good), Some(Health::AtRisk), None];
        assert_eq!(names(MemberOrder::Name, &warmth), ["Ana", "Bo", "Cy"]);
        assert_eq!(names(MemberOrder::Warmth, &warmth), ["Bo", "Cy", "Ana"]);
        assert_eq!(names(MemberOrder::CheckIn, &warmth), ["Bo", "Ana", "Cy"]);
        assert_eq!(MemberOrder::from_key("warmth"), MemberOrder::Warmth);
        assert_eq!(MemberOrder::from_key("?"), MemberOrder::Name);
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
