//! The Dela app: a Leptos single-page app compiled to WebAssembly, keeping
//! its data in IndexedDB. Domain rules live in `dela-core`; this crate
//! displays, stores and schedules.

pub mod app;
pub mod clock;
pub mod components;
pub mod connectivity;
pub mod desktop;
pub mod errors;
pub mod i18n;
pub mod ids;
pub mod labels;
pub mod pages;
pub mod perf;
pub mod routes;
pub mod scheduler;
pub mod service_worker;
pub mod session;
pub mod store;
pub mod zone;

#[cfg(feature = "bench")]
pub mod bench;

/// Entry point of the browser build.
pub fn start() {
    // Where the app's own work starts: the wasm is fetched and compiled.
    perf::mark("dela:start");
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
