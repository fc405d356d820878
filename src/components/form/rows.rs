//! Editors for repeated form values (emails, phones, roles...). Each row
//! carries a stable key so that adding or removing one never disturbs what
//! is typed in the others; typing writes without re-rendering the list.
//! Inputs are named by position ("Email", "Email 2"...) and have the id
//! `person-<field>-<position>`, which `field_ids::input_id` maps a refusal to. Role rows
//! are made of the shared fields; a labelled value (an email with its kind)
//! is one compact row: its name, a kind picker and the value on one line.

use super::{Binding, DateField, TextField};
use kith_core::{Labeled, RoleInput};
use leptos::prelude::*;

/// Rows with stable keys.
pub type Keyed<T> = RwSignal<Vec<(u64, T)>>;

/// Wraps values with fresh keys, adding an empty row if there are none and
/// `start_with_one`.
pub fn keyed<T: Default + Send + Sync + 'static>(values: Vec<T>, start_with_one: bool) -> Keyed<T> {
    let mut rows: Vec<(u64, T)> = values.into_iter().map(|v| (next_key(), v)).collect();
    if rows.is_empty() && start_with_one {
        rows.push((next_key(), T::default()));
    }
    RwSignal::new(rows)
}

/// The values, in order.
pub fn values<T: Clone + Send + Sync + 'static>(rows: Keyed<T>) -> Vec<T> {
    rows.with_untracked(|r| r.iter().map(|(_, v)| v.clone()).collect())
}

fn next_key() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The rows of `rows`, each drawn once by `row` from its key and value
/// and kept while its key is (one compiled `For` for every editor).
fn each_row<T: Clone + Default + Send + Sync + 'static>(
    rows: Keyed<T>,
    row: impl Fn(u64, T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let row = std::sync::Arc::new(move |key: u64| {
        let value = rows.with_untracked(|r| {
            r.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        });
        row(key, value)
    });
    keyed_list(
        std::sync::Arc::new(move || rows.with(|r| r.iter().map(|(k, _)| *k).collect())),
        row,
    )
}

type Keys = std::sync::Arc<dyn Fn() -> Vec<u64> + Send + Sync>;
type DrawRow = std::sync::Arc<dyn Fn(u64) -> AnyView + Send + Sync>;

#[inline(never)]
fn keyed_list(keys: Keys, row: DrawRow) -> impl IntoView {
    view! { <For each=move || keys() key=|k: &u64| *k children=move |k| row(k)/> }
}

fn position<T: Send + Sync + 'static>(rows: Keyed<T>, key: u64) -> usize {
    rows.with(|r| r.iter().position(|(k, _)| *k == key).unwrap_or(0))
}

fn numbered(noun: &str, i: usize) -> String {
    if i == 0 {
        noun.to_owned()
    } else {
        format!("{noun} {}", i + 1)
    }
}

fn edit<T: Send + Sync + 'static>(rows: Keyed<T>, key: u64, f: impl FnOnce(&mut T)) {
    rows.update_untracked(|r| {
        if let Some((_, v)) = r.iter_mut().find(|(k, _)| *k == key) {
            f(v);
        }
    });
}

