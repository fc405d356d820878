//! "What they care about right now", with the day it was last confirmed;
//! Kith asks again once that is older than the age set in settings.

use super::Person;
use crate::components::form::{FormError, TextArea};
use crate::components::show::Show;
use crate::components::subform::{DiscardPrompt, SubForm};
use crate::platform;
use crate::state::use_kith;
use kith_core::ContactId;
use leptos::prelude::*;

#[component]
pub fn PrioritiesCard(id: ContactId, person: Person) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let draft = RwSignal::new(String::new());
    let filled = StoredValue::new(String::new());
    let editing = SubForm::new(move || draft.with(|d| filled.with_value(|f| d != f)));
    let error = RwSignal::new(None::<String>);
    // What they care about, when it was confirmed, and whether to ask again.
    let current = move || {
        let limit = kith.check_in.with(|s| s.reconfirm_days);
        let today = platform::today();
        person.with(|p| {
            p.as_ref()
                .map(|c| {
                    (
                        c.priorities.clone(),
                        c.priorities_confirmed_words(today),
                        c.priorities_need_reconfirming(today, limit),
                    )
                })
                .unwrap_or_default()
        })
    };
    let stale = move || current().2;
    let save = move |text: String| match kith.set_priorities(&me.get_value(), &text) {
        Ok(()) => {
            error.set(None);
            editing.close();
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    view! {
        <section class="card" aria-labelledby="priorities-title">
            <div class="card__head">
                <h2 class="card__title" id="priorities-title">"What they care about right now"</h2>
                <button class="link-button" aria-expanded=move || editing.is_open().to_string()
                    on:click=move |_| editing.toggle_with(|| { let t = current().0; filled.set_value(t.clone()); draft.set(t); })>"Update"</button>
            </div>
            {move || {
                let (text, confirmed, _) = current();
                if text.is_empty() {
                    view! { <p class="card__empty">"Their current goals and worries: ask, listen, and note them here."</p> }.into_any()
                } else {
                    view! {
                        <p class="notes">{text}</p>
                        <p class="card__meta">{confirmed}</p>
                    }.into_any()
                }
            }}
            <Show when=stale>
                <div class="prompt" role="note">
                    <p>"Is this still what matters to them? Priorities shift; check next time you talk."</p>
                    <button class="button button--small" on:click=move |_| save(current().0)>"Still true"</button>
                </div>
            </Show>
            <Show when=move || editing.is_open()>
                <form class="subform" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save(draft.get_untracked()); }>
                    <DiscardPrompt form=editing/>
                    <TextArea id="priorities-text" label="What they care about" value=draft/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save priorities"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| editing.close()>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
