//! Files for other tools: people as vCard 4.0 (RFC 6350) and the coming
//! check-ins, follow-ups and yearly dates as an iCalendar file (RFC 5545)
//! with alarms, so a phone calendar reminds the user while Kith is closed.

use crate::calendar::Words;
use crate::checkin::CheckInSettings;
use crate::dates::{ByPerson, DateKind, ImportantDate};
use crate::directory::Directory;
use crate::encoding::base64_encode;
use crate::model::{Contact, Labeled, Photo, Task};
use crate::time::Timestamp;
use chrono::{Datelike, Days, NaiveDate};

/// Folds a content line at 75 octets (never inside a character), CRLF.
/// A line break that reached it unescaped (in an id, a photo's type) is
/// written as `\n`, so no value can add a line of its own to the file.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if c == '\r' || c == '\n' {
            out.push_str("\\n");
            width += 2;
            continue;
        }
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// Text value escapes shared by vCard and iCalendar.
/// A line break is `\n` whether written CRLF, LF or a lone CR.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// vCard TYPE values for a Kith label; `None` for a label of the user's
/// own, which goes in an Apple-style `X-ABLabel` instead.
fn vcard_types(label: &str) -> Option<&'static str> {
    Some(match label.trim().to_lowercase().as_str() {
        "" => "",
        "home" => "home",
        "work" => "work",
        "mobile" | "cell" => "cell",
        "fax" => "fax",
        "home fax" => "home,fax",
        "work fax" => "work,fax",
        "pager" => "pager",
        "main" => "voice",
        "other" => "other",
        _ => return None,
    })
}

/// People as one vCard 4.0 file. `photos` are embedded as data URIs.
pub fn vcard(
    people: &[&Contact],
    dir: &Directory,
    dates: &[ImportantDate],
    photos: &[Photo],
) -> String {
    let cards = Cards::new(dates, photos);
    let mut out = String::new();
    for c in people {
        cards.write(dir, c, &mut out);
    }
    out
}

/// Writes vCards one person at a time, so a caller can write a file of
/// 10,000 in slices. Each person's dates and photo are found by binary
/// search over lists sorted once, so the whole file is n log n, never
/// people × dates.
pub struct Cards<'a> {
    /// Live dates of the people themselves (not their family).
    dates: ByPerson<'a>,
    photos: Vec<&'a Photo>,
}

impl<'a> Cards<'a> {
    pub fn new(dates: &'a [ImportantDate], photos: &'a [Photo]) -> Self {
        let dates = ByPerson::new(
            dates
                .iter()
                .filter(|d| d.deleted.is_none() && d.family_member.is_none()),
        );
        let mut photos: Vec<&Photo> = photos.iter().collect();
        crate::sort::sort_by(&mut photos, |a, b| a.contact_id.cmp(&b.contact_id));
        Cards { dates, photos }
    }

