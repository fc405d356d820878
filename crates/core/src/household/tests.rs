use super::*;
use crate::cadence::{Cadence, CadenceUnit};
use crate::checkin::{CheckIn, CheckInSettings};
use crate::commands::testing::{add, input, today, with_ctx};
use crate::commands::ContactInput;
use crate::ids::{DateId, FamilyMemberId};
use crate::time::Timestamp;

fn person(dir: &mut Directory, name: &str, family: &str) -> ContactId {
    add(
        dir,
        &ContactInput {
            family_name: family.into(),
            ..input(name, "")
        },
        1,
    )
}

fn run(
    dir: &mut Directory,
    f: impl FnOnce(&Directory, &mut Ctx<'_>) -> Result<Batch, ValidationError>,
) -> Batch {
    let batch = with_ctx(10, |ctx| f(dir, ctx)).unwrap();
    dir.apply(&batch);
    batch
}

fn household_id(dir: &Directory, id: &ContactId) -> Option<OrganisationId> {
    dir.contact(id).and_then(|c| c.household_id.clone())
}

fn names(dir: &Directory, h: &OrganisationId) -> Vec<String> {
    dir.household_members(h)
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

#[test]
fn two_people_with_no_household_make_one_named_for_their_shared_family_name() {
    let mut dir = Directory::default();
    let ana = add(
        &mut dir,
        &ContactInput {
            family_name: "Cruz".into(),
            addresses: vec![crate::model::Labeled {
                label: "Home".into(),
                value: "4 Elm Row\nLeith".into(),
            }],
            ..input("Ana Cruz", "")
        },
        1,
    );
    let bo = person(&mut dir, "Bo Cruz", "");
    let batch = run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    assert_eq!(batch.organisations.len(), 1);
    let h = household_id(&dir, &ana).expect("Ana lives in the new household");
    assert_eq!(household_id(&dir, &bo), Some(h.clone()));
    let home = dir.household(&h).unwrap();
    assert_eq!(home.name, "Cruz household");
    assert_eq!(home.address, "4 Elm Row\nLeith");
    assert!(
        !home.shared_check_ins,
        "sharing check-ins is the user's choice"
    );
    assert_eq!(names(&dir, &h), ["Ana Cruz", "Bo Cruz"]);
    // A household is no organisation: not listed, never matched by name.
    assert!(dir.organisations().is_empty());
    assert!(dir.organisation_named("Cruz household").is_none());
    assert!(dir.organisation(&h).is_none());
    // Its name finds its people.
    assert_eq!(dir.search("cruz household").len(), 2);
}

#[test]
fn different_family_names_name_the_household_after_both() {
    let mut dir = Directory::default();
    let ana = person(&mut dir, "Ana Cruz", "Cruz");
    let bo = person(&mut dir, "Bo Lind", "Lind");
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    let h = household_id(&dir, &ana).unwrap();
    assert_eq!(dir.household(&h).unwrap().name, "Ana & Bo");
}

#[test]
fn joining_moves_a_person_out_of_their_old_household_which_ends_when_one_is_left() {
    let mut dir = Directory::default();
    let [ana, bo, cy, di] = ["Ana", "Bo", "Cy", "Di"].map(|n| person(&mut dir, n, ""));
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    run(&mut dir, |d, ctx| d.add_to_household(&cy, &di, ctx));
    let first = household_id(&dir, &ana).unwrap();
    let second = household_id(&dir, &cy).unwrap();
    // Cy moves in with Ana: Di would be alone, so the second household ends.
    let batch = run(&mut dir, |d, ctx| d.add_to_household(&ana, &cy, ctx));
    assert_eq!(names(&dir, &first), ["Ana", "Bo", "Cy"]);
    assert!(dir.household(&second).is_none(), "a household of one ends");
    assert_eq!(household_id(&dir, &di), None);
    let ids: Vec<&str> = batch.contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "Di and Cy, each once: {ids:?}");
    // Someone with no household said to live with a member joins theirs.
    run(&mut dir, |d, ctx| d.add_to_household(&di, &bo, ctx));
    assert_eq!(names(&dir, &first), ["Ana", "Bo", "Cy", "Di"]);
}

#[test]
fn leaving_keeps_a_household_of_two_and_ends_one_that_would_hold_one() {
    let mut dir = Directory::default();
    let [ana, bo, cy] = ["Ana", "Bo", "Cy"].map(|n| person(&mut dir, n, ""));
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &cy, ctx));
    let h = household_id(&dir, &ana).unwrap();
    run(&mut dir, |d, ctx| d.leave_household(&cy, ctx));
    assert_eq!(names(&dir, &h), ["Ana", "Bo"]);
    assert_eq!(household_id(&dir, &cy), None);
    let batch = run(&mut dir, |d, ctx| d.leave_household(&bo, ctx));
    assert!(dir.household(&h).is_none());
    assert_eq!(household_id(&dir, &ana), None);
    assert_eq!(batch.organisations[0].deleted, Some(Timestamp(10)));
    // The batch undoes like any other: all three records come back.
    assert_eq!(batch.contacts.len(), 2);
}

