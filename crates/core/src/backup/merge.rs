//! Merging two backups, and the preview of what a restore would change.
//!
//! Invariants: merging is by id; the newer `updated` wins, ties are broken
//! by comparing the records' JSON, and deletions are tombstones like any
//! other version, so merging two devices' backups in either order gives
//! the same result (commutative, associative, idempotent). [`Preview`]
//! counts with the same rule: "changed" is what a merge would take from
//! the file, "conflicting" a tie that the JSON comparison settles.

use super::fold::{fold_organisations, move_merged_roles, Redirects};
use super::format::{Backup, BackupPhoto};
use crate::format::{and_list, count};
use crate::model::{Contact, Organisation};
use crate::time::Timestamp;
use serde::Serialize;
use std::borrow::Cow;

impl Backup {
    /// Merges `other` into this backup: by id, newer `updated` wins, ties
    /// go to the larger JSON; then organisations of the same name become
    /// one (`fold.rs`). Commutative and idempotent. A person's photo
    /// comes with the version of their record that is kept; preferences are this
    /// backup's (the device's own), or `other`'s when it has none, and
    /// `other`'s message templates join this backup's, but for those whose
    /// name is already here (the device's own wording is kept).
    pub fn merge(&self, other: &Backup) -> Backup {
        let mut organisations = merge_by_id(&self.organisations, &other.organisations, |r| {
            (r.id.as_str(), r.updated)
        });
        let redirects = fold_organisations(&mut organisations);
        // Both sides' people, with roles at folded organisations moved
        // (the form in which their versions are compared).
        fn moved<'a>(b: &'a Backup, redirects: &Redirects) -> Cow<'a, [Contact]> {
            if redirects.is_empty() {
                Cow::Borrowed(&b.contacts[..])
            } else {
                Cow::Owned(move_merged_roles(&b.contacts, redirects))
            }
        }
        let (mine, theirs) = (moved(self, &redirects), moved(other, &redirects));
        let contacts = merge_by_id(&mine, &theirs, |r| (r.id.as_str(), r.updated));
        let mut merged = Backup::new(
            &self.app_version,
            contacts,
            organisations,
            merge_by_id(&self.interactions, &other.interactions, |r| {
                (r.id.as_str(), r.updated)
            }),
            merge_by_id(&self.dates, &other.dates, |r| (r.id.as_str(), r.updated)),
            merge_by_id(&self.tasks, &other.tasks, |r| (r.id.as_str(), r.updated)),
        );
        // A person's photo travels with the version of their record that
        // the merge keeps: a side's photo counts when its record (in the
        // compared form) is that version; when both are, the larger
        // picture. So merging is associative and merge(a, a) keeps every
        // photo of a. Found by binary search (a backup's lists are in id
        // order): a search per person was quadratic at 8,000 photos.
        fn from<'a>(
            contacts: &[Contact],
            photos: &'a [BackupPhoto],
            c: &Contact,
        ) -> Option<&'a BackupPhoto> {
            let at = contacts.binary_search_by(|x| x.id.cmp(&c.id)).ok()?;
            if contacts[at] != *c {
                return None;
            }
            let at = photos.binary_search_by(|p| p.contact_id.cmp(&c.id)).ok()?;
            Some(&photos[at])
        }
        // In the merged people's order, which is id order: already sorted.
        let mut photos: Vec<BackupPhoto> = Vec::new();
        for c in &merged.contacts {
            let best = match (
                from(&mine, &self.photos, c),
                from(&theirs, &other.photos, c),
            ) {
                (Some(a), Some(b)) => Some(if a.data >= b.data { a } else { b }),
                (a, b) => a.or(b),
            };
            if let Some(p) = best {
                photos.push(p.clone());
            }
        }
        merged.photos = photos;
        merged.settings = match (&self.settings, &other.settings) {
            (Some(mine), Some(theirs)) => {
                let mut kept = mine.clone();
                for t in &theirs.check_in.templates {
                    // Checked as if typed here: one whose name is here
                    // already, or too long, is left out.
                    let _ = kept.check_in.add_template(&t.name, &t.body);
                }
                Some(kept)
            }
            (mine, theirs) => mine.clone().or_else(|| theirs.clone()),
        };
        merged
    }
}

