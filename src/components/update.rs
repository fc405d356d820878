//! "A new version is ready": shown when the service worker (pwa/pwa.js) has
//! installed a newer build. Reloading switches to it; until then the page
//! keeps running the build it started with, so nobody is cut off mid-edit.

use leptos::prelude::*;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(false);
    if let Some(window) = web_sys::window() {
        let already = js_sys::Reflect::get(&window, &"__kithUpdateReady".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        ready.set(already);
    }
    // Another tab opened a newer storage schema; this one let go of the
    // database so that tab is not blocked, and must reload to go on.
    let stale = RwSignal::new(false);
    let handle = window_event_listener_untyped("kith-update-ready", move |_| ready.set(true));
    let closed = window_event_listener_untyped("kith-db-closed", move |_| stale.set(true));
    on_cleanup(move || {
        handle.remove();
        closed.remove();
    });
    let accept = move |_| {
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new("kith-update-accept") {
                let _ = window.dispatch_event(&event);
            }
        }
    };
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        {move || stale.get().then(|| view! {
            <div class="update" role="alert">
                <span>"Kith was updated in another tab: reload this tab to go on. Anything typed here and not saved yet can't be saved now, so copy it first."</span>
                <button class="button button--primary button--small" on:click=reload>"Reload"</button>
            </div>
        })}
        {move || (ready.get() && !stale.get()).then(|| view! {
            <div class="update" role="region" aria-label="Update">
                <span>"A new version of Kith is ready."</span>
                <button class="button button--primary button--small" on:click=accept>"Reload"</button>
                <button class="button button--quiet button--small" on:click=move |_| ready.set(false)>"Later"</button>
            </div>
        })}
    }
}
