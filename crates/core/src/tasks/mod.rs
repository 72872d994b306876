//! Tasks and projects: how a head makes sure something important is done and
//! checked, and how a team shares the work on one client.
//!
//! A form's text is read by [`form::TaskForm`] into a [`draft::TaskDraft`]
//! and a recurrence; the draft is validated into a [`draft::ValidTask`];
//! [`group::create_tasks`] makes one task per responsible from it, and a
//! [`series::Series`] makes the occurrences of a recurring one. Every later
//! change to a task goes through [`task::Task::apply`], the one place that
//! decides who may do what, so the app, the server and the tests share the
//! same rules. Alerts, counters, views and notifications are read from tasks;
//! nothing here stores, sends or reads the clock.

pub mod action;
pub mod checklist;
pub mod counters;
pub mod deadline;
pub mod draft;
pub mod event;
pub mod feed;
pub mod form;
pub mod group;
pub mod notify;
pub mod project;
pub mod recurrence;
pub mod robot_task;
pub mod role;
pub mod series;
pub mod status;
pub mod task;
pub mod views;

#[cfg(test)]
mod fixtures;
