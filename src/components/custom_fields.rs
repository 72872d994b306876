//! A card form's custom fields, one control per field kind: yes/no and
//! lists as selects, dates as date inputs, the rest as text. Errors come
//! back under each field's form key, like the built-in fields'.

use dela_core::fields::{form_key, inputs_of, FieldDef, FieldEntity, FieldKind, Value, Values};
use dela_core::Id;
use leptos::prelude::*;

use crate::components::field::{Label, Select, TextField};
use crate::components::form::FormState;
use crate::i18n::{use_lang, Key};
use crate::session::use_session;

/// The form's fields of one card kind, each with the text being edited.
#[derive(Clone, Copy)]
pub struct CustomInputs(StoredValue<Vec<(FieldDef, RwSignal<String>)>>);

impl CustomInputs {
    /// Starts from the card's stored values (none for a new card).
    pub fn new(entity: FieldEntity, values: &Values) -> Self {
        let defs = use_session().setup().with_untracked(|setup| setup.fields_of(entity));
        let texts = inputs_of(values, &defs, entity);
        Self(StoredValue::new(
            defs.into_iter().zip(texts).map(|(def, (_, text))| (def, RwSignal::new(text))).collect(),
        ))
    }

    /// What was typed, for `validate_values`.
    pub fn read(&self) -> Vec<(Id, String)> {
        self.0.with_value(|inputs| {
            inputs.iter().map(|(def, text)| (def.id.clone(), text.get_untracked())).collect()
        })
    }
}

#[component]
pub fn CustomFields(inputs: CustomInputs, form: FormState) -> impl IntoView {
    let lang = use_lang();
    inputs
        .0
        .get_value()
        .into_iter()
        .map(|(def, value)| {
            let key = form_key(&def.id);
            let label = Label::Text(def.name.clone());
            let error = form.error(key.clone());
            match def.kind {
                FieldKind::Boolean | FieldKind::List => {
                    let options = Signal::derive(move || {
                        let mut options = vec![(String::new(), "—".to_owned())];
                        if def.kind == FieldKind::Boolean {
                            options.push(("yes".into(), Key::Yes.text(lang.get()).into()));
                            options.push(("no".into(), Key::No.text(lang.get()).into()));
                        } else {
                            options.extend(def.options.iter().map(|o| (o.id.to_string(), o.label.clone())));
                        }
                        options
                    });
                    view! { <Select id=key label value options error /> }.into_any()
                }
                FieldKind::Date => {
                    view! { <TextField id=key label value error input_type="date" /> }.into_any()
                }
                FieldKind::Text | FieldKind::Number | FieldKind::Money => {
                    view! { <TextField id=key label value error /> }.into_any()
                }
            }
        })
        .collect_view()
}

/// A card's custom field values as facts (`<dt>`/`<dd>` pairs); empty
/// fields are left out.
#[component]
pub fn CustomFacts(entity: FieldEntity, values: Values) -> impl IntoView {
    let lang = use_lang();
    let defs = use_session().setup().with_untracked(|setup| setup.fields_of(entity));
    defs.into_iter()
        .filter_map(|def| {
            let value = values.read(&def)?.clone();
            let name = def.name.clone();
            let shown = move || match &value {
                Value::Boolean(yes) => (if *yes { Key::Yes } else { Key::No }).text(lang.get()).to_owned(),
                Value::List(option) => def.option(option).map(|o| o.label.clone()).unwrap_or_default(),
                Value::Money(money) => money.to_string(),
                other => other.input_text(),
            };
            Some(view! { <dt>{name}</dt><dd>{shown}</dd> })
        })
        .collect_view()
}
