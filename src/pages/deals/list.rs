//! The deals page: a list (stage, amount, responsible, nearest activity)
//! or a pipeline's board.

use dela_core::deal::Deal;
use dela_core::record::CardKind;
use dela_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::field::Select;
use crate::components::load::{load, loading};
use crate::components::mark::NextActivity;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards;

use super::board::Board;

#[component]
pub fn StageBadge(deal_stage: dela_core::Id) -> impl IntoView {
    let session = use_session();
    let stage = session.stage(&deal_stage);
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
    let layout = RwSignal::new("list".to_owned());
    let layouts = Signal::derive(move || {
        vec![
            ("list".to_owned(), Key::DealsTable.text(lang.get()).to_owned()),
            ("board".to_owned(), Key::Board.text(lang.get()).to_owned()),
        ]
    });
    let pipeline = RwSignal::new(
        session.pipelines.with_untracked(|all| all.first().map(|p| p.id.to_string())).unwrap_or_default(),
    );
    let pipelines = Signal::derive(move || {
        session.pipelines.with(|all| all.iter().map(|p| (p.id.to_string(), p.name.clone())).collect())
    });
    let board = move || layout.get() == "board";
    view! {
        <div class="page__head">
            <h1>{tr(Key::Deals)}</h1>
            <A href=routes::new(CardKind::Deal) attr:class="button button--primary">{tr(Key::NewDeal)}</A>
        </div>
        <div class="toolbar">
            <Select id="deals-layout" label=Key::DealsView value=layout options=layouts />
            <Show when=board>
                <Select id="deals-pipeline" label=Key::Pipeline value=pipeline options=pipelines />
            </Show>
        </div>
        {move || match rows.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(deals)) if board() => {
                let chosen = Id::parse(&pipeline.get()).and_then(|id| session.pipeline(&id));
                chosen.map(|pipeline| view! { <Board pipeline deals /> }.into_any()).unwrap_or_else(|| ().into_any())
            }
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
                                    <td><A href=routes::card(CardKind::Deal, &deal.id)>{deal.title.clone()}</A></td>
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
