//! Time running out on a task: overdue state, reminders before the deadline
//! and the one-time overdue notice.
//!
//! Only open tasks (new, in progress) are late or reminded of. A deferred
//! task was put aside on purpose, and a task awaiting review is done on the
//! workers' side; neither is overdue, which keeps the overdue counter a list
//! of things someone should be doing now.

use super::event::{EventKind, TaskEvent};
use super::task::Task;
use crate::Timestamp;

/// The deadline has passed (the deadline instant itself is still in time)
/// and the task is open.
pub fn is_overdue(task: &Task, now: Timestamp) -> bool {
    task.status.is_open() && task.deadline.is_some_and(|deadline| deadline < now)
}

/// The alert due at `now`, marked as sent on the task so that it goes out
/// once however often this runs; the app saves the task with the
/// notifications. A reminder is due from its moment until the deadline; when
/// the app was closed past several, only the one closest to the deadline is
/// sent and the older ones are marked as well, never a burst of stale ones.
/// After the deadline reminders no longer make sense: the overdue notice
/// replaces them.
pub fn take_due_alert(task: &mut Task, now: Timestamp) -> Option<TaskEvent> {
    let deadline = task.deadline?;
    if is_overdue(task, now) {
        if task.overdue_notified {
            return None;
        }
        task.overdue_notified = true;
        return Some(TaskEvent::new(task, None, now, EventKind::Overdue));
    }
    if !task.status.is_open() || now > deadline {
        return None;
    }
    let due: Vec<u32> = task
        .reminders
        .iter()
        .copied()
        .filter(|minutes| !task.reminders_sent.contains(minutes))
        .filter(|minutes| deadline.plus_millis(-i64::from(*minutes) * Timestamp::MINUTE) <= now)
        .collect();
    let closest = due.iter().copied().min()?;
    task.reminders_sent.extend(due);
    Some(TaskEvent::new(task, None, now, EventKind::Reminder { minutes_before: closest }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::*;
    use crate::tasks::status::Status;

    const MINUTE: i64 = Timestamp::MINUTE;

    fn before_deadline(minutes: i64) -> Timestamp {
        DEADLINE.plus_millis(-minutes * MINUTE)
    }

    fn alert_kind(task: &mut Task, now: Timestamp) -> Option<EventKind> {
        take_due_alert(task, now).map(|event| event.kind)
    }

    #[test]
    fn a_task_is_overdue_only_once_the_deadline_has_passed_and_only_while_open() {
        let mut task = task();
        assert!(!is_overdue(&task, DEADLINE), "the deadline minute itself is in time");
        assert!(is_overdue(&task, DEADLINE.plus_millis(1)));
        for (status, overdue) in [
            (Status::InProgress, true),
            (Status::AwaitingReview, false),
            (Status::Completed, false),
            (Status::Deferred, false),
        ] {
            task.status = status;
            assert_eq!(is_overdue(&task, DEADLINE.plus_millis(1)), overdue, "{status:?}");
        }
        let undated = task_with(|draft| draft.deadline = None);
        assert!(!is_overdue(&undated, Timestamp(i64::MAX)));
    }

    #[test]
    fn each_reminder_goes_out_once_at_its_moment() {
        let mut task = task_with(|draft| draft.reminders = vec![60, 15]);
        assert_eq!(alert_kind(&mut task, before_deadline(61)), None);
        assert_eq!(
            alert_kind(&mut task, before_deadline(60)),
            Some(EventKind::Reminder { minutes_before: 60 })
        );
        assert_eq!(alert_kind(&mut task, before_deadline(59)), None, "already sent");
        assert_eq!(
            alert_kind(&mut task, before_deadline(14)),
            Some(EventKind::Reminder { minutes_before: 15 })
        );
        assert_eq!(alert_kind(&mut task, before_deadline(1)), None);
        assert_eq!(task.reminders_sent, vec![60, 15]);
    }

    #[test]
    fn after_a_long_absence_only_the_closest_reminder_is_sent() {
        let mut task = task_with(|draft| draft.reminders = vec![24 * 60, 60, 15]);
        let event = take_due_alert(&mut task, before_deadline(10)).unwrap();
        assert_eq!(event.kind, EventKind::Reminder { minutes_before: 15 });
        assert_eq!((event.actor, event.at, event.task), (None, before_deadline(10), user("t1")));
        assert_eq!(alert_kind(&mut task, before_deadline(5)), None, "the older ones count as sent");
    }

    #[test]
    fn a_reminder_at_the_deadline_itself_is_sent_at_the_deadline() {
        let mut task = task_with(|draft| draft.reminders = vec![0]);
        assert_eq!(alert_kind(&mut task, before_deadline(1)), None);
        assert_eq!(alert_kind(&mut task, DEADLINE), Some(EventKind::Reminder { minutes_before: 0 }));
    }

    #[test]
    fn past_the_deadline_the_overdue_notice_replaces_unsent_reminders_and_comes_once() {
        let mut task = task_with(|draft| draft.reminders = vec![60]);
        let late = DEADLINE.plus_millis(MINUTE);
        assert_eq!(alert_kind(&mut task, late), Some(EventKind::Overdue));
        assert!(task.overdue_notified);
        assert_eq!(alert_kind(&mut task, late.plus_millis(Timestamp::DAY)), None);
    }

    #[test]
    fn tasks_that_are_not_open_get_no_alerts() {
        for status in [Status::AwaitingReview, Status::Completed, Status::Deferred] {
            let mut task = task_with(|draft| draft.reminders = vec![60]);
            task.status = status;
            assert_eq!(alert_kind(&mut task, before_deadline(30)), None, "{status:?}");
            assert_eq!(alert_kind(&mut task, DEADLINE.plus_millis(MINUTE)), None, "{status:?}");
            assert!(task.reminders_sent.is_empty() && !task.overdue_notified);
        }
    }

    #[test]
    fn a_task_without_a_deadline_never_alerts() {
        let mut task = task_with(|draft| {
            draft.deadline = None;
            draft.reminders = vec![15];
        });
        assert_eq!(alert_kind(&mut task, Timestamp(i64::MAX)), None);
    }
}
