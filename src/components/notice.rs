//! The notice bar: one short message at a time ("Deleted Ana. Undo"), read
//! out by screen readers, gone after a few seconds.

use crate::state::use_kith;
use leptos::prelude::*;
use std::time::Duration;

/// Long enough to read a short notice twice; longer ones get more time, a
/// second for every 20 characters past 80.
fn show_for(chars: usize) -> Duration {
    Duration::from_millis(8_000 + 50 * chars.saturating_sub(80) as u64)
}

#[component]
pub fn NoticeBar() -> impl IntoView {
    let kith = use_kith();
    // Each new notice restarts the timer; an older timer must not hide it.
    let shown = StoredValue::new(0u64);
    crate::reactive::effect(move |_| {
        if let Some(chars) = kith
            .notice
            .with(|n| n.as_ref().map(|n| n.text.chars().count()))
        {
            let ticket = shown.get_value() + 1;
            shown.set_value(ticket);
            set_timeout(
                move || {
                    if shown.get_value() == ticket {
                        kith.notice.set(None);
                    }
                },
                show_for(chars),
            );
        }
    });
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || kith.notice.get().map(|n| {
                let undo = n.undo.clone().map(|undo| view! {
                    <button class="notice__action" on:click=move |_| kith.undo(&undo)>
                        "Undo"
                    </button>
                });
                view! {
                    <div class="notice" class:notice--error=n.is_error>
                        <span class="notice__text">{n.text}</span>
                        {undo}
                        <button
                            class="notice__close"
                            aria-label="Dismiss message"
                            on:click=move |_| kith.notice.set(None)
                        >"×"</button>
                    </div>
                }
            })}
        </div>
    }
}
