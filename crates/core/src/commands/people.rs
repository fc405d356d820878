//! Deleting, restoring and tagging people, one or many at a time, and the
//! trash: deleted people stay restorable for [`TRASH_DAYS`] days.

use super::person::split_list;
use super::{Ctx, Field, ValidationError};
use crate::directory::Directory;
use crate::ids::{ContactId, OrganisationId};
use crate::model::{Batch, Contact};
use crate::time::Timestamp;

/// How long a deleted person can be restored.
pub const TRASH_DAYS: i64 = 30;
const DAY_MS: i64 = 86_400_000;

impl Directory {
    /// Moves people to the trash: tombstones, so backups merge cleanly.
    pub fn delete_contacts(&self, ids: &[ContactId], ctx: &mut Ctx<'_>) -> Batch {
        let contacts = ids
            .iter()
            .filter_map(|id| self.contact(id))
            .map(|c| {
                let mut c = c.clone();
                c.deleted = Some(ctx.now);
                c.updated = ctx.now;
                c
            })
            .collect();
        Batch {
            contacts,
            ..Batch::default()
        }
    }

    /// Takes people back out of the trash.
    pub fn restore_contacts(&self, ids: &[ContactId], ctx: &mut Ctx<'_>) -> Batch {
        let contacts = ids
            .iter()
            .filter_map(|id| self.any_contact(id))
            .filter(|c| !c.is_live() && c.merged_into.is_none() && !is_purged(c))
            .map(|c| {
                let mut c = c.clone();
                c.deleted = None;
                c.updated = ctx.now;
                c
            })
            .collect();
        Batch {
            contacts,
            ..Batch::default()
        }
    }

    /// Adds `tag` to each person who lacks it.
    pub fn tag_contacts(
        &self,
        ids: &[ContactId],
        tag: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let tag = one_tag(tag)?;
        Ok(self.change_each(ids, ctx, |c| {
            if c.has_tag(&tag) {
                return false;
            }
            c.tags.push(tag.clone());
            true
        }))
    }

    /// Removes `tag` (ignoring case and accents) from each person.
    pub fn untag_contacts(
        &self,
        ids: &[ContactId],
        tag: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let tag = one_tag(tag)?;
        let wanted = crate::search::normalise(&tag);
        Ok(self.change_each(ids, ctx, |c| {
            let before = c.tags.len();
            c.tags.retain(|t| crate::search::normalise(t) != wanted);
            c.tags.len() != before
        }))
    }

    fn change_each(
        &self,
        ids: &[ContactId],
        ctx: &Ctx<'_>,
        mut change: impl FnMut(&mut Contact) -> bool,
    ) -> Batch {
        let mut batch = Batch::default();
        for c in ids.iter().filter_map(|id| self.contact(id)) {
            let mut c = c.clone();
            if change(&mut c) {
                c.updated = ctx.now;
                batch.contacts.push(c);
            }
        }
        batch
    }

    /// People in the trash that can still be restored, most recently
    /// deleted first, with the days left.
    pub fn trash(&self, now: Timestamp) -> Vec<(&Contact, i64)> {
        let mut items: Vec<_> = self
            .all_contacts()
            .filter(|c| c.merged_into.is_none() && !is_purged(c))
            .filter_map(|c| {
                let deleted = c.deleted?;
                let left = TRASH_DAYS - (now.0 - deleted.0) / DAY_MS;
                (left > 0).then_some((c, left))
            })
            .collect();
        crate::sort::sort_by(&mut items, |a, b| {
            b.0.deleted.cmp(&a.0.deleted).then(a.0.id.cmp(&b.0.id))
        });
        items
    }

    /// How many people there are, as every screen says it: "24 people",
    /// or "24 people, 2 in the trash". The same live count as the People
    /// list, so Settings and People agree.
    pub fn people_words(&self, now: Timestamp) -> String {
        let people = crate::format::count(self.live_count(), "person", "people");
        match self.trash(now).len() {
            0 => people,
            n => format!("{people}, {} in the trash", crate::format::grouped(n)),
        }
    }

