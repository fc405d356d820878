//! Finding anything in years of notes: a word index over every
//! interaction's notes and every follow-up's text, and the snippet that
//! shows a hit with its matching words marked.
//!
//! - **Words.** Text is folded as [`crate::search::normalise`] folds it
//!   (case and Latin accents ignored) and cut at every character that is
//!   not a letter or digit, so "Lily's violin" holds `lily`, `s`, `violin`.
//! - **Matching.** Each word of the query matches any indexed word it
//!   begins (prefix matching, so a search answers while it is typed), and
//!   every word of the query must match, in any order.
//! - **Order.** Hits come newest day first; on the same day, the one
//!   written last first.
//! - **Kept up to date.** [`NoteIndex::apply`] takes a write's batch: a
//!   record written again replaces its earlier version, a deleted one
//!   leaves. A replaced or deleted version's entries stay behind, marked
//!   dead, until the index is built again (the next visit), so a write
//!   costs its own words and one pass over the record list, never a
//!   rebuild.
//!
//! Memory is what a hit needs: the record's id and day per record, and per
//! distinct word the list of records holding it. The text itself is not
//! kept; the edge reads the few records it shows.

use crate::model::{Batch, Interaction, Task};
use crate::search::normalise;
use crate::{InteractionId, TaskId};
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// What a hit points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Interaction(InteractionId),
    Task(TaskId),
}

/// One hit: where it is and its day (an interaction's day, a follow-up's
/// due day).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub source: Source,
    pub date: NaiveDate,
}

/// The newest hits of a query and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

struct Doc {
    source: Source,
    date: NaiveDate,
    live: bool,
}

/// The word index. Records are numbered in the order they were added; a
/// word's list holds the numbers of the records it occurs in, ascending.
/// Words are found by a map (adding) and by an order kept sorted by word
/// (prefixes), sorted again only when a search follows new words.
#[derive(Default)]
pub struct NoteIndex {
    docs: Vec<Doc>,
    /// Each word and the records it occurs in.
    lists: Vec<(String, Vec<u32>)>,
    /// Word -> its place in `lists`.
    places: HashMap<String, usize>,
    /// Places in `lists`, by word; `sorted` says whether it is up to date.
    by_word: Vec<usize>,
    sorted: bool,
    /// The number of each record's current version, by a hash of its id:
    /// a tenth of the memory of a map keyed by the ids themselves. Two ids
    /// with the same hash are told apart by the record list.
    current: HashMap<u64, u32>,
    live: usize,
}

impl NoteIndex {
    /// Records that can be found (each live interaction with notes and each
    /// live follow-up).
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Adds an interaction's notes, or replaces its earlier version.
    pub fn add_interaction(&mut self, i: &Interaction) {
        let source = Source::Interaction(i.id.clone());
        self.put(source, i.date, &i.notes, i.deleted.is_none());
    }

    /// Adds a follow-up's text (open or done), or replaces its earlier
    /// version.
    pub fn add_task(&mut self, t: &Task) {
        let source = Source::Task(t.id.clone());
        self.put(source, t.due, &t.text, t.deleted.is_none());
    }

    /// Takes in what a write stored: its interactions and follow-ups.
    pub fn apply(&mut self, batch: &Batch) {
        for i in &batch.interactions {
            self.add_interaction(i);
        }
        for t in &batch.tasks {
            self.add_task(t);
        }
    }

    fn put(&mut self, source: Source, date: NaiveDate, text: &str, live: bool) {
        // The earlier version, if any, leaves.
        let key = hash(&source);
        let earlier = match self.current.get(&key) {
            Some(&n) if self.docs[n as usize].source == source => Some(n as usize),
            // Another id with the same hash: look through the list.
            Some(_) => self.docs.iter().rposition(|d| d.live && d.source == source),
            None => None,
        };
        if let Some(old) = earlier.map(|n| &mut self.docs[n]).filter(|d| d.live) {
            old.live = false;
            self.live -= 1;
        }
        let folded = normalise(text);
        if !live || terms(&folded).next().is_none() {
            return;
        }
        let n = self.docs.len() as u32;
        self.current.insert(key, n);
        self.docs.push(Doc { source, date, live });
        self.live += 1;
        for word in terms(&folded) {
            let place = match self.places.get(word) {
                Some(&place) => place,
                None => {
                    let place = self.lists.len();
                    self.places.insert(word.to_owned(), place);
                    self.lists.push((word.to_owned(), Vec::new()));
                    self.by_word.push(place);
                    self.sorted = false;
                    place
                }
            };
            let list = &mut self.lists[place].1;
            // A word twice in one text is listed once: this record is the
            // newest, so it can only be the list's last entry.
            if list.last() != Some(&n) {
                list.push(n);
            }
        }
    }

