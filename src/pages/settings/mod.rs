//! Settings: appearance, backups, contacts in and out, check-in defaults,
//! and what is stored in this browser. The larger cards have a file each.

mod backup;
mod contacts_io;

use crate::components::form::{Binding, FormError, SelectField, TextArea, TextField};
use crate::platform::{self, Theme};
use crate::state::use_kith;
use crate::storage::SCHEMA_VERSION;
use kith_core::format::{grouped, sentence};
use kith_core::keeping::{HOME_SCREEN, SEVEN_DAYS};
use kith_core::Store;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let kith = use_kith();
    let theme = RwSignal::new(platform::load_theme());
    let counts = crate::state::load(move || {
        kith.directory.track();
        let store = kith.store();
        async move {
            match store {
                Some(s) => s.counts().await.map_err(|e| e.to_string()),
                None => Err("storage is not open".to_owned()),
            }
        }
    });
    let stored = move || {
        counts.get().map(|result| match result {
            Ok(c) => view! {
                <dl class="facts">
                    // People and organisations as the lists count them
                    // (live ones; the trash said apart), not the stored
                    // records, which include tombstones.
                    <div class="facts__row"><dt>"People"</dt><dd>{crate::reactive::text(move || kith.directory.with(|d| d.people_words(platform::now())))}</dd></div>
                    <div class="facts__row"><dt>"Organisations"</dt><dd>{crate::reactive::text(move || kith.directory.with(|d| grouped(d.organisations().len())))}</dd></div>
                    <div class="facts__row"><dt>"Interactions"</dt><dd>{grouped(c.interactions)}</dd></div>
                    <div class="facts__row"><dt>"Important dates"</dt><dd>{grouped(c.dates)}</dd></div>
                    <div class="facts__row"><dt>"Follow-ups"</dt><dd>{grouped(c.tasks)}</dd></div>
                </dl>
            }
            .into_any(),
            Err(e) => {
                view! { <p role="alert">{sentence(&format!("Couldn't count what is stored: {e}"))}</p> }.into_any()
            }
        })
    };

    let keeping = platform::keeping();
    // What the browser has promised, read fresh on opening settings.
    leptos::task::spawn_local(async move {
        if let Some(kept) = platform::storage_persisted().await {
            kith.persisted.set(Some(kept));
        }
    });
    view! {
        <section class="settings">
            <h1>"Settings"</h1>
            <section class="card" aria-labelledby="appearance-title">
                <h2 class="card__title" id="appearance-title">"Appearance"</h2>
                <div class="segmented" role="radiogroup" aria-labelledby="appearance-title">
                    {Theme::ALL.into_iter().map(|t| view! {
                        <label class="segmented__option">
                            <input type="radio" name="theme" value=t.key()
                                prop:checked=move || theme.get() == t
                                on:change=move |_| {
                                    theme.set(t);
                                    platform::apply_theme(t);
                                }/>
                            <span>{t.label()}</span>
                        </label>
                    }).collect_view()}
                </div>
                {(!platform::preferences_kept()).then(|| view! {
                    <p class="field__hint">{platform::PREFERENCES_NOT_KEPT}</p>
                })}
            </section>
            <backup::BackupCard/>
            <contacts_io::ContactsCard/>
            <CheckInSettingsCard/>
            <TemplatesCard/>
            <section class="card" aria-labelledby="stored-title">
                <h2 class="card__title" id="stored-title">"Stored in this browser"</h2>
                <p class="card__text">
                    "Everything you keep in Kith stays in this browser on this device. "
                    "Nothing is sent anywhere."
                </p>
                {move || stored().unwrap_or_else(|| view! { <p>"Counting…"</p> }.into_any())}
                <div class="persist" id="keeping" role="region" aria-label="Keeping your data">
                    {move || {
                        let granted = kith.persisted.get();
                        let (head, rest) = keeping.words(granted);
                        if keeping.can_offer_to_ask(granted) {
                            view! {
                                <p class="persist__state"><strong>{head}</strong>{rest}</p>
                                <button class="button button--small" on:click=move |_| kith.ask_to_persist()>
                                    {if granted.is_none() { "Ask the browser to keep it" } else { "Ask again" }}
                                </button>
                            }.into_any()
                        } else {
                            let kept = if granted == Some(true) { "persist__state persist__state--kept" } else { "persist__state" };
                            view! { <p class=kept><strong>{head}</strong>{rest}</p> }.into_any()
                        }
                    }}
                    {keeping.seven_days.then(|| view! {
                        <p class="persist__state"><strong>{SEVEN_DAYS}</strong>{HOME_SCREEN}</p>
                    })}
                </div>
                <p class="card__meta">
                    "Kith " {env!("CARGO_PKG_VERSION")} " · storage schema v" {SCHEMA_VERSION}
                </p>
            </section>
        </section>
    }
}

