//! What the browser test files share: a fresh database per test, the
//! clock and zone they run at, and a deal of the training pipeline.
#![allow(dead_code)] // each test file uses its own part of it

use dela::store::{deals, Store};
use dela_core::deal::{Deal, DealDraft};
use dela_core::robots::examples::{NEW, PIPELINE};
use dela_core::user::User;
use dela_core::zone::FixedOffset;
use dela_core::{Id, Timestamp};

/// Monday 2026-11-30, 10:00 in Moscow.
pub const MONDAY_10: Timestamp = Timestamp(1_796_022_000_000);
pub const MOSCOW: FixedOffset = FixedOffset(180);
pub const MINUTE: i64 = 60_000;

pub async fn delete_database(name: &str) {
    if let Ok(request) = indexed_db_futures::database::Database::delete_by_name(name) {
        request.await.expect("delete database");
    }
}

/// A database of its own per test: IndexedDB outlives a test in one run.
pub async fn fresh(name: &str) -> Store {
    delete_database(name).await;
    Store::open(name, || {}).await.expect("open")
}

/// A new deal titled `title` at the training pipeline's first stage.
pub async fn training_deal(store: &Store, title: &str, responsible: &User) -> Deal {
    let draft = DealDraft {
        title: title.into(),
        stage: NEW.into(),
        responsible: responsible.id.to_string(),
        currency: "RUB".into(),
        ..DealDraft::default()
    };
    let pipeline = Id::from_static(PIPELINE);
    deals::create(store, &pipeline, &draft, &[], &responsible.id, MONDAY_10, &MOSCOW).await.expect("deal")
}
