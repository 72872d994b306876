//! A contact's card: details, companies, deals, pool actions, activities
//! and history.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::fields::FieldEntity;
use leptos::prelude::*;

use crate::components::card_page::{card_route, LinkedCards};
use crate::components::clients::ClientCardFrame;
use crate::i18n::Key;
use crate::store::{cards, contacts, Store, StoreError};

type Data = (Contact, Vec<Company>, Vec<Deal>);

async fn fetch(store: Store, id: String) -> Result<Option<Data>, StoreError> {
    let Some(contact) = cards::get::<Contact>(&store, &id).await? else { return Ok(None) };
    let mut companies = Vec::new();
    for company in &contact.companies {
        if let Some(company) = cards::get::<Company>(&store, company.as_str()).await? {
            companies.push(company);
        }
    }
    let deals = contacts::deals(&store, &contact.id).await?;
    Ok(Some((contact, companies, deals)))
}

#[component]
pub fn ContactCardPage() -> impl IntoView {
    card_route(Key::Contacts, fetch, |(contact, companies, deals)| {
        let (title, linked) =
            (contact.title(), view! { <LinkedCards owner=contact.card() cards=companies /> });
        let (fields, comments, position) =
            (contact.fields.clone(), contact.comments.clone(), contact.position.clone());
        view! {
            <ClientCardFrame title record=contact entity=FieldEntity::Contact fields comments position linked=linked.into_any() deals />
        }
    })
}
