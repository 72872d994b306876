//! The embedded SQLite backend: one file, one connection behind a mutex.
//! SQLite serialises writers anyway, and the server is meant for a small
//! team; readers wait for the lock too, which keeps this simple.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use super::schema::{self, roles_from_text, roles_to_text};
use super::tx::{PulledRecord, StoredMutation, StoredRecord, StoredSession, StoredUser, SyncClient, Tx};
use super::DbError;
use crate::error::StartError;

/// How long a statement waits for a lock held by another connection (a
/// backup tool, the `sqlite3` shell) before failing with "database is
/// locked", instead of failing at once.
const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

pub struct SqliteDb {
    connection: Mutex<Connection>,
}

impl SqliteDb {
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
        let failed =
            |error: rusqlite::Error| StartError::Database { what: describe(path), error: error.into() };
        let mut connection = Connection::open(path).map_err(failed)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(failed)?;
        let problems = match quick_check(&connection) {
            Ok(problems) => problems,
            // Damage bad enough that SQLite stops the check itself.
            Err(error) if is_damage(&error) => vec![error.to_string()],
            Err(error) => return Err(failed(error)),
        };
        if problems != ["ok"] {
            return Err(StartError::Integrity { path: path.to_owned(), problems });
        }
        let found = user_version(&connection).map_err(failed)?;
        if found > schema::SQLITE.len() {
            return Err(StartError::NewerSchema { what: describe(path), found, known: schema::SQLITE.len() });
        }
        let mode: String = connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(failed)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StartError::NoWal { path: path.to_owned(), mode });
        }
        connection.pragma_update(None, "synchronous", "FULL").map_err(failed)?;
        connection.pragma_update(None, "foreign_keys", "ON").map_err(failed)?;
        migrate(&mut connection).map_err(failed)?;
        Ok(Self { connection: Mutex::new(connection) })
    }

    /// The connection; a poisoned lock only means another request panicked
    /// mid-way, and SQLite's own transactions kept the file consistent (the
    /// panicking one was rolled back when its `Transaction` dropped).
    fn connection(&self) -> MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `BEGIN IMMEDIATE`: the write lock is taken at the start, so a
    /// transaction that reads then writes never fails half-way on a lock
    /// another connection took between its read and its write.
    pub fn write<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T, DbError>) -> Result<T, DbError> {
        let mut connection = self.connection();
        let mut tx = SqliteTx { tx: connection.transaction_with_behavior(TransactionBehavior::Immediate)? };
        let value = work(&mut tx)?;
        tx.tx.commit()?;
        Ok(value)
    }

    /// Runs with `query_only` on, so a write by mistake fails as it does on
    /// PostgreSQL's read-only transactions; rolled back at the end either way.
    pub fn read<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T, DbError>) -> Result<T, DbError> {
        let connection = self.connection();
        let _query_only = QueryOnly::on(&connection)?;
        let mut tx = SqliteTx { tx: connection.unchecked_transaction()? };
        work(&mut tx)
    }

    pub fn schema_version(&self) -> Result<usize, DbError> {
        Ok(user_version(&self.connection())?)
    }
}

/// `PRAGMA query_only` for as long as it lives, also when the work panics:
/// left on, it would fail every later write on the connection.
struct QueryOnly<'c>(&'c Connection);

impl<'c> QueryOnly<'c> {
    fn on(connection: &'c Connection) -> rusqlite::Result<Self> {
        connection.pragma_update(None, "query_only", true)?;
        Ok(Self(connection))
    }
}

impl Drop for QueryOnly<'_> {
    fn drop(&mut self) {
        if let Err(error) = self.0.pragma_update(None, "query_only", false) {
            tracing::error!(%error, "cannot turn query_only off after a read");
        }
    }
}

pub fn describe(path: &Path) -> String {
    format!("the SQLite store {}", path.display())
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

pub fn user_version(connection: &Connection) -> rusqlite::Result<usize> {
    connection.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Each step in its own transaction with the version it reaches, so a crash
/// between steps resumes where it stopped.
fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let current = user_version(connection)?;
    for (step, sql) in schema::SQLITE.iter().enumerate().skip(current) {
        let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step + 1)?;
        tx.commit()?;
    }
    Ok(())
}

struct SqliteTx<'c> {
    tx: rusqlite::Transaction<'c>,
}

fn user_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredUser> {
    Ok(StoredUser {
        id: row.get(0)?,
        login: row.get(1)?,
        name: row.get(2)?,
        roles: roles_from_text(&row.get::<_, String>(3)?),
        password_hash: row.get(4)?,
        active: row.get(5)?,
        created_at: row.get(6)?,
    })
}

