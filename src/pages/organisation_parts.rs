//! Parts of an organisation's page: its people (with warmth, sortable) and
//! tidying it up (merge into another, delete). The rules behind them
//! (order, warmth, which roles move or go) are kith_core's.

use crate::components::avatar::Avatar;
use crate::components::form::{Binding, SelectField};
use crate::components::show::Show;
use crate::components::window::{window, Row};
use crate::platform;
use crate::router::use_navigate;
use crate::state::use_kith;
use kith_core::format::last_in_touch;
use kith_core::organisation::{order_members, people, MemberOrder};
use kith_core::orgmap;
use kith_core::temperature::{scores, Health};
use kith_core::{CheckInKind, ContactId, Interaction, OrganisationId};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The organisation's interactions, newest first, as its page loads them.
pub type History = crate::state::Loaded<Result<Vec<Interaction>, String>>;

/// The organisation's people: role, last contact, check-in state and
/// warmth, in the order the user picks.
#[component]
pub fn OrganisationMembers(id: OrganisationId, history: History) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let order = RwSignal::new("name".to_owned());
    let rows = crate::reactive::memo(move || {
        let today = platform::today();
        let settings = kith.check_in.get();
        // Each person's interactions, gathered in one pass over the history.
        let mut theirs: HashMap<ContactId, Vec<Interaction>> = HashMap::new();
        history.with(|h| {
            for i in h.iter().flat_map(|r| r.iter()).flatten() {
                for c in &i.contact_ids {
                    theirs.entry(c.clone()).or_default().push(i.clone());
                }
            }
        });
        kith.directory.with(|d| {
            let mut rows: Vec<_> = d
                .member_statuses(&me.get_value(), today, &settings)
                .into_iter()
                .map(|m| {
                    let theirs = theirs.get(&m.contact.id).map_or(&[][..], Vec::as_slice);
                    let health = (!theirs.is_empty() || m.status.kind().wants_contact())
                        .then(|| Health::of(m.status.state, &scores(theirs)));
                    (m, health, ())
                })
                .collect();
            // The map: current people, by name (as they come), with their
            // links, before the list is put in the user's order.
            let mut links = Vec::new();
            let drawn = rows
                .iter()
                .filter(|(m, _, _)| m.is_current())
                .map(|(m, health, ())| {
                    let c = m.contact;
                    links.extend(
                        c.relations
                            .iter()
                            .map(|r| (c.id.clone(), r.kind, r.other.clone())),
                    );
                    orgmap::Person {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        initials: c.initials(),
                        role: m.role_words(),
                        health: *health,
                        last: c.last_interaction,
                        overdue: m.status.kind() == CheckInKind::Overdue,
                    }
                })
                .collect::<Vec<_>>();
            let map = orgmap::Map::new(drawn, &links);
            let title = d
                .organisation(&me.get_value())
                .map_or("", |o| o.name.as_str());
            let picture = (map.rows.len() > 1)
                .then(|| map.svg(&format!("Map of the people at {title}"), today));
            order_members(&mut rows, MemberOrder::from_key(&order.get()));
            let rows = rows
                .into_iter()
                .map(|(m, health, ())| MemberRow {
                    id: m.contact.id.clone(),
                    name: m.contact.name.clone(),
                    initials: m.contact.initials(),
                    photo: m.contact.photo,
                    role: m.role_words(),
                    current: m.is_current(),
                    last: last_in_touch(m.contact.last_interaction, today),
                    tone: format!("status status--{}", m.status.kind().key()),
                    status: m.status.state.words(today),
                    warmth: health.map(|h| {
                        let tone = match h {
                            Health::Good => "ok",
                            Health::Watch => "due",
                            Health::AtRisk => "overdue",
                            Health::Unknown => "none",
                        };
                        (format!("status status--{tone}"), h.label())
                    }),
                })
                .collect::<Vec<_>>();
            (rows, picture)
        })
    });
    let ids = crate::reactive::memo(move || {
        rows.with(|(r, _)| r.iter().map(|m| m.id.clone()).collect::<Vec<_>>())
    });
    let navigate = use_navigate();
    // A note about one person opens beneath the list, so rows keep one height.
    let note_for = RwSignal::new(None::<(ContactId, String)>);
    let row: Row = Arc::new(move |index, id| {
        let this = id.clone();
        (move || {
            let m = rows.with(|(r, _)| r.get(index).filter(|m| m.id == this).cloned())?;
            let label = format!("Note a detail about {}", m.name);
            let (cid, open_id, name) = (m.id.clone(), m.id.clone(), m.name.clone());
            Some(view! {
                <div class="member-row" class:member--former=!m.current>
                    <Avatar id=cid.clone() initials=m.initials photo=Signal::stored(m.photo)/>
                    <div class="member-row__text">
                        <span class="member-row__line">
                            <a class="member__name" href=crate::platform::at(format!("/people/{cid}"))>{m.name}</a>
                            <span class="member__role">{m.role}</span>
                        </span>
                        <span class="member-row__line member-row__facts">
                            <span class=m.tone>{m.status}</span>
                            {m.warmth.map(|(tone, label)| view! { <span class=tone>{format!("Warmth: {label}")}</span> })}
                            <span class="member__role">{m.last}</span>
                        </span>
                    </div>
                    <button class="icon-button member__note"
                        aria-expanded=move || note_for.with(|n| n.as_ref().is_some_and(|(i, _)| *i == open_id)).to_string()
                        aria-controls="members-note" aria-label=label.clone() title=label
                        on:click=move |_| note_for.update(|n| {
                            *n = match n {
                                Some((i, _)) if *i == cid => None,
                                _ => Some((cid.clone(), name.clone())),
                            };
                        })>"✎"</button>
                </div>
            })
        })
        .into_any()
    });
    view! {
        {move || rows.with(|(_, p)| p.clone()).map(|svg| {
            let navigate = navigate.clone();
            view! {
                <section class="card" aria-labelledby="orgmap-title">
                    <h2 class="card__title" id="orgmap-title">"Who's who"</h2>
                    // A person's dot opens their page; the list below has
                    // the same people as links, for the keyboard.
                    <figure class="orgmap-figure" inner_html=svg on:click=move |ev| {
                        use wasm_bindgen::JsCast;
                        let person = ev.target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|t| t.closest("[data-person]").ok().flatten())
                            .and_then(|g| g.get_attribute("data-person"));
                        if let Some(id) = person {
                            navigate(&format!("/people/{id}"), Default::default());
                        }
                    }/>
                    <p class="orgmap-key">
                        <span class="orgmap-key__dot orgmap-key__dot--good"></span>"Good "
                        <span class="orgmap-key__dot orgmap-key__dot--watch"></span>"Worth watching "
                        <span class="orgmap-key__dot orgmap-key__dot--risk"></span>"At risk "
                        <span class="orgmap-key__dot orgmap-key__dot--overdue"></span>"Check-in overdue"
                        <br/>"Lines: who reports to whom. Dashed arcs: who works with whom."
                    </p>
                </section>
            }
        })}
        <section class="card" aria-labelledby="members-title">
            <div class="card__head">
                <h2 class="card__title" id="members-title">"People"</h2>
                <SelectField id="org-member-order" label="Sort people by" class="field--inline" value=order
                    options=MemberOrder::ALL.iter().map(|(_, k, l)| ((*k).to_owned(), (*l).to_owned())).collect()/>
            </div>
            <Show when=move || !rows.with(|(r, _)| r.is_empty()) fallback=|| view! {
                <p class="card__empty">"No one here yet. Give someone a role at this organisation from their page."</p>
            }>
                {window(ids.into(), "People at this organisation", "members-scroll", ROW_HEIGHT, false, row.clone())}
                <div id="members-note">
                    {move || note_for.get().map(|(id, name)| view! {
                        <div class="members__note">
                            <crate::components::quick_detail::QuickDetail id name compact=true
                                on_saved=Callback::new(move |_| note_for.set(None))/>
                        </div>
                    })}
                </div>
            </Show>
        </section>
    }
}