/// A list of labelled values such as emails.
#[component]
pub fn LabeledRows(
    rows: Keyed<Labeled>,
    /// Id part, e.g. "email".
    field: &'static str,
    /// What one row is called, e.g. "Email".
    noun: &'static str,
    /// Labels offered, e.g. ["home", "work"].
    kinds: &'static [&'static str],
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] multi_line: bool,
    /// Free-text labels (custom fields name themselves).
    #[prop(optional)]
    free_label: bool,
) -> impl IntoView {
    let add = move |_| rows.update(|r| r.push((next_key(), Labeled::default())));
    view! {
        <div class="rows">
            {each_row(rows, move |key, row| {
                let pos = move || position(rows, key);
                let id = move || format!("person-{field}-{}", pos());
                let label_id = move || format!("person-{field}-{}-label", pos());
                let name = move || numbered(noun, pos());
                let value_input = if multi_line {
                    view! {
                        <textarea id=id rows="2" prop:value=row.value.clone()
                            on:input=move |ev| edit(rows, key, |v| v.value = event_target_value(&ev))></textarea>
                    }.into_any()
                } else {
                    view! {
                        <input id=id type=input_type autocomplete="off" prop:value=row.value.clone()
                            on:input=move |ev| edit(rows, key, |v| v.value = event_target_value(&ev))/>
                    }.into_any()
                };
                let label_input = if free_label {
                    view! {
                        <input class="row__label" id=label_id placeholder="Field name"
                            aria-label=move || format!("{} name", name())
                            prop:value=row.label.clone()
                            on:input=move |ev| edit(rows, key, |v| v.label = event_target_value(&ev))/>
                    }.into_any()
                } else {
                    let current = row.label.clone();
                    let extra = (!current.is_empty() && !kinds.contains(&current.as_str())).then(|| current.clone());
                    view! {
                        <select class="row__label" aria-label=move || format!("Kind of {}", name().to_lowercase())
                            on:change=move |ev| edit(rows, key, |v| v.label = event_target_value(&ev))>
                            <option value="" selected=current.is_empty()>"—"</option>
                            {kinds.iter().map(|k| view! {
                                <option value=*k selected=current == *k>{*k}</option>
                            }).collect_view()}
                            {extra.map(|e| view! { <option value=e.clone() selected=true>{e.clone()}</option> })}
                        </select>
                    }.into_any()
                };
                view! {
                    <div class="row">
                        <label class="row__name" for=id>{crate::reactive::text(name)}</label>
                        <div class="row__inputs">
                            {label_input}
                            {value_input}
                            <button type="button" class="icon-button" aria-label=move || format!("Remove {}", name().to_lowercase())
                                on:click=move |_| rows.update(|r| r.retain(|(k, _)| *k != key))>"×"</button>
                        </div>
                    </div>
                }.into_any()
            })}
            <button type="button" class="link-button" on:click=add>{format!("Add {}", noun.to_lowercase())}</button>
        </div>
    }
}

/// Roles at organisations, with optional start and end days.
#[component]
pub fn RoleRows(rows: Keyed<RoleInput>) -> impl IntoView {
    let add = move |_| rows.update(|r| r.push((next_key(), RoleInput::default())));
    view! {
        <div class="rows">
            {each_row(rows, move |key, row| {
                let pos = move || position(rows, key);
                let id = move |part: &'static str| move || format!("person-role-{}-{part}", pos());
                let name = move |noun: &'static str| move || numbered(noun, pos());
                view! {
                    <div class="role-row">
                        <TextField id=id("organisation") label=name("Organisation") list="organisation-names"
                            value=Binding::new(row.organisation.clone(), move |t| edit(rows, key, |v| v.organisation = t))/>
                        <TextField id=id("title") label=name("Role") placeholder="e.g. Head of buying"
                            value=Binding::new(row.title.clone(), move |t| edit(rows, key, |v| v.title = t))/>
                        <DateField id=id("since") label=name("Since") class="field--date"
                            value=Binding::new(row.since.clone(), move |t| edit(rows, key, |v| v.since = t))/>
                        <DateField id=id("until") label=name("Until") class="field--date"
                            value=Binding::new(row.until.clone(), move |t| edit(rows, key, |v| v.until = t))/>
                        <button type="button" class="icon-button role-row__remove"
                            aria-label=move || format!("Remove {}", name("role")())
                            on:click=move |_| rows.update(|r| r.retain(|(k, _)| *k != key))>"×"</button>
                    </div>
                }.into_any()
            })}
            <button type="button" class="link-button" on:click=add>"Add another role"</button>
        </div>
    }
}