fn merge_by_id<T: Clone + Serialize + PartialEq>(a: &[T], b: &[T], key: Key<T>) -> Vec<T> {
    let all: Vec<&T> = a.iter().chain(b).collect();
    let keys: Vec<(&str, Timestamp)> = all.iter().map(|r| key(r)).collect();
    let tie_newer = |n: usize, o: usize| all[n] != all[o] && json(all[n]) > json(all[o]);
    newest_by_id(&keys, &tie_newer)
        .into_iter()
        .map(|i| all[i].clone())
        .collect()
}

/// A record's id and `updated` stamp, which is all merging looks at
/// until two versions tie.
type Key<T> = for<'a> fn(&'a T) -> (&'a str, Timestamp);

/// The JSON that breaks ties between two versions with the same stamp.
fn json<T: Serialize>(r: &T) -> Option<String> {
    serde_json::to_string(r).ok()
}

/// The position of the version of each id that a merge keeps, in id order:
/// the newest stamp, and on a tie the one `tie_newer` prefers. Not generic,
/// so one copy serves all five record types (ids order as their strings).
fn newest_by_id(
    keys: &[(&str, Timestamp)],
    tie_newer: &dyn Fn(usize, usize) -> bool,
) -> Vec<usize> {
    // Positions in id order (stable: each side's versions keep their
    // order), then one pass over each run of one id. Sorting through
    // crate::sort, not a map: no map type compiled for this.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| keys[a].0.cmp(keys[b].0));
    let mut out: Vec<usize> = Vec::new();
    for n in order {
        match out.last_mut() {
            Some(o) if keys[*o].0 == keys[n].0 => {
                let (old, updated) = (keys[*o].1, keys[n].1);
                if updated > old || (updated == old && tie_newer(n, *o)) {
                    *o = n;
                }
            }
            _ => out.push(n),
        }
    }
    out
}

/// For each of `wanted`, its position in `ids` (ids are unique in each).
/// Both in id order, as Kith writes them: one walk side by side; else
/// by binary search over the positions sorted by id.
fn positions(ids: &[&str], wanted: &[&str]) -> Vec<Option<usize>> {
    let sorted = |list: &[&str]| list.windows(2).all(|w| w[0] < w[1]);
    if sorted(ids) && sorted(wanted) {
        let mut at = 0;
        return wanted
            .iter()
            .map(|id| {
                while at < ids.len() && ids[at] < *id {
                    at += 1;
                }
                (at < ids.len() && ids[at] == *id).then_some(at)
            })
            .collect();
    }
    let mut order: Vec<usize> = (0..ids.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| ids[a].cmp(ids[b]));
    wanted
        .iter()
        .map(|id| {
            let at = order.partition_point(|&n| ids[n] < *id);
            order.get(at).copied().filter(|&n| ids[n] == *id)
        })
        .collect()
}

/// What a restore would do, shown before anything is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub people: usize,
    pub interactions: usize,
    pub dates: usize,
    /// Records not in Kith yet.
    pub new: usize,
    /// Records in both, the backup's newer.
    pub changed: usize,
    /// Records in both with the same stamp but different contents.
    pub conflicting: usize,
    /// What "Replace everything" would remove: live records here that the
    /// backup does not hold live.
    pub removed: Removed,
    /// Organisations of the file that merging makes one with an
    /// organisation here of the same name: the names as they are here.
    pub organisations_matched: Vec<String>,
    /// The same, kind by kind, in the order of [`KINDS`].
    pub by_kind: [Tally; 6],
}

/// Live people, interactions and dates here that a replace would remove.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub people: usize,
    pub interactions: usize,
    pub dates: usize,
}

