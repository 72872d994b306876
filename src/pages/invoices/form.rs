//! The invoice form; a new invoice gets the next number.

use dela_core::deal::Deal;
use dela_core::invoice::{Invoice, InvoiceDraft};
use dela_core::money::CURRENCIES;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::clock;
use crate::components::field::{FormActions, FormAlerts, Select, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::{load, loading};
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::{cards, invoices};
use crate::zone::BrowserZone;

#[component]
pub fn InvoiceNewPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let deal = query.with_untracked(|q| q.get(CardKind::Deal.code())).unwrap_or_default();
    let number = load(move || {
        let store = session.store();
        async move { invoices::next_number(&store).await.unwrap_or_default() }
    });
    view! {
        <h1>{tr(Key::NewInvoice)}</h1>
        {move || number.get().map(|number| {
            let due = dela_core::zone::local_date(&BrowserZone, clock::now()).add_days(7).to_string();
            let draft = InvoiceDraft { number, due, currency: "RUB".into(), deal: deal.clone(), responsible: session.me().to_string(), ..InvoiceDraft::default() };
            view! { <InvoiceForm draft existing_id=None /> }
        })}
    }
}

#[component]
pub fn InvoiceEditPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let invoice = load(move || {
        let (store, id) = (session.store(), params.with(|p| p.get(routes::ID).unwrap_or_default()));
        async move { cards::get::<Invoice>(&store, &id).await }
    });
    view! {
        <h1>{tr(Key::EditInvoice)}</h1>
        {move || match invoice.get() {
            None => loading(),
            Some(Ok(Some(invoice))) => {
                view! { <InvoiceForm draft=InvoiceDraft::from_invoice(&invoice) existing_id=Some(invoice.id.to_string()) /> }.into_any()
            }
            _ => view! { <p role="alert" class="alert">{tr(Key::CardNotFound)}</p> }.into_any(),
        }}
    }
}

#[component]
fn InvoiceForm(draft: InvoiceDraft, existing_id: Option<String>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let number = RwSignal::new(draft.number);
    let amount = RwSignal::new(draft.amount);
    let currency = RwSignal::new(draft.currency);
    let due = RwSignal::new(draft.due);
    let deal = RwSignal::new(draft.deal);
    let responsible = RwSignal::new(draft.responsible);
    let comments = RwSignal::new(draft.comments);
    let (company, contact) = (draft.company, draft.contact);
    let cancel_href = routes::card_or_list(CardKind::Invoice, existing_id.as_deref());
    let deals = load(move || {
        let store = session.store();
        async move { cards::list::<Deal>(&store).await.unwrap_or_default() }
    });
    let deal_options = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_owned())];
        options.extend(deals.get().unwrap_or_default().into_iter().map(|d| (d.id.to_string(), d.title)));
        options
    });
    let currencies = Signal::derive(|| CURRENCIES.iter().map(|c| (c.to_string(), c.to_string())).collect());
    let users = Signal::derive(move || session.user_options());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let draft = InvoiceDraft {
            number: number.get_untracked(),
            amount: amount.get_untracked(),
            currency: currency.get_untracked(),
            due: due.get_untracked(),
            deal: deal.get_untracked(),
            company: company.clone(),
            contact: contact.clone(),
            responsible: responsible.get_untracked(),
            comments: comments.get_untracked(),
        };
        let existing_id = existing_id.clone();
        form.save_card(
            async move {
                let (store, actor, now) = form.context();
                match &existing_id {
                    Some(id) => invoices::update(&store, id, &draft, &actor, now).await,
                    None => invoices::create(&store, &draft, &actor, now).await,
                }
            },
            |saved: &Invoice| routes::card(CardKind::Invoice, &saved.id),
        );
    };
    view! {
        <form class="form panel" on:submit=submit novalidate>
            <FormAlerts form />
            <TextField id="number" label=Key::Number value=number error=form.error("number") required=true />
            <div class="field-row">
                <TextField id="amount" label=Key::Amount value=amount error=form.error("amount") required=true />
                <Select id="currency" label=Key::Currency value=currency options=currencies error=form.error("currency") />
            </div>
            <TextField id="due" label=Key::DueDate value=due error=form.error("due") input_type="date" required=true />
            <Select id="deal" label=Key::Deal value=deal options=deal_options error=form.error("deal") />
            <Select id="responsible" label=Key::Responsible value=responsible options=users error=form.error("responsible") />
            <TextArea id="comments" label=Key::Comments value=comments error=form.error("comments") />
            <FormActions form cancel_href />
        </form>
    }
}
