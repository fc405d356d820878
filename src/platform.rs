//! What the app takes from the browser besides storage: the clock, the
//! user's calendar day, random bytes for ids, and small preferences in
//! localStorage (never records: those live in IndexedDB).
//!
//! Where the browser refuses localStorage (some private windows; storage
//! turned off; Safari's old private mode, which throws on every write),
//! preferences live in this page's memory instead: the app works, and says
//! once which preferences go when the tab closes ([`PREFERENCES_NOT_KEPT`]).
//! No preference read or write can fail or panic.

use chrono::{Local, NaiveDate};
use kith_core::Timestamp;
use std::cell::RefCell;

pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today in the user's own time zone: the core's `local_day` of this
/// instant, with the offset the browser reports for it (daylight saving
/// included).
pub fn today() -> NaiveDate {
    let offset_minutes = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    kith_core::checkin::local_day(now(), offset_minutes)
        .unwrap_or_else(|| Local::now().date_naive())
}

/// 16 random bytes from the browser's cryptographic generator.
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok());
    if filled.is_none() {
        // Every browser Kith runs in has crypto.getRandomValues; should one
        // not, fall back to Math.random rather than refuse to save.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The colour scheme the user chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Match the device",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn from_key(key: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or_default()
    }
}

const THEME_KEY: &str = "kith.theme";
const CHECK_IN_KEY: &str = "kith.checkins";

/// Check-in thresholds and tag defaults: small preferences, kept in
/// localStorage; anything unreadable falls back to the defaults.
pub fn load_check_in_settings() -> kith_core::CheckInSettings {
    get_json(CHECK_IN_KEY).unwrap_or_default()
}

pub fn save_check_in_settings(settings: &kith_core::CheckInSettings) {
    set_json(CHECK_IN_KEY, settings);
}

pub fn load_theme() -> Theme {
    get_json::<String>(THEME_KEY)
        .map(|k| Theme::from_key(&k))
        .unwrap_or_default()
}

/// Stores the choice and applies it to the page at once.
pub fn apply_theme(theme: Theme) {
    set_json(THEME_KEY, theme.key());
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.key());
    }
}

const LAST_BACKUP_KEY: &str = "kith.last_backup";
const BACKUP_AGE_KEY: &str = "kith.backup_reminder_days";

/// When the last backup was exported from this browser.
pub fn last_backup() -> Option<Timestamp> {
    get_json::<i64>(LAST_BACKUP_KEY).map(Timestamp)
}

pub fn note_backup_made() {
    set_json(LAST_BACKUP_KEY, now().0);
}

/// After how many days without a backup Kith reminds the user.
pub fn backup_reminder_days() -> u32 {
    get_json::<u32>(BACKUP_AGE_KEY).unwrap_or(30)
}

pub fn set_backup_reminder_days(days: u32) {
    set_json(BACKUP_AGE_KEY, days);
}

/// How old the last backup is, against the age the user chose.
pub fn backup_reminder() -> kith_core::backup::Reminder {
    kith_core::backup::Reminder::new(last_backup(), now(), backup_reminder_days())
}

/// Whole days since the last backup (`None`: never).
pub fn days_since_backup() -> Option<i64> {
    backup_reminder().days_since
}

/// How much this origin stores, and may store, in bytes
/// (`navigator.storage.estimate()`), where the browser says.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    let estimate = js_sys::Reflect::get(&storage, &"estimate".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = estimate
        .call0(&storage)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let result = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let field = |k: &str| {
        js_sys::Reflect::get(&result, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((field("usage")?, field("quota")?))
}

/// What keeps Kith's data in this browser (kith_core::keeping decides the
/// words from what the page can see).
pub fn keeping() -> kith_core::keeping::Advice {
    use kith_core::keeping::{Advice, Browser};
    use wasm_bindgen::JsValue;
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).unwrap_or_default();
    let window = web_sys::window();
    let navigator: JsValue = window
        .as_ref()
        .map(|w| w.navigator().into())
        .unwrap_or_default();
    let user_agent = get(&navigator, "userAgent").as_string().unwrap_or_default();
    let can_ask = get(&get(&navigator, "storage"), "persist").is_function();
    // Safari on iOS says `navigator.standalone`; everyone else the media query.
    let installed = get(&navigator, "standalone").is_truthy()
        || window
            .and_then(|w| w.match_media("(display-mode: standalone)").ok().flatten())
            .is_some_and(|m| m.matches());
    Advice::of(Browser {
        user_agent: &user_agent,
        can_ask,
        installed,
    })
}

const KEEP_NOTICE_KEY: &str = "kith.keep_notice_seen";

/// Whether the once-only "how to keep your data" note has been shown. Read
/// and written as a plain string: through serde, a bool alone cost 0.8 kB
/// of wasm.
pub fn keep_notice_seen() -> bool {
    preference(KEEP_NOTICE_KEY).is_some()
}

pub fn set_keep_notice_seen() {
    set_preference(KEEP_NOTICE_KEY, "shown");
}

/// What Kith says, once a visit, where the browser keeps no preferences.
pub const PREFERENCES_NOT_KEPT: &str = "This browser won't let Kith keep its preferences here \
(private windows can do that): your theme, check-in settings and backup reminder \
will be forgotten when you close this tab.";

