//! Activities on cards and in My activities: the form that plans one (with
//! the card hierarchy rule), completing with a result and planning the
//! next, rescheduling, and a card's timeline.

mod actions;
mod form;
mod timeline;

pub use actions::{ActivityActions, Start};
pub use form::ActivityForm;
pub use timeline::ActivityPanel;
