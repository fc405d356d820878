//! Message templates: what the user writes once ("Congratulations on the
//! new role, {first name}!") and sends to many, the placeholders filled
//! from the person, as text to copy or as a `mailto:` or `sms:` link.
//!
//! Templates are kept with the check-in settings (in the browser and in a
//! backup, `settings.check_in.templates`, backup version 5).

use crate::checkin::CheckInSettings;
use crate::contact::Contact;
use crate::search::same_words;
use serde::{Deserialize, Serialize};

/// A message template: a name to choose it by and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub name: String,
    pub body: String,
}

/// The placeholders a template may hold, and what each becomes.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    ("{first name}", "their first name"),
    ("{name}", "their full name"),
    ("{organisation}", "their organisation"),
    ("{interest}", "their first interest"),
];

/// Longest template name and text accepted, in characters.
pub const MAX_NAME: usize = 60;
pub const MAX_BODY: usize = 2_000;

impl CheckInSettings {
    /// Adds a template, or says why not in words: a name and a text are
    /// needed, within [`MAX_NAME`] and [`MAX_BODY`], and the name must be
    /// new (compared ignoring case and accents).
    pub fn add_template(&mut self, name: &str, body: &str) -> Result<(), &'static str> {
        let (name, body) = (name.trim(), body.trim());
        if name.is_empty() {
            return Err("Give the template a name, e.g. Congratulations.");
        }
        if body.is_empty() {
            return Err("Write the message the template holds.");
        }
        if name.chars().count() > MAX_NAME {
            return Err("Keep the name to 60 characters.");
        }
        if body.chars().count() > MAX_BODY {
            return Err("Keep the message to 2,000 characters.");
        }
        if self.templates.iter().any(|t| same_words(&t.name, name)) {
            return Err("A template has this name already: choose another.");
        }
        self.templates.push(Template {
            name: name.to_owned(),
            body: body.to_owned(),
        });
        Ok(())
    }

    /// Removes the template named `name`, if there is one.
    pub fn remove_template(&mut self, name: &str) {
        self.templates.retain(|t| t.name != name);
    }
}

/// `body` with its placeholders filled from `person` (and the name of
/// their organisation). A placeholder with nothing to fill it stays as
/// written, so the user sees what to write in its place.
pub fn fill(body: &str, person: &Contact, organisation: Option<&str>) -> String {
    let values = [
        person.first_name(),
        person.name.trim(),
        organisation.unwrap_or_default().trim(),
        person.interests.first().map_or("", |i| i.trim()),
    ];
    let mut out = body.to_owned();
    for ((placeholder, _), value) in PLACEHOLDERS.iter().zip(values) {
        if !value.is_empty() {
            out = out.replace(placeholder, value);
        }
    }
    out
}

/// A `mailto:` link to `email` with `text` as the message.
pub fn mailto(email: &str, text: &str) -> String {
    format!("mailto:{}?body={}", encode(email.trim()), encode(text))
}

/// An `sms:` link to `phone` with `text` as the message.
pub fn sms(phone: &str, text: &str) -> String {
    let number: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("sms:{number}?body={}", encode(text))
}

/// Percent-encodes everything but RFC 3986's unreserved characters (and
/// `@` in an address), as UTF-8.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> Contact {
        let mut c = Contact::new(
            crate::ids::ContactId::parse("ana").unwrap(),
            "Ana Cruz",
            crate::time::Timestamp(1),
        );
        c.interests = vec!["sailing".into(), "jazz".into()];
        c
    }

    #[test]
    fn placeholders_fill_from_the_person_and_unknown_ones_stay() {
        let text =
            "Hi {first name}! How is {organisation}? Any {interest} lately, {name}? {nickname}";
        assert_eq!(
            fill(text, &ana(), Some("Northwind")),
            "Hi Ana! How is Northwind? Any sailing lately, Ana Cruz? {nickname}"
        );
        // Nothing to fill: the placeholder stays for the user to replace.
        let mut bo = ana();
        bo.given_name = "Roberto".into();
        bo.interests.clear();
        assert_eq!(
            fill("{first name} at {organisation}, {interest}", &bo, None),
            "Roberto at {organisation}, {interest}"
        );
    }

    #[test]
    fn templates_need_a_new_name_and_a_message_within_limits() {
        let mut s = CheckInSettings::default();
        assert!(s.add_template("  ", "x").is_err());
        assert!(s.add_template("Hello", " ").is_err());
        assert!(s.add_template(&"n".repeat(61), "x").is_err());
        assert!(s.add_template("Long", &"x".repeat(2_001)).is_err());
        s.add_template(" Congratulations ", "Well done, {first name}!")
            .unwrap();
        assert_eq!(s.templates[0].name, "Congratulations");
        assert!(s.add_template("CONGRATULATIONS", "again").is_err());
        s.remove_template("Congratulations");
        assert!(s.templates.is_empty());
    }

    #[test]
    fn links_encode_the_message() {
        assert_eq!(
            mailto(" ana@example.com ", "Hi Ana & co, 100% ✓\nBye"),
            "mailto:ana@example.com?body=Hi%20Ana%20%26%20co%2C%20100%25%20%E2%9C%93%0ABye"
        );
        assert_eq!(
            sms("+44 (7700) 900-123", "Hi?"),
            "sms:+447700900123?body=Hi%3F"
        );
    }
}
