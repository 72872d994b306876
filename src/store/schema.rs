//! Object stores, indexes and the upgrade steps between schema versions.
//!
//! IndexedDB (through indexed_db_futures) cannot add an index to an existing
//! store, so each store is created with every index it will need. Changing
//! a store's indexes later means a new store and a copy, as a new step.
//! Steps are append-only: a released step never changes.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

pub const NAME: &str = "dela";
pub const VERSION: u32 = 2;

pub const META: &str = "meta";
pub const COMPANIES: &str = "companies";
pub const USERS: &str = "users";
pub const HISTORY: &str = "history";
pub const ACTIVITIES: &str = "activities";

/// Index of companies by responsible user, for "my companies" lists.
pub const COMPANIES_BY_RESPONSIBLE: &str = "by_responsible";
/// Index of history entries by card, oldest first.
pub const HISTORY_BY_CARD: &str = "by_card";
/// Index of activities by `[responsible, open, deadline]`: the date views
/// (overdue, today, next days) are key ranges of it, so counting them never
/// loads the activities themselves.
pub const ACTIVITIES_BY_RESPONSIBLE: &str = "by_responsible_deadline";
/// Index of activities by `[responsible, open, incoming]`: the Incoming view.
pub const ACTIVITIES_INCOMING: &str = "by_responsible_incoming";
/// Index of activities by the card they belong to: a card's timeline.
pub const ACTIVITIES_BY_OWNER: &str = "by_owner";

pub fn upgrade(db: &Database, from: u32, to: u32) -> indexed_db_futures::Result<()> {
    for version in from + 1..=to {
        step(db, version)?;
    }
    Ok(())
}

fn step(db: &Database, version: u32) -> indexed_db_futures::Result<()> {
    match version {
        1 => {
            db.create_object_store(META).build()?;
            let companies = db.create_object_store(COMPANIES).with_key_path(KeyPath::One("id")).build()?;
            companies.create_index(COMPANIES_BY_RESPONSIBLE, KeyPath::One("responsible")).build()?;
        }
        2 => {
            db.create_object_store(USERS).with_key_path(KeyPath::One("id")).build()?;
            let history = db.create_object_store(HISTORY).with_key_path(KeyPath::One("id")).build()?;
            history.create_index(HISTORY_BY_CARD, KeyPath::from(["card.kind", "card.id", "at"])).build()?;
            let activities = db.create_object_store(ACTIVITIES).with_key_path(KeyPath::One("id")).build()?;
            activities
                .create_index(ACTIVITIES_BY_RESPONSIBLE, KeyPath::from(["responsible", "open", "deadline"]))
                .build()?;
            activities
                .create_index(ACTIVITIES_INCOMING, KeyPath::from(["responsible", "open", "incoming"]))
                .build()?;
            activities
                .create_index(ACTIVITIES_BY_OWNER, KeyPath::from(["owner.kind", "owner.id"]))
                .build()?;
        }
        _ => {}
    }
    Ok(())
}
