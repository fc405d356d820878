//! Where each [`Field`] the core can refuse is typed on screen: the one
//! place that turns a field into the element id of its input, so a form can
//! mark (`aria-invalid`) and focus the input a refusal names.
//!
//! The ids are those the forms give their inputs today. A field typed in
//! more than one place (a series of follow-ups can start from a person's
//! page or an organisation's) maps to the person page's input. `None` means
//! no single input with an id holds it (the temperature radio buttons, the
//! photo picker, the snooze buttons).

use kith_core::{DatePart, Field, RolePart};

/// The id of the input `field` is typed into, if it has one.
pub fn input_id(field: Field) -> Option<String> {
    let person = |part: &str| Some(format!("person-{part}"));
    let fixed = |id: &str| Some(id.to_owned());
    match field {
        Field::Name => person("name"),
        Field::GivenName => person("given_name"),
        Field::FamilyName => person("family_name"),
        Field::Nickname => person("nickname"),
        Field::Pronunciation => person("pronunciation"),
        Field::HowWeMet => person("how_we_met"),
        Field::Interests => person("interests"),
        Field::Tags => person("tags"),
        Field::Notes => person("notes"),
        Field::Email(row) => person(&format!("email-{row}")),
        Field::Phone(row) => person(&format!("phone-{row}")),
        Field::Address(row) => person(&format!("address-{row}")),
        Field::Link(row) => person(&format!("link-{row}")),
        Field::Custom(row) => person(&format!("custom-{row}")),
        Field::CustomLabel(row) => person(&format!("custom-{row}-label")),
        Field::Role(row, part) => {
            let part = match part {
                RolePart::Organisation => "organisation",
                RolePart::Title => "title",
                RolePart::Since => "since",
                RolePart::Until => "until",
            };
            person(&format!("role-{row}-{part}"))
        }
        Field::LogPeople => fixed("log-with"),
        Field::LogKind => fixed("log-kind"),
        Field::LogDate => fixed("log-date"),
        Field::LogTime => fixed("log-time"),
        Field::LogNotes => fixed("log-notes"),
        Field::LogTemperatureNote => fixed("log-temperature-note"),
        Field::LogDetails => fixed("log-details"),
        Field::LogDetailsAbout => fixed("log-details-about"),
        Field::LogFollowUp => fixed("log-follow-up"),
        Field::LogFollowUpDue => fixed("log-follow-up-due"),
        Field::Priorities => fixed("priorities-text"),
        Field::Cadence => fixed("cadence-count"),
        Field::SeriesText => fixed("series-text"),
        Field::OverdueAfter => fixed("overdue-after"),
        Field::FollowUpText => fixed("follow-up-text"),
        Field::FollowUpDue => fixed("follow-up-due"),
        Field::RelationOther => fixed("relation-other"),
        Field::FamilyMemberName => fixed("family-name"),
        Field::FamilyMemberRelation => fixed("family-relation"),
        Field::FamilyBirthday(part) => day_picker("family-birthday", part),
        Field::Date(DatePart::Label) => fixed("date-label"),
        Field::Date(DatePart::Lead) => fixed("date-lead"),
        Field::Date(part) => day_picker("date", part),
        Field::OrganisationName => fixed("organisation-name"),
        Field::OrganisationNotes => fixed("organisation-notes"),
        Field::HouseholdMember => fixed("household-member"),
        Field::HouseholdName => fixed("household-name"),
        Field::HouseholdAddress => fixed("household-address"),
        Field::LogTemperature
        | Field::LogInitiator
        | Field::PlanDay
        | Field::Detail
        | Field::Photo
        | Field::Snooze
        | Field::SeriesPeople
        | Field::Tag
        | Field::MergePair => None,
    }
}

/// The day and year inputs of a day picker whose ids start with `prefix`.
fn day_picker(prefix: &str, part: DatePart) -> Option<String> {
    match part {
        DatePart::Day => Some(format!("{prefix}-day")),
        DatePart::Year => Some(format!("{prefix}-year")),
        DatePart::Label | DatePart::Lead => None,
    }
}
