//! A contact's card: details, companies, deals, pool actions, activities
//! and history.

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
use crate::store::{cards, contacts, StoreError};

#[derive(Clone)]
struct Data {
    contact: Contact,
    companies: Vec<Company>,
    deals: Vec<Deal>,
}

async fn fetch(store: crate::store::Store, id: String) -> Result<Option<Data>, StoreError> {
    let Some(contact) = cards::get::<Contact>(&store, &id).await? else { return Ok(None) };
    let mut companies = Vec::new();
    for company in &contact.companies {
        if let Some(company) = cards::get::<Company>(&store, company.as_str()).await? {
            companies.push(company);
        }
    }
    let deals = contacts::deals(&store, &contact.id).await?;
    Ok(Some(Data { contact, companies, deals }))
}

#[component]
pub fn ContactCardPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let data = load(move || {
        session.track();
        fetch(session.store(), params.with(|p| p.get(routes::ID).unwrap_or_default()))
    });
    move || {
        card_or_state(Key::Contacts, data.get(), |Data { contact, companies, deals }| {
            view! { <ContactCard contact companies deals /> }.into_any()
        })
    }
}

#[component]
fn ContactCard(contact: Contact, companies: Vec<Company>, deals: Vec<Deal>) -> impl IntoView {
    let session = use_session();
    let card = contact.card();
    let stored = StoredValue::new(contact.clone());
    let delete = move || {
        let store = session.store();
        let contact = stored.get_value();
        async move { cards::delete(&store, &contact, &session.me(), clock::now()).await }
    };
    let pool_card = card.clone();
    let status = contact.client.status;
    view! {
        <CardFrame
            title=contact.title()
            card=card.clone()
            delete
            actions=move || view! { <PoolActions card=pool_card.clone() status /> }
        >
            <section class="panel">
                <dl class="facts">
                    <Fact label=Key::Position value=contact.position.clone() />
                    <ClientFacts client=contact.client.clone() />
                    <CustomFacts entity=FieldEntity::Contact values=contact.fields.clone() />
                    <Fact label=Key::Comments value=contact.comments.clone() />
                </dl>
            </section>
            <section class="panel" aria-labelledby="contact-companies">
                <h2 id="contact-companies">{tr(Key::Companies)}</h2>
                <ul class="plain links">
                    {companies.into_iter().map(|c| view! { <li><A href=routes::card(CardKind::Company, &c.id)>{c.title.clone()}</A></li> }).collect_view()}
                </ul>
            </section>
            <section class="panel" aria-labelledby="contact-deals">
                <div class="panel__head">
                    <h2 id="contact-deals">{tr(Key::Deals)}</h2>
                    <A href=routes::new_of(CardKind::Deal, &card) attr:class="button">{tr(Key::NewDeal)}</A>
                </div>
                <ul class="plain links">
                    {deals.into_iter().map(|d| view! { <li><A href=routes::card(CardKind::Deal, &d.id)>{d.title.clone()}</A></li> }).collect_view()}
                </ul>
            </section>
        </CardFrame>
    }
}
