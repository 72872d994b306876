//! The leads list.

use dela_core::lead::Lead;
use leptos::prelude::*;

use crate::components::card_list::{load_cards, CardList};
use crate::i18n::{use_lang, Key};
use crate::labels::Label;
use crate::session::use_session;

#[component]
pub fn LeadsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let cells = move |lead: &Lead| {
        let status = lead.status.label();
        view! {
            <td>{move || status.text(lang.get())}</td>
            <td>{session.name_of(&lead.responsible)}</td>
        }
        .into_any()
    };
    view! { <CardList rows={load_cards::<Lead>()} columns=&[Key::Title, Key::Status, Key::Responsible] cells /> }
}
