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
