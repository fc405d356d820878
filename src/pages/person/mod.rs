//! A person's page: who they are, what the user has learned about them, the
//! people around them, and how to reach them. Details are added in one line
//! at the top; family, dates and links have small forms of their own.

mod checkin;
mod details;
mod family;
pub mod form;
mod household;
mod info;
mod message;
mod priorities;
mod relations;

use crate::components::avatar::Avatar;
use crate::components::brief::BriefCard;
use crate::components::health::HealthCard;
use crate::components::log::{recent_history, LogForm, TimelineCard};
use crate::components::show::Show;
use crate::router::use_navigate;
use crate::state::{use_kith, Kith};
use kith_core::{Contact, ContactId, ImportantDate};
use leptos::prelude::*;

/// The `:id` route parameter, if it is a plausible id.
pub fn use_contact_id() -> Memo<Option<ContactId>> {
    let param = crate::router::id_param();
    crate::reactive::memo(move || param.with(|raw| raw.as_deref().and_then(ContactId::parse)))
}

/// The live person `id`, following every change.
pub type Person = Memo<Option<Contact>>;

/// The person's important dates, as stored; reloaded after each write.
pub type Dates = crate::state::Loaded<Result<Vec<ImportantDate>, crate::state::Error>>;

#[component]
pub fn PersonPage() -> impl IntoView {
    let kith = use_kith();
    let id = use_contact_id();
    // A memo, so the page is built again only when the person appears or
    // goes, not on every change to anyone (which would drop what is being
    // typed, e.g. when another tab saves).
    let shown = crate::reactive::memo(move || {
        id.get()
            .filter(|id| kith.directory.with(|d| d.contact(id).is_some()))
    });
    move || match shown.get() {
        Some(id) => view! { <PersonView id/> }.into_any(),
        _ => view! {
            <section class="panel empty">
                <h1>"Person not found"</h1>
                <p>"They may have been deleted. Deleted people wait in the trash for 30 days."</p>
                <a class="button" href=crate::platform::at("/people")>"Back to people"</a>
            </section>
        }
        .into_any(),
    }
}

fn person_memo(kith: Kith, id: ContactId) -> Person {
    crate::reactive::memo(move || kith.directory.with(|d| d.contact(&id).cloned()))
}

