//! Failures as the user sees them: the text of a storage error, and the
//! one alert style every page uses for errors (announced at once by screen
//! readers).

use leptos::prelude::*;

use crate::i18n::{tr, use_lang, Key, Lang};
use crate::session::use_session;
use crate::store::StoreError;

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
