//! The deal form: title, pipeline and stage (for a new deal; later the
//! card moves it), company, contacts, amount, responsible, custom fields.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::{Deal, DealDraft, COMMENTS, TITLE};
use dela_core::fields::FieldEntity;
use dela_core::money::CURRENCIES;
use dela_core::record::CardKind;
use dela_core::validation::{FieldErrors, Problem};
use dela_core::Id;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{Checkboxes, FormActions, FormAlerts, Select, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::{load, loading};
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards::SaveError;
use crate::store::{cards, deals};
use crate::zone::BrowserZone;

#[component]
pub fn DealNewPage() -> impl IntoView {
    let query = use_query_map();
    let (company, contact) =
        query.with_untracked(|q| (q.get(CardKind::Company.code()), q.get(CardKind::Contact.code())));
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
        let id = params.with(|p| p.get(routes::ID).unwrap_or_default());
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
    let is_new = existing.is_none();
    let first_pipeline = session.pipelines.with_untracked(|all| all.first().map(|p| p.id.to_string()));
    let pipeline = RwSignal::new(first_pipeline.unwrap_or_default());
    let first_stage_of = move |pipeline_id: &str| {
        Id::parse(pipeline_id)
            .and_then(|id| session.pipeline(&id))
            .and_then(|p| p.first_stage().map(|s| s.id.to_string()))
            .unwrap_or_default()
    };
    let first_stage = first_stage_of(&pipeline.get_untracked());
    let custom = CustomInputs::new(
        FieldEntity::Deal,
        &existing.as_ref().map(|d| d.fields.clone()).unwrap_or_default(),
    );
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
    let cancel_href = routes::card_or_list(CardKind::Deal, existing_id.as_deref());

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
    let pipelines = Signal::derive(move || {
        session.pipelines.with(|all| all.iter().map(|p| (p.id.to_string(), p.name.clone())).collect())
    });
    let stages = Signal::derive(move || {
        let chosen = pipeline.get();
        let found = Id::parse(&chosen).and_then(|id| session.pipeline(&id));
        found
            .map(|p| p.stages.iter().map(|s| (s.id.to_string(), s.name.clone())).collect())
            .unwrap_or_default()
    });
    Effect::new(move |previous: Option<String>| {
        let chosen = pipeline.get();
        if previous.is_some_and(|previous| previous != chosen) {
            stage.set(first_stage_of(&chosen));
        }
        chosen
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
        let (inputs, pipeline) = (custom.read(), Id::parse(&pipeline.get_untracked()));
        form.save_card(
            async move {
                let (store, actor, now) = form.context();
                match (&existing_id, pipeline) {
                    (Some(id), _) => {
                        deals::update(&store, id, &draft, &inputs, &actor, now, &BrowserZone).await
                    }
                    (None, Some(pipeline)) => {
                        deals::create(&store, &pipeline, &draft, &inputs, &actor, now, &BrowserZone).await
                    }
                    (None, None) => {
                        let mut errors = FieldErrors::default();
                        errors.add("pipeline", Problem::Required);
                        Err(SaveError::Invalid(errors))
                    }
                }
            },
            |saved: &Deal| routes::card(CardKind::Deal, &saved.id),
        );
    };

    view! {
        <form class="form panel" on:submit=submit novalidate>
            <FormAlerts form />
            <TextField id=TITLE.field label=Key::Title value=title error=form.error(TITLE.field) required=true />
            {is_new.then(|| view! {
                <div class="field-row">
                    <Select id="pipeline" label=Key::Pipeline value=pipeline options=pipelines error=form.error("pipeline") />
                    <Select id="stage" label=Key::Stage value=stage options=stages error=form.error("stage") />
                </div>
            })}
            <Select id="company" label=Key::Company value=company options=company_options error=form.error("company") />
            {move || (!contact_options.with(Vec::is_empty)).then(|| view! {
                <Checkboxes id="contacts" label=Key::Contacts value=contacts options=contact_options error=form.error("contacts") />
            })}
            <div class="field-row">
                <TextField id="amount" label=Key::Amount value=amount error=form.error("amount") />
                <Select id="currency" label=Key::Currency value=currency options=currencies error=form.error("currency") />
            </div>
            <Select id="responsible" label=Key::Responsible value=responsible options=users error=form.error("responsible") />
            <CustomFields inputs=custom form />
            <TextArea id=COMMENTS.field label=Key::Comments value=comments error=form.error(COMMENTS.field) />
            <FormActions form cancel_href />
        </form>
    }
}
