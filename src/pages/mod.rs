//! One module per screen.

pub mod duplicates;
pub mod home;
pub mod merge;
pub mod notes_found;
pub mod organisation_parts;
pub mod organisations;
pub mod people;
pub mod person;
pub mod settings;
pub mod trash;
