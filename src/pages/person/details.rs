//! Details learned about a person: one line to add, a list to pin from.

use super::Person;
use crate::state::use_kith;
use kith_core::{ContactId, Detail};
use leptos::prelude::*;

/// "Learned something?" — one line, Enter to save.
#[component]
pub fn QuickDetail(id: ContactId, person: Person) -> impl IntoView {
    let kith = use_kith();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let name = move || person.with(|p| p.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match kith.add_detail(&id, &text.get_untracked()) {
            Ok(()) => {
                text.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="quick-detail" on:submit=submit>
            <input class="quick-detail__input" autocomplete="off"
                aria-label=move || format!("New detail about {}", name())
                placeholder="Learned something? e.g. daughter Ava started university"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))/>
            <button type="submit" class="button button--primary">"Add detail"</button>
        </form>
        {move || error.get().map(|e| view! { <p class="form__error" role="alert">{e}</p> })}
    }
}

/// Details, pinned first, then newest first.
#[component]
pub fn DetailsCard(id: ContactId, person: Person) -> impl IntoView {
    let details = move || {
        person.with(|p| {
            p.as_ref()
                .map(|c| {
                    c.details_in_order()
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card" aria-labelledby="details-title">
            <h2 class="card__title" id="details-title">"Details learned"</h2>
            <Show when=move || !details().is_empty() fallback=|| view! {
                <p class="card__empty">"Nothing yet. Add what you learn as you go: family news, preferences, what they care about."</p>
            }>
                <ul class="details">
                    <For each=details key=|d| (d.id.clone(), d.pinned) children={
                        let id = id.clone();
                        move |d| view! { <DetailRow id=id.clone() detail=d/> }
                    }/>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn DetailRow(id: ContactId, detail: Detail) -> impl IntoView {
    let kith = use_kith();
    let (pin_id, remove_id) = (id.clone(), id);
    let (d1, d2) = (detail.id.clone(), detail.id.clone());
    let pinned = detail.pinned;
    let text = detail.text.clone();
    view! {
        <li class="detail" class:detail--pinned=pinned>
            <div class="detail__body">
                <p class="detail__text">{detail.text.clone()}</p>
                <p class="detail__date">{detail.date.format("%-d %b %Y").to_string()}</p>
            </div>
            <button class="icon-button" aria-pressed=pinned.to_string()
                aria-label=format!("{} “{text}”", if pinned { "Unpin" } else { "Pin" })
                title=if pinned { "Unpin" } else { "Pin to the top" }
                on:click=move |_| { let _ = kith.pin_detail(&pin_id, &d1, !pinned); }>
                {if pinned { "★" } else { "☆" }}
            </button>
            <button class="icon-button" aria-label=format!("Remove “{}”", detail.text)
                on:click=move |_| { let _ = kith.remove_detail(&remove_id, &d2); }>"×"</button>
        </li>
    }
}
