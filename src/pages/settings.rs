//! Settings: appearance, and what is stored in this browser.

use crate::platform::{self, Theme};
use crate::state::use_kith;
use crate::storage::SCHEMA_VERSION;
use kith_core::Store;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let kith = use_kith();
    let theme = RwSignal::new(platform::load_theme());
    let counts = LocalResource::new(move || {
        kith.directory.track();
        let store = kith.store();
        async move {
            match store {
                Some(s) => s.counts().await.map_err(|e| e.to_string()),
                None => Err("storage is not open".to_owned()),
            }
        }
    });
    let stored = move || {
        counts.get().map(|result| match result {
            Ok(c) => view! {
                <dl class="facts">
                    <div class="facts__row"><dt>"People"</dt><dd>{c.contacts}</dd></div>
                    <div class="facts__row"><dt>"Organisations"</dt><dd>{c.organisations}</dd></div>
                    <div class="facts__row"><dt>"Interactions"</dt><dd>{c.interactions}</dd></div>
                    <div class="facts__row"><dt>"Important dates"</dt><dd>{c.dates}</dd></div>
                </dl>
            }
            .into_any(),
            Err(e) => {
                view! { <p role="alert">"Couldn't count what is stored: " {e}</p> }.into_any()
            }
        })
    };

    view! {
        <section class="settings">
            <h1>"Settings"</h1>
            <section class="card" aria-labelledby="appearance-title">
                <h2 class="card__title" id="appearance-title">"Appearance"</h2>
                <div class="segmented" role="radiogroup" aria-labelledby="appearance-title">
                    {Theme::ALL.into_iter().map(|t| view! {
                        <label class="segmented__option">
                            <input type="radio" name="theme" value=t.key()
                                prop:checked=move || theme.get() == t
                                on:change=move |_| {
                                    theme.set(t);
                                    platform::apply_theme(t);
                                }/>
                            <span>{t.label()}</span>
                        </label>
                    }).collect_view()}
                </div>
            </section>
            <section class="card" aria-labelledby="stored-title">
                <h2 class="card__title" id="stored-title">"Stored in this browser"</h2>
                <p class="card__text">
                    "Everything you keep in Kith stays in this browser on this device. "
                    "Nothing is sent anywhere."
                </p>
                <Suspense fallback=|| view! { <p>"Counting…"</p> }>{stored}</Suspense>
                <p class="card__meta">
                    "Kith " {env!("CARGO_PKG_VERSION")} " · storage schema v" {SCHEMA_VERSION}
                </p>
            </section>
        </section>
    }
}
