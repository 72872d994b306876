//! Dela's domain, free of the browser and of I/O, so that every rule can be
//! tested natively and fast and the app and the server share one definition.
//!
//! Time never comes from the system here: functions that depend on "now" take
//! a [`Timestamp`] argument.

pub mod company;
pub mod contact_point;
pub mod date;
pub mod history;
pub mod id;
pub mod record;
pub mod tasks;
pub mod text;
pub mod time;
pub mod user;
pub mod validation;
pub mod zone;

pub use id::Id;
pub use time::Timestamp;
