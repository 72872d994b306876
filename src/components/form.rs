//! The state every form shares: field errors from the core, a storage
//! failure, and whether a save is running. A failed save keeps what was
//! typed: the inputs are signals the form owns.

use dela_core::validation::FieldErrors;
use leptos::prelude::*;

use crate::app::storage_error_text;
use crate::i18n::{problem_text, use_lang, Lang};
use crate::store::cards::SaveError;
use crate::store::StoreError;

#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: RwSignal<FieldErrors>,
    pub failure: RwSignal<Option<String>>,
    pub saving: RwSignal<bool>,
    lang: RwSignal<Lang>,
}

impl FormState {
    pub fn new() -> Self {
        Self {
            errors: RwSignal::new(FieldErrors::default()),
            failure: RwSignal::new(None),
            saving: RwSignal::new(false),
            lang: use_lang(),
        }
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

    /// Shows a card save's failure; true when the save worked.
    pub fn settle<T>(&self, result: &Result<T, SaveError>, not_found: &str) -> bool {
        match result {
            Ok(_) => {
                self.succeeded();
                true
            }
            Err(SaveError::Invalid(errors)) => {
                self.invalid(errors.clone());
                false
            }
            Err(SaveError::NotFound) => {
                self.failed_with(not_found.to_owned());
                false
            }
            Err(SaveError::Store(error)) => {
                self.failed(error);
                false
            }
        }
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
