//! Relationship health and how it has moved: an inline SVG of the
//! temperature readings and of how often the user was in touch, month by
//! month, with the rule behind the health label in plain words.

use super::log::History;
use super::read_failed::ReadFailed;
use crate::platform;
use crate::state::use_kith;
use chrono::{Datelike, Months, NaiveDate};
use kith_core::format::{tenths, whole};
use kith_core::temperature::{scores, Health};
use kith_core::{ContactId, Interaction};
use leptos::prelude::*;

const READINGS: usize = 12;
const MONTHS_SHOWN: u32 = 12;

/// The "Relationship health" card: the health label, both charts over
/// `history`, and the rule in words.
#[component]
pub fn HealthCard(
    /// Whose health.
    id: ContactId,
    /// Their recent interactions.
    history: History,
) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let health = move || {
        let items = history.get().and_then(Result::ok).unwrap_or_default();
        let settings = kith.check_in.get();
        let (status, in_touch) = kith.directory.with(|d| {
            d.contact(&me.get_value()).map(|c| {
                let status = d.check_in_of(c, platform::today(), &settings);
                (status, c.last_interaction.is_some() || !items.is_empty())
            })
        })?;
        Some(Health::of_person(status, in_touch, &scores(&items)))
    };
    view! {
        <section class="card" aria-labelledby="health-title">
            <div class="card__head">
                <h2 class="card__title" id="health-title">"Relationship health"</h2>
                {move || health().map(|h| {
                    let tone = match h { Health::Good => "ok", Health::Watch => "due", Health::AtRisk => "overdue", Health::Unknown => "none" };
                    view! { <span class=format!("status status--{tone}")>{h.label()}</span> }
                })}
            </div>
            {move || match history.get() {
                Some(Err(reason)) => view! { <ReadFailed what="their recent interactions" reason/> }.into_any(),
                loaded => {
                    let items = loaded.and_then(Result::ok).unwrap_or_default();
                    view! {
                        <TemperatureChart items=items.clone()/>
                        <FrequencyChart items/>
                    }.into_any()
                }
            }}
            <details class="health__rule">
                <summary>"How is this worked out?"</summary>
                <p>{Health::rule()}</p>
            </details>
        </section>
    }
}

/// Temperature readings, oldest to newest, as a line on a 1-5 scale.
#[component]
pub fn TemperatureChart(
    /// Interactions, newest first.
    items: Vec<Interaction>,
) -> impl IntoView {
    let mut readings: Vec<u8> = scores(&items).into_iter().take(READINGS).collect();
    readings.reverse();
    if readings.is_empty() {
        return view! { <p class="card__empty">"No temperature readings yet: ask “how are we doing?” and log the answer."</p> }.into_any();
    }
    let (w, h, pad) = (300.0, 90.0, 10.0);
    let step = if readings.len() > 1 {
        (w - 2.0 * pad) / (readings.len() - 1) as f64
    } else {
        0.0
    };
    let point = |i: usize, s: u8| {
        (
            pad + step * i as f64,
            h - pad - (f64::from(s) - 1.0) / 4.0 * (h - 2.0 * pad),
        )
    };
    let path: String = readings
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let (x, y) = point(i, s);
            format!(
                "{}{},{}",
                if i == 0 { "M" } else { " L" },
                tenths(x),
                tenths(y)
            )
        })
        .collect();
    let label = format!(
        "Temperature, oldest to newest: {}",
        readings
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {}", whole(w), whole(h)) role="img" aria-label=label.clone()>
                {[1u8, 3, 5].map(|s| {
                    let y = point(0, s).1;
                    view! { <line class="chart__grid" x1="0" x2=whole(w) y1=tenths(y) y2=tenths(y)/> }
                }).collect_view()}
                <path class="chart__line" d=path/>
                {readings.iter().enumerate().map(|(i, &s)| {
                    let (x, y) = point(i, s);
                    view! { <circle class=format!("chart__dot temp--{s}") cx=tenths(x) cy=tenths(y) r="4"/> }
                }).collect_view()}
            </svg>
            <figcaption>{format!("Temperature (1 unhappy – 5 delighted), last {}", kith_core::format::count(readings.len(), "reading", "readings"))}</figcaption>
        </figure>
    }
    .into_any()
}

/// Interactions per month over the last year, as bars.
#[component]
pub fn FrequencyChart(
    /// Interactions, newest first.
    items: Vec<Interaction>,
) -> impl IntoView {
    let today = platform::today();
    let first_of = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d);
    let start = first_of(today)
        .checked_sub_months(Months::new(MONTHS_SHOWN - 1))
        .unwrap_or(today);
    let mut counts = vec![0usize; MONTHS_SHOWN as usize];
    for i in &items {
        if i.date >= start {
            let months =
                (i.date.year() - start.year()) * 12 + i.date.month() as i32 - start.month() as i32;
            if let Some(slot) = usize::try_from(months).ok().and_then(|m| counts.get_mut(m)) {
                *slot += 1;
            }
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (w, h) = (300.0, 60.0);
    let bar = w / f64::from(MONTHS_SHOWN);
    let label = format!(
        "Interactions per month over the last year, oldest first: {}",
        counts
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {}", whole(w), whole(h)) role="img" aria-label=label>
                {counts.iter().enumerate().map(|(i, &n)| {
                    let bh = (n as f64 / max as f64) * (h - 6.0);
                    view! {
                        <rect class="chart__bar" x=tenths(i as f64 * bar + 2.0) y=tenths(h - bh)
                            width=tenths(bar - 4.0) height=tenths(bh) rx="2"/>
                    }
                }).collect_view()}
            </svg>
            <figcaption>"Interactions per month, last 12 months"</figcaption>
        </figure>
    }
}
