//! Departments in Settings: the org chart that heads, team views and
//! escalations follow. Each department has a parent and a head; people
//! belong to a department.

use dela_core::org::{OrgChart, OrgError};
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::field::{Select, TextField};
use crate::clock;
use crate::errors::storage_error_text;
use crate::i18n::{problem_text, tr, use_lang, Key, Lang};
use crate::ids::new_id;
use crate::session::{use_session, Session};
use crate::store::org;

fn org_error_text(lang: Lang, error: &OrgError) -> String {
    match error {
        OrgError::InvalidName(problem) => problem_text(lang, *problem),
        OrgError::NotEmpty { .. } => Key::DepartmentNotEmpty.text(lang).into(),
        OrgError::ParentInsideDepartment => Key::DepartmentLoop.text(lang).into(),
        OrgError::DuplicateId | OrgError::UnknownDepartment(_) | OrgError::UnknownParent => {
            Key::PoolStateChanged.text(lang).into()
        }
    }
}

/// Applies `edit` to the stored chart and saves it; the message to show.
fn change(
    session: Session,
    lang: Lang,
    status: RwSignal<Option<String>>,
    edit: impl FnOnce(&mut OrgChart) -> Result<(), OrgError> + 'static,
) {
    spawn_local(async move {
        let mut chart = session.org().get_untracked();
        let text = match edit(&mut chart) {
            Err(error) => org_error_text(lang, &error),
            Ok(()) => match org::save(&session.store(), &chart).await {
                Ok(()) => {
                    session.org_saved(chart);
                    session.changed();
                    Key::Saved.text(lang).to_owned()
                }
                Err(error) => storage_error_text(lang, &error),
            },
        };
        status.set(Some(text));
    });
}

pub fn department_options(session: Session, none: &str) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), none.to_owned())];
    options.extend(session.org().with(|chart| {
        chart.departments.iter().map(|d| (d.id.to_string(), d.name.clone())).collect::<Vec<_>>()
    }));
    options
}

#[component]
fn DepartmentRow(id: Id) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let status = RwSignal::new(None::<String>);
    let current = session.org().with_untracked(|chart| chart.department(&id).cloned());
    let department = current?;
    let name = RwSignal::new(department.name.clone());
    let parent = RwSignal::new(department.parent.as_ref().map(Id::to_string).unwrap_or_default());
    let head = RwSignal::new(department.head.as_ref().map(Id::to_string).unwrap_or_default());
    let parents = Signal::derive(move || {
        department_options(session, Key::TopLevel.text(lang.get()))
            .into_iter()
            .filter(|(value, _)| value != id.as_str())
            .collect()
    });
    let heads = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_owned())];
        options.extend(session.user_options());
        options
    });
    let key = department.id.to_string();
    let (save_id, delete_id) = (department.id.clone(), department.id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = save_id.clone();
        let (name, parent, head) =
            (name.get_untracked(), Id::parse(&parent.get_untracked()), Id::parse(&head.get_untracked()));
        change(session, lang.get_untracked(), status, move |chart| {
            chart.rename_department(&id, &name)?;
            chart.move_department(&id, parent)?;
            chart.set_head(&id, head)
        });
    };
    let remove = move |_| {
        let id = delete_id.clone();
        change(session, lang.get_untracked(), status, move |chart| chart.remove_department(&id).map(drop));
    };
    Some(view! {
        <form class="form team-row team-row--wide" on:submit=save aria-label=department.name.clone()>
            <TextField id=format!("department-name-{key}") label=Key::DepartmentName value=name />
            <Select id=format!("department-parent-{key}") label=Key::ParentDepartment value=parent options=parents />
            <Select id=format!("department-head-{key}") label=Key::DepartmentHead value=head options=heads />
            <div class="form__actions">
                <button type="submit" class="button">{tr(Key::Save)}</button>
                <button type="button" class="button button--danger" on:click=remove>{tr(Key::Delete)}</button>
                <span role="status" class="form__status">{move || status.get()}</span>
            </div>
        </form>
    })
}

#[component]
pub fn DepartmentsSettings() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let name = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let parents = Signal::derive(move || department_options(session, Key::TopLevel.text(lang.get())));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (text, parent_id) = (name.get_untracked(), Id::parse(&parent.get_untracked()));
        let id = new_id(clock::now());
        change(session, lang.get_untracked(), status, move |chart| {
            chart.add_department(id, &text, parent_id)
        });
        name.set(String::new());
    };
    view! {
        <section class="panel" aria-labelledby="departments-heading">
            <h2 id="departments-heading">{tr(Key::Departments)}</h2>
            <p class="muted">{tr(Key::DepartmentsHelp)}</p>
            // Keyed, so that saving a row keeps the row (and its "Saved").
            <For
                each=move || session.org().with(|chart| chart.departments.iter().map(|d| d.id.clone()).collect::<Vec<_>>())
                key=|id| id.clone()
                children=|id| view! { <DepartmentRow id /> }
            />
            <form class="form" on:submit=add aria-label=tr(Key::AddDepartment)>
                <div class="field-row">
                    <TextField id="new-department-name" label=Key::NewDepartmentName value=name />
                    <Select id="new-department-parent" label=Key::ParentDepartment value=parent options=parents />
                </div>
                <button type="submit" class="button button--primary">{tr(Key::AddDepartment)}</button>
                <span role="status" class="form__status">{move || status.get()}</span>
            </form>
        </section>
    }
}

/// The department a user belongs to, chosen in their row of the team.
#[component]
pub fn MembershipSelect(user: Id) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let status = RwSignal::new(None::<String>);
    let current = session.org().with_untracked(|chart| {
        chart.membership(&user).map(|m| m.department.to_string()).unwrap_or_default()
    });
    let chosen = RwSignal::new(current);
    let options = Signal::derive(move || department_options(session, Key::NoDepartment.text(lang.get())));
    let key = user.to_string();
    Effect::new(move |previous: Option<String>| {
        let value = chosen.get();
        if previous.is_some_and(|previous| previous != value) {
            let (user, department) = (user.clone(), Id::parse(&value));
            change(session, lang.get_untracked(), status, move |chart| match department {
                Some(department) => chart.assign(user, department, Vec::new()),
                None => {
                    chart.unassign(&user);
                    Ok(())
                }
            });
        }
        value
    });
    view! {
        <Select id=format!("user-department-{key}") label=Key::Department value=chosen options=options />
        {move || status.get().map(|text| view! { <span role="status" class="form__status">{text}</span> })}
    }
}
