//! The companies list, with each company's nearest planned activity.

use dela_core::company::Company;
use leptos::prelude::*;

use crate::components::card_list::{load_cards, CardList};
use crate::components::clients::responsible_or_status;
use crate::i18n::Key;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let cells = |company: &Company| {
        view! {
            <td>{company.client.phones.first().map(|p| p.value.clone())}</td>
            <td>{responsible_or_status(&company.client)}</td>
        }
        .into_any()
    };
    view! { <CardList rows={load_cards::<Company>()} columns=&[Key::Title, Key::Phone, Key::Responsible] cells /> }
}
