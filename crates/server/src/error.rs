//! Errors of the server: those that stop it from starting, and those a
//! request answers with a status and a JSON body.

use std::collections::BTreeMap;
use std::path::PathBuf;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::db::DbError;

#[derive(Debug)]
pub enum StartError {
    /// The database could not be opened, migrated or first filled in.
    /// `what` names it for the operator ("the SQLite store PATH", "the
    /// PostgreSQL database NAME at HOST:PORT"), never with a password.
    Database {
        what: String,
        error: DbError,
    },
    DataDir(std::io::Error),
    /// `PRAGMA quick_check` found damage; serving would spread it.
    Integrity {
        path: PathBuf,
        problems: Vec<String>,
    },
    /// The database was migrated by a newer build, whose schema this one cannot read safely.
    NewerSchema {
        what: String,
        found: usize,
        known: usize,
    },
    /// SQLite would not switch to WAL (e.g. a file system without shared memory).
    NoWal {
        path: PathBuf,
        mode: String,
    },
    /// The first administrator could not be made (a bad login or password
    /// given, no randomness).
    Accounts(String),
    Serve(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Database { what, error } => write!(f, "cannot use {what}: {error}"),
            Self::DataDir(e) => write!(f, "cannot create the data directory: {e}"),
            Self::Integrity { path, problems } => write!(
                f,
                "the SQLite store {} failed its integrity check (PRAGMA quick_check): {}; \
                 restore it from a backup (or try `sqlite3 FILE .recover`) before starting again",
                path.display(),
                problems.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
            ),
            Self::NewerSchema { what, found, known } => write!(
                f,
                "{what} has schema version {found}, newer than the {known} this dela-server \
                 knows: a newer dela-server wrote it; run that version (or restore a backup from before)"
            ),
            Self::NoWal { path, mode } => write!(
                f,
                "SQLite cannot use write-ahead logging for {} (journal mode stays {mode}); \
                 put the data directory on a local file system",
                path.display()
            ),
            Self::Accounts(message) => write!(f, "cannot create the first administrator: {message}"),
            Self::Serve(e) => write!(f, "the server stopped: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// An error answered to a client: a status and `{"error": code, "message": text}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    /// A failure inside the server. The client learns only that it happened:
    /// details (SQL, paths, panic messages) go to the log, never over the wire.
    pub fn internal() -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "the server failed to answer; the details are in its log".into(),
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: self.code, message: &self.message })).into_response()
    }
}

impl From<DbError> for ApiError {
    /// The database's messages name tables, columns, constraints and hosts,
    /// so they are logged and the client gets the generic answer; a
    /// conflict with another writer is worth retrying, so it says so.
    fn from(error: DbError) -> Self {
        match error {
            DbError::Conflict(_) => {
                tracing::warn!(%error, "database conflict");
                Self {
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    code: "busy",
                    message: "another change got in the way; try again".into(),
                }
            }
            DbError::Failed(_) => {
                tracing::error!(%error, "database error");
                Self::internal()
            }
        }
    }
}

/// A form's field errors: 422 with `{"error": "invalid", "message",
/// "fields": {field: code}}`, the codes being what the app translates
/// ("required", "taken", "too_long"…).
#[derive(Debug, Default)]
pub struct Invalid {
    pub fields: BTreeMap<&'static str, &'static str>,
}

impl Invalid {
    pub fn add(&mut self, field: &'static str, code: &'static str) {
        self.fields.entry(field).or_insert(code);
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

impl IntoResponse for Invalid {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": "invalid",
            "message": "some fields are not valid",
            "fields": self.fields,
        });
        (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_store_error_is_logged_and_answered_without_its_details() {
        let dir = tempfile::tempdir().unwrap();
        let connection = rusqlite::Connection::open(dir.path().join("dela.sqlite3")).unwrap();
        let error =
            DbError::from(connection.execute("INSERT INTO no_such_table VALUES (1)", []).unwrap_err());
        assert!(!error.is_conflict());
        assert!(error.to_string().contains("no_such_table"));

        let response = ApiError::from(error).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"], "internal");
        let message = body["message"].as_str().unwrap();
        assert!(!message.contains("no_such_table") && !message.contains("SQL"), "{message}");
    }

    #[tokio::test]
    async fn a_conflict_is_a_503_to_retry_without_its_details() {
        let response =
            ApiError::from(DbError::Conflict("UNIQUE constraint failed: users.login".into())).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"], "busy");
        assert!(!body.to_string().contains("users.login"), "{body}");
    }
}