    /// The card of `c`, appended to `out`; `dir` names their organisation.
    pub fn write(&self, dir: &Directory, c: &Contact, out: &mut String) {
        let own_dates = self.dates.of(&c.id);
        let at = self.photos.partition_point(|p| p.contact_id < c.id);
        let photo = self.photos.get(at).filter(|p| p.contact_id == c.id);
        let mut item = 0;
        let line = |out: &mut String, s: String| fold(out, &s);
        line(out, "BEGIN:VCARD".into());
        line(out, "VERSION:4.0".into());
        line(out, "PRODID:-//Kith//Kith//EN".into());
        line(out, format!("UID:{}", c.id));
        line(out, format!("FN:{}", escape(&c.name)));
        line(
            out,
            format!("N:{};{};;;", escape(&c.family_name), escape(&c.given_name)),
        );
        if !c.nickname.is_empty() {
            line(out, format!("NICKNAME:{}", escape(&c.nickname)));
        }
        if let Some(role) = c.current_roles().next() {
            if let Some(org) = dir.organisation(&role.organisation_id) {
                line(out, format!("ORG:{}", escape(&org.name)));
            }
            if !role.title.is_empty() {
                line(out, format!("TITLE:{}", escape(&role.title)));
            }
        }
        let mut labeled = |out: &mut String,
                           name: &str,
                           list: &[Labeled],
                           value: &dyn Fn(&str) -> String| {
            for l in list {
                match vcard_types(&l.label) {
                    Some("") => fold(out, &format!("{name}:{}", value(&l.value))),
                    Some(types) => fold(out, &format!("{name};TYPE={types}:{}", value(&l.value))),
                    None => {
                        item += 1;
                        fold(out, &format!("item{item}.{name}:{}", value(&l.value)));
                        fold(out, &format!("item{item}.X-ABLabel:{}", escape(&l.label)));
                    }
                }
            }
        };
        labeled(out, "EMAIL", &c.emails, &|v| escape(v));
        labeled(out, "TEL", &c.phones, &|v| escape(v));
        labeled(out, "ADR", &c.addresses, &|v| {
            format!(";;{};;;;", escape(v))
        });
        labeled(out, "URL", &c.links, &|v| escape(v));
        for d in own_dates {
            // RFC 6350 reduced accuracy: "2019", "2021-06".
            let day = match (d.year, d.month, d.day) {
                (Some(y), 0, _) => format!("{y:04}"),
                (Some(y), m, 0) => format!("{y:04}-{m:02}"),
                (Some(y), m, day) => format!("{y:04}{m:02}{day:02}"),
                (None, m, day) => format!("--{m:02}{day:02}"),
            };
            match d.kind {
                DateKind::Birthday => line(out, format!("BDAY:{day}")),
                DateKind::Anniversary => line(out, format!("ANNIVERSARY:{day}")),
                _ => {}
            }
        }
        for m in &c.family {
            let kind = match m.relation.to_lowercase().as_str() {
                "spouse" | "husband" | "wife" => "spouse",
                "child" | "son" | "daughter" => "child",
                "mother" | "father" | "parent" => "parent",
                "brother" | "sister" | "sibling" => "sibling",
                _ => "kin",
            };
            line(
                out,
                format!("RELATED;TYPE={kind};VALUE=text:{}", escape(&m.name)),
            );
        }
        if !c.tags.is_empty() {
            let tags: Vec<String> = c.tags.iter().map(|t| escape(t)).collect();
            line(out, format!("CATEGORIES:{}", tags.join(",")));
        }
        if !c.notes.is_empty() {
            line(out, format!("NOTE:{}", escape(&c.notes)));
        }
        // Only a picture type goes in the data URI: a restored type with a
        // line break or a comma in it cannot break the card.
        let picture = photo.and_then(|p| {
            let mime = crate::rules::PHOTO_TYPES
                .into_iter()
                .find(|t| *t == p.mime)
                .or_else(|| crate::encoding::image_mime(&p.bytes))?;
            Some((mime, p))
        });
        if let Some((mime, photo)) = picture {
            line(
                out,
                format!("PHOTO:data:{mime};base64,{}", base64_encode(&photo.bytes)),
            );
        }
        line(out, format!("REV:{}", stamp(c.updated)));
        line(out, "END:VCARD".into());
    }
}

