//! Registers the service worker that keeps the app shell available offline
//! (see `sw.js`, whose cache name is stamped per build).

use wasm_bindgen_futures::JsFuture;

pub fn register() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    leptos::task::spawn_local(async move {
        if let Err(error) = JsFuture::from(container.register("/sw.js")).await {
            web_sys::console::warn_2(&"Dela: offline support is unavailable:".into(), &error);
        }
    });
}
