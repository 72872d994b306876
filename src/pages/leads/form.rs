//! The lead form.

use dela_core::fields::FieldEntity;
use dela_core::lead::{Lead, LeadDraft};
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{FormActions, FormAlerts, Select, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::{load, loading};
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::{cards, leads};

#[component]
pub fn LeadNewPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::NewLead)}</h1>
        <LeadForm existing=None />
    }
}

#[component]
pub fn LeadEditPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let lead = load(move || {
        let (store, id) = (session.store(), params.with(|p| p.get(routes::ID).unwrap_or_default()));
        async move { cards::get::<Lead>(&store, &id).await }
    });
    view! {
        <h1>{tr(Key::EditLead)}</h1>
        {move || match lead.get() {
            None => loading(),
            Some(Ok(Some(lead))) => view! { <LeadForm existing=Some(lead) /> }.into_any(),
            _ => view! { <p role="alert" class="alert">{tr(Key::CardNotFound)}</p> }.into_any(),
        }}
    }
}

#[component]
fn LeadForm(existing: Option<Lead>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let draft = existing
        .as_ref()
        .map(LeadDraft::from_lead)
        .unwrap_or_else(|| LeadDraft { responsible: session.me().to_string(), ..LeadDraft::default() });
    let title = RwSignal::new(draft.title);
    let first_name = RwSignal::new(draft.first_name);
    let last_name = RwSignal::new(draft.last_name);
    let company_title = RwSignal::new(draft.company_title);
    let phone = RwSignal::new(draft.phone);
    let email = RwSignal::new(draft.email);
    let source = RwSignal::new(draft.source);
    let responsible = RwSignal::new(draft.responsible);
    let comments = RwSignal::new(draft.comments);
    let users = Signal::derive(move || session.user_options());
    let custom = CustomInputs::new(
        FieldEntity::Lead,
        &existing.as_ref().map(|l| l.fields.clone()).unwrap_or_default(),
    );
    let existing_id = existing.map(|lead| lead.id.to_string());
    let cancel_href = routes::card_or_list(CardKind::Lead, existing_id.as_deref());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let draft = LeadDraft {
            title: title.get_untracked(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            company_title: company_title.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            source: source.get_untracked(),
            responsible: responsible.get_untracked(),
            comments: comments.get_untracked(),
        };
        let existing_id = existing_id.clone();
        let inputs = custom.read();
        form.save_card(
            async move {
                let (store, actor, now) = form.context();
                match &existing_id {
                    Some(id) => leads::update(&store, id, &draft, &inputs, &actor, now).await,
                    None => leads::create(&store, &draft, &inputs, &actor, now).await,
                }
            },
            |saved: &Lead| routes::card(CardKind::Lead, &saved.id),
        );
    };
    view! {
        <form class="form panel" on:submit=submit novalidate>
            <FormAlerts form />
            <TextField id="title" label=Key::Title value=title error=form.error("title") required=true />
            <div class="field-row">
                <TextField id="first_name" label=Key::FirstName value=first_name error=form.error("first_name") />
                <TextField id="last_name" label=Key::LastName value=last_name error=form.error("last_name") />
            </div>
            <TextField id="company_title" label=Key::CompanyTitle value=company_title error=form.error("company_title") />
            <div class="field-row">
                <TextField id="phone" label=Key::Phone value=phone error=form.error("phone") input_type="tel" />
                <TextField id="email" label=Key::Email value=email error=form.error("email") input_type="email" />
            </div>
            <TextField id="source" label=Key::Source value=source error=form.error("source") />
            <Select id="responsible" label=Key::Responsible value=responsible options=users error=form.error("responsible") />
            <CustomFields inputs=custom form />
            <TextArea id="comments" label=Key::Comments value=comments error=form.error("comments") />
            <FormActions form cancel_href />
        </form>
    }
}
