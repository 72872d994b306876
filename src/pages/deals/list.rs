//! The deals list: stage, amount, responsible and nearest activity.

use dela_core::deal::Deal;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::storage_error_text;
use crate::components::load::{load, loading};
use crate::components::mark::NextActivity;
use crate::i18n::{tr, use_lang, Key};
use crate::session::use_session;
use crate::store::cards;

#[component]
pub fn StageBadge(deal_stage: dela_core::Id) -> impl IntoView {
    let session = use_session();
    let stage = session.pipeline.with_untracked(|p| p.stage(&deal_stage).cloned());
    stage.map(|stage| {
        view! { <span class="stage" style:border-color=stage.color.clone()>{stage.name.clone()}</span> }
    })
}

#[component]
pub fn DealsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let rows = load(move || {
        session.track();
        let store = session.store();
        async move { cards::list::<Deal>(&store).await }
    });
    view! {
        <div class="page__head">
            <h1>{tr(Key::Deals)}</h1>
            <A href="/deals/new" attr:class="button button--primary">{tr(Key::NewDeal)}</A>
        </div>
        {move || match rows.get() {
            None => loading(),
            Some(Err(error)) => view! { <p role="alert" class="alert alert--error">{storage_error_text(lang.get(), &error)}</p> }.into_any(),
            Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr(Key::DealsEmpty)}</p> }.into_any(),
            Some(Ok(rows)) => view! {
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::Title)}</th>
                            <th scope="col">{tr(Key::Stage)}</th>
                            <th scope="col">{tr(Key::Amount)}</th>
                            <th scope="col">{tr(Key::Responsible)}</th>
                            <th scope="col">{tr(Key::NextActivity)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|deal| {
                            let next = deal.in_progress().then_some(deal.next_activity).flatten();
                            let in_progress = deal.in_progress();
                            view! {
                                <tr>
                                    <td><A href=format!("/deals/{}", deal.id.clone())>{deal.title.clone()}</A></td>
                                    <td><StageBadge deal_stage=deal.stage.clone() /></td>
                                    <td>{deal.amount.as_ref().map(ToString::to_string)}</td>
                                    <td>{session.name_of(&deal.responsible)}</td>
                                    <td>{if in_progress { view! { <NextActivity next /> }.into_any() } else { view! { <span class="muted">"—"</span> }.into_any() }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
