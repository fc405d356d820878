//! Sub-forms: the small forms that open inside a page (log an interaction,
//! add a date, change the timer). Three promises:
//! - one is open at a time: opening another closes the open one, unless
//!   it holds unsaved typing;
//! - unsaved typing is never thrown away without asking: Esc (or opening
//!   another form) on a half-filled form asks "Discard?" inside it;
//! - closing returns focus to whatever opened the form.
//!
//! Every [`SubForm`] of the page shares one [`Forms`] (provided by the
//! app; a page without it gets its own).

use crate::components::show::Show;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The sub-form open on the page, if any.
#[derive(Clone, Copy, Default)]
pub struct Forms {
    open: RwSignal<Option<Open>>,
    next: StoredValue<usize>,
}

/// What the page knows of the open form: who it is, whether it holds
/// unsaved typing, and its question.
#[derive(Clone, Copy, PartialEq)]
struct Open {
    id: usize,
    dirty: Signal<bool>,
    asking: RwSignal<bool>,
}

impl Forms {
    pub fn provide() {
        provide_context(Forms::default());
    }

    fn get() -> Forms {
        use_context::<Forms>().unwrap_or_default()
    }
}

/// One sub-form; `Copy`, so event handlers take it freely.
#[derive(Clone, Copy)]
pub struct SubForm {
    id: usize,
    forms: Forms,
    dirty: Signal<bool>,
    /// Showing "Discard what you typed?".
    pub asking: RwSignal<bool>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl SubForm {
    /// A closed sub-form whose unsaved typing `dirty` tells. Esc closes it
    /// (or asks) for as long as the calling component lives.
    pub fn new(dirty: impl Fn() -> bool + Send + Sync + 'static) -> SubForm {
        let forms = Forms::get();
        let id = forms.next.get_value() + 1;
        forms.next.set_value(id);
        let form = SubForm {
            id,
            forms,
            dirty: Signal::derive(dirty),
            asking: RwSignal::new(false),
            opener: StoredValue::new_local(None),
        };
        let key = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && form.is_open_untracked() {
                ev.prevent_default();
                form.escape();
            }
        });
        on_cleanup(move || {
            key.remove();
            if form.is_open_untracked() {
                forms.open.set(None);
            }
        });
        form
    }

    /// Whether this form is open (tracked).
    pub fn is_open(&self) -> bool {
        self.forms.open.with(|o| o.is_some_and(|o| o.id == self.id))
    }

    pub fn is_open_untracked(&self) -> bool {
        self.forms
            .open
            .with_untracked(|o| o.is_some_and(|o| o.id == self.id))
    }

    /// Opens this form, closing the open one; when that one holds unsaved
    /// typing, it asks instead and this stays closed (`false`).
    pub fn open(&self) -> bool {
        if self.is_open_untracked() {
            return true;
        }
        let other = self.forms.open.get_untracked();
        if let Some(other) = other {
            let unsaved = other.dirty.try_get_untracked().unwrap_or(false);
            if unsaved && other.asking.try_set(true).is_none() {
                return false;
            }
        }
        self.opener.set_value(active_element());
        self.asking.set(false);
        self.forms.open.set(Some(Open {
            id: self.id,
            dirty: self.dirty,
            asking: self.asking,
        }));
        true
    }

    /// Closes this form (saved or discarded) and gives focus back to what
    /// opened it.
    pub fn close(&self) {
        if !self.is_open_untracked() {
            return;
        }
        self.asking.set(false);
        self.forms.open.set(None);
        if let Some(el) = self.opener.get_value() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    }

    /// The opener's button: opens (then `fill`s the form), or closes
    /// (asking first if need be).
    pub fn toggle_with(&self, fill: impl FnOnce()) {
        if self.is_open_untracked() {
            self.escape();
        } else if self.open() {
            fill();
        }
    }

    /// Esc: a question already showing is answered "keep editing"; a form
    /// with unsaved typing asks; any other closes.
    fn escape(&self) {
        if self.asking.get_untracked() {
            self.asking.set(false);
        } else if self.dirty.get_untracked() {
            self.asking.set(true);
        } else {
            self.close();
        }
    }
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// "Discard what you typed?" inside a form with unsaved typing: Discard
/// closes it, Keep editing goes back to it.
#[component]
pub fn DiscardPrompt(form: SubForm) -> impl IntoView {
    // Focus goes to "Keep editing" and stays in the question until it is
    // answered; then back to where the typing was.
    let dialog = crate::components::dialog::focus_inside(move || form.asking.get());
    view! {
        <Show when=move || form.asking.get()>
            <div class="discard" role="alertdialog" aria-labelledby="discard-text"
                node_ref=dialog on:keydown=crate::components::dialog::trap_tab>
                <p id="discard-text">"Discard what you typed here?"</p>
                <button type="button" class="button button--danger" on:click=move |_| form.close()>"Discard"</button>
                <button type="button" class="button" on:click=move |_| form.asking.set(false)>
                    "Keep editing"
                </button>
            </div>
        </Show>
    }
}
