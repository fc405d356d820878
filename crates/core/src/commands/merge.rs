//! Merging two records of the same person. The user picks, field by field,
//! where the two disagree; lists (emails, phones, roles, tags, details,
//! family...) are united, notes are joined, and the other record becomes a
//! tombstone that points at the kept one. Nothing is lost: the other name
//! is kept as a detail, and interactions, dates and links move over.

use super::{Ctx, Field, ValidationError};
use crate::cadence::Cadence;
use crate::dates::ImportantDate;
use crate::directory::Directory;
use crate::ids::{ContactId, DetailId};
use crate::model::{Batch, Contact, Detail, Interaction, Labeled, Photo};
use crate::search::normalise;

/// Telling the two records apart in words.
mod apart;
pub use apart::Told;

/// Which record a field's value comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MergePick {
    #[default]
    Keep,
    Other,
}

/// The fields a user chooses between, by key, with their labels.
pub const MERGE_FIELDS: [(&str, &str); 7] = [
    ("name", "Name"),
    ("given_name", "Given name"),
    ("family_name", "Family name"),
    ("nickname", "Nickname"),
    ("pronunciation", "Pronunciation"),
    ("how_we_met", "How we met"),
    ("cadence", "Check-in timer"),
];

/// What the other record has in storage beyond the directory: its whole
/// interaction history, its dates and its photo. The caller reads them.
#[derive(Clone, Copy, Debug, Default)]
pub struct OtherRecords<'a> {
    pub interactions: &'a [Interaction],
    pub dates: &'a [ImportantDate],
    pub photo: Option<&'a Photo>,
}

/// The user's picks; fields not mentioned keep the kept record's value.
/// A short list (one entry per field of the merge screen), not a map: a
/// B-tree map compiled its own code into the wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeChoices(pub Vec<(String, MergePick)>);

impl MergeChoices {
    pub fn pick(&self, field: &str) -> MergePick {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, p)| *p)
            .unwrap_or_default()
    }

    /// Picks `pick` for `field`, replacing an earlier pick.
    pub fn set(&mut self, field: &str, pick: MergePick) {
        match self.0.iter_mut().find(|(f, _)| f == field) {
            Some(slot) => slot.1 = pick,
            None => self.0.push((field.to_owned(), pick)),
        }
    }
}

fn scalar(c: &Contact, field: &str) -> String {
    match field {
        "name" => c.name.clone(),
        "given_name" => c.given_name.clone(),
        "family_name" => c.family_name.clone(),
        "nickname" => c.nickname.clone(),
        "pronunciation" => c.pronunciation.clone(),
        "how_we_met" => c.how_we_met.clone(),
        "cadence" if c.cadence == Cadence::None => String::new(),
        "cadence" => c.cadence.describe(),
        _ => String::new(),
    }
}

fn take_scalar(into: &mut Contact, from: &Contact, field: &str) {
    match field {
        "name" => into.name = from.name.clone(),
        "given_name" => into.given_name = from.given_name.clone(),
        "family_name" => into.family_name = from.family_name.clone(),
        "nickname" => into.nickname = from.nickname.clone(),
        "pronunciation" => into.pronunciation = from.pronunciation.clone(),
        "how_we_met" => into.how_we_met = from.how_we_met.clone(),
        "cadence" => into.cadence = from.cadence,
        _ => {}
    }
}

fn unite<T: Clone>(into: &mut Vec<T>, from: &[T], key: impl Fn(&T) -> String) {
    for item in from {
        let k = key(item);
        if !into.iter().any(|seen| key(seen) == k) {
            into.push(item.clone());
        }
    }
}

fn labeled_key(l: &Labeled) -> String {
    normalise(&l.value).replace([' ', '-', '(', ')', '.'], "")
}

impl Directory {
    /// The fields where both records have a value and the values differ:
    /// `(key, label, kept value, other value)`.
    pub fn merge_conflicts(
        &self,
        keep: &ContactId,
        other: &ContactId,
    ) -> Vec<(&'static str, &'static str, String, String)> {
        let (Some(a), Some(b)) = (self.contact(keep), self.contact(other)) else {
            return Vec::new();
        };
        MERGE_FIELDS
            .iter()
            .filter_map(|&(key, label)| {
                let (x, y) = (scalar(a, key), scalar(b, key));
                (!x.is_empty() && !y.is_empty() && x != y).then_some((key, label, x, y))
            })
            .collect()
    }

