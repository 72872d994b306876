//! Durable robot jobs: one per robot and stage entry of a deal, stored by
//! the app so that robots survive the app being closed.
//!
//! States:
//!
//! ```text
//! waiting_for_previous ─┐
//! waiting_for_date ─────┼─> pending ──run──> claimed ──complete──> done
//!                       │      │               │
//!                       │      └──run──> skipped (condition false, nothing to do)
//!                       └──────┴─cancel─> cancelled (deal left the stage, robot removed)
//! ```
//!
//! Exactly once: [`super::run`] decides a job's effects and stores them in
//! the job as `claimed` (one write); the app then writes the effects and
//! marks the job `done` (second write). A crash between the two leaves a
//! claimed job, which becomes due again once its claim lease has expired
//! and is then replayed with the *stored* effects: same records, same ids,
//! so the `put`s overwrite. Inputs that changed meanwhile (a queue cursor,
//! the org chart) cannot make the replay differ from the first run.

use serde::{Deserialize, Serialize};

use super::effect::Effect;
use crate::fields::MoveRefused;
use crate::{Id, Timestamp};

/// How long a claimed job is left to the tab that claimed it before another
/// run may replay it: far longer than writing a few records takes, short
/// enough that a crash delays the robot only a little.
pub const CLAIM_LEASE: i64 = Timestamp::MINUTE;

/// Why a due job did nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    ConditionFalse,
    /// The responsible has no head in the org chart.
    NoHead,
    UnknownUser(Id),
    /// The client has no e-mail address or phone for the message.
    NoAddress,
    UnknownField(Id),
    /// The value no longer fits the field's definition.
    InvalidValue(Id),
    /// Clearing the field is not allowed at the deal's stage.
    FieldRequired(Id),
    MoveRefused(MoveRefused),
    EmptyQueue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelReason {
    /// The deal left the stage (or re-entered it) before the robot ran.
    LeftStage,
    DealDeleted,
    RobotRemoved,
    StageDeleted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waits for the previous robot of the stage to finish.
    WaitingForPrevious,
    /// Waits for the deal's date field to be filled in.
    WaitingForDate,
    Pending,
    /// The effects were decided at `at` and are being written.
    Claimed {
        at: Timestamp,
        effects: Vec<Effect>,
    },
    Done {
        at: Timestamp,
    },
    Skipped {
        at: Timestamp,
        reason: SkipReason,
    },
    Cancelled {
        at: Timestamp,
        reason: CancelReason,
    },
}

/// How far a job has got, in the order a job moves: it never goes back
/// down, so when devices disagree about a job the state further on holds
/// (see [`crate::sync::JobStateLattice`]).
///
/// - Waiting for the previous robot comes first: releasing a job makes it
///   scheduled, and nothing makes it wait for the previous one again.
/// - Pending and waiting for the date are one step, [`Progress::Scheduled`]:
///   a job moves between them both ways as the deal's date field is filled
///   in and cleared.
/// - Claimed: the effects are decided.
/// - The finished states last, in the order of how much they say happened:
///   cancelled (it never ran) < skipped (it ran and did nothing) < done (its
///   effects were written, somewhere). A device that cancels a job (the deal
///   left the stage) while another already ran it must not hide that the
///   effects exist; a claimed job is never cancelled for the same reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Progress {
    WaitingForPrevious,
    Scheduled,
    Claimed,
    Cancelled,
    Skipped,
    Done,
}

impl JobState {
    pub fn progress(&self) -> Progress {
        match self {
            Self::WaitingForPrevious => Progress::WaitingForPrevious,
            Self::WaitingForDate | Self::Pending => Progress::Scheduled,
            Self::Claimed { .. } => Progress::Claimed,
            Self::Cancelled { .. } => Progress::Cancelled,
            Self::Skipped { .. } => Progress::Skipped,
            Self::Done { .. } => Progress::Done,
        }
    }
}

/// Why a job operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobError {
    /// Waiting, or pending with a due time still ahead.
    NotDue,
    /// Claimed by a run whose lease has not expired: leave it to that run.
    Running,
    /// Done, skipped or cancelled already.
    Finished,
    /// Only a claimed job can be completed.
    NotClaimed,
    /// The context given is about another deal than the job's.
    OtherDeal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "JobRecord", into = "JobRecord")]
