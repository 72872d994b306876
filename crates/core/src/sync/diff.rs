//! The app's side of a mutation: what a local write changed (`diff`, the
//! record before and after, read in the writing transaction), and a pulled
//! record with the app's changes still waiting put back on top (`rebase`).
//! Both follow the registers of [`super::kind`], so a change carries whole
//! groups, set members one by one, and never a derived field.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::kind::{Kind, Rule};
use super::protocol::{Change, SetDelta};

/// The change from `before` to `after` (`None`: absent or deleted), or
/// `None` when nothing that syncs changed.
pub fn diff(kind: Kind, before: Option<&Value>, after: Option<&Value>) -> Option<Change> {
    let spec = kind.spec();
    let after = match after {
        None => return before.map(|_| Change::Delete),
        Some(after) => after.as_object()?,
    };
    let empty = Map::new();
    let before = before.and_then(Value::as_object).unwrap_or(&empty);
    let created = before.is_empty();
    let mut fields = Map::new();
    let mut sets = BTreeMap::new();
    let null = Value::Null;
    for name in after.keys().chain(before.keys().filter(|key| !after.contains_key(*key))) {
        let old = before.get(name).unwrap_or(&null);
        let new = after.get(name).unwrap_or(&null);
        if spec.is_derived(name) || (old == new && !created) {
            continue;
        }
        if spec.is_split(name) {
            let changed = changed_keys(old, new);
            if !changed.is_empty() {
                fields.insert(name.clone(), Value::Object(changed));
            }
            continue;
        }
        match spec.rule(name) {
            Rule::Set | Rule::Grow if !created && (new.is_array() || new.is_null()) => {
                let delta = members(old, new);
                if !delta.add.is_empty() || !delta.remove.is_empty() {
                    sets.insert(name.clone(), delta);
                }
            }
            _ => {
                fields.insert(name.clone(), new.clone());
            }
        }
    }
    // A group travels whole: any changed path brings the others along.
    for group in spec.groups {
        if group.iter().any(|path| has_path(&fields, path)) {
            for path in group.iter() {
                put_path(&mut fields, path, get_path(after, path));
            }
        }
    }
    (!fields.is_empty() || !sets.is_empty()).then_some(Change::Put { fields, sets })
}

/// `value` (the server's record, `None` when deleted) with a waiting local
/// `change` applied on top: what the app shows until the server has it.
/// A record the server deleted stays deleted.
pub fn rebase(kind: Kind, value: Option<Value>, change: &Change) -> Option<Value> {
    let spec = kind.spec();
    let Change::Put { fields, sets } = change else {
        return None;
    };
    let mut value = value?;
    let record = value.as_object_mut()?;
    for (name, new) in fields {
        match (spec.is_split(name), new) {
            (true, Value::Object(keys)) => {
                let inner = record.entry(name.clone()).or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(inner) = inner {
                    for (key, value) in keys {
                        if value.is_null() && name == "fields" {
                            inner.remove(key);
                        } else {
                            inner.insert(key.clone(), value.clone());
                        }
                    }
                }
            }
            _ if matches!(spec.rule(name), Rule::Set | Rule::Grow) && new.is_array() => {
                let delta = SetDelta { add: new.as_array().cloned().unwrap_or_default(), remove: Vec::new() };
                apply_delta(record, name, &delta);
            }
            _ => {
                record.insert(name.clone(), new.clone());
            }
        }
    }
    for (name, delta) in sets {
        apply_delta(record, name, delta);
    }
    Some(value)
}

fn apply_delta(record: &mut Map<String, Value>, name: &str, delta: &SetDelta) {
    let list = record.entry(name.to_owned()).or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = list {
        list.retain(|member| !delta.remove.contains(member));
        for member in &delta.add {
            if !list.contains(member) {
                list.push(member.clone());
            }
        }
    }
}

/// Keys of an object field whose values differ; a removed key as null.
fn changed_keys(old: &Value, new: &Value) -> Map<String, Value> {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut changed = Map::new();
    for (key, value) in new {
        if old.get(key) != Some(value) {
            changed.insert(key.clone(), value.clone());
        }
    }
    for key in old.keys().filter(|key| !new.contains_key(*key)) {
        changed.insert(key.clone(), Value::Null);
    }
    changed
}

fn members(old: &Value, new: &Value) -> SetDelta {
    let none = Vec::new();
    let old = old.as_array().unwrap_or(&none);
    let new = new.as_array().unwrap_or(&none);
    SetDelta {
        add: new.iter().filter(|member| !old.contains(member)).cloned().collect(),
        remove: old.iter().filter(|member| !new.contains(member)).cloned().collect(),
    }
}

fn get_path(record: &Map<String, Value>, path: &str) -> Value {
    match path.split_once('.') {
        None => record.get(path).cloned(),
        Some((field, key)) => record.get(field).and_then(|inner| inner.get(key)).cloned(),
    }
    .unwrap_or(Value::Null)
}

fn has_path(fields: &Map<String, Value>, path: &str) -> bool {
    match path.split_once('.') {
        None => fields.contains_key(path),
        Some((field, key)) => fields.get(field).and_then(|inner| inner.get(key)).is_some(),
    }
}

fn put_path(fields: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            fields.insert(path.to_owned(), value);
        }
        Some((field, key)) => {
            let inner = fields.entry(field.to_owned()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                inner.insert(key.to_owned(), value);
            }
        }
    }
}
