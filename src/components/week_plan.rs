//! "This week" on Today: everyone due spread over the coming seven days
//! (the rule is `Directory::plan_week`), today's share first. Each person
//! can be moved to another day. Folded until
//! opened, its summary saying today's share, so the lists below it stay
//! the page's one place for each person's row.
//!
//! The plan is a pass over Today's lists, so it is computed whenever they
//! change; only the first [`SHOWN`] people of a day are drawn (with no
//! daily limit, a day may hold thousands: the lists below have them all).

use crate::components::show::Show;
use crate::platform;
use crate::state::use_kith;
use kith_core::week::{WeekPlan, DAYS};
use kith_core::{format, ContactId};
use leptos::prelude::*;

/// People drawn per day at most.
const SHOWN: usize = 12;

#[component]
pub fn WeekPlanCard(today: chrono::NaiveDate) -> impl IntoView {
    let kith = use_kith();
    // The dates falling in the week (birthdays are called on the day).
    let dates = crate::state::load(move || {
        kith.revision.track();
        async move { kith.dates_ahead(DAYS as u32).await.unwrap_or_default() }
    });
    let plan = crate::reactive::memo(move || {
        let limit = kith.check_in.with(|s| s.daily_limit);
        dates.with(|dates| {
            let dates = dates.as_deref().unwrap_or_default();
            kith.reach.with(|r| {
                kith.directory
                    .with(|d| d.plan_week(&r.lists, dates, today, limit))
            })
        })
    });
    let planned = move || plan.with(WeekPlan::planned);
    let summary = move || {
        let first = plan.with(|p| p.days.first().map_or(0, |d| d.people.len()));
        format!(
            "This week · {} today, {} in all",
            format::grouped(first),
            format::grouped(planned())
        )
    };
    let later = move || {
        let waiting = plan.with(|p| p.later);
        if waiting == 0 {
            return String::new();
        }
        let mut words = format!("{} more wait for next week", format::grouped(waiting));
        if let n @ 1.. = kith.check_in.with(|s| s.daily_limit) {
            words += &format!(" (at most {n} a day, as set in Settings)");
        }
        words + "."
    };
    // The days as text (`WeekPlan::html`): one compiled view for any plan,
    // and one listener takes every move. The card itself stays, so it
    // stays open while people move.
    // Drawn only while the card is open: folded, a check-in on Today
    // would otherwise have the browser build rows nobody sees.
    let open = RwSignal::new(false);
    let days = move || {
        if !open.get() {
            return String::new();
        }
        plan.with(|p| {
            kith.directory.with_untracked(|d| {
                p.html(today, SHOWN, &platform::base(), |id| {
                    d.contact(id).map(|c| c.name.clone())
                })
            })
        })
    };
    let moved = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let person = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.get_attribute("data-person"));
        let (Some(id), Ok(n)) = (
            person.as_deref().and_then(ContactId::parse),
            event_target_value(&ev).parse::<u64>(),
        ) else {
            return;
        };
        if kith.plan_on(&id, today + chrono::Days::new(n)).is_ok() {
            platform::focus_soon(&format!("plan-{id}-{n}"));
        }
    };
    view! {
        <Show when=move || planned() + plan.with(|p| p.later) != 0>
            <details class="card home__section plan" on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let opened = ev.target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|d| d.has_attribute("open"));
                open.set(opened);
            }>
                <summary class="card__title">{crate::reactive::text(summary)}</summary>
                <div inner_html=days on:change=moved></div>
                <p class="plan__later">{crate::reactive::text(later)}</p>
            </details>
        </Show>
    }
}
