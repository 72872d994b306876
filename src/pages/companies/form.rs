//! The company form, for a new company and for editing one.

use dela_core::client::ClientDraft;
use dela_core::company::{Company, CompanyDraft, COMMENTS, TITLE};
use dela_core::fields::FieldEntity;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::client_fields::{ClientFields, ClientInputs};
use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{FormActions, FormAlerts, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::{load, loading};
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::{cards, companies};

#[component]
pub fn CompanyNewPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::NewCompany)}</h1>
        <CompanyForm existing=None />
    }
}

#[component]
pub fn CompanyEditPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let company = load(move || {
        let id = params.with(|p| p.get(routes::ID).unwrap_or_default());
        let store = session.store();
        async move { cards::get::<Company>(&store, &id).await }
    });
    view! {
        <h1>{tr(Key::EditCompany)}</h1>
        {move || match company.get() {
            None => loading(),
            Some(Ok(Some(company))) => view! { <CompanyForm existing=Some(company) /> }.into_any(),
            _ => view! { <p role="alert" class="alert">{tr(Key::CardNotFound)}</p> }.into_any(),
        }}
    }
}

#[component]
fn CompanyForm(existing: Option<Company>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let draft = existing.as_ref().map(CompanyDraft::from_company).unwrap_or_else(|| CompanyDraft {
        client: ClientDraft { responsible: session.me().to_string(), ..ClientDraft::default() },
        ..CompanyDraft::default()
    });
    let title = RwSignal::new(draft.title);
    let client = ClientInputs::new(&draft.client);
    let custom = CustomInputs::new(
        FieldEntity::Company,
        &existing.as_ref().map(|c| c.fields.clone()).unwrap_or_default(),
    );
    let comments = RwSignal::new(draft.comments);
    let existing_id = existing.map(|company| company.id.to_string());
    let cancel_href = routes::card_or_list(CardKind::Company, existing_id.as_deref());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let draft = CompanyDraft {
            title: title.get_untracked(),
            client: client.draft(),
            comments: comments.get_untracked(),
        };
        let existing_id = existing_id.clone();
        let inputs = custom.read();
        form.save_card(
            async move {
                let (store, actor, now) = form.context();
                match &existing_id {
                    Some(id) => companies::update(&store, id, &draft, &inputs, &actor, now).await,
                    None => companies::create(&store, &draft, &inputs, &actor, now).await,
                }
            },
            |saved: &Company| routes::card(CardKind::Company, &saved.id),
        );
    };

    view! {
        <form class="form panel" on:submit=submit novalidate>
            <FormAlerts form />
            <TextField id=TITLE.field label=Key::Title value=title error=form.error(TITLE.field) required=true autocomplete="organization" />
            <ClientFields inputs=client form />
            <CustomFields inputs=custom form />
            <TextArea id=COMMENTS.field label=Key::Comments value=comments error=form.error(COMMENTS.field) />
            <FormActions form cancel_href />
        </form>
    }
}
