//! Households: people who live together, with a shared address, shared
//! dates and, when the user says so, one check-in timer for all of them.
//!
//! A household is an [`Organisation`] of [`OrganisationKind::Household`]
//! (stored, backed up, merged and undone with organisations; never listed
//! among them, never anyone's employer). Membership is kept on the person
//! alone ([`Contact::household_id`], one household each), so there is no
//! second list of members that could disagree with it.
//!
//! Rules kept here (and nowhere in the UI):
//! - "Bo lives with Ana": Bo joins Ana's household; when Ana has none, Ana
//!   joins Bo's; when neither has one, a new household holds both, named
//!   after the family name they share ("Cruz household") or after both
//!   ("Ana & Bo"), with the first home address either has. Who lived in
//!   another household moves: they leave it first.
//! - A household lasts while two live people are in it. When one of the
//!   last two leaves, the other leaves too and the household is deleted
//!   (one undo puts all of it back). People in the trash keep their
//!   household; restored, they are back in it if it still exists.
//! - Shared dates are the anniversaries (the person's own, not a family
//!   member's) kept on any member: entered once, on one person, and shown
//!   on every member's page ([`shared_dates`]). Nothing is copied.
//! - When the household shares check-ins, each member's timer runs from
//!   the latest interaction of any live member: a call with Ana counts for
//!   Bo. [`Directory::check_in_status`] says so ("counted from the
//!   household's check-in with Ana on 2 December"), so Today, the week's
//!   plan, People and the person page agree.

use crate::commands::{check_len, one_line, Ctx, Field, ValidationError, MAX_LINE, MAX_NAME};
use crate::dates::{DateKind, ImportantDate};
use crate::directory::Directory;
use crate::ids::{ContactId, OrganisationId};
use crate::model::{Batch, Contact, Organisation, OrganisationKind};
use chrono::NaiveDate;

/// What the household form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HouseholdInput {
    pub name: String,
    pub address: String,
}

impl Directory {
    /// The household check-in that counts for `c`: the latest interaction
    /// with another live member of their household, when the household
    /// shares check-ins and it is newer than their own last one; with that
    /// member's name and the day.
    pub fn household_check_in(&self, c: &Contact) -> Option<(String, NaiveDate)> {
        let (day, who) = self.household_latest().get(c.household_id.as_ref()?)?;
        if who == &c.id || c.last_interaction.is_some_and(|own| own >= *day) {
            return None;
        }
        Some((self.contact(who)?.name.clone(), *day))
    }

    /// `ids` and everyone who lives with any of them: whose check-in state
    /// a write to `ids` can change when their household shares check-ins.
    /// Asked before a batch is applied and after (someone leaving changes
    /// the household they left), so [`crate::checkin::ReachOut::refresh`]
    /// moves everyone the write reached. Costs one pass over the people
    /// only when one of `ids` lives in a household.
    pub fn with_household_mates(&self, ids: &[ContactId]) -> Vec<ContactId> {
        let mut out = ids.to_vec();
        let homes: Vec<&OrganisationId> = ids
            .iter()
            .filter_map(|id| self.any_contact(id)?.household_id.as_ref())
            .collect();
        if homes.is_empty() {
            return out;
        }
        for c in self.all_contacts() {
            if c.household_id.as_ref().is_some_and(|h| homes.contains(&h)) && !out.contains(&c.id) {
                out.push(c.id.clone());
            }
        }
        out
    }

    /// Says `id` and `other` live together: `other` joins the household of
    /// `id`; when `id` has none, `id` joins that of `other`; when neither
    /// has one, a new household holds both. See the module docs.
    pub fn add_to_household(
        &self,
        id: &ContactId,
        other: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let me = self.contact(id).ok_or(ValidationError::NotFound)?;
        if id == other {
            return Err(ValidationError::invalid(
                Field::HouseholdMember,
                "Choose someone other than this person.",
            ));
        }
        let them = self.contact(other).ok_or_else(|| {
            ValidationError::invalid(Field::HouseholdMember, "Choose a person from the list.")
        })?;
        let mut batch = Batch::default();
        let (joining, home, left) = match (self.household_of(me), self.household_of(them)) {
            (Some(h), Some(g)) if h.id == g.id => {
                return Err(ValidationError::invalid(
                    Field::HouseholdMember,
                    format!("{} already lives with {}.", them.name, me.name),
                ));
            }
            (Some(h), old) => (them, h.id.clone(), old.map(|o| o.id.clone())),
            (None, Some(g)) => (me, g.id.clone(), None),
            (None, None) => {
                let mut h = Organisation::new(
                    OrganisationId::from_random((ctx.random)()),
                    &default_name(me, them),
                    ctx.now,
                );
                h.kind = OrganisationKind::Household;
                h.address = home_address(me)
                    .or_else(|| home_address(them))
                    .unwrap_or_default();
                let id = h.id.clone();
                batch.organisations.push(h);
                let mut me = me.clone();
                me.household_id = Some(id.clone());
                me.updated = ctx.now;
                batch.contacts.push(me);
                (them, id, None)
            }
        };
        let mut joining = joining.clone();
        joining.household_id = Some(home);
        joining.updated = ctx.now;
        batch.contacts.push(joining);
        // Who moved may leave one person behind in their old household.
        self.end_households_below_two(left.as_slice(), &mut batch, false, ctx);
        Ok(batch)
    }

