//! A section whose lists arrive in a later version: its heading, and an
//! honest note instead of a fake list.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

#[component]
pub fn SectionPage(title: Key) -> impl IntoView {
    view! {
        <h1>{tr(title)}</h1>
        <p class="empty">{tr(Key::SectionComingSoon)}</p>
    }
}
