//! A record's merge document in the database: read it, write it back with
//! its materialized value under a new version.

use dela_core::sync::{Doc, Kind};

use crate::db::{DbError, Tx};

/// The record's merge document; an empty one when the record is new.
pub fn load(tx: &mut dyn Tx, kind: Kind, id: &str) -> Result<Doc, DbError> {
    match tx.record(kind.code(), id)? {
        Some(stored) => serde_json::from_str(&stored.doc).map_err(|error| {
            DbError::Failed(format!("the merge document of {} {id} is damaged: {error}", kind.code()))
        }),
        None => Ok(Doc::default()),
    }
}

/// Writes `doc` and its value (none once deleted) under the next version,
/// which puts the record at the end of every client's next pull.
pub fn store(tx: &mut dyn Tx, kind: Kind, id: &str, doc: &Doc) -> Result<(), DbError> {
    let text = serde_json::to_string(doc).map_err(|error| DbError::Failed(error.to_string()))?;
    let value = doc.value(kind).map(|value| value.to_string());
    let version = tx.next_version()?;
    tx.put_record(kind.code(), id, &text, value.as_deref(), version)
}
