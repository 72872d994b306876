//! A fresh database for one test on either backend: a temporary SQLite
//! directory, or a PostgreSQL schema of its own (from
//! `DELA_TEST_DATABASE_URL`) dropped when the test ends, so tests run in
//! parallel and leave nothing behind.
#![allow(dead_code)] // each test file uses its own part of this

pub mod sync_client;

use std::io::Write;
use std::sync::Once;

use dela_server::config::{Config, Secret};

pub const PG_URL_VARIABLE: &str = "DELA_TEST_DATABASE_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A place for one test's data; the `Config` points the server at it.
pub struct Place {
    pub backend: Backend,
    pub config: Config,
    dir: tempfile::TempDir,
    schema: Option<PgSchema>,
}

impl Place {
    /// None for PostgreSQL when no test database is configured (the test
    /// then passes, having said so once on the terminal).
    pub fn new(backend: Backend) -> Option<Self> {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut config = Config { data_dir: dir.path().join("data"), ..Config::default() };
        let schema = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                let schema = PgSchema::create()?;
                config.database_url = Some(Secret::new(schema.url.clone()));
                Some(schema)
            }
        };
        Some(Self { backend, config, dir, schema })
    }

    pub fn dist_dir(&self) -> std::path::PathBuf {
        self.dir.path().to_owned()
    }

    /// Marks the database as migrated by a newer build (one step past this one's).
    pub fn pretend_newer_schema(&self) {
        match &self.schema {
            None => {
                let newer = dela_server::db::schema::SQLITE.len() + 1;
                rusqlite::Connection::open(self.config.database_path())
                    .expect("open the SQLite file")
                    .pragma_update(None, "user_version", newer)
                    .expect("set user_version");
            }
            Some(schema) => {
                let newer = i32::try_from(dela_server::db::schema::POSTGRES.len() + 1).expect("a small step");
                let url = schema.url.clone();
                on_plain_thread(move || {
                    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
                    client
                        .execute("INSERT INTO dela_migrations (step) VALUES ($1)", &[&newer])
                        .expect("insert step");
                });
            }
        }
    }
}

/// A schema named `test_<random>` in the test database, and a URL whose
/// `search_path` is that schema.
struct PgSchema {
    base: String,
    name: String,
    url: String,
}

impl PgSchema {
    fn create() -> Option<Self> {
        let Ok(base) = std::env::var(PG_URL_VARIABLE) else {
            static SAID: Once = Once::new();
            // Straight to the terminal: the test harness would swallow a println.
            SAID.call_once(|| {
                let _ = writeln!(std::io::stderr(), "PostgreSQL tests skipped: {PG_URL_VARIABLE} not set");
            });
            return None;
        };
        let name = format!("test_{:016x}", getrandom::u64().expect("randomness"));
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{separator}options=-c%20search_path%3D{name}");
        let (create_base, create_name) = (base.clone(), name.clone());
        on_plain_thread(move || {
            let mut client = postgres::Client::connect(&create_base, postgres::NoTls)
                .unwrap_or_else(|error| panic!("cannot connect to {PG_URL_VARIABLE}: {error}"));
            client.batch_execute(&format!("CREATE SCHEMA {create_name}")).expect("create the test schema");
        });
        Some(Self { base, name, url })
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        let (base, name) = (self.base.clone(), self.name.clone());
        on_plain_thread(move || {
            if let Ok(mut client) = postgres::Client::connect(&base, postgres::NoTls) {
                let _ = client.batch_execute(&format!("DROP SCHEMA {name} CASCADE"));
            }
        });
    }
}

/// The synchronous `postgres` client runs its own runtime, which cannot
/// start inside a tokio task: it gets a thread of its own.
pub fn on_plain_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(work).join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Test functions run once per backend: `per_backend!(name, ...)` makes a
/// `sqlite::name` and a `postgres::name` test calling `name(Place)`.
#[macro_export]
macro_rules! per_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let place = $crate::common::Place::new($crate::common::Backend::Sqlite).expect("SQLite is always there");
                    super::$name(place).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    if let Some(place) = $crate::common::Place::new($crate::common::Backend::Postgres) {
                        super::$name(place).await;
                    }
                }
            )*
        }
    };
}