    /// Takes `id` out of their household (see the module docs).
    pub fn leave_household(
        &self,
        id: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut me = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        let home = me.household_id.take();
        me.updated = ctx.now;
        let mut batch = Batch {
            contacts: vec![me],
            ..Batch::default()
        };
        self.end_households_below_two(home.as_slice(), &mut batch, false, ctx);
        Ok(batch)
    }

    /// Ends each of `homes` that fewer than two live people would live in
    /// once `batch` is written (the batch's version of a person counts
    /// over the directory's): the household becomes a tombstone and the
    /// one left, if any, leaves it. Every write that takes people out of a
    /// household asks it: moving out, moving to another household, a
    /// merge (the record merged away) and the trash's purge. `forget` also blanks the name and address, as
    /// the purge leaves nothing personal behind.
    pub(crate) fn end_households_below_two(
        &self,
        homes: &[OrganisationId],
        batch: &mut Batch,
        forget: bool,
        ctx: &Ctx<'_>,
    ) {
        for home in homes {
            let Some(h) = self.household(home) else {
                continue;
            };
            if batch.organisations.iter().any(|o| &o.id == home) {
                continue;
            }
            // Everyone as they will be: the batch's records, then the
            // directory's of everyone else (a merged record may have just
            // moved in).
            let written: std::collections::HashSet<&ContactId> =
                batch.contacts.iter().map(|c| &c.id).collect();
            let staying: Vec<Contact> = batch
                .contacts
                .iter()
                .chain(self.all_contacts().filter(|c| !written.contains(&c.id)))
                .filter(|c| c.is_live() && c.household_id.as_ref() == Some(home))
                .cloned()
                .collect();
            if staying.len() >= 2 {
                continue;
            }
            let mut gone = h.clone();
            gone.deleted = Some(ctx.now);
            gone.updated = ctx.now;
            if forget {
                gone.name.clear();
                gone.address.clear();
            }
            batch.organisations.push(gone);
            for mut c in staying {
                c.household_id = None;
                c.updated = ctx.now;
                match batch.contacts.iter_mut().find(|b| b.id == c.id) {
                    Some(there) => *there = c,
                    None => batch.contacts.push(c),
                }
            }
        }
    }

    /// Renames a household and sets its shared address.
    pub fn save_household(
        &self,
        id: &OrganisationId,
        input: &HouseholdInput,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let name = one_line(&input.name);
        if name.is_empty() {
            return Err(ValidationError::invalid(
                Field::HouseholdName,
                "Please give the household a name.",
            ));
        }
        check_len(Field::HouseholdName, "name", &name, MAX_NAME)?;
        let address = input.address.trim().replace("\r\n", "\n");
        check_len(Field::HouseholdAddress, "address", &address, MAX_LINE)?;
        self.change_household(id, ctx, |h| {
            h.name = name;
            h.address = address;
        })
    }

    /// Whether a check-in with one member counts for every member.
    pub fn set_household_sharing(
        &self,
        id: &OrganisationId,
        shared: bool,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.change_household(id, ctx, |h| h.shared_check_ins = shared)
    }

    fn change_household(
        &self,
        id: &OrganisationId,
        ctx: &Ctx<'_>,
        change: impl FnOnce(&mut Organisation),
    ) -> Result<Batch, ValidationError> {
        let mut h = self.household(id).cloned().ok_or_else(|| {
            ValidationError::invalid(
                Field::HouseholdName,
                "This household no longer exists; it may have been changed in another tab.",
            )
        })?;
        change(&mut h);
        h.updated = ctx.now;
        Ok(Batch {
            organisations: vec![h],
            ..Batch::default()
        })
    }
}

/// A new household's name: the family name both share ("Cruz household"),
/// else both first names ("Ana & Bo").
fn default_name(a: &Contact, b: &Contact) -> String {
    let family = |c: &Contact| {
        let f = c.family_name.trim();
        if f.is_empty() {
            c.name
                .split_whitespace()
                .skip(1)
                .last()
                .unwrap_or("")
                .to_owned()
        } else {
            f.to_owned()
        }
    };
    let shared = family(a);
    let name = if !shared.is_empty()
        && crate::search::normalise(&shared) == crate::search::normalise(&family(b))
    {
        format!("{shared} household")
    } else {
        format!("{} & {}", a.first_name(), b.first_name())
    };
    // Within the rule every backup checks, however long the names.
    name.chars().take(MAX_NAME).collect()
}

/// A person's first address labelled home (or their only address).
fn home_address(c: &Contact) -> Option<String> {
    let home = c
        .addresses
        .iter()
        .find(|a| a.label.trim().eq_ignore_ascii_case("home"))
        .or(if c.addresses.len() == 1 {
            c.addresses.first()
        } else {
            None
        })?;
    let value = home.value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The household's shared dates among its members' dates: live
/// anniversaries of the members themselves (not of a family member), one
/// per day of the year (a date kept on two members shows once), in calendar
/// order.
pub fn shared_dates<'a>(
    dates: impl IntoIterator<Item = &'a ImportantDate>,
) -> Vec<&'a ImportantDate> {
    let mut shared: Vec<&ImportantDate> = dates
        .into_iter()
        .filter(|d| d.deleted.is_none() && d.family_member.is_none())
        .filter(|d| d.kind == DateKind::Anniversary)
        .collect();
    crate::sort::sort_by(&mut shared, |a, b| {
        (a.month, a.day, a.year, &a.id).cmp(&(b.month, b.day, b.year, &b.id))
    });
    shared.dedup_by(|b, a| (a.month, a.day) == (b.month, b.day));
    shared
}

#[cfg(test)]
mod tests;
