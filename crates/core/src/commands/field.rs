//! The inputs a refused command can point at. A [`Field`] names what the
//! user typed into, in the words of the domain ("the second email", "the
//! year of the birthday"), never a screen's element id: the UI maps each
//! field to its own input in one place.
//!
//! Rows that repeat (emails, phones, roles, custom fields) carry their
//! position among the rows the form sent, counting from 0 and counting
//! blank rows, so it matches the row the user sees.

/// One input a user typed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    // The person form.
    Name,
    GivenName,
    FamilyName,
    Nickname,
    Pronunciation,
    HowWeMet,
    Interests,
    Tags,
    Notes,
    Email(usize),
    Phone(usize),
    Address(usize),
    Link(usize),
    /// A custom field's value.
    Custom(usize),
    /// A custom field's name.
    CustomLabel(usize),
    Role(usize, RolePart),

    // Logging an interaction.
    LogPeople,
    LogKind,
    LogDate,
    LogTime,
    LogNotes,
    /// The 1 to 5 score.
    LogTemperature,
    /// What they said about how it went.
    LogTemperatureNote,
    /// Who reached out.
    LogInitiator,
    /// A day of the week's plan, or a preferred weekday.
    PlanDay,
    LogDetails,
    LogDetailsAbout,
    LogFollowUp,
    LogFollowUpDue,

    // The rest of a person's page.
    /// A detail learned, typed on its own.
    Detail,
    Photo,
    /// What they care about right now.
    Priorities,
    /// How often to check in.
    Cadence,
    /// How many days to snooze.
    Snooze,
    /// A person's own maximum interval, in days.
    OverdueAfter,
    /// What a follow-up on its own says.
    FollowUpText,
    /// The day a follow-up on its own is due.
    FollowUpDue,
    /// What a series of follow-ups is about.
    SeriesText,
    /// Who a series of follow-ups is with.
    SeriesPeople,
    /// The other person of a link ("reports to ...").
    RelationOther,
    /// A family member's name.
    FamilyMemberName,
    /// How a family member is related ("daughter").
    FamilyMemberRelation,
    /// A family member's birthday.
    FamilyBirthday(DatePart),
    /// An important date of the person's own.
    Date(DatePart),

    // Organisations, tags, merging.
    OrganisationName,
    OrganisationNotes,
    /// A tag given to or taken from many people at once.
    Tag,
    /// The two people chosen to merge.
    MergePair,

    // Households.
    /// The person added to a household.
    HouseholdMember,
    HouseholdName,
    /// A household's shared address.
    HouseholdAddress,
}

/// The part of a role row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RolePart {
    Organisation,
    Title,
    Since,
    Until,
}

/// The part of a yearly date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePart {
    /// The name of a custom date ("Name day").
    Label,
    Day,
    Year,
    /// How many days ahead to remind.
    Lead,
}
