//! The custom field values of one card, and validation of a whole form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{is_required_at, FieldDef, FieldEntity, Value, ValueProblem};
use crate::history::{Change, Diff};
use crate::pipeline::Pipeline;
use crate::validation::{FieldErrors, Problem};
use crate::Id;

/// Values by field id. A field without a value is absent, never stored as
/// a placeholder. Stored as a JSON object (`{"vip":{"boolean":true}}`), so
/// IndexedDB and the server keep it as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Values(BTreeMap<Id, Value>);

impl Values {
    /// The stored value, whatever its kind.
    pub fn get(&self, field: &Id) -> Option<&Value> {
        self.0.get(field)
    }

    /// The value as the definition reads it: `None` when empty, blank, or no
    /// longer fitting the definition (its kind changed, its option removed),
    /// so that stale data is treated as missing instead of breaking rules.
    pub fn read(&self, def: &FieldDef) -> Option<&Value> {
        self.0.get(&def.id).filter(|value| !value.is_blank() && value.check(def).is_ok())
    }

    /// Sets or, with `None` or blank text, clears a value.
    pub fn set(&mut self, field: Id, value: Option<Value>) {
        match value.filter(|value| !value.is_blank()) {
            Some(value) => self.0.insert(field, value),
            None => self.0.remove(&field),
        };
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes a form's values for the fields of `entity`, leaving values of
    /// other (say, deleted) fields alone, and returns what changed, by field
    /// name, for the card's history.
    pub fn replace(&mut self, new: Values, defs: &[FieldDef], entity: FieldEntity) -> Option<Change> {
        let mut diff = Diff::default();
        for def in defs.iter().filter(|def| def.entity == entity) {
            let (before, after) = (self.0.get(&def.id).cloned(), new.0.get(&def.id).cloned());
            if before != after {
                let text = |value: &Option<Value>| value.as_ref().map(Value::input_text).unwrap_or_default();
                diff = diff.field(&def.name, text(&before), text(&after));
                self.set(def.id.clone(), after);
            }
        }
        diff.into_change()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueError {
    pub field: Id,
    pub problem: ValueProblem,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueErrors(pub Vec<ValueError>);

impl ValueErrors {
    pub fn for_field(&self, field: &Id) -> Option<ValueProblem> {
        self.0.iter().find(|error| &error.field == field).map(|error| error.problem)
    }

    /// Adds these problems to a card form's errors, each under
    /// [`form_key`] of its field, so one form shows both kinds.
    pub fn add_to(&self, errors: &mut FieldErrors) {
        for error in &self.0 {
            let problem = match error.problem {
                ValueProblem::Required => Problem::RequiredAtStage,
                ValueProblem::TooLong { max_chars } => Problem::TooLong { max_chars },
                ValueProblem::InvalidBoolean | ValueProblem::WrongKind { .. } => Problem::InvalidBoolean,
                ValueProblem::InvalidNumber => Problem::InvalidNumber,
                ValueProblem::InvalidAmount => Problem::InvalidAmount,
                ValueProblem::InvalidCurrency => Problem::InvalidCurrency,
                ValueProblem::InvalidDate => Problem::InvalidDate,
                ValueProblem::UnknownOption => Problem::UnknownOption,
            };
            errors.add(form_key(&error.field), problem);
        }
    }
}

/// The name a custom field goes by in a card form and its errors; prefixed
/// so that it never meets a built-in field's name.
pub fn form_key(field: &Id) -> String {
    format!("custom-{field}")
}

/// The form texts of a card's values, one per field of `entity`.
pub fn inputs_of(values: &Values, defs: &[FieldDef], entity: FieldEntity) -> Vec<(Id, String)> {
    defs.iter()
        .filter(|def| def.entity == entity)
        .map(|def| (def.id.clone(), values.get(&def.id).map(Value::input_text).unwrap_or_default()))
        .collect()
}

/// Validates the custom-field part of a card form: one text per field of
/// `entity` (a missing entry is an empty field). For a deal, `stage` is the
/// pipeline and stage it is at, and fields required there must not be left
/// empty; other cards pass `None`. Returns every problem at once.
pub fn validate_values(
    defs: &[FieldDef],
    entity: FieldEntity,
    inputs: &[(Id, String)],
    stage: Option<(&Pipeline, &Id)>,
) -> Result<Values, ValueErrors> {
    let mut values = Values::default();
    let mut errors = Vec::new();
    for def in defs.iter().filter(|def| def.entity == entity) {
        let text = inputs.iter().find(|(field, _)| field == &def.id).map_or("", |(_, text)| text.as_str());
        match Value::parse(def, text) {
            Ok(Some(value)) => values.set(def.id.clone(), Some(value)),
            Ok(None) if stage.is_some_and(|(pipeline, stage)| is_required_at(def, pipeline, stage)) => {
                errors.push(ValueError { field: def.id.clone(), problem: ValueProblem::Required })
            }
            Ok(None) => {}
            Err(problem) => errors.push(ValueError { field: def.id.clone(), problem }),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(ValueErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{defs, id, pipeline};
    use super::super::FieldKind;
    use super::*;

    #[test]
    fn a_form_becomes_typed_values_of_its_entity_only() {
        let inputs = [(id("equipment"), "large".to_owned()), (id("vip"), "yes".to_owned())];
        let values = validate_values(&defs(), FieldEntity::Deal, &inputs, None).unwrap();
        assert_eq!(values.get(&id("equipment")), Some(&Value::List(id("large"))));
        assert_eq!(values.get(&id("vip")), None, "VIP is a contact field");
    }

    #[test]
    fn a_field_required_at_the_deals_stage_cannot_be_emptied() {
        let pipeline = pipeline();
        let inputs = [(id("equipment"), " ".to_owned())];
        let at =
            |stage: &str| validate_values(&defs(), FieldEntity::Deal, &inputs, Some((&pipeline, &id(stage))));
        assert_eq!(at("new"), Ok(Values::default()));
        let errors = at("payment").unwrap_err();
        assert_eq!(errors.for_field(&id("equipment")), Some(ValueProblem::Required));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut defs = defs();
        defs.push(FieldDef::new(id("budget"), FieldEntity::Deal, "Budget", FieldKind::Number));
        let inputs = [(id("equipment"), "huge".to_owned()), (id("budget"), "lots".to_owned())];
        let errors = validate_values(&defs, FieldEntity::Deal, &inputs, None).unwrap_err();
        assert_eq!(errors.for_field(&id("equipment")), Some(ValueProblem::UnknownOption));
        assert_eq!(errors.for_field(&id("budget")), Some(ValueProblem::InvalidNumber));
    }

    #[test]
    fn a_forms_errors_name_the_field_by_its_form_key() {
        let inputs = [(id("equipment"), "huge".to_owned())];
        let errors = validate_values(&defs(), FieldEntity::Deal, &inputs, None).unwrap_err();
        let mut form = FieldErrors::default();
        errors.add_to(&mut form);
        assert_eq!(form.for_field("custom-equipment"), Some(Problem::UnknownOption));
        let mut values = Values::default();
        values.set(id("equipment"), Some(Value::List(id("large"))));
        assert_eq!(inputs_of(&values, &defs(), FieldEntity::Deal), [(id("equipment"), "large".to_owned())]);
    }

    #[test]
    fn replacing_a_forms_values_records_changes_by_name_and_keeps_other_fields() {
        let mut values = Values::default();
        values.set(id("retired"), Some(Value::Text("kept".into())));
        values.set(id("equipment"), Some(Value::List(id("large"))));
        let inputs = [(id("equipment"), "special".to_owned())];
        let new = validate_values(&defs(), FieldEntity::Deal, &inputs, None).unwrap();
        let Some(Change::Updated { fields }) = values.replace(new.clone(), &defs(), FieldEntity::Deal) else {
            panic!("a change")
        };
        assert_eq!(
            (fields[0].field.as_str(), fields[0].before.as_str(), fields[0].after.as_str()),
            ("Equipment type", "large", "special")
        );
        assert_eq!(values.get(&id("retired")), Some(&Value::Text("kept".into())));
        assert_eq!(values.replace(new, &defs(), FieldEntity::Deal), None, "the same again");
    }

    #[test]
    fn stale_values_read_as_empty() {
        let mut values = Values::default();
        values.set(id("equipment"), Some(Value::List(id("retired"))));
        values.set(id("vip"), Some(Value::Text("yes".into())));
        let defs = defs();
        assert_eq!(values.read(&defs[0]), None, "the option was removed");
        assert_eq!(values.read(&defs[1]), None, "VIP became a boolean");
        assert!(values.get(&id("vip")).is_some(), "but nothing is lost");
    }

    #[test]
    fn clearing_removes_the_entry_and_values_store_as_an_object() {
        let mut values = Values::default();
        values.set(id("vip"), Some(Value::Boolean(true)));
        assert_eq!(serde_json::to_string(&values).unwrap(), r#"{"vip":{"boolean":true}}"#);
        values.set(id("vip"), None);
        values.set(id("note"), Some(Value::Text("  ".into())));
        assert!(values.is_empty());
    }
}
