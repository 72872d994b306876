//! Performance marks the browser benchmark reads (`performance` entries
//! named `dela:*`). They cost a call each and tell real users' tools the
//! same story.

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

pub fn mark(name: &str) {
    if let Some(performance) = performance() {
        let _ = performance.mark(name);
    }
}

/// Records `name` as the time between the marks `name-start` and `name-end`.
pub fn measure(name: &str) {
    if let Some(performance) = performance() {
        let _ = performance.measure_with_start_mark_and_end_mark(
            name,
            &format!("{name}-start"),
            &format!("{name}-end"),
        );
    }
}

/// Marks `name` once the browser is about to paint what was just rendered.
pub fn mark_painted(name: &'static str) {
    leptos::prelude::request_animation_frame(move || mark(name));
}

/// Marks `name-end` when the browser is about to paint what was just
/// rendered, and records `name` as the time from `name-start` to then.
pub fn measure_painted(name: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        mark(&format!("{name}-end"));
        measure(name);
    });
}
