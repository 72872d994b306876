//! Carrying custom values from one kind of card to another, as when a lead
//! becomes a contact, a company and a deal: a value goes to the field of
//! the same name and kind on the other card (list options matched by
//! label), which is how people set such fields up. Values with no such
//! field stay on the lead.

use super::{FieldDef, FieldEntity, Value, Values};
use crate::text::sort_key;

/// The values of `from` (of `from_entity`) that fit fields of `to`.
pub fn carry(from: &Values, from_entity: FieldEntity, to: FieldEntity, defs: &[FieldDef]) -> Values {
    let mut carried = Values::default();
    for source in defs.iter().filter(|def| def.entity == from_entity) {
        let Some(value) = from.read(source) else { continue };
        let target = defs.iter().find(|def| {
            def.entity == to && def.kind == source.kind && sort_key(&def.name) == sort_key(&source.name)
        });
        let Some(target) = target else { continue };
        let value = match value {
            Value::List(option) => {
                let label = source.option(option).map(|o| sort_key(&o.label));
                let matched = target.options.iter().find(|o| Some(sort_key(&o.label)) == label);
                match matched {
                    Some(option) => Value::List(option.id.clone()),
                    None => continue,
                }
            }
            other => other.clone(),
        };
        carried.set(target.id.clone(), Some(value));
    }
    carried
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldKind, ListOption};
    use crate::Id;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    #[test]
    fn values_go_to_the_field_of_the_same_name_and_kind() {
        let list = |field: &str, entity, option: &str| FieldDef {
            options: vec![ListOption { id: id(option), label: "Special".into() }],
            ..FieldDef::new(id(field), entity, "Equipment type", FieldKind::List)
        };
        let defs = vec![
            list("lead-equipment", FieldEntity::Lead, "l-special"),
            list("deal-equipment", FieldEntity::Deal, "d-special"),
            FieldDef::new(id("lead-vip"), FieldEntity::Lead, "VIP", FieldKind::Boolean),
            FieldDef::new(id("contact-vip"), FieldEntity::Contact, "vip", FieldKind::Boolean),
            FieldDef::new(id("lead-note"), FieldEntity::Lead, "Note", FieldKind::Text),
            FieldDef::new(id("deal-note"), FieldEntity::Deal, "Note", FieldKind::Number),
        ];
        let mut lead = Values::default();
        lead.set(id("lead-equipment"), Some(Value::List(id("l-special"))));
        lead.set(id("lead-vip"), Some(Value::Boolean(true)));
        lead.set(id("lead-note"), Some(Value::Text("call after 5".into())));

        let deal = carry(&lead, FieldEntity::Lead, FieldEntity::Deal, &defs);
        assert_eq!(
            deal.get(&id("deal-equipment")),
            Some(&Value::List(id("d-special"))),
            "the option by its label"
        );
        assert_eq!(deal.get(&id("deal-note")), None, "a text does not go into a number");
        let contact = carry(&lead, FieldEntity::Lead, FieldEntity::Contact, &defs);
        assert_eq!(contact.get(&id("contact-vip")), Some(&Value::Boolean(true)), "names match ignoring case");
        assert!(carry(&lead, FieldEntity::Lead, FieldEntity::Company, &defs).is_empty());
    }
}