#[test]
fn refusals_name_the_member_field_and_write_nothing() {
    let mut dir = Directory::default();
    let [ana, bo] = ["Ana", "Bo"].map(|n| person(&mut dir, n, ""));
    let refused = |dir: &Directory, a: &ContactId, b: &ContactId| {
        with_ctx(10, |ctx| dir.add_to_household(a, b, ctx)).unwrap_err()
    };
    assert_eq!(
        refused(&dir, &ana, &ana).field(),
        Some(Field::HouseholdMember)
    );
    let nobody = ContactId::parse("nobody").unwrap();
    assert_eq!(
        refused(&dir, &ana, &nobody).field(),
        Some(Field::HouseholdMember)
    );
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    let again = refused(&dir, &bo, &ana);
    assert_eq!(again.to_string(), "Ana already lives with Bo.");
    let h = household_id(&dir, &ana).unwrap();
    let save = |name: &str, address: &str| {
        with_ctx(10, |ctx| {
            dir.save_household(
                &h,
                &HouseholdInput {
                    name: name.into(),
                    address: address.into(),
                },
                ctx,
            )
        })
    };
    assert_eq!(
        save("  ", "").unwrap_err().field(),
        Some(Field::HouseholdName)
    );
    let long = "x".repeat(MAX_LINE + 1);
    assert_eq!(
        save("Home", &long).unwrap_err().field(),
        Some(Field::HouseholdAddress)
    );
    let saved = save("  The   Cruz  home ", " 4 Elm Row\r\nLeith ").unwrap();
    assert_eq!(saved.organisations[0].name, "The Cruz home");
    assert_eq!(saved.organisations[0].address, "4 Elm Row\nLeith");
}

#[test]
fn a_check_in_with_one_counts_for_the_household_only_when_it_shares_them() {
    let mut dir = Directory::default();
    let [ana, bo, cy] = ["Ana", "Bo", "Cy"].map(|n| person(&mut dir, n, ""));
    let monthly = Cadence::Every {
        count: 1,
        unit: CadenceUnit::Months,
    };
    run(&mut dir, |d, ctx| {
        d.set_cadences(&[ana.clone(), bo.clone(), cy.clone()], monthly, ctx)
    });
    // Their timers started in September: all three are overdue.
    let september = NaiveDate::from_ymd_opt(2026, 9, 1);
    let contacts = [&ana, &bo, &cy].map(|id| Contact {
        cadence_since: september,
        ..dir.contact(id).unwrap().clone()
    });
    dir.apply(&Batch {
        contacts: contacts.to_vec(),
        ..Batch::default()
    });
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    let h = household_id(&dir, &ana).unwrap();
    let settings = CheckInSettings::default();
    let state = |dir: &Directory, id: &ContactId| {
        dir.check_in_status(dir.contact(id).unwrap(), today(), &settings)
    };
    run(&mut dir, |d, ctx| d.checked_in(&ana, ctx));
    // Not shared yet: Bo stands where Cy, outside the household, stands.
    let alone = state(&dir, &cy).state;
    assert!(matches!(alone, CheckIn::Overdue { .. }), "{alone:?}");
    assert_eq!(state(&dir, &bo).state, alone);
    assert_eq!(state(&dir, &bo).through, None);
    run(&mut dir, |d, ctx| d.set_household_sharing(&h, true, ctx));
    let bo_now = state(&dir, &bo);
    assert!(
        matches!(bo_now.state, CheckIn::Upcoming { .. }),
        "{bo_now:?}"
    );
    assert_ne!(bo_now.state, alone);
    assert_eq!(bo_now.through, Some(("Ana".to_owned(), today())));
    assert!(bo_now
        .sentence()
        .contains("counted from the household's check-in with Ana on 22 November"));
    assert_eq!(state(&dir, &ana).through, None, "Ana's own check-in");
    // Today agrees: Bo's next check-in is Ana's, a month from today.
    let reach = dir.reach_out(today(), 40, &settings);
    let due_of = |id: &ContactId| {
        reach
            .upcoming
            .iter()
            .chain(&reach.due)
            .chain(&reach.overdue)
            .find(|(c, _)| c == id)
            .and_then(|(_, s)| s.due())
    };
    assert_eq!(due_of(&bo), due_of(&ana));
    assert_ne!(due_of(&bo), due_of(&cy));
    // Turned off again, Bo's own record decides.
    run(&mut dir, |d, ctx| d.set_household_sharing(&h, false, ctx));
    assert_eq!(state(&dir, &bo).state, alone);
}

