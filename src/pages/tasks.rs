//! Tasks: the section exists in the menu; its lists arrive with the tasks
//! issue (the domain is ready in `dela_core::tasks`).

use leptos::prelude::*;

use crate::i18n::{tr, Key};

#[component]
pub fn TasksPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::Tasks)}</h1>
        <p class="empty">{tr(Key::SectionComingSoon)}</p>
    }
}
