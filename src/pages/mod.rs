//! One module per screen.

pub mod backup;
pub mod contacts_io;
pub mod home;
pub mod merge;
pub mod organisations;
pub mod people;
pub mod person;
pub mod person_form;
pub mod settings;
pub mod trash;
