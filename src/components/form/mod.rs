//! The fields every form is built from: text, multi-line text, a choice
//! from a list, a date, and (in `rows`) lists of repeated values such as
//! emails and phones. Writing the markup once keeps the look, the ids and
//! the accessible names the same on every form.
//!
//! Each field renders
//! `<div class="field [class]"><label for=ID>LABEL</label><CONTROL id=ID …>
//! [<p class="field__hint" id="ID-hint">HINT</p>]</div>`.
//! Invariants:
//! - the label's text is the control's accessible name (the end-to-end
//!   tests find controls by it), so a field never renders a second name
//!   (no `aria-label`);
//! - the hint, and the form's error message while this field is the one at
//!   fault, describe the control (`aria-describedby`), and a field at fault
//!   is `aria-invalid="true"`;
//! - the components are not generic, so each is compiled once however many
//!   forms use it (the wasm stays small).

pub mod rows;

use leptos::prelude::*;
use std::sync::Arc;

/// Where a field reads its text and where what is typed goes. Plain
/// shared closures rather than signals: every field reads through the same
/// compiled code, whatever it is bound to.
#[derive(Clone)]
pub struct Binding {
    read: Arc<dyn Fn() -> String + Send + Sync>,
    write: Arc<dyn Fn(String) + Send + Sync>,
}

impl Binding {
    /// A field that starts with `initial` and hands each change to `write`
    /// without reading it back (repeated rows edit their list in place, so
    /// typing never re-renders the list).
    pub fn new(initial: String, write: impl Fn(String) + Send + Sync + 'static) -> Self {
        Self {
            read: Arc::new(move || initial.clone()),
            write: Arc::new(write),
        }
    }

    /// A field over a value that is not text: `read` says it as the text
    /// the field shows (an option's `value`), `write` takes the text back.
    pub fn derived(
        read: impl Fn() -> String + Send + Sync + 'static,
        write: impl Fn(String) + Send + Sync + 'static,
    ) -> Self {
        Self {
            read: Arc::new(read),
            write: Arc::new(write),
        }
    }
}

impl From<RwSignal<String>> for Binding {
    fn from(value: RwSignal<String>) -> Self {
        Self::derived(move || value.get(), move |text| value.set(text))
    }
}

/// Ties a field to its form's error message: while `at_fault` holds, the
/// field is marked invalid and described by the element `message_id`
/// (a [`FormError`] with that id).
#[derive(Clone, Copy)]
pub struct FieldError {
    /// Whether the form's current error is about this field.
    pub at_fault: Signal<bool>,
    /// The id of the element that says what is wrong.
    pub message_id: &'static str,
}

fn shell_class(class: &'static str) -> String {
    if class.is_empty() {
        "field".to_owned()
    } else {
        format!("field {class}")
    }
}

/// A reactive string as a closure giving `String`, the type the app's
/// other views already render (so no extra render code is compiled).
fn text(prop: &TextProp) -> impl Fn() -> String + Send + Sync + 'static {
    let prop = prop.clone();
    move || prop.get().to_string()
}

fn hint_id(id: &TextProp) -> String {
    format!("{}-hint", id.get())
}

/// `aria-describedby`: the hint, then the error message while at fault.
fn described_by(
    id: TextProp,
    hint: Option<&'static str>,
    error: Option<FieldError>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(hint_id(&id));
        }
        if let Some(e) = error.filter(|e| e.at_fault.get()) {
            ids.push(e.message_id.to_owned());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// `aria-invalid`: present (and "true") only while the field is at fault.
fn invalid(error: Option<FieldError>) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    move || error.filter(|e| e.at_fault.get()).map(|_| "true")
}

fn hint_view(id: &TextProp, hint: Option<&'static str>) -> impl IntoView {
    hint.map(|text| view! { <p class="field__hint" id=hint_id(id)>{text}</p> })
}