#[test]
fn a_trashed_member_no_longer_counts_for_the_household() {
    let mut dir = Directory::default();
    let [ana, bo, cy] = ["Ana", "Bo", "Cy"].map(|n| person(&mut dir, n, ""));
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &cy, ctx));
    let h = household_id(&dir, &ana).unwrap();
    run(&mut dir, |d, ctx| d.set_household_sharing(&h, true, ctx));
    run(&mut dir, |d, ctx| d.checked_in(&ana, ctx));
    assert!(dir.household_check_in(dir.contact(&bo).unwrap()).is_some());
    run(&mut dir, |d, ctx| {
        Ok(d.delete_contacts(std::slice::from_ref(&ana), ctx))
    });
    assert_eq!(dir.household_check_in(dir.contact(&bo).unwrap()), None);
    assert_eq!(names(&dir, &h), ["Bo", "Cy"]);
}

fn date(id: &str, kind: DateKind, month: u32, day: u32, member: Option<&str>) -> ImportantDate {
    ImportantDate {
        id: DateId::parse(id).unwrap(),
        contact_id: ContactId::parse("ana").unwrap(),
        family_member: member.map(|m| FamilyMemberId::parse(m).unwrap()),
        kind,
        month,
        day,
        year: Some(2010),
        lead_days: 7,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    }
}

#[test]
fn shared_dates_are_the_members_own_anniversaries_once_each_in_calendar_order() {
    let june = date("d1", DateKind::Anniversary, 6, 12, None);
    let same_on_bo = date("d2", DateKind::Anniversary, 6, 12, None);
    let march = date("d3", DateKind::Anniversary, 3, 2, None);
    let birthday = date("d4", DateKind::Birthday, 1, 5, None);
    let child = date("d5", DateKind::Anniversary, 2, 1, Some("kid"));
    let mut gone = date("d6", DateKind::Anniversary, 4, 4, None);
    gone.deleted = Some(Timestamp(2));
    let all = [june, same_on_bo, march, birthday, child, gone];
    let shared: Vec<&str> = shared_dates(&all).iter().map(|d| d.id.as_str()).collect();
    assert_eq!(shared, ["d3", "d1"]);
}

#[test]
fn an_organisation_keeps_its_bytes_and_a_household_round_trips() {
    let org = crate::contract::organisation("o1", "Acme");
    let json = serde_json::to_string(&org).unwrap();
    assert!(!json.contains("kind") && !json.contains("address") && !json.contains("shared"));
    let mut home = crate::contract::organisation("h1", "Cruz household");
    home.kind = OrganisationKind::Household;
    home.address = "4 Elm Row".into();
    home.shared_check_ins = true;
    let json = serde_json::to_string(&home).unwrap();
    assert!(json.contains(r#""kind":"household""#), "{json}");
    let back: Organisation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, home);
    let mut c = crate::contract::contact("c1", "Ana");
    c.household_id = Some(home.id.clone());
    let back: Contact = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back.household_id, Some(home.id));
}

#[test]
fn refreshing_todays_lists_with_household_mates_equals_counting_everyone() {
    let mut dir = Directory::default();
    let [ana, bo, cy, di] = ["Ana", "Bo", "Cy", "Di"].map(|n| person(&mut dir, n, ""));
    let monthly = Cadence::Every {
        count: 1,
        unit: CadenceUnit::Months,
    };
    let all = [ana.clone(), bo.clone(), cy.clone(), di.clone()];
    run(&mut dir, |d, ctx| d.set_cadences(&all, monthly, ctx));
    let september = NaiveDate::from_ymd_opt(2026, 9, 1);
    let contacts = all.clone().map(|id| Contact {
        cadence_since: september,
        ..dir.contact(&id).unwrap().clone()
    });
    dir.apply(&Batch {
        contacts: contacts.to_vec(),
        ..Batch::default()
    });
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &cy, ctx));
    let h = household_id(&dir, &ana).unwrap();
    run(&mut dir, |d, ctx| d.set_household_sharing(&h, true, ctx));
    let settings = CheckInSettings::default();
    let count = |dir: &Directory| dir.reach_out(today(), 7, &settings);
    // The app's path: mates asked before and after the batch is applied.
    let write = |dir: &mut Directory, batch: Batch| {
        let mut lists = count(dir);
        let ids: Vec<ContactId> = batch.contacts.iter().map(|c| c.id.clone()).collect();
        let ids = dir.with_household_mates(&ids);
        dir.apply(&batch);
        let ids = dir.with_household_mates(&ids);
        lists.refresh(dir, &ids, today(), &settings);
        assert_eq!(lists, count(dir));
        lists
    };
    let checked = with_ctx(10, |ctx| dir.checked_in(&ana, ctx)).unwrap();
    let lists = write(&mut dir, checked);
    let overdue: Vec<&ContactId> = lists.overdue.iter().map(|(id, _)| id).collect();
    assert_eq!(overdue, [&di], "Bo and Cy counted from Ana's check-in");
    // Cy moves out of a household of three: Ana's check-in no longer
    // counts for Cy, and Bo still shares it.
    let left = with_ctx(11, |ctx| dir.leave_household(&cy, ctx)).unwrap();
    assert!(left.organisations.is_empty());
    let lists = write(&mut dir, left);
    let overdue: Vec<&ContactId> = lists.overdue.iter().map(|(id, _)| id).collect();
    assert_eq!(overdue.len(), 2);
    assert!(overdue.contains(&&cy) && overdue.contains(&&di));
}

