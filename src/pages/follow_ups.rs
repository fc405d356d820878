//! Every open follow-up, soonest first, shown a page at a time: what, with
//! whom, when, and Done, Edit or Delete on each. Reached from Today and
//! from People.

use crate::components::follow_ups::FollowUpItem;
use crate::components::read_failed::ReadFailed;
use crate::state::use_kith;
use kith_core::format::grouped;
use leptos::prelude::*;

/// Follow-ups shown at first, and added by each "Show more".
const PAGE: usize = 50;

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let kith = use_kith();
    let shown = RwSignal::new(PAGE);
    let tasks = LocalResource::new(move || {
        kith.revision.track();
        async move { kith.all_open_tasks().await.map_err(|e| e.to_string()) }
    });
    let all = move || tasks.get().and_then(Result::ok).unwrap_or_default();
    let count = move || tasks.get().and_then(Result::ok).map(|t| t.len());
    view! {
        <section class="follow-ups-page">
            <header class="page-head">
                <div>
                    <h1 class="page-head__title">"Follow-ups"</h1>
                    <p class="page-head__sub" aria-live="polite">{move || match count() {
                        Some(1) => "1 open".to_owned(),
                        Some(n) => format!("{} open", grouped(n)),
                        None => String::new(),
                    }}</p>
                </div>
            </header>
            {move || tasks.get().and_then(Result::err).map(|reason| view! { <ReadFailed what="your follow-ups" reason/> })}
            {move || (count() == Some(0)).then(|| view! {
                <div class="panel empty">
                    <h2>"Nothing to follow up on"</h2>
                    <p>"Add a follow-up from a person's page, or when you log an interaction."</p>
                </div>
            })}
            <Show when=move || count().is_some_and(|n| n > 0)>
                <div class="card">
                    <ul class="members" aria-label="Open follow-ups">
                        {move || all().into_iter().take(shown.get()).map(|task| view! {
                            <FollowUpItem task show_people=true/>
                        }).collect_view()}
                    </ul>
                    <Show when=move || count().is_some_and(|n| n > shown.get())>
                        <button class="button follow-ups-page__more" on:click=move |_| shown.update(|n| *n += PAGE)>
                            {move || format!("Show more ({} left)", grouped(count().unwrap_or(0).saturating_sub(shown.get())))}
                        </button>
                    </Show>
                </div>
            </Show>
        </section>
    }
}
