//! The companies list.

use std::collections::HashMap;

use dela_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::storage_error_text;
use crate::components::load::{load, loading};
use crate::components::time::format_instant;
use crate::i18n::{tr, use_lang, Key};
use crate::session::use_session;
use crate::store::{companies, users};

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let rows = load(move || {
        session.track();
        let store = session.store();
        async move {
            let names: HashMap<Id, String> =
                users::list(&store).await?.into_iter().map(|user| (user.id, user.name)).collect();
            let companies = companies::list(&store).await?;
            Ok(companies
                .into_iter()
                .map(|company| {
                    let responsible = names.get(&company.responsible).cloned().unwrap_or_default();
                    (company, responsible)
                })
                .collect::<Vec<_>>())
        }
    });
    view! {
        <div class="page__head">
            <h1>{tr(Key::Companies)}</h1>
            <A href="/companies/new" attr:class="button button--primary">{tr(Key::NewCompany)}</A>
        </div>
        {move || match rows.get() {
            None => loading(),
            Some(result) => match result {
                Err(error) => view! { <p role="alert" class="alert alert--error">{storage_error_text(lang.get(), &error)}</p> }.into_any(),
                Ok(rows) if rows.is_empty() => view! { <p class="empty">{tr(Key::CompaniesEmpty)}</p> }.into_any(),
                Ok(rows) => view! {
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{tr(Key::Title)}</th>
                                <th scope="col">{tr(Key::Phone)}</th>
                                <th scope="col">{tr(Key::Email)}</th>
                                <th scope="col">{tr(Key::Responsible)}</th>
                                <th scope="col">{tr(Key::Updated)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|(company, responsible)| {
                                let href = format!("/companies/{}", company.id);
                                let phone = company.phones.first().map(|p| p.value.clone());
                                let email = company.emails.first().map(|p| p.value.clone());
                                let updated = company.stamp.updated_at;
                                view! {
                                    <tr>
                                        <td><A href=href>{company.title}</A></td>
                                        <td>{phone}</td>
                                        <td>{email}</td>
                                        <td>{responsible}</td>
                                        <td>{move || format_instant(updated, lang.get())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            },
        }}
    }
}
