//! What to say: up to three concrete openers for a conversation, built by
//! rules from the person's own record, each naming where it comes from
//! ("Ask about “Lily's violin exam” — noted 12 Mar"). No network and no
//! model: the same record always gives the same openers.
//!
//! The rules, in the order they are offered (one opener each):
//! 1. an open follow-up (a promise kept comes first), the soonest due;
//! 2. a date of theirs or their family's within [`DATE_DAYS`];
//! 3. a detail learned within [`DETAIL_DAYS`], the newest;
//! 4. their satisfaction falling ([`crate::temperature::Trend::Falling`]);
//! 5. what they care about right now, not confirmed for longer than the
//!    user's re-confirm setting.

use crate::calendar::Words;
use crate::contact::Contact;
use crate::dates::{in_days, DateKind, ImportantDate};
use crate::model::{Interaction, Task};
use crate::temperature::{scores, trend, Trend};
use chrono::NaiveDate;

/// At most this many openers are offered.
pub const MAX: usize = 3;
/// A date this many days ahead or fewer is worth raising.
pub const DATE_DAYS: i64 = 14;
/// A detail learned this many days ago or fewer is fresh enough to ask
/// about.
pub const DETAIL_DAYS: i64 = 120;
/// Quoted text is cut to this many characters.
const QUOTE: usize = 60;

/// One thing to say, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opener {
    /// "Ask about “the warehouse move”".
    pub text: String,
    /// "noted 12 Mar 2026", "follow-up due 3 Dec", "birthday, 14 March".
    pub source: String,
}

/// What the openers are built from: the person, their newest interactions
/// (newest first), their open follow-ups and their dates.
pub struct Record<'a> {
    pub person: &'a Contact,
    pub recent: &'a [Interaction],
    pub tasks: &'a [Task],
    pub dates: &'a [ImportantDate],
}

/// Up to [`MAX`] openers for `record` on `today`.
pub fn openers(record: &Record, today: NaiveDate, reconfirm_days: u16) -> Vec<Opener> {
    let c = record.person;
    let day = |d: NaiveDate| d.words("%-d %b %Y").to_string();
    let mut out = Vec::new();

    let task = record
        .tasks
        .iter()
        .filter(|t| t.done.is_none() && t.deleted.is_none())
        .min_by_key(|t| (t.due, t.id.clone()));
    if let Some(t) = task {
        let source = if t.due < today {
            format!("follow-up, due since {}", day(t.due))
        } else {
            format!("follow-up due {}", day(t.due))
        };
        out.push(Opener {
            text: format!("Follow up: {}", quote_cut(&t.text)),
            source,
        });
    }

    let date = record
        .dates
        .iter()
        .filter(|d| d.deleted.is_none())
        .filter_map(|d| Some(((d.next_occurrence(today)? - today).num_days(), d)))
        .filter(|(days, _)| *days <= DATE_DAYS)
        .min_by_key(|(days, d)| (*days, d.id.clone()));
    if let Some((days, d)) = date {
        let when = in_days(days);
        let what = d.kind.label().to_lowercase();
        let member = d
            .family_member
            .as_ref()
            .and_then(|m| c.family.iter().find(|f| &f.id == m));
        let text = match (member, &d.kind) {
            (Some(m), _) => format!("Ask about {}'s {what} {when}", m.name),
            (None, DateKind::Birthday) => format!("Wish them a happy birthday {when}"),
            (None, _) => format!("Mark their {what} {when}"),
        };
        out.push(Opener {
            text,
            source: format!("{what}, {}", d.describe_day()),
        });
    }

    let detail = c
        .details
        .iter()
        .filter(|d| (0..=DETAIL_DAYS).contains(&(today - d.date).num_days()))
        .max_by_key(|d| (d.date, d.id.clone()));
    if let Some(d) = detail {
        out.push(Opener {
            text: format!("Ask about “{}”", quote_cut(&d.text)),
            source: format!("noted {}", day(d.date)),
        });
    }

    let readings = scores(record.recent);
    if trend(&readings) == Trend::Falling {
        out.push(Opener {
            text: "Ask how things are going on their side".into(),
            source: format!("satisfaction fell to {}/5", readings[0]),
        });
    }

    if c.priorities_need_reconfirming(today, reconfirm_days) {
        // Needing it means it was confirmed once, long enough ago.
        let since = c.priorities_confirmed.map(day).unwrap_or_default();
        out.push(Opener {
            text: format!("Still focused on “{}”?", quote_cut(&c.priorities)),
            source: format!("what they care about, confirmed {since}"),
        });
    }
    out.truncate(MAX);
    out
}

/// `text` on one line, cut to [`QUOTE`] characters with an ellipsis, and
/// without a closing full stop (it sits inside a sentence).
fn quote_cut(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = line.trim_end_matches('.');
    match line.char_indices().nth(QUOTE) {
        Some((at, _)) => format!("{}…", line[..at].trim_end()),
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests;
