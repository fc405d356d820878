//! Kith's own router: the address bar as a signal, in-app links followed
//! without a page load, Back and Forward, `/people/:id`-style parameters
//! and the query string.
//!
//! Kith used `leptos_router` until the week's plan needed room under the
//! 470 kB brotli budget: its route tree, nested-route views and history
//! machinery, generic over every route, came to 33 kB of brotli wasm for
//! ten fixed routes (measured on one build: 475.0 kB with it, 442.0 kB
//! with this file instead). This does what Kith used of it.
//! What it keeps from `leptos_router`'s behaviour: a plain left click on
//! a link under the app's base (no modifier key, no `target`, no
//! `download`) is followed in place and scrolls to the top; a link that
//! only changes the `#fragment` is left to the browser; Back and Forward
//! show the page of the address they bring.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the app is: the in-app path (the base taken off) and the query
/// string with its `?` (or empty).
#[derive(Clone, Copy)]
struct At {
    path: RwSignal<String>,
    search: RwSignal<String>,
}

/// How to go somewhere: as `leptos_router`'s options of the same name.
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Scroll to the top of the page.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

/// The location's `(path, search)`, the app's base taken off the path.
fn read_location() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let search = location.and_then(|l| l.search().ok()).unwrap_or_default();
    (crate::platform::in_app(&path), search)
}

/// Starts following the address: call once, at the top of the app.
pub fn provide() {
    let (path, search) = read_location();
    let at = At {
        path: RwSignal::new(path),
        search: RwSignal::new(search),
    };
    provide_context(at);
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        let (path, search) = read_location();
        at.search.set(search);
        at.path.set(path);
    });
    let clicks = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(to) = followed_link(&ev) {
            ev.prevent_default();
            go(at, &to, NavigateOptions::default());
        }
    });
    on_cleanup(move || {
        back.remove();
        clicks.remove();
    });
}

/// The in-app path and query of the link a click should follow in place,
/// if it should.
fn followed_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let link = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??;
    if link.has_attribute("download")
        || link
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self")
    {
        return None;
    }
    // The link's absolute address, as the browser resolved it.
    let href = js_sys::Reflect::get(&link, &"href".into())
        .ok()?
        .as_string()?;
    let url = web_sys::Url::new(&href).ok()?;
    let here = web_sys::window()?.location();
    if url.origin() != here.origin().ok()? {
        return None;
    }
    let base = crate::platform::base();
    let path = url.pathname();
    let inside = path == base || path.starts_with(&format!("{base}/"));
    let same_page = path == here.pathname().ok()? && url.search() == here.search().ok()?;
    if !inside || (same_page && !url.hash().is_empty()) {
        return None;
    }
    Some(format!(
        "{}{}",
        crate::platform::in_app(&path),
        url.search()
    ))
}

/// Goes to `to` (an in-app path, with any query).
fn go(at: At, to: &str, options: NavigateOptions) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let full = crate::platform::at(to);
    if let Ok(history) = window.history() {
        let _ = if options.replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&full))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&full))
        };
    }
    let (path, search) = match to.split_once('?') {
        Some((p, q)) => (p.to_owned(), format!("?{q}")),
        None => (to.to_owned(), String::new()),
    };
    // The query first: a page drawn for the new path reads it.
    at.search.set(search);
    at.path.set(path);
    if options.scroll {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

fn at() -> At {
    expect_context::<At>()
}

/// The in-app path ("/people/…"), following every move.
pub fn path() -> ReadSignal<String> {
    at().path.read_only()
}

/// Goes to an in-app path ("/people/new", "/people?q=ana").
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + Send + Sync + 'static {
    let at = at();
    move |to, options| go(at, to, options)
}

/// The query string's value for `key`, decoded ("Ana Cruz" from
/// `?q=Ana%20Cruz` or `?q=Ana+Cruz`).
pub fn query(key: &str) -> Option<String> {
    at().search.with_untracked(|s| query_value(s, key))
}

fn query_value(search: &str, key: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| {
            js_sys::decode_uri_component(&v.replace('+', " "))
                .map(String::from)
                .unwrap_or_else(|_| v.to_owned())
        })
}

/// The page's `:id`: the second part of the path (`/people/:id`,
/// `/people/:id/edit`, `/organisations/:id`).
pub fn id_param() -> Memo<Option<String>> {
    let path = path();
    crate::reactive::memo(move || path.with(|p| p.split('/').nth(2).map(str::to_owned)))
}
