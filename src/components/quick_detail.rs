//! One line to note a detail about a person, wherever they appear (their
//! page, their organisation's page). Enter saves; Esc clears.

use crate::components::form::FormError;
use crate::state::use_kith;
use kith_core::ContactId;
use leptos::prelude::*;

#[component]
pub fn QuickDetail(
    /// Who the detail is about.
    id: ContactId,
    /// Their name, for the field's accessible name.
    #[prop(into)]
    name: Signal<String>,
    /// A smaller field for lists.
    #[prop(optional)]
    compact: bool,
    /// Called after a detail is saved.
    #[prop(optional, into)]
    on_saved: Option<Callback<()>>,
) -> impl IntoView {
    let kith = use_kith();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match kith.add_detail(&id, &text.get_untracked()) {
            Ok(()) => {
                text.set(String::new());
                error.set(None);
                if compact {
                    kith.say(format!("Noted about {}.", name.get_untracked()));
                }
                if let Some(done) = on_saved {
                    done.run(());
                }
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="quick-detail" class:quick-detail--compact=compact on:submit=submit>
            <input class="quick-detail__input" autocomplete="off"
                aria-label=move || format!("New detail about {}", name.get())
                placeholder="Learned something? e.g. daughter Ava started university"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:keydown=move |ev| if ev.key() == "Escape" { text.set(String::new()); }/>
            <button type="submit" class="button button--primary">"Add detail"</button>
        </form>
        <FormError error/>
    }
}
