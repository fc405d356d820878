//! Esc closes whatever small thing is open: a confirmation, an add form.

use leptos::prelude::*;

/// Sets `open` to false when Esc is pressed, for as long as the calling
/// component lives.
pub fn close_on_escape(open: RwSignal<bool>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
}
