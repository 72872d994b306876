//! The first start: with no user at all, nobody could sign in to add one,
//! so the server creates an administrator itself.

use dela_core::user::Role;
use dela_core::Timestamp;

use super::{check_login, check_password, new_user_id, password, publish};
use crate::config::Config;
use crate::db::{Db, StoredUser};
use crate::error::StartError;

/// Creates the administrator `config.admin_login` when there are no users,
/// with `config.admin_password` or else a random password printed once to
/// stdout (not to the log, which may be kept and shipped elsewhere; and
/// stdout is not filtered by `RUST_LOG`).
pub async fn ensure_administrator(db: &Db, config: &Config, now: Timestamp) -> Result<(), StartError> {
    let failed = |error| StartError::Database { what: "the first administrator".into(), error };
    if !db.read(|tx| Ok(tx.users()?.is_empty())).await.map_err(failed)? {
        return Ok(());
    }
    let login = check_login(&config.admin_login).map_err(|problem| {
        StartError::Accounts(format!("--admin-login {:?}: {problem}", config.admin_login))
    })?;
    let (password, given) = match &config.admin_password {
        Some(password) => {
            check_password(password.expose())
                .map_err(|problem| StartError::Accounts(format!("--admin-password: {problem}")))?;
            (password.expose().to_owned(), true)
        }
        None => (password::random().map_err(|error| StartError::Accounts(error.to_string()))?, false),
    };
    let hashed = password.clone();
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&hashed))
        .await
        .map_err(|error| StartError::Accounts(error.to_string()))?
        .map_err(|error| StartError::Accounts(error.to_string()))?;
    let id = new_user_id(now).map_err(|error| StartError::Accounts(error.to_string()))?;
    let user = StoredUser {
        id: id.to_string(),
        login: login.clone(),
        name: "Administrator".into(),
        roles: vec![Role::Administrator.code().to_owned()],
        password_hash,
        active: true,
        created_at: now.0,
    };
    // Checked again inside the write: another server on the same database
    // may have created one meanwhile.
    let created = db
        .write(move |tx| {
            tx.lock_accounts()?;
            if !tx.users()?.is_empty() {
                return Ok(false);
            }
            publish::save_user(tx, &user, now)?;
            Ok(true)
        })
        .await
        .map_err(failed)?;
    if created && given {
        tracing::info!(%login, "created the administrator with the password given by --admin-password");
    } else if created {
        println!("administrator login: {login}, password: {password}");
        tracing::warn!(%login, "created the administrator; its password was printed once to stdout");
    }
    Ok(())
}
