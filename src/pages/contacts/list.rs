//! The contacts list, with each contact's nearest planned activity.

use dela_core::contact::Contact;
use leptos::prelude::*;

use crate::components::card_list::{load_cards, CardList};
use crate::components::clients::responsible_or_status;
use crate::i18n::Key;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let columns = &[Key::Name, Key::Position, Key::Phone, Key::Responsible];
    let cells = |contact: &Contact| {
        view! {
            <td>{contact.position.clone()}</td>
            <td>{contact.client.phones.first().map(|p| p.value.clone())}</td>
            <td>{responsible_or_status(&contact.client)}</td>
        }
        .into_any()
    };
    view! { <CardList rows={load_cards::<Contact>()} columns cells /> }
}
