//! What can be done with an open activity, wherever it is shown: complete
//! it with a result (and plan the next one on the same card, as the
//! trainers insist), reschedule it, or delete it.

use dela_core::activity::Activity;
use dela_core::zone::{format_local_datetime, parse_local_datetime};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::form::ActivityForm;
use crate::clock;
use crate::components::field::{FormAlerts, TextArea, TextField};
use crate::components::form::FormState;
use crate::errors::activity_error_text;
use crate::i18n::{tr, use_lang, Key};
use crate::session::use_session;
use crate::store::activities::{self, ActivityRefused};
use crate::store::ActionError;
use crate::zone::BrowserZone;

/// What the actions open with, when shown for one chosen activity.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Start {
    Complete,
    Reschedule,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Completing,
    Rescheduling,
    ConfirmDelete,
    PlanningNext,
}

/// Shows a failed operation in the form; the saved activity when it worked.
fn settle<T>(form: FormState, result: Result<T, ActionError<ActivityRefused>>) -> Option<T> {
    match result {
        Ok(value) => {
            form.succeeded();
            Some(value)
        }
        Err(error) => {
            form.fail(&error, activity_error_text);
            None
        }
    }
}

#[component]
pub fn ActivityActions(
    activity: Activity,
    /// Deleting is offered on the card's timeline only.
    #[prop(optional)]
    deletable: bool,
    #[prop(optional)] start: Option<Start>,
    /// Runs when the user is done (saved or cancelled), for actions shown
    /// outside their row.
    #[prop(optional)]
    on_close: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let mode = RwSignal::new(match start {
        Some(Start::Complete) => Mode::Completing,
        Some(Start::Reschedule) => Mode::Rescheduling,
        None => Mode::Idle,
    });
    let close = move || {
        mode.set(Mode::Idle);
        if let Some(on_close) = on_close {
            on_close.run(());
        }
    };
    let form = FormState::new();
    let result = RwSignal::new(String::new());
    let plan_next = RwSignal::new(true);
    let deadline = RwSignal::new(format_local_datetime(&BrowserZone, activity.deadline));
    let id = activity.id.to_string();
    let (owner, kind, subject) = (activity.owner.clone(), activity.kind, activity.subject.clone());
    let result_id = format!("result-{id}");
    let deadline_id = format!("reschedule-{id}");

    let complete = {
        let (id, owner) = (id.clone(), owner.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !form.begin() {
                return;
            }
            let (id, owner) = (id.clone(), owner.clone());
            spawn_local(async move {
                let done = activities::complete(
                    &session.store(),
                    &owner,
                    &id,
                    &result.get_untracked(),
                    &session.me(),
                    clock::now(),
                    &BrowserZone,
                )
                .await;
                if let Some(activity) = settle(form, done) {
                    if plan_next.get_untracked() {
                        mode.set(Mode::PlanningNext);
                    } else {
                        close();
                    }
                    session.activity_saved(activity);
                }
            });
        }
    };
    let reschedule = {
        let (id, owner) = (id.clone(), owner.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(when) = parse_local_datetime(&BrowserZone, &deadline.get_untracked()) else {
                let mut errors = dela_core::validation::FieldErrors::default();
                errors.add(format!("reschedule-{id}"), dela_core::validation::Problem::InvalidDateTime);
                form.invalid(errors);
                return;
            };
            if !form.begin() {
                return;
            }
            let (id, owner) = (id.clone(), owner.clone());
            spawn_local(async move {
                let moved =
                    activities::reschedule(&session.store(), &owner, &id, when, &session.me(), clock::now())
                        .await;
                if let Some(activity) = settle(form, moved) {
                    close();
                    session.activity_saved(activity);
                }
            });
        }
    };
    let removed = StoredValue::new(activity.clone());
    let delete = {
        let (id, owner) = (id.clone(), owner.clone());
        move |_| {
            let (id, owner) = (id.clone(), owner.clone());
            spawn_local(async move {
                let gone =
                    activities::delete(&session.store(), &owner, &id, &session.me(), clock::now()).await;
                if settle(form, gone).is_some() {
                    // Reported as completed so that indexes drop it.
                    let mut gone = removed.get_value();
                    gone.completion = Some(dela_core::activity::Completion {
                        at: clock::now(),
                        by: session.me(),
                        result: String::new(),
                    });
                    session.activity_saved(gone);
                }
            });
        }
    };
    let name = move |key: Key| {
        let subject = subject.clone();
        move || format!("{}: {}", key.text(lang.get()), subject)
    };

    view! {
        <div class="activity-actions">
            <Show when=move || mode.get() == Mode::Idle && start.is_none()>
                <button type="button" class="button button--small" aria-label=name(Key::Complete) on:click=move |_| mode.set(Mode::Completing)>
                    {tr(Key::Complete)}
                </button>
                <button type="button" class="button button--small" aria-label=name(Key::Reschedule) on:click=move |_| mode.set(Mode::Rescheduling)>
                    {tr(Key::Reschedule)}
                </button>
                {deletable.then(|| view! {
                    <button type="button" class="button button--small button--danger" aria-label=name(Key::Delete) on:click=move |_| mode.set(Mode::ConfirmDelete)>
                        {tr(Key::Delete)}
                    </button>
                })}
            </Show>
            <Show when=move || mode.get() == Mode::Completing>
                <form class="form form--inline" on:submit=complete.clone() novalidate aria-label=tr(Key::Complete)>
                    <FormAlerts form />
                    <TextArea id=result_id.clone() label=Key::Result value=result error=form.error("result") required=true />
                    <label class="check">
                        <input type="checkbox" prop:checked=move || plan_next.get() on:change=move |_| plan_next.update(|v| *v = !*v) />
                        {tr(Key::PlanNext)}
                    </label>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" disabled=move || form.saving.get()>{tr(Key::Complete)}</button>
                        <button type="button" class="button" on:click=move |_| close()>{tr(Key::Cancel)}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || mode.get() == Mode::Rescheduling>
                <form class="form form--inline" on:submit=reschedule.clone() novalidate aria-label=tr(Key::Reschedule)>
                    <FormAlerts form />
                    <TextField id=deadline_id.clone() label=Key::NewDeadline value=deadline error=form.error(deadline_id.clone()) input_type="datetime-local" />
                    <div class="form__actions">
                        <button type="submit" class="button button--primary">{tr(Key::Save)}</button>
                        <button type="button" class="button" on:click=move |_| close()>{tr(Key::Cancel)}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || mode.get() == Mode::ConfirmDelete>
                <div role="alertdialog" class="alert alert--warning" aria-label=tr(Key::Delete)>
                    <p>{tr(Key::DeleteActivityQuestion)}</p>
                    <button type="button" class="button button--danger" on:click=delete.clone()>{tr(Key::ConfirmDelete)}</button>
                    <button type="button" class="button" on:click=move |_| close()>{tr(Key::Cancel)}</button>
                </div>
            </Show>
            {
                let owner = owner.clone();
                move || (mode.get() == Mode::PlanningNext).then(|| {
                    view! {
                        <h3 class="subheading">{tr(Key::PlanNextHeading)}</h3>
                        <ActivityForm card=owner.clone() kind=kind on_done=Callback::new(move |_| close()) />
                    }
                })
            }
        </div>
    }
}
