//! A person's open follow-ups, each with Done, Edit and Delete, and adding
//! one without logging an interaction.

use crate::components::follow_ups::{AddFollowUp, FollowUpItem};
use crate::components::read_failed::ReadFailed;
use crate::platform;
use crate::state::use_kith;
use kith_core::ContactId;
use leptos::prelude::*;

#[component]
pub fn FollowUpsCard(id: ContactId) -> impl IntoView {
    let kith = use_kith();
    let adding = RwSignal::new(false);
    crate::components::escape::close_on_escape(adding);
    let me = StoredValue::new(id.clone());
    let tasks = LocalResource::new(move || {
        kith.revision.track();
        async move {
            kith.open_tasks(platform::today(), Some(&me.get_value()))
                .await
                .map_err(|e| e.to_string())
        }
    });
    let open = move || tasks.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="follow-ups-title">
            <div class="card__head">
                <h2 class="card__title" id="follow-ups-title">"Follow-ups"</h2>
                <button class="link-button" aria-expanded=move || adding.get().to_string()
                    on:click=move |_| adding.update(|a| *a = !*a)>"Add follow-up"</button>
            </div>
            {move || tasks.get().and_then(Result::err).map(|reason| view! { <ReadFailed what="their follow-ups" reason/> })}
            <ul class="members">
                {move || open().into_iter().map(|task| view! { <FollowUpItem task/> }).collect_view()}
            </ul>
            {move || (tasks.get().is_some_and(|t| t.is_ok_and(|t| t.is_empty())) && !adding.get()).then(|| view! {
                <p class="card__empty">"Nothing to follow up on. Add one to be reminded on Today."</p>
            })}
            <Show when=move || adding.get()>
                <AddFollowUp people=vec![me.get_value()] open=adding/>
            </Show>
        </section>
    }
}
