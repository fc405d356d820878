//! "Possible duplicates": pairs of live people who may be one person, found
//! by the same rules an import matches by (`import::plan`): names that can
//! be one person's ("Ana K." and "Ana Kruse", "Cruz, Ana" and "Ana Cruz"),
//! emails, and phones by their last ten digits. Each pair is scored and
//! explained ("same email, similar name"); the user merges it on the merge
//! screen or says they are two people, which is kept
//! ([`Contact::distinct_from`]) so the pair never comes back.
//!
//! Invariants: only pairs whose names can be one person's are offered (a
//! switchboard number or a shared family email never makes two people one);
//! candidates come from blocks (a whole name word with the name's
//! initials, an email, a phone), never from all pairs, and a block shared
//! by more than [`BLOCK`] people says nothing and is skipped, so the work is
//! linear in the number of people.

use crate::commands::{Ctx, ValidationError};
use crate::contact::Contact;
use crate::directory::Directory;
use crate::ids::ContactId;
use crate::import::{email_key, name_words, phone_key, same_person_names};
use crate::model::Batch;
use std::collections::HashMap;

/// A block with more people than this (a common first name with common
/// initials, a switchboard) is skipped.
pub const BLOCK: usize = 24;

/// Two people who may be one, most likely first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub a: ContactId,
    pub b: ContactId,
    /// Higher is likelier: 3 for the same name (1 for a similar one), 3
    /// for a shared email, 2 for a shared phone.
    pub score: u8,
    /// "same email, similar name".
    pub why: String,
}

/// What one person is compared by.
struct Keys {
    words: Vec<String>,
    emails: Vec<String>,
    phones: Vec<String>,
}

impl Keys {
    fn of(c: &Contact) -> Keys {
        let mut words = name_words(&c.name);
        // The app's one compiled sort (crate::sort), not another copy.
        crate::sort::sort(&mut words);
        Keys {
            words,
            emails: c.emails.iter().map(|e| email_key(&e.value)).collect(),
            phones: c
                .phones
                .iter()
                .filter_map(|p| phone_key(&p.value))
                .collect(),
        }
    }

    /// The blocks this person is in: each whole name word of two letters
    /// or more with the name's initials ("ana|ak"), each email, each phone.
    fn blocks(&self) -> impl Iterator<Item = String> + '_ {
        // The words are sorted, so their initials are in a stable order.
        let initials: String = self.words.iter().filter_map(|w| w.chars().next()).collect();
        let names = self
            .words
            .iter()
            .filter(|w| w.chars().nth(1).is_some())
            .map(move |w| format!("n{w}|{initials}"));
        let emails = self.emails.iter().map(|e| format!("e{e}"));
        let phones = self.phones.iter().map(|p| format!("p{p}"));
        names.chain(emails).chain(phones)
    }
}

impl Directory {
    /// Every pair of live people who may be one person and have not been
    /// told apart, likeliest first (then by name).
    pub fn duplicates(&self) -> Vec<Candidate> {
        let people: Vec<&Contact> = self
            .all_contacts()
            .filter(|c| c.is_live() && c.merged_into.is_none())
            .collect();
        let keys: Vec<Keys> = people.iter().map(|c| Keys::of(c)).collect();
        let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            for b in k.blocks() {
                let members = blocks.entry(b).or_default();
                // One more than the limit marks the block as too common.
                if members.len() <= BLOCK && members.last() != Some(&i) {
                    members.push(i);
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for members in blocks.values().filter(|m| m.len() <= BLOCK) {
            for (n, &i) in members.iter().enumerate() {
                pairs.extend(members[n + 1..].iter().map(|&j| (i, j)));
            }
        }
        crate::sort::sort(&mut pairs);
        pairs.dedup();
        let mut out: Vec<Candidate> = pairs
            .into_iter()
            .filter_map(|(i, j)| {
                let (a, b) = (people[i], people[j]);
                if a.distinct_from.contains(&b.id) || b.distinct_from.contains(&a.id) {
                    return None;
                }
                compare(&keys[i], &keys[j]).map(|(score, why)| Candidate {
                    a: a.id.clone(),
                    b: b.id.clone(),
                    score,
                    why,
                })
            })
            .collect();
        let name = |id: &ContactId| self.contact(id).map(|c| c.name.as_str()).unwrap_or("");
        crate::sort::sort_by(&mut out, |x, y| {
            y.score
                .cmp(&x.score)
                .then_with(|| name(&x.a).cmp(name(&y.a)))
                .then_with(|| x.a.cmp(&y.a))
                .then_with(|| x.b.cmp(&y.b))
        });
        out
    }
}

impl Directory {
    /// "Not the same person": the pair is never offered again. Kept on
    /// `a`'s record.
    pub fn not_duplicates(
        &self,
        a: &ContactId,
        b: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut c = self.contact(a).cloned().ok_or(ValidationError::NotFound)?;
        self.contact(b).ok_or(ValidationError::NotFound)?;
        if !c.distinct_from.contains(b) {
            c.distinct_from.push(b.clone());
        }
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }
}

/// The score and the reasons, when two people's names can be one person's.
fn compare(a: &Keys, b: &Keys) -> Option<(u8, String)> {
    if !same_person_names(&a.words, &b.words) {
        return None;
    }
    let mut score = 0;
    let mut why = Vec::new();
    if a.emails.iter().any(|e| b.emails.contains(e)) {
        score += 3;
        why.push("same email");
    }
    if a.phones.iter().any(|p| b.phones.contains(p)) {
        score += 2;
        why.push("same phone");
    }
    if a.words == b.words {
        score += 3;
        why.push("same name");
    } else {
        score += 1;
        why.push("similar name");
    }
    Some((score, why.join(", ")))
}

#[cfg(test)]
mod tests;
