//! The tasks list: my counters, then my tasks by role and deadline, or a
//! kanban by status.

use dela_core::tasks::counters::{user_counters, Counters};
use dela_core::tasks::role::Role;
use dela_core::tasks::status::Status;
use dela_core::tasks::task::Task;
use dela_core::tasks::views::{by_deadline, by_project, by_role, kanban};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::clock;
use crate::components::field::Select;
use crate::components::load::{load, loading};
use crate::components::tasks::TaskRow;
use crate::i18n::{tr, use_lang, Key, Lang};
use crate::labels::{options, Label};
use crate::session::use_session;
use crate::store::{projects, tasks};
use crate::zone::BrowserZone;

/// The roles the list is filtered by: mine on a task, never an outsider's.
const FILTER_ROLES: [Role; 4] = [Role::Responsible, Role::CoExecutor, Role::Creator, Role::Observer];

#[component]
fn CounterRow(heading: Key, counters: Counters) -> impl IntoView {
    let lang = use_lang();
    let items = [
        (Key::CountOverdue, counters.overdue),
        (Key::CountDueToday, counters.due_today),
        (Key::CountNew, counters.new),
        (Key::CountAwaitingReview, counters.awaiting_review),
        (Key::CountReturned, counters.returned),
    ];
    view! {
        <div class="counters">
            <span class="counters__heading">{tr(heading)}</span>
            {items
                .into_iter()
                .map(|(key, count)| {
                    let label = move || format!("{}: {count}", key.text(lang.get()));
                    view! {
                        <span class="counter" class:counter--zero=count == 0 aria-label=label>
                            {tr(key)}" "<strong>{count}</strong>
                        </span>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn section(lang: Lang, key: Key, tasks: Vec<Task>) -> impl IntoView {
    (!tasks.is_empty()).then(|| {
        view! {
            <section class="task-section">
                <h2 class="subheading">{key.text(lang)}" ("{tasks.len()}")"</h2>
                <ul class="plain">{tasks.into_iter().map(|task| view! { <TaskRow task /> }).collect_view()}</ul>
            </section>
        }
    })
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let role = RwSignal::new(Role::Responsible.code().to_owned());
    let layout = RwSignal::new("deadline".to_owned());
    let all = load(move || {
        session.track();
        let store = session.store();
        async move { tasks::list(&store).await.unwrap_or_default() }
    });
    let project_titles = load(move || {
        session.track();
        let store = session.store();
        async move { projects::list(&store).await.unwrap_or_default() }
    });
    let roles = Signal::derive(move || options(lang.get(), &FILTER_ROLES, Role::code));
    let layouts = Signal::derive(move || {
        let lang = lang.get();
        vec![
            ("deadline".to_owned(), Key::ByDeadline.text(lang).to_owned()),
            ("kanban".to_owned(), Key::Kanban.text(lang).to_owned()),
        ]
    });
    let content = move || {
        let tasks = all.get()?;
        let me = session.user().get().id;
        let now = clock::now();
        let counters = user_counters(&me, &tasks, now, &BrowserZone);
        let role = Role::from_code(&role.get()).unwrap_or(Role::Responsible);
        let mine: Vec<&Task> = by_role(&tasks, &me, role);
        let lang = lang.get();
        let body = if layout.get() == "project" {
            let titles = project_titles.get().unwrap_or_default();
            view! {
                {by_project(mine.iter().copied()).into_iter().map(|(project, tasks)| {
                    let heading = project
                        .and_then(|id| titles.iter().find(|p| &p.id == id).map(|p| p.title.clone()))
                        .unwrap_or_else(|| Key::NoProject.text(lang).to_owned());
                    let tasks: Vec<Task> = tasks.into_iter().cloned().collect();
                    view! {
                        <section class="task-section">
                            <h2 class="subheading">{heading}" ("{tasks.len()}")"</h2>
                            <ul class="plain">{tasks.into_iter().map(|task| view! { <TaskRow task /> }).collect_view()}</ul>
                        </section>
                    }
                }).collect_view()}
            }
            .into_any()
        } else if layout.get() == "kanban" {
            let columns = kanban(mine.iter().copied());
            view! {
                <div class="kanban">
                    {columns.into_iter().map(|(status, tasks): (Status, Vec<&Task>)| {
                        let key = status.label();
                        let tasks: Vec<Task> = tasks.into_iter().cloned().collect();
                        view! {
                            <section class="kanban__column" aria-label=key.text(lang)>
                                <h2 class="subheading">{key.text(lang)}" ("{tasks.len()}")"</h2>
                                <ul class="plain">{tasks.into_iter().map(|task| view! { <TaskRow task /> }).collect_view()}</ul>
                            </section>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        } else {
            let buckets = by_deadline(mine.iter().copied(), now, &BrowserZone);
            let owned = |list: Vec<&Task>| list.into_iter().cloned().collect::<Vec<_>>();
            // The deadline buckets hold the tasks being worked on; the rest
            // follow by status.
            let with_status = |status: Status| {
                mine.iter().filter(|t| t.status == status).map(|t| (*t).clone()).collect::<Vec<_>>()
            };
            let empty = mine.is_empty();
            view! {
                {section(lang, Key::TaskAwaitingReview, with_status(Status::AwaitingReview))}
                {section(lang, Key::CountOverdue, owned(buckets.overdue))}
                {section(lang, Key::ViewToday, owned(buckets.today))}
                {section(lang, Key::ThisWeek, owned(buckets.this_week))}
                {section(lang, Key::Later, owned(buckets.later))}
                {section(lang, Key::NoDeadline, owned(buckets.no_deadline))}
                {section(lang, Key::TaskDeferred, with_status(Status::Deferred))}
                {section(lang, Key::TaskCompleted, with_status(Status::Completed))}
                {empty.then(|| view! { <p class="empty">{tr(Key::TasksEmpty)}</p> })}
            }
            .into_any()
        };
        Some(view! {
            <section class="panel">
                <CounterRow heading=Key::MyTasks counters=counters.mine />
                <CounterRow heading=Key::TasksIWatch counters=counters.watched />
            </section>
            {body}
        })
    };
    view! {
        <div class="page__head">
            <h1>{tr(Key::Tasks)}</h1>
            <div class="page__actions">
                <Select id="task-role" label=Key::Show value=role options=roles compact=true />
                <Select id="task-layout" label=Key::Layout value=layout options=layouts compact=true />
                <A href="/projects" attr:class="button">{tr(Key::Projects)}</A>
                <A href="/tasks/new" attr:class="button button--primary">{tr(Key::NewTask)}</A>
            </div>
        </div>
        {move || content().map(IntoAny::into_any).unwrap_or_else(loading)}
    }
}
