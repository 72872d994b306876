//! Errors of the server: those that stop it from starting, and those a
//! request answers with a status and a JSON body.

use std::path::PathBuf;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

#[derive(Debug)]
pub enum StartError {
    Store {
        path: PathBuf,
        error: rusqlite::Error,
    },
    DataDir(std::io::Error),
    /// `PRAGMA quick_check` found damage; serving would spread it.
    Integrity {
        path: PathBuf,
        problems: Vec<String>,
    },
    /// The file was migrated by a newer build, whose schema this one cannot read safely.
    NewerSchema {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    /// SQLite would not switch to WAL (e.g. a file system without shared memory).
    NoWal {
        path: PathBuf,
        mode: String,
    },
    Serve(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Store { path, error } => {
                write!(f, "cannot open the SQLite store {}: {error}", path.display())
            }
            Self::DataDir(e) => write!(f, "cannot create the data directory: {e}"),
            Self::Integrity { path, problems } => write!(
                f,
                "the SQLite store {} failed its integrity check (PRAGMA quick_check): {}; \
                 restore it from a backup (or try `sqlite3 FILE .recover`) before starting again",
                path.display(),
                problems.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
            ),
            Self::NewerSchema { path, found, known } => write!(
                f,
                "the SQLite store {} has schema version {found}, newer than the {known} this dela-server \
                 knows: a newer dela-server wrote it; run that version (or restore a backup from before)",
                path.display()
            ),
            Self::NoWal { path, mode } => write!(
                f,
                "SQLite cannot use write-ahead logging for {} (journal mode stays {mode}); \
                 put the data directory on a local file system",
                path.display()
            ),
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

impl From<rusqlite::Error> for ApiError {
    /// SQLite's messages name tables, columns and constraints, so they are
    /// logged and the client gets the generic answer.
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "store error");
        Self::internal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_store_error_is_logged_and_answered_without_its_details() {
        let dir = tempfile::tempdir().unwrap();
        let connection = rusqlite::Connection::open(dir.path().join("dela.sqlite3")).unwrap();
        let error = connection.execute("INSERT INTO no_such_table VALUES (1)", []).unwrap_err();
        assert!(error.to_string().contains("no_such_table"));

        let response = ApiError::from(error).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"], "internal");
        let message = body["message"].as_str().unwrap();
        assert!(!message.contains("no_such_table") && !message.contains("SQL"), "{message}");
    }
}
