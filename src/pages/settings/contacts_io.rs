//! Contacts from and to other apps, in settings: import vCard and CSV
//! files (a column-matching step for CSV, a preview before anything is
//! written), export people as vCard and the coming check-ins, follow-ups
//! and dates as a calendar file.

use crate::components::file_pick::download;
use crate::components::form::{Binding, FormError, SelectField};
use crate::platform::BrowserCharsets;
use crate::state::use_kith;
use kith_core::calendar::Words;
use kith_core::format::{count, grouped, sentence};
use kith_core::import::csv::{self, Column, Field, Table};
use kith_core::import::{self, text, vcard, Action, Format, ImportPlan, ImportedPerson, Skipped};
use kith_core::ImportantDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// A preview lists at most this many organisations or left-out records,
/// then says how many more: a file of 10,000 people stays one screen.
const LISTED: usize = 50;

/// Charsets offered for files that do not say theirs.
const CHARSETS: [(&str, &str); 8] = [
    ("windows-1252", "Western European (Windows-1252)"),
    ("windows-1250", "Central European (Windows-1250)"),
    ("windows-1251", "Cyrillic (Windows-1251)"),
    ("windows-1253", "Greek (Windows-1253)"),
    ("windows-1254", "Turkish (Windows-1254)"),
    ("shift_jis", "Japanese (Shift_JIS)"),
    ("gbk", "Chinese, simplified (GBK)"),
    ("big5", "Chinese, traditional (Big5)"),
];

#[derive(Clone)]
struct Picked {
    name: String,
    bytes: Arc<Vec<u8>>,
    format: Format,
}

#[derive(Clone)]
enum Step {
    Idle,
    Mapping {
        table: Arc<Table>,
        columns: Vec<Column>,
    },
    Preview {
        plan: Arc<ImportPlan>,
        dates: Arc<Vec<ImportantDate>>,
    },
    Working {
        done: usize,
        total: usize,
    },
}

/// The browser's charsets, noting whether text had to be read in the
/// fallback charset (the file did not say, and it was not UTF-8).
struct Noting {
    fallback: String,
    used: std::cell::Cell<bool>,
}

impl text::Charsets for Noting {
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
        if label.eq_ignore_ascii_case(&self.fallback) && std::str::from_utf8(bytes).is_err() {
            self.used.set(true);
        }
        text::Charsets::decode(&BrowserCharsets, label, bytes)
    }
}

/// People from the picked file, and whether the charset choice mattered.
/// A vCard file is read 2,000 lines a task, so a large one never holds the
/// page for long.
async fn read_people(
    picked: &Picked,
    charset: &str,
    columns: Option<&[Column]>,
) -> (Vec<ImportedPerson>, Vec<Skipped>, bool) {
    let noting = Noting {
        fallback: charset.to_owned(),
        used: Default::default(),
    };
    let (people, skipped) = if picked.format == Format::Csv {
        let table = csv::read(&picked.bytes, &noting, charset);
        let guessed;
        let columns = match columns {
            Some(c) => c,
            None => {
                guessed = csv::guess(&table.header);
                &guessed
            }
        };
        csv::people(&table, columns)
    } else {
        let mut reader = vcard::Reader::new(&picked.bytes, &noting);
        while !reader.step(2_000, &noting, charset) {
            crate::platform::yield_now().await;
        }
        reader.finish(&noting, charset)
    };
    (people, skipped, noting.used.get())
}

