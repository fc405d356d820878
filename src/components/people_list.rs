//! The list of people, windowed (see `window`): however many match, only
//! the rows in view (plus a few either side) are in the DOM.

use crate::components::avatar::Avatar;
use crate::components::show::Show;
use crate::components::window::{window, Row};
use crate::state::use_kith;
use kith_core::{ContactId, Timestamp};
use leptos::prelude::*;
use std::sync::Arc;

/// The people ticked in select mode, in id order, each once (a sorted
/// vector: a B-tree set compiled its own code into the wasm).
pub type Selection = RwSignal<Vec<ContactId>>;

/// Height of one row in CSS pixels, as `.person-row` in style/people.css.
pub const ROW_HEIGHT: f64 = 68.0;

/// Renders `ids` in order, in a scrolling box that fills its parent.
#[component]
pub fn PeopleList(
    /// The people to show, already filtered and sorted.
    ids: Memo<Vec<ContactId>>,
    /// When set, each row has a checkbox that adds it to `selection`.
    #[prop(into)]
    selecting: Signal<bool>,
    selection: Selection,
) -> impl IntoView {
    let row: Row = Arc::new(move |_, id| view! { <PersonRow id selecting selection/> }.into_any());
    window(ids.into(), "People", "people-scroll", ROW_HEIGHT, true, row)
}

/// One person: avatar, name, and organisation or email beneath, and where
/// they stand on their check-in (the core's one rule); in select mode, a
/// checkbox before them.
#[component]
fn PersonRow(id: ContactId, selecting: Signal<bool>, selection: Selection) -> impl IntoView {
    let kith = use_kith();
    let status = {
        let id = id.clone();
        crate::reactive::memo(move || {
            let settings = kith.check_in.get();
            let today = crate::platform::today();
            kith.directory.with(|d| {
                d.contact(&id).map(|c| {
                    let state = d.check_in_of(c, today, &settings);
                    (state.kind().key(), state.short_words(today))
                })
            })
        })
    };
    let row = {
        let id = id.clone();
        crate::reactive::memo(move || {
            kith.directory.with(|d| {
                d.contact(&id).map(|c| {
                    let org = d.organisation_of(c).map(|o| o.name.clone());
                    let sub = match (org, c.primary_email()) {
                        (Some(org), _) => org,
                        (None, Some(email)) => email.to_owned(),
                        (None, None) => String::new(),
                    };
                    (c.name.clone(), sub, c.initials(), c.photo)
                })
            })
        })
    };
    let field = move |pick: fn((String, String, String, Option<Timestamp>)) -> String| {
        move || row.get().map(pick).unwrap_or_default()
    };
    let initials = Signal::derive(field(|r| r.2));
    let photo = Signal::derive(move || row.get().and_then(|r| r.3));
    let checked = {
        let id = id.clone();
        move || selection.with(|s| s.binary_search(&id).is_ok())
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            selection.update(|s| match s.binary_search(&id) {
                Ok(at) => {
                    s.remove(at);
                }
                Err(at) => s.insert(at, id.clone()),
            })
        }
    };
    view! {
        <div class="person-row-wrap" class:person-row-wrap--selecting=move || selecting.get()>
        <Show when=move || selecting.get()>
            <input type="checkbox" class="person-row__check"
                aria-label=move || format!("Select {}", field(|r| r.0)())
                prop:checked=checked.clone() on:change=toggle.clone()/>
        </Show>
        <a class="person-row" href=crate::platform::at(format!("/people/{id}"))>
            <Avatar id=id.clone() initials photo/>
            <span class="person-row__text">
                <span class="person-row__name">{field(|r| r.0)}</span>
                <span class="person-row__sub">{field(|r| r.1)}</span>
            </span>
            {move || status.get().map(|(key, words)| view! {
                <span class=format!("person-row__status status status--{key}")>{words}</span>
            })}
            <span class="person-row__chevron" aria-hidden="true">"›"</span>
        </a>
        </div>
    }
}