/// Height of one member row in CSS pixels, as `.members-scroll` in
/// style/person.css (read back from the page).
const ROW_HEIGHT: f64 = 64.0;

/// What a member row shows, read once from the directory.
#[derive(Clone, PartialEq)]
struct MemberRow {
    id: ContactId,
    name: String,
    initials: String,
    photo: Option<kith_core::Timestamp>,
    role: String,
    current: bool,
    last: String,
    tone: String,
    status: String,
    /// Style and words of their warmth; `None` when there is nothing to
    /// tell yet.
    warmth: Option<(String, &'static str)>,
}

/// Merging this organisation into another (all its people's roles move),
/// or deleting it (its people's roles there are removed; they stay), each
/// after a confirm that says what will happen in numbers. `merge_into`
/// preselects the organisation to merge into (a rename that collided).
#[component]
pub fn OrganisationTidy(
    id: OrganisationId,
    #[prop(into)] merge_into: Signal<Option<OrganisationId>>,
) -> impl IntoView {
    let kith = use_kith();
    let navigate = use_navigate();
    let me = StoredValue::new(id);
    let chosen = RwSignal::new(String::new());
    // The user's choice, else the organisation a rename collided with.
    let target = Signal::derive(move || {
        let c = chosen.get();
        if c.is_empty() {
            merge_into.get().map(|o| o.to_string()).unwrap_or_default()
        } else {
            c
        }
    });
    let confirm_delete = RwSignal::new(false);
    let (dialog, dialog_keys) = crate::components::dialog::confirmation(confirm_delete);
    let name = move || {
        kith.directory
            .with(|d| d.organisation(&me.get_value()).map(|o| o.name.clone()))
            .unwrap_or_default()
    };
    let others = move || {
        kith.directory.with(|d| {
            d.organisations()
                .into_iter()
                .filter(|o| o.id != me.get_value())
                .map(|o| (o.id.to_string(), o.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let reach = move || {
        kith.directory
            .with(|d| d.organisation_reach(&me.get_value()))
    };
    let nav = navigate.clone();
    let merge = move |_| {
        let Some(keep) = OrganisationId::parse(&target.get_untracked()) else {
            return;
        };
        match kith.merge_organisations(&keep, &me.get_value()) {
            Ok(()) => nav(&format!("/organisations/{keep}"), Default::default()),
            Err(e) => kith.warn(e),
        }
    };
    let delete = move |_| match kith.delete_organisation(&me.get_value()) {
        Ok(()) => navigate("/organisations", Default::default()),
        Err(e) => kith.warn(e),
    };
    view! {
        <div class="subform" role="group" aria-label="Merge or delete">
            <Show when=move || !others().is_empty()>
                <div class="day-picker">
                    <SelectField id="org-merge-into" label="Merge into another organisation"
                        hint="Everyone's role here moves there; this one goes."
                        value=Binding::derived(move || target.get(), move |v| chosen.set(v))
                        options={
                            let mut o = vec![(String::new(), "Choose…".to_owned())];
                            o.extend(others());
                            o
                        }/>
                </div>
                <button type="button" class="button" disabled=move || target.get().is_empty()
                    on:click=merge.clone()>{move || {
                        let to = others().into_iter().find(|(k, _)| *k == target.get()).map(|(_, n)| n);
                        match to { Some(to) => format!("Merge {} into {to}", name()), None => "Merge".to_owned() }
                    }}</button>
            </Show>
            <button type="button" class="button button--danger" aria-expanded=move || confirm_delete.get().to_string()
                on:click=move |_| confirm_delete.update(|c| *c = !*c)>"Delete organisation…"</button>
            <Show when=move || confirm_delete.get()>
                <div class="subform" role="alertdialog" aria-label="Delete organisation?"
                    node_ref=dialog on:keydown=dialog_keys>
                    <p>{move || {
                        let r = reach();
                        let n = r.current + r.former;
                        if n == 0 {
                            format!("Delete {}? No one has a role there.", name())
                        } else {
                            let former = if r.former > 0 { format!(" ({} of them former)", r.former) } else { String::new() };
                            format!(
                                "Delete {}? {} {} a role there{former}. Their roles there are removed; the people stay in Kith.",
                                name(), people(n), if n == 1 { "has" } else { "have" }
                            )
                        }
                    }}</p>
                    <div class="form__actions">
                        <button type="button" class="button button--danger" on:click=delete.clone()>{crate::reactive::text(move || format!("Delete {}", name()))}</button>
                        <button type="button" class="button button--quiet" on:click=move |_| confirm_delete.set(false)>"Keep it"</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
