//! Pipelines and robots: choose a pipeline, edit its stages (add, rename,
//! recolour, reorder, delete with a place for its deals), add a pipeline,
//! see, add and remove the robots and triggers of each stage, and define
//! the custom fields they and the cards use. Each of these edits is the
//! administrator's (`dela_core::permissions`); others see them disabled.

use std::collections::HashMap;

use dela_core::permissions::{may_edit_fields, may_edit_pipelines, may_edit_robots};
use dela_core::pipeline::{Pipeline, PipelineError, Semantic, Stage, DEFAULT_PIPELINE};
use dela_core::robots::Robot;
use dela_core::Id;
use leptos::prelude::*;

use super::fields::FieldsPanel;
use super::outcome::Outcome;
use super::robot_form::AddRobot;
use super::trigger_form::AddTrigger;
use crate::clock;
use crate::components::describe;
use crate::components::field::{Select, TextField};
use crate::components::guarded::Guarded;
use crate::components::load::load;
use crate::errors::ErrorAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::ids::new_id;
use crate::labels::{options, Label};
use crate::session::use_session;
use crate::store::pipelines;
use crate::store::{automation, ActionError, StoreError};

const NEW_STAGE_COLOUR: &str = "#8a97a8";

#[component]
pub fn PipelinesPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let outcome = Outcome { error: RwSignal::new(None) };
    let chosen = RwSignal::new(
        session.pipelines().with_untracked(|all| all.first().map(|p| p.id.to_string())).unwrap_or_default(),
    );
    let options = Signal::derive(move || {
        session.pipelines().with(|all| all.iter().map(|p| (p.id.to_string(), p.name.clone())).collect())
    });
    let counts = load(move || {
        session.track();
        let (store, id) = (session.store(), chosen.get());
        async move {
            let Some(id) = Id::parse(&id) else { return HashMap::new() };
            let deals = pipelines::deals_in(&store, &id).await.unwrap_or_default();
            let mut counts: HashMap<Id, usize> = HashMap::new();
            for deal in deals {
                *counts.entry(deal.stage).or_default() += 1;
            }
            counts
        }
    });
    let new_name = RwSignal::new(String::new());
    let add_pipeline = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang_now = lang.get_untracked();
        let stage = |key: Key, semantic| Stage {
            id: new_id(clock::now()),
            name: key.text(lang_now).to_owned(),
            color: NEW_STAGE_COLOUR.to_owned(),
            semantic,
        };
        let stages = vec![
            stage(Key::StageNew, Semantic::InProgress),
            stage(Key::StageWon, Semantic::Won),
            stage(Key::StageLost, Semantic::Lost),
        ];
        let made = Pipeline::new(new_id(clock::now()), &new_name.get_untracked(), stages);
        outcome.run(session, lang, async move {
            let pipeline = made.map_err(ActionError::Refused)?;
            pipelines::create(&session.store(), &pipeline).await?;
            chosen.set(pipeline.id.to_string());
            new_name.set(String::new());
            Ok(())
        });
    };
    let delete_pipeline = move |_| {
        let Some(id) = Id::parse(&chosen.get_untracked()) else { return };
        outcome.run(session, lang, async move {
            pipelines::delete(&session.store(), &id).await?;
            chosen.set(DEFAULT_PIPELINE.to_owned());
            Ok(())
        });
    };
    view! {
        <h1>{tr(Key::PipelinesAndRobots)}</h1>
        <div class="toolbar">
            <Select id="pipeline-choice" label=Key::Pipeline value=chosen options />
            <button type="button" class="button button--danger" on:click=delete_pipeline disabled=move || !session.user().with(may_edit_pipelines)>{tr(Key::DeletePipeline)}</button>
        </div>
        <ErrorAlert error=outcome.error />
        {move || {
            let pipeline = Id::parse(&chosen.get()).and_then(|id| session.pipeline(&id))?;
            let counts = counts.get().unwrap_or_default();
            let stages = pipeline.clone();
            Some(view! {
                <Guarded may=may_edit_pipelines><StagesPanel pipeline=stages counts outcome /></Guarded>
                <Guarded may=may_edit_robots><RobotsPanel pipeline outcome /></Guarded>
            })
        }}
        <Guarded may=may_edit_pipelines>
            <form class="form panel" on:submit=add_pipeline aria-label=tr(Key::AddPipeline)>
                <div class="field-row">
                    <TextField id="new-pipeline" label=Key::NewPipeline value=new_name />
                    <button type="submit" class="button">{tr(Key::AddPipeline)}</button>
                </div>
            </form>
        </Guarded>
        <Guarded may=may_edit_fields><FieldsPanel /></Guarded>
    }
}

