//! The embedded SQLite store and its schema migrations.
//!
//! One connection behind a mutex: SQLite serialises writers anyway, and the
//! server is meant for a small team.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::error::StartError;

/// Schema steps in order; step N brings `user_version` from N to N + 1.
/// Append only: a released step never changes.
const MIGRATIONS: &[&str] = &["CREATE TABLE server_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"];

pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, StartError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(StartError::DataDir)?;
        }
        let mut connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut connection)?;
        Ok(Self { connection: Mutex::new(connection) })
    }

    /// The connection; a poisoned lock only means another request panicked
    /// mid-way, and SQLite's own transactions kept the file consistent.
    pub fn connection(&self) -> MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn schema_version(&self) -> rusqlite::Result<u32> {
        self.connection().pragma_query_value(None, "user_version", |row| row.get(0))
    }
}

fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let current: usize = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = connection.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step + 1)?;
        tx.commit()?;
    }
    Ok(())
}

pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_gets_the_whole_schema_and_reopening_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dela.sqlite3");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap() as usize, SCHEMA_VERSION);
        store.connection().execute("INSERT INTO server_info VALUES ('k', 'v')", []).unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let value: String = store
            .connection()
            .query_row("SELECT value FROM server_info WHERE key = 'k'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(value, "v");
    }
}
