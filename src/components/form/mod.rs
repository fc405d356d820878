//! Form pieces shared by every form: repeated values (emails, phones,
//! roles...) in `rows`.

pub mod rows;
