//! The fields of one interaction (kind, day and time, who was there, notes,
//! their temperature), shared by "Log interaction" and by correcting an
//! interaction from a timeline. [`Draft`] holds what is typed; it knows
//! whether anything was typed since it was filled, so a form can ask
//! before throwing it away.

use crate::components::form::{DateField, SelectField, TextArea, TextField};
use crate::platform;
use crate::state::use_kith;
use kith_core::calendar::Words;
use kith_core::{ContactId, Initiator, Interaction, InteractionInput, InteractionKind};
use leptos::prelude::*;

const SCORES: [(u8, &str); 5] = [
    (1, "1 · unhappy"),
    (2, "2"),
    (3, "3 · fine"),
    (4, "4"),
    (5, "5 · delighted"),
];

/// What the interaction form holds.
#[derive(Clone, Copy)]
pub struct Draft {
    /// The person always in it (the page's own), if any.
    pub fixed: StoredValue<Option<ContactId>>,
    pub kind: RwSignal<String>,
    pub date: RwSignal<String>,
    pub time: RwSignal<String>,
    pub notes: RwSignal<String>,
    pub score: RwSignal<Option<u8>>,
    pub their_words: RwSignal<String>,
    /// Who reached out: an [`Initiator::key`], or empty when not said.
    pub initiator: RwSignal<String>,
    /// Who else was there.
    pub with: RwSignal<Vec<ContactId>>,
    /// The name being typed into "With".
    pub query: RwSignal<String>,
    pub details: RwSignal<String>,
    pub details_about: RwSignal<Option<ContactId>>,
    pub follow_up: RwSignal<String>,
    pub follow_up_due: RwSignal<String>,
    /// The input as filled, to tell whether anything was typed since.
    filled: StoredValue<InteractionInput>,
}

impl Draft {
    pub fn new(fixed: Option<ContactId>) -> Draft {
        let text = || RwSignal::new(String::new());
        Draft {
            fixed: StoredValue::new(fixed),
            kind: RwSignal::new("call".into()),
            date: text(),
            time: text(),
            notes: text(),
            score: RwSignal::new(None),
            their_words: text(),
            initiator: RwSignal::new(Initiator::Me.key().into()),
            with: RwSignal::new(Vec::new()),
            query: text(),
            details: text(),
            details_about: RwSignal::new(None),
            follow_up: text(),
            follow_up_due: text(),
            filled: StoredValue::new(InteractionInput::default()),
        }
    }

    /// Empties the form for a new interaction today with `others`, started
    /// by `by`.
    pub fn reset(&self, others: Vec<ContactId>, by: Initiator) {
        self.kind.set("call".into());
        self.initiator.set(by.key().into());
        self.date
            .set(platform::today().words("%Y-%m-%d").to_string());
        for s in [
            self.time,
            self.notes,
            self.their_words,
            self.details,
            self.query,
            self.follow_up,
            self.follow_up_due,
        ] {
            s.set(String::new());
        }
        self.score.set(None);
        self.with.set(others);
        self.details_about.set(None);
        self.filled.set_value(self.input_untracked());
    }

    /// Fills the form with `i`, to correct it.
    pub fn load(&self, i: &Interaction) {
        let fixed = self.fixed.get_value();
        self.kind.set(i.kind.key().into());
        self.initiator
            .set(i.initiator.map(Initiator::key).unwrap_or_default().into());
        self.date.set(i.date.words("%Y-%m-%d").to_string());
        self.time.set(
            i.time
                .map(|t| t.words("%H:%M").to_string())
                .unwrap_or_default(),
        );
        self.notes.set(i.notes.clone());
        self.score.set(i.temperature.as_ref().map(|t| t.score));
        self.their_words.set(
            i.temperature
                .as_ref()
                .map(|t| t.note.clone())
                .unwrap_or_default(),
        );
        self.with.set(
            i.contact_ids
                .iter()
                .filter(|c| Some(*c) != fixed.as_ref())
                .cloned()
                .collect(),
        );
        for s in [self.details, self.query, self.follow_up, self.follow_up_due] {
            s.set(String::new());
        }
        self.details_about.set(None);
        self.filled.set_value(self.input_untracked());
    }

    /// Everyone in the interaction: the page's person first.
    pub fn people(&self) -> Vec<ContactId> {
        let mut people: Vec<ContactId> = self.fixed.get_value().into_iter().collect();
        people.extend(self.with.get());
        people
    }

    /// The form as typed, for the command.
    pub fn input_untracked(&self) -> InteractionInput {
        untrack(|| self.input())
    }

    /// The form as typed, reading every field (tracked).
    fn input(&self) -> InteractionInput {
        InteractionInput {
            people: self.people(),
            kind: self.kind.get(),
            date: self.date.get(),
            time: self.time.get(),
            notes: self.notes.get(),
            temperature: self.score.get(),
            temperature_note: self.their_words.get(),
            initiator: self.initiator.get(),
            details: self.details.get(),
            details_about: self.details_about.get(),
            follow_up: self.follow_up.get(),
            follow_up_due: self.follow_up_due.get(),
        }
    }

    /// Whether anything was typed or chosen since the form was filled
    /// (tracked, so a prompt can follow it).
    pub fn dirty(&self) -> bool {
        let now = self.input();
        self.filled.with_value(|filled| *filled != now) || !self.query.get().trim().is_empty()
    }
}

