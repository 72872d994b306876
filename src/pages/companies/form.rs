//! The company form, for a new company and for editing one.

use dela_core::client::ClientDraft;
use dela_core::company::{Company, CompanyDraft, COMMENTS, TITLE};
use dela_core::fields::FieldEntity;
use dela_core::record::CardKind;
use leptos::prelude::*;

use crate::components::card_form::{form_route, CardForm};
use crate::components::client_fields::{ClientFields, ClientInputs};
use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{TextArea, TextField};
use crate::components::form::{text_inputs, FormState};
use crate::i18n::Key;
use crate::session::use_session;
use crate::store::companies;

text_inputs! { Inputs: CompanyDraft { title, comments } }

#[component]
pub fn CompanyFormPage() -> impl IntoView {
    form_route(|existing| view! { <CompanyForm existing /> })
}

#[component]
fn CompanyForm(existing: Option<Company>) -> impl IntoView {
    let form = FormState::new();
    let draft = existing.as_ref().map(CompanyDraft::from_company).unwrap_or_else(|| CompanyDraft {
        client: ClientDraft { responsible: use_session().me().to_string(), ..ClientDraft::default() },
        ..CompanyDraft::default()
    });
    let (typed, client) = (Inputs::new(&draft), ClientInputs::new(&draft.client));
    let custom = CustomInputs::new(
        FieldEntity::Company,
        &existing.as_ref().map(|c| c.fields.clone()).unwrap_or_default(),
    );
    let editing = existing.map(|company| company.id.to_string());
    let read = move || (CompanyDraft { client: client.draft(), ..typed.read(draft.clone()) }, custom.read());
    let submit = form.card_submit(editing.clone(), read, companies::create, companies::update);
    view! {
        <CardForm form kind=CardKind::Company editing on_submit=submit>
            <TextField id=TITLE.field label=Key::Title value=typed.title error=form.error(TITLE.field) required=true autocomplete="organization" />
            <ClientFields inputs=client form />
            <CustomFields inputs=custom form />
            <TextArea id=COMMENTS.field label=Key::Comments value=typed.comments error=form.error(COMMENTS.field) />
        </CardForm>
    }
}
