//! My activities, the home page: what to do now.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::MyActivities)}</h1>
        <p class="empty">{tr(Key::ActivitiesEmpty)}</p>
    }
}
