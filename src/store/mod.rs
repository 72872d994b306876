//! The IndexedDB store: one database, an object store per entity kind.
//!
//! Writes of one user action go through [`Batch`] so they land in one
//! transaction or not at all. Reads are small typed helpers per entity.

pub mod activities;
pub mod agenda;
pub mod automation;
pub mod batch;
pub mod cards;
pub mod codec;
pub mod companies;
pub mod contacts;
pub mod custom;
pub mod deal_jobs;
pub mod deals;
pub mod error;
pub mod examples;
pub mod history;
pub mod inbox;
pub mod invoices;
pub mod leads;
pub mod org;
pub mod pages;
pub mod pipelines;
pub mod pool;
pub mod projects;
pub mod read;
pub mod robots;
pub mod schema;
pub mod settings;
pub mod tasks;
pub mod users;
pub mod views;

use std::rc::Rc;

use indexed_db_futures::database::Database;

pub use batch::Batch;
pub use error::{ActionError, StoreError};

/// A handle on the open database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Rc<Database>,
}

impl Store {
    /// Opens (creating or upgrading) the app's database. `on_blocked` runs
    /// when another tab holds an older version open, so the UI can say why
    /// loading waits.
    pub async fn open(name: &str, on_blocked: impl Fn() + 'static) -> Result<Self, StoreError> {
        let store = Self::open_at(name, schema::VERSION, on_blocked).await?;
        activities::adopt_legacy(&store).await?;
        Ok(store)
    }

    /// Opens at a given schema version; the upgrade tests use it to create a
    /// database as an earlier release did.
    pub async fn open_at(
        name: &str,
        version: u32,
        on_blocked: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(version)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let from = event.old_version() as u32;
                schema::upgrade(&db, from, version)
            })
            .await
            .map_err(StoreError::from_open)?;
        Ok(Self { db: Rc::new(db) })
    }

    pub fn db(&self) -> &Database {
        &self.db
    }

    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// When another tab opens a newer version of the database, this
    /// connection closes at once, so that tab's upgrade goes on instead of
    /// waiting for this one forever, and `on_outdated` tells this tab to
    /// reload: its build no longer matches the data.
    pub fn when_outdated(&self, on_outdated: impl FnOnce() + 'static) -> Result<(), StoreError> {
        let mut changes = self.db.version_changes()?;
        wasm_bindgen_futures::spawn_local(async move {
            if changes.recv().await.is_some() {
                changes.db().clone().close();
                on_outdated();
            }
        });
        Ok(())
    }

    /// Closes the connection so that another one may upgrade the database.
    pub fn close(self) {
        if let Ok(db) = Rc::try_unwrap(self.db) {
            db.close();
        }
    }
}
