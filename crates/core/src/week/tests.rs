//! Tests of the week's plan: moves, dates, preferred days, the limit and
//! who waits for next week.

use super::*;
use crate::cadence::{Cadence, CadenceUnit};
use crate::checkin::CheckInSettings;
use crate::commands::testing::{add, input, today, with_ctx};
use crate::dates::DateKind;
use crate::ids::DateId;
use crate::time::Timestamp;

/// `n` people, each on a daily timer, last in touch `ago` days back.
fn due_people(dir: &mut Directory, names: &[(&str, u64)]) -> Vec<ContactId> {
    names
        .iter()
        .map(|(name, ago)| {
            let id = add(dir, &input(name, ""), 1);
            let daily = Cadence::Every {
                count: 1,
                unit: CadenceUnit::Weeks,
            };
            dir.apply(&with_ctx(2, |ctx| dir.set_cadence(&id, daily, ctx)).unwrap());
            let mut c = dir.contact(&id).unwrap().clone();
            c.last_interaction = Some(today() - Days::new(*ago));
            dir.apply(&Batch {
                contacts: vec![c],
                ..Batch::default()
            });
            id
        })
        .collect()
}

fn plan(dir: &Directory, dates: &[ImportantDate], limit: u16) -> WeekPlan {
    let reach = dir.reach_out(today(), DAYS, &CheckInSettings::default());
    dir.plan_week(&reach, dates, today(), limit)
}

fn names(dir: &Directory, p: &WeekPlan) -> Vec<Vec<String>> {
    p.days
        .iter()
        .map(|d| {
            d.people
                .iter()
                .map(|(id, why)| format!("{} ({})", dir.contact(id).unwrap().name, why.words()))
                .collect()
        })
        .collect()
}

#[test]
fn the_limit_spreads_the_most_overdue_first_and_the_rest_wait() {
    let mut dir = Directory::default();
    // Weekly timers: 20 days since is overdue, 7 due today, 4 due in 3 days.
    due_people(&mut dir, &[("Ana", 20), ("Bo", 30), ("Cy", 7), ("Dee", 4)]);
    let p = plan(&dir, &[], 1);
    let got = names(&dir, &p);
    assert_eq!(got[0], ["Bo (due)"]);
    assert_eq!(got[1], ["Ana (due)"]);
    assert_eq!(got[2], ["Cy (due)"]);
    assert_eq!(got[3], ["Dee (due)"], "not before they fall due");
    assert_eq!(p.later, 0);
    let p = plan(&dir, &[], 0);
    assert_eq!(names(&dir, &p)[0].len(), 3, "no limit: everyone due today");

    let many: Vec<(String, u64)> = (0..10).map(|n| (format!("P{n}"), 30)).collect();
    let many: Vec<(&str, u64)> = many.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let mut dir = Directory::default();
    due_people(&mut dir, &many);
    let p = plan(&dir, &[], 1);
    assert!(p.days.iter().all(|d| d.people.len() == 1));
    assert_eq!(p.later, 3, "seven fit in the week");
}

