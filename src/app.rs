//! The app shell: top bar, routes, start-up gate and the notice bar.

use crate::components::notice::NoticeBar;
use crate::pages::home::HomePage;
use crate::pages::merge::MergePage;
use crate::pages::organisations::{OrganisationPage, OrganisationsPage};
use crate::pages::people::PeoplePage;
use crate::pages::person::form::{EditPerson, NewPerson};
use crate::pages::person::PersonPage;
use crate::pages::settings::SettingsPage;
use crate::pages::trash::TrashPage;
use crate::router::use_navigate;
use crate::state::{use_kith, Kith, Phase};
use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let kith = Kith::start();
    provide_context(kith);
    crate::components::subform::Forms::provide();
    crate::router::provide();
    let saving = move || kith.pending.get() > 0;
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <div class="shell" data-saving=move || saving().to_string()>
            <TopBar/>
            <Shortcuts/>
            <AppBadge/>
            <crate::components::update::UpdateBanner/>
            <crate::components::read_failed::UnreadableRecords/>
            <main class="shell__main" id="main" tabindex="-1">
                <StartupGate>
                    <Pages/>
                </StartupGate>
            </main>
            <NoticeBar/>
        </div>
    }
}

/// Kith's pages, one per kind of address.
#[derive(Clone, Copy, PartialEq)]
enum Page {
    Home,
    People,
    NewPerson,
    Merge,
    Person,
    EditPerson,
    Organisations,
    Organisation,
    Trash,
    Settings,
    NotFound,
}

impl Page {
    /// The page an in-app path shows ("/people/:id/edit": `EditPerson`).
    fn of(path: &str) -> Page {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        match parts.as_slice() {
            [] | [""] => Page::Home,
            ["people"] => Page::People,
            ["people", "new"] => Page::NewPerson,
            ["people", "merge"] => Page::Merge,
            ["people", _] => Page::Person,
            ["people", _, "edit"] => Page::EditPerson,
            ["organisations"] => Page::Organisations,
            ["organisations", _] => Page::Organisation,
            ["trash"] => Page::Trash,
            ["settings"] => Page::Settings,
            _ => Page::NotFound,
        }
    }
}

/// The page for the address; drawn anew only when the kind of page
/// changes (from one person to another, the page follows its `:id`).
#[component]
fn Pages() -> impl IntoView {
    let path = crate::router::path();
    let page = crate::reactive::memo(move || path.with(|p| Page::of(p)));
    move || match page.get() {
        Page::Home => view! { <HomePage/> }.into_any(),
        Page::People => view! { <PeoplePage/> }.into_any(),
        Page::NewPerson => view! { <NewPerson/> }.into_any(),
        Page::Merge => view! { <MergePage/> }.into_any(),
        Page::Person => view! { <PersonPage/> }.into_any(),
        Page::EditPerson => view! { <EditPerson/> }.into_any(),
        Page::Organisations => view! { <OrganisationsPage/> }.into_any(),
        Page::Organisation => view! { <OrganisationPage/> }.into_any(),
        Page::Trash => view! { <TrashPage/> }.into_any(),
        Page::Settings => view! { <SettingsPage/> }.into_any(),
        Page::NotFound => view! { <NotFound/> }.into_any(),
    }
}

/// Brand and main navigation; the current section is marked for screen
/// readers with `aria-current`. Every link's name holds its visible words
/// (WCAG 2.5.3, so "click Orgs" works by voice): the brand's name is its
/// word "Kith" (the mark is decoration), and on a phone, where
/// "Organisations" shows as "Orgs", the name is "Orgs (organisations)".
#[component]
fn TopBar() -> impl IntoView {
    focus_after_navigation();
    let kith = use_kith();
    let location = crate::router::path();
    let current = move |section: &'static str| {
        let path = location.get();
        let here = match section {
            "today" => path == "/",
            "people" => path.starts_with("/people") || path.starts_with("/trash"),
            other => path.starts_with(&format!("/{other}")),
        };
        here.then_some("page")
    };
    view! {
        <header class="topbar">
            <a class="topbar__brand" href=crate::platform::at("/")>
                <span class="topbar__mark" aria-hidden="true">"k"</span>
                <span class="topbar__name">"Kith"</span>
            </a>
            <span class="topbar__saving" role="status">
                {crate::reactive::text(move || if kith.pending.get() > 0 { "Saving…" } else { "" }.to_owned())}
            </span>
            <nav class="topbar__nav" aria-label="Main">
                <a href=crate::platform::at("/") aria-current=move || current("today")>"Today"</a>
                <a href=crate::platform::at("/people") aria-current=move || current("people")>"People"</a>
                <a href=crate::platform::at("/organisations") aria-current=move || current("organisations")>
                    <span class="nav-long">"Organisations"</span>
                    <span class="nav-short">"Orgs"<span class="visually-hidden">" (organisations)"</span></span>
                </a>
                <a href=crate::platform::at("/settings") aria-current=move || current("settings")>"Settings"</a>
            </nav>
        </header>
    }
}

