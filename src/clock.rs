//! The app's one source of "now". Components and rules never read the
//! system time themselves, so that end-to-end tests (and the trainers'
//! practicum) can set the clock: a shift in milliseconds kept in
//! `localStorage["dela.clock.offset"]` is added to the browser's time.

use std::cell::Cell;

use dela_core::Timestamp;

const OFFSET_KEY: &str = "dela.clock.offset";

thread_local! {
    static OFFSET: Cell<Option<i64>> = const { Cell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn offset() -> i64 {
    OFFSET.with(|cached| {
        cached.get().unwrap_or_else(|| {
            let stored = storage()
                .and_then(|s| s.get_item(OFFSET_KEY).ok().flatten())
                .and_then(|text| text.trim().parse().ok())
                .unwrap_or(0);
            cached.set(Some(stored));
            stored
        })
    })
}

pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64 + offset())
}

/// Sets the clock so that "now" reads `at`; kept across reloads.
pub fn set_now(at: Timestamp) {
    let shift = at.millis() - js_sys::Date::now() as i64;
    OFFSET.with(|cached| cached.set(Some(shift)));
    if let Some(storage) = storage() {
        let _ = storage.set_item(OFFSET_KEY, &shift.to_string());
    }
}

/// Back to the browser's own time.
pub fn reset() {
    OFFSET.with(|cached| cached.set(Some(0)));
    if let Some(storage) = storage() {
        let _ = storage.remove_item(OFFSET_KEY);
    }
}

pub fn is_shifted() -> bool {
    offset() != 0
}
