//! The company form, for a new company and for editing one. A failed save
//! keeps everything typed and says which field is wrong, or why storage
//! refused.

use dela_core::company::{Company, CompanyDraft, COMMENTS, TITLE};
use dela_core::contact_point::PointKind;
use dela_core::validation::FieldErrors;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::card::kind_key;
use crate::app::storage_error_text;
use crate::clock;
use crate::components::field::{Select, TextArea, TextField};
use crate::components::load::{load, loading};
use crate::i18n::{problem_text, tr, use_lang, Key};
use crate::session::use_session;
use crate::store::companies::{self, SaveError};
use crate::store::{users, StoreError};

#[component]
pub fn CompanyNewPage() -> impl IntoView {
    view! {
        <h1>{tr(Key::NewCompany)}</h1>
        <CompanyForm existing=None />
    }
}

#[component]
pub fn CompanyEditPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let company = load(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let store = session.store();
        async move { companies::get(&store, &id).await }
    });
    view! {
        <h1>{tr(Key::EditCompany)}</h1>
        {move || match company.get() {
            None => loading(),
            Some(result) => match result {
                Ok(Some(company)) => view! { <CompanyForm existing=Some(company) /> }.into_any(),
                Ok(None) => view! { <p role="alert" class="alert">{tr(Key::CompanyNotFound)}</p> }.into_any(),
                Err(error) => view! { <p role="alert" class="alert alert--error">{storage_error_text(lang.get(), &error)}</p> }.into_any(),
            },
        }}
    }
}

/// A phone or e-mail row of the form.
#[derive(Clone, Copy)]
struct PointInput {
    kind: RwSignal<String>,
    value: RwSignal<String>,
}

impl PointInput {
    fn new(kind: PointKind, value: String) -> Self {
        Self { kind: RwSignal::new(kind.code().to_owned()), value: RwSignal::new(value) }
    }

    fn read(&self) -> Vec<(PointKind, String)> {
        let kind = PointKind::from_code(&self.kind.get_untracked()).unwrap_or_default();
        vec![(kind, self.value.get_untracked())]
    }
}

#[component]
fn CompanyForm(existing: Option<Company>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let draft = existing.as_ref().map(CompanyDraft::from_company).unwrap_or_else(|| CompanyDraft {
        responsible: session.user.get_untracked().id.to_string(),
        ..CompanyDraft::default()
    });
    let first = |points: &[(PointKind, String)]| points.first().cloned().unwrap_or_default();
    let (phone_kind, phone) = first(&draft.phones);
    let (email_kind, email) = first(&draft.emails);
    let title = RwSignal::new(draft.title);
    let phone = PointInput::new(phone_kind, phone);
    let email = PointInput::new(email_kind, email);
    let responsible = RwSignal::new(draft.responsible);
    let comments = RwSignal::new(draft.comments);
    let errors = RwSignal::new(FieldErrors::default());
    let store_error = RwSignal::new(None::<StoreError>);
    let saving = RwSignal::new(false);
    let existing_id = existing.map(|company| company.id.to_string());

    let users = load(move || {
        let store = session.store();
        async move { users::list(&store).await }
    });
    let user_options = Signal::derive(move || {
        users
            .get()
            .and_then(Result::ok)
            .map(|users| users.into_iter().map(|user| (user.id.to_string(), user.name)).collect())
            .unwrap_or_default()
    });
    let kind_options = Signal::derive(move || {
        PointKind::ALL
            .iter()
            .map(|kind| (kind.code().to_owned(), kind_key(*kind).text(lang.get()).to_owned()))
            .collect()
    });
    let error_of = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| e.for_field(field)).map(|problem| problem_text(lang.get(), problem))
        })
    };

    let cancel_href = existing_id.as_ref().map_or("/companies".to_owned(), |id| format!("/companies/{id}"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let draft = CompanyDraft {
            title: title.get_untracked(),
            phones: phone.read(),
            emails: email.read(),
            responsible: responsible.get_untracked(),
            comments: comments.get_untracked(),
        };
        let existing_id = existing_id.clone();
        let navigate = navigate.clone();
        saving.set(true);
        spawn_local(async move {
            let store = session.store();
            let actor = session.user.get_untracked().id;
            let now = clock::now();
            let result = match &existing_id {
                Some(id) => companies::update(&store, id, &draft, &actor, now).await,
                None => companies::create(&store, &draft, &actor, now).await,
            };
            saving.set(false);
            match result {
                Ok(company) => {
                    session.changed();
                    navigate(&format!("/companies/{}", company.id), Default::default());
                }
                Err(SaveError::Invalid(found)) => {
                    store_error.set(None);
                    errors.set(found);
                    focus_first_invalid();
                }
                Err(SaveError::NotFound) => {
                    store_error.set(Some(StoreError::Data("the company was deleted meanwhile".into())))
                }
                Err(SaveError::Store(error)) => store_error.set(Some(error)),
            }
        });
    };

    view! {
        <form class="form panel" on:submit=submit novalidate>
            <Show when=move || !errors.with(FieldErrors::is_empty)>
                <p role="alert" class="alert alert--error">{tr(Key::FormHasErrors)}</p>
            </Show>
            {move || store_error.get().map(|e| view! { <p role="alert" class="alert alert--error">{storage_error_text(lang.get(), &e)}</p> })}
            <TextField id=TITLE.field label=Key::Title value=title error=error_of(TITLE.field) required=true autocomplete="organization" />
            <div class="field-row">
                <Select id="phone-kind" label=Key::PhoneKind value=phone.kind options=kind_options compact=true />
                <TextField id="phones.0" label=Key::Phone value=phone.value error=error_of("phones.0") input_type="tel" autocomplete="tel" />
            </div>
            <div class="field-row">
                <Select id="email-kind" label=Key::EmailKind value=email.kind options=kind_options compact=true />
                <TextField id="emails.0" label=Key::Email value=email.value error=error_of("emails.0") input_type="email" autocomplete="email" />
            </div>
            <Select id="responsible" label=Key::Responsible value=responsible options=user_options error=error_of("responsible") />
            <TextArea id=COMMENTS.field label=Key::Comments value=comments error=error_of(COMMENTS.field) />
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || saving.get()>{tr(Key::Save)}</button>
                <A href=cancel_href attr:class="button">{tr(Key::Cancel)}</A>
            </div>
        </form>
    }
}

/// Moves keyboard focus to the first field marked invalid, as the message
/// at the top of the form asks the user to correct it.
fn focus_first_invalid() {
    leptos::prelude::request_animation_frame(|| {
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
