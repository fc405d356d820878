//! Every screen that shows where a person stands with check-ins asks the
//! one rule, `Directory::check_in_status`, so they can never disagree.
//! Over a generated directory (own timers, organisation defaults, tag
//! defaults, several at once, snoozes, never in touch, and days at month
//! ends and on 29 February) this checks, for every person and several
//! "todays":
//! - the rule picks the cadence an independent oracle expects (own, else
//!   organisation default, else the shortest tag default);
//! - Today's sections (`reach_out`) hold exactly the people in that state;
//! - the app badge (`reach_out(.., 0, ..).overdue`) counts the overdue;
//! - People sorted by next check-in follow the rule's next day;
//! - an organisation's page (`member_statuses`) shows the same state;
//! - the calendar export has a check-in event on the rule's due day.

use chrono::NaiveDate;
use kith_core::cadence::CadenceUnit;
use kith_core::export::ics;
use kith_core::search::normalise;
use kith_core::{
    Batch, Cadence, CadenceSource, CheckIn, CheckInKind, CheckInSettings, Contact, ContactId,
    Directory, Filter, Organisation, OrganisationId, Role, SortOrder, Timestamp,
};

/// A small deterministic generator, so a failure names a reproducible case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn every(count: u16, unit: CadenceUnit) -> Cadence {
    Cadence::Every { count, unit }
}

/// Days that stress the calendar: month ends, leap days, year ends.
const TRICKY_DAYS: [(i32, u32, u32); 12] = [
    (2024, 1, 31),
    (2024, 2, 28),
    (2024, 2, 29),
    (2024, 3, 31),
    (2025, 1, 31),
    (2025, 2, 28),
    (2025, 12, 31),
    (2026, 5, 31),
    (2026, 8, 31),
    (2026, 11, 30),
    (2027, 2, 28),
    (2028, 2, 29),
];

fn tricky_days() -> Vec<NaiveDate> {
    TRICKY_DAYS
        .iter()
        .map(|&(y, m, day)| d(y, m, day))
        .collect()
}

