//! Interactions: the "Log interaction" form (on a person's page, an
//! organisation's page and Today), a person's timeline, one timeline item,
//! and the recent history that the brief and the health card share.

use super::read_failed::ReadFailed;
use crate::components::form::{DateField, FormError, TextField};
use crate::components::interaction_form::{DetailsLearned, Draft, InteractionFields};
use crate::components::show::Show;
use crate::components::subform::{DiscardPrompt, SubForm};
use crate::platform;
use crate::state::{use_kith, Kith};
use kith_core::calendar::Words;
use kith_core::{ContactId, Initiator, Interaction, InteractionId, TimelineCursor};
use leptos::prelude::*;
use leptos::task::spawn_local;

const PAGE: usize = 20;

/// A person's recent interactions (newest first), read once per write and
/// shared by the brief and the health card.
/// `Err` holds the storage's reason in words: a failed read is shown as
/// such, never as "no interactions".
pub type History = crate::state::Loaded<Result<Vec<Interaction>, String>>;

/// Loads up to 200 of `id`'s newest interactions, again after each write.
pub fn recent_history(kith: Kith, id: ContactId) -> History {
    let me = StoredValue::new(id);
    crate::state::load(move || {
        kith.revision.track();
        async move {
            kith.timeline(&me.get_value(), None, 200)
                .await
                .map(|(p, _)| p)
                .map_err(|e| e.to_string())
        }
    })
}

