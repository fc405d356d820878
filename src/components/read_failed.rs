//! A storage read that failed, as a state of its own: a screen never shows
//! "nothing here" (an empty list, "All caught up") for data it could not
//! read. It says what could not be read, why, and what the user can do.

use leptos::prelude::*;

/// The panel shown in place of content that could not be read.
#[component]
pub fn ReadFailed(
    /// What could not be read, as the end of "Kith couldn't read …"
    /// ("your follow-ups and dates").
    #[prop(into)]
    what: String,
    /// The storage's own reason, in words.
    #[prop(into)]
    reason: String,
) -> impl IntoView {
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <div class="panel panel--error" role="alert">
            <h2>{format!("Kith couldn't read {what}")}</h2>
            <p>{kith_core::format::sentence(&format!("The browser's storage said: {reason}"))}</p>
            <p>"Nothing was changed or lost by this. Reload to try again. If it keeps happening, close other Kith tabs, make sure the device has free space, and export a backup from Settings."</p>
            <button class="button button--primary" on:click=reload>"Reload"</button>
        </div>
    }
}

/// Names the stored records Kith found but could not read (damaged, or
/// written by something other than Kith): they are left out of every
/// screen and of backups, and everything else is shown.
#[component]
pub fn UnreadableRecords() -> impl IntoView {
    let found = RwSignal::new(crate::storage::unreadable());
    let heard = window_event_listener_untyped(crate::storage::UNREADABLE_EVENT, move |_| {
        found.set(crate::storage::unreadable())
    });
    on_cleanup(move || heard.remove());
    move || {
        let found = found.get();
        (!found.is_empty()).then(|| {
            let count = kith_core::format::count(found.len(), "stored record", "stored records");
            view! {
                <div class="update" role="alert">
                    <span>{format!(
                        "Kith couldn't read {count}, so it leaves them out of what it shows and of backups: {}. Everything else is here. Exporting a backup keeps it safe; restoring an earlier backup brings them back.",
                        found.join("; ")
                    )}</span>
                </div>
            }
        })
    }
}
