//! Awaiting one IndexedDB request, and turning the browser's errors into
//! [`StoreError`]s.
//!
//! Every request is awaited through a JS promise whose resolve/reject are
//! the request's own handlers, so no Rust closure can outlive its request,
//! and the awaiting code resumes in the same microtask checkpoint, while the
//! transaction is still active.

use js_sys::Promise;
use kith_core::store::StoreError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbRequest};

/// Awaits a request's success (its result) or failure.
pub(super) async fn settle(req: &IdbRequest) -> Result<JsValue, StoreError> {
    let outcome = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    match JsFuture::from(outcome).await {
        Ok(_) => req.result().map_err(js_error),
        Err(event) => {
            if let Some(ev) = event.dyn_ref::<web_sys::Event>() {
                // Handled here; keep the browser from also aborting silently.
                ev.prevent_default();
            }
            Err(req
                .error()
                .ok()
                .flatten()
                .map(dom_error)
                .unwrap_or_else(|| js_error(event)))
        }
    }
}

pub(super) fn dom_error(e: DomException) -> StoreError {
    match e.name().as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "VersionError" => StoreError::NewerSchema,
        "InvalidStateError" => StoreError::Closed,
        _ => StoreError::Other(format!("{}: {}", e.name(), e.message())),
    }
}

pub(super) fn js_error(e: JsValue) -> StoreError {
    match e.dyn_into::<DomException>() {
        Ok(dom) => dom_error(dom),
        Err(other) => StoreError::Other(format!("{other:?}")),
    }
}
