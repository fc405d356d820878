//! A person's open follow-ups, each with Done, Edit and Delete, and adding
//! one without logging an interaction.

use crate::components::follow_ups::{fresh, open_tasks, FollowUpForm, FollowUpList};
use crate::components::read_failed::ReadFailed;
use crate::components::subform::SubForm;
use kith_core::ContactId;
use leptos::prelude::*;

#[component]
pub fn FollowUpsCard(id: ContactId) -> impl IntoView {
    let (text, due) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let adding = SubForm::new(move || text.with(|t| !t.trim().is_empty()));
    let me = StoredValue::new(id.clone());
    let tasks = open_tasks(Some(id));
    let open = Signal::derive(move || tasks.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <section class="card" aria-labelledby="follow-ups-title">
            <div class="card__head">
                <h2 class="card__title" id="follow-ups-title">"Follow-ups"</h2>
                <button class="link-button" aria-expanded=move || adding.is_open().to_string()
                    on:click=move |_| adding.toggle_with(|| fresh(text, due))>"Add follow-up"</button>
            </div>
            {move || tasks.get().and_then(Result::err).map(|reason| view! { <ReadFailed what="their follow-ups" reason/> })}
            <FollowUpList tasks=open label="Their follow-ups"/>
            {move || (tasks.get().is_some() && open.with(Vec::is_empty) && !adding.is_open()).then(|| view! {
                <p class="card__empty">"Nothing to follow up on. Add one to be reminded on Today."</p>
            })}
            <Show when=move || adding.is_open()>
                <FollowUpForm form=adding text due task=None people=vec![me.get_value()]/>
            </Show>
        </section>
    }
}