pub struct Job {
    pub id: Id,
    pub robot: Id,
    pub deal: Id,
    pub pipeline: Id,
    pub stage: Id,
    /// When the deal entered the stage: its `stage_since` then. Together
    /// with the deal's current `stage_since` it tells whether the deal is
    /// still in the same visit of the stage.
    pub entered_at: Timestamp,
    /// What the timing counts from: the entry, or when the previous robot
    /// finished for a robot waiting for it.
    pub base: Timestamp,
    /// The job of the previous robot this one waits for.
    pub after: Option<Id>,
    /// Set once known; kept after the job finished, for the record.
    pub due_at: Option<Timestamp>,
    pub state: JobState,
}

/// The stored shape, plus `wake_at`: when the job next needs attention
/// (due, or its claim lease over), absent for waiting and finished jobs.
/// An IndexedDB index on it lists exactly the jobs to run, earliest first.
#[derive(Serialize, Deserialize)]
struct JobRecord {
    id: Id,
    robot: Id,
    deal: Id,
    pipeline: Id,
    stage: Id,
    entered_at: Timestamp,
    base: Timestamp,
    #[serde(default)]
    after: Option<Id>,
    #[serde(default)]
    due_at: Option<Timestamp>,
    state: JobState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wake_at: Option<Timestamp>,
}

impl From<Job> for JobRecord {
    fn from(job: Job) -> Self {
        Self {
            wake_at: job.wake_at(),
            id: job.id,
            robot: job.robot,
            deal: job.deal,
            pipeline: job.pipeline,
            stage: job.stage,
            entered_at: job.entered_at,
            base: job.base,
            after: job.after,
            due_at: job.due_at,
            state: job.state,
        }
    }
}

impl From<JobRecord> for Job {
    fn from(r: JobRecord) -> Self {
        Self {
            id: r.id,
            robot: r.robot,
            deal: r.deal,
            pipeline: r.pipeline,
            stage: r.stage,
            entered_at: r.entered_at,
            base: r.base,
            after: r.after,
            due_at: r.due_at,
            state: r.state,
        }
    }
}

/// The id of the job of `robot` for the deal's visit of a stage that began
/// at `entered_at`: the same wherever and however often it is computed.
pub fn job_id(robot: &Id, deal: &Id, entered_at: Timestamp) -> Id {
    Id::derived(entered_at, &["job", robot.as_str(), deal.as_str(), &entered_at.millis().to_string()])
}

impl Job {
    /// The id of the record of kind `what` (`"notification"`, `"task"`…)
    /// this job creates; an action creates at most one of each kind.
    pub fn derived_id(&self, what: &str) -> Id {
        Id::derived(self.entered_at, &[self.id.as_str(), what])
    }

    /// Not finished yet: waiting, pending or claimed.
    pub fn is_open(&self) -> bool {
        self.finished_at().is_none()
    }

    pub fn finished_at(&self) -> Option<Timestamp> {
        match self.state {
            JobState::Done { at } | JobState::Skipped { at, .. } | JobState::Cancelled { at, .. } => Some(at),
            _ => None,
        }
    }

    /// When the job needs running next: its due time while pending, the end
    /// of the claim lease while claimed.
    pub fn wake_at(&self) -> Option<Timestamp> {
        match &self.state {
            JobState::Pending => self.due_at,
            JobState::Claimed { at, .. } => Some(at.plus_millis(CLAIM_LEASE)),
            _ => None,
        }
    }

    /// The effects decided by the claim; empty in other states.
    pub fn effects(&self) -> &[Effect] {
        match &self.state {
            JobState::Claimed { effects, .. } => effects,
            _ => &[],
        }
    }

    /// Cancels a job that has not started; `false` when it had (a claimed
    /// job is completed, since its effects may already be written).
    pub fn cancel(&mut self, now: Timestamp, reason: CancelReason) -> bool {
        let cancellable =
            matches!(self.state, JobState::WaitingForPrevious | JobState::WaitingForDate | JobState::Pending);
        if cancellable {
            self.state = JobState::Cancelled { at: now, reason };
        }
        cancellable
    }

    /// Marks a claimed job done once the app has written its effects.
    pub fn complete(&mut self, now: Timestamp) -> Result<(), JobError> {
        match self.state {
            JobState::Claimed { .. } => {
                self.state = JobState::Done { at: now };
                Ok(())
            }
            _ if !self.is_open() => Err(JobError::Finished),
            _ => Err(JobError::NotClaimed),
        }
    }
}
