//! Telling two records of the same person apart on the merge page: two
//! "Ana Cruz" rows say nothing about which one is kept. Each record is
//! described by its first email, its organisation and the day it was
//! added; the short form names only as much as makes the two differ.

use crate::calendar::Words;
use crate::directory::Directory;
use crate::ids::ContactId;
use crate::model::Contact;
use crate::time::Timestamp;
use chrono::NaiveDate;

/// One record as the merge page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Told {
    /// Name and what tells it from the other, e.g. "Ana Cruz
    /// (ana@harbor.com, Harbor Logistics)": differs from the other's.
    pub short: String,
    /// Everything known that tells records apart: email, organisation,
    /// "added 3 Mar 2025".
    pub facts: Vec<String>,
}

impl Directory {
    /// Both records described so that the short forms differ. `day` turns
    /// an instant into the user's calendar day (the page knows the time
    /// zone). `None` when either person is gone.
    pub fn tell_apart(
        &self,
        a: &ContactId,
        b: &ContactId,
        day: impl Fn(Timestamp) -> Option<NaiveDate>,
    ) -> Option<(Told, Told)> {
        let (a, b) = (self.contact(a)?, self.contact(b)?);
        let reach = |c: &Contact| -> Vec<String> {
            c.primary_email()
                .map(str::to_owned)
                .into_iter()
                .chain(self.organisation_of(c).map(|o| o.name.clone()))
                .collect()
        };
        let added = |c: &Contact| day(c.created).map(|d| format!("added {}", d.words("%-d %b %Y")));
        let short = |c: &Contact, facts: &[String]| {
            if facts.is_empty() {
                c.name.clone()
            } else {
                format!("{} ({})", c.name, facts.join(", "))
            }
        };
        let (mut fa, mut fb) = (reach(a), reach(b));
        if short(a, &fa) == short(b, &fb) {
            fa.extend(added(a));
            fb.extend(added(b));
        }
        if short(a, &fa) == short(b, &fb) {
            // Same everything, even the day: say which came first.
            let a_first = (a.created, &a.id) < (b.created, &b.id);
            let (first, second) = if a_first {
                (&mut fa, &mut fb)
            } else {
                (&mut fb, &mut fa)
            };
            first.push("added first".to_owned());
            second.push("added second".to_owned());
        }
        let told = |c: &Contact, short_facts: &[String]| {
            let mut facts = reach(c);
            facts.extend(added(c));
            Told {
                short: short(c, short_facts),
                facts,
            }
        };
        Some((told(a, &fa), told(b, &fb)))
    }
}

#[cfg(test)]
mod tests {
    use crate::commands::testing::{add, input, labeled};
    use crate::commands::ContactInput;
    use crate::directory::Directory;
    use crate::time::Timestamp;
    use chrono::{DateTime, NaiveDate};

    fn utc(t: Timestamp) -> Option<NaiveDate> {
        DateTime::from_timestamp_millis(t.0).map(|d| d.date_naive())
    }

    const MARCH_3: i64 = 1_740_960_000_000; // 2025-03-03T00:00Z
    const JUNE_9: i64 = 1_749_427_200_000; // 2025-06-09T00:00Z

    #[test]
    fn same_names_are_told_apart_by_email_and_organisation() {
        let mut dir = Directory::default();
        let work = ContactInput {
            emails: vec![labeled("ana@harbor.com")],
            ..input("Ana Cruz", "Harbor Logistics")
        };
        let home = ContactInput {
            emails: vec![labeled("ana.cruz@gmail.com")],
            ..input("Ana Cruz", "")
        };
        let a = add(&mut dir, &work, MARCH_3);
        let b = add(&mut dir, &home, JUNE_9);
        let (ta, tb) = dir.tell_apart(&a, &b, utc).unwrap();
        assert_eq!(ta.short, "Ana Cruz (ana@harbor.com, Harbor Logistics)");
        assert_eq!(tb.short, "Ana Cruz (ana.cruz@gmail.com)");
        assert_eq!(
            ta.facts,
            ["ana@harbor.com", "Harbor Logistics", "added 3 Mar 2025"]
        );
        assert_eq!(tb.facts, ["ana.cruz@gmail.com", "added 9 Jun 2025"]);
    }

    #[test]
    fn identical_records_are_told_apart_by_when_they_were_added() {
        let mut dir = Directory::default();
        let a = add(&mut dir, &input("Ana Cruz", ""), MARCH_3);
        let b = add(&mut dir, &input("Ana Cruz", ""), JUNE_9);
        let (ta, tb) = dir.tell_apart(&a, &b, utc).unwrap();
        assert_eq!(ta.short, "Ana Cruz (added 3 Mar 2025)");
        assert_eq!(tb.short, "Ana Cruz (added 9 Jun 2025)");
        let c = add(&mut dir, &input("Ana Cruz", ""), MARCH_3 + 60_000);
        let (ta, tc) = dir.tell_apart(&a, &c, utc).unwrap();
        assert_eq!(ta.short, "Ana Cruz (added 3 Mar 2025, added first)");
        assert_eq!(tc.short, "Ana Cruz (added 3 Mar 2025, added second)");
        assert_ne!(ta.short, tc.short);
    }
}
