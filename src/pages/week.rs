//! "This week" on Today: everyone due in the coming seven days, spread by
//! the week's plan (`kith_core::week`): today's share first, then each day,
//! and who waits for next week. A person can be moved to another day.

use crate::components::read_failed::ReadFailed;
use crate::platform;
use crate::state::use_kith;
use kith_core::format::count;
use kith_core::week::{day_heading, WeekPlan, DAYS};
use leptos::prelude::*;

#[component]
pub fn ThisWeek() -> impl IntoView {
    let kith = use_kith();
    let today = platform::today();
    let dates = crate::state::load(move || {
        kith.revision.track();
        async move { kith.week_dates().await }
    });
    let days: Vec<(String, String)> = (0..DAYS)
        .map(|n| {
            let d = today + chrono::Days::new(n);
            (d.to_string(), day_heading(d, today))
        })
        .collect();
    let days = StoredValue::new(days);
    let name = move |id: &kith_core::ContactId| {
        kith.directory
            .with_untracked(|d| d.contact(id).map(|c| c.name.clone()))
            .unwrap_or_default()
    };
    let dates_failed = move || {
        dates
            .get_untracked()
            .and_then(Result::err)
            .map(|e| view! { <ReadFailed what="this week's dates" reason=e.to_string()/> })
    };
    let day_list = move |i: usize, p: &WeekPlan| {
        let day = &p.days[i];
        let heading = day_heading(day.date, today);
        let rows = day.people.iter().map(|(id, why)| {
            let n = name(id);
            let href = platform::at(format!("/people/{id}"));
            let id = id.clone();
            view! {
                <li class="member">
                    <div class="member__main">
                        <a class="member__name" href=href>{n.clone()}</a>
                        <span class="member__why">{why.words()}</span>
                    </div>
                    <select class="week__move" aria-label=format!("Move {n} to another day")
                        on:change=move |ev| {
                            if let Some(d) = kith_core::calendar::parse_day(&event_target_value(&ev)) {
                                let _ = kith.plan_on(&id, d);
                            }
                        }>
                        {days.get_value().into_iter().enumerate().map(|(j, (value, text))| {
                            view! { <option value=value selected=j == i>{text}</option> }
                        }).collect_view()}
                    </select>
                </li>
            }
        }).collect_view();
        view! {
            <h3 class="card__subtitle">{format!("{heading} · {}", day.people.len())}</h3>
            <ul class="members" aria-label=heading>{rows}</ul>
        }
    };
    // One closure draws it all: the plan is worked out once per change
    // (a memo and a <Show> each compiled their own copy of leptos code).
    move || {
        let dates = dates.get().and_then(Result::ok).unwrap_or_default();
        let limit = kith.check_in.with(|s| s.daily_limit);
        let p = kith.reach.with(|r| {
            kith.directory
                .with(|d| d.plan_week(&r.lists, &dates, today, limit))
        });
        let planned = p.days.iter().map(|d| d.people.len()).sum::<usize>() + p.later.len();
        (planned != 0).then(|| {
            let first = if p.days[0].people.is_empty() {
                view! { <p class="card__empty">"Nothing planned for today."</p> }.into_any()
            } else {
                day_list(0, &p).into_any()
            };
            let rest = (1..p.days.len()).filter(|&i| !p.days[i].people.is_empty()).map(|i| day_list(i, &p)).collect_view();
            let later = (!p.later.is_empty()).then(|| {
                let names: Vec<String> = p.later.iter().map(name).collect();
                view! { <p class="card__text">{format!("Next week: {}", kith_core::format::and_list(&names))}</p> }
            });
            view! {
                <section class="card home__section" aria-labelledby="home-week">
                    <h2 class="card__title" id="home-week">"Plan for today"</h2>
                    {dates_failed()}
                    {first}
                    <details class="week">
                        <summary>{format!("This week · {}", count(planned, "check-in", "check-ins"))}</summary>
                        {rest}
                        {later}
                    </details>
                </section>
            }
        })
    }
}
