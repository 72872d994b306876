//! The PostgreSQL backend, for a team that runs its own database server: a
//! small pool of synchronous connections (the `postgres` crate), used from
//! blocking threads. Transactions are READ COMMITTED; pushes serialize on
//! the `versions` row that `next_version` locks first, which is what keeps
//! the version order gapless for readers without SERIALIZABLE's retries.
//! Reads run REPEATABLE READ, READ ONLY: one snapshot for all their
//! statements, so a pull's "current version" and its records agree.

use std::str::FromStr;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use postgres::{Client, IsolationLevel, NoTls, Row};

use super::schema::{self, roles_from_text, roles_to_text};
use super::tx::{PulledRecord, StoredMutation, StoredRecord, StoredSession, StoredUser, SyncClient, Tx};
use super::DbError;
use crate::error::StartError;

/// Connections kept open. Each request holds one only while its transaction
/// runs; a small team's server rarely has more running at once.
const POOL_SIZE: usize = 4;

/// How long a transaction waits for a free connection before failing.
const POOL_WAIT: Duration = Duration::from_secs(30);

/// Every migration takes this transaction-scoped advisory lock, so two
/// servers started at once on one database migrate one after the other.
const MIGRATION_LOCK: i64 = 0x64_656c_615f_6462; // "dela_db"

/// Taken by `Tx::lock_accounts`.
const ACCOUNTS_LOCK: i64 = 0x64_656c_615f_7573; // "dela_us"

pub struct PgDb {
    config: postgres::Config,
    pool: Mutex<Pool>,
    returned: Condvar,
}

struct Pool {
    idle: Vec<Client>,
    /// Connections handed out and not yet returned.
    busy: usize,
}

impl PgDb {
    /// Connects, refuses a database that a newer build migrated, and brings
    /// the schema up to date.
    pub fn open(url: &str) -> Result<Self, StartError> {
        let config = postgres::Config::from_str(url).map_err(|error| StartError::Database {
            what: "the PostgreSQL database (--database-url)".into(),
            error: error.into(),
        })?;
        let what = describe(&config);
        let failed = |error: DbError| StartError::Database { what: what.clone(), error };
        let mut client = config.connect(NoTls).map_err(|error| failed(error.into()))?;
        match migrate(&mut client).map_err(failed)? {
            Migrated::Done => {}
            Migrated::Newer(found) => {
                return Err(StartError::NewerSchema { what, found, known: schema::POSTGRES.len() });
            }
        }
        Ok(Self { config, pool: Mutex::new(Pool { idle: vec![client], busy: 0 }), returned: Condvar::new() })
    }

    /// READ COMMITTED, committed when `work` returns Ok.
    pub fn write<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T, DbError>) -> Result<T, DbError> {
        let mut connection = self.take()?;
        let mut tx = PgTx { tx: connection.client().transaction()? };
        let value = work(&mut tx)?;
        tx.tx.commit()?;
        Ok(value)
    }

    pub fn read<T>(&self, work: impl FnOnce(&mut dyn Tx) -> Result<T, DbError>) -> Result<T, DbError> {
        let mut connection = self.take()?;
        let tx = connection
            .client()
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut tx = PgTx { tx };
        let value = work(&mut tx)?;
        tx.tx.commit()?;
        Ok(value)
    }

    pub fn schema_version(&self) -> Result<usize, DbError> {
        let mut connection = self.take()?;
        let row = connection.client().query_one("SELECT COALESCE(MAX(step), 0) FROM dela_migrations", &[])?;
        step_count(&row)
    }

    fn pool(&self) -> MutexGuard<'_, Pool> {
        self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// An idle connection, else a new one while the pool has room, else the
    /// first one returned.
    fn take(&self) -> Result<Pooled<'_>, DbError> {
        let mut pool = self.pool();
        loop {
            if let Some(client) = pool.idle.pop() {
                pool.busy += 1;
                return Ok(Pooled { db: self, client: Some(client) });
            }
            if pool.busy < POOL_SIZE {
                pool.busy += 1;
                drop(pool);
                return match self.config.connect(NoTls) {
                    Ok(client) => Ok(Pooled { db: self, client: Some(client) }),
                    Err(error) => {
                        self.give_back(None);
                        Err(error.into())
                    }
                };
            }
            let (guard, timeout) =
                self.returned.wait_timeout(pool, POOL_WAIT).unwrap_or_else(|poisoned| poisoned.into_inner());
            pool = guard;
            if timeout.timed_out() && pool.idle.is_empty() && pool.busy >= POOL_SIZE {
                return Err(DbError::Failed(format!("no free PostgreSQL connection within {POOL_WAIT:?}")));
            }
        }
    }

    /// A closed connection (the server restarted, the network dropped) is
    /// not kept: the next `take` opens a new one.
    fn give_back(&self, client: Option<Client>) {
        let mut pool = self.pool();
        pool.busy -= 1;
        if let Some(client) = client.filter(|client| !client.is_closed()) {
            pool.idle.push(client);
        }
        self.returned.notify_one();
    }
}

