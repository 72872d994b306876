//! Tasks: the list with counters (by role, by deadline, or as a kanban),
//! the form (one task per responsible, recurrence, review), the task card
//! with its status flow, and projects with their feed.

mod card;
mod form;
mod list;
mod projects;

pub use card::TaskCardPage;
pub use form::TaskNewPage;
pub use list::TasksPage;
pub use projects::{ProjectPage, ProjectsPage};