/// "Log interaction": kind, day and time, who was there, notes, their
/// temperature, details learned and a follow-up. `fixed` is always part of
/// it (the person whose page this is); `others` start ticked and can be
/// removed; `choices` are offered unticked, to tick who was there (an
/// organisation's people). `l` opens it with focus in its first field; Esc
/// asks before throwing typing away, and gives focus back.
#[component]
pub fn LogForm(
    /// The person always in the interaction (the page's own), if any.
    fixed: Option<ContactId>,
    /// People ticked when the form opens, who can be removed.
    #[prop(into)]
    others: Signal<Vec<ContactId>>,
    /// Whom the heading names.
    #[prop(into)]
    title: Signal<String>,
    /// People offered as unticked boxes ("Who was there").
    #[prop(optional, into)]
    choices: Signal<Vec<ContactId>>,
) -> impl IntoView {
    let kith = use_kith();
    let draft = Draft::new(fixed);
    let form = SubForm::new(move || draft.dirty());
    let error = RwSignal::new(None::<String>);
    // What opening the form does: a fresh interaction today, started by
    // `by`.
    let fill_by = move |by: Initiator| {
        draft.reset(others.get_untracked(), by);
        error.set(None);
    };
    let fill = move || fill_by(Initiator::Me);
    // `l` opens the log form, outside text fields, with focus in it: `l`
    // for "I reached out", `L` (Shift+L) for "They reached out".
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        let plain = !(ev.ctrl_key() || ev.meta_key() || ev.alt_key());
        let by = match ev.key().as_str() {
            "l" => Initiator::Me,
            "L" => Initiator::Them,
            _ => return,
        };
        if plain && !form.is_open_untracked() && !crate::components::escape::typing_in_a_field(&ev)
        {
            ev.prevent_default();
            form.toggle_with(|| {
                fill_by(by);
                platform::focus_soon("log-kind");
            });
        }
    });
    on_cleanup(move || key.remove());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match kith.record_interaction(&draft.input_untracked()) {
            Ok(()) => form.close(),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="log">
            <button class="button button--primary" aria-keyshortcuts="l Shift+L" aria-expanded=move || form.is_open().to_string()
                on:click=move |_| form.toggle_with(fill)>"Log interaction"</button>
            <Show when=move || form.is_open()>
                <form class="card subform log__form" on:submit=save>
                    <h2 class="card__title">{move || {
                        let t = title.get();
                        if t.is_empty() { "Log an interaction".to_owned() } else { format!("Log an interaction with {t}") }
                    }}</h2>
                    <DiscardPrompt form/>
                    <InteractionFields draft choices/>
                    <DetailsLearned draft/>
                    <div class="field-pair">
                        <TextField id="log-follow-up" label="Follow-up (optional)" value=draft.follow_up
                            placeholder="e.g. Send the proposal"/>
                        <DateField id="log-follow-up-due" label="Follow-up due" value=draft.follow_up_due/>
                    </div>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save interaction"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| form.close()>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}

/// A person's interactions, newest first, a page at a time.
#[component]
pub fn TimelineCard(
    /// Whose interactions.
    id: ContactId,
) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let items = RwSignal::new(Vec::<Interaction>::new());
    let cursor = RwSignal::new(None::<TimelineCursor>);
    let error = RwSignal::new(None::<String>);
    let load = move |more: bool| {
        let after = if more { cursor.get_untracked() } else { None };
        spawn_local(async move {
            match kith.timeline(&me.get_value(), after, PAGE).await {
                Ok((page, next)) => {
                    if more {
                        items.update(|i| i.extend(page));
                    } else {
                        items.set(page);
                    }
                    cursor.set(next);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let failed = move || error.with(Option::is_some);
    // An interaction the address asks for (a search result's link,
    // `?interaction=…`): older pages are read until it is there, then it
    // takes the focus, which brings it into view.
    let wanted = StoredValue::new(
        crate::router::query("interaction").and_then(|raw| InteractionId::parse(&raw)),
    );
    let asked = StoredValue::new(None::<TimelineCursor>);
    crate::reactive::effect(move |_| {
        let Some(w) = wanted.get_value() else { return };
        if items.with(|i| i.iter().any(|x| x.id == w)) {
            wanted.set_value(None);
            platform::focus_soon(&format!("interaction-{w}"));
        } else if let Some(next) = cursor.get() {
            // Each older page once.
            if asked.with_value(|a| a.as_ref() != Some(&next)) {
                asked.set_value(Some(next));
                load(true);
            }
        }
    });
    // The first page, again after every write (a new interaction).
    crate::reactive::effect(move |_| {
        kith.revision.track();
        load(false);
    });
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 class="card__title" id="timeline-title">"Timeline"</h2>
            {move || error.get().map(|reason| view! { <ReadFailed what="their timeline" reason/> })}
            <Show when=move || !items.with(Vec::is_empty) || failed() fallback=|| view! {
                <p class="card__empty">"No interactions yet. Log a call, a meal or a message to start the timeline."</p>
            }>
                <ol class="timeline" aria-label="Interactions">
                    {move || items.get().into_iter().map(|i| {
                        let people = kith.directory.with_untracked(|d| {
                            i.who_else(&me.get_value(), |c| d.contact(c).map(|p| p.name.clone()))
                        });
                        view! { <TimelineItem item=i people=people.unwrap_or_default() fixed=me.get_value()/> }
                    }).collect_view()}
                </ol>
                <Show when=move || cursor.with(Option::is_some)>
                    <button class="link-button" on:click=move |_| load(true)>"Show older"</button>
                </Show>
            </Show>
        </section>
    }
}

/// One interaction in a timeline: kind, day and time, notes, temperature,
/// and, where the timeline spans several people, who was there. It can be
/// corrected in place or deleted (with undo).
#[component]
pub fn TimelineItem(
    /// The interaction shown.
    item: Interaction,
    /// Who was there (an organisation's timeline), or who else ("with Bill
    /// Hart and Marta Silva", a person's); nothing when empty.
    #[prop(optional)]
    people: Option<String>,
    /// The page's person, who stays in the interaction when it is edited.
    #[prop(optional)]
    fixed: Option<ContactId>,
) -> impl IntoView {
    let kith = use_kith();
    let draft = Draft::new(fixed);
    let form = SubForm::new(move || draft.dirty());
    let error = RwSignal::new(None::<String>);
    let me = StoredValue::new(item.clone());
    let what = item.what();
    let when = match item.time {
        Some(t) => format!("{} · {}", item.date.words("%-d %b %Y"), t.words("%H:%M")),
        None => item.date.words("%-d %b %Y").to_string(),
    };
    let temperature = move || {
        me.with_value(|i| i.temperature.clone()).map(|t| {
            view! {
                <p class="timeline__temp">
                    <span class=format!("temp temp--{}", t.score)>{format!("{}/5", t.score)}</span>
                    {(!t.note.is_empty()).then(|| format!(" {}", t.note))}
                </p>
            }
        })
    };
    let edit = move |_| {
        if form.open() {
            me.with_value(|i| draft.load(i));
            error.set(None);
            platform::focus_soon("log-kind");
        }
    };
    let delete = move |_| {
        let old = me.get_value();
        spawn_local(async move {
            if let Err(e) = kith.delete_interaction(&old).await {
                kith.warn(e);
            }
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let old = me.get_value();
        let input = draft.input_untracked();
        spawn_local(async move {
            match kith.edit_interaction(&old, &input).await {
                Ok(()) => form.close(),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let (edit_name, delete_name) = (format!("Edit the {what}"), format!("Delete the {what}"));
    view! {
        <li class="timeline__item" id=format!("interaction-{}", item.id) tabindex="-1">
            <Show when=move || form.is_open() fallback=move || view! {
                <p class="timeline__head">
                    <strong>{item.kind.label()}</strong> " · " {when.clone()}
                    {item.initiator.map(|by| format!(" · {}", by.label()))}
                    {people.clone().filter(|p| !p.is_empty()).map(|p| format!(" · {p}"))}
                </p>
                {(!item.notes.is_empty()).then(|| view! { <p class="notes">{item.notes.clone()}</p> })}
                {temperature()}
                <div class="timeline__actions">
                    <button type="button" class="link-button" aria-label=edit_name.clone() on:click=edit>"Edit"</button>
                    <button type="button" class="link-button" aria-label=delete_name.clone() on:click=delete>"Delete"</button>
                </div>
            }>
                <form class="subform log__form" on:submit=save>
                    <h3 class="card__title">{format!("Correct the {what}")}</h3>
                    <DiscardPrompt form/>
                    <InteractionFields draft/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save changes"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| form.close()>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </li>
    }
}
