//! The household a person lives in: who else lives there, the shared
//! address and dates, and whether a check-in with one counts for all. The
//! rules are the core's ([`kith_core::household`]); this card shows them
//! and calls its commands.

use super::Person;
use crate::components::form::{FormError, TextArea, TextField};
use crate::components::show::Show;
use crate::components::subform::{DiscardPrompt, SubForm};
use crate::platform;
use crate::state::use_kith;
use kith_core::household::{shared_dates, HouseholdInput};
use kith_core::{ContactId, OrganisationId};
use leptos::prelude::*;

/// What the card shows of a household, read from the directory.
#[derive(Clone, PartialEq)]
struct Home {
    id: OrganisationId,
    name: String,
    address: String,
    shared: bool,
    /// Everyone who lives there, this person included: id and name.
    members: Vec<(ContactId, String)>,
}

#[component]
pub fn HouseholdCard(id: ContactId, person: Person) -> impl IntoView {
    let kith = use_kith();
    let me = StoredValue::new(id);
    let home = crate::reactive::memo(move || {
        kith.directory.with(|d| {
            person.with(|p| {
                let h = d.household_of(p.as_ref()?)?;
                Some(Home {
                    id: h.id.clone(),
                    name: h.name.clone(),
                    address: h.address.clone(),
                    shared: h.shared_check_ins,
                    members: d
                        .household_members(&h.id)
                        .into_iter()
                        .map(|c| (c.id.clone(), c.name.clone()))
                        .collect(),
                })
            })
        })
    });
    let first_name = move || {
        person.with(|p| {
            p.as_ref()
                .map(|c| c.first_name().to_owned())
                .unwrap_or_default()
        })
    };
    // The members' own anniversaries, read again after every write.
    let members = crate::reactive::memo(move || {
        home.with(|h| {
            h.as_ref()
                .map(|h| {
                    h.members
                        .iter()
                        .map(|(id, _)| id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let dates = crate::state::load(move || {
        kith.revision.track();
        let ids = members.get();
        async move {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            kith.dates_of(&ids).await
        }
    });
    let shared = move || {
        let today = platform::today();
        dates.with(|loaded| match loaded {
            Some(Ok(all)) => kith.directory.with(|d| {
                shared_dates(all)
                    .into_iter()
                    .map(|date| {
                        let holder = (date.contact_id != me.get_value())
                            .then(|| d.contact(&date.contact_id).map(|c| c.name.clone()))
                            .flatten();
                        (
                            format!("{} · {}", date.kind.label(), date.describe_day()),
                            date.when_words(today),
                            holder,
                        )
                    })
                    .collect::<Vec<_>>()
            }),
            _ => Vec::new(),
        })
    };

    let query = RwSignal::new(String::new());
    let adding = SubForm::new(move || query.with(|q| !q.trim().is_empty()));
    let add_error = RwSignal::new(None::<String>);
    let suggestions = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        let here: Vec<ContactId> = members.get();
        kith.directory.with(|d| {
            d.search(&q)
                .into_iter()
                .filter(|c| c != &me.get_value() && !here.contains(c))
                .take(6)
                .filter_map(|c| Some((c.clone(), d.contact(&c)?.name.clone())))
                .collect::<Vec<_>>()
        })
    };
    let add = move |other: ContactId| match kith.add_to_household(&me.get_value(), &other) {
        Ok(()) => {
            query.set(String::new());
            add_error.set(None);
            adding.close();
        }
        Err(e) => add_error.set(Some(e.to_string())),
    };

    let name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let filled = StoredValue::new((String::new(), String::new()));
    let editing = SubForm::new(move || {
        filled.with_value(|(n, a)| name.with(|x| x != n) || address.with(|x| x != a))
    });
    let edit_error = RwSignal::new(None::<String>);
    // The household gone (moved out here, or ended in another tab): the
    // form for it closes rather than saving nowhere.
    crate::reactive::effect(move |_| {
        if home.with(Option::is_none) {
            editing.close();
        }
    });
    // What the card says went wrong outside its forms (moving out, the
    // sharing choice).
    let card_error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(h) = home.get_untracked() else {
            return;
        };
        let input = HouseholdInput {
            name: name.get_untracked(),
            address: address.get_untracked(),
        };
        match kith.save_household(&h.id, &input) {
            Ok(()) => {
                edit_error.set(None);
                editing.close();
            }
            Err(e) => edit_error.set(Some(e.to_string())),
        }
    };
    let sharing = move |ev: leptos::ev::Event| {
        let Some(h) = home.get_untracked() else {
            return;
        };
        match kith.set_household_sharing(&h.id, event_target_checked(&ev)) {
            Ok(()) => card_error.set(None),
            Err(e) => {
                // The box shows what is stored, not the refused click.
                if let Some(input) = ev.target().and_then(|t| {
                    use wasm_bindgen::JsCast;
                    t.dyn_into::<web_sys::HtmlInputElement>().ok()
                }) {
                    input.set_checked(h.shared);
                }
                card_error.set(Some(e.to_string()));
            }
        }
    };

    view! {
        <section class="card household" aria-labelledby="household-title">
            <div class="card__head">
                <h2 class="card__title" id="household-title">"Household"</h2>
                <Show when=move || home.with(Option::is_some)>
                    <button class="link-button" aria-expanded=move || editing.is_open().to_string()
                        on:click=move |_| editing.toggle_with(|| {
                            let (n, a) = home.with_untracked(|h| h.as_ref().map(|h| (h.name.clone(), h.address.clone())).unwrap_or_default());
                            filled.set_value((n.clone(), a.clone()));
                            name.set(n);
                            address.set(a);
                        })>"Edit household"</button>
                </Show>
            </div>
            {move || match home.get() {
                None => view! {
                    <p class="card__empty">{move || format!(
                        "Does {} live with someone you keep here? A household shares an address and its anniversaries, and a check-in with one can count for all.",
                        first_name()
                    )}</p>
                }.into_any(),
                Some(h) => {
                    let me_id = me.get_value();
                    view! {
                        <p class="household__name">{h.name.clone()}</p>
                        <ul class="household__members" aria-label="Who lives here">
                            {h.members.iter().map(|(id, name)| {
                                if *id == me_id {
                                    view! { <li class="chip chip--self">{name.clone()}</li> }.into_any()
                                } else {
                                    view! { <li class="chip"><a href=platform::at(format!("/people/{id}"))>{name.clone()}</a></li> }.into_any()
                                }
                            }).collect_view()}
                        </ul>
                        {(!h.address.is_empty()).then(|| view! {
                            <p class="household__address"><span class="visually-hidden">"Shared address: "</span>{h.address.clone()}</p>
                        })}
                        <div class="field--check">
                            <input type="checkbox" id="household-shared" prop:checked=h.shared on:change=sharing/>
                            <label for="household-shared">"A check-in with one counts for everyone here"</label>
                        </div>
                    }.into_any()
                }
            }}
            {move || {
                let dates = shared();
                (!dates.is_empty()).then(|| view! {
                    <p class="household__label" id="household-dates">"Shared dates"</p>
                    <ul class="dates" aria-labelledby="household-dates">
                        {dates.into_iter().map(|(what, when, holder)| view! {
                            <li class="dates__item"><div>
                                <p><strong>{what}</strong></p>
                                <p class="dates__when">{match holder {
                                    Some(name) => format!("{when} · kept on {name}'s page"),
                                    None => when,
                                }}</p>
                            </div></li>
                        }).collect_view()}
                    </ul>
                })
            }}
            <Show when=move || editing.is_open()>
                <form class="subform" on:submit=save>
                    <DiscardPrompt form=editing/>
                    <TextField id="household-name" label="Household name" value=name/>
                    <TextArea id="household-address" label="Shared address" value=address rows=2/>
                    <FormError error=edit_error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save household"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| editing.close()>"Cancel"</button>
                    </div>
                </form>
            </Show>
            <FormError error=card_error/>
            <div class="household__actions">
                <button class="link-button" aria-expanded=move || adding.is_open().to_string()
                    on:click=move |_| adding.toggle_with(|| ())>
                    {move || format!("Add someone who lives with {}", first_name())}
                </button>
                <Show when=move || home.with(Option::is_some)>
                    <button class="link-button" on:click=move |_| {
                        editing.close();
                        match kith.leave_household(&me.get_value()) {
                            Ok(()) => card_error.set(None),
                            Err(e) => card_error.set(Some(e.to_string())),
                        }
                    }>{move || format!("{} moved out", first_name())}</button>
                </Show>
            </div>
            <Show when=move || adding.is_open()>
                <div class="subform">
                    <DiscardPrompt form=adding/>
                    <TextField id="household-member" label="Who lives with them" value=query kind="search" placeholder="Type a name"/>
                    <ul class="picker" aria-label="Matching people">
                        {move || suggestions().into_iter().map(|(other, name)| view! {
                            <li><button type="button" class="picker__option"
                                on:click=move |_| add(other.clone())>{format!("Add {name}")}</button></li>
                        }).collect_view()}
                    </ul>
                    <FormError error=add_error/>
                </div>
            </Show>
        </section>
    }
}
