//! Folding organisations of the same name into one after a merge: a
//! backup's "Harbor Logistics" and the one made here by hand are one
//! organisation, whatever their ids.
//!
//! Invariants (what keeps merging commutative, associative and idempotent):
//! - The fold is a function of the merged records alone: of live
//!   organisations with the same [`organisation_key`], the one kept is the
//!   earliest created (then the smallest id), whichever side it came from.
//! - A folded organisation becomes a tombstone with its own `updated`
//!   (no stamp is invented): should a later merge bring back its live copy
//!   (a tie the live copy wins), the fold folds it again the same way. Its
//!   `merged_into` names the organisation finally kept (chains are
//!   followed, so the order of merges does not matter).
//! - Roles pointing at a merged organisation move to the one kept (the same
//!   rule as a merge by hand) on both sides *before* people are merged, and
//!   the person's `updated` is left alone (no stamp is invented): copies
//!   tied on their stamp are compared in the same moved form.
//! - Merging stays commutative and idempotent. Associativity can fail only
//!   where a fold meets a same-millisecond conflict or a concurrent rename
//!   or deletion of the organisations involved (a fold by name cannot know
//!   a name that changes later); the property tests say which is which.

use crate::commands::move_roles;
use crate::ids::OrganisationId;
use crate::model::{Contact, Organisation};
use crate::organisation::organisation_key;

/// Folds live organisations that share a name (see the module docs) and
/// returns where each merged organisation's roles belong.
pub(super) fn fold_organisations(orgs: &mut [Organisation]) -> Redirects {
    // Plain vectors, not maps: organisations are few, and every new map
    // type costs the wasm kilobytes.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let key = organisation_key(&o.name);
        // Households are never folded by name: two "Smith household"s are
        // usually two families.
        if o.deleted.is_none() && !o.is_household() && !key.is_empty() {
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(i),
                None => groups.push((key, vec![i])),
            }
        }
    }
    for (_, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        let Some(&kept) = members
            .iter()
            .min_by(|&&a, &&b| (orgs[a].created, &orgs[a].id).cmp(&(orgs[b].created, &orgs[b].id)))
        else {
            continue;
        };
        let kept_id = orgs[kept].id.clone();
        for &i in members.iter().filter(|&&i| i != kept) {
            let o = &mut orgs[i];
            o.deleted = Some(o.updated);
            o.merged_into = Some(kept_id.clone());
        }
    }
    let redirects = final_targets(orgs);
    for o in orgs.iter_mut() {
        if let Some(to) = target(&redirects, &o.id) {
            o.merged_into = Some(to.clone());
        }
    }
    redirects
}

/// Where each merged organisation's roles belong: `(from, to)`.
pub(super) type Redirects = Vec<(OrganisationId, OrganisationId)>;

fn target<'a>(redirects: &'a Redirects, id: &OrganisationId) -> Option<&'a OrganisationId> {
    redirects
        .iter()
        .find(|(from, _)| from == id)
        .map(|(_, to)| to)
}

/// People with roles at merged organisations, their roles moved to where
/// they belong; the others as they are. Applied to both sides before they
/// are compared, so equal stamps are settled between the same forms.
pub(super) fn move_merged_roles(contacts: &[Contact], redirects: &Redirects) -> Vec<Contact> {
    contacts
        .iter()
        .map(|c| {
            let mut c = c.clone();
            let moved: Vec<(OrganisationId, OrganisationId)> = c
                .roles
                .iter()
                .filter_map(|r| {
                    Some((
                        r.organisation_id.clone(),
                        target(redirects, &r.organisation_id)?.clone(),
                    ))
                })
                .collect();
            if !moved.is_empty() {
                for (from, to) in &moved {
                    move_roles(&mut c, from, to);
                }
                c.organisation_id = None;
                c.normalise();
            }
            c
        })
        .collect()
}

