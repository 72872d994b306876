//! The leads list.

use dela_core::lead::Lead;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::components::A;

use super::status_key;
use crate::components::load::{load, loading};
use crate::components::mark::NextActivity;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards;

#[component]
pub fn LeadsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let rows = load(move || {
        session.track();
        let store = session.store();
        async move { cards::list::<Lead>(&store).await }
    });
    view! {
        <div class="page__head">
            <h1>{tr(Key::Leads)}</h1>
            <A href=routes::new(CardKind::Lead) attr:class="button button--primary">{tr(Key::NewLead)}</A>
        </div>
        {move || match rows.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr(Key::LeadsEmpty)}</p> }.into_any(),
            Some(Ok(rows)) => view! {
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::Title)}</th>
                            <th scope="col">{tr(Key::Status)}</th>
                            <th scope="col">{tr(Key::Responsible)}</th>
                            <th scope="col">{tr(Key::NextActivity)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|lead| {
                            let status = status_key(lead.status);
                            view! {
                                <tr>
                                    <td><A href=routes::card(CardKind::Lead, &lead.id)>{lead.title.clone()}</A></td>
                                    <td>{move || status.text(lang.get())}</td>
                                    <td>{session.name_of(&lead.responsible)}</td>
                                    <td><NextActivity next=lead.next_activity /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