#[test]
fn a_merge_or_the_trash_emptied_ends_a_household_left_with_one() {
    use crate::commands::{MergeChoices, OtherRecords};
    let mut dir = Directory::default();
    let [ana, bo, ana2, yu] = ["Ana", "Bo", "Ana C", "Yu"].map(|n| person(&mut dir, n, ""));
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    run(&mut dir, |d, ctx| d.add_to_household(&ana2, &yu, ctx));
    let (h, g) = (
        household_id(&dir, &ana).unwrap(),
        household_id(&dir, &ana2).unwrap(),
    );
    // "Ana C" is Ana: merged into her, Yu would live alone, so G ends;
    // Ana stays in H with Bo.
    run(&mut dir, |d, ctx| {
        d.merge_contacts(
            &ana,
            &ana2,
            &MergeChoices::default(),
            OtherRecords::default(),
            ctx,
        )
    });
    assert!(dir.household(&g).is_none());
    assert_eq!(household_id(&dir, &yu), None);
    assert_eq!(names(&dir, &h), ["Ana", "Bo"]);
    // Bo, deleted and then purged: Ana alone, so H ends, its name and
    // address forgotten (the purge keeps nothing personal).
    run(&mut dir, |d, ctx| {
        Ok(d.delete_contacts(std::slice::from_ref(&bo), ctx))
    });
    assert_eq!(names(&dir, &h), ["Ana"], "the trash keeps its household");
    let purged = run(&mut dir, |d, ctx| Ok(d.purge_trash(true, ctx)));
    let gone = purged
        .organisations
        .iter()
        .find(|o| o.id == h)
        .expect("H ended");
    assert!(gone.deleted.is_some() && gone.name.is_empty() && gone.address.is_empty());
    assert_eq!(household_id(&dir, &ana), None);
}

#[test]
fn a_new_households_name_keeps_to_the_length_a_backup_accepts() {
    let mut dir = Directory::default();
    // Two first names of 150 letters: "… & …" would be 303 characters.
    let ana = person(&mut dir, &format!("{} Cruz", "W".repeat(150)), "");
    let bo = person(&mut dir, &format!("{} Lind", "V".repeat(150)), "");
    run(&mut dir, |d, ctx| d.add_to_household(&ana, &bo, ctx));
    let h = household_id(&dir, &ana).unwrap();
    let home = dir.household(&h).unwrap();
    assert_eq!(home.name.chars().count(), MAX_NAME);
    assert_eq!(crate::rules::organisation_problem(home), None);
}

#[test]
fn a_record_merged_into_one_without_a_household_brings_it_in() {
    use crate::commands::{MergeChoices, OtherRecords};
    let mut dir = Directory::default();
    let [ana, ana2, yu] = ["Ana", "Ana C", "Yu"].map(|n| person(&mut dir, n, ""));
    run(&mut dir, |d, ctx| d.add_to_household(&ana2, &yu, ctx));
    let g = household_id(&dir, &ana2).unwrap();
    // Ana, in no household, keeps the record; "Ana C" lived with Yu, so
    // Ana does now, and the household of two stays.
    run(&mut dir, |d, ctx| {
        d.merge_contacts(
            &ana,
            &ana2,
            &MergeChoices::default(),
            OtherRecords::default(),
            ctx,
        )
    });
    assert!(dir.household(&g).is_some());
    assert_eq!(names(&dir, &g), ["Ana", "Yu"]);
}
