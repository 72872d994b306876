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
use leptos_router::hooks::use_query_map;

use crate::components::card_form::{form_route, CardForm};
use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{Checkboxes, Select, TextArea, TextField};
use crate::components::form::{text_inputs, FormState};
use crate::components::load::load;
use crate::i18n::Key;
use crate::session::use_session;
use crate::store::cards::SaveError;
use crate::store::{cards, deals, Store};
use crate::zone::BrowserZone;

text_inputs! { Inputs: DealDraft { title, stage, company, amount, currency, responsible, comments } }

/// What the deal form saves: the draft, and the pipeline chosen for a new deal.
type Typed = (DealDraft, Option<Id>);

#[component]
pub fn DealFormPage() -> impl IntoView {
    let (company, contact) = use_query_map()
        .with_untracked(|q| (q.get(CardKind::Company.code()), q.get(CardKind::Contact.code())));
    form_route(move |existing| {
        view! { <DealForm existing company=company.clone() contact=contact.clone() /> }
    })
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
    let first_pipeline = session.pipelines().with_untracked(|all| all.first().map(|p| p.id.to_string()));
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
    let mut draft = existing.as_ref().map(DealDraft::from_deal).unwrap_or_else(|| DealDraft {
        stage: first_stage,
        company: company.unwrap_or_default(),
        contacts: contact.into_iter().collect(),
        currency: "RUB".into(),
        responsible: session.me().to_string(),
        ..DealDraft::default()
    });
    if draft.currency.is_empty() {
        draft.currency = "RUB".into();
    }
    let (typed, contacts) = (Inputs::new(&draft), RwSignal::new(draft.contacts.clone()));
    let editing = existing.map(|deal| deal.id.to_string());

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
        session.pipelines().with(|all| all.iter().map(|p| (p.id.to_string(), p.name.clone())).collect())
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
            typed.stage.set(first_stage_of(&chosen));
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

    let read = move || {
        let draft = DealDraft { contacts: contacts.get_untracked(), ..typed.read(draft.clone()) };
        ((draft, Id::parse(&pipeline.get_untracked())), custom.read())
    };
    // A new deal goes into the pipeline chosen; an edit keeps the deal's.
    let create =
        async |store: &Store, (draft, pipeline): &Typed, custom: &[(Id, String)], actor: &Id, now| {
            let Some(pipeline) = pipeline else {
                let mut errors = FieldErrors::default();
                errors.add("pipeline", Problem::Required);
                return Err(SaveError::Invalid(errors));
            };
            deals::create(store, pipeline, draft, custom, actor, now, &BrowserZone).await
        };
    let update =
        async |store: &Store, id: &str, (draft, _): &Typed, custom: &[(Id, String)], actor: &Id, now| {
            deals::update(store, id, draft, custom, actor, now, &BrowserZone).await
        };
    let submit = form.card_submit(editing.clone(), read, create, update);

    view! {
        <CardForm form kind=CardKind::Deal editing on_submit=submit>
            <TextField id=TITLE.field label=Key::Title value=typed.title error=form.error(TITLE.field) required=true />
            {is_new.then(|| view! {
                <div class="field-row">
                    <Select id="pipeline" label=Key::Pipeline value=pipeline options=pipelines error=form.error("pipeline") />
                    <Select id="stage" label=Key::Stage value=typed.stage options=stages error=form.error("stage") />
                </div>
            })}
            <Select id="company" label=Key::Company value=typed.company options=company_options error=form.error("company") />
            {move || (!contact_options.with(Vec::is_empty)).then(|| view! {
                <Checkboxes id="contacts" label=Key::Contacts value=contacts options=contact_options error=form.error("contacts") />
            })}
            <div class="field-row">
                <TextField id="amount" label=Key::Amount value=typed.amount error=form.error("amount") />
                <Select id="currency" label=Key::Currency value=typed.currency options=currencies error=form.error("currency") />
            </div>
            <Select id="responsible" label=Key::Responsible value=typed.responsible options=users error=form.error("responsible") />
            <CustomFields inputs=custom form />
            <TextArea id=COMMENTS.field label=Key::Comments value=typed.comments error=form.error(COMMENTS.field) />
        </CardForm>
    }
}
