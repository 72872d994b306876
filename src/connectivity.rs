//! The online indicator: whether the sync server answers, not merely whether
//! the browser thinks it has a network (on a laptop with Wi-Fi but a server
//! that is down, the browser says "online").

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestInit, Response};

const POLL: Duration = Duration::from_secs(10);

async fn server_answers() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoStore);
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init("/api/health", &init)).await else {
        return false;
    };
    response.dyn_into::<Response>().is_ok_and(|response| response.ok())
}

/// A signal kept true while the server answers, checked now, every few
/// seconds, and whenever the browser reports a network change.
pub fn watch() -> RwSignal<bool> {
    let online = RwSignal::new(web_sys::window().is_some_and(|w| w.navigator().on_line()));
    let check = move || {
        spawn_local(async move {
            let answers = server_answers().await;
            if online.try_get_untracked() != Some(answers) {
                online.try_set(answers);
            }
        })
    };
    check();
    set_interval(check, POLL);
    // These handles live as long as the page, like the shell itself.
    std::mem::forget(window_event_listener(ev::online, move |_| check()));
    std::mem::forget(window_event_listener(ev::offline, move |_| {
        online.try_set(false);
    }));
    online
}
