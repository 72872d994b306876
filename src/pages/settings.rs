//! Settings: who you are and your team with their roles, and the
//! discipline horizons. Until the server signs people in, the person at
//! the keyboard chooses who they are here. The team, its roles and org
//! chart, the course examples and the calendar are the administrator's to
//! change.

use dela_core::discipline::Horizons;
use dela_core::permissions::{may_edit_calendar, may_edit_robots, may_edit_roles, may_edit_team};
use dela_core::user::{Role, User};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::components::departments::{DepartmentsSettings, MembershipSelect};
use crate::components::field::{Checkboxes, SaveRow, Select, TextField};
use crate::components::guarded::Guarded;
use crate::components::load::load;
use crate::errors::{never_refused_text, storage_error_text};
use crate::i18n::{problem_text, tr, use_lang, Key};
use crate::labels::options;
use crate::pages::automation::{CalendarPanel, ExamplesPanel};
use crate::session::use_session;
use crate::store::{settings, users, ActionError};

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::Settings)}</h1>
        <WhoAmI />
        <Guarded may=may_edit_team>
            <Team />
            <DepartmentsSettings />
        </Guarded>
        <HorizonSettings />
        <Guarded may=may_edit_robots><ExamplesPanel /></Guarded>
        <Guarded may=may_edit_calendar><CalendarPanel /></Guarded>
    }
}

async fn reload_team(session: crate::session::Session) {
    if let Ok(team) = users::list(&session.store()).await {
        session.team_saved(team);
    }
}

#[component]
fn WhoAmI() -> impl IntoView {
    let session = use_session();
    let chosen = RwSignal::new(session.me().to_string());
    let options = Signal::derive(move || session.user_options());
    Effect::new(move |_| {
        let id = chosen.get();
        if id == session.me().as_str() {
            return;
        }
        let Some(user) =
            session.team().with_untracked(|team| team.iter().find(|u| u.id.as_str() == id).cloned())
        else {
            return;
        };
        spawn_local(async move {
            if users::switch_to(&session.store(), &user).await.is_ok() {
                session.signed_in_as(user);
                session.changed();
            }
        });
    });
    view! {
        <section class="panel" aria-labelledby="me-heading">
            <h2 id="me-heading">{tr(Key::Profile)}</h2>
            <Select id="current-user" label=Key::YouAre value=chosen options=options />
        </section>
    }
}

#[component]
fn UserRow(user: User) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let name = RwSignal::new(user.name.clone());
    let roles = RwSignal::new(user.roles.iter().map(|r| r.code().to_owned()).collect::<Vec<_>>());
    let status = RwSignal::new(None::<String>);
    let role_options = Signal::derive(move || options(lang.get(), &Role::ALL, Role::code));
    let id = user.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let roles: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| roles.with_untracked(|c| c.contains(&r.code().to_owned())))
            .collect();
        let id = id.clone();
        spawn_local(async move {
            let saved =
                users::save(&session.store(), Some(&id), &name.get_untracked(), roles, clock::now()).await;
            match saved {
                Ok(user) => {
                    if user.id == session.me() {
                        session.signed_in_as(user);
                    }
                    reload_team(session).await;
                    status.set(Some(Key::Saved.text(lang.get_untracked()).to_owned()));
                }
                Err(ActionError::Invalid(errors)) => {
                    status.set(errors.for_field("name").map(|p| problem_text(lang.get_untracked(), p)))
                }
                Err(failure) => status.set(Some(never_refused_text(lang.get_untracked(), &failure))),
            }
        });
    };
    let key = user.id.to_string();
    view! {
        <form class="form team-row" on:submit=save aria-label=user.name.clone()>
            <TextField id=format!("user-name-{key}") label=Key::Name value=name />
            <Checkboxes id=format!("user-roles-{key}") label=Key::Roles value=roles options=role_options disabled=Signal::derive(move || !session.user().with(may_edit_roles)) />
            <MembershipSelect user=user.id.clone() />
            <SaveRow status />
        </form>
    }
}

#[component]
fn Team() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match users::save(&session.store(), None, &new_name.get_untracked(), Vec::new(), clock::now())
                .await
            {
                Ok(_) => {
                    new_name.set(String::new());
                    error.set(None);
                    reload_team(session).await;
                }
                Err(ActionError::Invalid(errors)) => {
                    error.set(errors.for_field("name").map(|p| problem_text(lang.get_untracked(), p)))
                }
                Err(failure) => error.set(Some(never_refused_text(lang.get_untracked(), &failure))),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="team-heading">
            <h2 id="team-heading">{tr(Key::Team)}</h2>
            {move || session.team().get().into_iter().map(|user| view! { <UserRow user /> }).collect_view()}
            <form class="form" on:submit=add aria-label=tr(Key::AddUser)>
                <TextField id="new-user-name" label=Key::NewUserName value=new_name error=Signal::derive(move || error.get()) />
                <button type="submit" class="button button--primary">{tr(Key::AddUser)}</button>
            </form>
        </section>
    }
}

#[component]
fn HorizonSettings() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let status = RwSignal::new(None::<String>);
    let current = load(move || {
        let store = session.store();
        async move { settings::horizons(&store).await.unwrap_or_default() }
    });
    move || {
        current.get().map(|horizons: Horizons| {
            let deal = RwSignal::new(horizons.deal_days.to_string());
            let client = RwSignal::new(horizons.client_days.to_string());
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let (Ok(deal_days), Ok(client_days)) = (deal.get_untracked().trim().parse(), client.get_untracked().trim().parse()) else {
                    status.set(Some(Key::NumbersOnly.text(lang.get_untracked()).to_owned()));
                    return;
                };
                spawn_local(async move {
                    let text = match settings::save_horizons(&session.store(), &Horizons { deal_days, client_days }).await {
                        Ok(()) => {
                            session.changed();
                            Key::Saved.text(lang.get_untracked()).to_owned()
                        }
                        Err(e) => storage_error_text(lang.get_untracked(), &e),
                    };
                    status.set(Some(text));
                });
            };
            view! {
                <form class="form panel" on:submit=save aria-labelledby="horizons-heading">
                    <h2 id="horizons-heading">{tr(Key::Horizons)}</h2>
                    <p class="muted">{tr(Key::HorizonsHelp)}</p>
                    <div class="field-row">
                        <TextField id="deal-days" label=Key::DealHorizon value=deal input_type="number" />
                        <TextField id="client-days" label=Key::ClientHorizon value=client input_type="number" />
                    </div>
                    <SaveRow status />
                </form>
            }
        })
    }
}
