//! The state every form shares: field errors from the core, a storage
//! failure, and whether a save is running. A failed save keeps what was
//! typed: the inputs are signals the form owns.

use std::future::Future;

use dela_core::validation::FieldErrors;
use dela_core::{Id, Timestamp};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::clock;
use crate::errors::{save_error_text, storage_error_text};
use crate::i18n::{problem_text, use_lang, Lang};
use crate::session::{use_session, Session};
use crate::store::cards::SaveError;
use crate::store::{ActionError, Store, StoreError};

type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: RwSignal<FieldErrors>,
    pub failure: RwSignal<Option<String>>,
    pub saving: RwSignal<bool>,
    lang: RwSignal<Lang>,
    session: Session,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl FormState {
    pub fn new() -> Self {
        Self {
            errors: RwSignal::new(FieldErrors::default()),
            failure: RwSignal::new(None),
            saving: RwSignal::new(false),
            lang: use_lang(),
            session: use_session(),
            navigate: StoredValue::new_local(Box::new(use_navigate()) as Navigate),
        }
    }

    /// What a save needs: the store, who acts, and when.
    pub fn context(&self) -> (Store, Id, Timestamp) {
        (self.session.store(), self.session.me(), clock::now())
    }

    /// Runs a card's save; on success tells every view and opens the card
    /// at `href`, else shows in the form what went wrong.
    pub fn save_card<T: 'static>(
        &self,
        save: impl Future<Output = Result<T, SaveError>> + 'static,
        href: impl FnOnce(&T) -> String + 'static,
    ) {
        let form = *self;
        spawn_local(async move {
            let result = save.await;
            if form.settle(&result) {
                if let Ok(card) = &result {
                    form.session.changed();
                    let target = href(card);
                    form.navigate.with_value(|navigate| navigate(&target, Default::default()));
                }
            }
        });
    }

    /// The translated error of one field, reactive.
    pub fn error(&self, field: impl Into<String>) -> Signal<Option<String>> {
        let (errors, lang, field) = (self.errors, self.lang, field.into());
        Signal::derive(move || {
            errors.with(|e| e.for_field(&field)).map(|problem| problem_text(lang.get(), problem))
        })
    }

    pub fn has_errors(&self) -> bool {
        self.errors.with(|errors| !errors.is_empty())
    }

    /// Starts a save; false when one is already running (a double click).
    pub fn begin(&self) -> bool {
        if self.saving.get_untracked() {
            return false;
        }
        self.saving.set(true);
        true
    }

    pub fn succeeded(&self) {
        self.saving.set(false);
        self.errors.set(FieldErrors::default());
        self.failure.set(None);
    }

    pub fn invalid(&self, errors: FieldErrors) {
        self.saving.set(false);
        self.failure.set(None);
        self.errors.set(errors);
        focus_first_invalid();
    }

    pub fn failed(&self, error: &StoreError) {
        self.saving.set(false);
        self.failure.set(Some(storage_error_text(self.lang.get_untracked(), error)));
    }

    pub fn failed_with(&self, text: String) {
        self.saving.set(false);
        self.failure.set(Some(text));
    }

    /// Shows why an action failed: field errors at their fields, anything
    /// else in the form's alert as `text` words it (one of the helpers in
    /// [`crate::errors`]).
    pub fn fail<R>(&self, error: &ActionError<R>, text: impl FnOnce(Lang, &ActionError<R>) -> String) {
        match error {
            ActionError::Invalid(errors) => self.invalid(errors.clone()),
            error => self.failed_with(text(self.lang.get_untracked(), error)),
        }
    }

    /// Shows a card save's failure; true when the save worked.
    pub fn settle<T>(&self, result: &Result<T, SaveError>) -> bool {
        let Err(error) = result else {
            self.succeeded();
            return true;
        };
        let session = self.session;
        self.fail(error, |lang, error| save_error_text(lang, error, |id| session.field_name(id)));
        false
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// Moves keyboard focus to the first field marked invalid, as the message
/// at the top of the form asks the user to correct it.
pub fn focus_first_invalid() {
    request_animation_frame(|| {
        let field = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[aria-invalid='true']").ok().flatten());
        if let Some(element) =
            field.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = element.focus();
        }
    });
}
