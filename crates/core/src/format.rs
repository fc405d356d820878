//! Numbers and words as the UI shows them.

use crate::calendar::Words;
use chrono::NaiveDate;

/// 12345 as "12,345".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count and its noun, the one way the app writes them: "1 person",
/// "2 people", "1,204 interactions", "0 photos". `one` and `many` are the
/// noun's two forms, so irregular ones ("person"/"people") need no rule.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// `text` as a sentence: a capital first letter and its full stop (or
/// its own ! or ?), for a message made of a reason from elsewhere:
/// "Couldn't export: storage failed."
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .collect();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

/// Items as a sentence reads them: "Ana", "Ana and Bo", "Ana, Bo and Cy".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// When someone was last in touch, relative to `today`: "Last in touch
/// today", "yesterday", "12 days ago", or the day itself when it lies
/// ahead; "No interactions yet" for never.
pub fn last_in_touch(last: Option<NaiveDate>, today: NaiveDate) -> String {
    match last {
        None => "No interactions yet".into(),
        Some(d) => format!("Last in touch {}", day_ago(d, today)),
    }
}

/// `text` onto `out` with every character that means something in HTML
/// or SVG escaped, so text from the user or a file is shown, never run;
/// also safe inside a quoted attribute.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A past day relative to `today`: "today", "yesterday", "12 days ago",
/// or the day itself ("3 Dec 2026") when it lies ahead.
pub fn day_ago(d: NaiveDate, today: NaiveDate) -> String {
    match (today - d).num_days() {
        0 => "today".into(),
        1 => "yesterday".into(),
        n if n > 0 => format!("{n} days ago"),
        _ => d.words("%-d %b %Y").to_string(),
    }
}

/// `x` to the nearest tenth ("12.3"), through integers: the app's only
/// float printing (chart coordinates, megabytes), so the wasm carries no
/// float printer. Halves round away from zero (`{:.1}` rounds them to
/// even; a chart cannot tell).
pub fn tenths(x: f64) -> String {
    let t = (x * 10.0).round();
    let sign = if t < 0.0 { "-" } else { "" };
    let t = t.abs() as u64;
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// `x` to the nearest whole number ("300"), like [`tenths`].
pub fn whole(x: f64) -> String {
    let r = x.round();
    let sign = if r < 0.0 { "-" } else { "" };
    format!("{sign}{}", r.abs() as u64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenths_and_wholes_read_as_the_float_printer_writes_them() {
        for x in [
            0.0,
            1.04,
            12.36,
            299.99,
            1234.56,
            0.96,
            99.94,
            7.0,
            1e6 / 3.0,
        ] {
            assert_eq!(super::tenths(x), format!("{x:.1}"), "{x}");
            assert_eq!(super::whole(x), format!("{x:.0}"), "{x}");
        }
        assert_eq!(super::tenths(-2.36), "-2.4");
        assert_eq!(super::whole(300.0), "300");
    }

    use super::*;

    #[test]
    fn last_in_touch_in_words() {
        let today = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let ago = |n| Some(today - chrono::Days::new(n));
        assert_eq!(last_in_touch(None, today), "No interactions yet");
        assert_eq!(last_in_touch(ago(0), today), "Last in touch today");
        assert_eq!(last_in_touch(ago(1), today), "Last in touch yesterday");
        // Across 29 February 2024.
        assert_eq!(last_in_touch(ago(2), today), "Last in touch 2 days ago");
        let ahead = Some(NaiveDate::from_ymd_opt(2024, 3, 9).unwrap());
        assert_eq!(last_in_touch(ahead, today), "Last in touch 9 Mar 2024");
    }

    #[test]
    fn counts_take_the_right_form() {
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(count(2, "person", "people"), "2 people");
        assert_eq!(count(0, "photo", "photos"), "0 photos");
        assert_eq!(count(1, "reading", "readings"), "1 reading");
        assert_eq!(
            count(12_000, "interaction", "interactions"),
            "12,000 interactions"
        );
    }

    #[test]
    fn messages_end_with_one_full_stop() {
        assert_eq!(sentence("storage failed"), "Storage failed.");
        assert_eq!(sentence("Nothing was changed."), "Nothing was changed.");
        assert_eq!(
            sentence("Couldn't export: it failed"),
            "Couldn't export: it failed."
        );
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["Bill Hart"]), "Bill Hart");
        assert_eq!(
            and_list(&["Bill Hart", "Marta Silva"]),
            "Bill Hart and Marta Silva"
        );
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
