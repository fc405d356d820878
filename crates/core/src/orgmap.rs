//! A picture of an organisation: its current people as a small map, drawn
//! as SVG by Kith itself.
//!
//! The map is a tree by "reports to" (each person under the first manager
//! they report to among the organisation's people), read top to bottom, so
//! it stays legible at 360 px however many levels there are; "works with"
//! links are arcs down the right edge. Each person is a dot coloured by how
//! warm the relationship is ([`Health`]), with a ring when a check-in is
//! overdue, their name, and their role and last touch in words.
//!
//! For a screen reader the SVG is a list: one item per person, named with
//! everything the picture shows (role, warmth, last touch, overdue, whom
//! they report to and work with). Every name and role is the user's or an
//! imported file's, so all text is escaped.

use crate::contact::RelationKind;
use crate::format::{day_ago, last_in_touch, push_escaped};
use crate::ids::ContactId;
use crate::temperature::Health;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt::Write;

/// The most people drawn: past that a map stops being a picture. The rest
/// are in the list of people beneath it, and the map says how many.
pub const MOST: usize = 40;

/// One person as the map shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub id: ContactId,
    pub name: String,
    pub initials: String,
    /// Their role at the organisation in words ("CFO"); may be empty.
    pub role: String,
    /// How warm the relationship is; `None` when there is nothing to go on.
    pub health: Option<Health>,
    /// The day of their latest interaction.
    pub last: Option<NaiveDate>,
    /// A check-in with them is overdue.
    pub overdue: bool,
}

/// A person's place on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// Which of [`Map::people`] this is.
    pub person: usize,
    /// Levels below the top of their tree.
    pub depth: usize,
    /// The row of the person they report to, above them.
    pub manager: Option<usize>,
}

/// The organisation's people laid out: rows top to bottom, and the "works
/// with" pairs as rows (the upper first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    pub people: Vec<Person>,
    pub rows: Vec<Row>,
    pub arcs: Vec<(usize, usize)>,
    /// People not drawn, past [`MOST`].
    pub left_out: usize,
}

impl Map {
    /// Lays out `people` (in the order ties keep, usually by name) with
    /// their `links`, each `(holder, kind, other)` as a person's relations
    /// are stored: only "reports to" and "works with" between two of them
    /// count. Each person appears once, even where "reports to" goes round
    /// in a circle (the first of the circle goes on top).
    pub fn new(people: Vec<Person>, links: &[(ContactId, RelationKind, ContactId)]) -> Map {
        let n = people.len();
        let at: HashMap<&ContactId, usize> =
            people.iter().enumerate().map(|(k, p)| (&p.id, k)).collect();
        let at = |id: &ContactId| at.get(id).copied();
        let mut manager: Vec<Option<usize>> = vec![None; n];
        let mut colleagues = Vec::new();
        for (holder, kind, other) in links {
            let (Some(a), Some(b)) = (at(holder), at(other)) else {
                continue;
            };
            if a == b {
                continue;
            }
            match kind {
                RelationKind::ReportsTo if manager[a].is_none() => manager[a] = Some(b),
                RelationKind::ColleagueOf => colleagues.push((a, b)),
                _ => {}
            }
        }
        // Whom each reports to, as linked lists in the people's order: the
        // first and, for each, the next (linear at any size).
        let mut first: Vec<Option<usize>> = vec![None; n];
        let mut next: Vec<Option<usize>> = vec![None; n];
        for k in (0..n).rev() {
            if let Some(m) = manager[k] {
                next[k] = first[m];
                first[m] = Some(k);
            }
        }
        // Depth first from the tops; then from whoever a circle kept out.
        let mut rows: Vec<Row> = Vec::with_capacity(n);
        let mut row_of: Vec<Option<usize>> = vec![None; n];
        let tops = (0..n).filter(|&k| manager[k].is_none());
        for top in tops.chain(0..n) {
            let mut stack = vec![(top, 0, None)];
            while let Some((k, depth, above)) = stack.pop() {
                if row_of[k].is_some() {
                    continue;
                }
                row_of[k] = Some(rows.len());
                rows.push(Row {
                    person: k,
                    depth,
                    manager: above,
                });
                let (row, from) = (row_of[k], stack.len());
                let mut report = first[k];
                while let Some(r) = report {
                    stack.push((r, depth + 1, row));
                    report = next[r];
                }
                stack[from..].reverse();
            }
        }
        let left_out = rows.len().saturating_sub(MOST);
        rows.truncate(MOST);
        let mut arcs = Vec::new();
        for (a, b) in colleagues {
            let (a, b) = (row_of[a].unwrap_or(MOST), row_of[b].unwrap_or(MOST));
            let arc = (a.min(b), a.max(b));
            if arc.1 < MOST && !arcs.contains(&arc) {
                arcs.push(arc);
            }
        }
        Map {
            people,
            rows,
            arcs,
            left_out,
        }
    }

    fn person(&self, row: usize) -> &Person {
        &self.people[self.rows[row].person]
    }

