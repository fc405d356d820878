//! Backups in settings: export everything as one JSON file, and import one
//! through the restore pipeline, with a preview before anything is written.

use crate::components::form::{Binding, FormError, SelectField, TextField};
use crate::components::show::Show;
use crate::state::use_kith;
use crate::storage::{BackupText, Step};
use kith_core::backup::{Backup, Preview, Removed, Restorer};
use kith_core::calendar::Words;
use kith_core::format::{count, grouped, sentence};
use kith_core::sealed::{Opened, Sealed};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// How far a long import or export has got: a stage in words and, when
/// known, the fraction done.
#[derive(Clone, PartialEq)]
struct Progress {
    stage: String,
    fraction: Option<f64>,
}

fn progress(stage: &str, fraction: Option<f64>) -> Option<Progress> {
    Some(Progress {
        stage: stage.to_owned(),
        fraction,
    })
}

/// "Writing 40,000 of 110,000 records…", and how far that is; once all
/// are done and `last` (nothing counted follows), what is left:
/// "Finishing…".
fn counted(doing: &str, done: usize, total: usize, last: bool) -> Option<Progress> {
    if last && total > 0 && done >= total {
        return progress("Finishing…", None);
    }
    progress(
        &format!("{doing} {} of {} records…", grouped(done), grouped(total)),
        Some(done as f64 / total.max(1) as f64),
    )
}

/// A fraction as thousandths, for `<progress max="1000">`: an integer, as
/// printing an f64 would bring the float printer into the wasm (11 kB).
fn permille(f: f64) -> u32 {
    (f.clamp(0.0, 1.0) * 1000.0).round() as u32
}

/// Whether to show progress now: at most every 100 ms (each change
/// redraws the bar, which can cost more than the work it reports), and
/// always the `last` step. `shown` is when it last was.
fn due(shown: &Cell<f64>, last: bool) -> bool {
    let now = js_sys::Date::now();
    let due = last || now - shown.get() >= 100.0;
    if due {
        shown.set(now);
    }
    due
}

/// Checks a backup file a slice of records at a time, reporting progress,
/// so the page stays responsive for large files.
async fn check(bytes: &[u8], working: RwSignal<Option<Progress>>) -> Result<Backup, String> {
    // Reading the file in was a task of its own; the file's structure is
    // the next.
    crate::platform::yield_now().await;
    let mut restorer = Restorer::start(bytes).map_err(|e| e.to_string())?;
    let shown = Cell::new(0.0);
    loop {
        // Slices of a few milliseconds, however fast this machine reads.
        let began = js_sys::Date::now();
        let mut finished = false;
        while !finished && js_sys::Date::now() - began < 20.0 {
            finished = restorer.step(200).map_err(|e| e.to_string())?;
        }
        if due(&shown, finished) {
            working.set(match restorer.walking() {
                // The file's structure first: how far through the file.
                Some((at, of)) => progress("Reading the file…", Some(at as f64 / of.max(1) as f64)),
                None => {
                    let total = restorer.total().max(1);
                    progress(
                        &format!(
                            "Checking {} of {} records…",
                            grouped(restorer.done()),
                            grouped(total)
                        ),
                        Some(restorer.done() as f64 / total as f64),
                    )
                }
            });
        }
        crate::platform::yield_now().await;
        if finished {
            break;
        }
    }
    restorer.finish().map_err(|e| e.to_string())
}

