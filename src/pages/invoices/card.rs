//! An invoice's card, with its status moves (sent, paid, declined).

use dela_core::invoice::{Invoice, InvoiceStatus};
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::clock;
use crate::components::card_page::{card_route, fetch_card, CardFrame, Fact};
use crate::errors::{status_error_text, ErrorAlert};
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::invoices;

#[component]
pub fn InvoiceCardPage() -> impl IntoView {
    card_route(Key::Invoices, fetch_card, |invoice: Invoice| {
        let lang = use_lang();
        let session = use_session();
        let title = format!("{} {}", Key::Invoice.text(lang.get_untracked()), invoice.number);
        let status = invoice.status.label();
        let actions = view! { <StatusMoves invoice=invoice.clone() /> }.into_any();
        view! {
            <CardFrame title record=invoice.clone() actions>
                <dt>{tr(Key::Status)}</dt>
                <dd>{move || status.text(lang.get())}</dd>
                <Fact label=Key::Amount value=invoice.amount.to_string() />
                <Fact label=Key::DueDate value=invoice.due.to_string() />
                <Fact label=Key::Responsible value=session.name_of(&invoice.responsible) />
                {invoice.deal.clone().map(|deal| view! {
                    <dt>{tr(Key::Deal)}</dt>
                    <dd><A href=routes::card(CardKind::Deal, deal)>{tr(Key::OpenDeal)}</A></dd>
                })}
                <Fact label=Key::Comments value=invoice.comments.clone() />
            </CardFrame>
        }
    })
}

#[component]
fn StatusMoves(invoice: Invoice) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let current = invoice.status;
    let id = invoice.id.to_string();
    let moves = InvoiceStatus::ALL.into_iter().filter(|next| current.can_become(*next)).map(|next| {
        let id = id.clone();
        let key = next.label();
        let set = move |_| {
            let id = id.clone();
            spawn_local(async move {
                match invoices::set_status(&session.store(), &id, next, &session.me(), clock::now(), &crate::zone::BrowserZone).await {
                    Ok(_) => session.changed(),
                    Err(failure) => error.set(Some(status_error_text(lang.get_untracked(), &failure))),
                }
            });
        };
        view! { <button type="button" class="button" on:click=set>{tr(Key::MarkAs)}" "{move || key.text(lang.get()).to_lowercase()}</button> }
    });
    view! {
        {moves.collect_view()}
        <ErrorAlert error />
    }
}
