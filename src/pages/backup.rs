//! Backups in settings: export everything as one JSON file, and import one
//! through the restore pipeline, with a preview before anything is written.

use crate::state::use_kith;
use kith_core::backup::{Backup, Preview};
use kith_core::format::grouped;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Hands `text` to the browser as a download named `name`.
fn download(name: &str, text: &str) -> Result<(), String> {
    download_as(name, "application/json", text)
}

/// Hands `text` of type `mime` to the browser as a download named `name`.
pub fn download_as(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[component]
pub fn BackupCard() -> impl IntoView {
    let kith = use_kith();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<(Backup, Preview)>);
    let last = RwSignal::new(crate::platform::days_since_backup());
    let remind = RwSignal::new(crate::platform::backup_reminder_days());
    let usage = LocalResource::new(move || {
        kith.revision.track();
        crate::platform::storage_estimate()
    });
    let export = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = kith.export_backup().await.and_then(|json| {
                download(
                    &format!(
                        "kith-backup-{}.json",
                        crate::platform::today().format("%Y-%m-%d")
                    ),
                    &json,
                )
            });
            busy.set(false);
            match result {
                Ok(()) => {
                    crate::platform::note_backup_made();
                    last.set(crate::platform::days_since_backup());
                    kith.say("Backup saved to your downloads.");
                }
                Err(e) => error.set(Some(format!("Couldn't make the backup: {e}"))),
            }
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(file) = crate::components::file_pick::picked_file(&ev) else {
            return;
        };
        error.set(None);
        pending.set(None);
        busy.set(true);
        spawn_local(async move {
            let bytes = match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    busy.set(false);
                    return error.set(Some(format!("“{}” could not be read.", file.name())));
                }
            };
            let checked = Backup::restore(&bytes).map_err(|e| {
                format!(
                    "“{}” was not imported. {e} Your data is unchanged.",
                    file.name()
                )
            });
            let result = match checked {
                Ok(backup) => kith.preview_import(&backup).await.map(|p| (backup, p)),
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(ready) => pending.set(Some(ready)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let apply = move |replace: bool| {
        let Some((backup, _)) = pending.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let result = kith.import_backup(&backup, replace).await;
            busy.set(false);
            pending.set(None);
            match result {
                Ok(()) => kith.say(if replace {
                    "Replaced everything with the backup."
                } else {
                    "Merged the backup."
                }),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h2 class="card__title" id="backup-title">"Backups"</h2>
            <p class="card__text">"A backup file is your copy of everything in Kith: keep one somewhere safe, or use it to move to another device."</p>
            <dl class="facts backup__facts">
                <div class="facts__row"><dt>"Last backup"</dt><dd>{move || match last.get() {
                    None => "Never, from this browser".to_owned(),
                    Some(0) => "Today".to_owned(),
                    Some(1) => "Yesterday".to_owned(),
                    Some(n) => format!("{n} days ago"),
                }}</dd></div>
                <div class="facts__row"><dt>"Storage used"</dt><dd>{move || match usage.get().flatten() {
                    Some((used, quota)) => format!("{:.1} MB of {:.0} MB this browser allows", used / 1e6, quota / 1e6),
                    None => "Not reported by this browser".to_owned(),
                }}</dd></div>
            </dl>
            <div class="field field--inline">
                <label for="backup-remind">"Remind me after"</label>
                <select id="backup-remind" on:change=move |ev| {
                    if let Ok(d) = event_target_value(&ev).parse::<u32>() { crate::platform::set_backup_reminder_days(d); remind.set(d); }
                }>
                    {[7u32, 14, 30, 90].map(|d| view! { <option value=d.to_string() selected=move || remind.get() == d>{format!("{d} days without a backup")}</option> }).collect_view()}
                </select>
            </div>
            <div class="checkin__actions">
                <button class="button button--primary button--small" disabled=move || busy.get() on:click=export>"Export backup"</button>
                <label class="button button--small">
                    <input type="file" accept="application/json,.json" class="visually-hidden"
                        aria-label="Import a backup file" on:change=pick/>
                    "Import backup…"
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="form__error" role="alert">{e}</p> })}
            {move || pending.get().map(|(_, p)| view! {
                <div class="subform" role="region" aria-label="Import preview">
                    <p>{format!(
                        "This backup holds {} people, {} interactions and {} dates: {} new, {} changed, {} in conflict with what is here.",
                        grouped(p.people), grouped(p.interactions), grouped(p.dates), grouped(p.new), grouped(p.changed), grouped(p.conflicting)
                    )}</p>
                    <div class="form__actions">
                        <button class="button button--primary" on:click=move |_| apply(false)>"Merge into what is here"</button>
                        <button class="button button--danger" on:click=move |_| apply(true)>"Replace everything"</button>
                        <button class="button button--quiet" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
        </section>
    }
}
