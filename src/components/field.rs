//! Labelled form controls with their error message, wired for assistive
//! technology: the label names the control, the message describes it.

use leptos::prelude::*;

use crate::errors::ErrorAlert;
use crate::i18n::{tr, use_lang, Key};

/// What a control is called: a translated key, or a name the user gave (a
/// custom field's).
#[derive(Debug, Clone)]
pub enum Label {
    Key(Key),
    Text(String),
}

impl From<Key> for Label {
    fn from(key: Key) -> Self {
        Label::Key(key)
    }
}

impl Label {
    fn text(self) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let lang = use_lang();
        move || match &self {
            Label::Key(key) => key.text(lang.get()).to_owned(),
            Label::Text(text) => text.clone(),
        }
    }
}

fn described_by(id: &str) -> String {
    format!("{id}-error")
}

fn invalid(error: MaybeProp<String>) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    move || if error.get().is_some() { "true" } else { "false" }
}

#[component]
fn ErrorText(#[prop(into)] id: String, error: MaybeProp<String>) -> impl IntoView {
    view! { <p class="field__error" id=described_by(&id)>{move || error.get()}</p> }
}

#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Label,
    value: RwSignal<String>,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Shows the label to screen readers only, when the row around the
    /// field already says what it is.
    #[prop(optional)]
    hidden_label: bool,
) -> impl IntoView {
    view! {
        <div class="field" class:field--required=required class:field--invalid=move || error.get().is_some()>
            <label for=id.clone() class:visually-hidden=hidden_label>{label.text()}</label>
            <input
                id=id.clone()
                name=id.clone()
                type=input_type
                required=required
                autocomplete=autocomplete
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <ErrorText id=id error />
        </div>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    label: Key,
    value: RwSignal<String>,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <div class="field" class:field--required=required class:field--invalid=move || error.get().is_some()>
            <label for=id.clone()>{tr(label)}</label>
            <textarea
                id=id.clone()
                name=id.clone()
                rows="3"
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <ErrorText id=id error />
        </div>
    }
}

/// One choice among `options` (value, visible text).
#[component]
pub fn Select(
    #[prop(into)] id: String,
    #[prop(into)] label: Label,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] error: MaybeProp<String>,
    /// Shows the label to screen readers only, for a select placed beside
    /// the field it qualifies.
    #[prop(optional)]
    compact: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <div
            class="field"
            class:field--compact=compact
            class:field--required=required
            class:field--invalid=move || error.get().is_some()
        >
            <label for=id.clone() class:visually-hidden=compact>{label.text()}</label>
            <select
                id=id.clone()
                name=id.clone()
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id)
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option, text)| {
                            let selected = {
                                let option = option.clone();
                                move || value.with(|current| *current == option)
                            };
                            view! { <option value=option selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <ErrorText id=id error />
        </div>
    }
}

/// Several choices among `options`, as a group of checkboxes.
#[component]
pub fn Checkboxes(
    #[prop(into)] id: String,
    label: Key,
    value: RwSignal<Vec<String>>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let group = id.clone();
    let described = described_by(&id);
    view! {
        <fieldset class="field checks" aria-describedby=described aria-label=tr(label) disabled=disabled>
            <legend>{tr(label)}</legend>
            {move || {
                let group = group.clone();
                options
                    .get()
                    .into_iter()
                    .map(|(option, text)| {
                        let checked = {
                            let option = option.clone();
                            move || value.with(|chosen| chosen.contains(&option))
                        };
                        let toggle = {
                            let option = option.clone();
                            move |_| {
                                value.update(|chosen| {
                                    if let Some(at) = chosen.iter().position(|o| o == &option) {
                                        chosen.remove(at);
                                    } else {
                                        chosen.push(option.clone());
                                    }
                                })
                            }
                        };
                        let input_id = format!("{group}-{option}");
                        view! {
                            <label class="check" for=input_id.clone()>
                                <input type="checkbox" id=input_id.clone() prop:checked=checked on:change=toggle />
                                {text}
                            </label>
                        }
                    })
                    .collect_view()
            }}
            <ErrorText id=id error />
        </fieldset>
    }
}

/// The messages at the top of a form after a failed save.
#[component]
pub fn FormAlerts(form: super::form::FormState) -> impl IntoView {
    view! {
        <Show when=move || form.has_errors()>
            <p role="alert" class="alert alert--error">{tr(Key::FormHasErrors)}</p>
        </Show>
        <ErrorAlert error=form.failure />
    }
}

/// Save at the bottom of a settings form, with what the save did.
#[component]
pub fn SaveRow(status: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div class="form__actions">
            <button type="submit" class="button">{tr(Key::Save)}</button>
            <span role="status" class="form__status">{move || status.get()}</span>
        </div>
    }
}

/// Save and Cancel at the bottom of a card form.
#[component]
pub fn FormActions(form: super::form::FormState, #[prop(into)] cancel_href: String) -> impl IntoView {
    view! {
        <div class="form__actions">
            <button type="submit" class="button button--primary" disabled=move || form.saving.get()>{tr(Key::Save)}</button>
            <leptos_router::components::A href=cancel_href attr:class="button">{tr(Key::Cancel)}</leptos_router::components::A>
        </div>
    }
}