impl Removed {
    /// Live records of `current` with no live record of the same id in
    /// `incoming`.
    fn of(current: &Backup, incoming: &Backup) -> Removed {
        /// Not generic over the id type: ids compare as their strings.
        fn gone<'a, T>(
            current: &'a [T],
            incoming: &'a [T],
            key: impl Fn(&'a T) -> (&'a str, bool),
        ) -> usize {
            let here: Vec<_> = current.iter().map(&key).collect();
            let there: Vec<_> = incoming.iter().map(key).collect();
            let ids = |list: &[(&'a str, bool)]| list.iter().map(|r| r.0).collect::<Vec<_>>();
            let found = positions(&ids(&there), &ids(&here));
            here.iter()
                .zip(found)
                .filter(|((_, live), at)| *live && !at.is_some_and(|t| there[t].1))
                .count()
        }
        Removed {
            people: gone(&current.contacts, &incoming.contacts, |c| {
                (c.id.as_str(), c.is_live())
            }),
            interactions: gone(&current.interactions, &incoming.interactions, |i| {
                (i.id.as_str(), i.deleted.is_none())
            }),
            dates: gone(&current.dates, &incoming.dates, |d| {
                (d.id.as_str(), d.deleted.is_none())
            }),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Removed::default()
    }
}

/// New, changed and conflicting records of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub new: usize,
    pub changed: usize,
    pub conflicting: usize,
}

/// The kinds of record a preview counts, as (one, many), in
/// [`Preview::by_kind`] order, so each count says its own unit.
pub const KINDS: [(&str, &str); 6] = [
    ("person", "people"),
    ("organisation", "organisations"),
    ("household", "households"),
    ("interaction", "interactions"),
    ("important date", "important dates"),
    ("follow-up", "follow-ups"),
];

impl Preview {
    /// Compares `incoming` with `current` record by record.
    pub fn of(current: &Backup, incoming: &Backup) -> Preview {
        fn count<T: Serialize + PartialEq>(current: &[T], incoming: &[T], key: Key<T>) -> Tally {
            let have: Vec<_> = current.iter().map(key).collect();
            let come: Vec<_> = incoming.iter().map(key).collect();
            let differ = |i: usize, c: usize| {
                incoming[i] != current[c] && json(&incoming[i]) != json(&current[c])
            };
            tally(&have, &come, &differ)
        }
        /// Not generic: one copy for every record type.
        fn tally(
            current: &[(&str, Timestamp)],
            incoming: &[(&str, Timestamp)],
            differ: &dyn Fn(usize, usize) -> bool,
        ) -> Tally {
            let have: Vec<&str> = current.iter().map(|r| r.0).collect();
            let come: Vec<&str> = incoming.iter().map(|r| r.0).collect();
            let found = positions(&have, &come);
            let mut t = Tally::default();
            for (i, ((_, updated), at)) in incoming.iter().zip(found).enumerate() {
                match at {
                    None => t.new += 1,
                    Some(c) if *updated > current[c].1 => t.changed += 1,
                    Some(c) if *updated == current[c].1 && differ(i, c) => t.conflicting += 1,
                    _ => {}
                }
            }
            t
        }
        // Households are kept among organisations but counted apart, so
        // the preview says "1 household", not "1 organisation".
        fn kept(b: &Backup, household: bool) -> Vec<&Organisation> {
            b.organisations
                .iter()
                .filter(|o| o.is_household() == household)
                .collect()
        }
        let orgs = |household: bool| {
            count(&kept(current, household), &kept(incoming, household), |r| {
                (r.id.as_str(), r.updated)
            })
        };
        let by_kind = [
            count(&current.contacts, &incoming.contacts, |r| {
                (r.id.as_str(), r.updated)
            }),
            orgs(false),
            orgs(true),
            count(&current.interactions, &incoming.interactions, |r| {
                (r.id.as_str(), r.updated)
            }),
            count(&current.dates, &incoming.dates, |r| {
                (r.id.as_str(), r.updated)
            }),
            count(&current.tasks, &incoming.tasks, |r| {
                (r.id.as_str(), r.updated)
            }),
        ];
        let mut p = Preview {
            people: incoming.contacts.iter().filter(|c| c.is_live()).count(),
            interactions: incoming
                .interactions
                .iter()
                .filter(|i| i.deleted.is_none())
                .count(),
            dates: incoming
                .dates
                .iter()
                .filter(|d| d.deleted.is_none())
                .count(),
            new: by_kind.iter().map(|t| t.new).sum(),
            changed: by_kind.iter().map(|t| t.changed).sum(),
            conflicting: by_kind.iter().map(|t| t.conflicting).sum(),
            by_kind,
            removed: Removed::of(current, incoming),
            organisations_matched: Vec::new(),
        };
        // Each name's key made once (find_named's rule: the first live
        // organisation here with the same key).
        let key = crate::organisation::organisation_key;
        let mine: Vec<_> = current
            .organisations
            .iter()
            .filter(|o| o.deleted.is_none() && !o.is_household())
            .map(|o| (key(&o.name), o))
            .collect();
        for o in incoming
            .organisations
            .iter()
            .filter(|o| o.deleted.is_none() && !o.is_household())
        {
            let name = key(&o.name);
            if let Some((_, here)) = mine.iter().find(|(k, _)| *k == name) {
                if here.id != o.id && !p.organisations_matched.contains(&here.name) {
                    p.organisations_matched.push(here.name.clone());
                }
            }
        }
        crate::sort::sort(&mut p.organisations_matched);
        p
    }

