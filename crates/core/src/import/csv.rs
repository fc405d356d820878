//! CSV contact lists from Google Contacts (old and new headers), Outlook
//! (in its user's language), Thunderbird and LinkedIn's Connections.csv
//! (notes before the header). Reading is RFC 4180 with the usual
//! tolerance: quoted fields with CR, LF or CRLF inside, doubled quotes,
//! comma, semicolon or tab separators, UTF-8, UTF-16 and legacy charsets.
//! A column map, guessed from the header and changeable by the user, says
//! what each column holds.
//!
//! Why one file of about 670 lines: reading the text (RFC 4180), guessing
//! the column map from four tools' headers and turning rows into people are
//! one pipeline over one row type, and the header tables are much of it.

use super::text::{self, Charsets};
use super::vcard::parse_date;
use super::{ImportedPerson, Skipped};
use crate::dates::DateKind;
use crate::model::Labeled;
use crate::search::normalise;

/// A file's rows, the header found, and where it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// 1-based line of the header in the file (LinkedIn puts notes first).
    pub header_row: usize,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Ignore,
    Name,
    GivenName,
    MiddleName,
    FamilyName,
    Nickname,
    Email,
    Phone,
    Address,
    Street,
    City,
    Region,
    PostalCode,
    Country,
    Organisation,
    Title,
    Birthday,
    BirthYear,
    BirthMonth,
    BirthDay,
    Anniversary,
    Website,
    Notes,
    Tags,
    /// "Connected On" and the like: how the user came to know them.
    MetOn,
    /// The label of another column's value ("E-mail 1 - Type").
    Label,
    Relation,
}

impl Field {
    pub const ALL: [Field; 27] = [
        Field::Ignore,
        Field::Name,
        Field::GivenName,
        Field::MiddleName,
        Field::FamilyName,
        Field::Nickname,
        Field::Email,
        Field::Phone,
        Field::Address,
        Field::Street,
        Field::City,
        Field::Region,
        Field::PostalCode,
        Field::Country,
        Field::Organisation,
        Field::Title,
        Field::Birthday,
        Field::BirthYear,
        Field::BirthMonth,
        Field::BirthDay,
        Field::Anniversary,
        Field::Website,
        Field::Notes,
        Field::Tags,
        Field::MetOn,
        Field::Label,
        Field::Relation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Ignore => "Don't import",
            Field::Name => "Full name",
            Field::GivenName => "First name",
            Field::MiddleName => "Middle name",
            Field::FamilyName => "Last name",
            Field::Nickname => "Nickname",
            Field::Email => "Email",
            Field::Phone => "Phone",
            Field::Address => "Address (whole)",
            Field::Street => "Street",
            Field::City => "City",
            Field::Region => "Region or state",
            Field::PostalCode => "Postal code",
            Field::Country => "Country",
            Field::Organisation => "Organisation",
            Field::Title => "Job title",
            Field::Birthday => "Birthday",
            Field::BirthYear => "Birth year",
            Field::BirthMonth => "Birth month",
            Field::BirthDay => "Birth day",
            Field::Anniversary => "Anniversary",
            Field::Website => "Website",
            Field::Notes => "Notes",
            Field::Tags => "Tags",
            Field::MetOn => "Connected on",
            Field::Label => "Label of the next value",
            Field::Relation => "Family member",
        }
    }

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// One column's meaning: the field, the label its values get ("work",
/// "mobile"), which address it belongs to, and the column that holds each
/// row's own label, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub field: Field,
    pub label: String,
    pub group: String,
    pub label_from: Option<usize>,
}

impl Column {
    pub fn of(field: Field) -> Column {
        Column {
            field,
            label: String::new(),
            group: String::new(),
            label_from: None,
        }
    }
}

