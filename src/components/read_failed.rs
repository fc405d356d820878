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
