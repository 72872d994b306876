//! The companies list, with each company's nearest planned activity.

use dela_core::company::Company;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::labels::client_status_key;
use crate::components::load::{load, loading};
use crate::components::mark::NextActivity;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let rows = load(move || {
        session.track();
        let store = session.store();
        async move { cards::list::<Company>(&store).await }
    });
    view! {
        <div class="page__head">
            <h1>{tr(Key::Companies)}</h1>
            <A href=routes::new(CardKind::Company) attr:class="button button--primary">{tr(Key::NewCompany)}</A>
        </div>
        {move || match rows.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr(Key::CompaniesEmpty)}</p> }.into_any(),
            Some(Ok(rows)) => view! {
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::Title)}</th>
                            <th scope="col">{tr(Key::Phone)}</th>
                            <th scope="col">{tr(Key::Responsible)}</th>
                            <th scope="col">{tr(Key::NextActivity)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|company| {
                            let responsible = match &company.client.responsible {
                                Some(id) => session.name_of(id),
                                None => client_status_key(company.client.status).text(lang.get_untracked()).to_owned(),
                            };
                            view! {
                                <tr>
                                    <td><A href=routes::card(CardKind::Company, &company.id)>{company.title.clone()}</A></td>
                                    <td>{company.client.phones.first().map(|p| p.value.clone())}</td>
                                    <td>{responsible}</td>
                                    <td><NextActivity next=company.next_activity /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
