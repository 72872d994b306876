//! The nearest planned activity of a card in a list: pink when planned,
//! red when overdue, marked when there is none (the card is abandoned).

use dela_core::discipline::{mark, PlannedMark};
use dela_core::Timestamp;
use leptos::prelude::*;

use super::time::format_instant;
use crate::clock;
use crate::i18n::{tr, use_lang, Key};

#[component]
pub fn NextActivity(next: Option<Timestamp>) -> impl IntoView {
    let lang = use_lang();
    match mark(next, clock::now()) {
        PlannedMark::Planned(at) => {
            view! { <span class="mark mark--planned">{move || format_instant(at, lang.get())}</span> }
                .into_any()
        }
        PlannedMark::Overdue(at) => {
            view! { <span class="mark mark--overdue">{move || format_instant(at, lang.get())}</span> }
                .into_any()
        }
        PlannedMark::None => {
            view! { <span class="mark mark--none">{tr(Key::NoPlannedActivity)}</span> }.into_any()
        }
    }
}