    /// The preview in words, every count in its own unit: "This backup
    /// holds 24 people, 120 interactions and 4 important dates. New here:
    /// 22 people and 100 interactions. Newer in the backup: 2 people."
    pub fn sentence(&self) -> String {
        let words = |pick: fn(&Tally) -> usize| {
            let parts: Vec<String> = self
                .by_kind
                .iter()
                .zip(KINDS)
                .filter(|(t, _)| pick(t) > 0)
                .map(|(t, (one, many))| count(pick(t), one, many))
                .collect();
            and_list(&parts)
        };
        let held: Vec<String> = [
            (self.people, "person", "people"),
            (self.interactions, "interaction", "interactions"),
            (self.dates, "important date", "important dates"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
        let mut out = if held.is_empty() {
            "This backup holds no people.".to_owned()
        } else {
            format!("This backup holds {}.", and_list(&held))
        };
        for (what, pick) in [
            ("New here", (|t: &Tally| t.new) as fn(&Tally) -> usize),
            ("Newer in the backup", |t| t.changed),
            ("Changed on both sides at the same moment", |t| {
                t.conflicting
            }),
        ] {
            let listed = words(pick);
            if !listed.is_empty() {
                out.push_str(&format!(" {what}: {listed}."));
            }
        }
        if self.new + self.changed + self.conflicting == 0 {
            out.push_str(" Everything in it is already here.");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::format::tests::sample;
    use crate::contract;
    use chrono::NaiveDate;

    /// A small deterministic generator, for property tests without a crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// A backup of up to 6 people, 4 organisations (some of the same
    /// name) and 6 interactions drawn from small pools of ids, with random
    /// stamps, names, roles, notes and deletions.
    fn random_backup(rng: &mut Rng, with_orgs: bool) -> Backup {
        let ids = ["a", "b", "c", "d", "e", "f"];
        let mut orgs = Vec::new();
        // Names, creation and deletion are the same on every device (a
        // fold by name cannot be order-free under concurrent renames; see
        // fold.rs); which devices have them, stamps and notes vary.
        for (n, (id, name)) in [
            ("o1", "Acme"),
            ("o2", "acme."),
            ("o3", "Globex"),
            ("o4", "ACME"),
        ]
        .into_iter()
        .enumerate()
        {
            if !with_orgs || rng.next(2) == 0 {
                continue;
            }
            let mut o = contract::organisation(id, name);
            o.created = Timestamp(n as i64 % 2);
            o.updated = Timestamp(rng.next(4) as i64);
            o.notes = format!("note {}", rng.next(3));
            if id == "o3" {
                o.deleted = Some(Timestamp(0));
            }
            orgs.push(o);
        }
        let mut people = Vec::new();
        for id in ids {
            if rng.next(3) == 0 {
                continue;
            }
            let mut c = contract::contact(id, &format!("{id}-{}", rng.next(3)));
            if !orgs.is_empty() && rng.next(2) == 0 {
                let org = &orgs[rng.next(orgs.len() as u64) as usize];
                c.roles.push(crate::model::Role {
                    organisation_id: org.id.clone(),
                    title: String::new(),
                    since: None,
                    until: None,
                });
                c.normalise();
            }
            c.updated = Timestamp(rng.next(4) as i64);
            if rng.next(4) == 0 {
                c.deleted = Some(c.updated);
            }
            people.push(c);
        }
        let mut calls = Vec::new();
        for id in ids {
            if rng.next(2) == 0 || people.is_empty() {
                continue;
            }
            let who = &people[rng.next(people.len() as u64) as usize];
            let day = NaiveDate::from_ymd_opt(2026, 1, 1 + rng.next(28) as u32).unwrap();
            let mut call = contract::interaction(id, &[who], day, None);
            call.notes = format!("note {}", rng.next(3));
            call.updated = Timestamp(rng.next(4) as i64);
            calls.push(call);
        }
        Backup::new("0.1.0", people, orgs, calls, vec![], vec![])
    }

    #[test]
    fn a_preview_is_the_same_whether_the_lists_come_sorted_or_not() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for round in 0..300 {
            let (here, file) = (
                random_backup(&mut rng, round % 2 == 1),
                random_backup(&mut rng, round % 2 == 1),
            );
            // A file from elsewhere need not be in id order, nor (in
            // principle) what is here; organisations here keep their
            // order, as the first of the same name is the one named.
            let mut shuffled_file = file.clone();
            shuffled_file.contacts.reverse();
            shuffled_file.interactions.reverse();
            shuffled_file.organisations.reverse();
            let mut shuffled_here = here.clone();
            shuffled_here.contacts.reverse();
            shuffled_here.interactions.reverse();
            let sorted = Preview::of(&here, &file);
            assert_eq!(Preview::of(&here, &shuffled_file), sorted);
            assert_eq!(Preview::of(&shuffled_here, &file), sorted);
        }
        assert_eq!(
            positions(&["a", "c", "d"], &["b", "c", "d", "e"]),
            [None, Some(1), Some(2), None]
        );
        assert_eq!(
            positions(&["d", "a", "c"], &["c", "b", "d"]),
            [Some(2), None, Some(0)]
        );
    }

    #[test]
    fn merge_properties_hold_for_random_backups() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..1000 {
            // Every other round has organisations of the same name, which
            // merging folds into one: commutative and idempotent always,
            // associative where no fold meets a tie (see fold.rs).
            let with_orgs = round % 2 == 1;
            let (a, b, c) = (
                random_backup(&mut rng, with_orgs),
                random_backup(&mut rng, with_orgs),
                random_backup(&mut rng, with_orgs),
            );
            let ab = a.merge(&b);
            assert_eq!(ab.to_json(), b.merge(&a).to_json(), "commutative");
            assert_eq!(ab.merge(&b).to_json(), ab.to_json(), "idempotent");
            assert_eq!(ab.merge(&a).to_json(), ab.to_json(), "idempotent (a)");
            let aa = a.merge(&a);
            assert_eq!(aa.merge(&aa).to_json(), aa.to_json(), "stable once folded");
            if !with_orgs {
                assert_eq!(
                    a.to_json(),
                    aa.to_json(),
                    "merging with itself changes nothing"
                );
                assert_eq!(
                    ab.merge(&c).to_json(),
                    a.merge(&b.merge(&c)).to_json(),
                    "associative"
                );
            }
            for merged in &ab.contacts {
                let newest = a
                    .contacts
                    .iter()
                    .chain(&b.contacts)
                    .filter(|x| x.id == merged.id)
                    .map(|x| x.updated)
                    .max();
                assert_eq!(Some(merged.updated), newest, "the newer record wins");
            }
        }
    }

    #[test]
    fn merge_is_commutative_idempotent_and_newer_wins() {
        let a = sample();
        let mut b = sample();
        b.contacts[0].name = "Ana María Cruz".into();
        b.contacts[0].updated = Timestamp(5_000);
        let mut gone = b.contacts[1].clone();
        gone.deleted = Some(Timestamp(6_000));
        gone.updated = Timestamp(6_000);
        b.contacts[1] = gone;
        let mut tie = a.clone();
        tie.interactions[0].notes = "a different note, same stamp".into();
        for (x, y) in [(&a, &b), (&a, &tie), (&b, &tie)] {
            assert_eq!(x.merge(y).to_json(), y.merge(x).to_json(), "commutative");
            let once = x.merge(y);
            assert_eq!(once.merge(y).to_json(), once.to_json(), "idempotent");
        }
        let merged = a.merge(&b);
        assert_eq!(
            merged
                .contacts
                .iter()
                .find(|c| c.id.as_str() == "ana")
                .unwrap()
                .name,
            "Ana María Cruz"
        );
        assert!(
            merged
                .contacts
                .iter()
                .find(|c| c.id.as_str() == "bo")
                .unwrap()
                .deleted
                .is_some(),
            "tombstones win when newer"
        );
        let p = Preview::of(&a, &b);
        assert_eq!((p.new, p.changed, p.conflicting, p.people), (0, 2, 0, 1));
        assert_eq!(
            p.sentence(),
            "This backup holds 1 person and 1 interaction. \
             Newer in the backup: 2 people."
        );
        let p = Preview::of(&a, &tie);
        assert_eq!(p.conflicting, 1);
        let nothing = Backup::new("test", vec![], vec![], vec![], vec![], vec![]);
        let live_in_a = a.contacts.iter().filter(|c| c.is_live()).count();
        assert_eq!(
            Preview::of(&a, &nothing).removed.people,
            live_in_a,
            "replacing with an empty file removes everyone here"
        );
        assert_eq!(Preview::of(&a, &a).removed, Removed::default());
        assert!(p
            .sentence()
            .ends_with("Changed on both sides at the same moment: 1 interaction."));
        let p = Preview::of(
            &Backup::new("0.1.0", vec![], vec![], vec![], vec![], vec![]),
            &a,
        );
        assert!(p
            .sentence()
            .ends_with("New here: 2 people and 1 interaction."));
        assert_eq!(
            Preview::of(&a, &a).sentence(),
            "This backup holds 2 people and 1 interaction. \
             Everything in it is already here."
        );
    }

    #[test]
    fn a_merge_brings_the_backups_templates_this_device_lacks() {
        use crate::templates::Template;
        let with = |templates: &[(&str, &str)]| {
            let mut settings = crate::backup::Settings {
                check_in: Default::default(),
                backup_reminder_days: None,
            };
            settings.check_in.templates = templates
                .iter()
                .map(|(name, body)| Template {
                    name: (*name).into(),
                    body: (*body).into(),
                })
                .collect();
            Backup::new("0.1.0", vec![], vec![], vec![], vec![], vec![])
                .with_settings(Some(settings))
        };
        let here = with(&[("Congratulations", "Well done, {first name}!")]);
        let too_long = "x".repeat(2_001);
        let file = with(&[
            ("congratulations", "Bravo!"),
            ("After the project", "How did it land?"),
            ("Too long", &too_long),
        ]);
        let merged = here.merge(&file);
        let kept: Vec<(&str, &str)> = merged
            .settings
            .as_ref()
            .unwrap()
            .check_in
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.body.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("Congratulations", "Well done, {first name}!"),
                ("After the project", "How did it land?")
            ]
        );
        assert_eq!(merged.merge(&file), merged, "idempotent");
    }
}
