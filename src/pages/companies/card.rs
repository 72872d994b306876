//! A company's card: contact details, its contacts and deals, the pool
//! actions, activities and history.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::fields::FieldEntity;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::clock;
use crate::components::card_page::{card_or_state, CardFrame, Fact};
use crate::components::clients::{ClientFacts, PoolActions};
use crate::components::custom_fields::CustomFacts;
use crate::components::load::load;
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::{cards, companies, StoreError};

#[derive(Clone)]
struct Data {
    company: Company,
    contacts: Vec<Contact>,
    deals: Vec<Deal>,
}

async fn fetch(store: crate::store::Store, id: String) -> Result<Option<Data>, StoreError> {
    let Some(company) = cards::get::<Company>(&store, &id).await? else { return Ok(None) };
    let contacts = companies::contacts(&store, &company.id).await?;
    let deals = companies::deals(&store, &company.id).await?;
    Ok(Some(Data { company, contacts, deals }))
}

#[component]
pub fn CompanyCardPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let data = load(move || {
        session.track();
        fetch(session.store(), params.with(|p| p.get(routes::ID).unwrap_or_default()))
    });
    move || {
        card_or_state(Key::Companies, data.get(), |Data { company, contacts, deals }| {
            view! { <CompanyCard company contacts deals /> }.into_any()
        })
    }
}

#[component]
fn CompanyCard(company: Company, contacts: Vec<Contact>, deals: Vec<Deal>) -> impl IntoView {
    let session = use_session();
    let card = company.card();
    let stored = StoredValue::new(company.clone());
    let delete = move || {
        let store = session.store();
        let company = stored.get_value();
        async move { cards::delete(&store, &company, &session.me(), clock::now()).await }
    };
    let pool_card = card.clone();
    let status = company.client.status;
    view! {
        <CardFrame
            title=company.title.clone()
            card=card.clone()
            delete
            actions=move || view! { <PoolActions card=pool_card.clone() status /> }
        >
            <section class="panel">
                <dl class="facts">
                    <ClientFacts client=company.client.clone() />
                    <CustomFacts entity=FieldEntity::Company values=company.fields.clone() />
                    <Fact label=Key::Comments value=company.comments.clone() />
                </dl>
            </section>
            <section class="panel" aria-labelledby="company-contacts">
                <div class="panel__head">
                    <h2 id="company-contacts">{tr(Key::Contacts)}</h2>
                    <A href=routes::new_of(CardKind::Contact, &card) attr:class="button">{tr(Key::NewContact)}</A>
                </div>
                <ul class="plain links">
                    {contacts.into_iter().map(|c| view! { <li><A href=routes::card(CardKind::Contact, &c.id)>{c.title()}</A></li> }).collect_view()}
                </ul>
            </section>
            <section class="panel" aria-labelledby="company-deals">
                <div class="panel__head">
                    <h2 id="company-deals">{tr(Key::Deals)}</h2>
                    <A href=routes::new_of(CardKind::Deal, &card) attr:class="button">{tr(Key::NewDeal)}</A>
                </div>
                <ul class="plain links">
                    {deals.into_iter().map(|d| view! { <li><A href=routes::card(CardKind::Deal, &d.id)>{d.title.clone()}</A></li> }).collect_view()}
                </ul>
            </section>
        </CardFrame>
    }
}
