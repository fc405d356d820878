//! The list of people, virtualised: however many match, only the rows in
//! view (plus a few either side) are in the DOM. Rows have a fixed height,
//! so the row at any scroll offset is a division away.

use crate::components::avatar::Avatar;
use crate::state::use_kith;
use kith_core::{ContactId, Timestamp};
use leptos::html;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The people ticked in select mode.
pub type Selection = RwSignal<BTreeSet<ContactId>>;

/// Height of one row in CSS pixels; `.person-row` in style/people.css
/// must match.
pub const ROW_HEIGHT: f64 = 68.0;
/// Rows rendered beyond each edge of the viewport, so fast scrolling does
/// not show blank space.
const OVERSCAN: usize = 8;

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
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(900.0);
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(f64::from(el.client_height().max(1)));
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // A new filter shows the top of the new list.
    Effect::new(move |previous: Option<()>| {
        ids.track();
        if previous.is_some() {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
        }
    });

    let total = move || ids.with(Vec::len);
    let visible = move || {
        let first = (scroll_top.get() / ROW_HEIGHT) as usize;
        let start = first.saturating_sub(OVERSCAN);
        let count = (viewport.get() / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        ids.with(|all| {
            let end = (start + count).min(all.len());
            all.get(start.min(end)..end)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(i, id)| (start + i, id.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div
            class="people-scroll"
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
        >
            <ul
                class="people-list"
                aria-label="People"
                style:height=move || format!("{}px", total() as f64 * ROW_HEIGHT)
            >
                <For
                    each=visible
                    key=|(index, id)| (*index, id.clone())
                    children=move |(index, id)| {
                        view! {
                            <li
                                class="people-list__item"
                                aria-setsize=total
                                aria-posinset=index + 1
                                style:transform=format!("translateY({}px)", index as f64 * ROW_HEIGHT)
                            >
                                <PersonRow id selecting selection/>
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}

/// One person: avatar, name, and organisation or email beneath, and where
/// they stand on their check-in (the core's one rule); in select mode, a
/// checkbox before them.
#[component]
fn PersonRow(id: ContactId, selecting: Signal<bool>, selection: Selection) -> impl IntoView {
    let kith = use_kith();
    let status = {
        let id = id.clone();
        Memo::new(move |_| {
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
        Memo::new(move |_| {
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
        move || selection.with(|s| s.contains(&id))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            selection.update(|s| {
                if !s.remove(&id) {
                    s.insert(id.clone());
                }
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
