//! The one set of rules every record keeps, whoever made it: the person
//! form, a restored backup, an imported file. The forms refuse what breaks
//! them field by field (`commands`); a backup is refused record by record
//! in words ([`contact_problem`] and the others, used by `backup`); an
//! importer keeps a value the forms would refuse as a custom field rather
//! than lose it ([`Contact::tidy`]). So nothing can be stored that the
//! user could not save again from its form.

use crate::commands::{MAX_EMAIL, MAX_LINE, MAX_NAME, MAX_NOTES, MAX_PHONE, MAX_TAG};
use crate::contact::Contact;
use crate::dates::ImportantDate;
use crate::model::{Interaction, Labeled, Organisation, Task};
use crate::search::normalise;

/// The years a date may carry: four digits, from year 1.
pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// The picture types Kith keeps.
pub const PHOTO_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/gif", "image/webp"];

/// An address with one `@`, something on each side, no spaces.
pub fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && !domain.is_empty() && !s.contains(char::is_whitespace)
    ) && s.chars().count() <= MAX_EMAIL
}

/// Digits, with the signs phone numbers are written with.
pub fn is_phone(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().#*/,;pwxet".contains(c.to_ascii_lowercase()))
        && s.chars().count() <= MAX_PHONE
}

fn too_long(s: &str, max: usize) -> bool {
    // Bytes bound chars from above: most values need no count.
    s.len() > max && s.chars().count() > max
}

impl Contact {
    /// Keeps every value where the person form accepts it: an email or a
    /// phone number the form would refuse ("+49 PRIVAT", two `@`) moves to
    /// the custom fields, named as what it was; a tag holding commas
    /// becomes the tags the tag field would make of it.
    pub fn tidy(&mut self) {
        let mut moved = Vec::new();
        for (what, list, ok) in [
            ("email", &mut self.emails, is_email as fn(&str) -> bool),
            ("phone", &mut self.phones, is_phone),
        ] {
            list.retain(|l| {
                let keep = ok(l.value.trim());
                if !keep {
                    let label = match l.label.trim() {
                        "" => what.to_owned(),
                        label => format!("{what} ({label})"),
                    };
                    moved.push(Labeled {
                        label,
                        value: l.value.clone(),
                    });
                }
                keep
            });
        }
        for m in moved {
            let key = (normalise(&m.label), normalise(&m.value));
            if !self
                .custom_fields
                .iter()
                .any(|f| (normalise(&f.label), normalise(&f.value)) == key)
            {
                self.custom_fields.push(m);
            }
        }
        if self.tags.iter().any(|t| t.contains(',')) {
            let mut seen = std::collections::HashSet::new();
            self.tags = std::mem::take(&mut self.tags)
                .iter()
                .flat_map(|t| t.split(','))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty() && seen.insert(normalise(t)))
                .collect();
        }
    }
}

/// Why a person cannot be kept, in words; `None` when they can.
pub fn contact_problem(c: &Contact) -> Option<String> {
    let live = c.deleted.is_none() && c.merged_into.is_none();
    if live && c.name.trim().is_empty() {
        return Some("their name is empty".into());
    }
    for (what, value, max) in [
        ("name", &c.name, MAX_NAME),
        ("first name", &c.given_name, MAX_NAME),
        ("last name", &c.family_name, MAX_NAME),
        ("nickname", &c.nickname, MAX_NAME),
        ("pronunciation", &c.pronunciation, MAX_NAME),
        ("how you met", &c.how_we_met, MAX_LINE),
        ("notes", &c.notes, MAX_NOTES),
        ("priorities", &c.priorities, MAX_NOTES),
    ] {
        if too_long(value, max) {
            return Some(format!("their {what} is longer than {max} characters"));
        }
    }
    let lists = [
        ("address", &c.addresses),
        ("link", &c.links),
        ("custom field", &c.custom_fields),
    ];
    for (what, list) in lists {
        if list.iter().any(|l| too_long(&l.value, MAX_LINE)) {
            return Some(format!("an {what} is longer than {MAX_LINE} characters"));
        }
    }
    if let Some(t) = c.tags.iter().find(|t| too_long(t, MAX_TAG)) {
        let start: String = t.chars().take(20).collect();
        return Some(format!(
            "the tag “{start}…” is longer than {MAX_TAG} characters"
        ));
    }
    if c.family.iter().any(|m| too_long(&m.name, MAX_NAME)) {
        return Some(format!(
            "a family member's name is longer than {MAX_NAME} characters"
        ));
    }
    // As the form refuses it (`Directory::set_prefers`).
    if c.prefers
        .and_then(|p| p.day)
        .is_some_and(|d| !(1..=7).contains(&d))
    {
        return Some("their preferred weekday is not 1 (Monday) to 7 (Sunday)".into());
    }
    None
}

pub fn organisation_problem(o: &Organisation) -> Option<String> {
    if o.deleted.is_none() && o.name.trim().is_empty() {
        return Some("its name is empty".into());
    }
    if too_long(&o.name, MAX_NAME) {
        return Some(format!("its name is longer than {MAX_NAME} characters"));
    }
    if too_long(&o.address, MAX_LINE) {
        return Some(format!("its address is longer than {MAX_LINE} characters"));
    }
    None
}

pub fn interaction_problem(i: &Interaction) -> Option<String> {
    if i.contact_ids.is_empty() {
        return Some("it is with nobody".into());
    }
    if too_long(&i.notes, MAX_NOTES) {
        return Some(format!("its notes are longer than {MAX_NOTES} characters"));
    }
    match &i.temperature {
        Some(t) if !(1..=5).contains(&t.score) => Some(format!(
            "its satisfaction score is {} (it goes from 1 to 5)",
            t.score
        )),
        _ => None,
    }
}

pub fn task_problem(t: &Task) -> Option<String> {
    if t.contact_ids.is_empty() {
        return Some("it is with nobody".into());
    }
    too_long(&t.text, MAX_LINE).then(|| format!("its text is longer than {MAX_LINE} characters"))
}

/// A yearly date: a real day of a real month (29 February only in a
/// leap year when the year is known), or known in part (day 0; month 0
/// with a year), with a year of four digits.
pub fn date_problem(d: &ImportantDate) -> Option<String> {
    day_problem(d.month, d.day, d.year)
}

/// The rule of [`date_problem`] for a month, day and year read from a
/// file: `None` when they make a date Kith keeps.
pub fn day_problem(month: u32, day: u32, year: Option<i32>) -> Option<String> {
    if let Some(y) = year.filter(|y| !YEARS.contains(y)) {
        return Some(format!("its year {y} is not between 1 and 9999"));
    }
    let real = match (month, day, year) {
        (0, 0, Some(_)) => true,
        (1..=12, 0, Some(_)) => true,
        (m, d, None) => ImportantDate::is_valid_day(m, d),
        (m, d, Some(y)) => chrono::NaiveDate::from_ymd_opt(y, m, d).is_some(),
    };
    (!real).then(|| match year {
        Some(y) => format!("month {month}, day {day} of {y} is not a real date"),
        None => format!("month {month}, day {day} is not a real date"),
    })
}

#[cfg(test)]
mod tests;
