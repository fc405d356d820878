//! Interactions: the "Log interaction" form (on a person's page, an
//! organisation's page and Today), a person's timeline, one timeline item,
//! and the recent history that the brief and the health card share.

use super::read_failed::ReadFailed;
use crate::components::form::{DateField, FormError, SelectField, TextArea, TextField};
use crate::platform;
use crate::state::{use_kith, Kith};
use kith_core::{ContactId, Interaction, InteractionInput, InteractionKind, TimelineCursor};
use leptos::prelude::*;
use leptos::task::spawn_local;

const PAGE: usize = 20;
const SCORES: [(u8, &str); 5] = [
    (1, "1 · unhappy"),
    (2, "2"),
    (3, "3 · fine"),
    (4, "4"),
    (5, "5 · delighted"),
];

/// A person's recent interactions (newest first), read once per write and
/// shared by the brief and the health card.
/// `Err` holds the storage's reason in words: a failed read is shown as
/// such, never as "no interactions".
pub type History = LocalResource<Result<Vec<Interaction>, String>>;

/// Loads up to 200 of `id`'s newest interactions, again after each write.
pub fn recent_history(kith: Kith, id: ContactId) -> History {
    let me = StoredValue::new(id);
    LocalResource::new(move || {
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
/// removed (an organisation's people).
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
) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(fixed);
    let open = RwSignal::new(false);
    crate::components::escape::close_on_escape(open);
    let kind = RwSignal::new("call".to_owned());
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let score = RwSignal::new(None::<u8>);
    let their_words = RwSignal::new(String::new());
    let details = RwSignal::new(String::new());
    let follow_up = RwSignal::new(String::new());
    let follow_up_due = RwSignal::new(String::new());
    let with = RwSignal::new(Vec::<ContactId>::new());
    let fixed_is_set = me.with_value(Option::is_some);
    let query = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let reset = move || {
        kind.set("call".into());
        date.set(platform::today().format("%Y-%m-%d").to_string());
        for s in [
            time,
            notes,
            their_words,
            details,
            query,
            follow_up,
            follow_up_due,
        ] {
            s.set(String::new());
        }
        score.set(None);
        with.set(others.get_untracked());
        error.set(None);
    };
    // `l` opens the log form, outside text fields.
    let key = window_event_listener(leptos::ev::keydown, move |ev| {
        let plain = !(ev.ctrl_key() || ev.meta_key() || ev.alt_key());
        if plain
            && ev.key() == "l"
            && !open.get_untracked()
            && !crate::components::escape::typing_in_a_field(&ev)
        {
            ev.prevent_default();
            reset();
            open.set(true);
        }
    });
    on_cleanup(move || key.remove());
    let suggestions = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        let taken = with.get();
        kith.directory.with(|d| {
            d.search(&q)
                .into_iter()
                .filter(|c| Some(c) != me.get_value().as_ref() && !taken.contains(c))
                .take(5)
                .filter_map(|c| Some((c.clone(), d.contact(&c)?.name.clone())))
                .collect::<Vec<_>>()
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut people: Vec<ContactId> = me.get_value().into_iter().collect();
        people.extend(with.get_untracked());
        let input = InteractionInput {
            people,
            kind: kind.get_untracked(),
            date: date.get_untracked(),
            time: time.get_untracked(),
            notes: notes.get_untracked(),
            temperature: score.get_untracked(),
            temperature_note: their_words.get_untracked(),
            details: details.get_untracked(),
            follow_up: follow_up.get_untracked(),
            follow_up_due: follow_up_due.get_untracked(),
        };
        match kith.record_interaction(&input) {
            Ok(()) => {
                open.set(false);
                kith.say("Logged. The check-in timer starts again.");
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="log">
            <button class="button button--primary" aria-keyshortcuts="l" aria-expanded=move || open.get().to_string()
                on:click=move |_| { reset(); open.update(|o| *o = !*o); }>"Log interaction"</button>
            <Show when=move || open.get()>
                <form class="card subform log__form" on:submit=save>
                    <h2 class="card__title">{move || {
                        let t = title.get();
                        if t.is_empty() { "Log an interaction".to_owned() } else { format!("Log an interaction with {t}") }
                    }}</h2>
                    <div class="day-picker">
                        <SelectField id="log-kind" label="Kind" value=kind
                            options=InteractionKind::ALL.iter().map(|k| (k.key().to_owned(), k.label().to_owned())).collect()/>
                        <DateField id="log-date" label="Date" value=date/>
                        <TextField id="log-time" label="Time (optional)" value=time kind="time"/>
                    </div>
                    <TextField id="log-with" label=if fixed_is_set { "Also with (optional)" } else { "With" }
                        value=query kind="search" placeholder="Type a name">
                        <ul class="picker" aria-label="Matching people">
                            {move || suggestions().into_iter().map(|(cid, n)| view! {
                                <li><button type="button" class="picker__option" on:click=move |_| {
                                    with.update(|o| o.push(cid.clone()));
                                    query.set(String::new());
                                }>{format!("Add {n}")}</button></li>
                            }).collect_view()}
                        </ul>
                        <ul class="chips" aria-label="Also with">
                            {move || with.get().into_iter().filter_map(|cid| {
                                let n = kith.directory.with_untracked(|d| d.contact(&cid).map(|c| c.name.clone()))?;
                                Some(view! {
                                    <li class="chip">{n.clone()} " "
                                        <button type="button" class="chip__remove" aria-label=format!("Remove {n}")
                                            on:click=move |_| with.update(|o| o.retain(|x| x != &cid))>"×"</button>
                                    </li>
                                })
                            }).collect_view()}
                        </ul>
                    </TextField>
                    <TextArea id="log-notes" label="Notes" value=notes/>
                    <fieldset class="temperature">
                        <legend>"How satisfied are they? (optional)"</legend>
                        <div class="temperature__scale">
                            {SCORES.iter().map(|(n, label)| view! {
                                <label class="temperature__option">
                                    <input type="radio" name="temperature" prop:checked=move || score.get() == Some(*n)
                                        on:change=move |_| score.set(Some(*n))/>
                                    <span>{*label}</span>
                                </label>
                            }).collect_view()}
                        </div>
                        <TextField id="log-temperature-note" label="In their words" value=their_words/>
                    </fieldset>
                    <TextArea id="log-details" label="Details learned (one per line)" value=details rows=2/>
                    <div class="field-pair">
                        <TextField id="log-follow-up" label="Follow-up (optional)" value=follow_up
                            placeholder="e.g. Send the proposal"/>
                        <DateField id="log-follow-up-due" label="Follow-up due" value=follow_up_due/>
                    </div>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save interaction"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| open.set(false)>"Cancel"</button>
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
    // The first page, again after every write (a new interaction).
    Effect::new(move |_| {
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
                        view! { <TimelineItem item=i people=people.unwrap_or_default()/> }
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
/// and, where the timeline spans several people, who was there.
#[component]
pub fn TimelineItem(
    /// The interaction shown.
    item: Interaction,
    /// Who was there (an organisation's timeline), or who else ("with Bill
    /// Hart and Marta Silva", a person's); nothing when empty.
    #[prop(optional)]
    people: Option<String>,
) -> impl IntoView {
    let when = match item.time {
        Some(t) => format!("{} · {}", item.date.format("%-d %b %Y"), t.format("%H:%M")),
        None => item.date.format("%-d %b %Y").to_string(),
    };
    let temperature = item.temperature.clone().map(|t| {
        view! {
            <p class="timeline__temp">
                <span class=format!("temp temp--{}", t.score)>{format!("{}/5", t.score)}</span>
                {(!t.note.is_empty()).then(|| format!(" {}", t.note))}
            </p>
        }
    });
    view! {
        <li class="timeline__item">
            <p class="timeline__head">
                <strong>{item.kind.label()}</strong> " · " {when}
                {people.filter(|p| !p.is_empty()).map(|p| format!(" · {p}"))}
            </p>
            {(!item.notes.is_empty()).then(|| view! { <p class="notes">{item.notes.clone()}</p> })}
            {temperature}
        </li>
    }
}
