//! The embedded SQLite store and its schema migrations.
//!
//! One connection behind a mutex: SQLite serialises writers anyway, and the
//! server is meant for a small team.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use crate::error::StartError;

/// Schema steps in order; step N brings `user_version` from N to N + 1.
/// Append only: a released step never changes.
const MIGRATIONS: &[&str] = &["CREATE TABLE server_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"];

/// How long a statement waits for a lock held by another connection (a
/// backup tool, the `sqlite3` shell) before failing with "database is
/// locked", instead of failing at once.
const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (or creates) the file and brings its schema up to date. It
    /// refuses, before writing anything, a file that is damaged or that a
    /// newer build migrated.
    ///
    /// Journal: WAL, so readers do not block the writer and a crash mid-write
    /// never leaves a half-written file. `synchronous = FULL` rather than
    /// `NORMAL`: with `NORMAL` a power cut can undo the last commits, and an
    /// app told "synced" may already have dropped its copy; a small team's
    /// write rate makes the one extra fsync per commit cheap.
    pub fn open(path: &Path) -> Result<Self, StartError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(StartError::DataDir)?;
        }
        let store_error = |error| StartError::Store { path: path.to_owned(), error };
        let mut connection = Connection::open(path).map_err(store_error)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(store_error)?;
        let problems = match quick_check(&connection) {
            Ok(problems) => problems,
            // Damage bad enough that SQLite stops the check itself.
            Err(error) if is_damage(&error) => vec![error.to_string()],
            Err(error) => return Err(store_error(error)),
        };
        if problems != ["ok"] {
            return Err(StartError::Integrity { path: path.to_owned(), problems });
        }
        let found = user_version(&connection).map_err(store_error)?;
        if found > SCHEMA_VERSION {
            return Err(StartError::NewerSchema { path: path.to_owned(), found, known: SCHEMA_VERSION });
        }
        let mode: String = connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(store_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StartError::NoWal { path: path.to_owned(), mode });
        }
        connection.pragma_update(None, "synchronous", "FULL").map_err(store_error)?;
        connection.pragma_update(None, "foreign_keys", "ON").map_err(store_error)?;
        migrate(&mut connection).map_err(store_error)?;
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

/// `PRAGMA quick_check`: `["ok"]`, or what is damaged. It reads the whole
/// file once, which a small team's database makes a matter of moments.
fn quick_check(connection: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut statement = connection.prepare("PRAGMA quick_check")?;
    let rows = statement.query_map([], |row| row.get(0))?;
    rows.collect()
}

fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(error.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase))
}

fn user_version(connection: &Connection) -> rusqlite::Result<usize> {
    connection.pragma_query_value(None, "user_version", |row| row.get(0))
}

fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let current = user_version(connection)?;
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

    #[test]
    fn the_file_is_in_wal_mode_with_full_sync_and_a_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dela.sqlite3");
        let store = Store::open(&path).unwrap();
        let connection = store.connection();
        let synchronous: i64 = connection.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        assert_eq!(synchronous, 2, "FULL");
        let busy_timeout: i64 = connection.pragma_query_value(None, "busy_timeout", |r| r.get(0)).unwrap();
        assert_eq!(busy_timeout, 5000);
        // The journal mode is stored in the file: another connection sees it.
        let other = Connection::open(&path).unwrap();
        let mode: String = other.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_file_from_a_newer_version_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dela.sqlite3");
        let newer = SCHEMA_VERSION + 1;
        Connection::open(&path).unwrap().pragma_update(None, "user_version", newer).unwrap();

        let error = Store::open(&path).err().expect("a newer schema must be refused");
        assert!(
            matches!(error, StartError::NewerSchema { found, known, .. } if found == newer && known == SCHEMA_VERSION),
            "{error:?}"
        );
        assert!(error.to_string().contains("newer"), "{error}");
        let untouched = Connection::open(&path).unwrap();
        let mode: String = untouched.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "delete");
        assert_eq!(user_version(&untouched).unwrap(), newer);
    }

    /// A table of a few dozen pages, closed; returns the page size.
    fn file_with_pages(path: &Path) -> usize {
        let connection = Connection::open(path).unwrap();
        connection
            .execute_batch(
                "CREATE TABLE filler (text TEXT);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                 INSERT INTO filler SELECT hex(randomblob(100)) FROM n;",
            )
            .unwrap();
        connection.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_damaged_file_is_refused_at_start() {
        type Damage = fn(&mut [u8], usize);
        let damages: [(&str, Damage); 3] = [
            // quick_check lists this one: the header counts free pages that do not exist.
            ("a wrong free-page count", |bytes, _| bytes[36..40].copy_from_slice(&5u32.to_be_bytes())),
            // SQLite itself reports this one as corrupt while checking.
            ("an overwritten page", |bytes, page| bytes[5 * page..6 * page].fill(0xAB)),
            ("not SQLite at all", |bytes, _| bytes.fill(b'x')),
        ];
        for (name, damage) in damages {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("dela.sqlite3");
            let page_size = file_with_pages(&path);
            let mut bytes = std::fs::read(&path).unwrap();
            assert!(bytes.len() > 10 * page_size);
            damage(&mut bytes, page_size);
            std::fs::write(&path, bytes).unwrap();

            let error =
                Store::open(&path).err().unwrap_or_else(|| panic!("{name}: a damaged file was opened"));
            assert!(
                matches!(error, StartError::Integrity { ref problems, .. } if !problems.is_empty()),
                "{name}: {error:?}"
            );
            assert!(error.to_string().contains("integrity check"), "{name}: {error}");
        }
    }
}
