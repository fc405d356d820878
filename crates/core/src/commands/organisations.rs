//! Merging and deleting organisations (adding and renaming are in
//! `people.rs`, beside the names they check).
//!
//! Invariants:
//! - Merging moves every role at the other organisation to the one kept
//!   (trashed people's too, so restoring them finds it) and leaves the
//!   other as a tombstone with `merged_into`, like merged people: backups
//!   converge, and a role an older backup still points there is moved on
//!   the next merge ([`crate::backup`]'s fold).
//! - Deleting removes the organisation and every role there (current and
//!   former): a role at an organisation Kith no longer knows could be
//!   neither shown nor edited. The people stay. The batch is undoable like
//!   any other (the UI writes the records back as they were).

use super::{Ctx, Field, ValidationError};
use crate::directory::Directory;
use crate::ids::OrganisationId;
use crate::model::{Batch, Contact, Organisation};

/// How many people an organisation's deletion touches, for its confirm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    /// People with a current role there.
    pub current: usize,
    /// People whose roles there have all ended.
    pub former: usize,
}

impl Directory {
    /// Who has a role at `org` (live people only: the trash is not counted
    /// but is changed alike).
    pub fn organisation_reach(&self, org: &OrganisationId) -> Reach {
        let members = self.members(org);
        let current = members.iter().filter(|(_, r)| r.is_current()).count();
        Reach {
            current,
            former: members.len() - current,
        }
    }

    /// The live organisation other than `except` that already has `name`
    /// (by [`crate::organisation::organisation_key`]): what a rename to
    /// `name` would collide with, so the page can offer a merge instead.
    pub fn organisation_taking(
        &self,
        name: &str,
        except: &OrganisationId,
    ) -> Option<&Organisation> {
        self.organisation_named(name).filter(|o| &o.id != except)
    }

    /// Merges `other` into `keep`: every role there moves to `keep`; `keep`
    /// gains the other's notes and, when it has none, its default check-in
    /// timer; `other` becomes a tombstone pointing at `keep`.
    pub fn merge_organisations(
        &self,
        keep: &OrganisationId,
        other: &OrganisationId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let (Some(kept), Some(gone)) = (self.organisation(keep), self.organisation(other)) else {
            return Err(gone_away());
        };
        if keep == other {
            return Err(ValidationError::invalid(
                Field::OrganisationName,
                "Choose another organisation to merge into.",
            ));
        }
        let mut kept = kept.clone();
        let notes = gone.notes.trim();
        if !notes.is_empty() && !kept.notes.contains(notes) {
            if !kept.notes.is_empty() {
                kept.notes.push_str("\n\n");
            }
            kept.notes.push_str(notes);
        }
        if kept.default_cadence == Default::default() {
            kept.default_cadence = gone.default_cadence;
        }
        kept.updated = ctx.now;
        let mut gone = gone.clone();
        gone.deleted = Some(ctx.now);
        gone.merged_into = Some(keep.clone());
        gone.updated = ctx.now;
        let contacts = self.with_roles_at(other, ctx, |c| {
            move_roles(c, other, keep);
        });
        Ok(Batch {
            contacts,
            organisations: vec![kept, gone],
            ..Batch::default()
        })
    }

    /// Deletes an organisation and every role there; the people stay.
    pub fn delete_organisation(
        &self,
        id: &OrganisationId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut org = self.organisation(id).cloned().ok_or_else(gone_away)?;
        org.deleted = Some(ctx.now);
        org.updated = ctx.now;
        let contacts = self.with_roles_at(id, ctx, |c| {
            c.roles.retain(|r| &r.organisation_id != id);
        });
        Ok(Batch {
            contacts,
            organisations: vec![org],
            ..Batch::default()
        })
    }

    /// Every person (trashed ones too, not purged ones) with a role at
    /// `org`, changed by `change`, stamped and normalised.
    fn with_roles_at(
        &self,
        org: &OrganisationId,
        ctx: &Ctx<'_>,
        change: impl Fn(&mut Contact),
    ) -> Vec<Contact> {
        let mut out: Vec<Contact> = self
            .all_contacts()
            .filter(|c| c.roles.iter().any(|r| &r.organisation_id == org))
            .map(|c| {
                let mut c = c.clone();
                change(&mut c);
                // Follows the roles left (normalise would otherwise bring
                // back a role from the stale id when none is left).
                c.organisation_id = None;
                c.normalise();
                c.updated = ctx.now;
                c
            })
            .collect();
        crate::sort::sort_by(&mut out, |a, b| a.id.cmp(&b.id));
        out
    }
}

/// Points a person's roles at `from` to `to`, dropping a role that would
/// then repeat one they already have there.
pub(crate) fn move_roles(c: &mut Contact, from: &OrganisationId, to: &OrganisationId) {
    let mut roles = Vec::with_capacity(c.roles.len());
    for mut r in std::mem::take(&mut c.roles) {
        if &r.organisation_id == from {
            r.organisation_id = to.clone();
        }
        if !roles.contains(&r) {
            roles.push(r);
        }
    }
    c.roles = roles;
}

