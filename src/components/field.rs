//! Labelled form controls with their error message, wired for assistive
//! technology: the label names the control, the message describes it.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

fn described_by(id: &'static str) -> String {
    format!("{id}-error")
}

#[component]
fn ErrorText(id: &'static str, error: MaybeProp<String>) -> impl IntoView {
    view! {
        <p class="field__error" id=described_by(id)>
            {move || error.get()}
        </p>
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field" class:field--required=required class:field--invalid=move || error.get().is_some()>
            <label for=id>{tr(label)}</label>
            <input
                id=id
                name=id
                type=input_type
                required=required
                autocomplete=autocomplete
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by(id)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <ErrorText id error />
        </div>
    }
}

#[component]
pub fn TextArea(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    #[prop(optional, into)] error: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id>{tr(label)}</label>
            <textarea
                id=id
                name=id
                rows="4"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by(id)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <ErrorText id error />
        </div>
    }
}

/// One choice among `options` (value, visible text).
#[component]
pub fn Select(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] error: MaybeProp<String>,
    /// Shows the label to screen readers only, for a select placed beside
    /// the field it qualifies.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    view! {
        <div class="field" class:field--compact=compact class:field--invalid=move || error.get().is_some()>
            <label for=id class:visually-hidden=compact>{tr(label)}</label>
            <select
                id=id
                name=id
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by(id)
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
            <ErrorText id error />
        </div>
    }
}
