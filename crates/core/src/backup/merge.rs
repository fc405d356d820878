//! Merging two backups, and the preview of what a restore would change.
//!
//! Invariants: merging is by id; the newer `updated` wins, ties are broken
//! by comparing the records' JSON, and deletions are tombstones like any
//! other version, so merging two devices' backups in either order gives
//! the same result (commutative, associative, idempotent). [`Preview`]
//! counts with the same rule: "changed" is what a merge would take from
//! the file, "conflicting" a tie that the JSON comparison settles.

use super::format::{Backup, BackupPhoto};
use crate::time::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

impl Backup {
    /// Merges `other` into this backup: by id, newer `updated` wins, ties
    /// go to the larger JSON. Commutative and idempotent. A person's photo
    /// comes from the side whose record set it last; preferences are this
    /// backup's (the device's own), or `other`'s when it has none.
    pub fn merge(&self, other: &Backup) -> Backup {
        let mut merged = Backup::new(
            &self.app_version,
            merge_by_id(&self.contacts, &other.contacts, |r| {
                (r.id.as_str(), r.updated)
            }),
            merge_by_id(&self.organisations, &other.organisations, |r| {
                (r.id.as_str(), r.updated)
            }),
            merge_by_id(&self.interactions, &other.interactions, |r| {
                (r.id.as_str(), r.updated)
            }),
            merge_by_id(&self.dates, &other.dates, |r| (r.id.as_str(), r.updated)),
            merge_by_id(&self.tasks, &other.tasks, |r| (r.id.as_str(), r.updated)),
        );
        let stamp = |b: &Backup, id: &crate::ids::ContactId| {
            b.contacts
                .iter()
                .find(|c| &c.id == id)
                .and_then(|c| c.photo)
        };
        let mut photos: BTreeMap<crate::ids::ContactId, BackupPhoto> = BTreeMap::new();
        for c in merged.contacts.iter().filter(|c| c.photo.is_some()) {
            fn from<'a>(
                b: &'a Backup,
                c: &crate::model::Contact,
                stamp: Option<Timestamp>,
            ) -> Option<&'a BackupPhoto> {
                (stamp == c.photo)
                    .then(|| b.photos.iter().find(|p| p.contact_id == c.id))
                    .flatten()
            }
            let from = |b| from(b, c, stamp(b, &c.id));
            let best = match (from(self), from(other)) {
                (Some(a), Some(b)) => Some(if a.data >= b.data { a } else { b }),
                (a, b) => a.or(b),
            };
            if let Some(p) = best {
                photos.insert(c.id.clone(), p.clone());
            }
        }
        merged.photos = photos.into_values().collect();
        merged.settings = self.settings.clone().or_else(|| other.settings.clone());
        merged
    }
}

