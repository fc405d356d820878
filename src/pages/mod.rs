//! One module per screen.

pub mod people;
pub mod person;
pub mod person_form;
pub mod settings;
