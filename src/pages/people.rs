//! The people screen: search, sort, and the virtualised list.

use crate::components::people_list::PeopleList;
use crate::state::use_kith;
use kith_core::format::grouped;
use kith_core::SortOrder;
use leptos::prelude::*;

const SORTS: [(SortOrder, &str, &str); 3] = [
    (SortOrder::Name, "name", "Name"),
    (SortOrder::LastContact, "last", "Last contact"),
    (SortOrder::NextCheckIn, "next", "Next check-in"),
];

#[component]
pub fn PeoplePage() -> impl IntoView {
    let kith = use_kith();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(SortOrder::Name);
    let ids = Memo::new(move |_| kith.directory.with(|d| d.query(&query.get(), sort.get())));
    let total = move || kith.directory.with(|d| d.live_count());
    let summary = move || {
        let (shown, all) = (ids.with(Vec::len), total());
        match (query.with(|q| q.trim().is_empty()), all) {
            (_, 0) => String::new(),
            (true, 1) => "1 person".into(),
            (true, n) => format!("{} people", grouped(n)),
            (false, _) => format!("{} of {}", grouped(shown), grouped(all)),
        }
    };

    view! {
        <section class="people-page">
            <header class="page-head">
                <div>
                    <h1 class="page-head__title">"People"</h1>
                    <p class="page-head__sub" aria-live="polite">{summary}</p>
                </div>
                <a class="button button--primary" href="/people/new">
                    <span aria-hidden="true">"+ "</span>"Add person"
                </a>
            </header>
            <Show
                when=move || { total() > 0 }
                fallback=|| view! {
                    <div class="panel empty">
                        <h2>"Who matters to you?"</h2>
                        <p>"Add the people you want to keep in touch with: customers, partners, friends. Everything stays in this browser."</p>
                        <a class="button button--primary" href="/people/new">"Add your first person"</a>
                    </div>
                }
            >
                <div class="toolbar">
                    <label class="search">
                        <span class="visually-hidden">"Search people"</span>
                        <svg class="search__icon" viewBox="0 0 20 20" aria-hidden="true">
                            <circle cx="8.5" cy="8.5" r="5.5"/>
                            <path d="M12.5 12.5 17 17"/>
                        </svg>
                        <input
                            type="search"
                            class="search__input"
                            placeholder="Search people"
                            autocomplete="off"
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))
                        />
                    </label>
                    <label class="sort">
                        <span class="sort__label">"Sort by"</span>
                        <select
                            class="sort__select"
                            on:change=move |ev| {
                                let key = event_target_value(&ev);
                                if let Some((order, _, _)) = SORTS.iter().find(|(_, k, _)| *k == key) {
                                    sort.set(*order);
                                }
                            }
                        >
                            {SORTS.iter().map(|(order, key, label)| view! {
                                <option value=*key selected=move || sort.get() == *order>{*label}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <Show
                    when=move || ids.with(|v| !v.is_empty())
                    fallback=move || view! {
                        <p class="no-match">"No one matches “" {move || query.get()} "”."</p>
                    }
                >
                    <PeopleList ids/>
                </Show>
            </Show>
        </section>
    }
}
