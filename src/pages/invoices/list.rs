//! The invoices list.

use dela_core::invoice::Invoice;
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
pub fn InvoicesPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let rows = load(move || {
        session.track();
        let store = session.store();
        async move { cards::list::<Invoice>(&store).await }
    });
    view! {
        <div class="page__head">
            <h1>{tr(Key::Invoices)}</h1>
            <A href=routes::new(CardKind::Invoice) attr:class="button button--primary">{tr(Key::NewInvoice)}</A>
        </div>
        {move || match rows.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr(Key::InvoicesEmpty)}</p> }.into_any(),
            Some(Ok(rows)) => view! {
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::Number)}</th>
                            <th scope="col">{tr(Key::Amount)}</th>
                            <th scope="col">{tr(Key::DueDate)}</th>
                            <th scope="col">{tr(Key::Status)}</th>
                            <th scope="col">{tr(Key::NextActivity)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|invoice| {
                            let status = status_key(invoice.status);
                            view! {
                                <tr>
                                    <td><A href=routes::card(CardKind::Invoice, &invoice.id)>{invoice.number.clone()}</A></td>
                                    <td>{invoice.amount.to_string()}</td>
                                    <td>{invoice.due.to_string()}</td>
                                    <td>{move || status.text(lang.get())}</td>
                                    <td><NextActivity next=invoice.next_activity /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