struct World {
    dir: Directory,
    settings: CheckInSettings,
    /// The cadence each person should get, worked out from how they were
    /// made rather than by the rule under test.
    expected: Vec<(ContactId, Cadence, &'static str)>,
    orgs: Vec<OrganisationId>,
}

fn world(seed: u64) -> World {
    let mut rng = Rng(seed);
    let timers = [
        every(10, CadenceUnit::Days),
        every(30, CadenceUnit::Days),
        every(2, CadenceUnit::Weeks),
        every(1, CadenceUnit::Months),
        every(3, CadenceUnit::Months),
        every(12, CadenceUnit::Months),
    ];
    let settings = CheckInSettings {
        overdue_percent: rng.pick(&[110, 125, 150, 200]),
        tag_cadences: vec![
            ("VIP".into(), every(2, CadenceUnit::Weeks)),
            ("Client".into(), every(1, CadenceUnit::Months)),
            ("Old friend".into(), every(6, CadenceUnit::Months)),
        ],
        ..CheckInSettings::default()
    };
    let org_defaults = [
        Cadence::None,
        every(1, CadenceUnit::Months),
        every(3, CadenceUnit::Months),
        every(45, CadenceUnit::Days),
    ];
    let orgs: Vec<Organisation> = org_defaults
        .iter()
        .enumerate()
        .map(|(i, cadence)| Organisation {
            id: OrganisationId::parse(&format!("org{i}")).unwrap(),
            name: format!("Org {i}"),
            notes: String::new(),
            default_cadence: *cadence,
            created: Timestamp(0),
            updated: Timestamp(0),
            deleted: None,
            merged_into: None,
            kind: Default::default(),
            address: String::new(),
            shared_check_ins: false,
        })
        .collect();
    let tag_sets: [&[&str]; 5] = [
        &[],
        &["vip"],
        &["CLIENT"],
        &["Client", "VIP", "old friend"],
        &["golf"],
    ];
    let days = tricky_days();
    let mut people = Vec::new();
    let mut expected = Vec::new();
    for n in 0..600 {
        let id = ContactId::parse(&format!("p{n:04}")).unwrap();
        // Names repeat, so ties fall back to the id.
        let mut c = Contact::new(id.clone(), format!("Person {}", n % 250), Timestamp(0));
        let own = rng.pick(&[true, false, false]);
        if own {
            c.cadence = rng.pick(&timers);
        }
        let org = rng.pick(&[None, Some(0), Some(1), Some(2), Some(3)]);
        if let Some(o) = org {
            let former = rng.pick(&[false, false, false, true]);
            c.roles.push(Role {
                organisation_id: orgs[o].id.clone(),
                title: String::new(),
                since: None,
                until: former.then(|| d(2020, 1, 1)),
            });
        }
        let tags = rng.pick(&tag_sets);
        c.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        let last = rng.pick(&days);
        c.last_interaction = rng.pick(&[None, None, Some(last)]);
        if c.last_interaction.is_none() && rng.pick(&[true, false]) {
            c.cadence_since = Some(rng.pick(&days));
        }
        if rng.pick(&[false, false, false, true]) {
            c.snoozed_until = Some(rng.pick(&days));
        }
        if n % 97 == 0 {
            c.deleted = Some(Timestamp(1));
        }
        c.normalise();
        let org_default = c
            .roles
            .iter()
            .find(|r| r.is_current())
            .map(|r| orgs.iter().find(|o| o.id == r.organisation_id).unwrap())
            .map(|o| o.default_cadence)
            .filter(|c| *c != Cadence::None);
        let tag_default = settings
            .tag_cadences
            .iter()
            .filter(|(t, _)| tags.iter().any(|mine| normalise(mine) == normalise(t)))
            .map(|(_, c)| *c)
            .min_by_key(|c| c.next_after(d(2000, 1, 1)));
        let want = if own {
            (c.cadence, "own")
        } else if let Some(o) = org_default {
            (o, "organisation")
        } else if let Some(t) = tag_default {
            (t, "tag")
        } else {
            (Cadence::None, "none")
        };
        expected.push((id, want.0, want.1));
        people.push(c);
    }
    let org_ids = orgs.iter().map(|o| o.id.clone()).collect();
    let mut dir = Directory::default();
    dir.apply(&Batch {
        contacts: people,
        organisations: orgs,
        ..Batch::default()
    });
    World {
        dir,
        settings,
        expected,
        orgs: org_ids,
    }
}

#[test]
fn every_screen_shows_what_the_one_rule_says() {
    for seed in [7, 1_234_567, 99_991] {
        let w = world(seed);
        let s = &w.settings;
        let live: Vec<&Contact> = w.dir.all_contacts().filter(|c| c.is_live()).collect();
        let mut kinds_seen = std::collections::HashSet::new();
        for today in tricky_days() {
            let status = |c: &Contact| w.dir.check_in_status(c, today, s);

            // The rule picks the cadence the oracle expects.
            for (id, cadence, source) in &w.expected {
                let Some(c) = w.dir.contact(id) else { continue };
                let got = status(c);
                assert_eq!(got.cadence, *cadence, "{id} on {today}");
                let got_source = match got.source {
                    CadenceSource::None => "none",
                    CadenceSource::Own => "own",
                    CadenceSource::Organisation(_) => "organisation",
                    CadenceSource::Tag(_) => "tag",
                };
                assert_eq!(got_source, *source, "{id} on {today}");
                kinds_seen.insert(got.kind());
            }

            // Today's sections.
            let reach = w.dir.reach_out(today, 7, s);
            for (list, kinds) in [
                (&reach.overdue, &[CheckInKind::Overdue][..]),
                (
                    &reach.due,
                    &[CheckInKind::Due, CheckInKind::NeverInTouch][..],
                ),
                (&reach.upcoming, &[CheckInKind::Ok][..]),
            ] {
                for (id, shown) in list {
                    let c = w.dir.contact(id).expect("only live people on Today");
                    assert_eq!(*shown, status(c).state, "{id} on {today}");
                    assert!(kinds.contains(&shown.kind()), "{id} on {today}");
                }
            }
            for c in &live {
                let st = status(c).state;
                let listed = |l: &[(ContactId, CheckIn)]| l.iter().any(|(id, _)| id == &c.id);
                let week = today + chrono::Days::new(7);
                let should_list = st.kind().wants_contact()
                    || matches!(st, CheckIn::Upcoming { due } if due <= week);
                let on_today =
                    listed(&reach.overdue) || listed(&reach.due) || listed(&reach.upcoming);
                assert_eq!(on_today, should_list, "{} on {today}: {st:?}", c.id);
            }

            // The badge.
            let overdue = live
                .iter()
                .filter(|c| status(c).kind() == CheckInKind::Overdue)
                .count();
            assert_eq!(w.dir.reach_out(today, 0, s).overdue.len(), overdue);

            // People, sorted by next check-in.
            let sorted = w
                .dir
                .query("", SortOrder::NextCheckIn, &Filter::default(), today, s);
            let mut want: Vec<&Contact> = live.clone();
            want.sort_by(|a, b| {
                let (da, db) = (status(a).state.next_day(), status(b).state.next_day());
                let by_day = match (da, db) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                by_day
                    .then_with(|| normalise(&a.name).cmp(&normalise(&b.name)))
                    .then_with(|| a.id.cmp(&b.id))
            });
            let want: Vec<ContactId> = want.iter().map(|c| c.id.clone()).collect();
            assert_eq!(sorted, want, "People by next check-in on {today}");

            // Each organisation's page.
            for org in &w.orgs {
                for m in w.dir.member_statuses(org, today, s) {
                    assert_eq!(m.status, status(m.contact), "{} on {today}", m.contact.id);
                }
            }

            // The calendar export.
            let cal = ics(&w.dir, &[], &[], s, today, Timestamp(0));
            let events: std::collections::HashSet<&str> = cal
                .lines()
                .filter_map(|l| l.strip_prefix("UID:checkin-"))
                .collect();
            let mut want_events = std::collections::HashSet::new();
            for c in &live {
                if let Some(due) = status(c).state.due() {
                    let day = due.max(today).format("%Y%m%d");
                    want_events.insert(format!("{}-{day}@kith.local", c.id));
                }
            }
            let want_events: std::collections::HashSet<&str> =
                want_events.iter().map(String::as_str).collect();
            assert_eq!(events, want_events, "calendar check-ins on {today}");
        }
        // The generated directory covers every state.
        for kind in [
            CheckInKind::None,
            CheckInKind::Ok,
            CheckInKind::Due,
            CheckInKind::Overdue,
            CheckInKind::Snoozed,
            CheckInKind::NeverInTouch,
        ] {
            assert!(kinds_seen.contains(&kind), "seed {seed} has no {kind:?}");
        }
    }
}

#[test]
fn a_person_timed_only_by_their_organisation_is_due_everywhere() {
    // The bug this rule fixed: the organisation page said "No check-in
    // timer" and the sort put them last, while Today listed them overdue.
    let acme = Organisation {
        id: OrganisationId::parse("acme").unwrap(),
        name: "Acme".into(),
        notes: String::new(),
        default_cadence: every(1, CadenceUnit::Months),
        created: Timestamp(0),
        updated: Timestamp(0),
        deleted: None,
        merged_into: None,
        kind: Default::default(),
        address: String::new(),
        shared_check_ins: false,
    };
    let mut ana = Contact::new(ContactId::parse("ana").unwrap(), "Ana", Timestamp(0));
    ana.roles.push(Role {
        organisation_id: acme.id.clone(),
        title: "Buyer".into(),
        since: None,
        until: None,
    });
    ana.last_interaction = Some(d(2026, 9, 30));
    let mut bo = Contact::new(ContactId::parse("bo").unwrap(), "Bo", Timestamp(0));
    bo.cadence = every(1, CadenceUnit::Months);
    bo.last_interaction = Some(d(2026, 11, 20));
    let dir = Directory::new(vec![ana, bo], vec![acme.clone()]);
    let s = CheckInSettings::default();
    let today = d(2026, 11, 30);
    let reach = dir.reach_out(today, 7, &s);
    assert_eq!(reach.overdue.len(), 1);
    assert_eq!(reach.overdue[0].0.as_str(), "ana");
    let members = dir.member_statuses(&acme.id, today, &s);
    assert_eq!(members[0].status.kind(), CheckInKind::Overdue);
    assert_eq!(
        members[0].status.state.words(today),
        "Due 31 days ago, on 30 Oct"
    );
    let sorted = dir.query("", SortOrder::NextCheckIn, &Filter::default(), today, &s);
    assert_eq!(sorted[0].as_str(), "ana", "the overdue person sorts first");
}
