//! Whether a record, as a merge would leave it, is a valid record of its
//! kind: it reads as the domain type (the same type the app stores), its id
//! is the record's, and it carries no field the type does not have.
//!
//! The server refuses a mutation that would leave an invalid record, so
//! what every browser pulls always reads.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::kind::{Kind, Setting};
use super::protocol::{valid_id, Refusal, RefusalCode};

/// Checks `value`, the record `id` of `kind` after a merge.
pub fn check(kind: Kind, id: &str, value: &Value) -> Result<(), Refusal> {
    if !valid_id(id) {
        return Err(Refusal::new(RefusalCode::BadId, id));
    }
    use crate::{activity, company, contact, deal, history, inbox, invoice, lead, pipeline, robots};
    use crate::{saved_view, tasks, user};
    match kind {
        Kind::Company => typed::<company::Company>(id, value),
        Kind::Contact => typed::<contact::Contact>(id, value),
        Kind::Deal => typed::<deal::Deal>(id, value),
        Kind::Lead => typed::<lead::Lead>(id, value),
        Kind::Invoice => typed::<invoice::Invoice>(id, value),
        Kind::Activity => typed::<activity::Activity>(id, value),
        Kind::Task => typed::<tasks::task::Task>(id, value),
        Kind::Series => typed::<tasks::series::StoredSeries>(id, value),
        Kind::Project => typed::<tasks::project::Project>(id, value),
        Kind::Post => typed::<tasks::feed::Post>(id, value),
        Kind::Pipeline => typed::<pipeline::Pipeline>(id, value),
        Kind::View => typed::<saved_view::SavedView>(id, value),
        Kind::Notification => typed::<inbox::Message>(id, value),
        Kind::Job => typed::<robots::Job>(id, value),
        Kind::Outbox => typed::<robots::OutboxMessage>(id, value),
        Kind::History => typed::<history::HistoryEntry>(id, value),
        Kind::User => typed::<user::User>(id, value),
        Kind::Setting => setting(id, value),
    }
}

/// A settings document: `{"id": code, "value": document}`.
fn setting(id: &str, value: &Value) -> Result<(), Refusal> {
    let Some(setting) = Setting::from_code(id) else {
        return Err(Refusal::new(RefusalCode::UnknownSetting, id));
    };
    let record =
        value.as_object().ok_or_else(|| Refusal::new(RefusalCode::InvalidRecord, "not an object"))?;
    if let Some(field) = record.keys().find(|key| !matches!(key.as_str(), "id" | "value")) {
        return Err(Refusal::new(RefusalCode::UnknownField, field.clone()));
    }
    if record.get("id").and_then(Value::as_str) != Some(id) {
        return Err(Refusal::new(RefusalCode::InvalidRecord, "id"));
    }
    let document = record.get("value").unwrap_or(&Value::Null);
    match setting {
        Setting::Automation => same::<crate::robots::Setup>(document),
        Setting::OrgChart => same::<crate::org::OrgChart>(document),
        Setting::Horizons => same::<crate::discipline::Horizons>(document),
        Setting::PoolRule => same::<crate::pool::PoolRule>(document),
    }
}

/// A record with an `id` field that must be the record's.
fn typed<T: DeserializeOwned + Serialize>(id: &str, value: &Value) -> Result<(), Refusal> {
    same::<T>(value)?;
    match value.get("id").and_then(Value::as_str) {
        Some(own) if own == id => Ok(()),
        _ => Err(Refusal::new(RefusalCode::InvalidRecord, "id")),
    }
}

/// `value` reads as a `T`, and writing that `T` back keeps every field of
/// `value`: a field the type ignores is an unknown field, not data to keep.
fn same<T: DeserializeOwned + Serialize>(value: &Value) -> Result<(), Refusal> {
    let read: T = serde_json::from_value(value.clone())
        .map_err(|error| Refusal::new(RefusalCode::InvalidRecord, error.to_string()))?;
    let written = serde_json::to_value(&read)
        .map_err(|error| Refusal::new(RefusalCode::InvalidRecord, error.to_string()))?;
    match unknown(value, &written, "") {
        Some(path) => Err(Refusal::new(RefusalCode::UnknownField, path)),
        None => Ok(()),
    }
}

/// The first object key of `sent` that `kept` does not have, as a path.
fn unknown(sent: &Value, kept: &Value, prefix: &str) -> Option<String> {
    let (Value::Object(sent), Value::Object(kept)) = (sent, kept) else {
        return None;
    };
    sent.iter().find_map(|(key, value)| {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match kept.get(key) {
            None if !value.is_null() => Some(path),
            None => None,
            Some(kept) => unknown(value, kept, &path),
        }
    })
}
