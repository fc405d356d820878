//! Family members (who need not be contacts) and important dates.

use super::{Dates, Person};
use crate::components::form::{FormError, SelectField, TextField};
use crate::components::read_failed::ReadFailed;
use crate::components::show::Show;
use crate::components::subform::{DiscardPrompt, SubForm};
use crate::platform;
use crate::state::use_kith;
use kith_core::dates::{DEFAULT_LEAD_DAYS, MONTHS};
use kith_core::{ContactId, DateInput, DateKind, FamilyInput, ImportantDate};
use leptos::prelude::*;

fn live_dates(dates: Dates) -> Vec<ImportantDate> {
    dates.get().and_then(Result::ok).unwrap_or_default()
}

/// Why the dates could not be read, if they could not.
fn read_error(dates: Dates) -> Option<String> {
    dates.get().and_then(|r| r.err()).map(|e| e.to_string())
}

/// Month, day and optional year inputs; `prefix` names their ids.
#[component]
fn DayPicker(
    /// Start of the inputs' ids: `<prefix>-month`, `-day`, `-year`.
    prefix: &'static str,
    /// What the day is, to start the labels: "Birthday" month...
    what: &'static str,
    /// "1" to "12", or "0" (or empty) for none chosen, as the select has it.
    month: RwSignal<String>,
    /// The day of the month, as typed.
    day: RwSignal<String>,
    /// The year, as typed (optional).
    year: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="day-picker">
            <SelectField id=format!("{prefix}-month") label=format!("{what} month")
                value=month
                options=std::iter::once(("0".to_owned(), "—".to_owned()))
                    .chain(MONTHS.iter().enumerate().map(|(i, m)| ((i + 1).to_string(), (*m).to_owned())))
                    .collect()/>
            <TextField id=format!("{prefix}-day") label=format!("{what} day") value=day
                inputmode="numeric" class="field--narrow"/>
            <TextField id=format!("{prefix}-year") label="Year (optional)" value=year
                inputmode="numeric" class="field--narrow"/>
        </div>
    }
}

/// Reads the picker: `Ok(None)` when left empty. With `partial`, an empty
/// day (and month) reads as 0, a date known only in part, which the core
/// accepts with a year ("June 2021", "2019").
fn read_day(
    month: &str,
    day: &str,
    year: &str,
    partial: bool,
) -> Result<Option<(u32, u32, Option<i32>)>, String> {
    let (day, year) = (day.trim(), year.trim());
    let month: u32 = month.parse().unwrap_or(0);
    if month == 0 && day.is_empty() && year.is_empty() {
        return Ok(None);
    }
    if month == 0 && !(partial && day.is_empty()) {
        return Err("Choose a month.".into());
    }
    let day: u32 = match day {
        "" if partial => 0,
        typed => typed
            .parse()
            .map_err(|_| "Write the day as a number, e.g. 14.".to_owned())?,
    };
    let year =
        if year.is_empty() {
            None
        } else {
            Some(year.parse::<i32>().map_err(|_| {
                "Write the year as a number, e.g. 1990, or leave it empty.".to_owned()
            })?)
        };
    Ok(Some((month, day, year)))
}