/// Splits CSV text into records. Quoted fields may hold separators, quotes
/// (doubled) and line breaks of any kind.
pub fn records(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    // Whether the field so far is only white space (kept as a flag: trimming
    // the field at each character was quadratic in a long run of spaces).
    let mut blank = true;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && blank {
            field.clear();
            quoted = true;
            blank = false;
        } else if c == sep {
            row.push(std::mem::take(&mut field));
            blank = true;
        } else if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
            any = false;
            blank = true;
        } else {
            blank &= c.is_whitespace();
            field.push(c);
        }
    }
    if any {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn separator(text: &str) -> char {
    let sample: String = text.chars().take(4000).collect();
    [',', ';', '\t']
        .into_iter()
        .max_by_key(|&s| sample.matches(s).count())
        .unwrap_or(',')
}

/// Reads a CSV file and finds its header: the row among the first ten
/// with the most known column names (so notes before it are skipped).
pub fn read(bytes: &[u8], charsets: &dyn Charsets, fallback: &str) -> Table {
    let utf8 = text::to_utf8_bytes(bytes, charsets);
    let text = text::decode(&utf8, None, fallback, charsets);
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = records(text, separator(text));
    let header_at = rows
        .iter()
        .take(10)
        .enumerate()
        .max_by_key(|(i, r)| {
            let known = r
                .iter()
                .filter(|h| guess_one(h).field != Field::Ignore)
                .count();
            (known, std::cmp::Reverse(*i))
        })
        .map(|(i, _)| i)
        .unwrap_or(0);
    let mut header: Vec<String> = rows
        .get(header_at)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|h| h.trim().to_owned())
        .collect();
    while header.last().is_some_and(|h| h.is_empty()) {
        header.pop();
    }
    let body = rows.split_off((header_at + 1).min(rows.len()));
    let rows = body
        .into_iter()
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        .collect();
    Table {
        header,
        rows,
        header_row: header_at + 1,
    }
}

/// What a header name means, by the names Google, Outlook (English and
/// German), Thunderbird and LinkedIn use.
fn guess_one(header: &str) -> Column {
    let h = normalise(header);
    let has = |w: &str| h.contains(w);
    let place = if has("home") || has("privat") || has("personal") {
        "home"
    } else if has("business") || has("work") || has("geschaftlich") || has("office") || has("firma")
    {
        "work"
    } else if has("other") || has("weitere") {
        "other"
    } else {
        ""
    };
    let numbered_group = || {
        h.split(" - ")
            .next()
            .filter(|p| p.starts_with("address") || p.starts_with("adresse"))
            .map(str::to_owned)
    };
    let col = |field: Field, label: &str| Column {
        field,
        label: label.to_owned(),
        group: String::new(),
        label_from: None,
    };
    if has(" - type") || has(" - label") || has("-typ") || has(": typ") || h == "e-mail-typ" {
        return col(Field::Label, "");
    }
    if h == "display name" {
        return col(Field::Name, "");
    }
    if has("yomi") || has("phonetic") || has("display") || has("angezeigt") || has("file as") {
        return col(Field::Ignore, "");
    }
    let exact = match h.as_str() {
        "name" | "full name" | "display name" => Some(Field::Name),
        "given name" | "first name" | "vorname" => Some(Field::GivenName),
        "additional name" | "middle name" | "weitere vornamen" => Some(Field::MiddleName),
        "family name" | "last name" | "nachname" | "surname" => Some(Field::FamilyName),
        "nickname" | "nick name" | "spitzname" => Some(Field::Nickname),
        "birthday" | "geburtstag" | "birth date" | "date of birth" => Some(Field::Birthday),
        "birth year" => Some(Field::BirthYear),
        "birth month" => Some(Field::BirthMonth),
        "birth day" => Some(Field::BirthDay),
        "anniversary" | "jahrestag" => Some(Field::Anniversary),
        "notes" | "note" | "notizen" => Some(Field::Notes),
        "group membership" | "labels" | "categories" | "kategorien" => Some(Field::Tags),
        "connected on" => Some(Field::MetOn),
        "company"
        | "firma"
        | "organization"
        | "organisation"
        | "organization name"
        | "organization 1 - name"
        | "company name" => Some(Field::Organisation),
        "job title" | "position" | "organization title" | "organization 1 - title" => {
            Some(Field::Title)
        }
        "url" | "web page" | "webseite" | "web page 1" | "web page 2" | "website" => {
            Some(Field::Website)
        }
        "partner" | "spouse" => Some(Field::Relation),
        _ => None,
    };
    if let Some(field) = exact {
        let mut c = col(field, "");
        if field == Field::Relation {
            c.label = "spouse".into();
        }
        return c;
    }
    if has("e-mail") || has("email") {
        let label = if has("secondary") || has("e-mail 2") {
            "other"
        } else {
            place
        };
        return col(Field::Email, label);
    }
    if has("relation") && has("value") {
        return col(Field::Relation, "");
    }
    if has("event") && has("value") {
        return col(Field::Anniversary, "");
    }
    if (has("website") || has("web page")) && !has("type") {
        return col(Field::Website, place);
    }
    if has("phone") || has("telefon") || has("mobil") || has("fax") || has("pager") || has("cell") {
        let label = if has("mobil") || has("cell") {
            "mobile".to_owned()
        } else if has("fax") {
            if place.is_empty() {
                "fax".to_owned()
            } else {
                format!("{place} fax")
            }
        } else if has("pager") {
            "pager".to_owned()
        } else {
            place.to_owned()
        };
        return col(Field::Phone, &label);
    }
    let group = numbered_group().unwrap_or_else(|| place.to_owned());
    let part = if has("formatted") {
        Some(Field::Address)
    } else if has("street") || has("strasse") || has("address") || has("adresse") {
        Some(Field::Street)
    } else if has("city") || has("ort") {
        Some(Field::City)
    } else if has("region") || has("state") || has("bundesland") || has("province") {
        Some(Field::Region)
    } else if has("postal") || has("zip") || has("postleitzahl") {
        Some(Field::PostalCode)
    } else if has("country") || has("land") {
        Some(Field::Country)
    } else {
        None
    };
    match part {
        Some(field) if !has("po box") && !has("postfach") && !has("extended") => Column {
            field,
            label: if group.starts_with("address") || group.starts_with("adresse") {
                String::new()
            } else {
                group.clone()
            },
            group,
            label_from: None,
        },
        _ => col(Field::Ignore, ""),
    }
}

