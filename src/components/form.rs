//! The state every form shares: field errors from the core, a storage
//! failure, and whether a save is running. A failed save keeps what was
//! typed: the inputs are signals the form owns. Card forms declare theirs
//! with `text_inputs!` and save with [`FormState::card_submit`].

use dela_core::validation::FieldErrors;
use dela_core::{Id, Timestamp};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::clock;
use crate::errors::{save_error_text, storage_error_text};
use crate::i18n::{problem_text, use_lang, Lang};
use crate::routes;
use crate::session::{use_session, Session};
use crate::store::cards::{SaveError, Stored};
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

    /// The submit of a card form: unless a save is running (a double
    /// click), `read` takes what was typed (the draft and the custom fields'
    /// texts), and `create` writes a new card of it or `update` the card
    /// being edited (`editing`, its id); then every view is told and the
    /// saved card's page opens, or the form shows what went wrong.
    pub fn card_submit<T, D, C, U>(
        self,
        editing: Option<String>,
        read: impl Fn() -> (D, Vec<(Id, String)>) + 'static,
        create: C,
        update: U,
    ) -> impl Fn(SubmitEvent) + 'static
    where
        T: Stored,
        D: 'static,
        C: AsyncFn(&Store, &D, &[(Id, String)], &Id, Timestamp) -> Result<T, SaveError> + Clone + 'static,
        U: AsyncFn(&Store, &str, &D, &[(Id, String)], &Id, Timestamp) -> Result<T, SaveError>
            + Clone
            + 'static,
    {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if !self.begin() {
                return;
            }
            let (draft, custom) = read();
            let (editing, create, update) = (editing.clone(), create.clone(), update.clone());
            spawn_local(async move {
                let (store, actor, now) = self.context();
                let result = match &editing {
                    Some(id) => update(&store, id, &draft, &custom, &actor, now).await,
                    None => create(&store, &draft, &custom, &actor, now).await,
                };
                if self.settle(&result) {
                    if let Ok(card) = &result {
                        self.session.changed();
                        let target = routes::card_of(&card.card());
                        self.navigate.with_value(|navigate| navigate(&target, Default::default()));
                    }
                }
            });
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

/// Declares `$inputs`, the text inputs of a card form: a signal per listed
/// field of the draft type `$draft`, made from a draft, and written back
/// into one when the form is saved. A form names each field once here
/// instead of a signal and a read-back line per field.
macro_rules! text_inputs {
    ($inputs:ident: $draft:ty { $($field:ident),+ $(,)? }) => {
        #[derive(Clone, Copy)]
        struct $inputs {
            $($field: ::leptos::prelude::RwSignal<String>,)+
        }

        impl $inputs {
            fn new(draft: &$draft) -> Self {
                Self { $($field: ::leptos::prelude::RwSignal::new(draft.$field.clone()),)+ }
            }

            /// `draft` with the listed fields as typed.
            fn read(&self, mut draft: $draft) -> $draft {
                use ::leptos::prelude::GetUntracked;
                $(draft.$field = self.$field.get_untracked();)+
                draft
            }
        }
    };
}

pub(crate) use text_inputs;