thread_local! {
    /// Preferences the browser would not keep, for this visit alone;
    /// newer than localStorage's copy of the same key.
    static UNKEPT: RefCell<Vec<(&'static str, String)>> = const { RefCell::new(Vec::new()) };
}

/// The browser's localStorage, `None` where reaching it throws.
fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether preferences outlive this tab: localStorage is there and takes
/// a write.
pub fn preferences_kept() -> bool {
    const PROBE: &str = "kith.probe";
    local().is_some_and(|s| s.set_item(PROBE, "").is_ok() && s.remove_item(PROBE).is_ok())
}

fn preference(key: &'static str) -> Option<String> {
    UNKEPT
        .with_borrow(|m| m.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()))
        .or_else(|| local()?.get_item(key).ok().flatten())
}

fn set_preference(key: &'static str, value: &str) {
    let kept = local().is_some_and(|s| s.set_item(key, value).is_ok());
    UNKEPT.with_borrow_mut(|m| {
        m.retain(|(k, _)| *k != key);
        if !kept {
            m.push((key, value.to_owned()));
        }
    });
}

/// A preference stored as JSON (as gloo-storage wrote them before);
/// anything unreadable is `None`.
fn get_json<T: serde::de::DeserializeOwned>(key: &'static str) -> Option<T> {
    serde_json::from_str(&preference(key)?).ok()
}

fn set_json(key: &'static str, value: impl serde::Serialize) {
    if let Ok(json) = serde_json::to_string(&value) {
        set_preference(key, &json);
    }
}

/// Legacy charsets through the browser's own `TextDecoder` (the WHATWG
/// Encoding standard: Windows-125x, ISO-8859-x, Shift_JIS, GBK, ...).
pub struct BrowserCharsets;

impl kith_core::import::text::Charsets for BrowserCharsets {
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
        let decoder = web_sys::TextDecoder::new_with_label(label.trim()).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

/// Lets the browser paint and handle input before going on, so long jobs
/// run in slices. `scheduler.yield()` where the engine has it: a chain of
/// `setTimeout(0)` is clamped to 4 ms a step after the fifth, which at 40
/// slices of start-up was 160 ms of waiting for nothing. Elsewhere, a
/// timeout.
pub async fn yield_now() {
    use wasm_bindgen::JsCast;
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into())
        .ok()
        .filter(|s| s.is_object());
    let yielded = scheduler.and_then(|s| {
        let f = js_sys::Reflect::get(&s, &"yield".into()).ok()?;
        let f = f.dyn_into::<js_sys::Function>().ok()?;
        f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    let promise = yielded.unwrap_or_else(|| {
        js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Calls `navigator.storage.<method>()` and reads its boolean answer.
async fn storage_flag(method: &str) -> Option<bool> {
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    let call = js_sys::Reflect::get(&storage, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = call
        .call0(&storage)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// Whether the browser has promised to keep Kith's data (not to clear it
/// when space runs low); `None` when the browser cannot say.
pub async fn storage_persisted() -> Option<bool> {
    storage_flag("persisted").await
}

/// Asks the browser to keep Kith's data. Browsers decide by themselves
/// (Chrome grants it to sites people use or install, Firefox asks).
pub async fn request_persistence() -> Option<bool> {
    storage_flag("persist").await
}

thread_local! {
    static BASE: String = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=\"kith-base\"]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .map(|b| b.trim_end_matches('/').to_owned())
        .unwrap_or_default();
}

/// The path the app is published under, without a trailing slash: "" at
/// a site's root, "/kith" when served as /kith/ (scripts/pwa.mjs writes it
/// into index.html from the build's public URL).
pub fn base() -> String {
    BASE.with(Clone::clone)
}

/// An in-app path ("/people/…") as a link under the published base.
pub fn at(path: impl AsRef<str>) -> String {
    format!("{}{}", base(), path.as_ref())
}

/// The in-app path of a location path (the base taken off).
pub fn in_app(path: &str) -> String {
    let base = base();
    match path.strip_prefix(base.as_str()) {
        Some(rest) if !base.is_empty() => {
            if rest.is_empty() {
                "/".to_owned()
            } else {
                rest.to_owned()
            }
        }
        _ => path.to_owned(),
    }
}

/// `?key=value&…` with each part percent-encoded, or nothing for no pairs.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&String::from(js_sys::encode_uri_component(key)));
        out.push('=');
        out.push_str(&String::from(js_sys::encode_uri_component(value)));
    }
    out
}

/// Focuses the element with `id` once it is on the page (after a click or
/// a navigation it appears a moment later); gives up after about half a
/// second.
pub fn focus_soon(id: &str) {
    use leptos::prelude::set_timeout;
    use wasm_bindgen::JsCast;
    fn attempt(id: String, left: u32) {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match el {
            Some(el) => {
                let _ = el.focus();
            }
            None if left > 0 => set_timeout(
                move || attempt(id, left - 1),
                std::time::Duration::from_millis(30),
            ),
            None => {}
        }
    }
    attempt(id.to_owned(), 20);
}
