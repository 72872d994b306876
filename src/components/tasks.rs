//! Tasks as other pages show them: a task's row in a list, and the panel of
//! the tasks linked to a card, beside its activities.

use dela_core::record::CardRef;
use dela_core::tasks::deadline::is_overdue;
use dela_core::tasks::task::Task;
use leptos::prelude::*;
use leptos_router::components::A;

use super::load::{load, loading};
use super::time::format_instant;
use crate::clock;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::session::use_session;
use crate::store::tasks;

/// One task in a list.
#[component]
pub fn TaskRow(task: Task) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let overdue = is_overdue(&task, clock::now());
    let status = task.status.label();
    let deadline = task.deadline;
    view! {
        <li class="task-row">
            <A href=format!("/tasks/{}", task.id)>{task.title.clone()}</A>
            <span class="tag tag--muted">{move || status.text(lang.get())}</span>
            {deadline.map(|at| view! { <time class="deadline" class:deadline--overdue=overdue>{move || format_instant(at, lang.get())}</time> })}
            <span class="muted">{session.name_of(&task.responsible)}</span>
        </li>
    }
}

/// The tasks linked to a card, shown beside its activities.
#[component]
pub fn TasksPanel(card: CardRef) -> impl IntoView {
    let session = use_session();
    let linked = {
        let card = card.clone();
        load(move || {
            session.track();
            let (store, card) = (session.store(), card.clone());
            async move {
                let all = tasks::list(&store).await.unwrap_or_default();
                all.into_iter().filter(|task| task.links.contains(&card)).collect::<Vec<_>>()
            }
        })
    };
    let new_href = format!("/tasks/new?link={}:{}", card.kind.code(), card.id);
    view! {
        <section class="panel" aria-labelledby="tasks-heading">
            <div class="panel__head">
                <h2 id="tasks-heading">{tr(Key::Tasks)}</h2>
                <A href=new_href attr:class="button">{tr(Key::NewTask)}</A>
            </div>
            {move || match linked.get() {
                None => loading(),
                Some(list) if list.is_empty() => view! { <p class="muted">{tr(Key::TasksEmpty)}</p> }.into_any(),
                Some(list) => view! { <ul class="plain">{list.into_iter().map(|task| view! { <TaskRow task /> }).collect_view()}</ul> }.into_any(),
            }}
        </section>
    }
}