impl Drop for PgDb {
    /// Closing a connection blocks on the `postgres` crate's own runtime,
    /// which panics on a thread that drives async tasks, as the last
    /// handler's thread may be when the server stops: it gets a plain thread.
    fn drop(&mut self) {
        let idle = std::mem::take(&mut self.pool().idle);
        if std::thread::spawn(move || drop(idle)).join().is_err() {
            tracing::warn!("closing the PostgreSQL connections failed");
        }
    }
}

/// A connection out of the pool, returned when dropped (after its
/// transaction, committed or rolled back, is over).
struct Pooled<'p> {
    db: &'p PgDb,
    client: Option<Client>,
}

impl Pooled<'_> {
    fn client(&mut self) -> &mut Client {
        // Some from `take` until `drop`.
        self.client.as_mut().expect("a pooled connection is present until dropped")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        self.db.give_back(self.client.take());
    }
}

/// Where the database is, for messages: never the password.
fn describe(config: &postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => host.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let database = config.get_dbname().or(config.get_user()).unwrap_or("postgres");
    format!("the PostgreSQL database {database} at {host}:{port}")
}

enum Migrated {
    Done,
    /// The database is at this step, past the last one this build knows.
    Newer(usize),
}

/// All pending steps in one transaction (PostgreSQL's DDL is
/// transactional): a failure leaves the database as it was.
fn migrate(client: &mut Client) -> Result<Migrated, DbError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS dela_migrations (step INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")?;
    let current = step_count(&tx.query_one("SELECT COALESCE(MAX(step), 0) FROM dela_migrations", &[])?)?;
    if current > schema::POSTGRES.len() {
        return Ok(Migrated::Newer(current));
    }
    for (index, sql) in schema::POSTGRES.iter().enumerate().skip(current) {
        tx.batch_execute(sql)?;
        let step =
            i32::try_from(index + 1).map_err(|_| DbError::Failed("too many migration steps".into()))?;
        tx.execute("INSERT INTO dela_migrations (step) VALUES ($1)", &[&step])?;
    }
    tx.commit()?;
    Ok(Migrated::Done)
}

fn step_count(row: &Row) -> Result<usize, DbError> {
    let step: i32 = row.try_get(0)?;
    usize::try_from(step).map_err(|_| DbError::Failed(format!("negative migration step {step}")))
}

struct PgTx<'c> {
    tx: postgres::Transaction<'c>,
}

const USER_COLUMNS: &str = "id, login, name, roles, password_hash, active, created_at";

