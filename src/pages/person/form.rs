//! Adding and editing a person. The form checks nothing itself: the core's
//! `save_contact` validates, and its error names the input to mark and
//! focus. Esc leaves the form without saving.

use super::use_contact_id;
use crate::components::field_ids::input_id;
use crate::components::form::rows::{keyed, values, LabeledRows, RoleRows};
use crate::components::form::{FieldError, FormError, TextArea, TextField};
use crate::router::use_navigate;
use crate::state::use_kith;
use kith_core::{ContactId, ContactInput, ValidationError};
use leptos::prelude::*;

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
                    <a class="button" href=crate::platform::at("/people")>"Back to people"</a>
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
    let error = RwSignal::new(None::<ValidationError>);
    // A save under way: a second press waits for it.
    let saving = RwSignal::new(false);
    // Marks the input `id` (`person-<field>`) while the error names it.
    let at_fault = move |id: &'static str| FieldError {
        at_fault: Signal::derive(move || {
            error.with(|e| {
                e.as_ref()
                    .and_then(ValidationError::field)
                    .and_then(input_id)
                    .as_deref()
                    == Some(id)
            })
        }),
        message_id: "person-error",
    };
    let name = RwSignal::new(initial.name);
    let given_name = RwSignal::new(initial.given_name);
    let family_name = RwSignal::new(initial.family_name);
    let nickname = RwSignal::new(initial.nickname);
    let pronunciation = RwSignal::new(initial.pronunciation);
    let name_details_open = [&given_name, &family_name, &nickname, &pronunciation]
        .iter()
        .any(|s| s.with_untracked(|v| !v.is_empty()));
    let roles = keyed(initial.roles, true);
    let emails = keyed(initial.emails, true);
    let phones = keyed(initial.phones, true);
    let addresses = keyed(initial.addresses, false);
    let links = keyed(initial.links, false);
    let custom_fields = keyed(initial.custom_fields, false);
    let how_we_met = RwSignal::new(initial.how_we_met);
    let interests = RwSignal::new(initial.interests);
    let tags = RwSignal::new(initial.tags);
    let notes = RwSignal::new(initial.notes);

    let editing = id.is_some();
    let back = id
        .as_ref()
        .map_or_else(|| "/people".to_owned(), |id| format!("/people/{id}"));
    let (org_names, tag_names) = kith.directory.with_untracked(|d| {
        (
            d.organisations()
                .into_iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>(),
            d.tags()
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
                .join(", "),
        )
    });

    let leave = {
        let navigate = navigate.clone();
        let back = back.clone();
        move || navigate(&back, Default::default())
    };
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            leave();
        }
    });
    on_cleanup(move || esc.remove());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ContactInput {
            name: name.get_untracked(),
            given_name: given_name.get_untracked(),
            family_name: family_name.get_untracked(),
            nickname: nickname.get_untracked(),
            pronunciation: pronunciation.get_untracked(),
            roles: values(roles),
            emails: values(emails),
            phones: values(phones),
            addresses: values(addresses),
            links: values(links),
            how_we_met: how_we_met.get_untracked(),
            interests: interests.get_untracked(),
            tags: tags.get_untracked(),
            notes: notes.get_untracked(),
            custom_fields: values(custom_fields),
        };
        if saving.get_untracked() {
            return;
        }
        // The form stays until the write is stored: should it fail (the
        // disk full), what was typed is still here, and the notice says
        // what to do.
        let navigate = navigate.clone();
        // The form may be gone by then (a save with nothing to write
        // leaves at once).
        let then = move |stored: Option<ContactId>| {
            let _ = saving.try_set(false);
            if let Some(saved) = stored {
                navigate(&format!("/people/{saved}"), Default::default());
            }
        };
        saving.set(true);
        match kith.save_contact(id.as_ref(), &input, then) {
            Ok(_) => {
                let _ = error.try_set(None);
            }
            Err(e) => {
                saving.set(false);
                focus_input(e.field().and_then(input_id));
                error.set(Some(e));
            }
        }
    };

    view! {
        <section class="form-page">
            <a class="back-link" href=back.clone()>"‹ Back"</a>
            <h1>{if editing { "Edit person" } else { "Add person" }}</h1>
            <form class="form" on:submit=submit novalidate=true>
                <FormError id="person-error"
                    error=Signal::derive(move || error.with(|e| e.as_ref().map(ToString::to_string)))/>
                <fieldset class="card form__section">
                    <legend class="card__title">"Name"</legend>
                    <TextField id="person-name" label="Name" value=name error=at_fault("person-name")/>
                    <details class="form__more" open=name_details_open>
                        <summary>"More about their name"</summary>
                        <div class="field-pair">
                            <TextField id="person-given_name" label="Given name" value=given_name error=at_fault("person-given_name")/>
                            <TextField id="person-family_name" label="Family name" value=family_name error=at_fault("person-family_name")/>
                        </div>
                        <div class="field-pair">
                            <TextField id="person-nickname" label="Nickname" value=nickname error=at_fault("person-nickname")/>
                            <TextField id="person-pronunciation" label="Pronunciation" value=pronunciation error=at_fault("person-pronunciation")
                                placeholder="e.g. AH-na KROOS"/>
                        </div>
                    </details>
                </fieldset>
                <fieldset class="card form__section">
                    <legend class="card__title">"Work"</legend>
                    <RoleRows rows=roles/>
                    <datalist id="organisation-names">
                        {org_names.into_iter().map(|n| view! { <option value=n/> }).collect_view()}
                    </datalist>
                </fieldset>
                <fieldset class="card form__section">
                    <legend class="card__title">"Reach them"</legend>
                    <LabeledRows rows=emails field="email" noun="Email" kinds=&["work", "home", "other"] input_type="email"/>
                    <LabeledRows rows=phones field="phone" noun="Phone" kinds=&["mobile", "work", "home", "other"] input_type="tel"/>
                    <LabeledRows rows=addresses field="address" noun="Address" kinds=&["home", "work", "other"] multi_line=true/>
                    <LabeledRows rows=links field="link" noun="Link" kinds=&["website", "LinkedIn", "other"] input_type="url"/>
                </fieldset>
                <fieldset class="card form__section">
                    <legend class="card__title">"About them"</legend>
                    <TextField id="person-how_we_met" label="How we met" value=how_we_met error=at_fault("person-how_we_met")
                        placeholder="e.g. Lisbon trade fair, 2023"/>
                    <TextField id="person-interests" label="Interests" value=interests error=at_fault("person-interests")
                        hint="Separate with commas: sailing, jazz, Porto wine"/>
                    <TextField id="person-tags" label="Tags" value=tags error=at_fault("person-tags")
                        hint=if tag_names.is_empty() { "Separate with commas: client, VIP" } else { "Separate with commas." }/>
                    {(!tag_names.is_empty()).then(|| view! { <p class="field__hint">"In use: " {tag_names.clone()}</p> })}
                    <TextArea id="person-notes" label="Notes" value=notes rows=5 error=at_fault("person-notes")/>
                    <p class="form__subhead">"Custom fields"</p>
                    <LabeledRows rows=custom_fields field="custom" noun="Field" kinds=&[] free_label=true/>
                </fieldset>
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

fn focus_input(id: Option<String>) {
    let Some(id) = id else { return };
    let document = web_sys::window().and_then(|w| w.document());
    let el = document.and_then(|d| d.get_element_by_id(&id));
    if let Some(el) =
        el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        if let Some(details) = el.closest("details").ok().flatten() {
            let _ = details.set_attribute("open", "");
        }
        let _ = el.focus();
    }
}