#[component]
fn StagesPanel(pipeline: Pipeline, counts: HashMap<Id, usize>, outcome: Outcome) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let last = pipeline.stages.len().saturating_sub(1);
    let rows = pipeline
        .stages
        .iter()
        .enumerate()
        .map(|(position, stage)| {
            let others: Vec<(String, String)> = pipeline
                .stages
                .iter()
                .filter(|other| other.id != stage.id)
                .map(|other| (other.id.to_string(), other.name.clone()))
                .collect();
            let deals = counts.get(&stage.id).copied().unwrap_or(0);
            view! { <StageRow pipeline=pipeline.id.clone() stage=stage.clone() position last deals others outcome /> }
        })
        .collect_view();
    let name = RwSignal::new(String::new());
    let meaning = RwSignal::new(Semantic::InProgress.code().to_owned());
    let meanings = Signal::derive(move || options(lang.get(), &Semantic::ALL, Semantic::code));
    let pipeline_id = pipeline.id.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let semantic = Semantic::from_code(&meaning.get_untracked()).unwrap_or(Semantic::InProgress);
        let stage = Stage {
            id: new_id(clock::now()),
            name: name.get_untracked(),
            color: NEW_STAGE_COLOUR.to_owned(),
            semantic,
        };
        let id = pipeline_id.clone();
        outcome.run(session, lang, async move {
            pipelines::edit(&session.store(), &id, move |p| {
                let position = match semantic {
                    Semantic::InProgress => {
                        p.stages.iter().position(|s| s.semantic.is_closed()).unwrap_or(p.stages.len())
                    }
                    _ => p.stages.len(),
                };
                p.add_stage(stage, position)
            })
            .await?;
            name.set(String::new());
            Ok(())
        });
    };
    view! {
        <section class="panel" aria-labelledby="stages-heading">
            <h2 id="stages-heading">{tr(Key::Stages)}</h2>
            <ol class="plain stage-list">{rows}</ol>
            <form class="field-row" on:submit=add aria-label=tr(Key::AddStage)>
                <TextField id="new-stage" label=Key::NewStage value=name />
                <Select id="new-stage-meaning" label=Key::Meaning value=meaning options=meanings />
                <button type="submit" class="button">{tr(Key::AddStage)}</button>
            </form>
        </section>
    }
}

/// One change to a stage of a pipeline, applied to the stored pipeline.
type StageEdit = Box<dyn FnOnce(&mut Pipeline, &Id) -> Result<(), PipelineError>>;

