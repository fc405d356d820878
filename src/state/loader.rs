//! Reading from storage into a signal, again whenever what the read
//! tracks changes (usually `kith.revision`, bumped after every write).
//! The signal is `None` until the first read lands, then holds the newest
//! read's result, kept while the next read runs. A read started later
//! always wins: an older read that finishes late is dropped. A failed read
//! is a value like any other (`Err`), so screens show it as such.
//!
//! Why not `LocalResource`: each `LocalResource::new` compiles its own copy
//! of the async-derived machinery (several kB of wasm per call site). Here
//! the driving is one non-generic function behind boxed closures, and each
//! call site adds only the small closure that reads and stores its value.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A value read from storage: `None` until the first read lands.
pub type Loaded<T> = ReadSignal<Option<T>>;

/// Stores a finished read's result (or not, when a newer read started).
type Commit = Box<dyn FnOnce()>;
/// Starts a read (tracking what it reads synchronously) and returns it.
type Read = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Commit>>>>;

/// Runs `read` now and again whenever a signal it reads before its first
/// `.await` changes (as `LocalResource::new` does), holding the newest
/// result.
pub fn load<T, F>(read: impl Fn() -> F + 'static) -> Loaded<T>
where
    T: Send + Sync + 'static,
    F: Future<Output = T> + 'static,
{
    let value = RwSignal::new(None);
    drive(Box::new(move || {
        let pending = read();
        Box::pin(async move {
            let result = pending.await;
            Box::new(move || {
                // The screen may have gone while the read ran.
                let _ = value.try_set(Some(result));
            }) as Commit
        })
    }));
    value.read_only()
}

/// The one compiled copy of the driving: an effect that starts each read
/// and commits only the newest one's result.
fn drive(read: Read) {
    let latest = Rc::new(Cell::new(0u64));
    crate::reactive::effect(move |_| {
        let pending = read();
        let run = latest.get() + 1;
        latest.set(run);
        let latest = Rc::clone(&latest);
        spawn_local(async move {
            let commit = pending.await;
            if latest.get() == run {
                commit();
            }
        });
    });
}