fn gone_away() -> ValidationError {
    ValidationError::invalid(
        Field::OrganisationName,
        "This organisation no longer exists; it may have been changed in another tab.",
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, with_ctx};
    use super::*;
    use crate::cadence::{Cadence, CadenceUnit};
    use crate::time::Timestamp;

    fn org(dir: &Directory, name: &str) -> OrganisationId {
        dir.organisation_named(name).unwrap().id.clone()
    }

    #[test]
    fn merging_moves_every_role_and_leaves_a_tombstone() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", "Harbor Logistics"), 1);
        let (b, dup) = with_ctx(2, |ctx| {
            dir.add_organisation("Harbour Logistics Group", ctx)
        })
        .unwrap();
        dir.apply(&b);
        let bo = add(&mut dir, &input("Bo", "Harbour Logistics Group"), 3);
        let mut both = input("Cy", "Harbor Logistics");
        both.roles.push(crate::commands::RoleInput {
            organisation: "Harbour Logistics Group".into(),
            ..Default::default()
        });
        let cy = add(&mut dir, &both, 4);
        let mut gone = dir.organisation(&dup).unwrap().clone();
        gone.notes = "Met at the port fair".into();
        gone.default_cadence = Cadence::Every {
            count: 3,
            unit: CadenceUnit::Months,
        };
        dir.apply(&Batch {
            organisations: vec![gone],
            ..Batch::default()
        });
        let keep = org(&dir, "harbor logistics");
        dir.apply(&with_ctx(5, |ctx| {
            dir.delete_contacts(std::slice::from_ref(&bo), ctx)
        }));

        let b = with_ctx(9, |ctx| dir.merge_organisations(&keep, &dup, ctx)).unwrap();
        let names: Vec<_> = b.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), 2, "Bo (in the trash) and Cy: {names:?}");
        dir.apply(&b);
        assert!(dir.organisation(&dup).is_none());
        let tomb = b.organisations.iter().find(|o| o.id == dup).unwrap();
        assert_eq!(
            (tomb.deleted, tomb.merged_into.as_ref(), tomb.updated),
            (Some(Timestamp(9)), Some(&keep), Timestamp(9))
        );
        let kept = dir.organisation(&keep).unwrap();
        assert_eq!(kept.notes, "Met at the port fair");
        assert_eq!(kept.default_cadence.preset_key(), Some("3m"));
        let cy = dir.contact(&cy).unwrap();
        assert_eq!(cy.roles.len(), 1, "the same role twice becomes one");
        assert_eq!(cy.roles[0].organisation_id, keep);
        let bo = dir.any_contact(&bo).unwrap();
        assert_eq!(bo.organisation_id.as_ref(), Some(&keep));
        assert_eq!(
            dir.members(&keep).len(),
            2,
            "Ana and Cy (Bo is in the trash)"
        );
        assert!(dir.contact(&ana).is_some());
        assert!(with_ctx(10, |ctx| dir.merge_organisations(&keep, &dup, ctx)).is_err());
        assert!(with_ctx(10, |ctx| dir.merge_organisations(&keep, &keep, ctx)).is_err());
    }

    #[test]
    fn deleting_removes_roles_there_and_counts_them_first() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", "Acme"), 1);
        let mut former = input("Bo", "Acme");
        former.roles[0].until = "2025-01-31".into();
        former.roles.push(crate::commands::RoleInput {
            organisation: "Globex".into(),
            title: "CTO".into(),
            ..Default::default()
        });
        let bo = add(&mut dir, &former, 2);
        add(&mut dir, &input("Cy", "Globex"), 3);
        let acme = org(&dir, "Acme");
        assert_eq!(
            dir.organisation_reach(&acme),
            Reach {
                current: 1,
                former: 1
            }
        );
        let b = with_ctx(7, |ctx| dir.delete_organisation(&acme, ctx)).unwrap();
        assert_eq!(b.contacts.len(), 2);
        assert_eq!(b.organisations[0].deleted, Some(Timestamp(7)));
        assert_eq!(b.organisations[0].merged_into, None);
        dir.apply(&b);
        assert!(dir.organisation(&acme).is_none());
        let ana = dir.contact(&ana).unwrap();
        assert!(ana.roles.is_empty() && ana.organisation_id.is_none());
        let bo = dir.contact(&bo).unwrap();
        assert_eq!(bo.roles.len(), 1);
        assert_eq!(bo.roles[0].title, "CTO");
        assert!(with_ctx(8, |ctx| dir.delete_organisation(&acme, ctx)).is_err());
    }

    #[test]
    fn a_rename_collision_names_the_organisation_to_merge_with() {
        let mut dir = Directory::default();
        add(&mut dir, &input("Ana", "Harbor Logistics"), 1);
        add(&mut dir, &input("Bo", "Harbour"), 2);
        let (harbor, harbour) = (org(&dir, "Harbor Logistics"), org(&dir, "Harbour"));
        assert_eq!(
            dir.organisation_taking("harbor logistics.", &harbour)
                .map(|o| &o.id),
            Some(&harbor)
        );
        assert!(dir
            .organisation_taking("Harbor Logistics", &harbor)
            .is_none());
        let e = with_ctx(3, |ctx| dir.rename_organisation(&harbour, "  ", "", ctx)).unwrap_err();
        assert_eq!(e.to_string(), "Please enter a name.");
    }
}