    /// The newest `limit` records holding every word of `query` (each as
    /// the start of one of their words), and how many hold them all.
    pub fn find(&mut self, query: &str, limit: usize) -> Found {
        if !self.sorted {
            let lists = &self.lists;
            crate::sort::sort_by(&mut self.by_word, |a, b| lists[*a].0.cmp(&lists[*b].0));
            self.sorted = true;
        }
        let folded = normalise(query);
        let mut wanted: Option<Vec<u64>> = None;
        for word in terms(&folded) {
            let mut has = vec![0u64; self.docs.len().div_ceil(64)];
            let first = self
                .by_word
                .partition_point(|&p| self.lists[p].0.as_str() < word);
            for (_, list) in self.by_word[first..]
                .iter()
                .map(|&p| &self.lists[p])
                .take_while(|(w, _)| w.starts_with(word))
            {
                for &n in list {
                    has[n as usize / 64] |= 1 << (n % 64);
                }
            }
            wanted = Some(match wanted {
                None => has,
                Some(mut all) => {
                    all.iter_mut().zip(&has).for_each(|(a, h)| *a &= h);
                    all
                }
            });
        }
        let Some(wanted) = wanted else {
            return Found::default();
        };
        // The newest `limit`, kept in a heap whose top is the oldest kept.
        let mut newest = BinaryHeap::new();
        let mut total = 0;
        for (block, &bits) in wanted.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let n = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let doc = &self.docs[n];
                if !doc.live {
                    continue;
                }
                total += 1;
                newest.push(Reverse((doc.date, n)));
                if newest.len() > limit {
                    newest.pop();
                }
            }
        }
        let hits = newest
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse((date, n))| Hit {
                source: self.docs[n].source.clone(),
                date,
            })
            .collect();
        Found { hits, total }
    }
}

/// FNV-1a of the kind and id: fixed, so the same on every run.
fn hash(source: &Source) -> u64 {
    let (kind, id) = match source {
        Source::Interaction(id) => (b'i', id.as_str()),
        Source::Task(id) => (b't', id.as_str()),
    };
    [kind]
        .iter()
        .chain(id.as_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        })
}

/// The words of folded text.
fn terms(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A piece of a snippet: text, and whether it is a word the query matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

/// A snippet as HTML, each matching word in a `<mark>`. The text is the
/// user's or an imported file's, so every character that means something
/// in HTML is escaped: what a note says is shown, never run.
pub fn html(pieces: &[Piece]) -> String {
    let mut html = String::new();
    for piece in pieces {
        if piece.hit {
            html.push_str("<mark>");
        }
        crate::format::push_escaped(&mut html, &piece.text);
        if piece.hit {
            html.push_str("</mark>");
        }
    }
    html
}

/// About `width` characters of `text` around its first word that `query`
/// matches, cut at spaces, with "…" where text was left out, in pieces
/// that say which words matched (to be marked). White space runs read as
/// one space, so a note's line breaks do not break the snippet.
pub fn snippet(text: &str, query: &str, width: usize) -> Vec<Piece> {
    let folded = normalise(query);
    let wanted: Vec<&str> = terms(&folded).collect();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Each word of the text: its byte span, and whether the query matches
    // it.
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in flat.char_indices().chain([(flat.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                let word = normalise(&flat[from..at]);
                let hit = wanted.iter().any(|w| {
                    terms(&word)
                        .next()
                        .is_some_and(|folded| folded.starts_with(w))
                });
                words.push((from, at, hit));
                start = None;
            }
            _ => {}
        }
    }
    let first = words.iter().find(|w| w.2).map_or(0, |w| w.0);
    // Start a third of the width before the first hit, at a space.
    let chars_before = flat[..first].chars().count();
    let from = if chars_before <= width / 3 {
        0
    } else {
        let back = flat[..first]
            .char_indices()
            .rev()
            .nth(width / 3)
            .map_or(0, |(at, _)| at);
        flat[back..first].find(' ').map_or(back, |s| back + s + 1)
    };
    let to = match flat[from..].char_indices().nth(width) {
        None => flat.len(),
        Some((at, _)) => {
            let cut = from + at;
            flat[first.max(from)..cut]
                .rfind(' ')
                .map_or(cut, |s| first.max(from) + s)
        }
    };
    let mut pieces = Vec::new();
    let mut push = |text: &str, hit: bool| {
        if text.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(Piece { text: last, hit: h }) if *h == hit => last.push_str(text),
            _ => pieces.push(Piece {
                text: text.to_owned(),
                hit,
            }),
        }
    };
    if from > 0 {
        push("…", false);
    }
    let mut at = from;
    for &(s, e, hit) in words.iter().filter(|w| w.2 && w.0 >= from && w.1 <= to) {
        push(&flat[at..s], false);
        push(&flat[s..e], hit);
        at = e;
    }
    push(&flat[at..to], false);
    if to < flat.len() {
        push("…", false);
    }
    pieces
}

#[cfg(test)]
mod tests;
