//! Follow-ups on their own: one open follow-up as a row (Done, Edit,
//! Delete; the edit form opens in place), and the form that adds one
//! without logging anything. The Follow-ups screen and a person's page
//! both use them; the rules are the core's.

use super::form::{FormError, TextField};
use crate::platform;
use crate::state::use_kith;
use kith_core::{ContactId, Task};
use leptos::prelude::*;

/// A day as the date input wants it.
fn day_value(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// One open follow-up: what, (with whom), when, and what can be done to it.
#[component]
pub fn FollowUpItem(
    /// The follow-up as stored.
    task: Task,
    /// Whether to name (and link) the people it is with.
    #[prop(optional)]
    show_people: bool,
) -> impl IntoView {
    let kith = use_kith();
    let today = platform::today();
    let editing = RwSignal::new(false);
    crate::components::escape::close_on_escape(editing);
    let text = RwSignal::new(task.text.clone());
    let due = RwSignal::new(day_value(task.due));
    let error = RwSignal::new(None::<String>);
    let people = show_people.then(|| {
        kith.directory.with_untracked(|d| {
            task.contact_ids
                .iter()
                .filter_map(|id| d.contact(id).map(|c| (id.clone(), c.name.clone())))
                .collect::<Vec<_>>()
        })
    });
    let late = task.is_late(today);
    let when = task.due_words(today);
    let title = task.text.clone();
    let task = StoredValue::new(task);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result =
            task.with_value(|t| kith.edit_task(t, &text.get_untracked(), &due.get_untracked()));
        match result {
            Ok(()) => {
                error.set(None);
                editing.set(false);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <li class="member follow-up">
            <div class="member__main">
                <span class="member__name">{title.clone()}</span>
                {people.map(|people| view! {
                    <span class="member__role">
                        {people.into_iter().enumerate().map(|(i, (id, name))| view! {
                            {(i > 0).then_some(", ")}
                            <a href=platform::at(format!("/people/{id}"))>{name}</a>
                        }).collect_view()}
                    </span>
                })}
            </div>
            <span class="status" class:status--overdue=late class:status--due=!late>{when}</span>
            <div class="follow-up__actions">
                <button class="button button--small" aria-label=format!("Done: {title}")
                    on:click=move |_| task.with_value(|t| kith.complete_task(t))>"Done"</button>
                <button class="button button--small button--quiet" aria-label=format!("Edit: {title}")
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>"Edit"</button>
                <button class="button button--small button--quiet" aria-label=format!("Delete: {title}")
                    on:click=move |_| task.with_value(|t| kith.delete_task(t))>"Delete"</button>
            </div>
            <Show when=move || editing.get()>
                <form class="subform follow-up__edit" on:submit=save>
                    <TextField id="task-edit-text" label="Follow-up" value=text/>
                    <TextField id="task-edit-due" label="Due on" value=due kind="date" class="field--narrow"/>
                    <FormError error/>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">"Save changes"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| editing.set(false)>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </li>
    }
}

/// Adds a follow-up with `people` without logging an interaction; due in a
/// week unless the user picks another day.
#[component]
pub fn AddFollowUp(
    /// Whom it is with.
    people: Vec<ContactId>,
    /// Open while adding; closed on save or cancel.
    open: RwSignal<bool>,
) -> impl IntoView {
    let kith = use_kith();
    let text = RwSignal::new(String::new());
    let week = platform::today() + chrono::Days::new(7);
    let due = RwSignal::new(day_value(week));
    let error = RwSignal::new(None::<String>);
    let people = StoredValue::new(people);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result =
            people.with_value(|p| kith.add_task(p, &text.get_untracked(), &due.get_untracked()));
        match result {
            Ok(()) => {
                text.set(String::new());
                due.set(day_value(week));
                error.set(None);
                open.set(false);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="subform" on:submit=save>
            <TextField id="follow-up-text" label="What to follow up on" value=text
                placeholder="e.g. Send the proposal"/>
            <TextField id="follow-up-due" label="Due on" value=due kind="date" class="field--narrow"/>
            <FormError error/>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save follow-up"</button>
                <button type="button" class="button button--quiet" on:click=move |_| open.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}