fn user_from_row(row: &Row) -> Result<StoredUser, DbError> {
    Ok(StoredUser {
        id: row.try_get(0)?,
        login: row.try_get(1)?,
        name: row.try_get(2)?,
        roles: roles_from_text(row.try_get(3)?),
        password_hash: row.try_get(4)?,
        active: row.try_get(5)?,
        created_at: row.try_get(6)?,
    })
}

fn session_from_row(row: &Row) -> Result<StoredSession, DbError> {
    Ok(StoredSession {
        token_hash: row.try_get(0)?,
        user_id: row.try_get(1)?,
        created_at: row.try_get(2)?,
        expires_at: row.try_get(3)?,
    })
}

impl Tx for PgTx<'_> {
    fn next_version(&mut self) -> Result<i64, DbError> {
        let row = self
            .tx
            .query_one("UPDATE versions SET version = version + 1 WHERE id = 1 RETURNING version", &[])?;
        Ok(row.try_get(0)?)
    }

    fn current_version(&mut self) -> Result<i64, DbError> {
        Ok(self.tx.query_one("SELECT version FROM versions WHERE id = 1", &[])?.try_get(0)?)
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>, DbError> {
        let row = self.tx.query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), DbError> {
        self.tx.execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )?;
        Ok(())
    }

    fn sync_client(&mut self, client_id: &str) -> Result<Option<SyncClient>, DbError> {
        let row = self
            .tx
            .query_opt("SELECT user_id, last_seq FROM sync_clients WHERE client_id = $1", &[&client_id])?;
        row.map(|row| Ok(SyncClient { user_id: row.try_get(0)?, last_seq: row.try_get(1)? })).transpose()
    }

    fn put_sync_client(&mut self, client_id: &str, user_id: &str, last_seq: i64) -> Result<(), DbError> {
        self.tx.execute(
            "INSERT INTO sync_clients (client_id, user_id, last_seq) VALUES ($1, $2, $3)
             ON CONFLICT (client_id) DO UPDATE SET user_id = excluded.user_id, last_seq = excluded.last_seq",
            &[&client_id, &user_id, &last_seq],
        )?;
        Ok(())
    }

    fn queue_message(&mut self, id: &str, message: &str, queued_at: i64) -> Result<bool, DbError> {
        let added = self.tx.execute(
            "INSERT INTO outbox_queue (id, message, queued_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
            &[&id, &message, &queued_at],
        )?;
        Ok(added == 1)
    }

    fn unsent_messages(&mut self, limit: usize) -> Result<Vec<(String, String)>, DbError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.tx.query(
            "SELECT id, message FROM outbox_queue WHERE sent_at IS NULL ORDER BY queued_at, id LIMIT $1",
            &[&limit],
        )?;
        rows.iter().map(|row| Ok((row.try_get(0)?, row.try_get(1)?))).collect()
    }

    fn mutation(&mut self, client_id: &str, seq: i64) -> Result<Option<StoredMutation>, DbError> {
        let row = self.tx.query_opt(
            "SELECT content, outcome FROM sync_mutations WHERE client_id = $1 AND seq = $2",
            &[&client_id, &seq],
        )?;
        row.map(|row| Ok(StoredMutation { content: row.try_get(0)?, outcome: row.try_get(1)? })).transpose()
    }

    fn add_mutation(
        &mut self,
        client_id: &str,
        seq: i64,
        content: &str,
        outcome: &str,
    ) -> Result<(), DbError> {
        self.tx.execute(
            "INSERT INTO sync_mutations (client_id, seq, content, outcome) VALUES ($1, $2, $3, $4)",
            &[&client_id, &seq, &content, &outcome],
        )?;
        Ok(())
    }

    fn record(&mut self, kind: &str, id: &str) -> Result<Option<StoredRecord>, DbError> {
        let row = self
            .tx
            .query_opt("SELECT doc, version FROM records WHERE kind = $1 AND id = $2", &[&kind, &id])?;
        row.map(|row| Ok(StoredRecord { doc: row.try_get(0)?, version: row.try_get(1)? })).transpose()
    }

    fn put_record(
        &mut self,
        kind: &str,
        id: &str,
        doc: &str,
        value: Option<&str>,
        version: i64,
    ) -> Result<(), DbError> {
        self.tx.execute(
            "INSERT INTO records (kind, id, doc, value, version) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (kind, id) DO UPDATE
             SET doc = excluded.doc, value = excluded.value, version = excluded.version",
            &[&kind, &id, &doc, &value, &version],
        )?;
        Ok(())
    }

    fn records_after(&mut self, after: i64, limit: usize) -> Result<Vec<PulledRecord>, DbError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.tx.query(
            "SELECT kind, id, value, version FROM records WHERE version > $1
             ORDER BY version, kind, id LIMIT $2",
            &[&after, &limit],
        )?;
        rows.iter()
            .map(|row| {
                Ok(PulledRecord {
                    kind: row.try_get(0)?,
                    id: row.try_get(1)?,
                    value: row.try_get(2)?,
                    version: row.try_get(3)?,
                })
            })
            .collect()
    }

    fn lock_accounts(&mut self) -> Result<(), DbError> {
        self.tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ACCOUNTS_LOCK])?;
        Ok(())
    }

    fn user(&mut self, id: &str) -> Result<Option<StoredUser>, DbError> {
        let row = self.tx.query_opt(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"), &[&id])?;
        row.as_ref().map(user_from_row).transpose()
    }

    fn user_by_login(&mut self, login: &str) -> Result<Option<StoredUser>, DbError> {
        let row =
            self.tx.query_opt(&format!("SELECT {USER_COLUMNS} FROM users WHERE login = $1"), &[&login])?;
        row.as_ref().map(user_from_row).transpose()
    }

    fn users(&mut self) -> Result<Vec<StoredUser>, DbError> {
        // COLLATE "C": the same order as SQLite's byte-wise one.
        let rows =
            self.tx.query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY login COLLATE \"C\""), &[])?;
        rows.iter().map(user_from_row).collect()
    }

    fn put_user(&mut self, user: &StoredUser) -> Result<(), DbError> {
        self.tx.execute(
            "INSERT INTO users (id, login, name, roles, password_hash, active, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET login = excluded.login, name = excluded.name,
                 roles = excluded.roles, password_hash = excluded.password_hash,
                 active = excluded.active, created_at = excluded.created_at",
            &[
                &user.id,
                &user.login,
                &user.name,
                &roles_to_text(&user.roles),
                &user.password_hash,
                &user.active,
                &user.created_at,
            ],
        )?;
        Ok(())
    }

    fn session(&mut self, token_hash: &str) -> Result<Option<StoredSession>, DbError> {
        let row = self.tx.query_opt(
            "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = $1",
            &[&token_hash],
        )?;
        row.as_ref().map(session_from_row).transpose()
    }

    fn add_session(&mut self, session: &StoredSession) -> Result<(), DbError> {
        self.tx.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            &[&session.token_hash, &session.user_id, &session.created_at, &session.expires_at],
        )?;
        Ok(())
    }

    fn set_session_expiry(&mut self, token_hash: &str, expires_at: i64) -> Result<(), DbError> {
        self.tx.execute(
            "UPDATE sessions SET expires_at = $2 WHERE token_hash = $1",
            &[&token_hash, &expires_at],
        )?;
        Ok(())
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<(), DbError> {
        self.tx.execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])?;
        Ok(())
    }

    fn delete_sessions_of(&mut self, user_id: &str, keep: Option<&str>) -> Result<(), DbError> {
        self.tx.execute(
            "DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2",
            &[&user_id, &keep],
        )?;
        Ok(())
    }

    fn delete_expired_sessions(&mut self, now: i64) -> Result<u64, DbError> {
        Ok(self.tx.execute("DELETE FROM sessions WHERE expires_at <= $1", &[&now])?)
    }
}
