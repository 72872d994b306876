//! What people do to an existing task, who may do it and in which status.
//!
//! The responsible and co-executors do the work: start, complete, defer and
//! resume. The creator set the task and checks it: accepts or returns the
//! result, reopens a completed task, moves the deadline, and may also
//! complete, defer or resume it. Observers only read and comment.

use super::checklist::{ChecklistError, ChecklistOp};
use super::role::{Role, Roles};
use super::status::Status;
use crate::code::codes;
use crate::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Start,
    Complete,
    Defer,
    Resume,
    Accept,
    /// Sends the result back for rework; the comment says what is wrong.
    Return {
        comment: String,
    },
    Reopen,
    Comment {
        text: String,
    },
    ChangeDeadline {
        deadline: Option<Timestamp>,
    },
    Checklist(ChecklistOp),
}

/// An action without its data: what errors name and what buttons show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    Start,
    Complete,
    Defer,
    Resume,
    Accept,
    Return,
    Reopen,
    Comment,
    ChangeDeadline,
    Checklist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskError {
    /// `role` is the actor's role on the task as [`super::task::Task::role_of`] shows it.
    NotAllowed {
        action: ActionKind,
        role: Role,
    },
    WrongStatus {
        action: ActionKind,
        status: Status,
    },
    CommentRequired,
    CommentTooLong {
        max_chars: usize,
    },
    Checklist(ChecklistError),
}

pub const COMMENT_MAX_CHARS: usize = 10_000;

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Self::Start => ActionKind::Start,
            Self::Complete => ActionKind::Complete,
            Self::Defer => ActionKind::Defer,
            Self::Resume => ActionKind::Resume,
            Self::Accept => ActionKind::Accept,
            Self::Return { .. } => ActionKind::Return,
            Self::Reopen => ActionKind::Reopen,
            Self::Comment { .. } => ActionKind::Comment,
            Self::ChangeDeadline { .. } => ActionKind::ChangeDeadline,
            Self::Checklist(_) => ActionKind::Checklist,
        }
    }
}

codes!(ActionKind {
    Start => "start",
    Complete => "complete",
    Defer => "defer",
    Resume => "resume",
    Accept => "accept",
    Return => "return",
    Reopen => "reopen",
    Comment => "comment",
    ChangeDeadline => "change_deadline",
    Checklist => "checklist",
});

impl ActionKind {
    /// Who may: the same in every status, so that a refusal for the role
    /// comes first and does not depend on the state of the task.
    pub(crate) fn allowed(self, roles: Roles) -> bool {
        match self {
            Self::Start => roles.works(),
            Self::Complete | Self::Defer | Self::Resume | Self::Checklist => roles.works() || roles.creator,
            Self::Accept | Self::Return | Self::Reopen | Self::ChangeDeadline => roles.creator,
            Self::Comment => roles.participates(),
        }
    }

    /// When: the statuses the action starts from.
    pub(crate) fn accepts(self, status: Status) -> bool {
        match self {
            Self::Start => status == Status::New,
            Self::Complete | Self::Defer => status.is_open(),
            Self::Resume => status == Status::Deferred,
            Self::Accept | Self::Return => status == Status::AwaitingReview,
            Self::Reopen => status == Status::Completed,
            Self::ChangeDeadline => status != Status::Completed,
            Self::Comment | Self::Checklist => true,
        }
    }
}