/// A guess for every column. A `Label` column names the label of the
/// value column that follows it with the same prefix ("E-mail 1 - Type"
/// then "E-mail 1 - Value"); an address group's parts are skipped when
/// it has a whole formatted address.
pub fn guess(header: &[String]) -> Vec<Column> {
    let mut columns: Vec<Column> = header.iter().map(|h| guess_one(h)).collect();
    let prefix = |h: &str| h.split(" - ").next().unwrap_or("").trim().to_lowercase();
    // The first label column of each prefix, found once (a search per
    // column was quadratic in a header of many label/value pairs).
    let mut labels: std::collections::HashMap<String, usize> = Default::default();
    for (j, c) in columns.iter().enumerate() {
        if c.field == Field::Label {
            labels.entry(prefix(&header[j])).or_insert(j);
        }
    }
    for i in 0..columns.len() {
        if columns[i].field == Field::Label || !header[i].contains(" - ") {
            continue;
        }
        let p = prefix(&header[i]);
        if !p.is_empty() {
            columns[i].label_from = labels.get(&p).copied();
        }
    }
    let formatted: Vec<String> = columns
        .iter()
        .filter(|c| c.field == Field::Address)
        .map(|c| c.group.clone())
        .collect();
    for c in &mut columns {
        if matches!(
            c.field,
            Field::Street | Field::City | Field::Region | Field::PostalCode | Field::Country
        ) && formatted.contains(&c.group)
        {
            c.field = Field::Ignore;
        }
    }
    columns
}

