//! Links between people ("reports to", "spouse of"), shown from both sides,
//! with a small person picker to add one.

use crate::components::form::{Binding, FormError, SelectField, TextField};
use crate::components::show::Show;
use crate::components::subform::{DiscardPrompt, SubForm};
use crate::state::use_kith;
use kith_core::{ContactId, RelationKind};
use leptos::prelude::*;

#[component]
pub fn RelationsCard(id: ContactId) -> impl IntoView {
    let kith = use_kith();
    let kind = RwSignal::new(RelationKind::ColleagueOf);
    let query = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let adding = SubForm::new(move || query.with(|q| !q.trim().is_empty()));
    let me = StoredValue::new(id);
    let links = {
        move || {
            let id = me.get_value();
            kith.directory.with(|d| {
                d.relations_of(&id)
                    .into_iter()
                    .filter_map(|(label, other, holder, kind)| {
                        Some((
                            label,
                            other.clone(),
                            d.contact(&other)?.name.clone(),
                            holder,
                            kind,
                        ))
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let suggestions = {
        move || {
            let id = me.get_value();
            let q = query.get();
            if q.trim().is_empty() {
                return Vec::new();
            }
            kith.directory.with(|d| {
                d.search(&q)
                    .into_iter()
                    .filter(|c| c != &id)
                    .take(6)
                    .filter_map(|c| Some((c.clone(), d.contact(&c)?.name.clone())))
                    .collect::<Vec<_>>()
            })
        }
    };
    let link_to = {
        move |other: ContactId| match kith.add_relation(
            &me.get_value(),
            kind.get_untracked(),
            &other,
        ) {
            Ok(()) => {
                query.set(String::new());
                error.set(None);
                adding.close();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="card" aria-labelledby="relations-title">
            <div class="card__head">
                <h2 class="card__title" id="relations-title">"People around them"</h2>
                <button class="link-button" aria-expanded=move || adding.is_open().to_string()
                    on:click=move |_| adding.toggle_with(|| ())>"Link a person"</button>
            </div>
            <ul class="relations">
                {move || links().into_iter().map(|(label, other, name, holder, kind)| {
                    let target = if holder == other { me.get_value() } else { other.clone() };
                    view! {
                        <li class="relations__item">
                            <span>{label} " " <a href=crate::platform::at(format!("/people/{other}"))>{name.clone()}</a></span>
                            <button class="icon-button" aria-label=format!("Remove link with {name}")
                                on:click=move |_| { let _ = kith.remove_relation(&holder, kind, &target); }>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || (links().is_empty() && !adding.is_open()).then(|| view! {
                <p class="card__empty">"Who they work with, who introduced you, who they live with."</p>
            })}
            <Show when=move || adding.is_open()>
                <div class="subform">
                    <DiscardPrompt form=adding/>
                    <div class="field-pair">
                        <SelectField id="relation-kind" label="They are…"
                            value=Binding::derived(
                                move || kind.get().key().to_owned(),
                                move |key| if let Some(k) = RelationKind::from_key(&key) { kind.set(k) },
                            )
                            options=RelationKind::ALL.iter().map(|k| (k.key().to_owned(), k.label().to_owned())).collect()/>
                        <TextField id="relation-other" label="Person" value=query kind="search" placeholder="Type a name"/>
                    </div>
                    <ul class="picker" aria-label="Matching people">
                        {move || suggestions().into_iter().map(|(other, name)| {
                            view! {
                                <li><button type="button" class="picker__option"
                                    on:click=move |_| link_to(other.clone())>{format!("Link {name}")}</button></li>
                            }
                        }).collect_view()}
                    </ul>
                    <FormError error/>
                </div>
            </Show>
        </section>
    }
}
