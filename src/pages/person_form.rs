//! Adding and editing a person. The form checks nothing itself: the core's
//! `save_contact` validates, and its error names the field to mark.

use crate::pages::person::use_contact_id;
use crate::state::use_kith;
use kith_core::{ContactId, ContactInput, ValidationError};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewPerson() -> impl IntoView {
    view! { <PersonForm id=None initial=ContactInput::default()/> }
}

#[component]
pub fn EditPerson() -> impl IntoView {
    let kith = use_kith();
    let id = use_contact_id();
    move || {
        let found = id.get().and_then(|id| {
            kith.directory
                .with_untracked(|d| d.contact(&id).map(|c| ContactInput::from_contact(c, d)))
                .map(|input| (id, input))
        });
        match found {
            Some((id, input)) => view! { <PersonForm id=Some(id) initial=input/> }.into_any(),
            None => view! {
                <section class="panel empty">
                    <h1>"Person not found"</h1>
                    <a class="button" href="/">"Back to people"</a>
                </section>
            }
            .into_any(),
        }
    }
}

/// The form itself, for a new person (`id` is `None`) or an existing one.
#[component]
fn PersonForm(id: Option<ContactId>, initial: ContactInput) -> impl IntoView {
    let kith = use_kith();
    let navigate = use_navigate();
    let name = RwSignal::new(initial.name);
    let organisation = RwSignal::new(initial.organisation);
    let email = RwSignal::new(initial.email);
    let phone = RwSignal::new(initial.phone);
    let notes = RwSignal::new(initial.notes);
    let error = RwSignal::new(None::<ValidationError>);
    let invalid = move |field: &'static str| {
        move || {
            error
                .with(|e| e.as_ref().and_then(ValidationError::field) == Some(field))
                .then_some("true")
        }
    };
    let editing = id.is_some();
    let back = id
        .as_ref()
        .map_or_else(|| "/".to_owned(), |id| format!("/people/{id}"));
    let org_names = kith.directory.with_untracked(|d| {
        d.organisations()
            .into_iter()
            .map(|o| o.name.clone())
            .collect::<Vec<_>>()
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ContactInput {
            name: name.get_untracked(),
            organisation: organisation.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            notes: notes.get_untracked(),
        };
        match kith.save_contact(id.as_ref(), &input) {
            Ok(saved) => {
                error.set(None);
                navigate(&format!("/people/{saved}"), Default::default());
            }
            Err(e) => {
                focus_field(e.field());
                error.set(Some(e));
            }
        }
    };

    view! {
        <section class="form-page">
            <a class="back-link" href=back.clone()>"‹ Back"</a>
            <h1>{if editing { "Edit person" } else { "Add person" }}</h1>
            <form class="card form" on:submit=submit novalidate=true>
                {move || error.get().map(|e| view! {
                    <p class="form__error" role="alert">{e.to_string()}</p>
                })}
                <div class="field">
                    <label for="person-name">"Name"</label>
                    <input id="person-name" name="name" autocomplete="off" required=true
                        aria-invalid=invalid("name")
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="person-organisation">"Organisation"</label>
                    <input id="person-organisation" name="organisation" list="organisation-names"
                        autocomplete="off" aria-invalid=invalid("organisation")
                        prop:value=move || organisation.get()
                        on:input=move |ev| organisation.set(event_target_value(&ev))/>
                    <datalist id="organisation-names">
                        {org_names.into_iter().map(|n| view! { <option value=n/> }).collect_view()}
                    </datalist>
                </div>
                <div class="field-pair">
                    <div class="field">
                        <label for="person-email">"Email"</label>
                        <input id="person-email" name="email" type="email" inputmode="email"
                            autocomplete="off" aria-invalid=invalid("email")
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="person-phone">"Phone"</label>
                        <input id="person-phone" name="phone" type="tel" autocomplete="off"
                            aria-invalid=invalid("phone")
                            prop:value=move || phone.get()
                            on:input=move |ev| phone.set(event_target_value(&ev))/>
                    </div>
                </div>
                <div class="field">
                    <label for="person-notes">"Notes"</label>
                    <textarea id="person-notes" name="notes" rows="5"
                        aria-invalid=invalid("notes")
                        prop:value=move || notes.get()
                        on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">
                        {if editing { "Save changes" } else { "Save person" }}
                    </button>
                    <a class="button button--quiet" href=back>"Cancel"</a>
                </div>
            </form>
        </section>
    }
}

fn focus_field(field: Option<&str>) {
    let Some(field) = field else { return };
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("person-{field}")));
    if let Some(el) =
        el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = el.focus();
    }
}
