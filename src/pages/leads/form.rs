//! The lead form.

use dela_core::fields::FieldEntity;
use dela_core::lead::{Lead, LeadDraft};
use dela_core::record::CardKind;
use leptos::prelude::*;

use crate::components::card_form::{form_route, CardForm};
use crate::components::custom_fields::{CustomFields, CustomInputs};
use crate::components::field::{Select, TextArea, TextField};
use crate::components::form::{text_inputs, FormState};
use crate::i18n::Key;
use crate::session::use_session;
use crate::store::leads;

text_inputs! {
    Inputs: LeadDraft { title, first_name, last_name, company_title, phone, email, source, responsible, comments }
}

#[component]
pub fn LeadFormPage() -> impl IntoView {
    form_route(|existing| view! { <LeadForm existing /> })
}

#[component]
fn LeadForm(existing: Option<Lead>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let draft = existing
        .as_ref()
        .map(LeadDraft::from_lead)
        .unwrap_or_else(|| LeadDraft { responsible: session.me().to_string(), ..LeadDraft::default() });
    let typed = Inputs::new(&draft);
    let users = Signal::derive(move || session.user_options());
    let custom = CustomInputs::new(
        FieldEntity::Lead,
        &existing.as_ref().map(|l| l.fields.clone()).unwrap_or_default(),
    );
    let editing = existing.map(|lead| lead.id.to_string());
    let read = move || (typed.read(draft.clone()), custom.read());
    let submit = form.card_submit(editing.clone(), read, leads::create, leads::update);
    view! {
        <CardForm form kind=CardKind::Lead editing on_submit=submit>
            <TextField id="title" label=Key::Title value=typed.title error=form.error("title") required=true />
            <div class="field-row">
                <TextField id="first_name" label=Key::FirstName value=typed.first_name error=form.error("first_name") />
                <TextField id="last_name" label=Key::LastName value=typed.last_name error=form.error("last_name") />
            </div>
            <TextField id="company_title" label=Key::CompanyTitle value=typed.company_title error=form.error("company_title") />
            <div class="field-row">
                <TextField id="phone" label=Key::Phone value=typed.phone error=form.error("phone") input_type="tel" />
                <TextField id="email" label=Key::Email value=typed.email error=form.error("email") input_type="email" />
            </div>
            <TextField id="source" label=Key::Source value=typed.source error=form.error("source") />
            <Select id="responsible" label=Key::Responsible value=typed.responsible options=users error=form.error("responsible") />
            <CustomFields inputs=custom form />
            <TextArea id="comments" label=Key::Comments value=typed.comments error=form.error("comments") />
        </CardForm>
    }
}
