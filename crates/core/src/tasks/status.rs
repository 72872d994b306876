//! The status flow of a task and the one function that changes a task on
//! someone's behalf.
//!
//! new → in progress → completed; with "review the result" set, completing
//! by a worker goes to awaiting review instead, and the creator accepts
//! (completed) or returns it with a comment (in progress again, flagged as
//! returned). New or in-progress tasks can be deferred and later resumed into
//! progress; the creator can reopen a completed one. A creator who completes
//! a task, including their own task, completes it directly: they are the
//! reviewer, and asking themselves to review would only add a click.

use serde::{Deserialize, Serialize};

use super::action::{Action, ActionKind, TaskError, COMMENT_MAX_CHARS};
use super::event::{EventKind, TaskEvent};
use super::role::Roles;
use super::task::{Comment, Task};
use crate::code::codes;
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    InProgress,
    AwaitingReview,
    Completed,
    Deferred,
}

codes! {
    /// Kanban column order.
    Status {
        New => "new",
        InProgress => "in_progress",
        AwaitingReview => "awaiting_review",
        Completed => "completed",
        Deferred => "deferred",
    }
}

impl Status {
    /// The responsible is expected to be working on it: only such tasks are
    /// reminded of, become overdue, and count as due.
    pub(crate) fn is_open(self) -> bool {
        matches!(self, Self::New | Self::InProgress)
    }
}

impl Task {
    /// Performs `action` for `actor`, or refuses it without changing the
    /// task. Checks in a fixed order: who (`NotAllowed`), then when
    /// (`WrongStatus`), then what (comment rules, checklist errors).
    /// Returns the event to keep and notify about, or `None` when the action
    /// changed nothing (the same deadline, ticking a ticked item).
    pub fn apply(
        &mut self,
        action: Action,
        actor: &Id,
        now: Timestamp,
    ) -> Result<Option<TaskEvent>, TaskError> {
        let roles = Roles::of(self, actor);
        let kind = action.kind();
        if !kind.allowed(roles) {
            return Err(TaskError::NotAllowed { action: kind, role: roles.primary() });
        }
        if !kind.accepts(self.status) {
            return Err(TaskError::WrongStatus { action: kind, status: self.status });
        }
        let event = match action {
            Action::Start => self.moved(Status::InProgress, EventKind::Started),
            Action::Complete if self.review_required && !roles.creator => {
                self.moved(Status::AwaitingReview, EventKind::SentForReview)
            }
            Action::Complete => self.completed(now, EventKind::Completed),
            Action::Accept => self.completed(now, EventKind::Accepted),
            Action::Defer => self.moved(Status::Deferred, EventKind::Deferred),
            Action::Resume => self.moved(Status::InProgress, EventKind::Resumed),
            Action::Reopen => {
                self.completed_at = None;
                self.moved(Status::InProgress, EventKind::Reopened)
            }
            Action::Return { comment } => {
                let comment = checked_comment(&comment)?;
                self.comments.push(Comment { author: actor.clone(), at: now, text: comment.clone() });
                let event = self.moved(Status::InProgress, EventKind::Returned { comment });
                self.returned = true;
                event
            }
            Action::Comment { text } => {
                let text = checked_comment(&text)?;
                self.comments.push(Comment { author: actor.clone(), at: now, text: text.clone() });
                EventKind::Commented { text }
            }
            Action::ChangeDeadline { deadline } => {
                if deadline == self.deadline {
                    return Ok(None);
                }
                let from = std::mem::replace(&mut self.deadline, deadline);
                // Reminders and the overdue notice are about the new deadline now.
                self.reminders_sent.clear();
                self.overdue_notified = false;
                EventKind::DeadlineChanged { from, to: deadline }
            }
            Action::Checklist(op) => {
                if !self.checklist.apply(op).map_err(TaskError::Checklist)? {
                    return Ok(None);
                }
                EventKind::ChecklistChanged
            }
        };
        self.stamp.touch(actor, now);
        self.mark_viewed(actor);
        Ok(Some(TaskEvent::new(self, Some(actor), now, event)))
    }

