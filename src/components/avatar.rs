//! A round badge with a person's initials, tinted by their id so the same
//! person always has the same colour.

use kith_core::ContactId;
use leptos::prelude::*;

/// Decorative: the name always stands beside it, so it is hidden from
/// screen readers.
#[component]
pub fn Avatar(
    /// Whose colour to use.
    id: ContactId,
    /// The letters to show.
    #[prop(into)]
    initials: Signal<String>,
    /// Larger, for a person's own page.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let hue = id
        .as_str()
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into()))
        % 360;
    view! {
        <span
            class="avatar"
            class:avatar--large=large
            style=format!("--avatar-hue: {hue}")
            aria-hidden="true"
        >
            {move || initials.get()}
        </span>
    }
}
