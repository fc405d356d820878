//! Search everything: while People's search has words, the interactions'
//! notes and the follow-ups holding all of them, newest first, each with
//! its matching words marked and a link to the person it is with. The note index is built the first time a search
//! has words (state/notes.rs); while it is, the card says how far it is
//! and shows what it has found so far.

use crate::state::{use_kith, Notes};
use kith_core::calendar::Words;
use kith_core::format::grouped;
use kith_core::fulltext::{html, snippet, Source};
use kith_core::{Directory, Interaction, Task};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Notes shown at most (the newest); the title says how many match.
const SHOWN: usize = 50;
/// Characters of a note around its first match.
const WIDTH: usize = 140;

/// A found note or follow-up, as listed.
struct Row {
    href: String,
    who: String,
    what: String,
    /// The snippet as HTML: its text escaped, the matching words marked.
    text: String,
}

/// The rows for the query last answered and how many match: one signal,
/// set once the records are read, so the list and its count agree.
#[derive(Default)]
struct Found {
    rows: Vec<Row>,
    total: usize,
}

/// The notes and follow-ups matching `query`; nothing while it is empty.
#[component]
pub fn NotesFound(query: RwSignal<String>) -> impl IntoView {
    let kith = use_kith();
    let found = RwSignal::new(Found::default());
    // The hits' records are read from storage (the index keeps no text);
    // an answer that a newer keystroke or write overtook is dropped.
    let asked = StoredValue::new(0u32);
    crate::reactive::effect(move |_| {
        kith.notes.track();
        kith.revision.track();
        let q = query.get();
        let ask = asked.get_value() + 1;
        asked.set_value(ask);
        if q.trim().is_empty() {
            found.set(Found::default());
            return;
        }
        kith.index_notes();
        let hits = kith.find_in_notes(&q, SHOWN);
        let total = hits.total;
        let sources: Vec<Source> = hits.hits.into_iter().map(|h| h.source).collect();
        spawn_local(async move {
            let Ok((interactions, tasks)) = kith.found(&sources).await else {
                return;
            };
            if asked.get_value() == ask {
                let rows = kith
                    .directory
                    .with_untracked(|d| list(d, &sources, &interactions, &tasks, &q));
                found.set(Found { rows, total });
            }
        });
    });
    // One closure draws it all (one compiled copy of the code that redraws).
    move || {
        if query.with(|q| q.trim().is_empty()) {
            return None;
        }
        let notes = kith.notes.get();
        let status = match notes {
            Notes::Building { done, of } => Some(format!(
                "Reading your notes for search: {} of {}…",
                grouped(done),
                grouped(of)
            )),
            Notes::Failed(why) => Some(why.to_owned()),
            Notes::Unbuilt | Notes::Ready => None,
        };
        found.with(|f| {
            let title = match f.total {
                0 if notes == Notes::Ready => {
                    "No note or follow-up holds every one of these words".to_owned()
                }
                0 => "Notes and follow-ups".to_owned(),
                n if n > SHOWN => {
                    format!("Notes and follow-ups · newest {SHOWN} of {}", grouped(n))
                }
                n => format!("Notes and follow-ups · {}", grouped(n)),
            };
            let rows = f
                .rows
                .iter()
                .map(|row| {
                    view! {
                        <li class="hit">
                            <a class="hit__link" href=row.href.clone()>
                                <span class="hit__who">{row.who.clone()}</span>
                                <span class="hit__what">{row.what.clone()}</span>
                            </a>
                            <p class="hit__text" inner_html=row.text.clone()></p>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="card notes-found" aria-labelledby="notes-found-title">
                    <h2 class="card__title" id="notes-found-title" aria-live="polite">{title}</h2>
                    {status.map(|s| view! { <p class="notes-found__status">{s}</p> })}
                    <ol class="hits" aria-label="Notes found">{rows}</ol>
                </section>
            })
        })
    }
}

/// The rows for `hits`, in their order, from the records read for them.
fn list(
    d: &Directory,
    hits: &[Source],
    interactions: &[Interaction],
    tasks: &[Task],
    query: &str,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for hit in hits {
        // An interaction's link opens it in the person's timeline.
        let mut anchor = String::new();
        let (people, kind, date, text) = match hit {
            Source::Interaction(id) => match interactions.iter().find(|i| &i.id == id) {
                Some(i) => {
                    anchor = format!("?interaction={id}");
                    (&i.contact_ids, i.kind.label(), i.date, &i.notes)
                }
                None => continue,
            },
            Source::Task(id) => match tasks.iter().find(|t| &t.id == id) {
                Some(t) if t.done.is_some() => {
                    (&t.contact_ids, "Follow-up, done · due", t.due, &t.text)
                }
                Some(t) => (&t.contact_ids, "Follow-up · due", t.due, &t.text),
                None => continue,
            },
        };
        let what = format!("{kind} · {}", date.words("%-d %b %Y"));
        let known: Vec<_> = people.iter().filter_map(|id| d.any_contact(id)).collect();
        let who = match known.as_slice() {
            [] => "Someone deleted".to_owned(),
            [one] => one.name.clone(),
            [first, rest @ ..] => format!("{} and {} more", first.name, rest.len()),
        };
        let href = known.first().map_or_else(
            || "/trash".to_owned(),
            |p| format!("/people/{}{anchor}", p.id),
        );
        rows.push(Row {
            href: crate::platform::at(href),
            who,
            what,
            text: html(&snippet(text, query, WIDTH)),
        });
    }
    rows
}
