//! Tests of `import` (kept beside it, so the module itself stays short).

use super::text::Utf8Only;
use super::*;
use crate::commands::testing::{add, input, with_ctx};
use crate::dates::ImportantDate;
use crate::directory::Directory;

const CARD: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc-1\r\nFN:Ana Kruse\r\nN:Kruse;Ana;;;\r\nORG:Acme\r\nTITLE:Buyer\r\nEMAIL:ana@example.com\r\nTEL;TYPE=CELL:+1 (555) 010-0100\r\nBDAY:--0314\r\nX-SPOUSE:Bo\r\nEND:VCARD\r\n";

fn import(dir: &mut Directory, text: &str, dates: &mut Vec<ImportantDate>) -> ImportPlan {
    let (people, skipped) = vcard::parse(text.as_bytes(), &Utf8Only, "windows-1252");
    let plan = dir.plan_import(people, skipped, dates);
    let (batch, _) = with_ctx(1_000, |ctx| dir.apply_import(&plan, dates, ctx));
    dir.apply(&batch);
    dates.extend(batch.dates.iter().cloned());
    plan
}

#[test]
fn importing_the_same_file_twice_adds_nobody() {
    let mut dir = Directory::new(vec![], vec![]);
    let mut dates = Vec::new();
    let first = import(&mut dir, CARD, &mut dates);
    assert_eq!(
        (first.new_people(), first.updated(), first.unchanged()),
        (1, 0, 0)
    );
    let ana = dir.search("")[0].clone();
    let ana = dir.contact(&ana).unwrap();
    assert_eq!(ana.uids, vec!["abc-1"]);
    assert_eq!(dir.organisation_of(ana).unwrap().name, "Acme");
    assert_eq!(ana.roles[0].title, "Buyer");
    assert_eq!(ana.family[0].name, "Bo");
    assert_eq!(dates.len(), 1);
    let second = import(&mut dir, CARD, &mut dates);
    assert_eq!(
        (second.new_people(), second.updated(), second.unchanged()),
        (0, 0, 1)
    );
    assert_eq!(dir.all_contacts().count(), 1);
    assert_eq!(dir.organisations().len(), 1);
    assert_eq!(dates.len(), 1);
}

#[test]
fn people_are_found_by_uid_then_email_then_phone() {
    let mut dir = Directory::new(vec![], vec![]);
    let mut form = input("Ana K.", "");
    form.phones = vec![crate::commands::testing::labeled("555 010 0100")];
    let ana = add(&mut dir, &form, 10);
    let mut dates = Vec::new();
    // Same phone written differently, no uid or email match yet.
    let plan = import(&mut dir, CARD, &mut dates);
    assert_eq!(plan.people[0].1, Action::Update(ana.clone()));
    let c = dir.contact(&ana).unwrap();
    assert_eq!(c.name, "Ana K.", "a name the user wrote is kept");
    assert_eq!(c.emails[0].value, "ana@example.com");
    assert_eq!(c.phones.len(), 1, "the same number is not added twice");
    // Now by email, with another uid.
    let by_email = CARD
        .replace("UID:abc-1", "UID:other")
        .replace("+1 (555) 010-0100", "999 999 999");
    let plan = dir.plan_import(
        vcard::parse(by_email.as_bytes(), &Utf8Only, "utf-8").0,
        vec![],
        &dates,
    );
    assert_eq!(plan.people[0].1, Action::Update(ana.clone()));
    // By the kept uid alone.
    let by_uid = "BEGIN:VCARD\nUID:abc-1\nFN:Someone Else\nEND:VCARD\n";
    let plan = dir.plan_import(
        vcard::parse(by_uid.as_bytes(), &Utf8Only, "utf-8").0,
        vec![],
        &dates,
    );
    assert!(
        matches!(plan.people[0].1, Action::Same(ref id) | Action::Update(ref id) if *id == ana)
    );
    // Kith's own export uses the Kith id as UID.
    let own = format!("BEGIN:VCARD\nUID:{ana}\nFN:Ana\nEND:VCARD\n");
    let plan = dir.plan_import(
        vcard::parse(own.as_bytes(), &Utf8Only, "utf-8").0,
        vec![],
        &dates,
    );
    assert!(matches!(plan.people[0].1, Action::Same(ref id) if *id == ana));
}

