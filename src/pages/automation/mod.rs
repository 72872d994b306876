//! Automation settings: the course examples, the work calendar, the robots
//! and triggers of each stage, and the outbox of robots' messages.

mod examples;

pub use examples::ExamplesPanel;
