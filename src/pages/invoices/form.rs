//! The invoice form; a new invoice gets the next number.

use dela_core::deal::Deal;
use dela_core::invoice::{Invoice, InvoiceDraft};
use dela_core::money::CURRENCIES;
use dela_core::record::CardKind;
use dela_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::clock;
use crate::components::card_form::{form_route, CardForm};
use crate::components::field::{Select, TextArea, TextField};
use crate::components::form::{text_inputs, FormState};
use crate::components::load::load;
use crate::i18n::Key;
use crate::session::use_session;
use crate::store::{cards, invoices, Store};
use crate::zone::BrowserZone;

text_inputs! { Inputs: InvoiceDraft { number, amount, currency, due, deal, responsible, comments } }

#[component]
pub fn InvoiceFormPage() -> impl IntoView {
    let deal = use_query_map().with_untracked(|q| q.get(CardKind::Deal.code())).unwrap_or_default();
    form_route(move |existing: Option<Invoice>| {
        match existing {
        Some(invoice) => {
            view! { <InvoiceForm draft=InvoiceDraft::from_invoice(&invoice) editing=Some(invoice.id.to_string()) /> }
                .into_any()
        }
        None => view! { <NewInvoice deal=deal.clone() /> }.into_any(),
    }
    })
}

/// A new invoice's form, once its number (the next one) is known.
#[component]
fn NewInvoice(deal: String) -> impl IntoView {
    let session = use_session();
    let number = load(move || {
        let store = session.store();
        async move { invoices::next_number(&store).await.unwrap_or_default() }
    });
    move || {
        number.get().map(|number| {
            let due = dela_core::zone::local_date(&BrowserZone, clock::now()).add_days(7).to_string();
            let draft = InvoiceDraft {
                number,
                due,
                currency: "RUB".into(),
                deal: deal.clone(),
                responsible: session.me().to_string(),
                ..InvoiceDraft::default()
            };
            view! { <InvoiceForm draft editing=None /> }
        })
    }
}

#[component]
fn InvoiceForm(draft: InvoiceDraft, editing: Option<String>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let typed = Inputs::new(&draft);
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
    // Invoices have no custom fields: their save ignores the (empty) texts.
    let read = move || (typed.read(draft.clone()), Vec::new());
    let create = async |store: &Store, draft: &InvoiceDraft, _: &[(Id, String)], actor: &Id, now| {
        invoices::create(store, draft, actor, now).await
    };
    let update =
        async |store: &Store, id: &str, draft: &InvoiceDraft, _: &[(Id, String)], actor: &Id, now| {
            invoices::update(store, id, draft, actor, now).await
        };
    let submit = form.card_submit(editing.clone(), read, create, update);
    view! {
        <CardForm form kind=CardKind::Invoice editing on_submit=submit>
            <TextField id="number" label=Key::Number value=typed.number error=form.error("number") required=true />
            <div class="field-row">
                <TextField id="amount" label=Key::Amount value=typed.amount error=form.error("amount") required=true />
                <Select id="currency" label=Key::Currency value=typed.currency options=currencies error=form.error("currency") />
            </div>
            <TextField id="due" label=Key::DueDate value=typed.due error=form.error("due") input_type="date" required=true />
            <Select id="deal" label=Key::Deal value=typed.deal options=deal_options error=form.error("deal") />
            <Select id="responsible" label=Key::Responsible value=typed.responsible options=users error=form.error("responsible") />
            <TextArea id="comments" label=Key::Comments value=typed.comments error=form.error("comments") />
        </CardForm>
    }
}
