//! Projects (workgroups): the list with a form to start one, and a
//! project's page: members, its tasks by status with counters, and its
//! feed — all for members only.

use dela_core::tasks::counters::team_counters;
use dela_core::tasks::feed::Post;
use dela_core::tasks::project::{Project, ProjectDraft, ProjectRole};
use dela_core::tasks::status::Status;
use dela_core::tasks::task::Task;
use dela_core::tasks::views::kanban;
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::clock;
use crate::components::card_page::card_route;
use crate::components::field::{FormAlerts, Select, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::{load, loading};
use crate::components::tasks::TaskRow;
use crate::components::time::format_instant;
use crate::errors::ErrorAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::{options, Label};
use crate::session::use_session;
use crate::store::projects;
use crate::store::{tasks, ActionError, StoreError};
use crate::zone::BrowserZone;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let list = load(move || {
        session.track();
        let store = session.store();
        async move { projects::list(&store).await.unwrap_or_default() }
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let draft = ProjectDraft { title: title.get_untracked(), description: description.get_untracked() };
        let navigate = navigate.clone();
        spawn_local(async move {
            let (store, actor, now) = form.context();
            match projects::create(&store, &draft, &actor, now).await {
                Ok(project) => {
                    form.succeeded();
                    session.changed();
                    navigate(&format!("/projects/{}", project.id), Default::default());
                }
                Err(ActionError::Invalid(errors)) => form.invalid(errors),
                Err(ActionError::Store(error)) => form.failed(&error),
                Err(_) => form.succeeded(),
            }
        });
    };
    view! {
        <h1>{tr(Key::Projects)}</h1>
        {move || match list.get() {
            None => loading(),
            Some(list) if list.is_empty() => view! { <p class="empty">{tr(Key::ProjectsEmpty)}</p> }.into_any(),
            Some(list) => view! {
                <ul class="plain links panel">
                    {list.into_iter().map(|p| view! { <li><A href=format!("/projects/{}", p.id)>{p.title}</A></li> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <form class="form panel" on:submit=create aria-label=tr(Key::NewProject)>
            <h2 class="subheading">{tr(Key::NewProject)}</h2>
            <FormAlerts form />
            <TextField id="project-title" label=Key::Title value=title error=form.error("title") required=true />
            <TextArea id="project-description" label=Key::Description value=description error=form.error("description") />
            <button type="submit" class="button button--primary">{tr(Key::NewProject)}</button>
        </form>
    }
}

#[derive(Clone)]
struct Data {
    project: Project,
    tasks: Vec<Task>,
    posts: Vec<Post>,
}

async fn fetch(store: crate::store::Store, id: String) -> Result<Option<Data>, StoreError> {
    let Some(project) = projects::get(&store, &id).await? else { return Ok(None) };
    let tasks =
        tasks::list(&store).await?.into_iter().filter(|t| t.project.as_ref() == Some(&project.id)).collect();
    let posts = projects::posts(&store, &project.id).await?;
    Ok(Some(Data { project, tasks, posts }))
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    card_route(Key::Projects, fetch, |Data { project, tasks, posts }| {
        view! { <ProjectView project tasks posts /> }
    })
}

#[component]
fn ProjectView(project: Project, tasks: Vec<Task>, posts: Vec<Post>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let me = session.me();
    let member = project.role_of(&me).is_some();
    let visible: Vec<Task> = project.visible_tasks(&me, &tasks).into_iter().cloned().collect();
    let counters = team_counters(&me, &visible, clock::now(), &BrowserZone);
    let feed: Vec<Post> =
        project.feed(&me, &posts).map(|posts| posts.into_iter().cloned().collect()).unwrap_or_default();
    let text = RwSignal::new(String::new());
    let newcomer = RwSignal::new(String::new());
    let newcomer_role = RwSignal::new(ProjectRole::Member.code().to_owned());
    let error = RwSignal::new(None::<String>);
    let stored = StoredValue::new(project.clone());
    let post = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let project = stored.get_value();
            match projects::post(
                &session.store(),
                &project,
                &session.me(),
                &text.get_untracked(),
                clock::now(),
            )
            .await
            {
                Ok(_) => {
                    text.set(String::new());
                    session.changed();
                }
                Err(_) => error.set(Some(Key::PostRefused.text(lang.get_untracked()).to_owned())),
            }
        });
    };
    let add_member = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(user) = Id::parse(&newcomer.get_untracked()) else { return };
        spawn_local(async move {
            let (actor, now) = (session.me(), clock::now());
            let id = stored.get_value().id.to_string();
            let result = projects::change(&session.store(), &id, |p| {
                p.add_member(&actor, &user, ProjectRole::Member, now)
            })
            .await;
            match result {
                Ok(_) => session.changed(),
                Err(_) => error.set(Some(Key::MembersRefused.text(lang.get_untracked()).to_owned())),
            }
        });
    };
    let users = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_owned())];
        options.extend(session.user_options());
        options
    });
    let roles = Signal::derive(move || options(lang.get(), &ProjectRole::ALL, ProjectRole::code));
    let member_rows = project
        .members
        .iter()
        .map(|m| {
            let chosen = RwSignal::new(m.role.code().to_owned());
            let user = m.user.clone();
            let name = session.name_of(&user);
            Effect::new(move |previous: Option<String>| {
                let value = chosen.get();
                if previous.is_some_and(|previous| previous != value) {
                    let user = user.clone();
                    spawn_local(async move {
                        let (actor, now) = (session.me(), clock::now());
                        let id = stored.get_value().id.to_string();
                        let role = ProjectRole::from_code(&value).unwrap_or(ProjectRole::Member);
                        match projects::change(&session.store(), &id, |p| p.change_role(&actor, &user, role, now)).await {
                            Ok(_) => session.changed(),
                            Err(_) => error.set(Some(Key::MembersRefused.text(lang.get_untracked()).to_owned())),
                        }
                    });
                }
                chosen.get_untracked()
            });
            let key = m.user.to_string();
            view! {
                <li class="member">
                    <span>{name.clone()}</span>
                    <Select id=format!("member-role-{key}") label=Key::ProjectRole value=chosen options=roles compact=true />
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{project.title.clone()}</h1>
        <ErrorAlert error />
        <section class="panel">
            <p class="prewrap">{project.description.clone()}</p>
            <h2 class="subheading" id="members-heading">{tr(Key::Members)}</h2>
            <ul class="plain" aria-label=tr(Key::Members)>{member_rows}</ul>
            {member.then(|| view! {
                <form class="inline-form" on:submit=add_member aria-label=tr(Key::AddMember)>
                    <Select id="new-member" label=Key::AddMember value=newcomer options=users compact=true />
                    <Select id="new-member-role" label=Key::ProjectRole value=newcomer_role options=roles compact=true />
                    <button type="submit" class="button">{tr(Key::AddMember)}</button>
                </form>
            })}
        </section>
        {if member {
            view! {
                <section class="panel">
                    <div class="counters">
                        <span class="counter" aria-label=move || format!("{}: {}", Key::CountOverdue.text(lang.get()), counters.overdue)>{tr(Key::CountOverdue)}" "<strong>{counters.overdue}</strong></span>
                        <span class="counter" aria-label=move || format!("{}: {}", Key::CountAwaitingReview.text(lang.get()), counters.awaiting_review)>{tr(Key::CountAwaitingReview)}" "<strong>{counters.awaiting_review}</strong></span>
                    </div>
                    <div class="kanban">
                        {kanban(&visible).into_iter().map(|(status, tasks): (Status, Vec<&Task>)| {
                            let key = status.label();
                            let tasks: Vec<Task> = tasks.into_iter().cloned().collect();
                            view! {
                                <section class="kanban__column">
                                    <h2 class="subheading">{move || key.text(lang.get())}" ("{tasks.len()}")"</h2>
                                    <ul class="plain">{tasks.into_iter().map(|task| view! { <TaskRow task /> }).collect_view()}</ul>
                                </section>
                            }
                        }).collect_view()}
                    </div>
                </section>
                <section class="panel" aria-labelledby="feed-heading">
                    <h2 id="feed-heading">{tr(Key::Feed)}</h2>
                    <form class="form" on:submit=post aria-label=tr(Key::Publish)>
                        <TextArea id="post-text" label=Key::Message value=text />
                        <button type="submit" class="button button--primary">{tr(Key::Publish)}</button>
                    </form>
                    <ol class="plain history">
                        {feed.into_iter().map(|post| view! { <PostItem post project=stored /> }).collect_view()}
                    </ol>
                </section>
            }.into_any()
        } else {
            view! { <p class="alert">{tr(Key::MembersOnly)}</p> }.into_any()
        }}
    }
}

/// A post of the feed with its comments and a form to add one.
#[component]
fn PostItem(post: Post, project: StoredValue<Project>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reply = RwSignal::new(String::new());
    let at = post.at;
    let post_id = post.id.clone();
    let key = post.id.to_string();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let post = post_id.clone();
        spawn_local(async move {
            let project = project.get_value();
            if projects::comment(
                &session.store(),
                &project,
                &post,
                &session.me(),
                &reply.get_untracked(),
                clock::now(),
            )
            .await
            .is_ok()
            {
                reply.set(String::new());
                session.changed();
            }
        });
    };
    view! {
        <li class="history__item">
            <time class="muted">{move || format_instant(at, lang.get())}</time>" "
            <strong>{session.name_of(&post.author)}</strong>": "<span>{post.text}</span>
            <ul class="plain changes">
                {post.comments.into_iter().map(|c| view! {
                    <li><strong>{session.name_of(&c.author)}</strong>": "<span>{c.text}</span></li>
                }).collect_view()}
            </ul>
            <form class="inline-form" on:submit=send aria-label=tr(Key::Reply)>
                <TextField id=format!("reply-{key}") label=Key::Reply value=reply />
                <button type="submit" class="button button--small">{tr(Key::Reply)}</button>
            </form>
        </li>
    }
}
