//! Kith in the browser: the Leptos UI and the IndexedDB storage edge around
//! the plain-Rust domain in `kith-core`.

pub mod app;
pub mod components;
pub mod crypto;
pub mod pages;
pub mod photo;
pub mod platform;
pub mod state;
pub mod storage;

/// Mounts the app on the page; called by `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    platform::apply_theme(platform::load_theme());
    leptos::mount::mount_to_body(app::App);
}
