//! The one way a user account is written, so that what must happen with
//! every change of a user (the hook below) is never skipped.

use dela_core::user::User;
use dela_core::{Id, Timestamp};

use super::Account;
use crate::db::{DbError, StoredUser, Tx};

/// Writes `user` and calls `user_changed`, in the caller's transaction.
pub fn save_user(tx: &mut dyn Tx, user: &StoredUser, now: Timestamp) -> Result<(), DbError> {
    tx.put_user(user)?;
    let account = Account::from_stored(user);
    let id = Id::parse(&account.id)
        .ok_or_else(|| DbError::Failed(format!("user id {:?} is not an id", account.id)))?;
    user_changed(tx, &User { id, name: account.name, roles: account.roles }, now)
}

/// Called in the transaction that creates or changes `user` (the first
/// administrator, `POST /api/users`, `PATCH /api/users/{id}`), after the
/// account row is written: the user's public part (id, name, roles) is
/// published as a synced record, so every browser learns of it by pull.
pub fn user_changed(tx: &mut dyn Tx, user: &User, now: Timestamp) -> Result<(), DbError> {
    let value = serde_json::to_value(user).map_err(|error| DbError::Failed(error.to_string()))?;
    crate::sync::publish(tx, dela_core::sync::Kind::User, user.id.as_str(), &value, now)
}
