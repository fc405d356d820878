//! The trash: people deleted in the last 30 days, restorable one by one.

use crate::components::show::Show;
use crate::platform;
use crate::state::use_kith;
use kith_core::commands::TRASH_DAYS;
use leptos::prelude::*;

#[component]
pub fn TrashPage() -> impl IntoView {
    let kith = use_kith();
    let confirming = RwSignal::new(false);
    let (dialog, dialog_keys) = crate::components::dialog::confirmation(confirming);
    let items = move || {
        kith.directory.with(|d| {
            d.trash(platform::now())
                .into_iter()
                .map(|(c, left)| (c.id.clone(), c.name.clone(), left))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="trash">
            <a class="back-link" href=crate::platform::at("/people")>"‹ People"</a>
            <h1>"Trash"</h1>
            <p class="page-lead">{format!("Deleted people stay here for {TRASH_DAYS} days, then Kith lets them go.")}</p>
            <Show when=move || !items().is_empty() fallback=|| view! { <p class="card__empty">"The trash is empty."</p> }>
                <ul class="card list-card" aria-label="Deleted people">
                    {move || items().into_iter().map(|(id, name, left)| view! {
                        <li class="list-card__row">
                            <span class="list-card__main">{name.clone()}</span>
                            <span class="list-card__meta">{kith_core::format::count(usize::try_from(left).unwrap_or(0), "day left", "days left")}</span>
                            <button class="button button--small" aria-label=format!("Restore {name}")
                                on:click=move |_| kith.restore_contacts(std::slice::from_ref(&id))>"Restore"</button>
                        </li>
                    }).collect_view()}
                </ul>
                // The button stays while the question shows, so focus has
                // somewhere to return to when it is answered.
                <button class="button button--quiet" aria-expanded=move || confirming.get().to_string()
                    on:click=move |_| confirming.set(true)>"Empty trash…"</button>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-empty"
                        node_ref=dialog on:keydown=dialog_keys>
                        <p id="confirm-empty">"Empty the trash? These people cannot be restored afterwards."</p>
                        <div class="confirm__actions">
                            <button class="button button--danger" on:click=move |_| { kith.empty_trash(); confirming.set(false); }>"Empty trash now"</button>
                            <button class="button" on:click=move |_| confirming.set(false)>"Keep them"</button>
                        </div>
                    </div>
                </Show>
            </Show>
        </section>
    }
}
