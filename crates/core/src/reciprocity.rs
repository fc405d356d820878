//! Who reached out: each interaction may say who started it (the user,
//! the other side, or both, as a meeting both planned), and from that
//!
//! - the balance over the last year ("You started 9 of 10 conversations
//!   in the last year"), for a person, their brief and an organisation;
//! - whether a person is waiting for a reply: they reached out last and
//!   the user has not answered ([`Contact::awaiting_reply`]). Today lists
//!   them above every check-in.
//!
//! Invariants: `awaiting_reply` is only ever set by logging or correcting
//! an interaction the other side started that is the person's newest, and
//! is cleared by anything newer that they did not start, by "Replied", or
//! when the interaction that set it moves back or goes. Interactions that
//! do not say who started them (older records) count for neither side.
//!
//! [`Contact::awaiting_reply`]: crate::contact::Contact::awaiting_reply

use crate::contact::Contact;
use crate::model::Interaction;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who started an interaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Initiator {
    /// The user reached out.
    Me,
    /// They reached out.
    Them,
    /// Both planned it (a meeting set up together).
    Mutual,
}

impl Initiator {
    pub const ALL: [Initiator; 3] = [Initiator::Me, Initiator::Them, Initiator::Mutual];

    /// The stored word, and the form's value.
    pub fn key(self) -> &'static str {
        match self {
            Initiator::Me => "me",
            Initiator::Them => "them",
            Initiator::Mutual => "mutual",
        }
    }

    pub fn from_key(key: &str) -> Option<Initiator> {
        Initiator::ALL.into_iter().find(|i| i.key() == key)
    }

    /// The form's words for it.
    pub fn label(self) -> &'static str {
        match self {
            Initiator::Me => "I reached out",
            Initiator::Them => "They reached out",
            Initiator::Mutual => "Both of us",
        }
    }
}

/// How many conversations of a span each side started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reciprocity {
    pub me: u32,
    pub them: u32,
    pub mutual: u32,
}

/// The span reciprocity looks back over.
pub const YEAR_DAYS: i64 = 365;

impl Reciprocity {
    /// Counts `interactions` of the year up to `today` (the 365 days ending
    /// today) by who started them; each interaction counts once, however
    /// many people were there, so an organisation's merged history gives
    /// the organisation's balance.
    pub fn of<'a>(
        interactions: impl IntoIterator<Item = &'a Interaction>,
        today: NaiveDate,
    ) -> Self {
        let mut r = Reciprocity::default();
        for i in interactions {
            let days = (today - i.date).num_days();
            if !(0..YEAR_DAYS).contains(&days) || i.deleted.is_some() {
                continue;
            }
            match i.initiator {
                Some(Initiator::Me) => r.me += 1,
                Some(Initiator::Them) => r.them += 1,
                Some(Initiator::Mutual) => r.mutual += 1,
                None => {}
            }
        }
        r
    }

    pub fn total(self) -> u32 {
        self.me + self.them + self.mutual
    }

    /// "You started 9 of 10 conversations in the last year", "They started
    /// 3 of 4 …", "… 2 planned together"; `None` when no interaction of the
    /// year says who started it.
    pub fn words(self) -> Option<String> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let (who, n) = if self.me >= self.them {
            ("You", self.me)
        } else {
            ("They", self.them)
        };
        let noun = if total == 1 {
            "conversation"
        } else {
            "conversations"
        };
        let mut s = format!("{who} started {n} of {total} {noun} in the last year");
        if self.mutual > 0 {
            s.push_str(&format!("; {} planned together", self.mutual));
        }
        s.push('.');
        Some(s)
    }
}

/// Brings `c`'s waiting-for-a-reply day up to date for a newly logged
/// interaction on `date` started by `by`, when it is (or ties) their
/// newest: theirs sets it, anything else answers it. An older interaction
/// changes nothing. Call before moving `last_interaction`.
pub fn note_logged(c: &mut Contact, date: NaiveDate, by: Option<Initiator>) {
    if c.last_interaction.is_some_and(|last| last > date) {
        return;
    }
    c.awaiting_reply = (by == Some(Initiator::Them)).then_some(date);
}

/// Brings `c`'s waiting-for-a-reply day up to date when the interaction
/// `old` is corrected to `new` (`None`: deleted or `c` taken out of it).
/// `newest` is `c`'s newest interaction day once the change is made; `c`
/// is as it was before (its `last_interaction` not yet moved).
/// A correction that makes `new` a message from them, where `old` was
/// not, sets it; one that makes it not theirs answers it; one that moves
/// it behind a newer interaction, or deletes it, clears what it set. A
/// reply the user already marked is never brought back by editing notes.
pub fn note_corrected(
    c: &mut Contact,
    old: &Interaction,
    new: Option<&Interaction>,
    newest: Option<NaiveDate>,
) {
    let from_them = |i: &Interaction| i.initiator == Some(Initiator::Them);
    let set_by_old = from_them(old) && c.awaiting_reply == Some(old.date);
    // Theirs, newest and not waiting: the user marked it replied.
    let answered =
        from_them(old) && !set_by_old && c.last_interaction.is_none_or(|last| old.date >= last);
    match new.filter(|n| Some(n.date) == newest) {
        Some(n) if from_them(n) && !answered => c.awaiting_reply = Some(n.date),
        // Theirs, and already answered: it stays answered.
        Some(n) if from_them(n) => {}
        // The newest is now one they did not start: nothing is waiting.
        Some(_) => c.awaiting_reply = None,
        None if set_by_old => c.awaiting_reply = None,
        None => {}
    }
}

#[cfg(test)]
mod tests;
