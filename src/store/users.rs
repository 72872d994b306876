//! The users of this device, and which of them is the current one.
//!
//! Until the sync server signs people in, the team is kept here and the
//! person at the keyboard says who they are in Settings.

use std::convert::Infallible;

use dela_core::text::sort_key;
use dela_core::user::{Role, User};
use dela_core::{Id, Timestamp};

use super::schema::{META, USERS};
use super::{read, ActionError, Batch, Store, StoreError};
use crate::ids::new_id;

const CURRENT_USER: &str = "current_user";

pub async fn list(store: &Store) -> Result<Vec<User>, StoreError> {
    let mut users: Vec<User> = read::all(store, USERS).await?;
    dela_core::sort::sort_by_cached_key(&mut users, |user| sort_key(&user.name));
    Ok(users)
}

pub async fn ids(store: &Store) -> Result<Vec<Id>, StoreError> {
    Ok(read::keys(store, USERS).await?.iter().filter_map(|key| Id::parse(key)).collect())
}

/// The current user, made on first start so that cards always have an
/// owner; `default_name` is shown until they set their own. The first user
/// heads sales and administrates: somebody must be able to.
pub async fn ensure_current(store: &Store, default_name: &str, now: Timestamp) -> Result<User, StoreError> {
    if let Some(id) = read::get::<String>(store, META, CURRENT_USER).await? {
        if let Some(user) = read::get::<User>(store, USERS, &id).await? {
            return Ok(user);
        }
    }
    let user = User {
        id: new_id(now),
        name: default_name.to_owned(),
        roles: vec![Role::HeadOfSales, Role::Administrator],
    };
    Batch::default().put(USERS, &user)?.put_keyed(META, CURRENT_USER, &user.id)?.apply(store).await?;
    Ok(user)
}

/// Saves a user's name and roles (a new user when `id` is `None`); only the
/// name can be wrong, nothing refuses it.
pub async fn save(
    store: &Store,
    id: Option<&Id>,
    name: &str,
    roles: Vec<Role>,
    now: Timestamp,
) -> Result<User, ActionError<Infallible>> {
    let name = User::checked_name(name).map_err(ActionError::Invalid)?;
    let id = id.cloned().unwrap_or_else(|| new_id(now));
    let user = User { id, name, roles };
    Batch::default().put(USERS, &user)?.apply(store).await?;
    Ok(user)
}

/// Makes `user` the person this device works as.
pub async fn switch_to(store: &Store, user: &User) -> Result<(), StoreError> {
    Batch::default().put_keyed(META, CURRENT_USER, &user.id)?.apply(store).await
}
