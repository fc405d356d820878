//! How days and times are written in records and backups: `YYYY-MM-DD`
//! and `HH:MM:SS`, as chrono's serde writes them, read by the same strict
//! parsers the forms use (`calendar::parse_day`, `parse_time`). chrono's
//! own serde reads through its general format parser, ~12 kB of wasm the
//! app needs nowhere else.
//!
//! Fields say `#[serde(with = "crate::wire::day")]` (or `opt_day`,
//! `opt_time`).

use std::fmt;

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// How a day or a time that cannot be read is refused: the backup check
/// (`backup::validate`) knows a bad day by these words.
pub(crate) const NOT_A_DAY: &str = "not a day (YYYY-MM-DD)";
pub(crate) const NOT_A_TIME: &str = "not a time (HH:MM:SS)";

/// A day as it is written.
struct Day(NaiveDate);

/// A time of day as it is written.
struct Time(NaiveTime);

/// Reads `HH:MM` or `HH:MM:SS`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    match text.len() {
        8 => {
            let (hm, s) = (text.get(..5)?, text.get(5..)?);
            let s = s.strip_prefix(':')?;
            let seconds = (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()?;
            crate::calendar::parse_time(hm)?.with_second(seconds)
        }
        _ => crate::calendar::parse_time(text),
    }
}

/// Reads a string with `parse`; `what` says what was expected.
struct Text<T> {
    parse: fn(&str) -> Result<T, String>,
    what: &'static str,
}

impl<T> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.what)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).map_err(E::custom)
    }
}

/// One check per kind, shared by every deserializer.
fn day_from(text: &str) -> Result<NaiveDate, String> {
    crate::calendar::parse_day(text).ok_or_else(|| format!("{NOT_A_DAY}: {:.40}", text))
}

fn time_from(text: &str) -> Result<NaiveTime, String> {
    parse_time(text).ok_or_else(|| format!("{NOT_A_TIME}: {:.40}", text))
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Text {
            parse: day_from,
            what: "a day written YYYY-MM-DD",
        })
        .map(Day)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Text {
            parse: time_from,
            what: "a time written HH:MM:SS",
        })
        .map(Time)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

pub mod day {
    use super::*;

    pub fn serialize<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        Day(*day).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        Day::deserialize(d).map(|d| d.0)
    }
}

pub mod opt_day {
    use super::*;

    pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        day.map(Day).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<Day>::deserialize(d).map(|d| d.map(|d| d.0))
    }
}

pub mod opt_time {
    use super::*;

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        time.map(Time).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        Option::<Time>::deserialize(d).map(|t| t.map(|t| t.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Record {
        #[serde(with = "day")]
        date: NaiveDate,
        #[serde(default, with = "opt_day")]
        since: Option<NaiveDate>,
        #[serde(default, with = "opt_time")]
        time: Option<NaiveTime>,
    }

    #[test]
    fn days_and_times_are_written_as_chrono_writes_them_and_read_back() {
        let r = Record {
            date: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            since: None,
            time: NaiveTime::from_hms_opt(7, 5, 0),
        };
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(
            text,
            r#"{"date":"2026-03-09","since":null,"time":"07:05:00"}"#
        );
        assert_eq!(
            text,
            format!(
                r#"{{"date":"{}","since":null,"time":"{}"}}"#,
                r.date,
                r.time.unwrap()
            )
        );
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), r);
        let short: Record =
            serde_json::from_str(r#"{"date":"2026-03-09","time":"07:05"}"#).unwrap();
        assert_eq!(short, r);
        let escaped: Record =
            serde_json::from_str(r#"{"date":"2026\u002d03-09","time":"07:05:00"}"#).unwrap();
        assert_eq!(escaped, r);
    }

    #[test]
    fn what_the_forms_refuse_is_refused_in_words() {
        for (bad, says) in [
            (
                r#"{"date":"2026-02-30"}"#,
                "not a day (YYYY-MM-DD): 2026-02-30",
            ),
            (r#"{"date":"2026-13-01"}"#, "not a day"),
            (r#"{"date":" 2026-01-01"}"#, "not a day"),
            (r#"{"date":"+12026-01-01"}"#, "not a day"),
            (r#"{"date":7}"#, "a day written YYYY-MM-DD"),
            (r#"{"date":"2026-01-01","time":"24:00:00"}"#, "not a time"),
            (r#"{"date":"2026-01-01","time":"10:00:61"}"#, "not a time"),
            (r#"{"date":"2026-01-01","time":"10:0"}"#, "not a time"),
        ] {
            let err = serde_json::from_str::<Record>(bad).unwrap_err().to_string();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
