//! A lead's card, and its conversion into contact, company and deal.

use dela_core::fields::FieldEntity;
use dela_core::lead::Lead;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::clock;
use crate::components::card_page::{card_route, fetch_card, CardFrame, Fact};
use crate::components::custom_fields::CustomFacts;
use crate::errors::{convert_error_text, ErrorAlert};
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::leads;

#[component]
pub fn LeadCardPage() -> impl IntoView {
    card_route(Key::Leads, fetch_card, |lead: Lead| {
        let lang = use_lang();
        let session = use_session();
        let status = lead.status.label();
        let name = format!("{} {}", lead.first_name, lead.last_name).trim().to_owned();
        let actions = view! { <Convert lead=lead.clone() /> }.into_any();
        view! {
            <CardFrame title=lead.title.clone() record=lead.clone() actions>
                <dt>{tr(Key::Status)}</dt>
                <dd>{move || status.text(lang.get())}</dd>
                <Fact label=Key::Name value=name />
                <Fact label=Key::CompanyTitle value=lead.company_title.clone() />
                <Fact label=Key::Phone value=lead.phones.first().map(|p| p.value.clone()).unwrap_or_default() />
                <Fact label=Key::Email value=lead.emails.first().map(|p| p.value.clone()).unwrap_or_default() />
                <Fact label=Key::Source value=lead.source.clone() />
                <Fact label=Key::Responsible value=session.name_of(&lead.responsible) />
                <CustomFacts entity=FieldEntity::Lead values=lead.fields.clone() />
                <Fact label=Key::Comments value=lead.comments.clone() />
                {lead.converted.clone().map(|c| view! {
                    <dt>{tr(Key::Deal)}</dt>
                    <dd><A href=routes::card(CardKind::Deal, &c.deal)>{tr(Key::OpenDeal)}</A></dd>
                })}
            </CardFrame>
        }
    })
}

#[component]
fn Convert(lead: Lead) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let id = lead.id.to_string();
    let convert = move |_| {
        let (id, navigate) = (id.clone(), navigate.clone());
        spawn_local(async move {
            match leads::convert(
                &session.store(),
                &id,
                &session.me(),
                clock::now(),
                &crate::zone::BrowserZone,
            )
            .await
            {
                Ok(converted) => {
                    session.changed();
                    navigate(&routes::card(CardKind::Deal, &converted.deal.id), Default::default());
                }
                Err(failure) => error.set(Some(convert_error_text(lang.get_untracked(), &failure))),
            }
        });
    };
    view! {
        {lead.is_open().then(|| view! { <button type="button" class="button button--primary" on:click=convert.clone()>{tr(Key::ConvertLead)}</button> })}
        <ErrorAlert error />
    }
}
