//! Follow-ups on their own: the open ones read from storage (one reader for
//! Today, a person's page and their brief), a list of them a page at a
//! time, each a row with Done, Edit and Delete (the edit form opens in
//! place), and the one form that adds or edits a follow-up without logging
//! anything. The rules are the core's. The forms are sub-forms
//! (components/subform.rs): one open at a time, Esc asks before throwing
//! typing away.

use super::form::{FormError, TextField};
use super::subform::{DiscardPrompt, SubForm};
use crate::platform;
use crate::state::use_kith;
use kith_core::calendar::Words;
use kith_core::{ContactId, Task};
use leptos::prelude::*;

/// Rows a list shows at first, and adds with each "Show more".
const PAGE: usize = 50;

/// Open follow-ups, read again after every write: everyone's (`of` is
/// `None`) or one person's, soonest first. Loading (`None`), read, or
/// failed in words, never taken for "none".
pub fn open_tasks(of: Option<ContactId>) -> crate::state::Loaded<Result<Vec<Task>, String>> {
    let kith = use_kith();
    let of = StoredValue::new(of);
    crate::state::load(move || {
        kith.revision.track();
        async move {
            kith.every_open_task(of.get_value())
                .await
                .map_err(|e| e.to_string())
        }
    })
}

/// Follow-ups, `PAGE` at a time with "Show more", each with its actions.
#[component]
pub fn FollowUpList(
    /// The follow-ups, in order.
    tasks: Signal<Vec<Task>>,
    /// The list's accessible name.
    label: &'static str,
    /// Whether each names the people it is with.
    #[prop(optional)]
    show_people: bool,
) -> impl IntoView {
    let shown = RwSignal::new(PAGE);
    let left = move || tasks.with(Vec::len).saturating_sub(shown.get());
    view! {
        <ul class="members" aria-label=label>
            {move || tasks.get().into_iter().take(shown.get()).map(|task| view! {
                <FollowUpItem task show_people/>
            }).collect_view()}
        </ul>
        {move || (left() > 0).then(|| view! {
            <button class="button button--small follow-up__more" on:click=move |_| shown.update(|n| *n += PAGE)>
                {format!("Show more ({} left)", left())}
            </button>
        })}
    }
}

/// A day as the date input wants it.
fn day_value(day: chrono::NaiveDate) -> String {
    day.words("%Y-%m-%d").to_string()
}

/// What the form starts from: the words and day of the follow-up being
/// edited, or nothing and a week from today.
fn start(task: Option<&Task>) -> (String, String) {
    match task {
        Some(t) => (t.text.clone(), day_value(t.due)),
        None => (
            String::new(),
            day_value(platform::today() + chrono::Days::new(7)),
        ),
    }
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
    let people = show_people.then(|| {
        kith.directory.with_untracked(|d| {
            let names: Vec<_> = task
                .contact_ids
                .iter()
                .filter_map(|id| d.contact(id).map(|c| c.name.clone()))
                .collect();
            names.join(", ")
        })
    });
    let late = task.is_late(today);
    let when = task.due_words(today);
    let title = task.text.clone();
    let stored = StoredValue::new(task);
    let (text, due) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let editing = SubForm::new(move || {
        let (t, d) = stored.with_value(|t| start(Some(t)));
        text.with(|x| *x != t) || due.with(|x| *x != d)
    });
    view! {
        <li class="member follow-up">
            <div class="member__main">
                <span class="member__name">{stored.with_value(Task::sentence)}</span>
                {people.map(|who| view! { <span class="member__role">{who}</span> })}
            </div>
            <span class="status" class:status--overdue=late class:status--due=!late>{when}</span>
            <div class="follow-up__actions">
                <button class="button button--small" aria-label=format!("Done: {title}")
                    on:click=move |_| stored.with_value(|t| kith.complete_task(t))>"Done"</button>
                <button class="button button--small button--quiet" aria-label=format!("Edit: {title}")
                    on:click=move |_| editing.toggle_with(|| {
                        let (t, d) = stored.with_value(|t| start(Some(t)));
                        text.set(t);
                        due.set(d);
                    })>"Edit"</button>
                <button class="button button--small button--quiet" aria-label=format!("Delete: {title}")
                    on:click=move |_| stored.with_value(|t| kith.delete_task(t))>"Delete"</button>
            </div>
            {move || editing.is_open().then(|| view! {
                <FollowUpForm form=editing text due task=stored.get_value().into() people=Vec::new()/>
            })}
        </li>
    }
}

/// Adds a follow-up with `people` (when `task` is `None`) or changes
/// `task`'s words and day; closes `form` once saved.
#[component]
pub fn FollowUpForm(
    /// The sub-form this is.
    form: SubForm,
    /// The words, as typed.
    text: RwSignal<String>,
    /// The day, `YYYY-MM-DD`.
    due: RwSignal<String>,
    /// The follow-up being edited; `None` adds one.
    task: Option<Task>,
    /// Whom a new follow-up is with.
    people: Vec<ContactId>,
) -> impl IntoView {
    let kith = use_kith();
    let error = RwSignal::new(None::<String>);
    let editing = task.is_some();
    let target = StoredValue::new((task, people));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (t, d) = (text.get_untracked(), due.get_untracked());
        let result = target.with_value(|(task, people)| match task {
            Some(task) => kith.edit_task(task, &t, &d),
            None => kith.add_task(people, &t, &d),
        });
        match result {
            Ok(()) => {
                error.set(None);
                form.close();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="subform follow-up__edit" on:submit=save>
            <DiscardPrompt form/>
            <TextField id=if editing { "task-edit-text" } else { "follow-up-text" }
                label=if editing { "Follow-up" } else { "What to follow up on" } value=text
                placeholder="e.g. Send the proposal"/>
            <TextField id=if editing { "task-edit-due" } else { "follow-up-due" }
                label="Due on" value=due kind="date" class="field--narrow"/>
            <FormError error/>
            <div class="form__actions">
                <button type="submit" class="button button--primary">{if editing { "Save changes" } else { "Save follow-up" }}</button>
                <button type="button" class="button button--quiet" on:click=move |_| form.close()>"Cancel"</button>
            </div>
        </form>
    }
}

/// A new follow-up's form, starting empty and due in a week.
pub fn fresh(text: RwSignal<String>, due: RwSignal<String>) {
    let (t, d) = start(None);
    text.set(t);
    due.set(d);
}
