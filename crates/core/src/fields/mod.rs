//! Custom fields: typed values on deals, contacts, companies and leads that
//! an organisation defines for itself (a "VIP" flag on contacts, an
//! "Equipment type" list on deals).
//!
//! Definitions live apart from the cards and a card keeps only its values,
//! keyed by field id, so renaming a field or adding an option touches no
//! card. A stored value that no longer fits its definition (the kind was
//! changed, the option removed) reads as empty instead of failing.

mod carry;
mod definition;
mod required;
mod value;
mod values;

pub use carry::carry;
pub use definition::{DefProblem, FieldDef, FieldEntity, FieldKind, ListOption, NAME_RULE};
pub use required::{check_move, is_required_at, missing_required, MoveRefused};
pub use value::{Value, ValueProblem, TEXT_MAX_CHARS};
pub use values::{form_key, inputs_of, validate_values, ValueError, ValueErrors, Values};

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pipeline::Pipeline;
    use crate::Id;

    pub fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    /// The default pipeline: new, preparation, invoice, payment, won, lost.
    pub fn pipeline() -> Pipeline {
        Pipeline::default_with("Sales".into(), |stage| format!("{stage:?}"))
    }

    /// Deal list "Equipment type" (standard, large, special) required from
    /// "invoice" on, and a contact boolean "VIP".
    pub fn defs() -> Vec<FieldDef> {
        let option = |name: &str| ListOption { id: id(name), label: name.to_uppercase() };
        vec![
            FieldDef {
                id: id("equipment"),
                entity: FieldEntity::Deal,
                name: "Equipment type".into(),
                kind: FieldKind::List,
                options: vec![option("standard"), option("large"), option("special")],
                required_from_stage: Some(id("invoice")),
            },
            FieldDef::new(id("vip"), FieldEntity::Contact, "VIP", FieldKind::Boolean),
        ]
    }
}
