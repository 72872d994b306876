//! A task's card: who and when, the actions its status and the viewer's
//! role allow (start, complete, review: accept or return with a comment,
//! defer, resume, reopen), the checklist, and comments.

use dela_core::tasks::action::{Action, ActionKind, TaskError};
use dela_core::tasks::checklist::ChecklistOp;
use dela_core::tasks::deadline::is_overdue;
use dela_core::tasks::task::Task;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::status_key;
use crate::app::storage_error_text;
use crate::clock;
use crate::components::card_page::{card_or_state, Fact};
use crate::components::field::TextArea;
use crate::components::load::load;
use crate::components::time::format_instant;
use crate::i18n::{tr, use_lang, Key, Lang};
use crate::pages::card_href;
use crate::session::use_session;
use crate::store::tasks::{self, TaskSaveError};

fn action_key(kind: ActionKind) -> Key {
    match kind {
        ActionKind::Start => Key::TaskStart,
        ActionKind::Complete => Key::Complete,
        ActionKind::Defer => Key::TaskDefer,
        ActionKind::Resume => Key::TaskResume,
        ActionKind::Accept => Key::TaskAccept,
        ActionKind::Return => Key::TaskReturn,
        ActionKind::Reopen => Key::TaskReopen,
        ActionKind::Comment => Key::TaskComment,
        ActionKind::ChangeDeadline => Key::NewDeadline,
        ActionKind::Checklist => Key::Checklist,
    }
}

fn refusal_text(lang: Lang, error: &TaskSaveError) -> String {
    match error {
        TaskSaveError::Refused(TaskError::CommentRequired) => Key::ReturnNeedsComment.text(lang).into(),
        TaskSaveError::Refused(_) => Key::TaskActionRefused.text(lang).into(),
        TaskSaveError::Store(error) => storage_error_text(lang, error),
        _ => Key::CardNotFound.text(lang).into(),
    }
}

#[component]
pub fn TaskCardPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let task = load(move || {
        session.track();
        let (store, id, me) =
            (session.store(), params.with(|p| p.get("id").unwrap_or_default()), session.me());
        async move {
            let task = tasks::get(&store, &id).await?;
            if let Some(task) = &task {
                tasks::mark_viewed(&store, task, &me).await?;
            }
            Ok(task)
        }
    });
    move || card_or_state(Key::Tasks, task.get(), |task| view! { <TaskCard task /> }.into_any())
}

