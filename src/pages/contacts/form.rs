//! The contact form, for a new contact (possibly of a company) and for
//! editing one.

use dela_core::client::ClientDraft;
use dela_core::company::Company;
use dela_core::contact::{Contact, ContactDraft, COMMENTS, FIRST_NAME, LAST_NAME, POSITION};
use dela_core::fields::FieldEntity;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::client_fields::{ClientFields, ClientInputs};
use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{Checkboxes, FormActions, FormAlerts, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::{load, loading};
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::{cards, contacts};

#[component]
pub fn ContactNewPage() -> impl IntoView {
    let query = use_query_map();
    let company = query.with_untracked(|q| q.get(CardKind::Company.code()));
    view! {
        <h1>{tr(Key::NewContact)}</h1>
        <ContactForm existing=None company />
    }
}

#[component]
pub fn ContactEditPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let contact = load(move || {
        let id = params.with(|p| p.get(routes::ID).unwrap_or_default());
        let store = session.store();
        async move { cards::get::<Contact>(&store, &id).await }
    });
    view! {
        <h1>{tr(Key::EditContact)}</h1>
        {move || match contact.get() {
            None => loading(),
            Some(Ok(Some(contact))) => view! { <ContactForm existing=Some(contact) company=None /> }.into_any(),
            _ => view! { <p role="alert" class="alert">{tr(Key::CardNotFound)}</p> }.into_any(),
        }}
    }
}

#[component]
fn ContactForm(existing: Option<Contact>, company: Option<String>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let draft = existing.as_ref().map(ContactDraft::from_contact).unwrap_or_else(|| ContactDraft {
        companies: company.into_iter().collect(),
        client: ClientDraft { responsible: session.me().to_string(), ..ClientDraft::default() },
        ..ContactDraft::default()
    });
    let first_name = RwSignal::new(draft.first_name);
    let last_name = RwSignal::new(draft.last_name);
    let position = RwSignal::new(draft.position);
    let companies = RwSignal::new(draft.companies);
    let client = ClientInputs::new(&draft.client);
    let custom = CustomInputs::new(
        FieldEntity::Contact,
        &existing.as_ref().map(|c| c.fields.clone()).unwrap_or_default(),
    );
    let comments = RwSignal::new(draft.comments);
    let existing_id = existing.map(|contact| contact.id.to_string());
    let cancel_href = routes::card_or_list(CardKind::Contact, existing_id.as_deref());
    let all_companies = load(move || {
        let store = session.store();
        async move { cards::list::<Company>(&store).await.unwrap_or_default() }
    });
    let company_options = Signal::derive(move || {
        all_companies.get().unwrap_or_default().into_iter().map(|c| (c.id.to_string(), c.title)).collect()
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let draft = ContactDraft {
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            position: position.get_untracked(),
            companies: companies.get_untracked(),
            client: client.draft(),
            comments: comments.get_untracked(),
        };
        let existing_id = existing_id.clone();
        let inputs = custom.read();
        form.save_card(
            async move {
                let (store, actor, now) = form.context();
                match &existing_id {
                    Some(id) => contacts::update(&store, id, &draft, &inputs, &actor, now).await,
                    None => contacts::create(&store, &draft, &inputs, &actor, now).await,
                }
            },
            |saved: &Contact| routes::card(CardKind::Contact, &saved.id),
        );
    };

    view! {
        <form class="form panel" on:submit=submit novalidate>
            <FormAlerts form />
            <div class="field-row">
                <TextField id=FIRST_NAME.field label=Key::FirstName value=first_name error=form.error(FIRST_NAME.field) autocomplete="given-name" />
                <TextField id=LAST_NAME.field label=Key::LastName value=last_name error=form.error(LAST_NAME.field) autocomplete="family-name" />
            </div>
            <TextField id=POSITION.field label=Key::Position value=position error=form.error(POSITION.field) />
            {move || (!company_options.with(Vec::is_empty)).then(|| view! {
                <Checkboxes id="companies" label=Key::Companies value=companies options=company_options error=form.error("companies") />
            })}
            <ClientFields inputs=client form />
            <CustomFields inputs=custom form />
            <TextArea id=COMMENTS.field label=Key::Comments value=comments error=form.error(COMMENTS.field) />
            <FormActions form cancel_href />
        </form>
    }
}
