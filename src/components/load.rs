//! Loading data from IndexedDB into a view.
//!
//! A lighter stand-in for `LocalResource` + `Suspense`: the async machinery
//! of those is generic per data type and weighed heavily on the wasm size.
//! The signal holds `None` until the first load, then keeps the last value
//! while a reload runs, so lists do not flash.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// Runs `fetch` now and again whenever a signal it reads (synchronously)
/// changes; the newest result wins even if an older one arrives later.
pub fn load<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> ReadSignal<Option<T>, LocalStorage>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let (value, set_value) = signal_local(None);
    let generation = Rc::new(Cell::new(0u64));
    Effect::new(move |_| {
        let future = fetch();
        let current = generation.get() + 1;
        generation.set(current);
        let generation = generation.clone();
        spawn_local(async move {
            let loaded = future.await;
            if generation.get() == current {
                set_value.try_set(Some(loaded));
            }
        });
    });
    value
}

/// What a view shows until its first load finishes.
pub fn loading() -> AnyView {
    view! { <p role="status" class="muted">{crate::i18n::tr(crate::i18n::Key::Loading)}</p> }.into_any()
}
