//! A task's card: who and when, the actions its status and the viewer's
//! role allow (start, complete, review: accept or return with a comment,
//! defer, resume, reopen), the checklist, and comments.

use dela_core::tasks::action::{Action, ActionKind};
use dela_core::tasks::checklist::ChecklistOp;
use dela_core::tasks::deadline::is_overdue;
use dela_core::tasks::task::Task;
use dela_core::zone::{format_local_datetime, parse_local_datetime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::clock;
use crate::components::card_page::{card_route, Fact};
use crate::components::field::{TextArea, TextField};
use crate::components::time::format_instant;
use crate::errors::{task_error_text, ErrorAlert};
use crate::i18n::{tr, use_lang, Key};
use crate::ids::new_id;
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::tasks;
use crate::zone::BrowserZone;

#[component]
pub fn TaskCardPage() -> impl IntoView {
    let session = use_session();
    let fetch = move |store, id: String| {
        let me = session.me();
        async move {
            let task = tasks::get(&store, &id).await?;
            if let Some(task) = &task {
                tasks::mark_viewed(&store, &task.id, &me).await?;
            }
            Ok(task)
        }
    };
    card_route(Key::Tasks, fetch, |task| view! { <TaskCard task /> })
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
                    Err(failure) => error.set(Some(task_error_text(lang.get_untracked(), &failure))),
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
            view! { <button type="button" class="button" on:click=click>{tr(kind.label())}</button> }
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
    let can_reschedule = actions.contains(&ActionKind::ChangeDeadline);
    let status = task.status.label();
    let overdue = is_overdue(&task, clock::now());
    let names =
        |ids: &[dela_core::Id]| ids.iter().map(|id| session.name_of(id)).collect::<Vec<_>>().join(", ");
    let links = (!task.links.is_empty()).then(|| {
        task.links
            .iter()
            .map(|card| {
                let kind = card.kind.label();
                view! { <A href=routes::card_of(card)>{tr(kind)}</A>" " }
            })
            .collect_view()
    });
    view! {
        <div class="page__head">
            <h1>{task.title.clone()}</h1>
            <div class="page__actions">{buttons}</div>
        </div>
        <ErrorAlert error />
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
        {can_reschedule.then(|| view! { <DeadlineForm deadline=task.deadline run=run.clone() /> })}
        <ChecklistPanel task=task.clone() can_edit=can_tick run=run.clone() />
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

/// Moving the deadline (the creator's right): the people concerned are
/// notified, and reminders count from the new time. An empty field removes
/// the deadline.
#[component]
fn DeadlineForm<R>(deadline: Option<dela_core::Timestamp>, run: R) -> impl IntoView
where
    R: Fn(Action) + Clone + 'static,
{
    let lang = use_lang();
    let text = RwSignal::new(deadline.map(|at| format_local_datetime(&BrowserZone, at)).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = text.get_untracked();
        let parsed = parse_local_datetime(&BrowserZone, &typed);
        if !typed.trim().is_empty() && parsed.is_none() {
            error.set(Some(Key::ProblemInvalidDateTime.text(lang.get_untracked()).to_owned()));
            return;
        }
        error.set(None);
        run(Action::ChangeDeadline { deadline: parsed });
    };
    view! {
        <form class="inline-form panel" on:submit=submit aria-label=tr(Key::NewDeadline)>
            <TextField id="new-deadline" label=Key::NewDeadline value=text error=Signal::derive(move || error.get()) input_type="datetime-local" />
            <button type="submit" class="button">{tr(Key::Reschedule)}</button>
        </form>
    }
}

/// The checklist: items ticked, moved up and down, grouped under titles.
#[component]
fn ChecklistPanel<R>(task: Task, can_edit: bool, run: R) -> impl IntoView
where
    R: Fn(Action) + Clone + Send + Sync + 'static,
{
    let (done, total) = task.checklist.progress();
    let new_item = RwSignal::new(String::new());
    let new_group = RwSignal::new(String::new());
    let first_group = task.checklist.groups.first().map(|g| g.id.clone());
    let add_item = {
        let run = run.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let text = new_item.get_untracked();
            let now = clock::now();
            let group = match &first_group {
                Some(group) => group.clone(),
                None => {
                    let group = new_id(now);
                    run(Action::Checklist(ChecklistOp::AddGroup { id: group.clone(), title: String::new() }));
                    group
                }
            };
            run(Action::Checklist(ChecklistOp::AddItem { id: new_id(now), group, text }));
        }
    };
    let add_group = {
        let run = run.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            run(Action::Checklist(ChecklistOp::AddGroup {
                id: new_id(clock::now()),
                title: new_group.get_untracked(),
            }));
        }
    };
    let groups = task.checklist.groups.clone();
    view! {
        <section class="panel" aria-labelledby="checklist-heading">
            <h2 id="checklist-heading">{tr(Key::Checklist)}" "{done}"/"{total}</h2>
            {groups.into_iter().map(|group| {
                let count = group.items.len();
                let group_id = group.id.clone();
                view! {
                    <div class="checklist-group">
                        {(!group.title.is_empty()).then(|| view! { <h3 class="subheading">{group.title.clone()}</h3> })}
                        <ul class="plain">
                            {group.items.into_iter().enumerate().map(|(position, item)| {
                                let (run_tick, run_up, run_down) = (run.clone(), run.clone(), run.clone());
                                let (tick_id, up_id, down_id) = (item.id.clone(), item.id.clone(), item.id.clone());
                                let (up_group, down_group) = (group_id.clone(), group_id.clone());
                                let done = item.done;
                                let (up_label, down_label) = (format!("↑ {}", item.text), format!("↓ {}", item.text));
                                view! {
                                    <li class="checklist-item">
                                        <label class="check">
                                            <input type="checkbox" prop:checked=done disabled=!can_edit on:change=move |_| {
                                                let item = tick_id.clone();
                                                run_tick(Action::Checklist(if done { ChecklistOp::Untick { item } } else { ChecklistOp::Tick { item } }));
                                            } />
                                            {item.text}
                                        </label>
                                        {can_edit.then(|| view! {
                                            <button type="button" class="button button--small" disabled=position == 0
                                                aria-label=up_label
                                                on:click=move |_| run_up(Action::Checklist(ChecklistOp::MoveItem { item: up_id.clone(), group: up_group.clone(), position: position.saturating_sub(1) }))>"↑"</button>
                                            <button type="button" class="button button--small" disabled={position + 1 >= count}
                                                aria-label=down_label
                                                on:click=move |_| run_down(Action::Checklist(ChecklistOp::MoveItem { item: down_id.clone(), group: down_group.clone(), position: position + 1 }))>"↓"</button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                }
            }).collect_view()}
            {can_edit.then(|| view! {
                <form class="inline-form" on:submit=add_item aria-label=tr(Key::AddItem)>
                    <TextField id="new-item" label=Key::AddItem value=new_item />
                    <button type="submit" class="button">{tr(Key::AddItem)}</button>
                </form>
                <form class="inline-form" on:submit=add_group aria-label=tr(Key::AddGroup)>
                    <TextField id="new-group" label=Key::AddGroup value=new_group />
                    <button type="submit" class="button">{tr(Key::AddGroup)}</button>
                </form>
            })}
        </section>
    }
}
