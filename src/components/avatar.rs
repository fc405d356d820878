//! A round badge with a person's photo, or their initials tinted by their
//! id so the same person always has the same colour.

use crate::photo;
use crate::state::use_kith;
use kith_core::{ContactId, Store, Timestamp};
use leptos::prelude::*;

/// Decorative: the name always stands beside it, so it is hidden from
/// screen readers.
#[component]
pub fn Avatar(
    /// Whose colour and photo to use.
    id: ContactId,
    /// The letters to show when there is no photo.
    #[prop(into)]
    initials: Signal<String>,
    /// The version of the person's photo, if they have one.
    #[prop(into, optional)]
    photo: Signal<Option<Timestamp>>,
    /// Larger, for a person's own page.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let kith = use_kith();
    let hue = id
        .as_str()
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into()))
        % 360;
    let url = {
        let id = id.clone();
        crate::state::load(move || {
            let version = photo.get();
            let id = id.clone();
            async move {
                let version = version?;
                if let Some(url) = photo::cached_url(&id, version) {
                    return Some(url);
                }
                let stored = kith.store()?.photo(&id).await.ok()??;
                photo::object_url(&id, version, &stored.mime, &stored.bytes)
            }
        })
    };
    let src = move || url.get().flatten().filter(|_| photo.with(Option::is_some));
    view! {
        <span
            // A class per hue, not a style attribute: the page's CSP allows
            // no inline styles.
            class=format!("avatar avatar--h{}", hue / 30)
            class:avatar--large=large
            aria-hidden="true"
        >
            {move || match src() {
                Some(src) => view! { <img class="avatar__img" src=src alt=""/> }.into_any(),
                None => view! { <span>{move || initials.get()}</span> }.into_any(),
            }}
        </span>
    }
}
