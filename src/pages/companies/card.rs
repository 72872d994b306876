//! A company's card: contact details, its contacts and deals, the pool
//! actions, activities and history.

use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::fields::FieldEntity;
use leptos::prelude::*;

use crate::components::card_page::{card_route, LinkedCards};
use crate::components::clients::ClientCardFrame;
use crate::i18n::Key;
use crate::store::{cards, companies, Store, StoreError};

type Data = (Company, Vec<Contact>, Vec<Deal>);

async fn fetch(store: Store, id: String) -> Result<Option<Data>, StoreError> {
    let Some(company) = cards::get::<Company>(&store, &id).await? else { return Ok(None) };
    let contacts = companies::contacts(&store, &company.id).await?;
    let deals = companies::deals(&store, &company.id).await?;
    Ok(Some((company, contacts, deals)))
}

#[component]
pub fn CompanyCardPage() -> impl IntoView {
    card_route(Key::Companies, fetch, |(company, contacts, deals)| {
        let (title, owner) = (company.title.clone(), company.card());
        let (fields, comments) = (company.fields.clone(), company.comments.clone());
        let linked = view! { <LinkedCards owner cards=contacts offer_new=true /> }.into_any();
        view! { <ClientCardFrame title record=company entity=FieldEntity::Company fields comments linked deals /> }
    })
}
