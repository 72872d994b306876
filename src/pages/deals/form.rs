//! The deal form: title, stage, company, contacts, amount, responsible.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::{Deal, DealDraft, COMMENTS, TITLE};
use dela_core::money::CURRENCIES;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::field::{Checkboxes, FormActions, FormAlerts, Select, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::{load, loading};
use crate::i18n::{tr, Key};
use crate::session::use_session;
use crate::store::{cards, deals};

#[component]
pub fn DealNewPage() -> impl IntoView {
    let query = use_query_map();
    let (company, contact) = query.with_untracked(|q| (q.get("company"), q.get("contact")));
    view! {
        <h1>{tr(Key::NewDeal)}</h1>
        <DealForm existing=None company contact />
    }
}

#[component]
pub fn DealEditPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let deal = load(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let store = session.store();
        async move { cards::get::<Deal>(&store, &id).await }
    });
    view! {
        <h1>{tr(Key::EditDeal)}</h1>
        {move || match deal.get() {
            None => loading(),
            Some(Ok(Some(deal))) => view! { <DealForm existing=Some(deal) company=None contact=None /> }.into_any(),
            _ => view! { <p role="alert" class="alert">{tr(Key::CardNotFound)}</p> }.into_any(),
        }}
    }
}

#[derive(Clone, Default)]
struct Choices {
    companies: Vec<(String, String)>,
    contacts: Vec<(String, String)>,
}

#[component]
fn DealForm(existing: Option<Deal>, company: Option<String>, contact: Option<String>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let first_stage =
        session.pipeline.with_untracked(|p| p.first_stage().map(|s| s.id.to_string()).unwrap_or_default());
    let draft = existing.as_ref().map(DealDraft::from_deal).unwrap_or_else(|| DealDraft {
        stage: first_stage,
        company: company.unwrap_or_default(),
        contacts: contact.into_iter().collect(),
        currency: "RUB".into(),
        responsible: session.me().to_string(),
        ..DealDraft::default()
    });
    let title = RwSignal::new(draft.title);
    let stage = RwSignal::new(draft.stage);
    let company = RwSignal::new(draft.company);
    let contacts = RwSignal::new(draft.contacts);
    let amount = RwSignal::new(draft.amount);
    let currency = RwSignal::new(if draft.currency.is_empty() { "RUB".to_owned() } else { draft.currency });
    let responsible = RwSignal::new(draft.responsible);
    let comments = RwSignal::new(draft.comments);
    let existing_id = existing.map(|deal| deal.id.to_string());
    let cancel_href = existing_id.as_ref().map_or("/deals".to_owned(), |id| format!("/deals/{id}"));

    let choices = load(move || {
        let store = session.store();
        async move {
            let companies = cards::list::<Company>(&store).await.unwrap_or_default();
            let contacts = cards::list::<Contact>(&store).await.unwrap_or_default();
            Choices {
                companies: companies.into_iter().map(|c| (c.id.to_string(), c.title)).collect(),
                contacts: contacts.iter().map(|c| (c.id.to_string(), c.title())).collect(),
            }
        }
    });
    let stages = Signal::derive(move || {
        session.pipeline.with(|p| p.stages.iter().map(|s| (s.id.to_string(), s.name.clone())).collect())
    });
    let company_options = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_owned())];
        options.extend(choices.get().unwrap_or_default().companies);
        options
    });
    let contact_options = Signal::derive(move || choices.get().unwrap_or_default().contacts);
    let currencies = Signal::derive(|| CURRENCIES.iter().map(|c| (c.to_string(), c.to_string())).collect());
    let users = Signal::derive(move || session.user_options());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let draft = DealDraft {
            title: title.get_untracked(),
            stage: stage.get_untracked(),
            company: company.get_untracked(),
            contacts: contacts.get_untracked(),
            amount: amount.get_untracked(),
            currency: currency.get_untracked(),
            responsible: responsible.get_untracked(),
            comments: comments.get_untracked(),
        };
        let existing_id = existing_id.clone();
        form.save_card(
            async move {
                let (store, actor, now) = form.context();
                match &existing_id {
                    Some(id) => deals::update(&store, id, &draft, &actor, now).await,
                    None => deals::create(&store, &draft, &actor, now).await,
                }
            },
            |saved: &Deal| format!("/deals/{}", saved.id),
        );
    };

    view! {
        <form class="form panel" on:submit=submit novalidate>
            <FormAlerts form />
            <TextField id=TITLE.field label=Key::Title value=title error=form.error(TITLE.field) required=true />
            <Select id="stage" label=Key::Stage value=stage options=stages error=form.error("stage") />
            <Select id="company" label=Key::Company value=company options=company_options error=form.error("company") />
            {move || (!contact_options.with(Vec::is_empty)).then(|| view! {
                <Checkboxes id="contacts" label=Key::Contacts value=contacts options=contact_options error=form.error("contacts") />
            })}
            <div class="field-row">
                <TextField id="amount" label=Key::Amount value=amount error=form.error("amount") />
                <Select id="currency" label=Key::Currency value=currency options=currencies error=form.error("currency") />
            </div>
            <Select id="responsible" label=Key::Responsible value=responsible options=users error=form.error("responsible") />
            <TextArea id=COMMENTS.field label=Key::Comments value=comments error=form.error(COMMENTS.field) />
            <FormActions form cancel_href />
        </form>
    }
}