/// A record's id and `updated` stamp, which is all merging looks at
/// until two versions tie.
type Key<T> = for<'a> fn(&'a T) -> (&'a str, Timestamp);

/// The JSON that breaks ties between two versions with the same stamp.
fn json<T: Serialize>(r: &T) -> Option<String> {
    serde_json::to_string(r).ok()
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

/// The position of the version of each id that a merge keeps, in id order:
/// the newest stamp, and on a tie the one `tie_newer` prefers. Not generic,
/// so one copy serves all five record types (ids order as their strings).
fn newest_by_id(
    keys: &[(&str, Timestamp)],
    tie_newer: &dyn Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut out: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, (id, updated)) in keys.iter().enumerate() {
        let keep_new = match out.get(id) {
            None => true,
            Some(&o) => {
                let old = keys[o].1;
                *updated > old || (*updated == old && tie_newer(n, o))
            }
        };
        if keep_new {
            out.insert(id, n);
        }
    }
    out.into_values().collect()
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
        fn gone<T>(current: &[T], incoming: &[T], key: fn(&T) -> (&str, bool)) -> usize {
            let here: Vec<_> = current.iter().map(key).collect();
            let there: Vec<_> = incoming.iter().map(key).collect();
            gone_keys(&here, &there)
        }
        /// Not generic: one copy for every record type.
        fn gone_keys(current: &[(&str, bool)], incoming: &[(&str, bool)]) -> usize {
            // Inserted one by one: collecting into a B-tree sorts first,
            // a whole compiled sort per key type (see crate::sort).
            let mut kept = std::collections::BTreeSet::new();
            for (id, _) in incoming.iter().filter(|(_, live)| *live) {
                kept.insert(*id);
            }
            current
                .iter()
                .filter(|(id, live)| *live && !kept.contains(id))
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

impl Preview {
    /// Compares `incoming` with `current` record by record.
    pub fn of(current: &Backup, incoming: &Backup) -> Preview {
        fn count<T: Serialize + PartialEq>(
            current: &[T],
            incoming: &[T],
            key: Key<T>,
            p: &mut Preview,
        ) {
            let have: Vec<_> = current.iter().map(key).collect();
            let come: Vec<_> = incoming.iter().map(key).collect();
            let differ = |i: usize, c: usize| {
                incoming[i] != current[c] && json(&incoming[i]) != json(&current[c])
            };
            tally(&have, &come, &differ, p);
        }
        /// Not generic: one copy for every record type.
        fn tally(
            current: &[(&str, Timestamp)],
            incoming: &[(&str, Timestamp)],
            differ: &dyn Fn(usize, usize) -> bool,
            p: &mut Preview,
        ) {
            let mut have: BTreeMap<&str, usize> = BTreeMap::new();
            for (c, (id, _)) in current.iter().enumerate() {
                have.insert(id, c);
            }
            for (i, (id, updated)) in incoming.iter().enumerate() {
                match have.get(id) {
                    None => p.new += 1,
                    Some(&c) if *updated > current[c].1 => p.changed += 1,
                    Some(&c) if *updated == current[c].1 && differ(i, c) => p.conflicting += 1,
                    _ => {}
                }
            }
        }
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
            removed: Removed::of(current, incoming),
            ..Preview::default()
        };
        count(
            &current.contacts,
            &incoming.contacts,
            |r| (r.id.as_str(), r.updated),
            &mut p,
        );
        count(
            &current.organisations,
            &incoming.organisations,
            |r| (r.id.as_str(), r.updated),
            &mut p,
        );
        count(
            &current.interactions,
            &incoming.interactions,
            |r| (r.id.as_str(), r.updated),
            &mut p,
        );
        count(
            &current.dates,
            &incoming.dates,
            |r| (r.id.as_str(), r.updated),
            &mut p,
        );
        count(
            &current.tasks,
            &incoming.tasks,
            |r| (r.id.as_str(), r.updated),
            &mut p,
        );
        p
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

    /// A backup of up to 6 people and 6 interactions drawn from a small
    /// pool of ids, with random stamps, names, notes and deletions.
    fn random_backup(rng: &mut Rng) -> Backup {
        let ids = ["a", "b", "c", "d", "e", "f"];
        let mut people = Vec::new();
        for id in ids {
            if rng.next(3) == 0 {
                continue;
            }
            let mut c = contract::contact(id, &format!("{id}-{}", rng.next(3)));
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
        Backup::new("0.1.0", people, vec![], calls, vec![], vec![])
    }

    #[test]
    fn merge_properties_hold_for_random_backups() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..500 {
            let (a, b, c) = (
                random_backup(&mut rng),
                random_backup(&mut rng),
                random_backup(&mut rng),
            );
            let ab = a.merge(&b);
            assert_eq!(ab.to_json(), b.merge(&a).to_json(), "commutative");
            assert_eq!(ab.merge(&b).to_json(), ab.to_json(), "idempotent");
            assert_eq!(
                a.merge(&a).to_json(),
                a.to_json(),
                "merging with itself changes nothing"
            );
            assert_eq!(
                ab.merge(&c).to_json(),
                a.merge(&b.merge(&c)).to_json(),
                "associative"
            );
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
    }
}