#[component]
pub fn FamilyCard(id: ContactId, person: Person, dates: Dates) -> impl IntoView {
    let kith = use_kith();
    let name = RwSignal::new(String::new());
    let relation = RwSignal::new(String::new());
    let (month, day, year) = (
        RwSignal::new("0".to_owned()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<String>);
    let adding = SubForm::new(move || {
        [name, relation, day, year]
            .iter()
            .any(|s| s.with(|t| !t.trim().is_empty()))
            || month.with(|m| !m.is_empty() && m != "0")
    });
    let members = move || person.with(|p| p.as_ref().map(|c| c.family.clone()).unwrap_or_default());
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let birthday = match read_day(
                &month.get_untracked(),
                &day.get_untracked(),
                &year.get_untracked(),
                false,
            ) {
                Ok(b) => b,
                Err(e) => return error.set(Some(e)),
            };
            let input = FamilyInput {
                name: name.get_untracked(),
                relation: relation.get_untracked(),
                birthday: birthday.map(|(m, d, _)| (m, d)),
                birth_year: birthday.and_then(|(_, _, y)| y),
            };
            match kith.add_family_member(&id, &input) {
                Ok(()) => {
                    name.set(String::new());
                    relation.set(String::new());
                    month.set("0".to_owned());
                    day.set(String::new());
                    year.set(String::new());
                    error.set(None);
                    adding.close();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="family-title">
            <div class="card__head">
                <h2 class="card__title" id="family-title">"Family"</h2>
                <button class="link-button" aria-expanded=move || adding.is_open().to_string()
                    on:click=move |_| adding.toggle_with(|| ())>"Add family member"</button>
            </div>
            <ul class="family">
                {move || {
                    let all = live_dates(dates);
                    members().into_iter().map(|m| {
                        let birthday = all.iter().find(|d| d.family_member.as_ref() == Some(&m.id)).cloned();
                        let (id, member) = (id.clone(), m.id.clone());
                        let all = all.clone();
                        view! {
                            <li class="family__member">
                                <div>
                                    <p><strong>{m.name.clone()}</strong>
                                        {(!m.relation.is_empty()).then(|| format!(" · {}", m.relation))}</p>
                                    {birthday.map(|b| view! {
                                        <p class="family__birthday">"Birthday " {b.describe_day()} " · " {b.when_words(platform::today())}</p>
                                    })}
                                </div>
                                <button class="icon-button" aria-label=format!("Remove {}", m.name)
                                    on:click=move |_| { let _ = kith.remove_family_member(&id, &member, &all); }>"×"</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            {move || (members().is_empty() && !adding.is_open()).then(|| view! {
                <p class="card__empty">"Partners, children, parents: the names that matter to them."</p>
            })}
            <Show when=move || adding.is_open()>
                <form class="subform" on:submit=save.clone()>
                    <DiscardPrompt form=adding/>
                    <div class="field-pair">
                        <TextField id="family-name" label="Their name" value=name/>
                        <TextField id="family-relation" label="Relation" value=relation
                            list="family-relations" placeholder="e.g. daughter">
                            <datalist id="family-relations">
                                {["spouse", "partner", "daughter", "son", "child", "mother", "father", "sister", "brother"]
                                    .map(|r| view! { <option value=r/> }).collect_view()}
                            </datalist>
                        </TextField>
                    </div>
                    <DayPicker prefix="family-birthday" what="Birthday" month day year/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save family member"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| adding.close()>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

#[component]
pub fn DatesCard(id: ContactId, dates: Dates) -> impl IntoView {
    let kith = use_kith();
    let kind = RwSignal::new("birthday".to_owned());
    let label = RwSignal::new(String::new());
    let (month, day, year) = (
        RwSignal::new("0".to_owned()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let lead = RwSignal::new(DEFAULT_LEAD_DAYS.to_string());
    let error = RwSignal::new(None::<String>);
    let adding = SubForm::new(move || {
        [label, day, year]
            .iter()
            .any(|s| s.with(|t| !t.trim().is_empty()))
            || month.with(|m| !m.is_empty() && m != "0")
    });
    let own = move || {
        let own: Vec<_> = live_dates(dates)
            .into_iter()
            .filter(|d| d.family_member.is_none())
            .collect();
        kith_core::dates::soonest_first(own, platform::today())
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = match read_day(
            &month.get_untracked(),
            &day.get_untracked(),
            &year.get_untracked(),
            true,
        ) {
            Ok(Some(p)) => p,
            Ok(None) => return error.set(Some("Choose the month and day.".into())),
            Err(e) => return error.set(Some(e)),
        };
        let Ok(lead_days) = lead.get_untracked().trim().parse::<u16>() else {
            return error.set(Some(
                "Write how many days ahead to remind you as a number, e.g. 7.".into(),
            ));
        };
        let input = DateInput {
            kind: kind.get_untracked(),
            label: label.get_untracked(),
            month: picked.0,
            day: picked.1,
            year: picked.2,
            lead_days,
        };
        match kith.add_date(&id, &input) {
            Ok(()) => {
                month.set("0".to_owned());
                day.set(String::new());
                year.set(String::new());
                label.set(String::new());
                error.set(None);
                adding.close();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="card" aria-labelledby="dates-title">
            <div class="card__head">
                <h2 class="card__title" id="dates-title">"Important dates"</h2>
                <button class="link-button" aria-expanded=move || adding.is_open().to_string()
                    on:click=move |_| adding.toggle_with(|| ())>"Add date"</button>
            </div>
            {move || read_error(dates).map(|reason| view! { <ReadFailed what="their important dates" reason/> })}
            <ul class="dates">
                {move || own().into_iter().map(|d| {
                    let gone = d.clone();
                    view! {
                        <li class="dates__item">
                            <div>
                                <p><strong>{d.kind.label().to_owned()}</strong> " · " {d.describe_day()}</p>
                                <p class="dates__when">{if d.is_partial() {
                                    format!("{} · no reminder without a day", d.when_words(platform::today()))
                                } else {
                                    format!("{} · reminder {} days ahead", d.when_words(platform::today()), d.lead_days)
                                }}</p>
                            </div>
                            <button class="icon-button" aria-label=format!("Remove {}", d.kind.label().to_lowercase())
                                on:click=move |_| kith.remove_date(&gone)>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || (own().is_empty() && !adding.is_open()).then(|| view! {
                <p class="card__empty">"Birthdays, anniversaries, graduations: Kith reminds you ahead of each."</p>
            })}
            <Show when=move || adding.is_open()>
                <form class="subform" on:submit=save.clone()>
                    <DiscardPrompt form=adding/>
                    <div class="field-pair">
                        <SelectField id="date-kind" label="Kind of date" value=kind
                            options=DateKind::BUILT_IN.iter().map(|k| (k.key().to_owned(), k.label().to_owned()))
                                .chain(std::iter::once(("custom".to_owned(), "Other…".to_owned())))
                                .collect()/>
                        <Show when=move || kind.get() == "custom">
                            <TextField id="date-label" label="Name of the date" value=label placeholder="e.g. Name day"/>
                        </Show>
                    </div>
                    <DayPicker prefix="date" what="Date" month day year/>
                    <p class="field__hint">"Only know the year, or the month and year? Leave the day empty: “June 2021”, “2019”."</p>
                    <TextField id="date-lead" label="Remind me (days ahead)" value=lead
                        inputmode="numeric" class="field--narrow"/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save date"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| adding.close()>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
