//! Object stores, indexes and the upgrade steps between schema versions.
//!
//! IndexedDB (through indexed_db_futures) cannot add an index to an existing
//! store, so each store is created with every index it will need. Changing
//! a store's indexes later means a new store and a copy, as a new step.
//! Steps are append-only: a released step never changes.

use dela_core::record::CardKind;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

pub const NAME: &str = "dela";
pub const VERSION: u32 = 6;

pub const META: &str = "meta";
pub const COMPANIES: &str = "companies";
pub const CONTACTS: &str = "contacts";
pub const DEALS: &str = "deals";
pub const LEADS: &str = "leads";
pub const INVOICES: &str = "invoices";
pub const USERS: &str = "users";
pub const HISTORY: &str = "history";
/// Activities one record each, schemas 2 to 4; opening moves them into
/// [`ACTIVITY_PAGES`] (`activities::adopt_legacy`).
pub const ACTIVITIES: &str = "activities";
/// Activities in pages per card (`dela_core::timeline`), from schema 5.
pub const ACTIVITY_PAGES: &str = "activity_pages";
/// Each person's open activities counted by deadline
/// (`dela_core::agenda::Tally`), from schema 6: kept by every write of
/// activity pages, built from the pages the first time a person's counters
/// are read.
pub const AGENDA_TALLY: &str = "agenda_tally";
pub const VIEWS: &str = "views";
pub const PIPELINES: &str = "pipelines";
pub const TASKS: &str = "tasks";
pub const SERIES: &str = "series";
pub const PROJECTS: &str = "projects";
pub const POSTS: &str = "posts";
pub const NOTIFICATIONS: &str = "notifications";
pub const JOBS: &str = "jobs";
pub const OUTBOX: &str = "outbox";

/// Cards by responsible user (every card store has it): "my deals".
pub const BY_RESPONSIBLE: &str = "by_responsible";
/// Clients by status: the pool is a key range, not a scan.
pub const BY_STATUS: &str = "by_status";
/// Contacts by company, deals by company: the cards of a client.
pub const BY_COMPANY: &str = "by_company";
/// Deals by contact (multi-entry over `contacts`).
pub const BY_CONTACT: &str = "by_contact";
/// Invoices by deal.
pub const BY_DEAL: &str = "by_deal";
/// History entries by card, oldest first.
pub const HISTORY_BY_CARD: &str = "by_card";
/// Open activities by `[responsible, incoming, deadline, id]` (schema 5:
/// multi-entry over a page's agenda keys; schemas 2 to 4 indexed
/// `[responsible, open, incoming, deadline]`): every view of My activities
/// is a key range of it, so counting a view never loads the activities.
pub const ACTIVITIES_AGENDA: &str = "by_agenda";
/// Legacy activities by the card they belong to (schemas 2 to 4).
pub const ACTIVITIES_BY_OWNER: &str = "by_owner";
/// Saved views by their owner.
pub const VIEWS_BY_OWNER: &str = "by_owner";
/// Tasks and feed posts by project.
pub const BY_PROJECT: &str = "by_project";
/// Notifications by `[to, unread, created_at]`: a person's unread ones
/// are a key range, counted without loading them.
pub const NOTIFICATIONS_BY_RECIPIENT: &str = "by_recipient";
/// Robot jobs by `wake_at`: the jobs to run now are a key range.
pub const JOBS_BY_WAKE: &str = "by_wake";
/// Jobs by deal: the open jobs a move of the deal cancels.
pub const JOBS_BY_DEAL: &str = "by_deal";