    /// Merges `other` into `keep`. The other's stored records move to the
    /// kept person (its photo only if the kept person has none).
    pub fn merge_contacts(
        &self,
        keep: &ContactId,
        other: &ContactId,
        choices: &MergeChoices,
        stored: OtherRecords<'_>,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if keep == other {
            return Err(ValidationError::invalid(
                Field::MergePair,
                "Choose two different people to merge.",
            ));
        }
        let a = self.contact(keep).ok_or(ValidationError::NotFound)?;
        let b = self.contact(other).ok_or(ValidationError::NotFound)?;
        let mut merged = a.clone();
        for (key, _) in MERGE_FIELDS {
            let (x, y) = (scalar(a, key), scalar(b, key));
            if y.is_empty() {
                continue;
            }
            if x.is_empty() || choices.pick(key) == MergePick::Other {
                take_scalar(&mut merged, b, key);
            }
        }
        unite(&mut merged.emails, &b.emails, labeled_key);
        unite(&mut merged.phones, &b.phones, |p| {
            p.value.chars().filter(char::is_ascii_digit).collect()
        });
        unite(&mut merged.addresses, &b.addresses, labeled_key);
        unite(&mut merged.links, &b.links, labeled_key);
        unite(&mut merged.uids, &b.uids, |u| u.clone());
        unite(&mut merged.custom_fields, &b.custom_fields, |f| {
            format!("{}={}", normalise(&f.label), normalise(&f.value))
        });
        unite(&mut merged.roles, &b.roles, |r| {
            format!("{}|{}", r.organisation_id, normalise(&r.title))
        });
        unite(&mut merged.interests, &b.interests, |s| normalise(s));
        unite(&mut merged.tags, &b.tags, |s| normalise(s));
        unite(&mut merged.details, &b.details, |d| d.id.to_string());
        unite(&mut merged.family, &b.family, |m| m.id.to_string());
        unite(&mut merged.relations, &b.relations, |r| {
            format!("{}|{}", r.kind.key(), r.other)
        });
        merged
            .relations
            .retain(|r| &r.other != keep && &r.other != other);
        // Told apart from anyone either was told apart from.
        unite(&mut merged.distinct_from, &b.distinct_from, |c| {
            c.to_string()
        });
        merged.distinct_from.retain(|c| c != keep && c != other);
        match (a.notes.trim().is_empty(), b.notes.trim().is_empty()) {
            (_, true) => {}
            (true, false) => merged.notes = b.notes.clone(),
            (false, false) if a.notes != b.notes => {
                merged.notes = format!("{}\n\n{}", a.notes, b.notes);
            }
            _ => {}
        }
        // The name not chosen stays findable.
        for old in [&a.name, &b.name] {
            if &merged.name != old {
                merged.details.push(Detail {
                    id: DetailId::from_random((ctx.random)()),
                    date: ctx.today,
                    text: format!("Merged with the record “{old}”."),
                    pinned: false,
                });
            }
        }
        merged.last_interaction = a.last_interaction.max(b.last_interaction);
        // Living somewhere stays true of the merged person.
        merged.household_id = [a, b]
            .into_iter()
            .find_map(|c| self.household_of(c))
            .map(|h| h.id.clone());
        // Waiting for a reply if the newest of both records is theirs.
        merged.awaiting_reply = a
            .awaiting_reply
            .max(b.awaiting_reply)
            .filter(|d| Some(*d) >= merged.last_interaction);
        merged.created = a.created.min(b.created);
        merged.normalise();
        merged.updated = ctx.now;

        let mut gone = b.clone();
        gone.deleted = Some(ctx.now);
        gone.merged_into = Some(keep.clone());
        gone.updated = ctx.now;

        let mut batch = Batch::default();
        if let (None, Some(photo)) = (a.photo, stored.photo) {
            merged.photo = Some(ctx.now);
            batch.photos.push(Photo {
                contact_id: keep.clone(),
                ..photo.clone()
            });
        }
        if stored.photo.is_some() {
            batch.photos_removed.push(other.clone());
        }
        batch.contacts = vec![merged, gone];
        // Links held by third people now point at the kept record.
        for c in self
            .all_contacts()
            .filter(|c| c.is_live() && &c.id != keep && &c.id != other)
        {
            if c.relations.iter().any(|r| &r.other == other) {
                let mut c = c.clone();
                for r in &mut c.relations {
                    if &r.other == other {
                        r.other = keep.clone();
                    }
                }
                c.updated = ctx.now;
                batch.contacts.push(c);
            }
        }
        for i in stored.interactions {
            let mut i = i.clone();
            for id in &mut i.contact_ids {
                if id == other {
                    *id = keep.clone();
                }
            }
            let mut seen = Vec::new();
            i.contact_ids.retain(|id| {
                let first = !seen.contains(id);
                seen.push(id.clone());
                first
            });
            i.updated = ctx.now;
            batch.interactions.push(i);
        }
        for d in stored.dates {
            let mut d = d.clone();
            d.contact_id = keep.clone();
            d.updated = ctx.now;
            batch.dates.push(d);
        }
        // The record merged away no longer lives anywhere: a household it
        // leaves with fewer than two people ends (crate::household).
        let homes: Vec<_> = [a, b]
            .into_iter()
            .filter_map(|c| self.household_of(c).map(|h| h.id.clone()))
            .collect();
        self.end_households_below_two(&homes, &mut batch, false, ctx);
        Ok(batch)
    }
}

#[cfg(test)]
mod tests;