const USER_COLUMNS: &str = "id, login, name, roles, password_hash, active, created_at";

impl Tx for SqliteTx<'_> {
    fn next_version(&mut self) -> Result<i64, DbError> {
        Ok(self
            .tx
            .prepare_cached("UPDATE versions SET version = version + 1 WHERE id = 1 RETURNING version")?
            .query_row([], |row| row.get(0))?)
    }

    fn current_version(&mut self) -> Result<i64, DbError> {
        Ok(self
            .tx
            .prepare_cached("SELECT version FROM versions WHERE id = 1")?
            .query_row([], |row| row.get(0))?)
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>, DbError> {
        Ok(self
            .tx
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |row| row.get(0))
            .optional()?)
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), DbError> {
        self.tx
            .prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
            .execute([key, value])?;
        Ok(())
    }

    fn sync_client(&mut self, client_id: &str) -> Result<Option<SyncClient>, DbError> {
        Ok(self
            .tx
            .prepare_cached("SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?1")?
            .query_row([client_id], |row| Ok(SyncClient { user_id: row.get(0)?, last_seq: row.get(1)? }))
            .optional()?)
    }

    fn put_sync_client(&mut self, client_id: &str, user_id: &str, last_seq: i64) -> Result<(), DbError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sync_clients (client_id, user_id, last_seq) VALUES (?1, ?2, ?3)
                 ON CONFLICT (client_id) DO UPDATE SET user_id = excluded.user_id, last_seq = excluded.last_seq",
            )?
            .execute(params![client_id, user_id, last_seq])?;
        Ok(())
    }

    fn queue_message(&mut self, id: &str, message: &str, queued_at: i64) -> Result<bool, DbError> {
        let added = self
            .tx
            .prepare_cached(
                "INSERT INTO outbox_queue (id, message, queued_at) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![id, message, queued_at])?;
        Ok(added == 1)
    }

    fn unsent_messages(&mut self, limit: usize) -> Result<Vec<(String, String)>, DbError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut statement = self.tx.prepare_cached(
            "SELECT id, message FROM outbox_queue WHERE sent_at IS NULL ORDER BY queued_at, id LIMIT ?1",
        )?;
        let rows = statement.query_map(params![limit], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn mutation(&mut self, client_id: &str, seq: i64) -> Result<Option<StoredMutation>, DbError> {
        Ok(self
            .tx
            .prepare_cached("SELECT content, outcome FROM sync_mutations WHERE client_id = ?1 AND seq = ?2")?
            .query_row(params![client_id, seq], |row| {
                Ok(StoredMutation { content: row.get(0)?, outcome: row.get(1)? })
            })
            .optional()?)
    }

    fn add_mutation(
        &mut self,
        client_id: &str,
        seq: i64,
        content: &str,
        outcome: &str,
    ) -> Result<(), DbError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sync_mutations (client_id, seq, content, outcome) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![client_id, seq, content, outcome])?;
        Ok(())
    }

    fn record(&mut self, kind: &str, id: &str) -> Result<Option<StoredRecord>, DbError> {
        Ok(self
            .tx
            .prepare_cached("SELECT doc, version FROM records WHERE kind = ?1 AND id = ?2")?
            .query_row([kind, id], |row| Ok(StoredRecord { doc: row.get(0)?, version: row.get(1)? }))
            .optional()?)
    }

    fn put_record(
        &mut self,
        kind: &str,
        id: &str,
        doc: &str,
        value: Option<&str>,
        version: i64,
    ) -> Result<(), DbError> {
        self.tx
            .prepare_cached(
                "INSERT INTO records (kind, id, doc, value, version) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (kind, id) DO UPDATE
                 SET doc = excluded.doc, value = excluded.value, version = excluded.version",
            )?
            .execute(params![kind, id, doc, value, version])?;
        Ok(())
    }

    fn records_after(&mut self, after: i64, limit: usize) -> Result<Vec<PulledRecord>, DbError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut statement = self.tx.prepare_cached(
            "SELECT kind, id, value, version FROM records WHERE version > ?1
             ORDER BY version, kind, id LIMIT ?2",
        )?;
        let rows = statement.query_map(params![after, limit], |row| {
            Ok(PulledRecord { kind: row.get(0)?, id: row.get(1)?, value: row.get(2)?, version: row.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn lock_accounts(&mut self) -> Result<(), DbError> {
        // `BEGIN IMMEDIATE` took the database's one write lock already.
        Ok(())
    }

    fn user(&mut self, id: &str) -> Result<Option<StoredUser>, DbError> {
        Ok(self
            .tx
            .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"))?
            .query_row([id], user_from_row)
            .optional()?)
    }

    fn user_by_login(&mut self, login: &str) -> Result<Option<StoredUser>, DbError> {
        Ok(self
            .tx
            .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE login = ?1"))?
            .query_row([login], user_from_row)
            .optional()?)
    }

    fn users(&mut self) -> Result<Vec<StoredUser>, DbError> {
        let mut statement =
            self.tx.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY login"))?;
        let rows = statement.query_map([], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn put_user(&mut self, user: &StoredUser) -> Result<(), DbError> {
        self.tx
            .prepare_cached(
                "INSERT INTO users (id, login, name, roles, password_hash, active, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET login = excluded.login, name = excluded.name,
                     roles = excluded.roles, password_hash = excluded.password_hash,
                     active = excluded.active, created_at = excluded.created_at",
            )?
            .execute(params![
                user.id,
                user.login,
                user.name,
                roles_to_text(&user.roles),
                user.password_hash,
                user.active,
                user.created_at
            ])?;
        Ok(())
    }

    fn session(&mut self, token_hash: &str) -> Result<Option<StoredSession>, DbError> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?1",
            )?
            .query_row([token_hash], |row| {
                Ok(StoredSession {
                    token_hash: row.get(0)?,
                    user_id: row.get(1)?,
                    created_at: row.get(2)?,
                    expires_at: row.get(3)?,
                })
            })
            .optional()?)
    }

    fn add_session(&mut self, session: &StoredSession) -> Result<(), DbError> {
        self.tx
            .prepare_cached(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![session.token_hash, session.user_id, session.created_at, session.expires_at])?;
        Ok(())
    }

    fn set_session_expiry(&mut self, token_hash: &str, expires_at: i64) -> Result<(), DbError> {
        self.tx
            .prepare_cached("UPDATE sessions SET expires_at = ?2 WHERE token_hash = ?1")?
            .execute(params![token_hash, expires_at])?;
        Ok(())
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<(), DbError> {
        self.tx.prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?.execute([token_hash])?;
        Ok(())
    }

    fn delete_sessions_of(&mut self, user_id: &str, keep: Option<&str>) -> Result<(), DbError> {
        self.tx
            .prepare_cached("DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2")?
            .execute(params![user_id, keep])?;
        Ok(())
    }

    fn delete_expired_sessions(&mut self, now: i64) -> Result<u64, DbError> {
        let deleted =
            self.tx.prepare_cached("DELETE FROM sessions WHERE expires_at <= ?1")?.execute([now])?;
        Ok(deleted as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_gets_the_whole_schema_and_reopening_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dela.sqlite3");
        let store = SqliteDb::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::SQLITE.len());
        store.write(|tx| tx.set_meta("k", "v")).unwrap();
        drop(store);
        let store = SqliteDb::open(&path).unwrap();
        assert_eq!(store.read(|tx| tx.meta("k")).unwrap().as_deref(), Some("v"));
    }

    #[test]
    fn a_file_of_the_first_schema_keeps_its_values_in_meta() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dela.sqlite3");
        {
            let mut connection = Connection::open(&path).unwrap();
            let tx = connection.transaction().unwrap();
            tx.execute_batch(schema::SQLITE[0]).unwrap();
            tx.execute("INSERT INTO server_info VALUES ('installed', 'yes')", []).unwrap();
            tx.pragma_update(None, "user_version", 1).unwrap();
            tx.commit().unwrap();
        }
        let store = SqliteDb::open(&path).unwrap();
        assert_eq!(store.read(|tx| tx.meta("installed")).unwrap().as_deref(), Some("yes"));
        assert_eq!(store.schema_version().unwrap(), schema::SQLITE.len());
    }

    #[test]
    fn the_file_is_in_wal_mode_with_full_sync_and_a_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dela.sqlite3");
        let store = SqliteDb::open(&path).unwrap();
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
        let newer = schema::SQLITE.len() + 1;
        Connection::open(&path).unwrap().pragma_update(None, "user_version", newer).unwrap();

        let error = SqliteDb::open(&path).err().expect("a newer schema must be refused");
        assert!(
            matches!(error, StartError::NewerSchema { found, known, .. } if found == newer && known == schema::SQLITE.len()),
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
                SqliteDb::open(&path).err().unwrap_or_else(|| panic!("{name}: a damaged file was opened"));
            assert!(
                matches!(error, StartError::Integrity { ref problems, .. } if !problems.is_empty()),
                "{name}: {error:?}"
            );
            assert!(error.to_string().contains("integrity check"), "{name}: {error}");
        }
    }
}
