//! What a database call fails with. The text is for the log: it names
//! tables, constraints and hosts, so it never reaches a client (`ApiError`'s
//! `From<DbError>` logs it and answers generically).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbError {
    /// Another transaction got in the way (PostgreSQL's serialization
    /// failure or deadlock, a unique key another writer took first, SQLite
    /// still busy after its timeout). Nothing was written; doing the same
    /// work again in a new transaction may succeed, or see what the other
    /// writer did.
    Conflict(String),
    /// Anything else: a lost connection, a full disk, a row that does not
    /// read back as what was stored.
    Failed(String),
}

impl DbError {
    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::Conflict(_))
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Conflict(message) => write!(f, "conflict with another transaction: {message}"),
            Self::Failed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{ConstraintViolation, DatabaseBusy, DatabaseLocked};
        let conflict = match error.sqlite_error() {
            Some(sqlite) => match sqlite.code {
                DatabaseBusy | DatabaseLocked => true,
                ConstraintViolation => {
                    sqlite.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                        || sqlite.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                }
                _ => false,
            },
            None => false,
        };
        if conflict {
            Self::Conflict(error.to_string())
        } else {
            Self::Failed(error.to_string())
        }
    }
}

impl From<postgres::Error> for DbError {
    fn from(error: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let conflict = error.code().is_some_and(|code| {
            [SqlState::T_R_SERIALIZATION_FAILURE, SqlState::T_R_DEADLOCK_DETECTED, SqlState::UNIQUE_VIOLATION]
                .contains(code)
        });
        // `Display` of a server error is only its message; the detail and
        // the constraint are in `as_db_error`, which the log wants.
        let text = match error.as_db_error() {
            Some(db) => format!("{db}"),
            None => error.to_string(),
        };
        if conflict {
            Self::Conflict(text)
        } else {
            Self::Failed(text)
        }
    }
}
