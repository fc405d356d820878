//! The people screen: search, sort, filter by tag or organisation, and a
//! select mode for acting on many people at once (tag, untag, set a
//! check-in timer, delete, or merge two).

use crate::components::form::FormError;
use crate::components::people_list::{PeopleList, Selection};
use crate::components::show::Show;
use crate::router::{use_navigate, NavigateOptions};
use crate::state::use_kith;
use kith_core::format::{count, grouped};
use kith_core::{Cadence, ContactId, Filter, OrganisationId, SortOrder};
use leptos::prelude::*;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let kith = use_kith();
    // Search, sort and filters start from the address (a bookmark, a
    // reload, coming back) and are written back to it as they change.
    let initial = |key: &str| crate::router::query(key).unwrap_or_default();
    let query = RwSignal::new(initial("q"));
    let sort = RwSignal::new(SortOrder::from_key(&initial("sort")));
    let tag = RwSignal::new(Some(initial("tag")).filter(|t| !t.is_empty()));
    let organisation = RwSignal::new(OrganisationId::parse(&initial("organisation")));
    keep_in_address(query, sort, tag, organisation);
    let selecting = RwSignal::new(false);
    let selection: Selection = RwSignal::new(Vec::new());
    let ids = crate::reactive::memo(move || {
        let filter = Filter {
            tag: tag.get(),
            organisation: organisation.get(),
        };
        let settings = kith.check_in.get();
        let today = crate::platform::today();
        kith.directory
            .with(|d| d.query(&query.get(), sort.get(), &filter, today, &settings))
    });
    let total = move || kith.directory.with(|d| d.live_count());
    let filtered = move || {
        !query.with(|q| q.trim().is_empty())
            || tag.with(Option::is_some)
            || organisation.with(Option::is_some)
    };
    let summary = move || {
        let (shown, all) = (ids.with(Vec::len), total());
        match (filtered(), all) {
            (_, 0) => String::new(),
            (false, n) => count(n, "person", "people"),
            (true, _) => format!("{} of {}", grouped(shown), grouped(all)),
        }
    };
    // One memo (one compiled copy): a write re-draws the filters' options
    // only when the tags, organisations or trash count changed.
    let filters = crate::reactive::memo(move || {
        kith.directory.with(|d| {
            let orgs = d
                .organisations()
                .into_iter()
                .map(|o| (o.id.clone(), o.name.clone()))
                .collect::<Vec<_>>();
            (d.tags(), orgs, d.trash(crate::platform::now()).len())
        })
    });
    let tags = move || filters.with(|f| f.0.clone());
    let orgs = move || filters.with(|f| f.1.clone());
    let trash = move || filters.with(|f| f.2);

    crate::components::escape::close_on_escape(selecting);
    // "Possible duplicates" shown (found only while shown).
    let duplicates = RwSignal::new(false);
    crate::reactive::effect(move |_| {
        if !selecting.get() {
            selection.set(Vec::new());
        }
    });

    view! {
        <section class="people-page">
            <header class="page-head">
                <div>
                    <h1 class="page-head__title">"People"</h1>
                    <p class="page-head__sub" aria-live="polite">{summary}</p>
                </div>
                <a class="button button--primary" href=crate::platform::at("/people/new") aria-keyshortcuts="n">
                    <span aria-hidden="true">"+ "</span>"Add person"
                </a>
            </header>
            <Show
                when=move || { total() > 0 }
                fallback=|| view! {
                    <div class="panel empty">
                        <h2>"Who matters to you?"</h2>
                        <p>"Add the people you want to keep in touch with: customers, partners, friends. Everything stays in this browser."</p>
                        <a class="button button--primary" href=crate::platform::at("/people/new")>"Add your first person"</a>
                    </div>
                }
            >
                <div class="toolbar">
                    <label class="search">
                        <span class="visually-hidden">"Search people and notes"</span>
                        <svg class="search__icon" viewBox="0 0 20 20" aria-hidden="true">
                            <circle cx="8.5" cy="8.5" r="5.5"/>
                            <path d="M12.5 12.5 17 17"/>
                        </svg>
                        <input
                            id="people-search"
                            type="search"
                            class="search__input"
                            placeholder="Search people and notes"
                            autocomplete="off"
                            aria-keyshortcuts="/"
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))
                        />
                    </label>
                </div>
                <div class="toolbar toolbar--filters">
                    <label class="select-field">
                        <span>"Sort by"</span>
                        <select on:change=move |ev| {
                            let key = event_target_value(&ev);
                            sort.set(SortOrder::from_key(&key));
                        }>
                            {SortOrder::ALL.iter().map(|(order, key, label)| view! {
                                <option value=*key selected=move || sort.get() == *order>{*label}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="select-field">
                        <span>"Tag"</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            tag.set((!v.is_empty()).then_some(v));
                        }>
                            <option value="" selected=move || tag.with(Option::is_none)>"All"</option>
                            {move || tags().into_iter().map(|(t, n)| {
                                let selected = { let t = t.clone(); move || tag.get().as_deref() == Some(t.as_str()) };
                                view! { <option value=t.clone() selected=selected>{format!("{t} ({n})")}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="select-field">
                        <span>"Organisation"</span>
                        <select on:change=move |ev| organisation.set(OrganisationId::parse(&event_target_value(&ev)))>
                            <option value="" selected=move || organisation.with(Option::is_none)>"All"</option>
                            {move || orgs().into_iter().map(|(id, name)| {
                                let selected = { let id = id.clone(); move || organisation.get().as_ref() == Some(&id) };
                                view! { <option value=id.to_string() selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <div class="toolbar__end">
                        <button class="button button--small" aria-expanded=move || duplicates.get().to_string()
                            aria-controls="duplicates" on:click=move |_| duplicates.update(|o| *o = !*o)>"Possible duplicates"</button>
                        <button class="button button--small" aria-pressed=move || selecting.get().to_string()
                            on:click=move |_| {
                                selecting.update(|s| *s = !*s);
                                selection.set(Vec::new());
                            }>
                            {crate::reactive::text(move || if selecting.get() { "Done" } else { "Select" }.to_owned())}
                        </button>
                    </div>
                </div>
                {move || duplicates.get().then(|| view! { <super::duplicates::Duplicates/> })}
                <super::notes_found::NotesFound query/>
                <Show when=move || selecting.get()>
                    <BulkBar ids selection/>
                </Show>
                <Show
                    when=move || ids.with(|v| !v.is_empty())
                    fallback=move || view! {
                        <p class="no-match">"No one matches “" {crate::reactive::text(move || query.get())} "”" {crate::reactive::text(move || tag.get().map(|t| format!(" with the tag {t}")).unwrap_or_default())} "."</p>
                    }
                >
                    <PeopleList ids selecting selection/>
                </Show>
                <p class="people-page__foot">
                    <a href=crate::platform::at("/organisations")>"Organisations"</a>
                    " · "
                    <a href=crate::platform::at("/trash")>{crate::reactive::text(move || format!("Trash ({})", trash()))}</a>
                </p>
            </Show>
        </section>
    }
}

/// Writes search, sort and filters into the address bar (replacing the
/// entry, so typing makes no history of its own) whenever they change.
fn keep_in_address(
    query: RwSignal<String>,
    sort: RwSignal<SortOrder>,
    tag: RwSignal<Option<String>>,
    organisation: RwSignal<Option<OrganisationId>>,
) {
    let navigate = use_navigate();
    // Written once typing pauses: a navigation costs tens of milliseconds,
    // too much for every keystroke at 10,000 people.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(h) = pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
    });
    let mut previous = None::<String>;
    crate::reactive::effect(move |_| {
        let mut params = Vec::new();
        query.with(|q| {
            if !q.trim().is_empty() {
                params.push(("q", q.clone()));
            }
        });
        if sort.get() != SortOrder::default() {
            params.push(("sort", sort.get().key().to_owned()));
        }
        if let Some(t) = tag.get() {
            params.push(("tag", t));
        }
        if let Some(o) = organisation.get() {
            params.push(("organisation", o.to_string()));
        }
        let search = crate::platform::query_string(&params);
        if previous.as_ref().is_some_and(|p| p != &search) {
            if let Some(h) = pending.try_update_value(Option::take).flatten() {
                h.clear();
            }
            let (navigate, to) = (navigate.clone(), format!("/people{search}"));
            let write = move || {
                navigate(
                    &to,
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                    },
                )
            };
            let handle = set_timeout_with_handle(write, std::time::Duration::from_millis(350));
            pending.set_value(handle.ok());
        }
        previous = Some(search);
    });
}

/// Actions on the selected people.
#[component]
fn BulkBar(ids: Memo<Vec<ContactId>>, selection: Selection) -> impl IntoView {
    let kith = use_kith();
    let navigate = use_navigate();
    let tag = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let count = move || selection.with(Vec::len);
    let chosen = move || selection.get();
    let tag_action = move |add: bool| {
        let people = chosen();
        let result = if add {
            kith.tag_contacts(&people, &tag.get_untracked())
        } else {
            kith.untag_contacts(&people, &tag.get_untracked())
        };
        match result {
            // The command says what it did, with an Undo.
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    // Choosing a timer sets it for everyone selected at once (one control,
    // so the bar stays short at phone width), then the menu reads "Set
    // timer…" again.
    let set_timer = move |ev: leptos::ev::Event| {
        if let Some(cadence) = Cadence::preset(&event_target_value(&ev)) {
            match kith.set_cadences(&chosen(), cadence) {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e.to_string())),
            }
        }
        if let Some(menu) = ev.target() {
            let _ = js_sys::Reflect::set(&menu, &"value".into(), &"".into());
        }
    };
    let merge = move |_| {
        if let [a, b] = chosen().as_slice() {
            navigate(
                &format!("/people/merge?keep={a}&other={b}"),
                Default::default(),
            );
        }
    };
    view! {
        <div class="bulk" role="region" aria-label="Selected people">
            <p class="bulk__count" aria-live="polite">{crate::reactive::text(move || format!("{} selected", count()))}</p>
            <button class="button button--small" on:click=move |_| selection.set({ let mut all = ids.get(); kith_core::sort::sort(&mut all); all.dedup(); all })>"Select all shown"</button>
            <div class="bulk__tag">
                <input aria-label="Tag for the selected people" placeholder="Tag" autocomplete="off"
                    prop:value=move || tag.get() on:input=move |ev| tag.set(event_target_value(&ev))/>
                <button class="button button--small" disabled=move || count() == 0 on:click=move |_| tag_action(true)>"Add tag"</button>
                <button class="button button--small" disabled=move || count() == 0 on:click=move |_| tag_action(false)>"Remove tag"</button>
            </div>
            <select class="bulk__timer" aria-label="Set a check-in timer for the selected people"
                disabled=move || count() == 0
                on:change=set_timer>
                <option value="" selected=true>"Set timer…"</option>
                {kith_core::cadence::PRESETS.iter().map(|(key, label, _)| {
                    let label = if *key == "none" { "No timer" } else { *label };
                    view! { <option value=*key>{label}</option> }
                }).collect_view()}
            </select>
            <button class="button button--small" disabled=move || count() != 2 on:click=merge
                title="Select exactly two people to merge them">"Merge"</button>
            <button class="button button--small button--danger" disabled=move || count() == 0
                on:click=move |_| {
                    kith.delete_contacts(&chosen());
                    selection.set(Vec::new());
                }>"Delete"</button>
            <FormError error/>
        </div>
    }
}