#[component]
fn StageRow(
    pipeline: Id,
    stage: Stage,
    position: usize,
    last: usize,
    deals: usize,
    others: Vec<(String, String)>,
    outcome: Outcome,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let name = RwSignal::new(stage.name.clone());
    let colour = RwSignal::new(stage.color.clone());
    let target = RwSignal::new(others.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let deleting = RwSignal::new(false);
    let targets = Signal::derive(move || others.clone());
    let key = stage.id.to_string();
    let edit = {
        let (pipeline, stage) = (pipeline.clone(), stage.id.clone());
        move |change: StageEdit| {
            let (pipeline, stage) = (pipeline.clone(), stage.clone());
            outcome.run(session, lang, async move {
                pipelines::edit(&session.store(), &pipeline, move |p| change(p, &stage)).await.map(drop)
            });
        }
    };
    let save = {
        let edit = edit.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (name, colour) = (name.get_untracked(), colour.get_untracked());
            edit(Box::new(move |p, id| {
                p.rename_stage(id, &name)?;
                p.recolor_stage(id, &colour)
            }));
        }
    };
    let up = {
        let edit = edit.clone();
        move |_| edit(Box::new(move |p, id| p.move_stage(id, position.saturating_sub(1))))
    };
    let down = move |_| edit(Box::new(move |p, id| p.move_stage(id, position + 1)));
    let delete = {
        let (pipeline, stage) = (pipeline.clone(), stage.id.clone());
        move |_| {
            if deals > 0 && !deleting.get_untracked() {
                deleting.set(true);
                return;
            }
            let (pipeline, stage, to) = (pipeline.clone(), stage.clone(), Id::parse(&target.get_untracked()));
            outcome.run(session, lang, async move {
                let store = session.store();
                pipelines::delete_stage(&store, &pipeline, &stage, to.as_ref(), &session.me(), clock::now())
                    .await
                    .map(drop)
            });
        }
    };
    let semantic = stage.semantic.label();
    let (first, at_end) = (position == 0, position >= last);
    let colour_id = format!("stage-colour-{key}");
    view! {
        <li class="stage-row" style:border-left-color=stage.color.clone()>
            <form class="field-row" on:submit=save aria-label=stage.name.clone()>
                <TextField id=format!("stage-name-{key}") label=Key::StageName value=name />
                <div class="field field--colour">
                    <label for=colour_id.clone()>{tr(Key::Colour)}</label>
                    <input id=colour_id type="color" prop:value=move || colour.get() on:input=move |ev| colour.set(event_target_value(&ev)) />
                </div>
                <span class="tag">{move || semantic.text(lang.get())}</span>
                <span class="muted">{move || Key::DealsInStage.text(lang.get()).replace("{n}", &deals.to_string())}</span>
                <button type="submit" class="button">{tr(Key::Save)}</button>
                <button type="button" class="button" on:click=up disabled=first aria-label=tr(Key::MoveUp)>"↑"</button>
                <button type="button" class="button" on:click=down disabled=at_end aria-label=tr(Key::MoveDown)>"↓"</button>
                <Show when=move || deleting.get()>
                    <Select id=format!("stage-target-{key}") label=Key::MoveDealsTo value=target options=targets />
                </Show>
                <button type="button" class="button button--danger" on:click=delete.clone()>{tr(Key::Delete)}</button>
            </form>
        </li>
    }
}

#[component]
fn RobotsPanel(pipeline: Pipeline, outcome: Outcome) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let remove = move |robot: Option<Id>, trigger: Option<Id>| {
        outcome.run(session, lang, async move {
            automation::change_setup(&session.store(), |setup| {
                setup.robots.retain(|r| Some(&r.id) != robot.as_ref());
                setup.triggers.retain(|t| Some(&t.id) != trigger.as_ref());
                Ok::<_, StoreError>(())
            })
            .await?;
            Ok(())
        });
    };
    let stages = pipeline.stages.clone();
    let pipeline_id = pipeline.id.clone();
    let body = move || {
        let lang_now = lang.get();
        let setup = session.setup().get();
        stages
            .iter()
            .map(|stage| {
                let robots: Vec<Robot> =
                    setup.robots.iter().filter(|r| r.pipeline == pipeline_id && r.stage == stage.id).cloned().collect();
                let triggers: Vec<_> =
                    setup.triggers.iter().filter(|t| t.pipeline == pipeline_id && t.stage == stage.id).cloned().collect();
                let empty = robots.is_empty() && triggers.is_empty();
                view! {
                    <section class="robots__stage" aria-label=stage.name.clone()>
                        <h3 class="subheading">{stage.name.clone()}</h3>
                        {empty.then(|| view! { <p class="muted">{Key::NoRobots.text(lang_now)}</p> })}
                        <ul class="plain robots__list">
                            {robots.into_iter().map(|robot| {
                                let id = robot.id.clone();
                                view! {
                                    <li class="robots__item">
                                        <span class="tag">{Key::Robot.text(lang_now)}</span>
                                        <span>{describe::robot(lang_now, &session, &robot)}</span>
                                        <button type="button" class="button button--danger" on:click=move |_| remove(Some(id.clone()), None)>{Key::Delete.text(lang_now)}</button>
                                    </li>
                                }
                            }).collect_view()}
                            {triggers.into_iter().map(|trigger| {
                                let id = trigger.id.clone();
                                view! {
                                    <li class="robots__item">
                                        <span class="tag">{Key::Trigger.text(lang_now)}</span>
                                        <span>{describe::trigger(lang_now, &session, &trigger)}</span>
                                        <button type="button" class="button button--danger" on:click=move |_| remove(None, Some(id.clone()))>{Key::Delete.text(lang_now)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="robots-heading">
            <h2 id="robots-heading">{tr(Key::Robots)}</h2>
            {body}
            <AddRobot pipeline=pipeline.clone() outcome />
            <AddTrigger pipeline outcome />
        </section>
    }
}
