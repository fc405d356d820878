//! Reusable pieces of the UI.

pub mod avatar;
pub mod brief;
pub mod dialog;
pub mod escape;
pub mod field_ids;
pub mod file_pick;
pub mod follow_ups;
pub mod form;
pub mod health;
pub mod interaction_form;
pub mod log;
pub mod notice;
pub mod people_list;
pub mod quick_detail;
pub mod read_failed;
pub mod show;
pub mod subform;
pub mod update;
pub mod week_plan;
pub mod window;
