//! Dela's domain, free of the browser and of I/O, so that every rule can be
//! tested natively and fast and the app and the server share one definition.
//!
//! Time never comes from the system here: functions that depend on "now" take
//! a [`Timestamp`] argument.

pub mod activity;
pub mod agenda;
pub mod board;
pub mod calendar;
pub mod card;
pub mod client;
mod code;
pub mod company;
pub mod conditions;
pub mod contact;
pub mod contact_point;
pub mod date;
pub mod deal;
pub mod discipline;
pub mod fields;
pub mod history;
pub mod id;
pub mod inbox;
pub mod invoice;
pub mod lead;
pub mod money;
pub mod org;
pub mod permissions;
pub mod pipeline;
pub mod placement;
pub mod pool;
pub mod record;
pub mod robots;
pub mod saved_view;
pub mod sort;
pub mod sync;
pub mod tasks;
pub mod text;
pub mod time;
pub mod timeline;
pub mod user;
pub mod validation;
pub mod zone;

pub use id::Id;
pub use time::Timestamp;
