//! The contact form, for a new contact (possibly of a company) and for
//! editing one.

use dela_core::client::ClientDraft;
use dela_core::company::Company;
use dela_core::contact::{Contact, ContactDraft, COMMENTS, FIRST_NAME, LAST_NAME, POSITION};
use dela_core::fields::FieldEntity;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::card_form::{form_route, CardForm};
use crate::components::client_fields::{ClientFields, ClientInputs};
use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{Checkboxes, TextArea, TextField};
use crate::components::form::{text_inputs, FormState};
use crate::components::load::load;
use crate::i18n::Key;
use crate::session::use_session;
use crate::store::{cards, contacts};

text_inputs! { Inputs: ContactDraft { first_name, last_name, position, comments } }

#[component]
pub fn ContactFormPage() -> impl IntoView {
    let company = use_query_map().with_untracked(|q| q.get(CardKind::Company.code()));
    form_route(move |existing| view! { <ContactForm existing company=company.clone() /> })
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
    let (typed, client) = (Inputs::new(&draft), ClientInputs::new(&draft.client));
    let companies = RwSignal::new(draft.companies.clone());
    let custom = CustomInputs::new(
        FieldEntity::Contact,
        &existing.as_ref().map(|c| c.fields.clone()).unwrap_or_default(),
    );
    let all_companies = load(move || {
        let store = session.store();
        async move { cards::list::<Company>(&store).await.unwrap_or_default() }
    });
    let company_options = Signal::derive(move || {
        all_companies.get().unwrap_or_default().into_iter().map(|c| (c.id.to_string(), c.title)).collect()
    });
    let editing = existing.map(|contact| contact.id.to_string());
    let read = move || {
        let (companies, client) = (companies.get_untracked(), client.draft());
        (ContactDraft { companies, client, ..typed.read(draft.clone()) }, custom.read())
    };
    let submit = form.card_submit(editing.clone(), read, contacts::create, contacts::update);
    view! {
        <CardForm form kind=CardKind::Contact editing on_submit=submit>
            <div class="field-row">
                <TextField id=FIRST_NAME.field label=Key::FirstName value=typed.first_name error=form.error(FIRST_NAME.field) autocomplete="given-name" />
                <TextField id=LAST_NAME.field label=Key::LastName value=typed.last_name error=form.error(LAST_NAME.field) autocomplete="family-name" />
            </div>
            <TextField id=POSITION.field label=Key::Position value=typed.position error=form.error(POSITION.field) />
            {move || (!company_options.with(Vec::is_empty)).then(|| view! {
                <Checkboxes id="companies" label=Key::Companies value=companies options=company_options error=form.error("companies") />
            })}
            <ClientFields inputs=client form />
            <CustomFields inputs=custom form />
            <TextArea id=COMMENTS.field label=Key::Comments value=typed.comments error=form.error(COMMENTS.field) />
        </CardForm>
    }
}