    /// Empties the trash of people deleted more than [`TRASH_DAYS`] ago (or
    /// all of it, with `everything`): their records shrink to bare
    /// tombstones, with nothing personal left, so merges still see them as
    /// deleted.
    pub fn purge_trash(&self, everything: bool, ctx: &mut Ctx<'_>) -> Batch {
        let contacts: Vec<Contact> = self
            .all_contacts()
            .filter(|c| !is_purged(c))
            .filter(|c| {
                c.deleted
                    .is_some_and(|d| everything || ctx.now.0 - d.0 >= TRASH_DAYS * DAY_MS)
            })
            .map(|c| {
                let mut bare = Contact::new(c.id.clone(), "", c.created);
                bare.deleted = c.deleted;
                bare.merged_into = c.merged_into.clone();
                bare.updated = ctx.now;
                bare
            })
            .collect();
        // Their photos go too; the bare tombstone keeps nothing personal.
        let photos_removed = self
            .all_contacts()
            .filter(|c| c.photo.is_some() && contacts.iter().any(|bare| bare.id == c.id))
            .map(|c| c.id.clone())
            .collect();
        // A household they were in ends when fewer than two live people
        // are left in it, its name and address forgotten.
        let homes: Vec<_> = contacts
            .iter()
            .filter_map(|bare| self.any_contact(&bare.id)?.household_id.clone())
            .collect();
        let mut batch = Batch {
            contacts,
            photos_removed,
            ..Batch::default()
        };
        if !homes.is_empty() {
            self.end_households_below_two(&homes, &mut batch, true, ctx);
        }
        batch
    }
}

impl Directory {
    /// Creates an organisation by name, or finds the one that has it.
    pub fn add_organisation(
        &self,
        name: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<(Batch, OrganisationId), ValidationError> {
        let name = organisation_name(name)?;
        let mut batch = Batch::default();
        let id = self.organisation_for(&name, &mut batch, ctx);
        Ok((batch, id))
    }

    /// Renames an organisation; refuses a name another one already has.
    pub fn rename_organisation(
        &self,
        id: &OrganisationId,
        name: &str,
        notes: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let name = organisation_name(name)?;
        super::check_len(Field::OrganisationNotes, "notes", notes, super::MAX_NOTES)?;
        if self.organisation_named(&name).is_some_and(|o| &o.id != id) {
            return Err(ValidationError::invalid(
                Field::OrganisationName,
                format!("There is already an organisation called “{name}”."),
            ));
        }
        let mut org = self
            .organisation(id)
            .cloned()
            .ok_or(ValidationError::NotFound)?;
        org.name = name;
        org.notes = notes.trim_end().to_owned();
        org.updated = ctx.now;
        Ok(Batch {
            organisations: vec![org],
            ..Batch::default()
        })
    }
}

fn organisation_name(raw: &str) -> Result<String, ValidationError> {
    let name = super::one_line(raw);
    if name.is_empty() {
        return Err(ValidationError::invalid(
            Field::OrganisationName,
            "Please enter a name.",
        ));
    }
    super::check_len(Field::OrganisationName, "name", &name, super::MAX_NAME)?;
    Ok(name)
}

/// A purged tombstone has no name left.
fn is_purged(c: &Contact) -> bool {
    c.deleted.is_some() && c.name.is_empty()
}

fn one_tag(raw: &str) -> Result<String, ValidationError> {
    split_list(Field::Tag, "tag", raw)?
        .into_iter()
        .next()
        .ok_or(ValidationError::Empty { field: Field::Tag })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, with_ctx};
    use super::*;
    use crate::directory::{Filter, SortOrder};

    #[test]
    fn delete_leaves_a_tombstone_that_queries_skip_and_restore_brings_back() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        let batch = with_ctx(7, |ctx| dir.delete_contacts(std::slice::from_ref(&id), ctx));
        assert_eq!(batch.contacts[0].deleted, Some(Timestamp(7)));
        assert_eq!(batch.contacts[0].updated, Timestamp(7));
        dir.apply(&batch);
        assert!(dir.contact(&id).is_none());
        assert!(dir.any_contact(&id).is_some());
        assert!(dir.search("").is_empty());
        assert!(with_ctx(8, |ctx| dir.delete_contacts(std::slice::from_ref(&id), ctx)).is_empty());

