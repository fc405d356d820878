//! Confirmations shown inside a page (`role="alertdialog"`: "Delete Ana?",
//! "Discard what you typed?"). While one shows, the keyboard stays in it:
//! it takes focus on its last button (the safe answer: Keep, Keep editing),
//! Tab from its last control wraps to its first and Shift+Tab from its first
//! to its last; when it goes, focus returns to what had it before, if that
//! is still in the page ([`returns_focus`] alone does that last part for a
//! form opened in place). A yes/no question takes all of it, Escape
//! included, from [`confirmation`]; a sub-form's question answers Escape
//! through the sub-form.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Everything a yes/no question shown while `open` needs: Escape anywhere
/// closes it ([`crate::components::escape::close_on_escape`]), focus goes in
/// and comes back ([`focus_inside`]), and its own keys ([`keys`]). Give the
/// ref to its `role="alertdialog"` element and the handler to its
/// `on:keydown`.
pub fn confirmation(
    open: RwSignal<bool>,
) -> (NodeRef<Div>, impl Fn(leptos::ev::KeyboardEvent) + Copy) {
    crate::components::escape::close_on_escape(open);
    (focus_inside(move || open.get()), keys(open))
}

/// What can take focus inside a dialog, in tab order as the page lays it out.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

/// Focus for a question shown while `open`: give the returned ref to its
/// `role="alertdialog"` element and [`trap_tab`] (or, through
/// [`confirmation`], [`keys`]) to its `on:keydown`.
pub fn focus_inside(open: impl Fn() -> bool + 'static) -> NodeRef<Div> {
    let node = NodeRef::<Div>::new();
    let opener = StoredValue::new_local(None::<HtmlElement>);
    crate::reactive::effect(move |_| {
        let is_open = open();
        // The ref may still hold the element of an earlier showing until
        // the new one is drawn; only a connected one is this showing's.
        let shown = node.get().filter(|el| el.is_connected());
        if is_open {
            let Some(dialog) = shown else { return };
            let active = active_element();
            if active.as_ref().is_some_and(|a| dialog.contains(Some(a))) {
                return;
            }
            if opener.with_value(Option::is_none) {
                opener.set_value(active);
            }
            if let Some(last) = focusables(&dialog).pop() {
                let _ = last.focus();
            }
        } else if let Some(el) = opener.try_update_value(Option::take).flatten() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    });
    node
}

/// The keys of a confirmation shown while `open`: Tab as [`trap_tab`], and
/// Escape closes it alone — not also the form it sits in, whose own Esc
/// listens on the window, further up the event's way.
fn keys(open: RwSignal<bool>) -> impl Fn(leptos::ev::KeyboardEvent) + Copy {
    move |ev| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            ev.prevent_default();
            open.set(false);
        } else {
            trap_tab(ev);
        }
    }
}

/// Keeps Tab inside the dialog the event is on: from its last control to
/// its first, and Shift+Tab from its first to its last.
pub fn trap_tab(ev: leptos::ev::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(dialog) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let all = focusables(&dialog);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let active = active_element();
    let target = if ev.shift_key() && active.as_ref() == Some(first) {
        last
    } else if !ev.shift_key() && active.as_ref() == Some(last) {
        first
    } else {
        return;
    };
    ev.prevent_default();
    let _ = target.focus();
}

/// While `open`, remembers what had focus when it opened; when it closes,
/// gives focus back there if that is still in the page (a form opened in
/// place by a button: Escape or Cancel land back on the button).
pub fn returns_focus(open: impl Fn() -> bool + 'static) {
    let opener = StoredValue::new_local(None::<HtmlElement>);
    crate::reactive::effect(move |_| {
        if open() {
            if opener.with_value(Option::is_none) {
                opener.set_value(active_element());
            }
        } else if let Some(el) = opener.try_update_value(Option::take).flatten() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    });
}

fn focusables(dialog: &web_sys::Element) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn active_element() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}
