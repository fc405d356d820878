//! "How are we doing?": the other side's satisfaction over time, and its
//! trend. The latest score is compared with the average of up to three
//! before it; a move of a whole point or more is a trend.

use crate::model::Interaction;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Steady,
    Falling,
    /// Fewer than two scores.
    Unknown,
}

impl Trend {
    pub fn describe(self) -> &'static str {
        match self {
            Trend::Rising => "rising",
            Trend::Steady => "steady",
            Trend::Falling => "falling",
            Trend::Unknown => "not enough readings yet",
        }
    }
}

/// The trend of scores given newest first.
pub fn trend(newest_first: &[u8]) -> Trend {
    let Some((&latest, before)) = newest_first.split_first() else {
        return Trend::Unknown;
    };
    let before: Vec<u8> = before.iter().take(3).copied().collect();
    if before.is_empty() {
        return Trend::Unknown;
    }
    // Compare in tenths to stay in integers.
    let average_tenths =
        before.iter().map(|&s| u32::from(s) * 10).sum::<u32>() / before.len() as u32;
    let latest_tenths = u32::from(latest) * 10;
    if latest_tenths + 10 <= average_tenths {
        Trend::Falling
    } else if latest_tenths >= average_tenths + 10 {
        Trend::Rising
    } else {
        Trend::Steady
    }
}

/// Scores from interactions given newest first (those without one skipped).
pub fn scores(newest_first: &[Interaction]) -> Vec<u8> {
    newest_first
        .iter()
        .filter_map(|i| i.temperature.as_ref().map(|t| t.score))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_after_fours_is_falling() {
        assert_eq!(trend(&[2, 4, 4]), Trend::Falling);
        assert_eq!(
            trend(&[2, 4, 4, 4, 1, 1]),
            Trend::Falling,
            "only the three before count"
        );
    }

    #[test]
    fn rising_steady_and_unknown() {
        assert_eq!(trend(&[5, 3, 4]), Trend::Rising);
        assert_eq!(trend(&[4, 4, 5]), Trend::Steady);
        assert_eq!(trend(&[3, 4]), Trend::Falling, "a whole point is a trend");
        assert_eq!(trend(&[4, 4, 5]), Trend::Steady, "half a point is not");
        assert_eq!(trend(&[4]), Trend::Unknown);
        assert_eq!(trend(&[]), Trend::Unknown);
    }
}

/// How the relationship is doing, combining recency against the check-in
/// timer with the temperature trend. The rule, shown to the user by
/// [`Health::rule`]:
/// - at risk: overdue, or the latest score is 2 or lower and falling;
/// - worth watching: due, or the trend is falling, or the latest score is
///   3 or lower;
/// - good: otherwise, once there is something to go on;
/// - not enough to tell yet: nothing says otherwise, but there has been no
///   interaction and no reading (a person just added is not "good").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    Good,
    Watch,
    AtRisk,
    Unknown,
}

impl Health {
    pub fn of(check_in: crate::checkin::CheckIn, newest_first: &[u8]) -> Health {
        use crate::checkin::CheckInKind;
        let direction = trend(newest_first);
        let latest = newest_first.first().copied();
        let low = |n| latest.is_some_and(|s| s <= n);
        let kind = check_in.kind();
        if kind == CheckInKind::Overdue || (low(2) && direction == Trend::Falling) {
            Health::AtRisk
        } else if kind.wants_contact() || direction == Trend::Falling || low(3) {
            Health::Watch
        } else {
            Health::Good
        }
    }

    /// As [`Health::of`], for a person who may have no history yet:
    /// `in_touch` says whether any interaction was ever logged.
    pub fn of_person(
        check_in: crate::checkin::CheckIn,
        in_touch: bool,
        newest_first: &[u8],
    ) -> Health {
        match Health::of(check_in, newest_first) {
            Health::Good if !in_touch && newest_first.is_empty() => Health::Unknown,
            other => other,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Health::Unknown => "Not enough to tell yet",
            Health::Good => "Good",
            Health::Watch => "Worth watching",
            Health::AtRisk => "At risk",
        }
    }

    pub fn rule() -> &'static str {
        "At risk when a check-in is overdue, or their latest score is 2 or lower and falling. \
         Worth watching when a check-in is due, the trend is falling, or the latest score is 3 or lower. \
         Good otherwise, once there is an interaction or a reading to go on; \
         until then, not enough to tell yet."
    }
}

#[cfg(test)]
mod health_tests {
    use super::*;
    use crate::checkin::CheckIn;
    use chrono::NaiveDate;

    #[test]
    fn health_combines_recency_and_temperature() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let fine = CheckIn::Upcoming { due: day };
        let due = CheckIn::Due {
            due: day,
            overdue_from: day,
        };
        let overdue = CheckIn::Overdue {
            due: day,
            overdue_from: day,
        };
        assert_eq!(Health::of(fine, &[5, 4]), Health::Good);
        assert_eq!(Health::of(fine, &[]), Health::Good);
        assert_eq!(Health::of(due, &[5]), Health::Watch);
        assert_eq!(Health::of(fine, &[3, 3]), Health::Watch);
        assert_eq!(Health::of(fine, &[4, 5, 5]), Health::Watch, "falling");
        assert_eq!(Health::of(fine, &[2, 4, 4]), Health::AtRisk);
        assert_eq!(Health::of(overdue, &[5, 5]), Health::AtRisk);
        assert_eq!(
            Health::of_person(CheckIn::NoTimer, false, &[]),
            Health::Unknown,
            "a person just added"
        );
        assert_eq!(
            Health::of_person(fine, false, &[]).label(),
            "Not enough to tell yet"
        );
        assert_eq!(Health::of_person(fine, true, &[]), Health::Good);
        assert_eq!(Health::of_person(fine, false, &[4]), Health::Good);
        let never = CheckIn::NeverInTouch { due: day };
        assert_eq!(Health::of_person(never, false, &[]), Health::Watch);
        assert_eq!(
            Health::of(never, &[]),
            Health::Watch,
            "due for a first contact"
        );
    }
}
