//! Storage: SQLite by default (one file under `--data-dir`), PostgreSQL when
//! `--database-url` names one. Both are synchronous; `Db` runs each
//! transaction on a blocking thread so the async handlers never wait on disk
//! or network with a runtime thread.

mod error;
mod postgres;
pub mod schema;
mod sqlite;
mod tx;

use std::sync::Arc;

pub use error::DbError;
pub use tx::{PulledRecord, StoredMutation, StoredRecord, StoredSession, StoredUser, SyncClient, Tx};

use crate::config::Config;
use crate::error::StartError;

/// The store, cheap to clone (one per handler).
#[derive(Clone)]
pub struct Db(Arc<Backend>);

enum Backend {
    Sqlite(sqlite::SqliteDb),
    Postgres(Box<postgres::PgDb>),
}

/// Which backend a `Db` is, for `/api/health` and the start-up log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgresql",
        }
    }

    /// The number of migration steps this build knows for the backend.
    pub fn schema_version(self) -> usize {
        match self {
            Self::Sqlite => schema::SQLITE.len(),
            Self::Postgres => schema::POSTGRES.len(),
        }
    }
}

impl Db {
    /// PostgreSQL when the configuration names a database URL, else the
    /// SQLite file in the data directory. Blocking: call it before serving
    /// (or from a blocking thread).
    pub fn open(config: &Config) -> Result<Self, StartError> {
        let backend = match &config.database_url {
            Some(url) => Backend::Postgres(Box::new(postgres::PgDb::open(url.expose())?)),
            None => Backend::Sqlite(sqlite::SqliteDb::open(&config.database_path())?),
        };
        Ok(Self(Arc::new(backend)))
    }

    pub fn kind(&self) -> Kind {
        match *self.0 {
            Backend::Sqlite(_) => Kind::Sqlite,
            Backend::Postgres(_) => Kind::Postgres,
        }
    }

    /// One database transaction; commit when `work` returns Ok, roll back on
    /// Err. On SQLite it is `BEGIN IMMEDIATE` (the write lock from the start);
    /// on PostgreSQL READ COMMITTED, where `Tx::next_version` taken first is
    /// what serializes pushes.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn Tx) -> Result<T, DbError> + Send + 'static,
    ) -> Result<T, DbError> {
        let db = self.clone();
        blocking(move || match &*db.0 {
            Backend::Sqlite(sqlite) => sqlite.write(work),
            Backend::Postgres(postgres) => postgres.write(work),
        })
        .await
    }

    /// A read-only transaction with one consistent view of the data: writes
    /// in it fail, and nothing it does is committed.
    pub async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn Tx) -> Result<T, DbError> + Send + 'static,
    ) -> Result<T, DbError> {
        let db = self.clone();
        blocking(move || match &*db.0 {
            Backend::Sqlite(sqlite) => sqlite.read(work),
            Backend::Postgres(postgres) => postgres.read(work),
        })
        .await
    }

    /// The migration step the database is at.
    pub async fn schema_version(&self) -> Result<usize, DbError> {
        let db = self.clone();
        blocking(move || match &*db.0 {
            Backend::Sqlite(sqlite) => sqlite.schema_version(),
            Backend::Postgres(postgres) => postgres.schema_version(),
        })
        .await
    }
}

/// Runs `work` on tokio's blocking pool. A panic inside it is resumed here,
/// so it reaches the catch-panic layer (a JSON 500) as any handler's would;
/// its transaction was rolled back when dropped during the unwind.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, DbError> + Send + 'static,
) -> Result<T, DbError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(error) => Err(DbError::Failed(format!("the database task did not run: {error}"))),
    }
}
