//! Merging two records of the same person: where they disagree, the user
//! picks per field; everything else from both is kept.

use crate::components::form::FormError;
use crate::router::use_navigate;
use crate::state::use_kith;
use kith_core::{ContactId, MergeChoices, MergePick, Told};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn MergePage() -> impl IntoView {
    let kith = use_kith();
    let param = |k: &str| crate::router::query(k).and_then(|v| ContactId::parse(&v));
    let pair = RwSignal::new((param("keep"), param("other")));
    let picks = RwSignal::new(MergeChoices::default());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    // Both records in words that tell them apart (two "Ana Cruz" rows
    // say nothing about which one is kept).
    let names = move || {
        let (a, b) = pair.get();
        let local = |t: kith_core::Timestamp| {
            t.as_datetime()
                .map(|t| t.with_timezone(&chrono::Local).date_naive())
        };
        kith.directory
            .with(|d| d.tell_apart(a.as_ref()?, b.as_ref()?, local))
    };
    let conflicts = move || {
        let (a, b) = pair.get();
        match (a, b) {
            (Some(a), Some(b)) => kith.directory.with(|d| d.merge_conflicts(&a, &b)),
            _ => Vec::new(),
        }
    };
    let merge = move |_| {
        let (Some(keep), Some(other)) = pair.get_untracked() else {
            return;
        };
        let choices = picks.get_untracked();
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            match kith.merge_contacts(&keep, &other, &choices).await {
                Ok(()) => navigate(&format!("/people/{keep}"), Default::default()),
                Err(e) => error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };

    move || match names() {
        None => view! {
            <section class="panel empty">
                <h1>"Nothing to merge"</h1>
                <p>"Select two people in the list, then choose Merge."</p>
                <a class="button" href=crate::platform::at("/people")>"Back to people"</a>
            </section>
        }
        .into_any(),
        Some((keep, other)) => {
            let (keep_name, other_name) = (keep.short.clone(), other.short.clone());
            let facts = |who: &'static str, t: Told| {
                view! {
                    <li><strong>{who}</strong> " " {t.facts.join(" · ")}</li>
                }
            };
            view! {
            <section class="merge">
                <a class="back-link" href=crate::platform::at("/people")>"‹ People"</a>
                <h1>"Merge two people"</h1>
                <p class="merge__lead">
                    "Kith keeps " <strong>{keep_name.clone()}</strong> " and folds " <strong>{other_name.clone()}</strong>
                    " into it. Emails, phones, roles, tags, details, family, links, notes, interactions and dates from both are all kept."
                </p>
                <ul class="merge__who" aria-label="The two records">
                    {facts("Kept:", keep)}
                    {facts("Folded in:", other)}
                </ul>
                <button class="link-button" on:click=move |_| { pair.update(|(a, b)| std::mem::swap(a, b)); picks.set(MergeChoices::default()); }>
                    {format!("Keep {other_name} instead")}
                </button>
                <div class="card">
                    <h2 class="card__title">"Where they differ"</h2>
                    {move || {
                        let rows = conflicts();
                        if rows.is_empty() {
                            return view! { <p class="card__empty">"They agree on everything; nothing to choose."</p> }.into_any();
                        }
                        rows.into_iter().map(|(key, label, mine, theirs)| {
                            let pick = move |p: MergePick| move || picks.with(|m| m.pick(key) == p);
                            let set = move |p: MergePick| move |_| picks.update(|m| m.set(key, p));
                            view! {
                                <fieldset class="merge__field">
                                    <legend>{label}</legend>
                                    <label class="merge__option">
                                        <input type="radio" name=key prop:checked=pick(MergePick::Keep) on:change=set(MergePick::Keep)/>
                                        <span>{mine}</span>
                                    </label>
                                    <label class="merge__option">
                                        <input type="radio" name=key prop:checked=pick(MergePick::Other) on:change=set(MergePick::Other)/>
                                        <span>{theirs}</span>
                                    </label>
                                </fieldset>
                            }
                        }).collect_view().into_any()
                    }}
                </div>
                <FormError error/>
                <div class="form__actions">
                    <button class="button button--primary" disabled=move || busy.get() on:click=merge.clone()>
                        {format!("Merge into {keep_name}")}
                    </button>
                    <a class="button button--quiet" href=crate::platform::at("/people")>"Cancel"</a>
                </div>
            </section>
        }
        .into_any()
        }
    }
}
