//! The online indicator: whether the sync server answers, not merely whether
//! the browser thinks it has a network (on a laptop with Wi-Fi but a server
//! that is down, the browser says "online").

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestInit, Response};

const POLL: Duration = Duration::from_secs(10);
/// A server that takes longer than this to answer counts as unreachable: a
/// hung connection (a captive portal, a stalled proxy) must not leave the
/// indicator on "online" forever.
const TIMEOUT: Duration = Duration::from_secs(5);

async fn server_answers() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoStore);
    if let Ok(controller) = AbortController::new() {
        init.set_signal(Some(&controller.signal()));
        set_timeout(move || controller.abort(), TIMEOUT);
    }
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init("/api/health", &init)).await else {
        return false;
    };
    response.dyn_into::<Response>().is_ok_and(|response| response.ok())
}

fn hidden() -> bool {
    web_sys::window().and_then(|window| window.document()).is_some_and(|document| document.hidden())
}

/// A signal kept true while the server answers, checked now, every few
/// seconds while the tab is seen (a hidden tab asks nothing), when it is
/// shown again, and whenever the browser reports a network change.
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
    set_interval(
        move || {
            if !hidden() {
                check();
            }
        },
        POLL,
    );
    std::mem::forget(window_event_listener(ev::visibilitychange, move |_| {
        if !hidden() {
            check();
        }
    }));
    // These handles live as long as the page, like the shell itself.
    std::mem::forget(window_event_listener(ev::online, move |_| check()));
    std::mem::forget(window_event_listener(ev::offline, move |_| {
        online.try_set(false);
    }));
    online
}
