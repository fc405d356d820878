//! A list of people that renders only the rows in view (plus a few either
//! side), whatever its length: People, Today's sections. Rows are one fixed
//! height (set in CSS, read back from the first row, so a narrow layout may
//! choose another), so the row at any scroll offset is a division away.
//!
//! Every row says where it stands (`aria-posinset` of `aria-setsize`), so a
//! screen reader announces "12 of 9,412". A row that takes focus (Tab, a
//! screen reader's cursor) is scrolled fully into view, which renders its
//! neighbours: Tab walks the whole list, not only the rows first drawn.
//!
//! One copy serves every list (rows are built by a shared closure and
//! returned as `AnyView`), so the list code is compiled into the wasm once.

use kith_core::ContactId;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Rows rendered beyond each edge of the viewport, so fast scrolling does
/// not show blank space and Tab finds the next row already there.
const OVERSCAN: usize = 8;

/// Builds the row at an index.
pub type Row = Arc<dyn Fn(usize, ContactId) -> AnyView + Send + Sync>;

/// Renders `ids` in order, in a scrolling box (`class` sets its size).
/// `top_on_change`: whether a new list starts again at its top (a new
/// search does; a row leaving Today's list does not).
pub fn window(
    ids: Signal<Vec<ContactId>>,
    label: &'static str,
    class: &'static str,
    row_height: f64,
    top_on_change: bool,
    row: Row,
) -> impl IntoView {
    let scroller = NodeRef::<html::Div>::new();
    let list = NodeRef::<html::Ul>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(900.0);
    let height = RwSignal::new(row_height);
    // Reads sizes, so it forces a layout: run from an animation frame,
    // where the frame lays out anyway, not inside the task that changed
    // the list. Gone by then (another page): nothing to do.
    let measure = move || {
        let Some(el) = scroller.try_get_untracked().flatten() else {
            return;
        };
        viewport.set(f64::from(el.client_height().max(1)));
        scroll_top.set(f64::from(el.scroll_top()));
        let first = list
            .try_get_untracked()
            .flatten()
            .and_then(|l| l.first_element_child());
        if let Some(li) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let h = f64::from(li.offset_height());
            if h > 0.0 && h != height.get_untracked() {
                height.set(h);
            }
        }
    };
    crate::reactive::effect(move |_| {
        ids.track();
        if scroller.get().is_some() {
            request_animation_frame(measure);
        }
    });
    if top_on_change {
        crate::reactive::effect(move |before| {
            ids.track();
            if before {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(0);
                }
            }
        });
    }
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let total = move || ids.with(Vec::len);
    let visible = move || {
        let h = height.get();
        let first = (scroll_top.get() / h) as usize;
        let start = first.saturating_sub(OVERSCAN);
        let count = (viewport.get() / h).ceil() as usize + 2 * OVERSCAN;
        ids.with(|all| {
            let end = (start + count).min(all.len());
            all.get(start.min(end)..end)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(i, id)| (start + i, id.clone()))
                .collect::<Vec<_>>()
        })
    };
    // A focused row is brought fully into view (its neighbours follow).
    let reveal = move |ev: leptos::ev::FocusEvent| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let index = target
            .and_then(|t| t.closest("[aria-posinset]").ok().flatten())
            .and_then(|li| li.get_attribute("aria-posinset"))
            .and_then(|n| n.parse::<u32>().ok());
        let (Some(n), Some(el)) = (index, scroller.get_untracked()) else {
            return;
        };
        let h = height.get_untracked();
        // (An integer parse: a float parse would compile in its own engine.)
        let n = f64::from(n);
        let (top, bottom) = ((n - 1.0) * h, n * h);
        let (now, seen) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
        if top < now {
            el.set_scroll_top(top as i32);
        } else if bottom > now + seen {
            el.set_scroll_top((bottom - seen).ceil() as i32);
        }
    };
    view! {
        <div
            class=class
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
        >
            <ul
                class="window"
                node_ref=list
                aria-label=label
                on:focusin=reveal
                style:height=move || px(total() as f64 * height.get())
            >
                <For
                    each=visible
                    key=|(index, id)| (*index, id.clone())
                    children=move |(index, id)| {
                        view! {
                            <li
                                class="window__item"
                                aria-setsize=total
                                aria-posinset=index + 1
                                style:transform=move || format!("translateY({})", px(index as f64 * height.get()))
                            >
                                {row(index, id)}
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}

/// Whole CSS pixels (an integer: formatting a float would compile in the
/// float printer for this alone).
fn px(n: f64) -> String {
    format!("{}px", n.round() as u64)
}

/// After a row left the list named `label` (a check-in on Today), keeps
/// the keyboard where it was: the same control on the row now at `index`,
/// or on the new last row. Runs once the list has been drawn again.
pub fn refocus(label: &'static str, index: usize, control: &'static str) {
    leptos::prelude::set_timeout(
        move || {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let list = format!("ul[aria-label=\"{label}\"]");
            let at = format!("{list} > li[aria-posinset=\"{}\"] {control}", index + 1);
            let last = format!("{list} > li:last-child {control}");
            let found = doc
                .query_selector(&at)
                .ok()
                .flatten()
                .or_else(|| doc.query_selector(&last).ok().flatten());
            if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}