#[test]
fn a_preferred_weekday_a_birthday_and_a_move_place_people_on_their_day() {
    let mut dir = Directory::default();
    let ids = due_people(&mut dir, &[("Ana", 30), ("Bo", 30), ("Cy", 30)]);
    // Ana prefers the weekday three days from now.
    let weekday = (today() + Days::new(3)).weekday().number_from_monday() as u8;
    let prefers = Prefers {
        day: Some(weekday),
        part: Some(DayPart::Morning),
    };
    dir.apply(&with_ctx(3, |ctx| dir.set_prefers(&ids[0], prefers, ctx)).unwrap());
    let words = dir
        .contact(&ids[0])
        .unwrap()
        .prefers
        .unwrap()
        .words()
        .unwrap();
    assert_eq!(
        words,
        format!("Prefers {} mornings", WEEKDAYS[usize::from(weekday) - 1])
    );
    // Bo's birthday is in five days: called on it, past the limit.
    let on = today() + Days::new(5);
    let birthday = ImportantDate {
        id: DateId::parse("b").unwrap(),
        contact_id: ids[1].clone(),
        family_member: None,
        kind: DateKind::Birthday,
        month: on.month(),
        day: on.day(),
        year: None,
        lead_days: 7,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    };
    // Cy is moved to tomorrow.
    let tomorrow = today() + Days::new(1);
    dir.apply(&with_ctx(4, |ctx| dir.plan_on(&ids[2], tomorrow, ctx)).unwrap());
    let got = names(&dir, &plan(&dir, &[birthday], 1));
    assert_eq!(got[1], ["Cy (moved here)"]);
    assert_eq!(got[3], ["Ana (their preferred day)"]);
    assert_eq!(got[5], ["Bo (birthday that day)"]);
    assert!(got[0].is_empty());

    // A move outside the week is refused; a past move is ignored.
    let far = today() + Days::new(DAYS);
    let err = with_ctx(5, |ctx| dir.plan_on(&ids[2], far, ctx)).unwrap_err();
    assert_eq!(err.to_string(), "Choose a day in the coming week.");
    let bad = Prefers {
        day: Some(8),
        part: None,
    };
    assert!(with_ctx(5, |ctx| dir.set_prefers(&ids[0], bad, ctx)).is_err());
    assert_eq!(Prefers::default().words(), None);
}

#[test]
fn headings_say_today_tomorrow_then_the_day() {
    let t = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(day_heading(t, t), "Today");
    assert_eq!(day_heading(t + Days::new(1), t), "Tomorrow");
    assert_eq!(day_heading(t + Days::new(2), t), "Thursday 3 December");
    assert_eq!(short_day(t + Days::new(1), t), "Tomorrow");
    assert_eq!(short_day(t + Days::new(2), t), "Thu 3 Dec");
}

#[test]
fn the_plan_as_html_names_each_day_and_person_escapes_and_caps_a_day() {
    let mut dir = Directory::default();
    let ids = due_people(
        &mut dir,
        &[("Ana <b>\"Cruz\"</b>", 40), ("Bo", 30), ("Cy", 25)],
    );
    let p = plan(&dir, &[], 0);
    let name = |id: &ContactId| dir.contact(id).map(|c| c.name.clone());
    let html = p.html(today(), 2, "/kith", name);
    // Only the day with people, its count, and the first two of them.
    assert!(html.starts_with(
        "<h3 class=\"card__subtitle\">Today · 3</h3><ul class=\"members\" aria-label=\"Today\">"
    ));
    assert!(!html.contains("Tomorrow ·"));
    assert!(html.contains("<p class=\"plan__later\">and 1 more</p>"));
    assert_eq!(html.matches("<li ").count(), 2);
    // The name, escaped, in the link and the select's name; never as markup.
    assert!(
        html.contains("Ana &lt;b&gt;&quot;Cruz&quot;&lt;/b&gt;</a>"),
        "{html}"
    );
    assert!(html.contains("aria-label=\"Day for Ana &lt;b&gt;&quot;Cruz&quot;&lt;/b&gt;\""));
    assert!(!html.contains("<b>"));
    // Links under the base; the select carries the id, today chosen, and
    // offers the seven days by number.
    let bo = &ids[1];
    assert!(html.contains(&format!("href=\"/kith/people/{bo}\"")));
    assert!(html.contains(&format!("id=\"plan-{bo}-0\" data-person=\"{bo}\"")));
    assert!(html.contains(
        "<option value=\"0\" selected>Today</option><option value=\"1\">Tomorrow</option>"
    ));
    assert!(html.contains("<option value=\"6\">"));
    assert_eq!(p.planned(), 3);
    // Nobody due: nothing.
    assert_eq!(
        plan(&Directory::default(), &[], 0).html(today(), 2, "", name),
        ""
    );
}
