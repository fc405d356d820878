//! Organisations: a list, and a page per organisation showing how wide and
//! how warm the bond is: its people with their roles, when each was last in
//! touch, and who is overdue for a check-in.

use super::organisation_parts::{History, OrganisationMembers, OrganisationTidy};
use crate::components::form::{Binding, FormError, SelectField, TextArea, TextField};
use crate::components::health::{FrequencyChart, TemperatureChart};
use crate::components::log::{LogForm, TimelineItem};
use crate::components::read_failed::ReadFailed;
use crate::components::show::Show;
use crate::platform;
use crate::router::use_navigate;
use crate::state::use_kith;
use kith_core::cadence::PRESETS;
use kith_core::organisation::{merge_histories, people, Summary};
use kith_core::{Cadence, OrganisationId};
use leptos::prelude::*;

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let kith = use_kith();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let orgs = move || {
        kith.directory.with(|d| {
            d.organisations()
                .into_iter()
                .map(|o| {
                    let current = d
                        .members(&o.id)
                        .iter()
                        .filter(|(_, r)| r.is_current())
                        .count();
                    (o.id.clone(), o.name.clone(), people(current))
                })
                .collect::<Vec<_>>()
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match kith.add_organisation(&name.get_untracked()) {
            Ok(id) => navigate(&format!("/organisations/{id}"), Default::default()),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="organisations">
            <h1>"Organisations"</h1>
            <form class="quick-detail" on:submit=add>
                <input class="quick-detail__input" aria-label="New organisation name" placeholder="New organisation"
                    autocomplete="off" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="button button--primary">"Add organisation"</button>
            </form>
            <FormError error/>
            <Show when=move || !orgs().is_empty() fallback=|| view! {
                <p class="card__empty">"Organisations appear here as you give people roles, or add one above."</p>
            }>
                <ul class="card list-card" aria-label="Organisations">
                    {move || orgs().into_iter().map(|(id, name, n)| view! {
                        <li class="list-card__row">
                            <a class="list-card__main" href=crate::platform::at(format!("/organisations/{id}"))>{name}</a>
                            <span class="list-card__meta">{n}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let kith = use_kith();
    let param = crate::router::id_param();
    let id = crate::reactive::memo(move || {
        param.with(|raw| raw.as_deref().and_then(OrganisationId::parse))
    });
    let org = crate::reactive::memo(move || {
        id.get()
            .and_then(|id| kith.directory.with(|d| d.organisation(&id).cloned()))
    });
    move || match org.get() {
        None => view! {
            <section class="panel empty">
                <h1>"Organisation not found"</h1>
                <a class="button" href=crate::platform::at("/organisations")>"All organisations"</a>
            </section>
        }
        .into_any(),
        Some(o) => view! { <OrganisationView id=o.id.clone()/> }.into_any(),
    }
}

#[component]
fn OrganisationView(id: OrganisationId) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let editing = RwSignal::new(false);
    crate::components::escape::close_on_escape(editing);
    crate::components::dialog::returns_focus(move || editing.get());
    let name = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let org = move || {
        kith.directory
            .with(|d| d.organisation(&me.get_value()).cloned())
    };
    let summary = move || {
        let today = platform::today();
        let settings = kith.check_in.get();
        kith.directory
            .with(|d| Summary::of(&d.member_statuses(&me.get_value(), today, &settings)).words())
    };
    // A rename to a name another organisation has: offer a merge instead.
    let merge_into = RwSignal::new(None::<OrganisationId>);
    let history = org_history(kith, me.get_value());
    let start_edit = move |_| {
        if let Some(o) = org() {
            name.set(o.name);
            notes.set(o.notes);
            editing.set(true);
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match kith.rename_organisation(
            &me.get_value(),
            &name.get_untracked(),
            &notes.get_untracked(),
        ) {
            Ok(()) => {
                editing.set(false);
                error.set(None);
                merge_into.set(None);
            }
            Err(e) => {
                let taken = kith.directory.with_untracked(|d| {
                    d.organisation_taking(&name.get_untracked(), &me.get_value())
                        .map(|o| o.id.clone())
                });
                let offer = if taken.is_some() {
                    " Merge into it instead, below."
                } else {
                    ""
                };
                error.set(Some(format!("{e}{offer}")));
                merge_into.set(taken);
            }
        }
    };
    view! {
        <article class="organisation">
            <a class="back-link" href=crate::platform::at("/organisations")>"‹ Organisations"</a>
            <header class="person__head">
                <div class="org-mark" aria-hidden="true">{move || org().and_then(|o| o.name.chars().next()).map(String::from)}</div>
                <div class="person__title">
                    <h1>{move || org().map(|o| o.name)}</h1>
                    <p class="person__org">{summary}</p>
                </div>
                <div class="person__actions">
                    <a class="button" href=move || crate::platform::at(format!("/people?organisation={}", me.get_value()))>"Show in people list"</a>
                    <button class="button button--quiet" on:click=start_edit>"Edit"</button>
                </div>
            </header>
            <Show when=move || editing.get()>
                <form class="card subform" on:submit=save>
                    <TextField id="organisation-name" label="Organisation name" value=name/>
                    <TextArea id="organisation-notes" label="Notes about the organisation" value=notes/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save organisation"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| editing.set(false)>"Cancel"</button>
                    </div>
                    <OrganisationTidy id=me.get_value() merge_into/>
                </form>
            </Show>
            {move || org().filter(|o| !o.notes.is_empty() && !editing.get()).map(|o| view! {
                <section class="card"><p class="notes">{o.notes}</p></section>
            })}
            <div class="person__quick">
                <LogForm fixed=None others=Vec::new()
                    choices=Signal::derive(move || current_people(kith, &me.get_value()))
                    title=Signal::derive(move || org().map(|o| format!("people at {}", o.name)).unwrap_or_default())/>
            </div>
            <OrganisationCheckIns id=me.get_value()/>
            <OrganisationMembers id=me.get_value() history/>
            <OrganisationHistory history/>
        </article>
    }
}

/// The default check-in timer for the organisation's people (those without
/// their own), and a follow-up series for all of them after a project.
#[component]
fn OrganisationCheckIns(id: OrganisationId) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let series = RwSignal::new(false);
    crate::components::escape::close_on_escape(series);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let current = move || {
        kith.directory.with(|d| {
            d.organisation(&me.get_value())
                .map(|o| o.default_cadence)
                .unwrap_or_default()
        })
    };
    let people = move || {
        kith.directory.with_untracked(|d| {
            d.members(&me.get_value())
                .into_iter()
                .filter(|(_, r)| r.is_current())
                .map(|(c, _)| c.id.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="org-checkins-title">
            <h2 class="card__title" id="org-checkins-title">"Check-ins"</h2>
            <div class="day-picker">
                <SelectField id="org-cadence" label="Default for its people"
                    hint="People with a timer of their own keep it."
                    value=Binding::derived(
                        move || current().preset_key().unwrap_or_default().to_owned(),
                        move |key| if let Some(cadence) = Cadence::preset(&key) {
                            let _ = kith.set_organisation_cadence(&me.get_value(), cadence);
                        },
                    )
                    options=PRESETS.iter().map(|(k, l, _)| ((*k).to_owned(), (*l).to_owned())).collect()/>
            </div>
            <button class="button button--small" aria-expanded=move || series.get().to_string()
                on:click=move |_| series.update(|s| *s = !*s)>"Follow up with everyone after a project"</button>
            <Show when=move || series.get()>
                <form class="subform" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    match kith.follow_up_series(&people(), &text.get_untracked()) {
                        Ok(()) => { series.set(false); text.set(String::new()); error.set(None); }
                        Err(e) => error.set(Some(e.to_string())),
                    }
                }>
                    <TextField id="org-series-text" label="Follow up about" value=text
                        hint="Kith adds follow-ups in 7, 30 and 90 days with each of its current people."/>
                    <FormError error/>
                    <button type="submit" class="button button--primary">"Schedule follow-ups"</button>
                </form>
            </Show>
        </section>
    }
}

fn current_people(kith: crate::state::Kith, org: &OrganisationId) -> Vec<kith_core::ContactId> {
    kith.directory.with_untracked(|d| {
        d.members(org)
            .into_iter()
            .filter(|(_, r)| r.is_current())
            .map(|(c, _)| c.id.clone())
            .collect()
    })
}

/// Loads the organisation's interactions (with any of its people, past or
/// present), newest first: each person's newest 200, merged.
fn org_history(kith: crate::state::Kith, id: OrganisationId) -> History {
    let me = StoredValue::new(id);
    crate::state::load(move || {
        kith.revision.track();
        let people: Vec<_> = kith.directory.with_untracked(|d| {
            d.members(&me.get_value())
                .into_iter()
                .map(|(c, _)| c.id.clone())
                .collect()
        });
        async move {
            // Each person's newest 200, merged: enough to fill the page,
            // the charts and each person's warmth, whatever the mix.
            let mut timelines = Vec::new();
            for p in people {
                let (page, _) = kith
                    .timeline(&p, None, 200)
                    .await
                    .map_err(|e| e.to_string())?;
                timelines.push(page);
            }
            Ok::<_, String>(merge_histories(timelines))
        }
    })
}

/// The organisation's interactions, a page at a time, with the
/// temperature and frequency charts across them.
#[component]
fn OrganisationHistory(history: History) -> impl IntoView {
    const PAGE: usize = 20;
    let kith = use_kith();
    let shown = RwSignal::new(PAGE);
    let names = move |ids: &[kith_core::ContactId]| {
        kith.directory.with_untracked(|d| {
            ids.iter()
                .filter_map(|c| d.contact(c).map(|p| p.name.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <section class="card" aria-labelledby="org-history-title">
            <h2 class="card__title" id="org-history-title">"How it is going"</h2>
            {move || match history.get() {
                Some(Err(reason)) => view! { <ReadFailed what="its people's interactions" reason/> }.into_any(),
                loaded => {
                    let items = loaded.and_then(Result::ok).unwrap_or_default();
                    // Who starts the conversations with its people, over the last year.
                    let balance = kith_core::Reciprocity::of(&items, crate::platform::today())
                        .words()
                        .map(|w| view! { <p class="card__text">"Across its people: " {w}</p> });
                    view! { {balance} <TemperatureChart items=items.clone()/> <FrequencyChart items/> }.into_any()
                }
            }}
            <h3 class="card__subtitle">"Timeline"</h3>
            {move || {
                let Some(Ok(items)) = history.get() else {
                    return ().into_any();
                };
                if items.is_empty() {
                    return view! { <p class="card__empty">"No interactions with its people yet."</p> }.into_any();
                }
                let more = items.len() > shown.get();
                view! {
                    <ol class="timeline" aria-label="Interactions with its people">
                        {items.into_iter().take(shown.get()).map(|i| {
                            let people = names(&i.contact_ids);
                            view! { <TimelineItem item=i people/> }
                        }).collect_view()}
                    </ol>
                    {more.then(|| view! { <button class="link-button" on:click=move |_| shown.update(|n| *n += PAGE)>"Show older"</button> })}
                }.into_any()
            }}
        </section>
    }
}
