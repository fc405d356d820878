//! [`Show`], as Leptos has it, with one copy of its code for the whole app.
//!
//! Leptos' `Show` is generic over its condition and its children's view, so
//! each of the app's ~40 uses carried its own memo, effect and two-way
//! switch (about a kilobyte of wasm each). This one takes the condition and
//! the children type-erased: the views themselves are the same.

use leptos::prelude::*;
use std::sync::Arc;

/// The condition of a [`Show`]: any `Fn() -> bool`, boxed.
pub struct When(Arc<dyn Fn() -> bool + Send + Sync>);

impl<F: Fn() -> bool + Send + Sync + 'static> From<F> for When {
    fn from(f: F) -> Self {
        When(Arc::new(f))
    }
}

/// Shows `children` while `when` is true, `fallback` (nothing by default)
/// otherwise; a change of `when` alone redraws nothing.
#[component]
pub fn Show(
    children: ChildrenFn,
    #[prop(into)] when: When,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    let when = crate::reactive::memo(move || (when.0)());
    move || {
        if when.get() {
            children()
        } else {
            fallback.run()
        }
    }
}
