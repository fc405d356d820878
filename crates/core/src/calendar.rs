//! Days and times in words, without chrono's `format` engine: each pattern
//! the app uses, written out. `chrono`'s `format("%-d %b")` parses its
//! pattern at run time and compiles a general formatter and parser into
//! the wasm (about 10 kB before optimisation); the app needs a dozen fixed
//! shapes. [`Words::words`] takes the same strftime pattern, so call sites
//! read as before; a pattern not listed here is a bug the host tests catch
//! (debug builds panic; release falls back to the ISO day).

use crate::dates::MONTHS;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Timelike};

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// `%Y` as chrono writes it: four digits, a sign beyond 0..=9999.
fn year(y: i32) -> String {
    match y {
        0..=9999 => format!("{y:04}"),
        y if y > 9999 => format!("+{y}"),
        y => format!("-{:04}", y.unsigned_abs()),
    }
}

/// Formatting by one of the strftime patterns the app uses.
pub trait Words {
    fn words(&self, pattern: &str) -> String;
}

impl Words for NaiveDate {
    fn words(&self, pattern: &str) -> String {
        let month = MONTHS[self.month0() as usize];
        let short = &month[..3];
        let d = self.day();
        match pattern {
            "%Y-%m-%d" => format!("{}-{:02}-{d:02}", year(self.year()), self.month()),
            "%Y%m%d" => format!("{}{:02}{d:02}", year(self.year()), self.month()),
            "%-d %b" => format!("{d} {short}"),
            "%-d %B" => format!("{d} {month}"),
            "%-d %b %Y" => format!("{d} {short} {}", year(self.year())),
            "%-d %B %Y" => format!("{d} {month} {}", year(self.year())),
            "%b %Y" => format!("{short} {}", year(self.year())),
            "%A %-d %B" => format!(
                "{} {d} {month}",
                WEEKDAYS[self.weekday().num_days_from_monday() as usize]
            ),
            other => {
                debug_assert!(false, "no day pattern {other}");
                self.words("%Y-%m-%d")
            }
        }
    }
}

impl Words for NaiveTime {
    fn words(&self, pattern: &str) -> String {
        let (h, m, s) = (self.hour(), self.minute(), self.second());
        match pattern {
            "%H:%M" => format!("{h:02}:{m:02}"),
            "%H:%M:%S" => format!("{h:02}:{m:02}:{s:02}"),
            other => {
                debug_assert!(false, "no time pattern {other}");
                format!("{h:02}:{m:02}")
            }
        }
    }
}

impl<Tz: TimeZone> Words for DateTime<Tz> {
    fn words(&self, pattern: &str) -> String {
        let local = self.naive_local();
        match pattern {
            "%Y%m%dT%H%M%SZ" => format!(
                "{}T{:02}{:02}{:02}Z",
                local.date().words("%Y%m%d"),
                local.hour(),
                local.minute(),
                local.second()
            ),
            day => local.date().words(day),
        }
    }
}

/// A day written `YYYY-MM-DD` (what `<input type=date>` gives).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A time of day written `HH:MM`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.split_once(':')?;
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(h) && m.len() == 2 && digits(m)) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_writes_what_chrono_writes() {
        let days = [
            NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
            NaiveDate::from_ymd_opt(1999, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
            NaiveDate::from_ymd_opt(5, 1, 9).unwrap(),
        ];
        for day in days {
            for p in [
                "%Y-%m-%d",
                "%Y%m%d",
                "%-d %b",
                "%-d %B",
                "%-d %b %Y",
                "%-d %B %Y",
                "%b %Y",
                "%A %-d %B",
            ] {
                assert_eq!(day.words(p), day.format(p).to_string(), "{p} of {day}");
            }
        }
        let t = NaiveTime::from_hms_opt(7, 5, 9).unwrap();
        for p in ["%H:%M", "%H:%M:%S"] {
            assert_eq!(t.words(p), t.format(p).to_string());
        }
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 30, 9, 8, 7).unwrap();
        assert_eq!(
            at.words("%Y%m%dT%H%M%SZ"),
            at.format("%Y%m%dT%H%M%SZ").to_string()
        );
    }

    #[test]
    fn days_and_times_are_read_as_the_forms_write_them() {
        assert_eq!(
            parse_day("2026-03-14"),
            NaiveDate::from_ymd_opt(2026, 3, 14)
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "26-03-14",
            "2026-3-14",
            "soon",
            "",
            "2026-03-14x",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        assert_eq!(parse_time("14:30"), NaiveTime::from_hms_opt(14, 30, 0));
        assert_eq!(parse_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        for bad in ["noon", "24:00", "12:60", "12:5", "12", ""] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