/// Each merged organisation's final destination, following chains (a
/// cycle, which only a hand-edited file could hold, stops where it closes).
fn final_targets(orgs: &[Organisation]) -> Redirects {
    let next: Vec<(&OrganisationId, &OrganisationId)> = orgs
        .iter()
        .filter(|o| o.deleted.is_some())
        .filter_map(|o| Some((&o.id, o.merged_into.as_ref()?)))
        .collect();
    let step = |id: &OrganisationId| next.iter().find(|(from, _)| *from == id).map(|(_, to)| *to);
    next.iter()
        .map(|&(from, first)| {
            let mut to = first;
            let mut seen = vec![from];
            while let Some(further) = step(to) {
                if seen.contains(&to) {
                    break;
                }
                seen.push(to);
                to = further;
            }
            (from.clone(), to.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::backup::Backup;
    use crate::contract;
    use crate::model::Role;
    use crate::time::Timestamp;

    fn role_at(c: &mut crate::model::Contact, org: &crate::model::Organisation) {
        c.roles = vec![Role {
            organisation_id: org.id.clone(),
            title: String::new(),
            since: None,
            until: None,
        }];
        c.organisation_id = Some(org.id.clone());
    }

    #[test]
    fn a_backup_with_an_organisation_of_the_same_name_merges_into_one() {
        let mut by_hand = contract::organisation("h1", "Harbor Logistics");
        by_hand.created = Timestamp(10);
        let mut from_file = contract::organisation("f1", "harbor  logistics.");
        from_file.created = Timestamp(20);
        from_file.updated = Timestamp(30);
        let mut ana = contract::contact("ana", "Ana");
        role_at(&mut ana, &by_hand);
        let mut bo = contract::contact("bo", "Bo");
        role_at(&mut bo, &from_file);
        let here = Backup::new("0.1.0", vec![ana], vec![by_hand], vec![], vec![], vec![]);
        let file = Backup::new("0.1.0", vec![bo], vec![from_file], vec![], vec![], vec![]);

        let preview = crate::backup::Preview::of(&here, &file);
        assert_eq!(preview.organisations_matched, ["Harbor Logistics"]);
        assert!(crate::backup::Preview::of(&here, &here)
            .organisations_matched
            .is_empty());
        let merged = here.merge(&file);
        assert_eq!(merged.to_json(), file.merge(&here).to_json());
        let live: Vec<_> = merged
            .organisations
            .iter()
            .filter(|o| o.deleted.is_none())
            .collect();
        assert_eq!(live.len(), 1);
        assert_eq!(live[0].id.as_str(), "h1", "the earlier one is kept");
        let tomb = merged
            .organisations
            .iter()
            .find(|o| o.id.as_str() == "f1")
            .unwrap();
        assert_eq!(tomb.merged_into.as_ref().map(|i| i.as_str()), Some("h1"));
        assert_eq!(
            (tomb.updated, tomb.deleted),
            (Timestamp(30), Some(Timestamp(30)))
        );
        let bo = merged
            .contacts
            .iter()
            .find(|c| c.id.as_str() == "bo")
            .unwrap();
        assert_eq!(bo.roles[0].organisation_id.as_str(), "h1");
        assert_eq!(bo.organisation_id.as_ref().map(|i| i.as_str()), Some("h1"));
        assert_eq!(
            merged.merge(&file).to_json(),
            merged.to_json(),
            "idempotent"
        );

        // A third device that still has Bo at the old one converges too.
        let stale = file.clone();
        let third = Backup::new(
            "0.1.0",
            vec![],
            vec![contract::organisation("a0", "HARBOR LOGISTICS")],
            vec![],
            vec![],
            vec![],
        );
        let left = merged.merge(&stale).merge(&third);
        let right = here.merge(&stale.merge(&third));
        assert_eq!(
            left.to_json(),
            right.to_json(),
            "associative (no ties here)"
        );
        let bo = left
            .contacts
            .iter()
            .find(|c| c.id.as_str() == "bo")
            .unwrap();
        assert_eq!(bo.roles[0].organisation_id.as_str(), "a0");
        assert!(left
            .organisations
            .iter()
            .filter(|o| o.id.as_str() != "a0")
            .all(|o| o.merged_into.as_ref().map(|i| i.as_str()) == Some("a0")));
    }

    #[test]
    fn different_names_and_deleted_ones_are_left_alone() {
        let acme = contract::organisation("a", "Acme");
        let inc = contract::organisation("b", "Acme Inc");
        let mut gone = contract::organisation("c", "Acme");
        gone.deleted = Some(Timestamp(2));
        let b = Backup::new(
            "0.1.0",
            vec![],
            vec![acme, inc, gone],
            vec![],
            vec![],
            vec![],
        );
        assert_eq!(b.merge(&b).to_json(), b.to_json());
    }

    #[test]
    fn households_of_the_same_name_stay_two() {
        let household = |key: &str, created: i64| {
            let mut h = contract::organisation(key, "Smith household");
            h.kind = crate::model::OrganisationKind::Household;
            h.created = Timestamp(created);
            h
        };
        let (here_home, their_home) = (household("h1", 10), household("f1", 20));
        let mut ana = contract::contact("ana", "Ana");
        ana.household_id = Some(here_home.id.clone());
        let mut bo = contract::contact("bo", "Bo");
        bo.household_id = Some(their_home.id.clone());
        let here = Backup::new("0.1.0", vec![ana], vec![here_home], vec![], vec![], vec![]);
        let file = Backup::new("0.1.0", vec![bo], vec![their_home], vec![], vec![], vec![]);
        let preview = crate::backup::Preview::of(&here, &file);
        assert!(preview.organisations_matched.is_empty());
        let words = preview.sentence();
        assert!(
            words.contains("New here: 1 person and 1 household."),
            "{words}"
        );
        let merged = here.merge(&file);
        let live = merged.organisations.iter().filter(|o| o.deleted.is_none());
        assert_eq!(live.count(), 2);
        let homes: Vec<_> = merged
            .contacts
            .iter()
            .map(|c| c.household_id.as_ref().map(|h| h.as_str()))
            .collect();
        assert_eq!(homes, [Some("h1"), Some("f1")]);
    }
}