    /// What a screen reader says for the person on `row`: everything the
    /// picture shows about them, in words.
    pub fn words(&self, row: usize, today: NaiveDate) -> String {
        let (r, p) = (&self.rows[row], self.person(row));
        let mut s = p.name.clone();
        if !p.role.is_empty() {
            let _ = write!(s, ", {}", p.role);
        }
        let warmth = p.health.unwrap_or(Health::Unknown).label();
        let _ = write!(s, ". Warmth: {warmth}. {}.", last_in_touch(p.last, today));
        if p.overdue {
            s.push_str(" Check-in overdue.");
        }
        if let Some(m) = r.manager {
            let _ = write!(s, " Reports to {}.", self.person(m).name);
        }
        let with: Vec<&str> = self
            .arcs
            .iter()
            .filter_map(|&(a, b)| match (a == row, b == row) {
                (true, _) => Some(b),
                (_, true) => Some(a),
                _ => None,
            })
            .map(|k| self.person(k).name.as_str())
            .collect();
        if !with.is_empty() {
            let _ = write!(s, " Works with {}.", with.join(", "));
        }
        s
    }

    /// The map as an SVG element, `title` naming it (the organisation).
    /// Empty when there is no one to draw.
    pub fn svg(&self, title: &str, today: NaiveDate) -> String {
        if self.rows.is_empty() {
            return String::new();
        }
        // A last line says how many are left out, when some are.
        let lines = self.rows.len() + usize::from(self.left_out > 0);
        let height = PAD * 2 + ROW * lines as u32;
        let more = match self.left_out {
            0 => String::new(),
            n => format!(", the first {} of {}", self.rows.len(), self.rows.len() + n),
        };
        let mut s = String::with_capacity(400 * self.rows.len());
        let _ = write!(
            s,
            r#"<svg class="orgmap" role="list" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" aria-label="{}"><g aria-hidden="true">"#,
            escaped(title) + &more
        );
        for (k, r) in self.rows.iter().enumerate() {
            if let Some(m) = r.manager {
                let (mx, my) = centre(&self.rows[m], m);
                let (x, y) = centre(r, k);
                let _ = write!(
                    s,
                    r#"<path class="orgmap__line" d="M{mx} {}V{y}H{}"/>"#,
                    my + DOT,
                    x - DOT
                );
            }
        }
        for &(a, b) in &self.arcs {
            let (ya, yb) = (centre(&self.rows[a], a).1, centre(&self.rows[b], b).1);
            let bow = (ARC_LEFT + 8 + 6 * (b - a) as u32).min(WIDTH - 2);
            let _ = write!(
                s,
                r#"<path class="orgmap__arc" d="M{ARC_LEFT} {ya}C{bow} {ya} {bow} {yb} {ARC_LEFT} {yb}"/>"#
            );
        }
        s.push_str("</g>");
        for (k, r) in self.rows.iter().enumerate() {
            let p = self.person(k);
            let (x, y) = centre(r, k);
            let tone = match p.health {
                Some(Health::Good) => "good",
                Some(Health::Watch) => "watch",
                Some(Health::AtRisk) => "risk",
                _ => "none",
            };
            let ring = if p.overdue {
                " orgmap__dot--overdue"
            } else {
                ""
            };
            // Room for text from the dot to the arcs, in characters.
            let room = (ARC_LEFT - 8 - DOT - 8 - x) as usize;
            let last = last_short(p.last, today);
            let sub = [
                p.role.as_str(),
                &last,
                if p.overdue { "overdue" } else { "" },
            ];
            let sub: Vec<&str> = sub.into_iter().filter(|w| !w.is_empty()).collect();
            let _ = write!(
                s,
                r#"<g role="listitem" data-person="{}" aria-label="{}"><g aria-hidden="true" transform="translate({x} {y})"><circle class="orgmap__dot orgmap__dot--{tone}{ring}" r="{DOT}"/><text class="orgmap__initials" y="4" text-anchor="middle">{}</text><text class="orgmap__name" x="23" y="-2">{}</text><text class="orgmap__sub" x="23" y="14">{}</text></g></g>"#,
                escaped(p.id.as_str()),
                escaped(&self.words(k, today)),
                escaped(&p.initials),
                escaped(&fit(&p.name, room / 8)),
                escaped(&fit(&sub.join(" · "), room / 7)),
            );
        }
        if self.left_out > 0 {
            let _ = write!(
                s,
                r#"<text class="orgmap__sub" x="4" y="{}" aria-hidden="true">{} more in the list below</text>"#,
                height - PAD - ROW / 2,
                self.left_out
            );
        }
        s.push_str("</svg>");
        s
    }
}

/// The drawing's width in its own units (CSS pixels at full size).
const WIDTH: u32 = 360;
/// Height of one person's row.
const ROW: u32 = 48;
/// Space above the first row and below the last.
const PAD: u32 = 6;
/// The dot's radius.
const DOT: u32 = 15;
/// How far each level is indented, and the deepest level indented.
const INDENT: u32 = 26;
const DEEPEST: usize = 6;
/// Where the "works with" arcs leave from; text stops short of it.
const ARC_LEFT: u32 = WIDTH - 44;

/// The centre of the dot on `row`.
fn centre(r: &Row, row: usize) -> (u32, u32) {
    let x = 4 + DOT + INDENT * r.depth.min(DEEPEST) as u32;
    (x, PAD + ROW * row as u32 + ROW / 2)
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// `text` in at most `chars` characters, cut with "…".
fn fit(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn last_short(last: Option<NaiveDate>, today: NaiveDate) -> String {
    last.map_or_else(|| "not in touch yet".to_owned(), |d| day_ago(d, today))
}

#[cfg(test)]
mod tests;