#[test]
fn one_person_listed_twice_in_a_file_is_one_person() {
    let mut dir = Directory::new(vec![], vec![]);
    let twice = format!("{CARD}BEGIN:VCARD\nFN:Ana Kruse\nEMAIL:ana@example.com\nEMAIL:ana@home.example\nEND:VCARD\n");
    let plan = import(&mut dir, &twice, &mut Vec::new());
    assert_eq!(plan.people.len(), 1);
    let id = dir.search("")[0].clone();
    assert_eq!(dir.contact(&id).unwrap().emails.len(), 2);
}

#[test]
fn a_card_naming_nobody_is_skipped_with_its_number() {
    let (people, skipped) = vcard::parse(
        b"BEGIN:VCARD\nNOTE:hello\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n",
        &Utf8Only,
        "utf-8",
    );
    assert_eq!(people.len(), 1);
    assert_eq!(
        skipped,
        vec![Skipped {
            position: 1,
            reason: "it has no name, email or phone number".into()
        }]
    );
}

#[test]
fn organisations_in_a_file_match_the_ones_here_by_name_and_the_plan_says_so() {
    let mut dir = Directory::new(vec![], vec![]);
    add(&mut dir, &input("Hana Hand", "Harbor Logistics"), 1);
    let file =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ola Port\r\nORG:HARBOR  LOGISTICS.\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pia Port\r\nORG:harbor logistics\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Quin New\r\nORG:Northwind\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rae New\r\nORG:Northwind.\r\nEND:VCARD\r\n";
    let plan = import(&mut dir, file, &mut Vec::new());
    assert_eq!(
        plan.organisations,
        [
            (
                "HARBOR LOGISTICS.".to_owned(),
                Some("Harbor Logistics".to_owned())
            ),
            ("Northwind".to_owned(), None),
        ]
    );
    let names: Vec<_> = dir.organisations().iter().map(|o| o.name.clone()).collect();
    assert_eq!(names, ["Harbor Logistics", "Northwind"], "one of each");
    let harbor = dir
        .organisation_named("Harbor Logistics")
        .unwrap()
        .id
        .clone();
    assert_eq!(dir.members(&harbor).len(), 3);
}

#[test]
fn each_persons_kept_dates_are_theirs_when_many_come_back() {
    // Three people, each with a birthday; the file again with one new
    // anniversary for the middle one: only they are updated, nobody's
    // birthday is added twice, whatever order the dates are kept in.
    let card = |uid: &str, name: &str, bday: &str, extra: &str| {
        format!("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nBDAY:{bday}\r\n{extra}END:VCARD\r\n")
    };
    let file = |extra: &str| {
        [
            card("u1", "Ana Kruse", "--0314", ""),
            card("u2", "Bo Lind", "--0401", extra),
            card("u3", "Cy Moss", "--0505", ""),
        ]
        .concat()
    };
    let mut dir = Directory::new(vec![], vec![]);
    let mut dates = Vec::new();
    let first = import(&mut dir, &file(""), &mut dates);
    assert_eq!(first.new_people(), 3);
    assert_eq!(dates.len(), 3);
    dates.reverse();
    let again = import(&mut dir, &file("ANNIVERSARY:20100612\r\n"), &mut dates);
    assert_eq!(
        (again.new_people(), again.updated(), again.unchanged()),
        (0, 1, 2)
    );
    assert_eq!(dates.len(), 4, "one anniversary added, no birthday twice");
    let bo = dir.search("bo lind")[0].clone();
    assert_eq!(dates.iter().filter(|d| d.contact_id == bo).count(), 2);
}

#[test]
fn someone_matched_who_is_deleted_before_the_plan_is_added_not_dropped() {
    let mut dir = Directory::new(vec![], vec![]);
    let mut dates = Vec::new();
    import(&mut dir, CARD, &mut dates);
    let ana = dir.search("")[0].clone();
    let (people, skipped) = vcard::parse(CARD.as_bytes(), &Utf8Only, "windows-1252");
    let matched = dir.match_import(people, skipped);
    assert_eq!(matched.found(), vec![ana.clone()]);
    // Deleted in another tab while the dates were being read.
    let gone = with_ctx(2_000, |ctx| {
        dir.delete_contacts(std::slice::from_ref(&ana), ctx)
    });
    dir.apply(&gone);
    let plan = dir.plan_matched(matched, &dates);
    assert_eq!(plan.people.len(), 1);
    assert_eq!(plan.people[0].1, Action::New);
}
