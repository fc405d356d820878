//! The backup habit: when Today reminds the user to make a backup, and
//! what it says.

use crate::time::Timestamp;

/// How old the last backup is, against the age the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    /// Whole days since the last backup; `None`: never made one.
    pub days_since: Option<i64>,
    /// Remind once the last backup is this many days old.
    pub every_days: u32,
}

impl Reminder {
    /// From the instant of the last backup (if any) and now.
    pub fn new(last: Option<Timestamp>, now: Timestamp, every_days: u32) -> Reminder {
        Reminder {
            days_since: last.map(|t| (now.0 - t.0).max(0) / 86_400_000),
            every_days,
        }
    }

    /// Whether Today should remind: never backed up, or the last backup is
    /// at least the chosen age.
    pub fn is_due(self) -> bool {
        self.days_since
            .is_none_or(|d| d >= i64::from(self.every_days))
    }

    /// What Today says.
    pub fn words(self) -> String {
        match self.days_since {
            None => "Everything you keep is only in this browser. Make a backup so a lost device does not lose your people.".to_owned(),
            Some(n) => format!("Your last backup was {n} days ago. A fresh one keeps your people safe."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn reminds_when_never_or_at_the_chosen_age() {
        let now = Timestamp(100 * DAY);
        assert!(Reminder::new(None, now, 30).is_due());
        let r = Reminder::new(Some(Timestamp(71 * DAY - 1)), now, 30);
        assert_eq!(r.days_since, Some(29));
        assert!(!r.is_due());
        assert!(Reminder::new(Some(Timestamp(70 * DAY)), now, 30).is_due());
        assert!(
            !Reminder::new(Some(Timestamp(101 * DAY)), now, 30).is_due(),
            "a clock set back never makes a backup look overdue"
        );
        assert_eq!(
            Reminder::new(Some(Timestamp(60 * DAY)), now, 30).words(),
            "Your last backup was 40 days ago. A fresh one keeps your people safe."
        );
    }
}
