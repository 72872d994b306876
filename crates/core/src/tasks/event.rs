//! What happened to a task: kept as its activity feed and turned into
//! notifications by [`super::notify`].

use serde::{Deserialize, Serialize};

use super::task::Task;
use crate::{Id, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskEvent {
    pub task: Id,
    pub at: Timestamp,
    /// `None` when time caused it (a reminder, an overdue deadline, a
    /// recurring occurrence), so nobody is left out of its notifications.
    pub actor: Option<Id>,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    Started,
    Completed,
    SentForReview,
    Accepted,
    Returned { comment: String },
    Deferred,
    Resumed,
    Reopened,
    Commented { text: String },
    DeadlineChanged { from: Option<Timestamp>, to: Option<Timestamp> },
    ChecklistChanged,
    Reminder { minutes_before: u32 },
    Overdue,
}

impl TaskEvent {
    pub(crate) fn new(task: &Task, actor: Option<&Id>, at: Timestamp, kind: EventKind) -> Self {
        Self { task: task.id.clone(), at, actor: actor.cloned(), kind }
    }
}
