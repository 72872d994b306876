//! The administrator's user management: `GET /api/users`,
//! `POST /api/users`, `PATCH /api/users/{id}`. Every write goes through
//! `auth::save_user`, in one transaction with its checks.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dela_core::user::{Role, User};
use dela_core::validation::Problem;
use serde::{Deserialize, Serialize};

use crate::auth::{check_login, check_password, new_user_id, password, save_user, Account, Authed, UserView};
use crate::db::{DbError, StoredUser, Tx};
use crate::error::{ApiError, Invalid};
use crate::AppState;

#[derive(Serialize)]
pub struct UserList {
    users: Vec<UserView>,
}

#[derive(Serialize)]
pub struct OneUser {
    user: UserView,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    login: String,
    name: String,
    password: String,
    #[serde(default)]
    roles: Vec<String>,
}

/// Each field absent stays as it is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    name: Option<String>,
    roles: Option<Vec<String>>,
    active: Option<bool>,
    password: Option<String>,
}

pub async fn list(State(state): State<AppState>, authed: Authed) -> Result<Json<UserList>, ApiError> {
    authed.require(Role::Administrator)?;
    let users = state.db.read(|tx| tx.users()).await?;
    Ok(Json(UserList { users: users.iter().map(|user| Account::from_stored(user).view()).collect() }))
}

pub async fn create(
    State(state): State<AppState>,
    authed: Authed,
    Json(request): Json<NewUser>,
) -> Result<Response, ApiError> {
    authed.require(Role::Administrator)?;
    let mut invalid = Invalid::default();
    let login = check_login(&request.login).map_err(|code| invalid.add("login", code)).ok();
    let name = checked_name(&request.name).map_err(|code| invalid.add("name", code)).ok();
    let _ = check_password(&request.password).map_err(|code| invalid.add("password", code));
    let roles = checked_roles(&request.roles).map_err(|code| invalid.add("roles", code)).ok();
    let (Some(login), Some(name), Some(roles), true) = (login, name, roles, invalid.is_empty()) else {
        return Ok(invalid.into_response());
    };
    let now = state.clock.now();
    let password_hash = hash_blocking(request.password).await?;
    let user = StoredUser {
        id: new_user_id(now)?.to_string(),
        login,
        name,
        roles,
        password_hash,
        active: true,
        created_at: now.0,
    };
    let created = state
        .db
        .write(move |tx| {
            tx.lock_accounts()?;
            if tx.user_by_login(&user.login)?.is_some() {
                return Ok(None);
            }
            save_user(tx, &user, now)?;
            Ok(Some(user))
        })
        .await?;
    match created {
        Some(user) => {
            tracing::info!(login = %user.login, by = %authed.login, "user created");
            Ok((StatusCode::CREATED, Json(OneUser { user: Account::from_stored(&user).view() }))
                .into_response())
        }
        None => {
            let mut invalid = Invalid::default();
            invalid.add("login", "taken");
            Ok(invalid.into_response())
        }
    }
}

/// What a change came to, decided inside its transaction.
enum Changed {
    Done(StoredUser),
    NotFound,
    /// It would leave no active administrator; the field that would.
    LastAdministrator(&'static str),
}

pub async fn update(
    State(state): State<AppState>,
    authed: Authed,
    Path(id): Path<String>,
    Json(change): Json<UserChange>,
) -> Result<Response, ApiError> {
    authed.require(Role::Administrator)?;
    let mut invalid = Invalid::default();
    let name = match &change.name {
        Some(name) => checked_name(name).map_err(|code| invalid.add("name", code)).ok(),
        None => None,
    };
    let roles = match &change.roles {
        Some(roles) => checked_roles(roles).map_err(|code| invalid.add("roles", code)).ok(),
        None => None,
    };
    if let Some(password) = &change.password {
        let _ = check_password(password).map_err(|code| invalid.add("password", code));
    }
    if !invalid.is_empty() {
        return Ok(invalid.into_response());
    }
    let password_hash = match change.password {
        Some(password) => Some(hash_blocking(password).await?),
        None => None,
    };
    let now = state.clock.now();
    // The administrator's own session survives a change of their own password.
    let keep = (authed.user_id == id).then(|| authed.token_hash.clone());
    let active = change.active;
    let changed = state
        .db
        .write(move |tx| {
            tx.lock_accounts()?;
            let Some(before) = tx.user(&id)? else { return Ok(Changed::NotFound) };
            let mut after = before.clone();
            if let Some(name) = name {
                after.name = name;
            }
            if let Some(roles) = roles {
                after.roles = roles;
            }
            if let Some(active) = active {
                after.active = active;
            }
            let password_changed = password_hash.is_some();
            if let Some(hash) = password_hash {
                after.password_hash = hash;
            }
            if let Some(field) = loses_last_administrator(tx, &before, &after)? {
                return Ok(Changed::LastAdministrator(field));
            }
            save_user(tx, &after, now)?;
            if !after.active {
                tx.delete_sessions_of(&after.id, None)?;
            } else if password_changed {
                tx.delete_sessions_of(&after.id, keep.as_deref())?;
            }
            Ok(Changed::Done(after))
        })
        .await?;
    match changed {
        Changed::Done(user) => {
            tracing::info!(login = %user.login, by = %authed.login, "user changed");
            Ok(Json(OneUser { user: Account::from_stored(&user).view() }).into_response())
        }
        Changed::NotFound => {
            Err(ApiError { status: StatusCode::NOT_FOUND, code: "not_found", message: "no such user".into() })
        }
        Changed::LastAdministrator(field) => {
            let mut invalid = Invalid::default();
            invalid.add(field, "last_administrator");
            Ok(invalid.into_response())
        }
    }
}

/// Whether going from `before` to `after` leaves no active administrator,
/// and through which field. Read in the writing transaction after
/// `Tx::lock_accounts`, so two administrators demoting each other at once
/// cannot both succeed.
fn loses_last_administrator(
    tx: &mut dyn Tx,
    before: &StoredUser,
    after: &StoredUser,
) -> Result<Option<&'static str>, DbError> {
    let admin = |user: &StoredUser| user.active && Account::from_stored(user).is_administrator();
    if !admin(before) || admin(after) {
        return Ok(None);
    }
    let others = tx.users()?.iter().filter(|user| user.id != before.id && admin(user)).count();
    if others > 0 {
        return Ok(None);
    }
    Ok(Some(if after.active { "roles" } else { "active" }))
}

fn checked_name(name: &str) -> Result<String, &'static str> {
    User::checked_name(name).map_err(|errors| match errors.for_field("name") {
        Some(Problem::TooLong { .. }) => "too_long",
        _ => "required",
    })
}

/// Role codes as stored, each known and once.
fn checked_roles(codes: &[String]) -> Result<Vec<String>, &'static str> {
    let mut roles: Vec<String> = Vec::new();
    for code in codes {
        let role = Role::from_code(code).ok_or("unknown_role")?;
        if !roles.iter().any(|known| known == role.code()) {
            roles.push(role.code().to_owned());
        }
    }
    Ok(roles)
}

async fn hash_blocking(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|error| {
            tracing::error!(%error, "the password hashing task failed");
            ApiError::internal()
        })?
        .map_err(ApiError::from)
}
