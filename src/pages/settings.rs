//! Settings: the user's name, and whether the browser promised to keep the
//! data. The language switch is in the header, on every page.

use dela_core::user::NAME_RULE;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::app::storage_error_text;
use crate::components::field::TextField;
use crate::components::load::load;
use crate::i18n::{problem_text, tr, use_lang, Key};
use crate::session::use_session;
use crate::store::users::{self, RenameError};

/// Asks the browser to exempt this origin's storage from eviction; the
/// answer says whether offline data is safe from cleanup.
async fn persist_storage() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(promise) = window.navigator().storage().persist() else { return false };
    JsFuture::from(promise).await.is_ok_and(|granted| granted.as_bool() == Some(true))
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let name = RwSignal::new(session.user.get_untracked().name);
    let name_error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let persisted = load(persist_storage);

    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        spawn_local(async move {
            let user = session.user.get_untracked();
            match users::rename(&session.store(), &user, &name.get_untracked()).await {
                Ok(renamed) => {
                    name_error.set(None);
                    session.user.set(renamed);
                    session.changed();
                    saved.set(true);
                }
                Err(RenameError::Invalid(errors)) => name_error
                    .set(errors.for_field(NAME_RULE.field).map(|p| problem_text(lang.get_untracked(), p))),
                Err(RenameError::Store(error)) => {
                    name_error.set(Some(storage_error_text(lang.get_untracked(), &error)))
                }
            }
        });
    };

    view! {
        <h1>{tr(Key::Settings)}</h1>
        <section class="panel" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{tr(Key::Profile)}</h2>
            <form class="form" on:submit=save_name novalidate>
                <TextField id="user-name" label=Key::YourName value=name error=name_error required=true />
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{tr(Key::Save)}</button>
                    <span role="status" class="form__status">{move || saved.get().then(tr(Key::Saved))}</span>
                </div>
            </form>
        </section>
        <section class="panel" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{tr(Key::Storage)}</h2>
            <p class="muted">
                {move || match persisted.get() {
                    Some(true) => Some(tr(Key::StoragePersisted)()),
                    Some(false) => Some(tr(Key::StorageNotPersisted)()),
                    None => None,
                }}
            </p>
        </section>
    }
}