    /// What `user` may do now: the buttons to show. Comment and checklist
    /// rules may still refuse the content.
    pub fn available_actions(&self, user: &Id) -> Vec<ActionKind> {
        let roles = Roles::of(self, user);
        ActionKind::ALL.into_iter().filter(|kind| kind.allowed(roles) && kind.accepts(self.status)).collect()
    }

    fn moved(&mut self, status: Status, event: EventKind) -> EventKind {
        self.status = status;
        self.returned = false;
        event
    }

    fn completed(&mut self, now: Timestamp, event: EventKind) -> EventKind {
        self.completed_at = Some(now);
        self.moved(Status::Completed, event)
    }
}

fn checked_comment(text: &str) -> Result<String, TaskError> {
    let text = text.trim();
    if text.is_empty() {
        Err(TaskError::CommentRequired)
    } else if text.chars().count() > COMMENT_MAX_CHARS {
        Err(TaskError::CommentTooLong { max_chars: COMMENT_MAX_CHARS })
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::checklist::{ChecklistError, ChecklistOp};
    use crate::tasks::fixtures::*;
    use crate::tasks::role::Role;

    const LATER: Timestamp = Timestamp(CREATED.0 + Timestamp::HOUR);

    fn action(kind: ActionKind) -> Action {
        match kind {
            ActionKind::Start => Action::Start,
            ActionKind::Complete => Action::Complete,
            ActionKind::Defer => Action::Defer,
            ActionKind::Resume => Action::Resume,
            ActionKind::Accept => Action::Accept,
            ActionKind::Return => Action::Return { comment: "Add the prices".into() },
            ActionKind::Reopen => Action::Reopen,
            ActionKind::Comment => Action::Comment { text: "Called, no answer".into() },
            ActionKind::ChangeDeadline => Action::ChangeDeadline { deadline: Some(DEADLINE.plus_millis(1)) },
            ActionKind::Checklist => {
                Action::Checklist(ChecklistOp::AddGroup { id: user("g1"), title: "Steps".into() })
            }
        }
    }

    /// Who may do each action, written out independently of the code:
    /// (creator, responsible, co-executor, observer, outsider).
    fn who_may(kind: ActionKind) -> [bool; 5] {
        match kind {
            ActionKind::Start => [false, true, true, false, false],
            ActionKind::Complete | ActionKind::Defer | ActionKind::Resume | ActionKind::Checklist => {
                [true, true, true, false, false]
            }
            ActionKind::Accept | ActionKind::Return | ActionKind::Reopen | ActionKind::ChangeDeadline => {
                [true, false, false, false, false]
            }
            ActionKind::Comment => [true, true, true, true, false],
        }
    }

    /// The status after the action from `from`, if the action is possible
    /// there; `review` is whether the actor's completion goes to review.
    fn next_status(kind: ActionKind, from: Status, review: bool) -> Option<Status> {
        use Status::*;
        match (kind, from) {
            (ActionKind::Start, New) => Some(InProgress),
            (ActionKind::Complete, New | InProgress) => Some(if review { AwaitingReview } else { Completed }),
            (ActionKind::Defer, New | InProgress) => Some(Deferred),
            (ActionKind::Resume, Deferred) => Some(InProgress),
            (ActionKind::Accept, AwaitingReview) => Some(Completed),
            (ActionKind::Return, AwaitingReview) => Some(InProgress),
            (ActionKind::Reopen, Completed) => Some(InProgress),
            (ActionKind::ChangeDeadline, Completed) => None,
            (ActionKind::Comment | ActionKind::Checklist | ActionKind::ChangeDeadline, status) => {
                Some(status)
            }
            _ => None,
        }
    }

    #[test]
    fn every_action_in_every_status_for_every_role_is_allowed_or_refused_as_the_rules_say() {
        let people = [(anna(), Role::Creator), (rita(), Role::Responsible), (cole(), Role::CoExecutor)];
        let people = people.into_iter().chain([(olga(), Role::Observer), (otto(), Role::Outsider)]);
        let people: Vec<_> = people.collect();
        let mut checked = 0;
        for from in Status::ALL {
            for kind in ActionKind::ALL {
                for (index, (person, role)) in people.iter().enumerate() {
                    let mut task = task_with(|draft| draft.review_required = true);
                    task.status = from;
                    let before = task.clone();
                    let result = task.apply(action(kind), person, LATER);
                    let review = *role != Role::Creator;
                    let case = format!("{kind:?} by {role:?} from {from:?}");
                    if !who_may(kind)[index] {
                        assert_eq!(
                            result,
                            Err(TaskError::NotAllowed { action: kind, role: *role }),
                            "{case}"
                        );
                        assert_eq!(task, before, "{case}: a refusal changes nothing");
                    } else if let Some(to) = next_status(kind, from, review) {
                        let event = result.unwrap_or_else(|e| panic!("{case}: {e:?}")).expect(&case);
                        assert_eq!(task.status, to, "{case}");
                        assert_eq!((event.actor.as_ref(), event.at), (Some(person), LATER), "{case}");
                        assert_eq!(task.stamp.updated_by, *person, "{case}");
                        assert!(
                            before.available_actions(person).contains(&kind),
                            "{case}: offered as a button"
                        );
                    } else {
                        assert_eq!(
                            result,
                            Err(TaskError::WrongStatus { action: kind, status: from }),
                            "{case}"
                        );
                        assert_eq!(task, before, "{case}: a refusal changes nothing");
                        assert!(!before.available_actions(person).contains(&kind), "{case}: no button");
                    }
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 5 * 10 * 5);
    }

    #[test]
    fn a_worker_completing_a_reviewed_task_sends_it_to_the_creator() {
        let mut task = task_with(|draft| draft.review_required = true);
        task.apply(Action::Start, &rita(), LATER).unwrap();
        let event = task.apply(Action::Complete, &cole(), LATER).unwrap().unwrap();
        assert_eq!(event.kind, EventKind::SentForReview);
        assert_eq!(task.status, Status::AwaitingReview);
        assert_eq!(task.completed_at, None, "not done until the creator accepts");
        assert_eq!(
            task.available_actions(&anna()),
            vec![
                ActionKind::Accept,
                ActionKind::Return,
                ActionKind::Comment,
                ActionKind::ChangeDeadline,
                ActionKind::Checklist
            ]
        );
        let accepted = task.apply(Action::Accept, &anna(), LATER.plus_millis(5)).unwrap().unwrap();
        assert_eq!(accepted.kind, EventKind::Accepted);
        assert_eq!(task.status, Status::Completed);
        assert_eq!(task.completed_at, Some(LATER.plus_millis(5)));
    }

    #[test]
    fn a_returned_task_goes_back_to_in_progress_with_the_comment() {
        let mut task = task_with(|draft| draft.review_required = true);
        task.apply(Action::Complete, &rita(), LATER).unwrap();
        let event =
            task.apply(Action::Return { comment: "  Add the prices ".into() }, &anna(), LATER).unwrap();
        assert_eq!(event.unwrap().kind, EventKind::Returned { comment: "Add the prices".into() });
        assert_eq!(task.status, Status::InProgress);
        assert!(task.returned);
        assert_eq!(task.comments, vec![Comment { author: anna(), at: LATER, text: "Add the prices".into() }]);
    }

    #[test]
    fn returning_without_a_comment_is_refused() {
        let mut task = task_with(|draft| draft.review_required = true);
        task.apply(Action::Complete, &rita(), LATER).unwrap();
        let before = task.clone();
        assert_eq!(
            task.apply(Action::Return { comment: " \n ".into() }, &anna(), LATER),
            Err(TaskError::CommentRequired)
        );
        assert_eq!(task, before);
    }

    #[test]
    fn the_returned_flag_is_cleared_when_the_work_moves_on() {
        for (next, status) in [(Action::Complete, Status::AwaitingReview), (Action::Defer, Status::Deferred)]
        {
            let mut task = task_with(|draft| draft.review_required = true);
            task.apply(Action::Complete, &rita(), LATER).unwrap();
            task.apply(Action::Return { comment: "Redo".into() }, &anna(), LATER).unwrap();
            task.apply(Action::Comment { text: "On it".into() }, &rita(), LATER).unwrap();
            assert!(task.returned, "a comment is not yet new work");
            task.apply(next, &rita(), LATER).unwrap();
            assert_eq!(task.status, status);
            assert!(!task.returned);
        }
    }

    #[test]
    fn a_creator_completes_directly_even_with_review_and_even_as_the_responsible() {
        let mut own = task_with(|draft| {
            draft.review_required = true;
            draft.responsibles = vec!["anna".into()];
        });
        let event = own.apply(Action::Complete, &anna(), LATER).unwrap().unwrap();
        assert_eq!((own.status, event.kind), (Status::Completed, EventKind::Completed));
        assert_eq!(own.completed_at, Some(LATER));

        let mut set = task_with(|draft| draft.review_required = true);
        set.apply(Action::Complete, &anna(), LATER).unwrap();
        assert_eq!(set.status, Status::Completed, "a creator completing someone's task needs no review");
    }

    #[test]
    fn without_review_a_worker_completes_directly() {
        let mut task = task();
        let event = task.apply(Action::Complete, &rita(), LATER).unwrap().unwrap();
        assert_eq!((task.status, event.kind), (Status::Completed, EventKind::Completed));
        assert_eq!(task.completed_at, Some(LATER));
    }

    #[test]
    fn a_reopened_task_is_in_progress_and_no_longer_completed() {
        let mut task = task();
        task.apply(Action::Complete, &rita(), LATER).unwrap();
        let event = task.apply(Action::Reopen, &anna(), LATER).unwrap().unwrap();
        assert_eq!(
            (task.status, task.completed_at, event.kind),
            (Status::InProgress, None, EventKind::Reopened)
        );
    }

    #[test]
    fn a_deferred_task_resumes_into_progress_even_if_never_started() {
        let mut task = task();
        assert_eq!(task.apply(Action::Defer, &anna(), LATER).unwrap().unwrap().kind, EventKind::Deferred);
        assert_eq!(
            task.apply(Action::Start, &rita(), LATER),
            Err(TaskError::WrongStatus { action: ActionKind::Start, status: Status::Deferred })
        );
        assert_eq!(task.apply(Action::Resume, &rita(), LATER).unwrap().unwrap().kind, EventKind::Resumed);
        assert_eq!(task.status, Status::InProgress);
    }

    #[test]
    fn observers_comment_and_comments_are_kept_in_order_with_author_and_time() {
        let mut task = task();
        task.apply(Action::Comment { text: "Any news?".into() }, &olga(), LATER).unwrap();
        let event =
            task.apply(Action::Comment { text: " Tomorrow ".into() }, &rita(), LATER.plus_millis(1)).unwrap();
        assert_eq!(event.unwrap().kind, EventKind::Commented { text: "Tomorrow".into() });
        let comments: Vec<_> =
            task.comments.iter().map(|c| (c.author.clone(), c.at, c.text.as_str())).collect();
        assert_eq!(comments, vec![(olga(), LATER, "Any news?"), (rita(), LATER.plus_millis(1), "Tomorrow")]);
        assert!(task.viewed_by.contains(&olga()), "whoever acts on a task has seen it");
    }

    #[test]
    fn comments_must_be_present_and_not_too_long() {
        let mut task = task();
        assert_eq!(
            task.apply(Action::Comment { text: "".into() }, &rita(), LATER),
            Err(TaskError::CommentRequired)
        );
        let long = "я".repeat(COMMENT_MAX_CHARS + 1);
        assert_eq!(
            task.apply(Action::Comment { text: long }, &rita(), LATER),
            Err(TaskError::CommentTooLong { max_chars: 10_000 })
        );
        assert!(task.comments.is_empty());
    }

    #[test]
    fn moving_the_deadline_rearms_reminders_and_the_overdue_notice() {
        let mut task = task_with(|draft| draft.reminders = vec![60]);
        task.reminders_sent = vec![60];
        task.overdue_notified = true;
        let later = Some(DEADLINE.plus_millis(Timestamp::DAY));
        let event = task.apply(Action::ChangeDeadline { deadline: later }, &anna(), LATER).unwrap().unwrap();
        assert_eq!(event.kind, EventKind::DeadlineChanged { from: Some(DEADLINE), to: later });
        assert_eq!(task.deadline, later);
        assert!(task.reminders_sent.is_empty() && !task.overdue_notified);
    }

    #[test]
    fn the_same_deadline_or_a_no_op_checklist_change_is_no_event_and_no_edit() {
        let mut task = task();
        let before = task.clone();
        assert_eq!(task.apply(Action::ChangeDeadline { deadline: Some(DEADLINE) }, &anna(), LATER), Ok(None));
        task.apply(action(ActionKind::Checklist), &rita(), LATER).unwrap();
        task.apply(
            Action::Checklist(ChecklistOp::AddItem {
                id: user("i1"),
                group: user("g1"),
                text: "Agenda".into(),
            }),
            &rita(),
            LATER,
        )
        .unwrap();
        task.apply(Action::Checklist(ChecklistOp::Tick { item: user("i1") }), &rita(), LATER).unwrap();
        let stamp = task.stamp.clone();
        let again = task.apply(
            Action::Checklist(ChecklistOp::Tick { item: user("i1") }),
            &cole(),
            LATER.plus_millis(9),
        );
        assert_eq!(again, Ok(None));
        assert_eq!(task.stamp, stamp, "nothing changed, so nobody edited");
        assert_ne!(task, before);
    }

    #[test]
    fn checklist_errors_are_reported_as_task_errors() {
        let mut task = task();
        let tick = Action::Checklist(ChecklistOp::Tick { item: user("nope") });
        assert_eq!(task.apply(tick, &rita(), LATER), Err(TaskError::Checklist(ChecklistError::UnknownItem)));
    }

    #[test]
    fn refusals_name_who_first_then_when_then_what() {
        let mut task = task();
        task.status = Status::Completed;
        let empty_return = Action::Return { comment: "".into() };
        assert_eq!(
            task.apply(empty_return.clone(), &olga(), LATER),
            Err(TaskError::NotAllowed { action: ActionKind::Return, role: Role::Observer })
        );
        assert_eq!(
            task.apply(empty_return.clone(), &anna(), LATER),
            Err(TaskError::WrongStatus { action: ActionKind::Return, status: Status::Completed })
        );
        task.status = Status::AwaitingReview;
        assert_eq!(task.apply(empty_return, &anna(), LATER), Err(TaskError::CommentRequired));
    }

    #[test]
    fn observers_and_outsiders_are_offered_nothing_but_reading_and_commenting() {
        let task = task();
        assert_eq!(task.available_actions(&olga()), vec![ActionKind::Comment]);
        assert!(task.available_actions(&otto()).is_empty());
        assert_eq!(
            task.available_actions(&rita()),
            vec![
                ActionKind::Start,
                ActionKind::Complete,
                ActionKind::Defer,
                ActionKind::Comment,
                ActionKind::Checklist
            ]
        );
    }
}