/// After a move to another page, focus that fell with the old page (the
/// link or button pressed is gone) goes to the top of the new page's
/// content, so Tab carries on from there rather than from where the old
/// page's control stood. Focus that something placed on purpose (the
/// search, after `/`) stays.
fn focus_after_navigation() {
    use wasm_bindgen::JsCast;
    let location = crate::router::path();
    let mut previous = None::<String>;
    crate::reactive::effect(move |_| {
        let path = location.get();
        if previous.as_ref().is_some_and(|p| *p != path) {
            // After the new page is drawn and the old one gone.
            set_timeout(
                || {
                    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                        return;
                    };
                    let lost = doc
                        .active_element()
                        .is_none_or(|a| doc.body().is_some_and(|b| *b == a));
                    let main = doc
                        .get_element_by_id("main")
                        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
                    if let (true, Some(main)) = (lost, main) {
                        let _ = main.focus();
                    }
                },
                std::time::Duration::ZERO,
            );
        }
        previous = Some(path);
    });
}

/// Keyboard shortcuts, outside text fields: `/` searches people and
/// notes, `n` adds a person. (Esc is handled by whatever is open: a form, a
/// confirmation, select mode.)
#[component]
fn Shortcuts() -> impl IntoView {
    let navigate = use_navigate();
    let location = crate::router::path();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key()
            || ev.meta_key()
            || ev.alt_key()
            || crate::components::escape::typing_in_a_field(&ev)
        {
            return;
        }
        match ev.key().as_str() {
            "/" => {
                ev.prevent_default();
                if location.get_untracked() != "/people" {
                    navigate("/people", Default::default());
                }
                crate::platform::focus_soon("people-search");
            }
            "n" => {
                ev.prevent_default();
                navigate("/people/new", Default::default());
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
}

/// The installed app's badge shows how many people are overdue, where the
/// browser offers `navigator.setAppBadge`.
#[component]
fn AppBadge() -> impl IntoView {
    use wasm_bindgen::JsCast;
    let kith = use_kith();
    crate::reactive::effect(move |_| {
        let overdue = kith.reach.with(|r| r.lists.overdue.len());
        let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
            return;
        };
        let name = if overdue > 0 {
            "setAppBadge"
        } else {
            "clearAppBadge"
        };
        let Ok(f) = js_sys::Reflect::get(&navigator, &name.into()) else {
            return;
        };
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            // A refused badge (not installed, no permission) is not an error
            // worth showing; the promise's rejection is left unobserved.
            let _ = f.call1(&navigator, &(overdue as f64).into());
        }
    });
}

/// Shows the pages once storage is open, a calm placeholder before, and the
/// reason in words if storage cannot be opened.
#[component]
fn StartupGate(children: ChildrenFn) -> impl IntoView {
    let kith = use_kith();
    move || match kith.phase.get() {
        Phase::Loading => view! {
            <div class="startup" role="status">
                <span class="startup__spinner" aria-hidden="true"></span>
                "Opening your people…"
            </div>
        }
        .into_any(),
        Phase::Waiting => view! {
            <section class="panel" role="alert">
                <h1>"Close your other Kith tabs"</h1>
                <p>
                    "Kith has been updated, and a Kith tab or window still open elsewhere "
                    "has the older version. Close it (or reload it), and this tab will open "
                    "by itself. Nothing is lost."
                </p>
            </section>
        }
        .into_any(),
        Phase::Failed(reason) => view! {
            <section class="panel panel--error" role="alert">
                <h1>"Kith couldn't open its storage"</h1>
                <p>{kith_core::format::sentence(&reason.to_string())}</p>
                <p>"Your data has not been changed. Reloading the page often helps."</p>
                <button class="button button--primary" on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }>"Reload"</button>
            </section>
        }
        .into_any(),
        Phase::Ready => children().into_any(),
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="panel empty">
            <h1>"Nothing here"</h1>
            <p>"This page doesn't exist."</p>
            <a class="button" href=crate::platform::at("/people")>"Back to people"</a>
        </section>
    }
}
