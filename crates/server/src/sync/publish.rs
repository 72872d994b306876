//! Records the server writes itself (a user's public part when an
//! administrator adds or changes an account), merged like a client's
//! mutation under the server's own stamp, so they reach every browser by
//! pull and order among the clients' writes.

use dela_core::sync::{diff, Kind};
use dela_core::Timestamp;
use serde_json::Value;

use super::{identity, records};
use crate::db::{DbError, Tx};

/// Writes `value` as the record `id` of `kind`; nothing when it is already so.
pub fn publish(tx: &mut dyn Tx, kind: Kind, id: &str, value: &Value, now: Timestamp) -> Result<(), DbError> {
    let mut doc = records::load(tx, kind, id)?;
    let Some(change) = diff(kind, doc.value(kind).as_ref(), Some(value)) else {
        return Ok(());
    };
    let mut clock = identity::clock(tx)?;
    let stamp = clock.now(now.0);
    doc.accept(kind, id, &change, stamp).map_err(|refusal| {
        DbError::Failed(format!("the server's own {} {id} is not valid: {}", kind.code(), refusal.detail))
    })?;
    records::store(tx, kind, id, &doc)?;
    identity::save_clock(tx, &clock)
}