#[component]
fn TaskCard(task: Task) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let comment = RwSignal::new(String::new());
    let returning = RwSignal::new(false);
    let id = task.id.to_string();
    let me = session.me();
    let run = {
        let id = id.clone();
        move |action: Action| {
            let id = id.clone();
            spawn_local(async move {
                match tasks::act(&session.store(), &id, action, &session.me(), clock::now()).await {
                    Ok(_) => {
                        error.set(None);
                        comment.set(String::new());
                        returning.set(false);
                        session.changed();
                    }
                    Err(failure) => error.set(Some(refusal_text(lang.get_untracked(), &failure))),
                }
            });
        }
    };
    let actions = task.available_actions(&me);
    let buttons = actions
        .iter()
        .filter(|kind| {
            !matches!(kind, ActionKind::Comment | ActionKind::ChangeDeadline | ActionKind::Checklist)
        })
        .map(|kind| {
            let (kind, run) = (*kind, run.clone());
            let click = move |_| match kind {
                ActionKind::Start => run(Action::Start),
                ActionKind::Complete => run(Action::Complete),
                ActionKind::Defer => run(Action::Defer),
                ActionKind::Resume => run(Action::Resume),
                ActionKind::Accept => run(Action::Accept),
                ActionKind::Reopen => run(Action::Reopen),
                _ => returning.set(true),
            };
            view! { <button type="button" class="button" on:click=click>{tr(action_key(kind))}</button> }
        })
        .collect_view();
    let send_return = {
        let run = run.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            run(Action::Return { comment: comment.get_untracked() });
        }
    };
    let send_comment = {
        let run = run.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            run(Action::Comment { text: comment.get_untracked() });
        }
    };
    let can_tick = actions.contains(&ActionKind::Checklist);
    let status = status_key(task.status);
    let overdue = is_overdue(&task, clock::now());
    let names =
        |ids: &[dela_core::Id]| ids.iter().map(|id| session.name_of(id)).collect::<Vec<_>>().join(", ");
    let checklist = task.checklist.groups.iter().flat_map(|g| g.items.clone()).collect::<Vec<_>>();
    let (done, total) = task.checklist.progress();
    let links = (!task.links.is_empty()).then(|| {
        task.links
            .iter()
            .map(|card| {
                let kind = crate::pages::card_kind_key(card.kind);
                view! { <A href=card_href(card)>{tr(kind)}</A>" " }
            })
            .collect_view()
    });
    view! {
        <div class="page__head">
            <h1>{task.title.clone()}</h1>
            <div class="page__actions">{buttons}</div>
        </div>
        {move || error.get().map(|text| view! { <p role="alert" class="alert alert--error">{text}</p> })}
        <Show when=move || returning.get()>
            <form class="form panel" on:submit=send_return.clone() aria-label=tr(Key::TaskReturn)>
                <TextArea id="return-comment" label=Key::WhatToRework value=comment required=true />
                <button type="submit" class="button button--primary">{tr(Key::SendBack)}</button>
            </form>
        </Show>
        <section class="panel">
            <dl class="facts">
                <dt>{tr(Key::Status)}</dt>
                <dd>{move || status.text(lang.get())}</dd>
                <Fact label=Key::Responsible value=session.name_of(&task.responsible) />
                <Fact label=Key::Creator value=session.name_of(&task.creator) />
                <Fact label=Key::CoExecutors value=names(&task.co_executors) />
                <Fact label=Key::Observers value=names(&task.observers) />
                {task.deadline.map(|at| view! {
                    <dt>{tr(Key::Deadline)}</dt>
                    <dd><time class="deadline" class:deadline--overdue=overdue>{move || format_instant(at, lang.get())}</time></dd>
                })}
                {task.review_required.then(|| view! { <dt>{tr(Key::ReviewResult)}</dt><dd>"✓"</dd> })}
                {task.series.as_ref().map(|s| view! { <dt>{tr(Key::Repeat)}</dt><dd>{format!("#{}", s.number)}</dd> })}
                {links.map(|links| view! {
                    <dt>{tr(Key::Card)}</dt>
                    <dd>{links}</dd>
                })}
                <Fact label=Key::Tags value=task.tags.join(", ") />
                <Fact label=Key::Description value=task.description.clone() />
            </dl>
        </section>
        {(total > 0).then(|| view! {
            <section class="panel" aria-labelledby="checklist-heading">
                <h2 id="checklist-heading">{tr(Key::Checklist)}" "{done}"/"{total}</h2>
                <ul class="plain">
                    {checklist.into_iter().map(|item| {
                        let run = run.clone();
                        let (item_id, done) = (item.id.clone(), item.done);
                        let toggle = move |_| {
                            let item = item_id.clone();
                            run(Action::Checklist(if done { ChecklistOp::Untick { item } } else { ChecklistOp::Tick { item } }));
                        };
                        view! {
                            <li><label class="check">
                                <input type="checkbox" prop:checked=done disabled=!can_tick on:change=toggle />{item.text}
                            </label></li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="panel" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{tr(Key::Comments)}</h2>
            <ol class="plain history">
                {task.comments.iter().map(|c| {
                    let at = c.at;
                    view! {
                        <li class="history__item">
                            <time class="muted">{move || format_instant(at, lang.get())}</time>" "
                            <strong>{session.name_of(&c.author)}</strong>": "<span>{c.text.clone()}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <form class="form" on:submit=send_comment aria-label=tr(Key::TaskComment)>
                <TextArea id="task-comment" label=Key::TaskComment value=comment />
                <button type="submit" class="button">{tr(Key::TaskComment)}</button>
            </form>
        </section>
    }
}
