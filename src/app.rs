//! The app shell: top bar, routes, start-up gate and the notice bar.

use crate::components::notice::NoticeBar;
use crate::pages::{
    people::PeoplePage,
    person::PersonPage,
    person_form::{EditPerson, NewPerson},
    settings::SettingsPage,
};
use crate::state::{use_kith, Kith, Phase};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let kith = Kith::start();
    provide_context(kith);
    let saving = move || kith.pending.get() > 0;
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <div class="shell" data-saving=move || saving().to_string()>
                <TopBar/>
                <main class="shell__main" id="main" tabindex="-1">
                    <StartupGate>
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=PeoplePage/>
                            <Route path=path!("/people/new") view=NewPerson/>
                            <Route path=path!("/people/:id") view=PersonPage/>
                            <Route path=path!("/people/:id/edit") view=EditPerson/>
                            <Route path=path!("/settings") view=SettingsPage/>
                        </Routes>
                    </StartupGate>
                </main>
                <NoticeBar/>
            </div>
        </Router>
    }
}

/// Brand and main navigation; the current section is marked for screen
/// readers with `aria-current`.
#[component]
fn TopBar() -> impl IntoView {
    let kith = use_kith();
    let location = use_location();
    let current = move |section: &'static str| {
        let path = location.pathname.get();
        let here = match section {
            "people" => path == "/" || path.starts_with("/people"),
            _ => path.starts_with("/settings"),
        };
        here.then_some("page")
    };
    view! {
        <header class="topbar">
            <a class="topbar__brand" href="/" aria-label="Kith, home">
                <span class="topbar__mark" aria-hidden="true">"k"</span>
                <span class="topbar__name">"Kith"</span>
            </a>
            <span class="topbar__saving" role="status">
                {move || (kith.pending.get() > 0).then_some("Saving…")}
            </span>
            <nav class="topbar__nav" aria-label="Main">
                <a href="/" aria-current=move || current("people")>"People"</a>
                <a href="/settings" aria-current=move || current("settings")>"Settings"</a>
            </nav>
        </header>
    }
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
        Phase::Failed(reason) => view! {
            <section class="panel panel--error" role="alert">
                <h1>"Kith couldn't open its storage"</h1>
                <p>{reason}</p>
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
            <a class="button" href="/">"Back to people"</a>
        </section>
    }
}
