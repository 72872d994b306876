//! Robots: automatic actions on deals, attached to the stages of a
//! pipeline, and triggers that move deals on events. Everything here is
//! decisions; the app stores jobs in IndexedDB and carries out effects.
//!
//! The life of a robot run, as the app drives it:
//!
//! 1. A deal enters a stage (or is created in it): [`check_move`] first,
//!    then [`cancel_on_leave`] for the jobs of the stage it left and
//!    [`schedule_on_entry`] for the robots of the new one; store the jobs.
//! 2. A timer or the app's start polls [`JobQueue::due`] (or the stored
//!    `wake_at` index); for each due job, [`run`] it, store the job, write
//!    its effects, [`Job::complete`] it and store it again; then
//!    [`release_next`] for a robot that waits for it. Jobs run one after
//!    another, so a queue cursor set by one is seen by the next.
//! 3. A date field changes: [`reschedule_dates`].
//!
//! [`check_move`]: crate::fields::check_move

mod action;
mod draft;
mod drive;
mod effect;
pub mod examples;
#[cfg(test)]
mod fixture;
mod job;
mod notification;
mod queue;
mod resolve;
mod robot;
mod run;
mod schedule;
mod setup;
mod timing;
mod trigger;

pub use action::{Action, Assignee, Channel, Recipient, SendTo, TaskSpec};
pub use draft::{ActionChoice, DraftProblem, RobotDraft, TimingChoice};
pub use drive::{on_created, relocate, Outcome, Rules};
pub use effect::{Addressee, Effect, NewTask, OutboxMessage, QueueCursor};
pub use job::{job_id, CancelReason, Job, JobError, JobState, Progress, SkipReason, CLAIM_LEASE};
pub use notification::{Notification, NotificationKind, LATE_AFTER};
pub use queue::JobQueue;
pub use resolve::{resolve, RunContext, ROBOT_ACTOR};
pub use robot::{robots_of, Robot, RobotProblem};
pub use run::run;
pub use schedule::{cancel_on_leave, release_next, reschedule_dates, schedule_on_entry};
pub use setup::Setup;
pub use timing::{Delay, Timing, Unit};
pub use trigger::{fire, Event, Trigger, TriggerProblem, When};
