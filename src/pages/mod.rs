//! One module per page of the app.

mod activities;
pub mod companies;
mod not_found;
mod section;
mod settings;

pub use activities::ActivitiesPage;
pub use not_found::NotFoundPage;
pub use section::SectionPage;
pub use settings::SettingsPage;