        let batch = with_ctx(9, |ctx| {
            dir.restore_contacts(std::slice::from_ref(&id), ctx)
        });
        assert_eq!(
            (batch.contacts[0].deleted, batch.contacts[0].updated),
            (None, Timestamp(9))
        );
        dir.apply(&batch);
        assert_eq!(dir.search(""), vec![id.clone()]);
        assert!(
            with_ctx(10, |ctx| dir.restore_contacts(&[id], ctx)).is_empty(),
            "already live"
        );
    }

    #[test]
    fn counts_of_people_agree_with_the_list_and_the_trash() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", ""), 1);
        add(&mut dir, &input("Bo", ""), 2);
        assert_eq!(dir.people_words(Timestamp(3)), "2 people");
        dir.apply(&with_ctx(3, |ctx| dir.delete_contacts(&[ana], ctx)));
        assert_eq!(dir.people_words(Timestamp(4)), "1 person, 1 in the trash");
        let later = Timestamp(4 + 31 * DAY_MS);
        assert_eq!(dir.people_words(later), "1 person", "the trash forgets");
    }

    #[test]
    fn trash_keeps_people_thirty_days_then_purges_them_to_bare_tombstones() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", "Acme"), 1);
        let bo = add(&mut dir, &input("Bo", ""), 1);
        let day = DAY_MS;
        dir.apply(&with_ctx(10 * day, |ctx| {
            dir.delete_contacts(std::slice::from_ref(&ana), ctx)
        }));
        dir.apply(&with_ctx(20 * day, |ctx| {
            dir.delete_contacts(std::slice::from_ref(&bo), ctx)
        }));

        let trash = dir.trash(Timestamp(25 * day));
        let shown: Vec<_> = trash
            .iter()
            .map(|(c, left)| (c.name.as_str(), *left))
            .collect();
        assert_eq!(shown, [("Bo", 25), ("Ana", 15)]);

        let purge = with_ctx(41 * day, |ctx| dir.purge_trash(false, ctx));
        assert_eq!(purge.contacts.len(), 1, "only Ana is past 30 days");
        assert!(purge.photos_removed.is_empty(), "Ana had no photo");
        let bare = &purge.contacts[0];
        assert_eq!(
            (bare.id.clone(), bare.name.as_str(), bare.deleted),
            (ana.clone(), "", Some(Timestamp(10 * day)))
        );
        assert!(bare.roles.is_empty() && bare.organisation_id.is_none());
        dir.apply(&purge);
        assert!(with_ctx(41 * day, |ctx| dir
            .restore_contacts(std::slice::from_ref(&ana), ctx))
        .is_empty());
        assert_eq!(dir.trash(Timestamp(41 * day)).len(), 1);
        assert!(
            with_ctx(42 * day, |ctx| dir.purge_trash(false, ctx)).is_empty(),
            "purging is done once"
        );
        assert_eq!(
            with_ctx(42 * day, |ctx| dir.purge_trash(true, ctx))
                .contacts
                .len(),
            1
        );
    }

    #[test]
    fn organisations_are_added_once_and_renamed_uniquely() {
        let mut dir = Directory::default();
        let (b, acme) = with_ctx(1, |ctx| dir.add_organisation(" Acme  Ltd ", ctx)).unwrap();
        dir.apply(&b);
        let (b, same) = with_ctx(2, |ctx| dir.add_organisation("ACME LTD", ctx)).unwrap();
        assert!(b.is_empty());
        assert_eq!(same, acme);
        let (b, globex) = with_ctx(3, |ctx| dir.add_organisation("Globex", ctx)).unwrap();
        dir.apply(&b);
        let e = with_ctx(4, |ctx| {
            dir.rename_organisation(&globex, "acme ltd", "", ctx)
        })
        .unwrap_err();
        assert!(e.to_string().contains("already an organisation"));
        let b = with_ctx(5, |ctx| {
            dir.rename_organisation(&acme, "Acme Group", "Key account", ctx)
        })
        .unwrap();
        assert_eq!(
            (b.organisations[0].name.as_str(), b.organisations[0].updated),
            ("Acme Group", Timestamp(5))
        );
    }

    #[test]
    fn bulk_tag_and_untag() {
        let mut dir = Directory::default();
        let a = add(&mut dir, &input("Ana", ""), 1);
        let b = add(&mut dir, &input("Bo", ""), 1);
        let both = [a.clone(), b.clone()];
        let batch = with_ctx(2, |ctx| dir.tag_contacts(&both, " Clients  VIP ", ctx)).unwrap();
        assert_eq!(batch.contacts.len(), 2);
        dir.apply(&batch);
        assert_eq!(dir.contact(&a).unwrap().tags, ["Clients VIP"]);
        assert!(
            with_ctx(3, |ctx| dir.tag_contacts(&both, "clients vip", ctx))
                .unwrap()
                .is_empty()
        );
        assert_eq!(dir.tags(), vec![("Clients VIP".to_owned(), 2)]);
        let filtered = dir.query(
            "",
            SortOrder::Name,
            &Filter {
                tag: Some("clients vip".into()),
                organisation: None,
            },
            crate::commands::testing::today(),
            &Default::default(),
        );
        assert_eq!(filtered.len(), 2);

        let batch = with_ctx(4, |ctx| {
            dir.untag_contacts(std::slice::from_ref(&b), "CLIENTS VIP", ctx)
        })
        .unwrap();
        dir.apply(&batch);
        assert!(dir.contact(&b).unwrap().tags.is_empty());
        assert_eq!(dir.tags(), vec![("Clients VIP".to_owned(), 1)]);
        assert_eq!(
            with_ctx(5, |ctx| dir.tag_contacts(&both, " , ", ctx))
                .unwrap_err()
                .field(),
            Some(Field::Tag)
        );
    }
}
