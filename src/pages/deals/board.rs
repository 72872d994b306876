//! A pipeline's kanban board. A deal moves by drag and drop onto a column,
//! or with its own "move to stage" select (keyboard and screen readers);
//! both go through the same checked move, so a refusal reads the same.

use dela_core::board::columns;
use dela_core::deal::Deal;
use dela_core::pipeline::{Pipeline, Stage};
use dela_core::record::CardKind;
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::clock;
use crate::errors::{save_error_text, ErrorAlert};
use crate::i18n::{use_lang, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::robots;
use crate::zone::BrowserZone;

/// The drag payload's type: only deals dragged from this board drop here.
const DEAL_TYPE: &str = "application/x-dela-deal";

#[component]
pub fn Board(pipeline: Pipeline, deals: Vec<Deal>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let move_deal = move |deal: String, stage: String| {
        let Some(stage) = Id::parse(&stage) else { return };
        spawn_local(async move {
            let result =
                robots::move_deal(&session.store(), &deal, &stage, &session.me(), clock::now(), &BrowserZone)
                    .await;
            let lang = lang.get_untracked();
            match result {
                Ok(_) => {
                    error.set(None);
                    session.changed();
                }
                Err(failure) => {
                    error.set(Some(save_error_text(lang, &failure, |id| session.field_name(id))));
                }
            }
        });
    };
    let options: Vec<(String, String)> =
        pipeline.stages.iter().map(|s| (s.id.to_string(), s.name.clone())).collect();
    let owned: Vec<(Stage, Vec<Deal>)> = columns(&pipeline, &deals)
        .into_iter()
        .map(|column| (column.stage.clone(), column.deals.into_iter().cloned().collect()))
        .collect();
    let board = owned
        .into_iter()
        .map(|(stage, deals)| {
            let stage_id = stage.id.to_string();
            let (name, label) = (stage.name.clone(), stage.name.clone());
            let drop = move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                let deal = ev.data_transfer().and_then(|data| data.get_data(DEAL_TYPE).ok());
                if let Some(deal) = deal.filter(|deal| !deal.is_empty()) {
                    move_deal(deal, stage_id.clone());
                }
            };
            let count = deals.len();
            let cards = deals
                .into_iter()
                .map(|deal| {
                    let id = deal.id.to_string();
                    let (drag_id, select_id) = (id.clone(), format!("move-{id}"));
                    let current = deal.stage.to_string();
                    let choices = options.clone();
                    let change_id = id.clone();
                    let title = deal.title.clone();
                    view! {
                        <li
                            class="board__card"
                            draggable="true"
                            on:dragstart=move |ev: leptos::ev::DragEvent| {
                                if let Some(data) = ev.data_transfer() {
                                    let _ignored = data.set_data(DEAL_TYPE, &drag_id);
                                }
                            }
                        >
                            <A href=routes::card(CardKind::Deal, &id)>{deal.title.clone()}</A>
                            <span class="muted">{deal.amount.as_ref().map(ToString::to_string)}</span>
                            <span class="muted">{session.name_of(&deal.responsible)}</span>
                            <label class="visually-hidden" for=select_id.clone()>{move || format!("{}: {}", Key::MoveToStage.text(lang.get()), title)}</label>
                            <select
                                id=select_id
                                class="board__move"
                                on:change=move |ev| move_deal(change_id.clone(), event_target_value(&ev))
                            >
                                {choices.into_iter().map(|(value, text)| {
                                    let selected = value == current;
                                    view! { <option value=value selected=selected>{text}</option> }
                                }).collect_view()}
                            </select>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section
                    class="kanban__column board__column"
                    style:border-top-color=stage.color.clone()
                    aria-label=label
                    on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=drop
                >
                    <h2 class="subheading">{name}" ("{count}")"</h2>
                    <ul class="plain board__cards">{cards}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <ErrorAlert error />
        <div class="kanban board">{board}</div>
    }
}
