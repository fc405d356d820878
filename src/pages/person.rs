//! A person's page: who they are, how to reach them, and what the user
//! noted; edit and delete from here.

use crate::components::avatar::Avatar;
use crate::state::use_kith;
use kith_core::{Contact, ContactId};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The `:id` route parameter, if it is a plausible id.
pub fn use_contact_id() -> Memo<Option<ContactId>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| ContactId::parse(&raw))
    })
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let kith = use_kith();
    let id = use_contact_id();
    let contact = Memo::new(move |_| {
        let id = id.get()?;
        kith.directory.with(|d| d.contact(&id).cloned())
    });
    move || {
        match contact.get() {
        Some(c) => view! { <PersonCard contact=c/> }.into_any(),
        None => view! {
            <section class="panel empty">
                <h1>"Person not found"</h1>
                <p>"They may have been deleted. Deleted people can be restored right after with Undo."</p>
                <a class="button" href="/">"Back to people"</a>
            </section>
        }
        .into_any(),
    }
    }
}

#[component]
fn PersonCard(contact: Contact) -> impl IntoView {
    let kith = use_kith();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let organisation = kith
        .directory
        .with_untracked(|d| d.organisation_of(&contact).map(|o| o.name.clone()));
    let added = contact.created.as_datetime().map(|t| {
        t.with_timezone(&chrono::Local)
            .format("%-d %B %Y")
            .to_string()
    });
    let id = contact.id.clone();
    let delete = move |_| {
        kith.delete_contact(&id);
        navigate("/", Default::default());
    };
    let email = contact.primary_email().map(|e| {
        let href = format!("mailto:{e}");
        view! { <div class="facts__row"><dt>"Email"</dt><dd><a href=href>{e.to_owned()}</a></dd></div> }
    });
    let phone = contact.primary_phone().map(|p| {
        let href = format!("tel:{}", p.replace(' ', ""));
        view! { <div class="facts__row"><dt>"Phone"</dt><dd><a href=href>{p.to_owned()}</a></dd></div> }
    });
    let org_row = organisation.clone().map(|o| {
        view! { <div class="facts__row"><dt>"Organisation"</dt><dd>{o}</dd></div> }
    });
    let check_in = contact.cadence.describe();
    let notes = (!contact.notes.is_empty()).then(|| {
        let notes = contact.notes.clone();
        view! {
            <section class="card">
                <h2 class="card__title">"Notes"</h2>
                <p class="notes">{notes}</p>
            </section>
        }
    });
    let name = contact.name.clone();
    let initials = contact.initials();

    view! {
        <article class="person">
            <a class="back-link" href="/">"‹ People"</a>
            <header class="person__head">
                <Avatar id=contact.id.clone() initials=initials large=true/>
                <div class="person__title">
                    <h1>{contact.name.clone()}</h1>
                    {organisation.map(|o| view! { <p class="person__org">{o}</p> })}
                </div>
                <div class="person__actions">
                    <a class="button" href=format!("/people/{}/edit", contact.id)>"Edit"</a>
                    <button class="button button--quiet" on:click=move |_| confirming.set(true)>
                        "Delete"
                    </button>
                </div>
            </header>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-delete-text">
                    <p id="confirm-delete-text">
                        "Delete " {name.clone()} "? You can undo this right after."
                    </p>
                    <div class="confirm__actions">
                        <button class="button button--danger" on:click=delete.clone()>"Delete person"</button>
                        <button class="button" on:click=move |_| confirming.set(false)>"Keep"</button>
                    </div>
                </div>
            </Show>
            <section class="card">
                <h2 class="card__title">"Details"</h2>
                <dl class="facts">
                    {org_row}
                    {email}
                    {phone}
                    <div class="facts__row"><dt>"Check-ins"</dt><dd>{check_in}</dd></div>
                    {added.map(|a| view! { <div class="facts__row"><dt>"Added"</dt><dd>{a}</dd></div> })}
                </dl>
            </section>
            {notes}
        </article>
    }
}
