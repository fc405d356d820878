//! Instants. A [`Timestamp`] is milliseconds since the Unix epoch in UTC; it
//! orders record versions (`updated`) and marks tombstones. Days the user
//! means are `NaiveDate`s instead, see the crate docs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn as_datetime(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.0)
    }
}