/// An instant as iCalendar/vCard UTC date-time.
fn stamp(t: Timestamp) -> String {
    t.as_datetime()
        .map(|d| d.words("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_else(|| "19700101T000000Z".into())
}

fn ymd(d: NaiveDate) -> String {
    d.words("%Y%m%d").to_string()
}

/// One all-day event with a display alarm `lead_days` before (at 09:00 on
/// the day itself when 0).
#[allow(clippy::too_many_arguments)]
fn event(
    out: &mut String,
    uid: &str,
    now: Timestamp,
    day: NaiveDate,
    summary: &str,
    description: &str,
    rrule: Option<&str>,
    lead_days: u16,
) {
    fold(out, "BEGIN:VEVENT");
    fold(out, &format!("UID:{uid}@kith.local"));
    fold(out, &format!("DTSTAMP:{}", stamp(now)));
    fold(out, &format!("DTSTART;VALUE=DATE:{}", ymd(day)));
    fold(
        out,
        &format!(
            "DTEND;VALUE=DATE:{}",
            ymd(day.checked_add_days(Days::new(1)).unwrap_or(day))
        ),
    );
    if let Some(rule) = rrule {
        fold(out, &format!("RRULE:{rule}"));
    }
    fold(out, &format!("SUMMARY:{}", escape(summary)));
    if !description.is_empty() {
        fold(out, &format!("DESCRIPTION:{}", escape(description)));
    }
    fold(out, "TRANSP:TRANSPARENT");
    fold(out, "BEGIN:VALARM");
    fold(out, "ACTION:DISPLAY");
    fold(out, &format!("DESCRIPTION:{}", escape(summary)));
    let trigger = if lead_days == 0 {
        "PT9H".to_owned()
    } else {
        format!("-P{lead_days}D")
    };
    fold(out, &format!("TRIGGER:{trigger}"));
    fold(out, "END:VALARM");
    fold(out, "END:VEVENT");
}

/// The calendar: every person's next check-in (today for those already
/// due), open follow-ups on their day, and important dates as yearly
/// events. A 29 February date falls on the last day of February in common
/// years, as Kith reminds of it.
pub fn ics(
    dir: &Directory,
    dates: &[ImportantDate],
    tasks: &[Task],
    settings: &CheckInSettings,
    today: NaiveDate,
    now: Timestamp,
) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kith//Kith//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Kith",
    ] {
        fold(&mut out, l);
    }
    let mut people: Vec<&Contact> = dir.all_contacts().filter(|c| c.is_live()).collect();
    crate::sort::sort_by(&mut people, |a, b| {
        a.name.cmp(&b.name).then(a.id.cmp(&b.id))
    });
    for c in &people {
        if let Some(due) = dir.check_in_of(c, today, settings).due() {
            let day = due.max(today);
            event(
                &mut out,
                &format!("checkin-{}-{}", c.id, ymd(day)),
                now,
                day,
                &format!("Check in with {}", c.name),
                "A check-in from Kith.",
                None,
                0,
            );
        }
    }
    for t in tasks.iter().filter(|t| t.is_open()) {
        let names: Vec<&str> = t
            .contact_ids
            .iter()
            .filter_map(|id| dir.contact(id))
            .map(|c| c.name.as_str())
            .collect();
        let summary = if names.is_empty() {
            t.text.clone()
        } else {
            format!("{} — {}", t.text, names.join(", "))
        };
        event(
            &mut out,
            &format!("task-{}", t.id),
            now,
            t.due,
            &summary,
            "A follow-up from Kith.",
            None,
            0,
        );
    }
    for d in dates.iter().filter(|d| d.deleted.is_none()) {
        let Some(c) = dir.contact(&d.contact_id) else {
            continue;
        };
        let whose = match d
            .family_member
            .as_ref()
            .and_then(|m| c.family.iter().find(|f| &f.id == m))
        {
            Some(m) if m.relation.is_empty() => format!("{} ({}'s family)", m.name, c.name),
            Some(m) => format!("{} ({}'s {})", m.name, c.name, m.relation),
            None => c.name.clone(),
        };
        if d.is_partial() {
            // No day to put it on.
            continue;
        }
        let summary = format!("{whose}: {}", d.kind.label());
        let leap = d.month == 2 && d.day == 29;
        let start_year = d.year.unwrap_or_else(|| {
            let mut y = today.year();
            while leap && NaiveDate::from_ymd_opt(y, 2, 29).is_none() {
                y -= 1;
            }
            y
        });
        let Some(start) = NaiveDate::from_ymd_opt(start_year, d.month, d.day) else {
            continue;
        };
        let rule = if leap {
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
        } else {
            "FREQ=YEARLY"
        };
        event(
            &mut out,
            &format!("date-{}", d.id),
            now,
            start,
            &summary,
            &d.describe_day(),
            Some(rule),
            d.lead_days,
        );
    }
    fold(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests;