#[component]
pub fn ContactsCard() -> impl IntoView {
    let kith = use_kith();
    let step = RwSignal::new(Step::Idle);
    let picked = RwSignal::new(None::<Picked>);
    let charset = RwSignal::new("windows-1252".to_owned());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The file has text in a charset it does not name: offer the choice.
    let legacy_text = RwSignal::new(false);

    let preview = move |columns: Option<Vec<Column>>| {
        let Some(file) = picked.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let (people, skipped, legacy) =
                read_people(&file, &charset.get_untracked(), columns.as_deref()).await;
            legacy_text.set(legacy || text::needs_charset(&file.bytes));
            // Let the page breathe between reading the file and matching.
            crate::platform::yield_now().await;
            let result = kith
                .plan_contacts_import(people, skipped)
                .await
                .map_err(|e| e.to_string());
            busy.set(false);
            match result {
                Ok((plan, _)) if plan.people.is_empty() => {
                    step.set(Step::Idle);
                    error.set(Some(format!(
                        "“{}” has no contacts Kith can read. Your data is unchanged.",
                        file.name
                    )));
                }
                Ok((plan, dates)) => step.set(Step::Preview {
                    plan: Arc::new(plan),
                    dates: Arc::new(dates),
                }),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(file) = crate::components::file_pick::picked_file(&ev) else {
            return;
        };
        error.set(None);
        step.set(Step::Idle);
        busy.set(true);
        spawn_local(async move {
            let name = file.name();
            let bytes = match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    busy.set(false);
                    return error.set(Some(format!("“{name}” could not be read.")));
                }
            };
            busy.set(false);
            let Some(format) = import::detect(&name, &bytes) else {
                return error.set(Some(format!(
                    "“{name}” is not a vCard (.vcf) or CSV file. Nothing was imported; your data is unchanged."
                )));
            };
            let file = Picked {
                name,
                bytes: Arc::new(bytes),
                format,
            };
            legacy_text.set(text::needs_charset(&file.bytes));
            picked.set(Some(file.clone()));
            if file.format == Format::Csv {
                let table = csv::read(&file.bytes, &BrowserCharsets, &charset.get_untracked());
                if table.header.is_empty() || table.rows.is_empty() {
                    return error.set(Some(format!("“{}” has no rows under a header. Nothing was imported; your data is unchanged.", file.name)));
                }
                let columns = csv::guess(&table.header);
                step.set(Step::Mapping {
                    table: Arc::new(table),
                    columns,
                });
            } else {
                preview(None);
            }
        });
    };
    let mapped_columns = move || match step.get_untracked() {
        Step::Mapping { columns, .. } => Some(columns),
        _ => None,
    };
    let apply = move |_| {
        let Step::Preview { plan, dates } = step.get_untracked() else {
            return;
        };
        step.set(Step::Working {
            done: 0,
            total: plan.photos(),
        });
        spawn_local(async move {
            let result = kith
                .apply_contacts_import(&plan, &dates, |done, total| {
                    step.set(Step::Working { done, total })
                })
                .await;
            step.set(Step::Idle);
            picked.set(None);
            match result {
                Ok(failed) => {
                    let mut said = format!(
                        "Imported: {}, {} with new details.",
                        count(plan.new_people(), "new person", "new people"),
                        count(plan.updated(), "person", "people")
                    );
                    if failed > 0 {
                        said.push_str(&format!(
                            " {} could not be read and left out.",
                            count(failed, "photo", "photos")
                        ));
                    }
                    // Duplicates the import may have brought, said at its end.
                    let pairs = kith.directory.with_untracked(|d| d.duplicates().len());
                    if pairs > 0 {
                        said.push_str(&format!(
                            " {} to review: People → Possible duplicates.",
                            count(pairs, "possible duplicate", "possible duplicates")
                        ));
                    }
                    kith.say(said);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let export_vcard = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = kith
                .export_vcard()
                .await
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    download(
                        &format!(
                            "kith-people-{}.vcf",
                            crate::platform::today().words("%Y-%m-%d")
                        ),
                        "text/vcard",
                        std::slice::from_ref(&text),
                    )
                });
            busy.set(false);
            match result {
                Ok(()) => kith.say("People saved to your downloads as a vCard file."),
                Err(e) => error.set(Some(sentence(&format!("Couldn't export: {e}")))),
            }
        });
    };
    let export_ics = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = kith
                .export_calendar()
                .await
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    download(
                        "kith-calendar.ics",
                        "text/calendar",
                        std::slice::from_ref(&text),
                    )
                });
            busy.set(false);
            match result {
                Ok(()) => kith.say("Calendar saved to your downloads. Open it with your calendar app to add the reminders."),
                Err(e) => error.set(Some(sentence(&format!("Couldn't export: {e}")))),
            }
        });
    };
    let needs_charset = move || legacy_text.get();
    let charset_picker = move || {
        needs_charset().then(|| view! {
            <SelectField id="import-charset" label="Text in this file" class="field--inline"
                value=Binding::derived(move || charset.get(), move |v| {
                    charset.set(v);
                    let columns = mapped_columns();
                    if !matches!(step.get_untracked(), Step::Mapping { .. }) { preview(columns); }
                })
                options=CHARSETS.iter().map(|(label, name)| ((*label).to_owned(), (*name).to_owned())).collect()/>
        })
    };
    let mapping = move || match step.get() {
        Step::Mapping { table, columns } => Some(view! {
            <div class="subform" role="region" aria-label="Match the columns">
                <p>{format!("“{}” has {} rows. Say what each column holds; Kith guessed the ones it knows.", picked.get_untracked().map(|p| p.name).unwrap_or_default(), grouped(table.rows.len()))}</p>
                {charset_picker}
                <div class="mapping">
                    {table.header.iter().enumerate().filter(|(_, h)| !h.is_empty()).map(|(i, h)| {
                        let example = table.rows.iter().map(|r| r.get(i).map(|s| s.trim()).unwrap_or("")).find(|s| !s.is_empty()).unwrap_or("").chars().take(40).collect::<String>();
                        let chosen = columns.get(i).map(|c| c.field).unwrap_or(Field::Ignore);
                        let id = format!("column-{i}");
                        view! {
                            <div class="mapping__row">
                                <label for=id.clone()>
                                    <span class="mapping__header">{h.clone()}</span>
                                    <span class="mapping__example">{example}</span>
                                </label>
                                <select id=id on:change=move |ev| {
                                    let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                                    step.update(|s| if let Step::Mapping { columns, .. } = s {
                                        if let Some(c) = columns.get_mut(i) { c.field = Field::ALL[index.min(Field::ALL.len() - 1)]; }
                                    });
                                }>
                                    {Field::ALL.map(|f| view! { <option value=f.index().to_string() selected=f == chosen>{f.label()}</option> }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <div class="form__actions">
                    <button class="button button--primary" disabled=move || busy.get() on:click=move |_| preview(mapped_columns())>"Continue"</button>
                    <button class="button button--quiet" on:click=move |_| { step.set(Step::Idle); picked.set(None); }>"Cancel"</button>
                </div>
            </div>
        }),
        _ => None,
    };
    let preview_view = move || match step.get() {
        Step::Preview { plan, .. } => {
            let file = picked.get_untracked().map(|p| p.name).unwrap_or_default();
            let mut parts = Vec::new();
            for (n, what) in [
                (plan.new_people(), "new"),
                (plan.updated(), "already here, with new details"),
                (plan.unchanged(), "already here with nothing new"),
            ] {
                if n > 0 {
                    parts.push(format!("{} {what}", grouped(n)));
                }
            }
            let total = plan.people.len();
            let mut summary = format!(
                "“{file}”: {} — {}.",
                count(total, "person", "people"),
                parts.join(", ")
            );
            if plan.birthdays() > 0 {
                summary.push_str(&format!(
                    " {}.",
                    count(plan.birthdays(), "birthday", "birthdays")
                ));
            }
            if plan.photos() > 0 {
                summary.push_str(&format!(" {}.", count(plan.photos(), "photo", "photos")));
            }
            let orgs: Vec<String> = plan
                .organisations
                .iter()
                .map(|(file, here)| match here {
                    Some(here) => format!("{here}: matched to your organisation"),
                    None => format!("{file}: new organisation"),
                })
                .collect();
            let linked = plan.linked_photos();
            let skipped = plan.skipped.clone();
            let importing = plan.new_people() + plan.updated();
            let sample: Vec<(String, &'static str)> = plan
                .people
                .iter()
                .take(8)
                .map(|(p, a)| {
                    (
                        p.name.clone(),
                        match a {
                            Action::New => "new",
                            Action::Update(_) => "new details",
                            Action::Same(_) => "already here",
                        },
                    )
                })
                .collect();
            let more = plan.people.len().saturating_sub(sample.len());
            Some(view! {
                <div class="subform" role="region" aria-label="Contacts import preview">
                    <p>{summary}</p>
                    {charset_picker}
                    {(!orgs.is_empty()).then(|| view! {
                        <ul class="import__orgs" aria-label="Organisations">
                            {orgs.iter().take(LISTED).map(|o| view! { <li>{o.clone()}</li> }).collect_view()}
                            {(orgs.len() > LISTED).then(|| view! { <li class="import__more">{format!("and {} more", grouped(orgs.len() - LISTED))}</li> })}
                        </ul>
                    })}
                    <ul class="import__sample">
                        {sample.into_iter().map(|(name, what)| view! { <li><span>{name}</span><span class=if what == "new" { "import__what import__what--new" } else { "import__what" }>{what}</span></li> }).collect_view()}
                        {(more > 0).then(|| view! { <li class="import__more">{format!("and {} more", grouped(more))}</li> })}
                    </ul>
                    {(linked > 0).then(|| view! { <p class="card__text">{format!("{} left out: links to other sites, which Kith never contacts.", count(linked, "photo", "photos"))}</p> })}
                    {(!skipped.is_empty()).then(|| view! {
                        <details><summary>{format!("Not imported ({})", grouped(skipped.len()))}</summary>
                            <ul>
                                {skipped.iter().take(LISTED).map(|s| view! { <li>{format!("Record {}: {}.", grouped(s.position), s.reason)}</li> }).collect_view()}
                                {(skipped.len() > LISTED).then(|| view! { <li class="import__more">{format!("and {} more", grouped(skipped.len() - LISTED))}</li> })}
                            </ul>
                        </details>
                    })}
                    <div class="form__actions">
                        <button class="button button--primary" disabled=importing == 0 on:click=apply>
                            {if importing == 0 { "Nothing new to import".to_owned() } else { format!("Import {}", count(importing, "person", "people")) }}
                        </button>
                        <button class="button button--quiet" on:click=move |_| { step.set(Step::Idle); picked.set(None); }>"Cancel"</button>
                    </div>
                </div>
            })
        }
        _ => None,
    };
    let working = move || match step.get() {
        Step::Working { done, total } => Some(view! {
            <div class="import__progress">
                <progress aria-label="Import progress" max=total.max(1).to_string() value=done.to_string()></progress>
                <span>{if total == 0 { "Saving…".to_owned() } else { format!("Adding photos: {done} of {total}") }}</span>
            </div>
        }),
        _ => None,
    };
    view! {
        <section class="card" aria-labelledby="contacts-io-title">
            <h2 class="card__title" id="contacts-io-title">"Contacts and calendar"</h2>
            <p class="card__text">"Bring people in from your phone, Google, Outlook or LinkedIn (vCard or CSV files). Importing the same file again adds nobody twice. The calendar file puts check-ins, follow-ups and birthdays in your calendar app, which reminds you even when Kith is closed."</p>
            <div class="checkin__actions">
                <label class="button button--small button--primary">
                    <input type="file" accept=".vcf,.vcard,.csv,text/vcard,text/x-vcard,text/csv" class="visually-hidden"
                        aria-label="Import contacts from a vCard or CSV file" on:change=pick/>
                    "Import contacts…"
                </label>
                <button class="button button--small" disabled=move || busy.get() on:click=export_vcard>"Export people (vCard)"</button>
                <button class="button button--small" disabled=move || busy.get() on:click=export_ics>"Export calendar (.ics)"</button>
            </div>
            <FormError error/>
            {mapping}
            {preview_view}
            {working}
        </section>
    }
}
