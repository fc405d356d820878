//! Reusable pieces of the UI.

pub mod avatar;
pub mod notice;
pub mod people_list;
pub mod rows;
