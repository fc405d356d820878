//! "Write a message" on a person's page: one of the user's templates
//! (Settings), filled in for this person, to correct, then copy, email or
//! text. Nothing is sent by Kith: the links open the user's own mail or
//! messages app.

use super::Person;
use crate::components::form::{Binding, SelectField, TextArea};
use crate::components::show::Show;
use crate::state::use_kith;
use kith_core::templates::{fill, mailto, sms};
use leptos::prelude::*;

#[component]
pub fn MessageCard(person: Person) -> impl IntoView {
    let kith = use_kith();
    let chosen = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let names = move || {
        kith.check_in.with(|s| {
            s.templates
                .iter()
                .map(|t| t.name.clone())
                .collect::<Vec<_>>()
        })
    };
    // Choosing a template writes it out for the person; the text is then
    // the user's to change.
    let choose = move |name: String| {
        let body = kith.check_in.with_untracked(|s| {
            s.templates
                .iter()
                .find(|t| t.name == name)
                .map(|t| t.body.clone())
        });
        let filled = person.with_untracked(|p| {
            let c = p.as_ref()?;
            let org = kith
                .directory
                .with_untracked(|d| d.organisation_of(c).map(|o| o.name.clone()));
            Some(fill(&body?, c, org.as_deref()))
        });
        text.set(filled.unwrap_or_default());
        chosen.set(name);
    };
    let first = |list: fn(&kith_core::Contact) -> &Vec<kith_core::contact::Labeled>| {
        move || {
            person.with(|p| {
                p.as_ref()
                    .and_then(|c| list(c).first())
                    .map(|l| l.value.clone())
            })
        }
    };
    let email = first(|c| &c.emails);
    let phone = first(|c| &c.phones);
    let copy = move |_| {
        let words = text.get_untracked();
        let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
            return;
        };
        // `navigator.clipboard.writeText`, where the browser offers it.
        let written = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .ok()
            .filter(|c| c.is_object())
            .and_then(|c| {
                let write = js_sys::Reflect::get(&c, &"writeText".into()).ok()?;
                let write: js_sys::Function = wasm_bindgen::JsCast::dyn_into(write).ok()?;
                write.call1(&c, &words.into()).ok()
            })
            .and_then(|p| wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p).ok());
        let Some(written) = written else {
            return kith.say("This browser doesn't let Kith copy: select the message and copy it.");
        };
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(written).await {
                Ok(_) => kith.say("Copied the message."),
                Err(_) => kith.say("The browser refused to copy: select the message and copy it."),
            }
        });
    };
    view! {
        <Show when=move || !names().is_empty()>
            <section class="card" aria-labelledby="message-title">
                <h2 class="card__title" id="message-title">"Write a message"</h2>
                <SelectField id="message-template" label="Template"
                    value=Binding::derived(move || chosen.get(), choose)
                    options=std::iter::once((String::new(), "Choose a template…".to_owned()))
                        .chain(names().into_iter().map(|n| (n.clone(), n)))
                        .collect()/>
                <Show when=move || !chosen.with(String::is_empty)>
                    <TextArea id="message-text" label="Message" value=text rows=4/>
                    <div class="form__actions">
                        <button type="button" class="button button--small button--primary" on:click=copy>"Copy"</button>
                        {move || email().map(|to| view! {
                            <a class="button button--small" href=mailto(&to, &text.get())>"Email"</a>
                        })}
                        {move || phone().map(|to| view! {
                            <a class="button button--small" href=sms(&to, &text.get())>"Text message"</a>
                        })}
                    </div>
                </Show>
            </section>
        </Show>
    }
}