#[component]
fn PersonView(id: ContactId) -> impl IntoView {
    let kith = use_kith();
    let person = person_memo(kith, id.clone());
    let history = recent_history(kith, id.clone());
    let dates: Dates = {
        let id = id.clone();
        crate::state::load(move || {
            kith.revision.track();
            let id = id.clone();
            async move { kith.dates_for(&id).await }
        })
    };
    let field = move |f: fn(&Contact) -> String| {
        move || person.with(|p| p.as_ref().map(f).unwrap_or_default())
    };
    let initials = Signal::derive(field(Contact::initials));
    let name = Signal::derive(field(|c| c.name.clone()));
    let roles = move || {
        kith.directory.with(|d| {
            person.with(|p| {
                p.as_ref()
                    .map(|c| {
                        c.current_roles()
                            .filter_map(|r| {
                                let org = d.organisation(&r.organisation_id)?;
                                Some((r.title.clone(), org.name.clone(), org.id.clone()))
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let tags = move || person.with(|p| p.as_ref().map(|c| c.tags.clone()).unwrap_or_default());
    let nickname = field(|c| c.nickname.clone());
    let pronunciation = field(|c| c.pronunciation.clone());

    view! {
        <article class="person">
            <a class="back-link" href=crate::platform::at("/people")>"‹ People"</a>
            <header class="person__head">
                <div class="person__photo">
                    <Avatar id=id.clone() initials photo=Signal::derive(move || person.with(|p| p.as_ref().and_then(|c| c.photo))) large=true/>
                    <PhotoControls id=id.clone() person/>
                </div>
                <div class="person__title">
                    <h1>{name}</h1>
                    <p class="person__aka">
                        {move || { let n = nickname(); (!n.is_empty()).then(|| format!("“{n}”")) }}
                        {move || { let p = pronunciation(); (!p.is_empty()).then(|| view! {
                            <span class="person__say">"say " <i>{p}</i></span>
                        }) }}
                    </p>
                    <ul class="person__roles" aria-label="Current roles">
                        {move || roles().into_iter().map(|(title, org, org_id)| view! {
                            <li>
                                {(!title.is_empty()).then(|| format!("{title} at "))}
                                <a href=crate::platform::at(format!("/organisations/{org_id}"))>{org}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                    <ul class="chips" aria-label="Tags">
                        {move || tags().into_iter().map(|t| view! { <li class="chip">{t}</li> }).collect_view()}
                    </ul>
                </div>
                <PersonActions id=id.clone() person/>
            </header>
            <div class="person__quick">
                <LogForm fixed=Some(id.clone()) others=Signal::stored(Vec::new()) title=name/>
            </div>
            <details::QuickDetail id=id.clone() person/>
            <div class="person__grid">
                <div class="person__col">
                    <BriefCard id=id.clone() person recent=history/>
                    <priorities::PrioritiesCard id=id.clone() person/>
                    <checkin::CheckInCard id=id.clone() person/>
                    <message::MessageCard person/>
                    <details::DetailsCard id=id.clone() person/>
                    <family::FamilyCard id=id.clone() person dates/>
                    <family::DatesCard id=id.clone() dates/>
                </div>
                <div class="person__col">
                    <HealthCard id=id.clone() history/>
                    <TimelineCard id=id.clone()/>
                    <info::ReachCard person/>
                    <info::WorkCard person/>
                    <relations::RelationsCard id=id.clone()/>
                    <household::HouseholdCard id=id.clone() person/>
                    <info::AboutCard person/>
                </div>
            </div>
        </article>
    }
}

/// Pick a photo (cropped and downscaled before it is stored) or remove it.
#[component]
fn PhotoControls(id: ContactId, person: Person) -> impl IntoView {
    let kith = use_kith();
    let busy = RwSignal::new(false);
    let has_photo = move || person.with(|p| p.as_ref().is_some_and(|c| c.photo.is_some()));
    let me = StoredValue::new(id);
    let pick = move |ev: leptos::ev::Event| {
        let Some(file) = crate::components::file_pick::picked_file(&ev) else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match crate::photo::downscale(&file).await {
                Ok((mime, bytes)) => kith
                    .set_photo(&me.get_value(), &mime, bytes)
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            busy.set(false);
            if let Err(e) = result {
                kith.notice.set(Some(crate::state::Notice {
                    text: e,
                    undo: None,
                    is_error: true,
                }));
            }
        });
    };
    view! {
        <div class="photo-controls">
            <label class="link-button photo-controls__pick">
                <input type="file" accept="image/*" class="visually-hidden" aria-label="Choose a photo" on:change=pick/>
                {crate::reactive::text(move || if busy.get() { "Saving…" } else if has_photo() { "Change photo" } else { "Add photo" }.to_owned())}
            </label>
            <Show when=has_photo>
                <button class="link-button photo-controls__remove" on:click=move |_| { let _ = kith.remove_photo(&me.get_value()); }>
                    "Remove photo"
                </button>
            </Show>
        </div>
    }
}

/// Edit and delete, with a confirmation before deleting.
#[component]
fn PersonActions(id: ContactId, person: Person) -> impl IntoView {
    let kith = use_kith();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let (dialog, dialog_keys) = crate::components::dialog::confirmation(confirming);
    let name = move || person.with(|p| p.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let delete = {
        let id = id.clone();
        move |_| {
            kith.delete_contacts(std::slice::from_ref(&id));
            navigate("/people", Default::default());
        }
    };
    view! {
        <div class="person__actions">
            <a class="button" href=crate::platform::at(format!("/people/{id}/edit"))>"Edit"</a>
            <button class="button button--quiet" on:click=move |_| confirming.set(true)>"Delete"</button>
        </div>
        <Show when=move || confirming.get()>
            <div class="confirm" role="alertdialog" aria-labelledby="confirm-delete-text"
                node_ref=dialog on:keydown=dialog_keys>
                <p id="confirm-delete-text">
                    "Delete " {name} "? They stay in the trash for 30 days, and you can undo right away."
                </p>
                <div class="confirm__actions">
                    <button class="button button--danger" on:click=delete.clone()>"Delete person"</button>
                    <button class="button" on:click=move |_| confirming.set(false)>"Keep"</button>
                </div>
            </div>
        </Show>
    }
}
