//! The check-in timer on a person's page: where they stand, "Checked in",
//! snooze, the cadence itself, and the person's own maximum ("overdue
//! after 45 days", empty for the global percentage).

use super::Person;
use crate::components::form::{Binding, FormError, SelectField, TextField};
use crate::components::show::Show;
use crate::components::subform::{DiscardPrompt, SubForm};
use crate::platform;
use crate::state::use_kith;
use kith_core::week::{DayPart, Prefers, WEEKDAYS};
use kith_core::{Cadence, CadenceUnit, ContactId};
use leptos::prelude::*;

const UNITS: [(CadenceUnit, &str, &str); 3] = [
    (CadenceUnit::Days, "days", "days"),
    (CadenceUnit::Weeks, "weeks", "weeks"),
    (CadenceUnit::Months, "months", "months"),
];

#[component]
pub fn CheckInCard(id: ContactId, person: Person) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let count = RwSignal::new("30".to_owned());
    let unit = RwSignal::new(CadenceUnit::Days);
    let max_days = RwSignal::new(String::new());
    let filled = StoredValue::new(("30".to_owned(), CadenceUnit::Days, String::new()));
    let editing = SubForm::new(move || {
        filled.with_value(|(c, u, m)| {
            count.with(|n| n != c) || unit.get() != *u || max_days.with(|d| d != m)
        })
    });
    let error = RwSignal::new(None::<String>);
    let series_text = RwSignal::new(String::new());
    let series = SubForm::new(move || series_text.with(|t| !t.trim().is_empty()));
    let status = move || {
        let settings = kith.check_in.get();
        kith.directory.with(|d| {
            person.with(|p| {
                p.as_ref().map(|c| {
                    (
                        d.check_in_status(c, platform::today(), &settings),
                        c.cadence,
                    )
                })
            })
        })
    };
    // When they prefer to be called, for the week's plan.
    let prefers = move || {
        person
            .with(|p| p.as_ref().and_then(|c| c.prefers))
            .unwrap_or_default()
    };
    let prefers_now = move || {
        person
            .with_untracked(|p| p.as_ref().and_then(|c| c.prefers))
            .unwrap_or_default()
    };
    let set_prefers = move |want: Prefers| {
        if want != prefers_now() {
            let _ = kith.set_prefers(&me.get_value(), want);
        }
    };
    let words = move || status().map(|(s, _)| s.sentence()).unwrap_or_default();
    let tone = move || {
        let kind = status().map_or(kith_core::CheckInKind::None, |(s, _)| s.kind());
        format!("status status--{}", kind.key())
    };
    let open_editor = move |_| {
        editing.toggle_with(|| {
            if let Some((_, Cadence::Every { count: n, unit: u })) = status() {
                count.set(n.to_string());
                unit.set(u);
            }
            let own_max = person.with(|p| p.as_ref().and_then(|c| c.overdue_after_days));
            max_days.set(own_max.map(|n| n.to_string()).unwrap_or_default());
            filled.set_value((
                count.get_untracked(),
                unit.get_untracked(),
                max_days.get_untracked(),
            ));
            error.set(None);
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(n) = count.get_untracked().trim().parse::<u16>() else {
            return error.set(Some("Write how often as a number, e.g. 30.".into()));
        };
        let max = match max_days.get_untracked().trim() {
            "" => None,
            typed => match typed.parse::<u16>() {
                Ok(days) => Some(days),
                Err(_) => {
                    return error.set(Some(
                        "Write after how many days as a number, e.g. 45, or leave it empty.".into(),
                    ))
                }
            },
        };
        let cadence = Cadence::Every {
            count: n,
            unit: unit.get_untracked(),
        };
        match kith.set_timer(&me.get_value(), cadence, max) {
            Ok(()) => {
                error.set(None);
                editing.close();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="card" aria-labelledby="checkin-title">
            <div class="card__head">
                <h2 class="card__title" id="checkin-title">"Check-ins"</h2>
                <button class="link-button" aria-expanded=move || editing.is_open().to_string() on:click=open_editor>"Change timer"</button>
            </div>
            <p class="checkin__status"><span class=tone>{words}</span></p>
            <div class="day-picker">
                <SelectField id="prefers-day" label="Best day to call"
                    value=Binding::derived(
                        move || prefers().day.map(|d| d.to_string()).unwrap_or_default(),
                        move |v| set_prefers(Prefers { day: v.parse().ok(), ..prefers_now() }),
                    )
                    options=std::iter::once((String::new(), "Any day".to_owned()))
                        .chain((1..).zip(WEEKDAYS).map(|(n, d)| (n.to_string(), d.to_owned())))
                        .collect()/>
                <SelectField id="prefers-part" label="Best time of day"
                    value=Binding::derived(
                        move || prefers().part.map_or("", DayPart::key).to_owned(),
                        move |v| set_prefers(Prefers { part: DayPart::from_key(&v), ..prefers_now() }),
                    )
                    options=std::iter::once((String::new(), "Any time".to_owned()))
                        .chain(DayPart::ALL.into_iter().zip(["Morning", "Afternoon", "Evening"]).map(|(p, l)| (p.key().to_owned(), l.to_owned())))
                        .collect()/>
            </div>
            <div class="checkin__actions">
                <button class="button button--primary button--small" on:click=move |_| { let _ = kith.checked_in(&me.get_value()); }>"Checked in"</button>
                <button class="button button--small" aria-expanded=move || series.is_open().to_string()
                    on:click=move |_| series.toggle_with(|| error.set(None))>"Follow up after a project"</button>
                <Show when=move || status().is_some_and(|s| s.1 != Cadence::None)>
                    <label class="select-field">
                        <span class="visually-hidden">"Snooze for"</span>
                        <select aria-label="Snooze for" on:change=move |ev| {
                            if let Ok(days) = event_target_value(&ev).parse::<u64>() {
                                let _ = kith.snooze(&me.get_value(), days);
                            }
                        }>
                            <option value="" selected=true>"Snooze…"</option>
                            <option value="3">"3 days"</option>
                            <option value="7">"a week"</option>
                            <option value="14">"2 weeks"</option>
                            <option value="30">"a month"</option>
                        </select>
                    </label>
                </Show>
            </div>
            <Show when=move || series.is_open()>
                <form class="subform" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    match kith.follow_up_series(&[me.get_value()], &series_text.get_untracked()) {
                        Ok(()) => { series_text.set(String::new()); series.close(); error.set(None); }
                        Err(e) => error.set(Some(e.to_string())),
                    }
                }>
                    <DiscardPrompt form=series/>
                    <TextField id="series-text" label="Follow up about" value=series_text
                        placeholder="e.g. How the new system is working"
                        hint="Kith adds follow-ups in 7, 30 and 90 days."/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Schedule follow-ups"</button>
                    </div>
                </form>
            </Show>
            <Show when=move || editing.is_open()>
                <form class="subform" on:submit=save>
                    <DiscardPrompt form=editing/>
                    <div class="day-picker">
                        <TextField id="cadence-count" label="Check in every" value=count
                            inputmode="numeric" class="field--narrow"/>
                        <SelectField id="cadence-unit" label="Unit"
                            value=Binding::derived(
                                move || UNITS.iter().find(|(u, _, _)| *u == unit.get()).map(|(_, k, _)| (*k).to_owned()).unwrap_or_default(),
                                move |key| if let Some((u, _, _)) = UNITS.iter().find(|(_, k, _)| *k == key) { unit.set(*u) },
                            )
                            options=UNITS.iter().map(|(_, key, label)| ((*key).to_owned(), (*label).to_owned())).collect()/>
                    </div>
                    <TextField id="overdue-after" label="Overdue after (days)" value=max_days
                        inputmode="numeric" class="field--narrow"
                        hint="Leave empty to use the percentage in Settings."/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save timer"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| {
                            let _ = kith.set_cadence(&me.get_value(), Cadence::None);
                            editing.close();
                        }>"No timer"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