fn clean_label(label: &str) -> String {
    label
        .split(" ::: ")
        .map(|l| l.trim().trim_start_matches("* ").trim())
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

/// Day, month, year in the shapes contact lists use: ISO, `--MM-DD`,
/// `14 Mar 2023`, `21.3.1980`, `3/21/1980`; placeholders like `0.0.00`
/// are no date.
fn parse_any_date(value: &str) -> Option<(u32, u32, Option<i32>)> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if let Some(d) = parse_date(v, None) {
        return Some(d);
    }
    // "14 Mar 2023", "14 March 2023", "March 14, 2023"
    let words: Vec<&str> = v.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let month_of = |w: &str| {
        let w = w.to_lowercase();
        crate::dates::MONTHS
            .iter()
            .position(|m| w.len() >= 3 && m.to_lowercase().starts_with(&w))
            .map(|i| i as u32 + 1)
    };
    let number = |w: &str| w.parse::<i32>().ok();
    let (day, month, year) = match words.as_slice() {
        [d, m, y] if month_of(m).is_some() => (number(d), month_of(m), number(y)),
        [m, d, y] if month_of(m).is_some() => (number(d), month_of(m), number(y)),
        _ => {
            // "21.3.1980" (day first) and "3/21/1980" (month first).
            let (sep, day_first) = if v.contains('.') {
                ('.', true)
            } else {
                ('/', false)
            };
            let parts: Vec<i32> = v.split(sep).filter_map(|p| p.trim().parse().ok()).collect();
            match parts.as_slice() {
                [a, b, y] if day_first => (Some(*a), Some(*b as u32), Some(*y)),
                [a, b, y] => (Some(*b), Some(*a as u32), Some(*y)),
                _ => (None, None, None),
            }
        }
    };
    let (day, month, year) = (day? as u32, month?, year?);
    if year > 1800 && year <= 9999 && chrono::NaiveDate::from_ymd_opt(year, month, day).is_some() {
        return Some((month, day, Some(year)));
    }
    None
}

