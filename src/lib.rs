//! Kith in the browser: the Leptos UI and the IndexedDB storage edge around
//! the plain-Rust domain in `kith-core`.

pub mod app;
pub mod components;
pub mod crypto;
pub mod pages;
pub mod photo;
pub mod platform;
pub mod reactive;
pub mod router;
pub mod state;
pub mod storage;

/// Mounts the app on the page; called by `main`.
pub fn start() {
    // A panic's message in the console (the trap that follows shows where);
    // console_error_panic_hook also captured a JS stack, for 0.7 kB of wasm.
    std::panic::set_hook(Box::new(|panic| {
        web_sys::console::error_1(&panic.to_string().into());
    }));
    platform::apply_theme(platform::load_theme());
    leptos::mount::mount_to_body(app::App);
}
