//! Failures as the user sees them: the text of a storage error, of an
//! action's failure (one helper per domain's reason to refuse), and the one
//! alert style every page uses for errors (announced at once by screen
//! readers).

use std::convert::Infallible;

use dela_core::client::PoolError;
use dela_core::invoice::StatusRefused;
use dela_core::lead::ConvertError;
use dela_core::pipeline::PipelineError;
use dela_core::tasks::action::TaskError;
use dela_core::Id;
use leptos::prelude::*;

use crate::i18n::{move_refused_text, problem_text, tr, use_lang, Key, Lang};
use crate::session::use_session;
use crate::store::activities::ActivityRefused;
use crate::store::cards::SaveError;
use crate::store::{ActionError, StoreError};

/// Message for a storage error, shared by the boot screen and the forms.
pub fn storage_error_text(lang: Lang, error: &StoreError) -> String {
    match error {
        StoreError::Unavailable => Key::StorageUnavailable.text(lang).into(),
        StoreError::QuotaExceeded => Key::StorageQuota.text(lang).into(),
        StoreError::VersionTooNew => Key::StorageTooNew.text(lang).into(),
        StoreError::Data(detail) | StoreError::Other(detail) => {
            format!("{} {detail}", Key::StorageOther.text(lang))
        }
    }
}

/// What the user reads when an action failed, worded the same for every
/// action: the domain's reason as `refused` words it, a record that is gone,
/// a storage error. Field errors belong next to their fields (a form shows
/// them there); read here, they are the form's summary.
pub fn action_error_text<R>(
    lang: Lang,
    error: &ActionError<R>,
    refused: impl FnOnce(&R) -> String,
) -> String {
    match error {
        ActionError::Invalid(_) => Key::FormHasErrors.text(lang).into(),
        ActionError::Refused(reason) => refused(reason),
        ActionError::NotFound => Key::CardNotFound.text(lang).into(),
        ActionError::Store(error) => storage_error_text(lang, error),
    }
}

/// An action the rules never refuse (a user's or a saved view's save).
pub fn never_refused_text(lang: Lang, error: &ActionError<Infallible>) -> String {
    action_error_text(lang, error, |never| match *never {})
}

/// A card's save or a deal's move; a refused move names the required
/// fields still empty, by `field_name`.
pub fn save_error_text(lang: Lang, error: &SaveError, field_name: impl Fn(&Id) -> String) -> String {
    action_error_text(lang, error, |refused| move_refused_text(lang, refused, field_name))
}

/// Completing, rescheduling or deleting an activity.
pub fn activity_error_text(lang: Lang, error: &ActionError<ActivityRefused>) -> String {
    action_error_text(lang, error, |refused| match refused {
        ActivityRefused::AlreadyCompleted => Key::AlreadyCompleted.text(lang).into(),
    })
}

/// Sending a client to the pool, marking it lost, handing pool clients out.
pub fn pool_error_text(lang: Lang, error: &ActionError<PoolError>) -> String {
    action_error_text(lang, error, |refused| {
        let key = match refused {
            PoolError::NotHeadOfSales => Key::OnlyHeadOfSales,
            PoolError::NotAllowedToAssign => Key::OnlyHeadsAssign,
            PoolError::LostForGood => Key::ClientLost,
            PoolError::AlreadyInPool | PoolError::NotInPool => Key::PoolStateChanged,
        };
        key.text(lang).into()
    })
}

/// An edit of a pipeline or of its stages.
pub fn pipeline_error_text(lang: Lang, error: &ActionError<PipelineError>) -> String {
    action_error_text(lang, error, |refused| {
        let key = match refused {
            PipelineError::InvalidName(problem) => return problem_text(lang, *problem),
            PipelineError::NoStage(_) => Key::ErrPipelineStages,
            PipelineError::ClosedBeforeInProgress => Key::ErrClosedFirst,
            PipelineError::TargetRequired { .. } => Key::ErrTargetRequired,
            PipelineError::DefaultPipeline => Key::ErrDefaultPipeline,
            PipelineError::HasDeals(_) => Key::ErrPipelineDeals,
            PipelineError::InvalidColor => Key::ErrColour,
            _ => Key::ErrPipelineOther,
        };
        key.text(lang).into()
    })
}

/// A task action (start, complete, return…).
pub fn task_error_text(lang: Lang, error: &ActionError<TaskError>) -> String {
    action_error_text(lang, error, |refused| match refused {
        TaskError::CommentRequired => Key::ReturnNeedsComment.text(lang).into(),
        _ => Key::TaskActionRefused.text(lang).into(),
    })
}

/// Converting a lead: a second conversion says the lead is converted; the
/// other refusals (a junk lead, no stage to start the deal in) have no words
/// of their own yet and read as a missing card.
pub fn convert_error_text(lang: Lang, error: &ActionError<ConvertError>) -> String {
    action_error_text(lang, error, |refused| match refused {
        ConvertError::AlreadyConverted => Key::LeadConverted.text(lang).into(),
        ConvertError::Junk | ConvertError::NoStages => Key::CardNotFound.text(lang).into(),
    })
}

/// A change of an invoice's status.
pub fn status_error_text(lang: Lang, error: &ActionError<StatusRefused>) -> String {
    action_error_text(lang, error, |_| Key::StatusRefused.text(lang).into())
}

/// A storage error as an alert, in the user's language.
#[component]
pub fn StorageAlert(error: StoreError) -> impl IntoView {
    let lang = use_lang();
    view! { <p role="alert" class="alert alert--error">{move || storage_error_text(lang.get(), &error)}</p> }
}

/// A form's or card's error, shown while there is one.
#[component]
pub fn ErrorAlert(#[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    move || error.get().map(|text| view! { <p role="alert" class="alert alert--error">{text}</p> })
}

/// Reloads the page: the way out of a storage problem or an outdated tab.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// An alert that names its `errors` after `lead`, shown while there are any.
fn errors_alert<'a>(lang: Lang, lead: Key, errors: impl Iterator<Item = &'a StoreError>) -> Option<AnyView> {
    let texts: Vec<String> = errors.map(|error| storage_error_text(lang, error)).collect();
    (!texts.is_empty()).then(|| {
        view! { <p role="alert" class="alert alert--error">{lead.text(lang)} " " {texts.join(" ")}</p> }
            .into_any()
    })
}

/// What the whole app must tell above every page: that another tab opened
/// a newer version (this tab must reload), background work whose last write
/// failed, and records skipped because they could not be read.
#[component]
pub fn AppAlerts(outdated: RwSignal<bool>, damaged: RwSignal<Vec<StoreError>>) -> impl IntoView {
    let lang = use_lang();
    let failed = use_session().failed_background();
    let failures = move || {
        failed.with(|failed| errors_alert(lang.get(), Key::BackgroundFailed, failed.iter().map(|(_, e)| e)))
    };
    let skipped =
        move || damaged.with(|damaged| errors_alert(lang.get(), Key::RecordsSkipped, damaged.iter()));
    view! {
        <Show when=move || outdated.get()>
            <div role="alert" class="alert alert--error">
                <p>{tr(Key::StorageOutdated)}</p>
                <button type="button" class="button" on:click=|_| reload()>{tr(Key::Reload)}</button>
            </div>
        </Show>
        {failures}
        {skipped}
    }
}
