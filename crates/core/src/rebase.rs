//! Two tabs writing the same person at once. A command changes a person
//! as this tab last saw them (the *base*); if another tab stored a newer
//! version meanwhile (*theirs*), writing *ours* as it is would undo their
//! change. Instead the store merges the two changes three ways, field by
//! field: what only one side changed is kept; lists of records with ids
//! (details, family) and of values (emails, tags...) keep what either side
//! added and drop what either side removed; when both changed the same
//! single value, ours wins (it is the later action).

use crate::model::Contact;
use serde_json::{Map, Value};

/// Ours rebased on theirs, or ours as it is when it cannot be read.
pub fn rebase_contact(base: &Contact, ours: &Contact, theirs: &Contact) -> Contact {
    // Through text, not `to_value`/`from_value`: the wasm then carries no
    // second serialiser and deserialiser for people (about 13 kB).
    let value = |c: &Contact| {
        serde_json::to_string(c)
            .ok()
            .and_then(|text| serde_json::from_slice::<Value>(text.as_bytes()).ok())
    };
    let (Some(b), Some(o), Some(t)) = (value(base), value(ours), value(theirs)) else {
        return ours.clone();
    };
    let mut merged: Contact =
        serde_json::from_str(&merge(&b, &o, &t).to_string()).unwrap_or_else(|_| ours.clone());
    merged.updated = ours.updated.max(theirs.updated);
    merged.normalise();
    merged
}

fn merge(base: &Value, ours: &Value, theirs: &Value) -> Value {
    if ours == base {
        return theirs.clone();
    }
    if theirs == base || ours == theirs {
        return ours.clone();
    }
    match (base, ours, theirs) {
        (_, Value::Object(o), Value::Object(t)) => {
            let empty = Map::new();
            let b = base.as_object().unwrap_or(&empty);
            let mut out = Map::new();
            for key in t.keys().chain(o.keys()) {
                if out.contains_key(key) {
                    continue;
                }
                let pick = |m: &Map<String, Value>| m.get(key).cloned().unwrap_or(Value::Null);
                out.insert(key.clone(), merge(&pick(b), &pick(o), &pick(t)));
            }
            Value::Object(out)
        }
        (_, Value::Array(o), Value::Array(t)) => {
            let empty = Vec::new();
            let b = base.as_array().unwrap_or(&empty);
            Value::Array(merge_list(b, o, t))
        }
        _ => ours.clone(),
    }
}

/// The key of a list item: its `id` when it has one, else the whole item.
fn key(v: &Value) -> Value {
    v.get("id").cloned().unwrap_or_else(|| v.clone())
}

fn merge_list(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let find = |list: &[Value], k: &Value| list.iter().find(|x| key(x) == *k).cloned();
    let mut out = Vec::new();
    // Theirs, less what we removed, each merged with our version of it.
    for t in theirs {
        let k = key(t);
        match (find(base, &k), find(ours, &k)) {
            (Some(_), None) => {}
            (Some(b), Some(o)) => out.push(merge(&b, &o, t)),
            (None, Some(o)) => out.push(merge(&Value::Null, &o, t)),
            (None, None) => out.push(t.clone()),
        }
    }
    // What we added that they do not have, unless they removed it.
    for o in ours {
        let k = key(o);
        if find(theirs, &k).is_none() && find(base, &k).is_none() {
            out.push(o.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::contact;
    use crate::ids::DetailId;
    use crate::model::{Detail, Labeled};
    use crate::time::Timestamp;

    fn detail(id: &str, text: &str) -> Detail {
        Detail {
            id: DetailId::parse(id).unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            text: text.into(),
            pinned: false,
        }
    }

    #[test]
    fn both_sides_keep_their_changes() {
        let base = contact("ana", "Ana");
        let mut ours = base.clone();
        ours.details.push(detail("mine", "Written in tab A"));
        ours.nickname = "Annie".into();
        ours.updated = Timestamp(5_000);
        let mut theirs = base.clone();
        theirs.details.push(detail("theirs", "Written in tab B"));
        theirs.emails.push(Labeled {
            label: "home".into(),
            value: "ana@home.test".into(),
        });
        theirs.details.retain(|d| d.id.as_str() != "ana-d1");
        theirs.updated = Timestamp(4_000);
        let merged = rebase_contact(&base, &ours, &theirs);
        let texts: Vec<&str> = merged.details.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Written in tab B", "Written in tab A"],
            "both added, their removal kept"
        );
        assert_eq!(merged.nickname, "Annie");
        assert_eq!(merged.emails.len(), 2);
        assert_eq!(merged.updated, Timestamp(5_000));
    }

    #[test]
    fn when_both_change_one_value_ours_wins_and_nothing_else_moves() {
        let base = contact("ana", "Ana");
        let mut ours = base.clone();
        ours.name = "Ana Cruz".into();
        let mut theirs = base.clone();
        theirs.name = "Ana C.".into();
        theirs.notes = "their notes".into();
        let merged = rebase_contact(&base, &ours, &theirs);
        assert_eq!(merged.name, "Ana Cruz");
        assert_eq!(merged.notes, "their notes");
        assert_eq!(
            rebase_contact(&base, &base, &theirs),
            theirs,
            "no change of ours keeps theirs"
        );
    }
}