#[component]
pub fn BackupCard() -> impl IntoView {
    let kith = use_kith();
    let working = RwSignal::new(None::<Progress>);
    let error = RwSignal::new(None::<String>);
    // The checked backup (shared, never copied) and its preview, set and
    // cleared together.
    let checked = RwSignal::new(None::<Arc<Backup>>);
    let pending = RwSignal::new(None::<Preview>);
    let forget = move || {
        pending.set(None);
        checked.set(None);
    };
    let last = RwSignal::new(crate::platform::days_since_backup());
    let remind = RwSignal::new(crate::platform::backup_reminder_days());
    let encrypt = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    // An encrypted file waiting for its passphrase: (file name, envelope).
    let locked = RwSignal::new(None::<(String, Arc<Opened>)>);
    let unlock_with = RwSignal::new(String::new());
    // "Replace everything" pressed once: asking, in numbers.
    let confirming = RwSignal::new(false);
    let (replace_dialog, replace_keys) = crate::components::dialog::confirmation(confirming);
    let save_safety_copy = move |_| {
        let Some(pieces) = kith.safety_copy_pieces() else {
            return;
        };
        let name = format!(
            "kith-before-replace-{}.json",
            crate::platform::today().words("%Y-%m-%d")
        );
        match crate::components::file_pick::download(&name, "application/json", &pieces) {
            Ok(()) => kith.say("Safety copy saved to your downloads."),
            Err(e) => error.set(Some(format!("Couldn't save the safety copy: {e}"))),
        }
    };
    let busy = move || working.get().is_some();
    let usage = crate::state::load(move || {
        kith.revision.track();
        crate::platform::storage_estimate()
    });
    let export = move |_| {
        error.set(None);
        let secret = encrypt.get_untracked().then(|| passphrase.get_untracked());
        if let Some(p) = &secret {
            if p.chars().count() < 8 {
                return error.set(Some("Choose a passphrase of at least 8 characters.".into()));
            }
            if *p != again.get_untracked() {
                return error.set(Some("The two passphrases are not the same.".into()));
            }
        }
        working.set(progress("Reading everything…", None));
        spawn_local(async move {
            let name = format!(
                "kith-backup-{}.json",
                crate::platform::today().words("%Y-%m-%d")
            );
            let mime = "application/json";
            let shown = Cell::new(0.0);
            let read = |done, total| {
                if due(&shown, done >= total) {
                    working.set(counted("Reading", done, total, true));
                }
            };
            let mut result = kith.export_backup(&read).await.map_err(|e| e.to_string());
            if let (Ok(text), Some(p)) = (&result, &secret) {
                working.set(progress("Encrypting…", None));
                result = match text.text().await {
                    Ok(plain) => crate::crypto::seal(p, &plain).await.map(BackupText::from),
                    Err(e) => Err(e.to_string()),
                };
            }
            let result = result.and_then(|text| {
                crate::components::file_pick::download_parts(&name, mime, text.parts())
            });
            working.set(None);
            match result {
                Ok(()) => {
                    crate::platform::note_backup_made();
                    last.set(crate::platform::days_since_backup());
                    passphrase.set(String::new());
                    again.set(String::new());
                    kith.say(if secret.is_some() {
                        "Encrypted backup saved to your downloads. Keep the passphrase somewhere safe: without it the file cannot be opened."
                    } else {
                        "Backup saved to your downloads."
                    });
                }
                Err(e) => error.set(Some(sentence(&format!("Couldn't make the backup: {e}")))),
            }
        });
    };
    // Checks plain backup bytes and shows the preview.
    let restore = move |name: String, bytes: Vec<u8>| {
        spawn_local(async move {
            let read = check(&bytes, working)
                .await
                .map_err(|e| format!("“{name}” was not imported. {e} Your data is unchanged."));
            drop(bytes);
            let result = match read {
                Ok(backup) => {
                    working.set(progress("Comparing with what is here…", None));
                    kith.preview_import(&backup)
                        .await
                        .map(|p| (Arc::new(backup), p))
                        .map_err(|e| e.to_string())
                }
                Err(e) => Err(e),
            };
            working.set(None);
            match result {
                Ok((backup, preview)) => {
                    checked.set(Some(backup));
                    pending.set(Some(preview));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(file) = crate::components::file_pick::picked_file(&ev) else {
            return;
        };
        error.set(None);
        forget();
        locked.set(None);
        working.set(progress("Reading the file…", None));
        spawn_local(async move {
            let name = file.name();
            let bytes = match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    working.set(None);
                    return error.set(Some(format!("“{name}” could not be read.")));
                }
            };
            match Sealed::detect(&bytes) {
                Some(Ok(opened)) => {
                    working.set(None);
                    locked.set(Some((name, Arc::new(opened))));
                }
                Some(Err(e)) => {
                    working.set(None);
                    error.set(Some(format!(
                        "“{name}” was not imported. {e} Your data is unchanged."
                    )));
                }
                None => restore(name, bytes),
            }
        });
    };
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((name, opened)) = locked.get_untracked() else {
            return;
        };
        error.set(None);
        working.set(progress("Unlocking…", None));
        spawn_local(async move {
            match crate::crypto::open(&unlock_with.get_untracked(), &opened).await {
                Ok(bytes) => {
                    locked.set(None);
                    unlock_with.set(String::new());
                    restore(name, bytes);
                }
                Err(e) => {
                    working.set(None);
                    error.set(Some(format!(
                        "“{name}” was not imported. {e} Your data is unchanged."
                    )));
                }
            }
        });
    };
    let apply = move |replace: bool| {
        let Some(backup) = checked.get_untracked() else {
            return;
        };
        working.set(progress("Writing…", None));
        spawn_local(async move {
            let shown = Cell::new(0.0);
            let step = |step, done, total| {
                if !due(&shown, done >= total) {
                    return;
                }
                working.set(match step {
                    Step::Reading => counted("Keeping a copy of what is here:", done, total, false),
                    Step::Writing => counted("Writing", done, total, true),
                })
            };
            let result = kith
                .import_backup(&backup, replace, &step)
                .await
                .map_err(|e| e.to_string());
            working.set(None);
            forget();
            confirming.set(false);
            match result {
                // A replace says so itself, with an Undo.
                Ok(()) if replace => {}
                Ok(()) => kith.say("Merged the backup."),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h2 class="card__title" id="backup-title">"Backups"</h2>
            <p class="card__text">"A backup file is your copy of everything in Kith: keep one somewhere safe, or use it to move to another device."</p>
            <dl class="facts backup__facts">
                <div class="facts__row"><dt>"Last backup"</dt><dd>{crate::reactive::text(move || match last.get() {
                    None => "Never, from this browser".to_owned(),
                    Some(0) => "Today".to_owned(),
                    Some(1) => "Yesterday".to_owned(),
                    Some(n) => format!("{n} days ago"),
                })}</dd></div>
                <div class="facts__row"><dt>"Storage used"</dt><dd>{crate::reactive::text(move || match usage.get().flatten() {
                    Some((used, quota)) => format!("{} MB of {} MB this browser allows", kith_core::format::tenths(used / 1e6), kith_core::format::whole(quota / 1e6)),
                    None => "Not reported by this browser".to_owned(),
                })}</dd></div>
            </dl>
            <SelectField id="backup-remind" label="Remind me after" class="field--inline"
                value=Binding::derived(
                    move || remind.get().to_string(),
                    move |v| if let Ok(d) = v.parse::<u32>() { crate::platform::set_backup_reminder_days(d); remind.set(d); },
                )
                options=[7u32, 14, 30, 90].iter().map(|d| (d.to_string(), format!("{d} days without a backup"))).collect()/>
            <div class="field--check">
                <input type="checkbox" id="backup-encrypt" prop:checked=move || encrypt.get()
                    on:change=move |ev| encrypt.set(event_target_checked(&ev))/>
                <label for="backup-encrypt">"Protect the file with a passphrase"</label>
            </div>
            {move || encrypt.get().then(|| view! {
                <div class="backup__secret">
                    <TextField id="backup-passphrase" label="Passphrase" value=passphrase
                        kind="password" autocomplete="new-password"/>
                    <TextField id="backup-passphrase-again" label="Passphrase again" value=again
                        kind="password" autocomplete="new-password"/>
                    <p class="card__text">"The file is encrypted in this browser (AES-256, a key made from the passphrase). Nobody, Kith included, can open it without the passphrase, so keep it somewhere safe."</p>
                </div>
            })}
            <div class="checkin__actions">
                <button class="button button--primary button--small" disabled=busy on:click=export>"Export backup"</button>
                <label class="button button--small">
                    <input type="file" accept="application/json,.json" class="visually-hidden"
                        aria-label="Import a backup file" on:change=pick/>
                    "Import backup…"
                </label>
            </div>
            {move || working.get().map(|p| view! {
                <div class="import__progress" role="status">
                    // Without a value, the bar says "working" without a share.
                    <progress aria-label="Backup progress" max="1000" value=p.fraction.map(|f| permille(f).to_string())></progress>
                    <span>{p.stage}</span>
                </div>
            })}
            <FormError error/>
            {move || locked.get().map(|(name, _)| view! {
                <form class="subform" role="region" aria-label="Encrypted backup" on:submit=unlock>
                    <p>{format!("“{name}” is encrypted. Enter the passphrase it was made with.")}</p>
                    <TextField id="backup-unlock" label="Passphrase for this file" value=unlock_with
                        kind="password" autocomplete="current-password"/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" disabled=busy>"Unlock"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| locked.set(None)>"Cancel"</button>
                    </div>
                </form>
            })}
            {move || pending.get().map(|p| view! {
                <div class="subform" role="region" aria-label="Import preview">
                    <p>{p.sentence()}</p>
                    {(!p.organisations_matched.is_empty()).then(|| view! {
                        <ul class="import__orgs" aria-label="Organisations">
                            {p.organisations_matched.iter().map(|n| view! { <li>{format!("{n}: matched to your organisation")}</li> }).collect_view()}
                        </ul>
                    })}
                    <div class="form__actions">
                        <button class="button button--primary" on:click=move |_| apply(false)>"Merge into what is here"</button>
                        <button class="button button--danger" aria-expanded=move || confirming.get().to_string()
                            on:click=move |_| confirming.set(true)>"Replace everything"</button>
                        <button class="button button--quiet" on:click=move |_| { confirming.set(false); forget(); }>"Cancel"</button>
                    </div>
                    <Show when=move || confirming.get()>
                        <div class="confirm" role="alertdialog" aria-labelledby="replace-question"
                            node_ref=replace_dialog on:keydown=replace_keys>
                            <p id="replace-question">{replace_question(&p.removed)}</p>
                            <div class="form__actions">
                                <button class="button button--danger" on:click=move |_| apply(true)>"Yes, replace everything"</button>
                                <button class="button button--quiet" on:click=move |_| confirming.set(false)>"Keep what is here"</button>
                            </div>
                        </div>
                    </Show>
                </div>
            })}
            {move || kith.safety_copy.with(Option::is_some).then(|| view! {
                <div class="subform" role="region" aria-label="Safety copy">
                    <p>"What was here before the last “Replace everything” is kept until you close Kith."</p>
                    <button class="button button--small" on:click=save_safety_copy>"Download the safety copy"</button>
                </div>
            })}
        </section>
    }
}

/// "Replace everything?" in numbers: what here is not in the file.
fn replace_question(removed: &Removed) -> String {
    let safety = "Kith keeps a safety copy of what is here now: you can undo right after, or download it from this page.";
    if removed.is_empty() {
        return format!(
            "Replace everything with the backup? Everything here is also in the file. {safety}"
        );
    }
    format!(
        "Replace everything with the backup? This removes {}, {} and {} that are not in the file. {safety}",
        count(removed.people, "person", "people"),
        count(removed.interactions, "interaction", "interactions"),
        count(removed.dates, "date", "dates"),
    )
}
