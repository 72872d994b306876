//! The contacts list, with each contact's nearest planned activity.

use dela_core::card::Card;
use dela_core::contact::Contact;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::labels::client_status_key;
use crate::components::load::{load, loading};
use crate::components::mark::NextActivity;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let rows = load(move || {
        session.track();
        let store = session.store();
        async move { cards::list::<Contact>(&store).await }
    });
    view! {
        <div class="page__head">
            <h1>{tr(Key::Contacts)}</h1>
            <A href=routes::new(CardKind::Contact) attr:class="button button--primary">{tr(Key::NewContact)}</A>
        </div>
        {move || match rows.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr(Key::ContactsEmpty)}</p> }.into_any(),
            Some(Ok(rows)) => view! {
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::Name)}</th>
                            <th scope="col">{tr(Key::Position)}</th>
                            <th scope="col">{tr(Key::Phone)}</th>
                            <th scope="col">{tr(Key::Responsible)}</th>
                            <th scope="col">{tr(Key::NextActivity)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|contact| {
                            let responsible = match &contact.client.responsible {
                                Some(id) => session.name_of(id),
                                None => client_status_key(contact.client.status).text(lang.get_untracked()).to_owned(),
                            };
                            let (href, title, next) = (routes::card(CardKind::Contact, &contact.id), contact.title(), contact.next_activity);
                            view! {
                                <tr>
                                    <td><A href=href>{title}</A></td>
                                    <td>{contact.position.clone()}</td>
                                    <td>{contact.client.phones.first().map(|p| p.value.clone())}</td>
                                    <td>{responsible}</td>
                                    <td><NextActivity next /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
