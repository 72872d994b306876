//! The users of this device, and which of them is the current one.

use dela_core::text::sort_key;
use dela_core::user::User;
use dela_core::validation::FieldErrors;
use dela_core::Timestamp;

use super::schema::{META, USERS};
use super::{read, Batch, Store, StoreError};
use crate::ids::new_id;

const CURRENT_USER: &str = "current_user";

pub async fn list(store: &Store) -> Result<Vec<User>, StoreError> {
    let mut users: Vec<User> = read::all(store, USERS).await?;
    users.sort_by_cached_key(|user| sort_key(&user.name));
    Ok(users)
}

/// The current user, made on first start so that cards always have an
/// owner; `default_name` is shown until they set their own.
pub async fn ensure_current(store: &Store, default_name: &str, now: Timestamp) -> Result<User, StoreError> {
    if let Some(id) = read::get::<String>(store, META, CURRENT_USER).await? {
        if let Some(user) = read::get::<User>(store, USERS, &id).await? {
            return Ok(user);
        }
    }
    let user = User { id: new_id(now), name: default_name.to_owned() };
    Batch::default().put(USERS, &user)?.put_keyed(META, CURRENT_USER, &user.id)?.apply(store).await?;
    Ok(user)
}

pub enum RenameError {
    Invalid(FieldErrors),
    Store(StoreError),
}

pub async fn rename(store: &Store, user: &User, name: &str) -> Result<User, RenameError> {
    let name = User::checked_name(name).map_err(RenameError::Invalid)?;
    let renamed = User { name, ..user.clone() };
    let batch = Batch::default().put(USERS, &renamed).map_err(RenameError::Store)?;
    batch.apply(store).await.map_err(RenameError::Store)?;
    Ok(renamed)
}