/// A labelled single-line input (`type` text unless `kind` says otherwise).
#[component]
pub fn TextField(
    /// The input's id; the label points at it.
    #[prop(into)]
    id: TextProp,
    /// The visible label, which is also the input's accessible name.
    #[prop(into)]
    label: TextProp,
    /// What the input shows, and where typing goes.
    #[prop(into)]
    value: Binding,
    /// The input's `type`: "date", "time", "search", "password"...
    #[prop(optional)]
    kind: Option<&'static str>,
    /// Example text shown while empty.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// Help shown under the input, and read with it.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The browser's autofill; "off" unless given, since Kith's fields are
    /// about other people and the user's own details are never right.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// The on-screen keyboard to offer, e.g. "numeric".
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Extra classes on the field, e.g. "field--narrow".
    #[prop(optional)]
    class: &'static str,
    /// The form's error, when it can be about this field.
    #[prop(optional)]
    error: Option<FieldError>,
    /// More inside the field, after the input (a datalist, a picker).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let Binding { read, write } = value;
    view! {
        <div class=shell_class(class)>
            <label for=text(&id)>{text(&label)}</label>
            <input id=text(&id) type=kind placeholder=placeholder autocomplete=autocomplete
                inputmode=inputmode list=list
                aria-invalid=invalid(error) aria-describedby=described_by(id.clone(), hint, error)
                prop:value=move || read()
                on:input=move |ev| write(event_target_value(&ev))/>
            {children.map(|c| c())}
            {hint_view(&id, hint)}
        </div>
    }
}

/// A labelled date input.
#[component]
pub fn DateField(
    /// The input's id; the label points at it.
    #[prop(into)]
    id: TextProp,
    /// The visible label, which is also the input's accessible name.
    #[prop(into)]
    label: TextProp,
    /// The day as "YYYY-MM-DD" (empty when none), and where changes go.
    #[prop(into)]
    value: Binding,
    /// Extra classes on the field, e.g. "field--date".
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! { <TextField id label value kind="date" class/> }
}

/// A labelled multi-line input.
#[component]
pub fn TextArea(
    /// The textarea's id; the label points at it.
    #[prop(into)]
    id: TextProp,
    /// The visible label, which is also the textarea's accessible name.
    #[prop(into)]
    label: TextProp,
    /// What the textarea shows, and where typing goes.
    #[prop(into)]
    value: Binding,
    /// Visible lines.
    #[prop(default = 3)]
    rows: u32,
    /// Help shown under the textarea, and read with it.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The form's error, when it can be about this field.
    #[prop(optional)]
    error: Option<FieldError>,
) -> impl IntoView {
    let Binding { read, write } = value;
    view! {
        <div class="field">
            <label for=text(&id)>{text(&label)}</label>
            <textarea id=text(&id) rows=rows
                aria-invalid=invalid(error) aria-describedby=described_by(id.clone(), hint, error)
                prop:value=move || read()
                on:input=move |ev| write(event_target_value(&ev))></textarea>
            {hint_view(&id, hint)}
        </div>
    }
}

/// A labelled choice from a list. The options are data, not views, so
/// every select in the app shares one compiled view.
#[component]
pub fn SelectField(
    /// The select's id; the label points at it.
    #[prop(into)]
    id: TextProp,
    /// The visible label, which is also the select's accessible name.
    #[prop(into)]
    label: TextProp,
    /// The chosen option's `value`, and where a new choice goes.
    #[prop(into)]
    value: Binding,
    /// `(value, text)` of each option, in order.
    options: Vec<(String, String)>,
    /// Help shown under the select, and read with it.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Extra classes on the field, e.g. "field--inline".
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let Binding { read, write } = value;
    view! {
        <div class=shell_class(class)>
            <label for=text(&id)>{text(&label)}</label>
            <select id=text(&id) aria-describedby=described_by(id.clone(), hint, None)
                on:change=move |ev| write(event_target_value(&ev))>
                {options.into_iter().map(|(key, text)| {
                    let (read, mine) = (read.clone(), key.clone());
                    view! { <option value=key selected=move || read() == mine>{text}</option> }
                }).collect_view()}
            </select>
            {hint_view(&id, hint)}
        </div>
    }
}

/// A form's error message (`role="alert"`, so it is read out when it
/// appears); nothing while there is none.
#[component]
pub fn FormError(
    /// The message to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// An id for fields to point at (see [`FieldError`]).
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    move || {
        error
            .get()
            .map(|e| view! { <p class="form__error" role="alert" id=id>{e}</p> })
    }
}
