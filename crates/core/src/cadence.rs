//! Check-in cadence: how often the user wants to be in touch with a person.
//! The next check-in is the last interaction plus the cadence; any logged
//! interaction moves it.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CadenceUnit {
    Days,
    Weeks,
    Months,
}

/// Every `count` `unit`s, or no check-in timer at all. Stored as
/// `{"type":"none"}` or `{"type":"every","count":3,"unit":"weeks"}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Cadence {
    #[default]
    None,
    Every {
        count: u16,
        unit: CadenceUnit,
    },
}

/// Read through a flat record rather than serde's derive for an
/// internally tagged enum, which buffers the input in a general `Content`
/// tree and compiles a large deserializer into the wasm.
impl<'de> Deserialize<'de> for Cadence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Flat {
            #[serde(rename = "type")]
            kind: String,
            #[serde(default)]
            count: Option<u16>,
            #[serde(default)]
            unit: Option<CadenceUnit>,
        }
        use serde::de::Error;
        let flat = Flat::deserialize(d)?;
        match (flat.kind.as_str(), flat.count, flat.unit) {
            ("none", _, _) => Ok(Cadence::None),
            ("every", Some(count), Some(unit)) => Ok(Cadence::Every { count, unit }),
            ("every", None, _) => Err(D::Error::missing_field("count")),
            ("every", _, None) => Err(D::Error::missing_field("unit")),
            (other, _, _) => Err(D::Error::unknown_variant(other, &["none", "every"])),
        }
    }
}

/// The timers offered as presets (an organisation's default, a tag's
/// default): a stable key, its words, and the cadence. The first is "no
/// default".
pub const PRESETS: [(&str, &str, Cadence); 6] = {
    use CadenceUnit::*;
    const fn every(count: u16, unit: CadenceUnit) -> Cadence {
        Cadence::Every { count, unit }
    }
    [
        ("none", "No default", Cadence::None),
        ("1w", "Every week", every(1, Weeks)),
        ("2w", "Every 2 weeks", every(2, Weeks)),
        ("1m", "Every month", every(1, Months)),
        ("3m", "Every 3 months", every(3, Months)),
        ("6m", "Every 6 months", every(6, Months)),
    ]
};

impl Cadence {
    /// The preset with this key.
    pub fn preset(key: &str) -> Option<Cadence> {
        PRESETS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, c)| *c)
    }

    /// The key of the preset that is this cadence, if one is.
    pub fn preset_key(self) -> Option<&'static str> {
        PRESETS
            .iter()
            .find(|(_, _, c)| *c == self)
            .map(|(k, _, _)| *k)
    }

    /// The preset's words for this cadence ("Every 2 weeks"), or its own
    /// description when it is not a preset.
    pub fn preset_label(self) -> String {
        PRESETS
            .iter()
            .find(|(_, _, c)| *c == self)
            .map_or_else(|| self.describe(), |(_, l, _)| (*l).to_owned())
    }

    /// The day a check-in falls due after contact on `last`. Month cadences
    /// keep the day of month and clamp to the month's end (Jan 31 + 1 month
    /// is Feb 28, or 29 in a leap year).
    pub fn next_after(self, last: NaiveDate) -> Option<NaiveDate> {
        match self {
            Cadence::None => None,
            Cadence::Every { count: 0, .. } => None,
            Cadence::Every { count, unit } => match unit {
                CadenceUnit::Days => last.checked_add_days(Days::new(count.into())),
                CadenceUnit::Weeks => last.checked_add_days(Days::new(u64::from(count) * 7)),
                CadenceUnit::Months => last.checked_add_months(Months::new(count.into())),
            },
        }
    }

    /// Short words for the UI, e.g. "every 2 weeks".
    pub fn describe(self) -> String {
        match self {
            Cadence::None | Cadence::Every { count: 0, .. } => "no check-in timer".into(),
            Cadence::Every { count, unit } => {
                let unit = match unit {
                    CadenceUnit::Days => "day",
                    CadenceUnit::Weeks => "week",
                    CadenceUnit::Months => "month",
                };
                if count == 1 {
                    format!("every {unit}")
                } else {
                    format!("every {count} {unit}s")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_unique_keys_and_labels_that_round_trip() {
        for (key, label, cadence) in PRESETS {
            assert_eq!(Cadence::preset(key), Some(cadence));
            assert_eq!(cadence.preset_key(), Some(key));
            assert_eq!(cadence.preset_label(), label);
        }
        assert_eq!(Cadence::preset("9y"), None);
        let odd = Cadence::Every {
            count: 10,
            unit: CadenceUnit::Days,
        };
        assert_eq!(odd.preset_label(), "every 10 days");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_and_weeks_add_plainly() {
        let every = |count, unit| Cadence::Every { count, unit };
        assert_eq!(
            every(30, CadenceUnit::Days).next_after(d(2026, 1, 10)),
            Some(d(2026, 2, 9))
        );
        assert_eq!(
            every(2, CadenceUnit::Weeks).next_after(d(2026, 12, 25)),
            Some(d(2027, 1, 8))
        );
    }

    #[test]
    fn months_clamp_to_month_end() {
        let monthly = Cadence::Every {
            count: 1,
            unit: CadenceUnit::Months,
        };
        assert_eq!(monthly.next_after(d(2026, 1, 31)), Some(d(2026, 2, 28)));
        assert_eq!(monthly.next_after(d(2028, 1, 31)), Some(d(2028, 2, 29)));
        let quarterly = Cadence::Every {
            count: 3,
            unit: CadenceUnit::Months,
        };
        assert_eq!(quarterly.next_after(d(2026, 11, 30)), Some(d(2027, 2, 28)));
    }

    #[test]
    fn none_and_zero_have_no_next_date() {
        assert_eq!(Cadence::None.next_after(d(2026, 1, 1)), None);
        let zero = Cadence::Every {
            count: 0,
            unit: CadenceUnit::Days,
        };
        assert_eq!(zero.next_after(d(2026, 1, 1)), None);
        assert_eq!(zero.describe(), "no check-in timer");
    }

    #[test]
    fn describes_in_words() {
        let c = Cadence::Every {
            count: 1,
            unit: CadenceUnit::Weeks,
        };
        assert_eq!(c.describe(), "every week");
        let c = Cadence::Every {
            count: 6,
            unit: CadenceUnit::Months,
        };
        assert_eq!(c.describe(), "every 6 months");
    }
}