/// Overdue threshold, when to re-confirm priorities, and default check-in
/// timers by tag.
#[component]
fn CheckInSettingsCard() -> impl IntoView {
    use kith_core::cadence::PRESETS;
    use kith_core::checkin::overdue_day;
    use kith_core::CheckInSettings;
    let kith = use_kith();
    let new_tag = RwSignal::new(String::new());
    let new_preset = RwSignal::new("1m".to_owned());
    let tags = move || {
        kith.directory
            .with(|d| d.tags().into_iter().map(|(t, _)| t).collect::<Vec<_>>())
    };
    let settings = move || kith.check_in.get();
    view! {
        <section class="card" aria-labelledby="checkin-settings-title">
            <h2 class="card__title" id="checkin-settings-title">"Check-ins"</h2>
            <div class="day-picker">
                <SelectField id="overdue-percent" label="Overdue after"
                    value=Binding::derived(
                        move || settings().overdue_percent.to_string(),
                        move |v| if let Ok(p) = v.parse::<u16>() { kith.update_check_in(|s| s.overdue_percent = p) },
                    )
                    options=CheckInSettings::OVERDUE_CHOICES.iter().map(|p| {
                        (p.to_string(), format!("{p}% of the interval (a 30-day timer: day {})", overdue_day(30, *p)))
                    }).collect()/>
                <SelectField id="reconfirm-days" label="Ask to re-confirm priorities after"
                    value=Binding::derived(
                        move || settings().reconfirm_days.to_string(),
                        move |v| if let Ok(d) = v.parse::<u16>() { kith.update_check_in(|s| s.reconfirm_days = d) },
                    )
                    options=CheckInSettings::RECONFIRM_CHOICES.iter().map(|d| (d.to_string(), format!("{d} days"))).collect()/>
                <SelectField id="daily-limit" label="Check-ins a day in the week's plan"
                    value=Binding::derived(
                        move || settings().daily_limit.to_string(),
                        move |v| if let Ok(n) = v.parse::<u16>() { kith.update_check_in(|s| s.daily_limit = n) },
                    )
                    options=CheckInSettings::DAILY_LIMIT_CHOICES.iter().map(|n| match n {
                        0 => ("0".to_owned(), "No limit".to_owned()),
                        n => (n.to_string(), format!("At most {n}")),
                    }).collect()/>
            </div>
            <h3 class="card__subtitle">"Default timers by tag"</h3>
            <p class="field__hint">"For people with no timer of their own and none from their organisation; the shortest applies."</p>
            <ul class="list-card list-card--flat" aria-label="Default timers by tag">
                {move || settings().tag_cadences.into_iter().map(|(tag, cadence)| {
                    let gone = tag.clone();
                    view! {
                        <li class="list-card__row">
                            <span class="list-card__main">{tag.clone()}</span>
                            <span class="list-card__meta">{cadence.preset_label()}</span>
                            <button class="icon-button" aria-label=format!("Remove the default for {tag}")
                                on:click=move |_| kith.update_check_in(|s| s.remove_tag_default(&gone))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="day-picker" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let tag = new_tag.get_untracked().trim().to_owned();
                let Some(cadence) = kith_core::Cadence::preset(&new_preset.get_untracked()) else { return };
                if tag.is_empty() { return }
                kith.update_check_in(|s| s.set_tag_default(&tag, cadence));
                new_tag.set(String::new());
            }>
                <TextField id="tag-default-tag" label="Tag" value=new_tag list="tag-names">
                    <datalist id="tag-names">{move || tags().into_iter().map(|t| view! { <option value=t/> }).collect_view()}</datalist>
                </TextField>
                <SelectField id="tag-default-cadence" label="Timer" value=new_preset
                    options=PRESETS.iter().skip(1).map(|(k, l, _)| ((*k).to_owned(), (*l).to_owned())).collect()/>
                <button type="submit" class="button button--small">"Add default"</button>
            </form>
        </section>
    }
}

/// Message templates: each with its name and text, removable, and a form
/// to write one (the placeholders a person fills are named in its hint).
#[component]
fn TemplatesCard() -> impl IntoView {
    let kith = use_kith();
    let name = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let templates = move || kith.check_in.with(|s| s.templates.clone());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut added = Ok(());
        kith.update_check_in(|s| {
            added = s.add_template(&name.get_untracked(), &body.get_untracked());
        });
        match added {
            Ok(()) => {
                name.set(String::new());
                body.set(String::new());
                error.set(None);
            }
            Err(why) => error.set(Some(why.to_owned())),
        }
    };
    view! {
        <section class="card" aria-labelledby="templates-title">
            <h2 class="card__title" id="templates-title">"Message templates"</h2>
            <p class="field__hint">"Write what you send often; on a person's page it is filled in for them, to copy, email or text."</p>
            <ul class="list-card list-card--flat" aria-label="Message templates">
                {move || templates().into_iter().map(|t| {
                    let gone = t.name.clone();
                    view! {
                        <li class="list-card__row">
                            <span class="list-card__main">{t.name.clone()}</span>
                            <span class="list-card__meta">{t.body}</span>
                            <button class="icon-button" aria-label=format!("Remove the template {}", t.name)
                                on:click=move |_| kith.update_check_in(|s| s.remove_template(&gone))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="subform" on:submit=add>
                <TextField id="template-name" label="Template name" value=name placeholder="e.g. Congratulations"/>
                <TextArea id="template-body" label="Message" value=body rows=3
                    hint="{first name}, {name}, {organisation} and {interest} are filled in from the person."/>
                <FormError error/>
                <div class="form__actions">
                    <button type="submit" class="button button--small">"Add template"</button>
                </div>
            </form>
        </section>
    }
}