/// Kind, day and time, who was there (`choices` as boxes to tick, anyone
/// else by name), notes and temperature.
#[component]
pub fn InteractionFields(
    draft: Draft,
    /// People offered as unticked boxes (an organisation's people).
    #[prop(optional, into)]
    choices: Signal<Vec<ContactId>>,
) -> impl IntoView {
    let kith = use_kith();
    let fixed_is_set = draft.fixed.with_value(Option::is_some);
    let suggestions = move || {
        let q = draft.query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        let taken = draft.with.get();
        let me = draft.fixed.get_value();
        kith.directory.with(|d| {
            d.search(&q)
                .into_iter()
                .filter(|c| Some(c) != me.as_ref() && !taken.contains(c))
                .take(5)
                .filter_map(|c| Some((c.clone(), d.contact(&c)?.name.clone())))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="day-picker">
            <SelectField id="log-kind" label="Kind" value=draft.kind
                options=InteractionKind::ALL.iter().map(|k| (k.key().to_owned(), k.label().to_owned())).collect()/>
            <DateField id="log-date" label="Date" value=draft.date/>
            <TextField id="log-time" label="Time (optional)" value=draft.time kind="time"/>
        </div>
        <fieldset class="choice">
            <legend>"Who reached out"</legend>
            <div class="choice__options">
                {Initiator::ALL.map(|by| view! {
                    <label class="choice__option">
                        <input type="radio" name="initiator" prop:checked=move || draft.initiator.with(|k| k == by.key())
                            on:change=move |_| draft.initiator.set(by.key().into())/>
                        <span>{by.label()}</span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
        {move || {
            let offered = kith.directory.with_untracked(|d| {
                choices.get().into_iter()
                    .filter_map(|c| Some((d.contact(&c)?.name.clone(), c)))
                    .collect::<Vec<_>>()
            });
            (!offered.is_empty()).then(|| view! {
                <fieldset class="log__who">
                    <legend>"Who was there"</legend>
                    {offered.into_iter().map(|(n, cid)| {
                        let id = StoredValue::new(cid);
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || draft.with.with(|w| w.contains(&id.get_value()))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        draft.with.update(|w| {
                                            w.retain(|x| x != &id.get_value());
                                            if on { w.push(id.get_value()); }
                                        });
                                    }/>
                                <span>{n}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })
        }}
        <TextField id="log-with" label=if fixed_is_set { "Also with (optional)" } else { "With" }
            value=draft.query kind="search" placeholder="Type a name">
            <ul class="picker" aria-label="Matching people">
                {move || suggestions().into_iter().map(|(cid, n)| view! {
                    <li><button type="button" class="picker__option" on:click=move |_| {
                        draft.with.update(|o| o.push(cid.clone()));
                        draft.query.set(String::new());
                    }>{format!("Add {n}")}</button></li>
                }).collect_view()}
            </ul>
            <ul class="chips" aria-label="Also with">
                {move || draft.with.get().into_iter().filter(|c| !choices.with(|o| o.contains(c))).filter_map(|cid| {
                    let n = kith.directory.with_untracked(|d| d.any_contact(&cid).map(|c| c.name.clone()))?;
                    Some(view! {
                        <li class="chip">{n.clone()} " "
                            <button type="button" class="chip__remove" aria-label=format!("Remove {n}")
                                on:click=move |_| draft.with.update(|o| o.retain(|x| x != &cid))>"×"</button>
                        </li>
                    })
                }).collect_view()}
            </ul>
        </TextField>
        <TextArea id="log-notes" label="Notes" value=draft.notes/>
        <fieldset class="temperature">
            <legend>"How satisfied are they? (optional)"</legend>
            <div class="temperature__scale">
                {SCORES.iter().map(|(n, label)| view! {
                    <label class="temperature__option">
                        <input type="radio" name="temperature" prop:checked=move || draft.score.get() == Some(*n)
                            on:change=move |_| draft.score.set(Some(*n))/>
                        <span>{*label}</span>
                    </label>
                }).collect_view()}
            </div>
            <TextField id="log-temperature-note" label="In their words" value=draft.their_words/>
        </fieldset>
    }
}

/// "Details learned", and, when several people were there, whom they are
/// about (the page's person unless the user picks another).
#[component]
pub fn DetailsLearned(draft: Draft) -> impl IntoView {
    let kith = use_kith();
    let about = move || {
        let people = draft.people();
        if people.len() < 2 {
            return None;
        }
        let options: Vec<(String, String)> = kith.directory.with_untracked(|d| {
            people
                .iter()
                .filter_map(|id| Some((id.to_string(), d.any_contact(id)?.name.clone())))
                .collect()
        });
        let first = people[0].clone();
        let value = crate::components::form::Binding::derived(
            move || {
                draft
                    .details_about
                    .get()
                    .unwrap_or_else(|| first.clone())
                    .to_string()
            },
            move |key| draft.details_about.set(ContactId::parse(&key)),
        );
        Some(
            view! { <SelectField id="log-details-about" label="The details are about" value options/> },
        )
    };
    view! {
        <TextArea id="log-details" label="Details learned (one per line)" value=draft.details rows=2/>
        {about}
    }
}