/// The store holding cards of `kind`.
pub fn card_store(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Company => COMPANIES,
        CardKind::Contact => CONTACTS,
        CardKind::Deal => DEALS,
        CardKind::Lead => LEADS,
        CardKind::Invoice => INVOICES,
    }
}

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
            companies.create_index(BY_RESPONSIBLE, KeyPath::One("client.responsible")).build()?;
            companies.create_index(BY_STATUS, KeyPath::One("client.status")).build()?;
        }
        2 => {
            db.create_object_store(USERS).with_key_path(KeyPath::One("id")).build()?;
            db.create_object_store(PIPELINES).with_key_path(KeyPath::One("id")).build()?;
            let history = db.create_object_store(HISTORY).with_key_path(KeyPath::One("id")).build()?;
            history.create_index(HISTORY_BY_CARD, KeyPath::from(["card.kind", "card.id", "at"])).build()?;

            let contacts = db.create_object_store(CONTACTS).with_key_path(KeyPath::One("id")).build()?;
            contacts.create_index(BY_RESPONSIBLE, KeyPath::One("client.responsible")).build()?;
            contacts.create_index(BY_STATUS, KeyPath::One("client.status")).build()?;
            contacts.create_index(BY_COMPANY, KeyPath::One("companies")).with_multi_entry(true).build()?;

            let deals = db.create_object_store(DEALS).with_key_path(KeyPath::One("id")).build()?;
            deals.create_index(BY_RESPONSIBLE, KeyPath::One("responsible")).build()?;
            deals.create_index(BY_COMPANY, KeyPath::One("company")).build()?;
            deals.create_index(BY_CONTACT, KeyPath::One("contacts")).with_multi_entry(true).build()?;

            let leads = db.create_object_store(LEADS).with_key_path(KeyPath::One("id")).build()?;
            leads.create_index(BY_RESPONSIBLE, KeyPath::One("responsible")).build()?;

            let invoices = db.create_object_store(INVOICES).with_key_path(KeyPath::One("id")).build()?;
            invoices.create_index(BY_RESPONSIBLE, KeyPath::One("responsible")).build()?;
            invoices.create_index(BY_DEAL, KeyPath::One("deal")).build()?;

            let activities = db.create_object_store(ACTIVITIES).with_key_path(KeyPath::One("id")).build()?;
            activities
                .create_index(
                    ACTIVITIES_AGENDA,
                    KeyPath::from(["responsible", "open", "incoming", "deadline"]),
                )
                .build()?;
            activities
                .create_index(ACTIVITIES_BY_OWNER, KeyPath::from(["owner.kind", "owner.id"]))
                .build()?;

            let views = db.create_object_store(VIEWS).with_key_path(KeyPath::One("id")).build()?;
            views.create_index(VIEWS_BY_OWNER, KeyPath::One("owner")).build()?;
        }
        3 => {
            let tasks = db.create_object_store(TASKS).with_key_path(KeyPath::One("id")).build()?;
            tasks.create_index(BY_PROJECT, KeyPath::One("project")).build()?;
            db.create_object_store(SERIES).with_key_path(KeyPath::One("id")).build()?;
            db.create_object_store(PROJECTS).with_key_path(KeyPath::One("id")).build()?;
            let posts = db.create_object_store(POSTS).with_key_path(KeyPath::One("id")).build()?;
            posts.create_index(BY_PROJECT, KeyPath::One("project")).build()?;
            let notifications =
                db.create_object_store(NOTIFICATIONS).with_key_path(KeyPath::One("id")).build()?;
            notifications
                .create_index(NOTIFICATIONS_BY_RECIPIENT, KeyPath::from(["to", "unread", "created_at"]))
                .build()?;
            let jobs = db.create_object_store(JOBS).with_key_path(KeyPath::One("id")).build()?;
            jobs.create_index(JOBS_BY_WAKE, KeyPath::One("wake_at")).build()?;
        }
        4 => {
            // Version 3 made the jobs store before anything wrote to it; it
            // is remade with the index by deal that moves need.
            db.delete_object_store(JOBS)?;
            let jobs = db.create_object_store(JOBS).with_key_path(KeyPath::One("id")).build()?;
            jobs.create_index(JOBS_BY_WAKE, KeyPath::One("wake_at")).build()?;
            jobs.create_index(JOBS_BY_DEAL, KeyPath::One("deal")).build()?;
            db.create_object_store(OUTBOX).with_key_path(KeyPath::One("id")).build()?;
        }
        5 => {
            // One record per activity made bulk writes cost one IndexedDB
            // record each; pages per card cost one per card. The upgrade
            // cannot read, so the old store's activities move after opening.
            let pages = db
                .create_object_store(ACTIVITY_PAGES)
                .with_key_path(KeyPath::from(["owner.kind", "owner.id", "page"]))
                .build()?;
            pages.create_index(ACTIVITIES_AGENDA, KeyPath::One("agenda")).with_multi_entry(true).build()?;
        }
        6 => {
            db.create_object_store(AGENDA_TALLY).with_key_path(KeyPath::One("user")).build()?;
        }
        _ => {}
    }
    Ok(())
}
