//! Typed record ids. Each kind of record has its own id type so a contact id
//! can never be passed where an interaction id is meant. Ids are opaque
//! strings: random 128-bit values made at the edge, or whatever a backup
//! brings, as long as it is short and plain.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest id accepted from outside (imports, URLs).
pub const MAX_ID_LEN: usize = 64;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// An id from 16 random bytes, written as a lowercase UUID v4.
            pub fn from_random(bytes: [u8; 16]) -> Self {
                Self(uuid_v4(bytes))
            }

            /// Accepts an id from outside (a URL, an import) if it is plain.
            pub fn parse(raw: &str) -> Option<Self> {
                is_plain_id(raw).then(|| Self(raw.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a person.
    ContactId
);
id_type!(
    /// Identifies an organisation.
    OrganisationId
);
id_type!(
    /// Identifies one interaction (a call, a meeting, a meal...).
    InteractionId
);
id_type!(
    /// Identifies an important date (a birthday, an anniversary...).
    DateId
);
id_type!(
    /// Identifies a follow-up task.
    TaskId
);
id_type!(
    /// Identifies one detail learned about a person.
    DetailId
);
id_type!(
    /// Identifies a family member kept on a person's record.
    FamilyMemberId
);

fn is_plain_id(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= MAX_ID_LEN
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push_str(&format!("{byte:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_uuid_v4_shaped() {
        let id = ContactId::from_random([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(ContactId::parse(id.as_str()).is_some());
    }

    #[test]
    fn parse_rejects_odd_ids() {
        assert!(ContactId::parse("").is_none());
        assert!(ContactId::parse("a/b").is_none());
        assert!(ContactId::parse("<img>").is_none());
        assert!(ContactId::parse(&"a".repeat(65)).is_none());
        assert!(ContactId::parse("legacy_42").is_some());
    }
}
