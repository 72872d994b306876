//! Who hears about what happened to a task. Only the people concerned, and
//! never the person who did it. Starting, deferring, resuming and checklist
//! ticks notify nobody: they show in the task's feed, and pinging the head
//! for each would teach people to ignore notifications.

use serde::{Deserialize, Serialize};

use super::event::{EventKind, TaskEvent};
use super::task::Task;
use crate::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    NewTask,
    DeadlineChanged,
    Comment,
    Completed,
    AwaitingReview,
    Returned,
    Reopened,
    Reminder,
    Overdue,
}

/// Which participants an event concerns.
#[derive(Clone, Copy)]
struct Audience {
    creator: bool,
    workers: bool,
    observers: bool,
}

const WORKERS: Audience = Audience { creator: false, workers: true, observers: false };
const EVERYONE: Audience = Audience { creator: true, workers: true, observers: true };

/// Each recipient once, in the order creator, responsible, co-executors,
/// observers.
pub fn recipients(task: &Task, event: &TaskEvent) -> Vec<(Id, NotificationKind)> {
    let (kind, audience) = match event.kind {
        // The creator made it; for a recurring occurrence they set it up.
        EventKind::Created => (NotificationKind::NewTask, Audience { creator: false, ..EVERYONE }),
        EventKind::DeadlineChanged { .. } => (NotificationKind::DeadlineChanged, EVERYONE),
        EventKind::Commented { .. } => (NotificationKind::Comment, EVERYONE),
        EventKind::Completed | EventKind::Accepted => (NotificationKind::Completed, EVERYONE),
        EventKind::SentForReview => {
            (NotificationKind::AwaitingReview, Audience { creator: true, workers: false, observers: false })
        }
        EventKind::Returned { .. } => (NotificationKind::Returned, WORKERS),
        EventKind::Reopened => (NotificationKind::Reopened, WORKERS),
        EventKind::Reminder { .. } => (NotificationKind::Reminder, WORKERS),
        // Observers watch precisely to learn when things go wrong.
        EventKind::Overdue => (NotificationKind::Overdue, EVERYONE),
        EventKind::Started | EventKind::Deferred | EventKind::Resumed | EventKind::ChecklistChanged => {
            return Vec::new()
        }
    };
    let mut people: Vec<&Id> = Vec::new();
    if audience.creator {
        people.push(&task.creator);
    }
    if audience.workers {
        people.push(&task.responsible);
        people.extend(&task.co_executors);
    }
    if audience.observers {
        people.extend(&task.observers);
    }
    let mut recipients: Vec<(Id, NotificationKind)> = Vec::with_capacity(people.len());
    for person in people {
        if event.actor.as_ref() != Some(person) && !recipients.iter().any(|(id, _)| id == person) {
            recipients.push((person.clone(), kind));
        }
    }
    recipients
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::*;

    fn event(actor: Option<Id>, kind: EventKind) -> TaskEvent {
        TaskEvent { task: user("t1"), at: CREATED, actor, kind }
    }

    fn who(task: &Task, actor: Option<Id>, kind: EventKind) -> Vec<(String, NotificationKind)> {
        recipients(task, &event(actor, kind)).into_iter().map(|(id, kind)| (id.to_string(), kind)).collect()
    }

    fn named(names: &[&str], kind: NotificationKind) -> Vec<(String, NotificationKind)> {
        names.iter().map(|name| (name.to_string(), kind)).collect()
    }

    #[test]
    fn each_event_reaches_the_people_it_concerns_but_not_the_actor() {
        use NotificationKind as N;
        let task = task();
        let cases = [
            (Some(anna()), EventKind::Created, named(&["rita", "cole", "olga"], N::NewTask)),
            (
                Some(anna()),
                EventKind::DeadlineChanged { from: None, to: Some(DEADLINE) },
                named(&["rita", "cole", "olga"], N::DeadlineChanged),
            ),
            (
                Some(olga()),
                EventKind::Commented { text: "?".into() },
                named(&["anna", "rita", "cole"], N::Comment),
            ),
            (Some(rita()), EventKind::Completed, named(&["anna", "cole", "olga"], N::Completed)),
            (Some(anna()), EventKind::Accepted, named(&["rita", "cole", "olga"], N::Completed)),
            (Some(cole()), EventKind::SentForReview, named(&["anna"], N::AwaitingReview)),
            (
                Some(anna()),
                EventKind::Returned { comment: "Redo".into() },
                named(&["rita", "cole"], N::Returned),
            ),
            (Some(anna()), EventKind::Reopened, named(&["rita", "cole"], N::Reopened)),
            (None, EventKind::Reminder { minutes_before: 15 }, named(&["rita", "cole"], N::Reminder)),
            (None, EventKind::Overdue, named(&["anna", "rita", "cole", "olga"], N::Overdue)),
        ];
        for (actor, kind, expected) in cases {
            assert_eq!(who(&task, actor, kind.clone()), expected, "{kind:?}");
        }
    }

    #[test]
    fn routine_progress_notifies_nobody() {
        let task = task();
        for kind in [EventKind::Started, EventKind::Deferred, EventKind::Resumed, EventKind::ChecklistChanged]
        {
            assert!(who(&task, Some(rita()), kind.clone()).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn a_person_in_two_roles_is_notified_once() {
        let own = task_with(|draft| draft.responsibles = vec!["anna".into()]);
        let overdue = who(&own, None, EventKind::Overdue);
        assert_eq!(overdue, named(&["anna", "cole", "olga"], NotificationKind::Overdue));
    }
}