/// The people in a table under a column map. Rows with nothing to name a
/// person by are skipped and reported.
pub fn people(table: &Table, columns: &[Column]) -> (Vec<ImportedPerson>, Vec<Skipped>) {
    let mut people = Vec::new();
    let mut skipped = Vec::new();
    for (n, row) in table.rows.iter().enumerate() {
        let cell = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
        let mut p = ImportedPerson::default();
        let mut middle = String::new();
        let mut birth = (None::<i32>, None::<u32>, None::<u32>);
        let mut addresses: Vec<(String, String, [String; 5])> = Vec::new();
        for (i, col) in columns.iter().enumerate() {
            let value = cell(i);
            if value.is_empty() {
                continue;
            }
            let label = match col.label_from {
                Some(j) if !cell(j).is_empty() => clean_label(cell(j)),
                _ => col.label.clone(),
            };
            let values = value
                .split(" ::: ")
                .map(str::trim)
                .filter(|v| !v.is_empty());
            match col.field {
                Field::Ignore | Field::Label => {}
                Field::Name => p.name = value.to_owned(),
                Field::GivenName => p.given_name = value.to_owned(),
                Field::MiddleName => middle = value.to_owned(),
                Field::FamilyName => p.family_name = value.to_owned(),
                Field::Nickname => p.nickname = value.to_owned(),
                Field::Email => {
                    for v in values.filter(|v| v.contains('@')) {
                        push(&mut p.emails, &label, v);
                    }
                }
                Field::Phone => {
                    for v in values.filter(|v| v.chars().any(char::is_alphanumeric)) {
                        push(&mut p.phones, &label, v);
                    }
                }
                Field::Website => {
                    for v in values {
                        push(&mut p.links, &label, v);
                    }
                }
                Field::Organisation => {
                    if p.organisation.is_empty() {
                        p.organisation = value.to_owned();
                    }
                }
                Field::Title => {
                    if p.title.is_empty() {
                        p.title = value.to_owned();
                    }
                }
                Field::Notes => p.notes = value.replace("\r\n", "\n").replace('\r', "\n"),
                Field::Tags => {
                    for t in value.split(" ::: ").flat_map(|t| t.split(';')) {
                        let t = t.trim().trim_start_matches("* ").trim();
                        if !t.eq_ignore_ascii_case("my contacts")
                            && !t.eq_ignore_ascii_case("mycontacts")
                        {
                            p.tags.push(t.to_owned()); // finish() drops repeats
                        }
                    }
                }
                Field::MetOn => {
                    p.how_we_met = match parse_any_date(value) {
                        Some((m, d, Some(y))) => format!(
                            "Connected on {} {} {y}",
                            d,
                            crate::dates::MONTHS[(m - 1) as usize]
                        ),
                        _ => format!("Connected on {value}"),
                    }
                }
                Field::Birthday => match parse_any_date(value) {
                    Some((m, d, y)) => p.add_date(DateKind::Birthday, m, d, y),
                    None => p.dropped.push(not_a_date("birthday", value)),
                },
                Field::BirthYear => birth.0 = value.parse().ok().filter(|y| *y > 0),
                Field::BirthMonth => birth.1 = value.parse().ok(),
                Field::BirthDay => birth.2 = value.parse().ok(),
                Field::Anniversary => match parse_any_date(value) {
                    Some((m, d, y)) => {
                        let kind = match label.as_str() {
                            "" | "anniversary" => DateKind::Anniversary,
                            "birthday" => DateKind::Birthday,
                            other => DateKind::Custom(capitalised(other)),
                        };
                        p.add_date(kind, m, d, y);
                    }
                    None => p.dropped.push(not_a_date("date", value)),
                },
                Field::Relation => {
                    let relation = if label.is_empty() {
                        "relative".to_owned()
                    } else {
                        label
                    };
                    p.family.push((value.to_owned(), relation));
                }
                Field::Address
                | Field::Street
                | Field::City
                | Field::Region
                | Field::PostalCode
                | Field::Country => {
                    let slot = match addresses.iter().position(|(g, _, _)| *g == col.group) {
                        Some(s) => s,
                        None => {
                            addresses.push((col.group.clone(), label.clone(), Default::default()));
                            addresses.len() - 1
                        }
                    };
                    if !label.is_empty() {
                        addresses[slot].1 = label.clone();
                    }
                    let part = match col.field {
                        Field::Address | Field::Street => 0,
                        Field::PostalCode => 1,
                        Field::City => 2,
                        Field::Region => 3,
                        _ => 4,
                    };
                    let text = value
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let target = &mut addresses[slot].2[part];
                    if !target.is_empty() {
                        target.push_str(", ");
                    }
                    target.push_str(&text);
                }
            }
        }
        if let (Some(m), Some(d)) = (birth.1, birth.2) {
            // One rule with the forms and restore: 29 February 2023 is no day.
            match crate::rules::day_problem(m, d, birth.0) {
                None => p.add_date(DateKind::Birthday, m, d, birth.0),
                Some(why) => p
                    .dropped
                    .push(format!("its birthday is not imported: {why}")),
            }
        }
        for (_, label, [street, code, city, region, country]) in addresses {
            let town = [code, city]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let line = [street, town, region, country]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            push(&mut p.addresses, &label, &line);
        }
        if p.name.is_empty() {
            p.name = [
                p.given_name.as_str(),
                middle.as_str(),
                p.family_name.as_str(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        }
        let position = table.header_row + n + 1;
        match p.finish() {
            Some(mut p) => {
                skipped.extend(
                    p.dropped
                        .drain(..)
                        .map(|reason| Skipped { position, reason }),
                );
                p.position = position;
                people.push(p);
            }
            None => skipped.push(Skipped {
                position,
                reason: "it has no name, email or phone number".into(),
            }),
        }
    }
    (people, skipped)
}

fn not_a_date(what: &str, value: &str) -> String {
    let value: String = value.chars().take(40).collect();
    format!("its {what} “{value}” is not a date Kith can read, so it is not imported")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Repeats are dropped by `finish`, in one pass for the whole list.
fn push(list: &mut Vec<Labeled>, label: &str, value: &str) {
    if !value.is_empty() {
        list.push(Labeled {
            label: label.to_owned(),
            value: value.to_owned(),
        });
    }
}

#[cfg(test)]
mod tests;
