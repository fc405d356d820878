//! "Before you reach out": the few things worth having in mind — family
//! names, who they live with, pinned details, the last interaction, open follow-ups (each with
//! Done, Edit and Delete, and a new one added here without logging) and
//! how satisfied they seem, with the trend.

use super::follow_ups::{fresh, open_tasks, FollowUpForm, FollowUpList};
use super::log::History;
use super::read_failed::ReadFailed;
use super::subform::SubForm;
use crate::components::show::Show;
use kith_core::calendar::Words;
use kith_core::temperature::{scores, trend};
use kith_core::{openers, Contact, ContactId, Reciprocity};
use leptos::prelude::*;

/// The brief on one person, on their page and opened from a row on Today.
#[component]
pub fn BriefCard(
    /// Whose brief.
    id: ContactId,
    /// Their live record.
    person: Memo<Option<Contact>>,
    /// Their newest interactions.
    recent: History,
) -> impl IntoView {
    let title_id = format!("brief-title-{id}");
    let title_ref = title_id.clone();
    let tasks = open_tasks(Some(id.clone()));
    let open = Signal::derive(move || tasks.get().and_then(Result::ok).unwrap_or_default());
    let me = StoredValue::new(id);
    let (text, due) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let adding = SubForm::new(move || text.with(|t| !t.trim().is_empty()));
    let family = move || {
        person.with(|p| {
            p.as_ref()
                .map(|c| {
                    c.family
                        .iter()
                        .map(|m| {
                            if m.relation.is_empty() {
                                m.name.clone()
                            } else {
                                format!("{} ({})", m.name, m.relation)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        })
    };
    // Their household's other members (a scan of the people only for
    // someone who lives in one).
    let kith = crate::state::use_kith();
    let lives_with = move || {
        kith.directory.with(|d| {
            person.with(|p| {
                let c = p.as_ref()?;
                let home = d.household_of(c)?;
                let names: Vec<String> = d
                    .household_members(&home.id)
                    .into_iter()
                    .filter(|m| m.id != c.id)
                    .map(|m| m.name.clone())
                    .collect();
                (!names.is_empty()).then(|| kith_core::format::and_list(&names))
            })
        })
    };
    let priorities =
        move || person.with(|p| p.as_ref().map(|c| c.priorities.clone()).unwrap_or_default());
    let pinned = move || {
        person.with(|p| {
            p.as_ref()
                .map(|c| {
                    c.details
                        .iter()
                        .filter(|d| d.pinned)
                        .map(|d| d.text.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let last = move || {
        let recent = recent.get().and_then(Result::ok);
        recent.and_then(|r| r.first().cloned()).map(|i| {
            let notes = if i.notes.is_empty() {
                String::new()
            } else {
                format!(" — {}", i.notes)
            };
            format!("{} · {}{notes}", i.kind.label(), i.date.words("%-d %b %Y"))
        })
    };
    // What to say: openers from their own record, each with its source.
    let kith = crate::state::use_kith();
    let dates = crate::state::load(move || {
        kith.revision.track();
        let id = me.get_value();
        // The same read as the person page's (one compiled loader).
        async move { kith.dates_for(&id).await }
    });
    let openers = move || {
        let recent = recent.get().and_then(Result::ok).unwrap_or_default();
        let dates = dates.get().and_then(Result::ok).unwrap_or_default();
        let reconfirm = kith.check_in.with(|s| s.reconfirm_days);
        person
            .with(|p| {
                let person = p.as_ref()?;
                let record = openers::Record {
                    person,
                    recent: &recent,
                    tasks: &open.get(),
                    dates: &dates,
                };
                Some(openers::openers(
                    &record,
                    crate::platform::today(),
                    reconfirm,
                ))
            })
            .unwrap_or_default()
    };
    // Who starts the conversations, over the last year.
    let balance = move || {
        let items = recent.get().and_then(Result::ok)?;
        Reciprocity::of(&items, crate::platform::today()).words()
    };
    let temperature = move || {
        let items = recent.get().and_then(Result::ok).unwrap_or_default();
        let latest = items.iter().find_map(|i| i.temperature.clone())?;
        let direction = trend(&scores(&items));
        let note = if latest.note.is_empty() {
            String::new()
        } else {
            format!(" “{}”", latest.note.trim_matches(['“', '”', '"']))
        };
        Some(format!(
            "{}/5{note} · trend {}",
            latest.score,
            direction.describe()
        ))
    };
    view! {
        <section class="card brief" aria-labelledby=title_ref>
            <h2 class="card__title" id=title_id>"Before you reach out"</h2>
            <dl class="facts">
                {move || { let o = openers(); (!o.is_empty()).then(|| view! {
                    <div class="facts__row"><dt>"To talk about"</dt><dd><ul class="brief__list" aria-label="Openers">{o.into_iter().map(|o| view! {
                        <li>{o.text}<span class="brief__source">{format!(" — {}", o.source)}</span></li>
                    }).collect_view()}</ul></dd></div>
                }) }}
                {move || { let f = family(); (!f.is_empty()).then(|| view! { <div class="facts__row"><dt>"Family"</dt><dd>{f}</dd></div> }) }}
                {move || lives_with().map(|names| view! { <div class="facts__row"><dt>"Lives with"</dt><dd>{names}</dd></div> })}
                {move || { let p = priorities(); (!p.is_empty()).then(|| view! { <div class="facts__row"><dt>"Right now"</dt><dd>{p}</dd></div> }) }}
                {move || { let p = pinned(); (!p.is_empty()).then(|| view! {
                    <div class="facts__row"><dt>"Remember"</dt><dd><ul class="brief__list">{p.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul></dd></div>
                }) }}
                <div class="facts__row"><dt>"Last time"</dt><dd>{move || match recent.get() {
                    Some(Err(_)) => "Couldn't be read".to_owned(),
                    _ => last().unwrap_or_else(|| "No interactions yet".into()),
                }}</dd></div>
                <Show when=move || !open.with(Vec::is_empty)>
                    <div class="facts__row"><dt>"Follow-ups"</dt><dd><FollowUpList tasks=open label="Their follow-ups"/></dd></div>
                </Show>
                {move || temperature().map(|t| view! { <div class="facts__row"><dt>"How they feel"</dt><dd>{t}</dd></div> })}
                {move || balance().map(|t| view! { <div class="facts__row"><dt>"Who reaches out"</dt><dd>{t}</dd></div> })}
            </dl>
            // What could not be read is said, not left out.
            {move || {
                recent
                    .get()
                    .and_then(Result::err)
                    .or_else(|| tasks.get().and_then(Result::err))
                    .map(|reason| view! { <ReadFailed what="all of this brief" reason/> })
            }}
            // A follow-up on its own, without logging anything.
            <button class="link-button" aria-expanded=move || adding.is_open().to_string()
                on:click=move |_| adding.toggle_with(|| fresh(text, due))>"Add follow-up"</button>
            {move || adding.is_open().then(|| view! {
                <FollowUpForm form=adding text due task=None people=vec![me.get_value()]/>
            })}
        </section>
    }
}
