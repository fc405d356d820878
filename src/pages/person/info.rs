//! The facts from the form: ways to reach them, roles, and what they are
//! about.

use super::Person;
use crate::components::show::Show;
use crate::state::use_kith;
use kith_core::calendar::Words;
use kith_core::{Contact, Labeled};
use leptos::prelude::*;

/// Only web addresses become links; anything else (a `javascript:` URL
/// from an import, say) is shown as text.
fn safe_href(value: &str) -> Option<String> {
    let lower = value.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(value.trim().to_owned())
    } else if !lower.contains(':') && lower.contains('.') && !lower.contains(' ') {
        Some(format!("https://{}", value.trim()))
    } else {
        None
    }
}

fn facts(
    person: Person,
    pick: fn(&Contact) -> &Vec<Labeled>,
    noun: &'static str,
    href: fn(&str) -> Option<String>,
) -> impl IntoView {
    move || {
        let rows = person.with(|p| p.as_ref().map(|c| pick(c).clone()).unwrap_or_default());
        rows.into_iter()
            .map(|row| {
                // A custom field has no noun: its label is the term
                // ("Preferred language"), or "Field" when it has none.
                let term = match (noun, row.label.as_str()) {
                    ("", "") => "Field".to_owned(),
                    ("", label) => label.to_owned(),
                    (noun, "") => noun.to_owned(),
                    (noun, label) => format!("{noun} ({label})"),
                };
                let value = match href(&row.value) {
                    Some(h) => {
                        view! { <a href=h rel="noopener noreferrer">{row.value.clone()}</a> }
                            .into_any()
                    }
                    None => view! { <span class="pre">{row.value.clone()}</span> }.into_any(),
                };
                // The hidden colon makes the row read (and copy) as
                // "Preferred language: Portuguese".
                view! { <div class="facts__row"><dt>{term}<span class="visually-hidden">": "</span></dt><dd>{value}</dd></div> }
            })
            .collect_view()
    }
}

#[component]
pub fn ReachCard(person: Person) -> impl IntoView {
    let empty = move || {
        person.with(|p| {
            p.as_ref().is_none_or(|c| {
                c.emails.is_empty()
                    && c.phones.is_empty()
                    && c.addresses.is_empty()
                    && c.links.is_empty()
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="reach-title">
            <h2 class="card__title" id="reach-title">"Reach them"</h2>
            <dl class="facts">
                {facts(person, |c| &c.emails, "Email", |v| Some(format!("mailto:{v}")))}
                {facts(person, |c| &c.phones, "Phone", |v| Some(format!("tel:{}", v.replace([' ', '(', ')', '-'], ""))))}
                {facts(person, |c| &c.addresses, "Address", |_| None)}
                {facts(person, |c| &c.links, "Link", safe_href)}
            </dl>
            {move || empty().then(|| view! { <p class="card__empty">"No email, phone or address yet."</p> })}
        </section>
    }
}

#[component]
pub fn WorkCard(person: Person) -> impl IntoView {
    let kith = use_kith();
    let roles = move || {
        kith.directory.with(|d| {
            person.with(|p| {
                p.as_ref()
                    .map(|c| {
                        c.roles
                            .iter()
                            .filter_map(|r| {
                                Some((r.clone(), d.organisation(&r.organisation_id)?.name.clone()))
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let span = |r: &kith_core::Role| {
        let day = |d: chrono::NaiveDate| d.words("%b %Y").to_string();
        match (r.since, r.until) {
            (Some(s), Some(u)) => format!("{} – {}", day(s), day(u)),
            (Some(s), None) => format!("since {}", day(s)),
            (None, Some(u)) => format!("until {}", day(u)),
            (None, None) => String::new(),
        }
    };
    view! {
        <Show when=move || !roles().is_empty()>
            <section class="card" aria-labelledby="work-title">
                <h2 class="card__title" id="work-title">"Work"</h2>
                <ul class="roles">
                    {move || roles().into_iter().map(|(r, org)| view! {
                        <li class="roles__item" class:roles__item--past=!r.is_current()>
                            <a href=crate::platform::at(format!("/organisations/{}", r.organisation_id))>{org}</a>
                            {(!r.title.is_empty()).then(|| format!(" · {}", r.title))}
                            {(!r.is_current()).then_some(" (former)")}
                            <span class="roles__span">{span(&r)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
pub fn AboutCard(person: Person) -> impl IntoView {
    let text = move |f: fn(&Contact) -> String| {
        move || person.with(|p| p.as_ref().map(f).unwrap_or_default())
    };
    let how_we_met = text(|c| c.how_we_met.clone());
    let interests = text(|c| c.interests.join(", "));
    let notes = text(|c| c.notes.clone());
    view! {
        <section class="card" aria-labelledby="about-title">
            <h2 class="card__title" id="about-title">"About"</h2>
            <dl class="facts">
                {move || { let v = how_we_met(); (!v.is_empty()).then(|| view! {
                    <div class="facts__row"><dt>"How we met"</dt><dd>{v}</dd></div>
                }) }}
                {move || { let v = interests(); (!v.is_empty()).then(|| view! {
                    <div class="facts__row"><dt>"Interests"</dt><dd>{v}</dd></div>
                }) }}
                {facts(person, |c| &c.custom_fields, "", |_| None)}
                <div class="facts__row"><dt>"Check-ins"</dt><dd>{text(|c| c.cadence.describe())}</dd></div>
                <div class="facts__row"><dt>"Added"</dt><dd>{text(|c| {
                    c.created.as_datetime().map(|t| t.with_timezone(&chrono::Local).words("%-d %B %Y").to_string()).unwrap_or_default()
                })}</dd></div>
            </dl>
            {move || { let n = notes(); (!n.is_empty()).then(|| view! {
                <h3 class="card__subtitle">"Notes"</h3>
                <p class="notes">{n}</p>
            }) }}
        </section>
    }
}
