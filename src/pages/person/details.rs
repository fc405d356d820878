//! Details learned about a person: one line to add, a list to pin from.

use super::Person;
use crate::components::show::Show;
use crate::state::use_kith;
use kith_core::calendar::Words;
use kith_core::{ContactId, Detail};
use leptos::prelude::*;

/// "Learned something?" — one line, Enter to save.
#[component]
pub fn QuickDetail(id: ContactId, person: Person) -> impl IntoView {
    let name = Signal::derive(move || {
        person.with(|p| p.as_ref().map(|c| c.name.clone()).unwrap_or_default())
    });
    view! { <crate::components::quick_detail::QuickDetail id name/> }
}

/// Details, pinned first, then newest first.
#[component]
pub fn DetailsCard(id: ContactId, person: Person) -> impl IntoView {
    let me = StoredValue::new(id);
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
                    // A handful of rows: rebuilt whole on each change, so the
                    // order always follows the data.
                    {move || details().into_iter().map(|d| view! { <DetailRow id=me.get_value() detail=d/> }).collect_view()}
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
                <p class="detail__date">{detail.date.words("%-d %b %Y").to_string()}</p>
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
