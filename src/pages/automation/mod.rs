//! Automation settings: the course examples, the work calendar, the robots
//! and triggers of each stage, and the outbox of robots' messages.

mod calendar;
mod examples;
mod fields;
mod outbox;
mod outcome;
mod pipelines;
mod robot_form;
mod trigger_form;

pub use calendar::CalendarPanel;
pub use examples::ExamplesPanel;
pub use outbox::OutboxPage;
pub use pipelines::PipelinesPage;
