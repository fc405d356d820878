//! Contacts from other tools: vCard and CSV files read into
//! [`ImportedPerson`]s, then matched against the people already in Kith
//! (vCard `UID`, then email, then phone) and planned as one batch: new
//! people, and new details added to the people who are already here.
//! Importing the same file twice changes nothing the second time.

pub mod csv;
mod detect;
mod plan;
pub mod text;
pub mod vcard;

pub use detect::{detect, Format};
pub(crate) use plan::{email_key, name_words, phone_key, same_person_names};
pub use plan::{Action, ImportPlan, Matched};

use crate::dates::DateKind;
use crate::model::Labeled;
use std::collections::HashSet;

/// One person as another tool described them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedPerson {
    pub uid: String,
    pub name: String,
    pub given_name: String,
    pub family_name: String,
    pub nickname: String,
    pub pronunciation: String,
    pub organisation: String,
    pub title: String,
    pub emails: Vec<Labeled>,
    pub phones: Vec<Labeled>,
    pub addresses: Vec<Labeled>,
    pub links: Vec<Labeled>,
    pub custom_fields: Vec<Labeled>,
    pub notes: String,
    pub how_we_met: String,
    pub tags: Vec<String>,
    pub dates: Vec<ImportedDate>,
    /// (name, relation) of family members.
    pub family: Vec<(String, String)>,
    /// An embedded picture: (mime, bytes), not yet downscaled.
    pub photo: Option<(String, Vec<u8>)>,
    /// The file linked a photo on another site; Kith never fetches it.
    pub linked_photo: bool,
    /// More uids, from other records of the same person in the file.
    pub other_uids: Vec<String>,
    /// The name was made from an organisation, email or phone because the
    /// file gave none: such a record matches by email or phone alone.
    pub unnamed: bool,
    /// What the record held that is not imported, each in words ("its
    /// birthday 2023-02-29 is not a real date"); the preview lists them.
    pub dropped: Vec<String>,
    /// The card or row number in the file (1-based), for the preview.
    pub position: usize,
}

/// A yearly date of an imported person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedDate {
    pub kind: DateKind,
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
}

/// Tidies `s` to one line; cuts it to `max` characters, saying whether it did.
fn one_line(s: &mut String, max: usize) -> bool {
    *s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(max) {
        Some((at, _)) => {
            s.truncate(at);
            true
        }
        None => false,
    }
}

/// A record of the file that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based: the card or row number in the file.
    pub position: usize,
    pub reason: String,
}

impl ImportedPerson {
    /// Fills the name from what there is when the file gave none, trims
    /// every field to Kith's limits and drops repeated values (in one pass:
    /// a card with thousands of EMAIL lines reads in linear time); `None`
    /// when nothing names the person.
    pub(crate) fn finish(mut self) -> Option<ImportedPerson> {
        use crate::commands::{MAX_LINE, MAX_NAME, MAX_TAG};
        if self.name.trim().is_empty() {
            self.unnamed = self.given_name.trim().is_empty() && self.family_name.trim().is_empty();
            let parts: Vec<&str> = [self.given_name.as_str(), self.family_name.as_str()]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect();
            self.name = if !parts.is_empty() {
                parts.join(" ")
            } else if !self.organisation.is_empty() {
                self.organisation.clone()
            } else if let Some(e) = self.emails.first() {
                e.value.clone()
            } else if let Some(p) = self.phones.first() {
                p.value.clone()
            } else {
                return None;
            };
        }
        let mut cut = false;
        for (s, max) in [
            (&mut self.name, MAX_NAME),
            (&mut self.given_name, MAX_NAME),
            (&mut self.family_name, MAX_NAME),
            (&mut self.nickname, MAX_NAME),
            (&mut self.pronunciation, MAX_NAME),
            (&mut self.organisation, MAX_NAME),
            (&mut self.title, MAX_NAME),
            (&mut self.how_we_met, MAX_LINE),
        ] {
            cut |= one_line(s, max);
        }
        self.cut_notes();
        for list in [
            &mut self.emails,
            &mut self.phones,
            &mut self.addresses,
            &mut self.links,
            &mut self.custom_fields,
        ] {
            for l in list.iter_mut() {
                cut |= one_line(&mut l.value, MAX_LINE);
                cut |= one_line(&mut l.label, MAX_TAG);
            }
            let mut seen = HashSet::new();
            list.retain(|l| !l.value.is_empty() && seen.insert(l.value.to_lowercase()));
        }
        for t in &mut self.tags {
            cut |= one_line(t, MAX_TAG);
        }
        let mut seen = HashSet::new();
        self.tags
            .retain(|t| !t.is_empty() && seen.insert(crate::search::normalise(t)));
        for (name, relation) in &mut self.family {
            cut |= one_line(name, MAX_NAME);
            cut |= one_line(relation, MAX_NAME);
        }
        if cut {
            self.dropped.push(format!(
                "values longer than Kith keeps were cut short (names {MAX_NAME} characters, lines {MAX_LINE}, labels and tags {MAX_TAG})"
            ));
        }
        Some(self)
    }

    /// Notes past Kith's limit are cut, and the cut is said.
    pub(crate) fn cut_notes(&mut self) {
        let max = crate::commands::MAX_NOTES;
        if let Some((at, _)) = self.notes.char_indices().nth(max) {
            let past = self.notes[at..].chars().count();
            self.notes.truncate(at);
            self.dropped.push(format!(
                "the last {past} characters of its notes (Kith keeps {max})"
            ));
        }
    }
}

#[cfg(test)]
mod tests;
