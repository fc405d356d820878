//! "Possible duplicates" on the People page: pairs that may be one person,
//! each explained ("same email, similar name"), to compare and merge on the
//! merge screen or to tell apart for good. Found only while the list is
//! shown (the search is a pass over everyone), again after each write.

use crate::state::use_kith;
use kith_core::format::count;
use leptos::prelude::*;

/// At most this many pairs are drawn at once.
const SHOWN: usize = 50;

#[component]
pub fn Duplicates() -> impl IntoView {
    let kith = use_kith();
    // One closure draws it all (a memo would compile its own copy of
    // leptos code for one list).
    move || {
        let found = kith.directory.with(|d| {
            d.duplicates()
                .into_iter()
                .filter_map(|c| {
                    let name = |id| d.contact(id).map(|p| p.name.clone());
                    Some((name(&c.a)?, name(&c.b)?, c))
                })
                .collect::<Vec<_>>()
        });
        let title = match found.len() {
            0 => "No possible duplicates".to_owned(),
            n => format!("Possible duplicates · {}", count(n, "pair", "pairs")),
        };
        let rows = found.into_iter().take(SHOWN).map(|(a_name, b_name, c)| {
            let both = format!("{a_name} and {b_name}");
            let href = crate::platform::at(format!("/people/merge?keep={}&other={}", c.a, c.b));
            let (a, b) = (c.a, c.b);
            view! {
                <li class="member">
                    <div class="member__main">
                        <span class="member__name">{both.clone()}</span>
                        <span class="member__why">{c.why}</span>
                    </div>
                    <a class="button button--small" href=href aria-label=format!("Compare and merge {both}")>"Compare"</a>
                    <button class="button button--small button--quiet" aria-label=format!("Not the same person: {both}")
                        on:click=move |_| { let _ = kith.not_duplicates(&a, &b); }>"Not the same"</button>
                </li>
            }
        }).collect_view();
        view! {
            <section class="card duplicates" id="duplicates" aria-labelledby="duplicates-title">
                <h2 class="card__title" id="duplicates-title">{title}</h2>
                <ul class="members" aria-label="Possible duplicates">{rows}</ul>
            </section>
        }
    }
}
