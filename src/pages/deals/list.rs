//! The deals page: a list (stage, amount, responsible, nearest activity)
//! or a pipeline's board.

use dela_core::deal::Deal;
use dela_core::record::CardKind;
use dela_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::card_list::{list_or_state, load_cards, ListHead};
use crate::components::field::Select;
use crate::components::mark::NextActivity;
use crate::i18n::{use_lang, Key};
use crate::routes;
use crate::session::use_session;

use super::board::Board;

#[component]
pub fn StageBadge(deal_stage: dela_core::Id) -> impl IntoView {
    let session = use_session();
    let stage = session.stage(&deal_stage);
    stage.map(|stage| {
        view! { <span class="stage" style:border-color=stage.color.clone()>{stage.name.clone()}</span> }
    })
}

/// The columns of the deals table.
const COLUMNS: [Key; 5] = [Key::Title, Key::Stage, Key::Amount, Key::Responsible, Key::NextActivity];

#[component]
pub fn DealsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let rows = load_cards::<Deal>();
    let layout = RwSignal::new("list".to_owned());
    let layouts = Signal::derive(move || {
        vec![
            ("list".to_owned(), Key::DealsTable.text(lang.get()).to_owned()),
            ("board".to_owned(), Key::Board.text(lang.get()).to_owned()),
        ]
    });
    let pipeline = RwSignal::new(
        session.pipelines().with_untracked(|all| all.first().map(|p| p.id.to_string())).unwrap_or_default(),
    );
    let pipelines = Signal::derive(move || {
        session.pipelines().with(|all| all.iter().map(|p| (p.id.to_string(), p.name.clone())).collect())
    });
    let board = move || layout.get() == "board";
    let row = move |deal: Deal| {
        let in_progress = deal.in_progress();
        let next = in_progress.then_some(deal.next_activity).flatten();
        view! {
            <tr>
                <td><A href=routes::card(CardKind::Deal, &deal.id)>{deal.title.clone()}</A></td>
                <td><StageBadge deal_stage=deal.stage.clone() /></td>
                <td>{deal.amount.as_ref().map(ToString::to_string)}</td>
                <td>{session.name_of(&deal.responsible)}</td>
                <td>{if in_progress { view! { <NextActivity next /> }.into_any() } else { view! { <span class="muted">"—"</span> }.into_any() }}</td>
            </tr>
        }
    };
    view! {
        <ListHead kind=CardKind::Deal />
        <div class="toolbar">
            <Select id="deals-layout" label=Key::DealsView value=layout options=layouts />
            <Show when=board>
                <Select id="deals-pipeline" label=Key::Pipeline value=pipeline options=pipelines />
            </Show>
        </div>
        {move || match rows.get() {
            Some(Ok(deals)) if board() => {
                let chosen = Id::parse(&pipeline.get()).and_then(|id| session.pipeline(&id));
                chosen.map(|pipeline| view! { <Board pipeline deals /> }.into_any()).unwrap_or_else(|| ().into_any())
            }
            loaded => list_or_state(CardKind::Deal, loaded, &COLUMNS, row),
        }}
    }
}
