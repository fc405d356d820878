//! Effects and memos with one copy of their code for the whole app.
//!
//! `Effect::new` and `Memo::new` are generic over their closure, so each
//! effect or memo written with them carries its own copy of the machinery
//! (a few hundred bytes to a kilobyte of wasm each). Every effect and memo
//! here goes through [`effect`] and [`memo`] instead: the closure is boxed
//! and the machinery is built once (per value type, for memos).

use leptos::prelude::{Effect, Memo};

/// Runs `f` after the first render and again whenever a signal it read
/// changes; `f` is told whether it ran before (its first run is `false`).
pub fn effect(f: impl FnMut(bool) + 'static) {
    boxed_effect(Box::new(f));
}

#[inline(never)]
fn boxed_effect(mut f: Box<dyn FnMut(bool)>) {
    Effect::new(move |before: Option<()>| f(before.is_some()));
}

/// `f`'s value, computed again when a signal it read changes; what reads it
/// is told only when the value is different.
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    boxed_memo(Box::new(f))
}

#[inline(never)]
fn boxed_memo<T: PartialEq + Send + Sync + 'static>(
    f: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new(move |_| f())
}

/// Text in a view that follows signals: `{text(move || format!(..))}`.
/// Leptos compiles the code that draws and redraws a `move ||` child once
/// per closure; boxed, every text in the app shares one copy.
pub type Text = Box<dyn FnMut() -> String + Send>;

/// `f` as [`Text`].
pub fn text(f: impl Fn() -> String + Send + 'static) -> Text {
    Box::new(f)
}
