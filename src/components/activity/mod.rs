//! Activities on cards and in My activities: the form that plans one (with
//! the card hierarchy rule), completing with a result and planning the
//! next, rescheduling, and a card's timeline.

mod actions;
mod form;
mod labels;
mod timeline;

pub use actions::{ActivityActions, Start};
pub use form::ActivityForm;
pub use labels::{direction_key, kind_key};
pub use timeline::ActivityPanel;
