//! The notification centre: messages to a person about a task or a card,
//! from task events and from robots, with a read flag. Message ids follow
//! from what caused them, so a message written twice (a retried save, a
//! robot job run again after a crash) is stored once.

use serde::{Deserialize, Serialize};

use crate::record::CardRef;
use crate::robots::{Notification, NotificationKind as RobotKind};
use crate::tasks::event::TaskEvent;
use crate::tasks::notify::{recipients, NotificationKind as TaskKind};
use crate::tasks::task::Task;
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Task(TaskKind),
    Robot,
    /// A robot's control message to a responsible person's head.
    Control,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Card(CardRef),
    Task(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "MessageRecord", into = "MessageRecord")]
pub struct Message {
    pub id: Id,
    pub to: Id,
    pub topic: Topic,
    pub subject: Subject,
    /// The task's title, or the robot's text.
    pub text: String,
    pub created_at: Timestamp,
    /// When a robot ran late (the app was closed), when it was due.
    pub due_at: Option<Timestamp>,
    pub read: bool,
}

/// The stored shape, with the numeric `unread` flag IndexedDB indexes.
#[derive(Serialize, Deserialize)]
struct MessageRecord {
    id: Id,
    to: Id,
    topic: Topic,
    subject: Subject,
    text: String,
    created_at: Timestamp,
    #[serde(default)]
    due_at: Option<Timestamp>,
    unread: u8,
}

impl From<Message> for MessageRecord {
    fn from(m: Message) -> Self {
        Self {
            unread: u8::from(!m.read),
            id: m.id,
            to: m.to,
            topic: m.topic,
            subject: m.subject,
            text: m.text,
            created_at: m.created_at,
            due_at: m.due_at,
        }
    }
}

impl From<MessageRecord> for Message {
    fn from(r: MessageRecord) -> Self {
        Self {
            read: r.unread == 0,
            id: r.id,
            to: r.to,
            topic: r.topic,
            subject: r.subject,
            text: r.text,
            created_at: r.created_at,
            due_at: r.due_at,
        }
    }
}

fn task_kind_code(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::NewTask => "new",
        TaskKind::DeadlineChanged => "deadline",
        TaskKind::Comment => "comment",
        TaskKind::Completed => "completed",
        TaskKind::AwaitingReview => "review",
        TaskKind::Returned => "returned",
        TaskKind::Reopened => "reopened",
        TaskKind::Reminder => "reminder",
        TaskKind::Overdue => "overdue",
    }
}

/// The messages a task event sends to the people concerned (never to the
/// one who acted).
pub fn from_task_event(task: &Task, event: &TaskEvent) -> Vec<Message> {
    let at = event.at.millis().to_string();
    recipients(task, event)
        .into_iter()
        .map(|(to, kind)| Message {
            id: Id::derived(event.at, &["task", task.id.as_str(), task_kind_code(kind), &at, to.as_str()]),
            to,
            topic: Topic::Task(kind),
            subject: Subject::Task(task.id.clone()),
            text: task.title.clone(),
            created_at: event.at,
            due_at: None,
            read: false,
        })
        .collect()
}

/// A robot's notification as a message (its id is already derived from
/// the job that made it).
pub fn from_robot(notification: Notification) -> Message {
    Message {
        id: notification.id,
        to: notification.to,
        topic: match notification.kind {
            RobotKind::Robot => Topic::Robot,
            RobotKind::Control => Topic::Control,
        },
        subject: Subject::Card(notification.card),
        text: notification.text,
        created_at: notification.created_at,
        due_at: notification.due_at,
        read: false,
    }
}

impl Message {
    pub fn mark_read(&mut self) -> bool {
        !std::mem::replace(&mut self.read, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::action::Action;
    use crate::tasks::draft::TaskDraft;
    use crate::tasks::group::create_tasks;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    #[test]
    fn a_robots_notification_arrives_unread_with_its_card_and_lateness() {
        let card = crate::record::CardRef { kind: crate::record::CardKind::Deal, id: id("d1") };
        let notification = Notification {
            id: id("n1"),
            to: id("sonia"),
            kind: RobotKind::Control,
            text: "Not taken within 10 minutes".into(),
            card: card.clone(),
            about: Some(id("anna")),
            created_at: Timestamp(9_000),
            due_at: Some(Timestamp(6_000)),
        };
        let mut message = from_robot(notification);
        assert_eq!((message.topic, message.subject.clone()), (Topic::Control, Subject::Card(card)));
        assert_eq!((message.to.clone(), message.due_at), (id("sonia"), Some(Timestamp(6_000))));
        assert!(message.mark_read(), "it was unread");
    }

    fn task() -> Task {
        let draft = TaskDraft {
            title: "Prepare the offer".into(),
            responsibles: vec!["boris".into()],
            observers: vec!["vera".into()],
            review_required: true,
            ..TaskDraft::default()
        };
        let valid = draft.validate(&[id("anna"), id("boris"), id("vera")]).unwrap();
        create_tasks(&valid, || id("t1"), &id("anna"), Timestamp(1)).remove(0).0
    }

    #[test]
    fn a_new_task_tells_its_responsible_and_observers_not_its_creator() {
        let task = task();
        let made = crate::tasks::event::TaskEvent {
            task: task.id.clone(),
            at: Timestamp(1),
            actor: Some(id("anna")),
            kind: crate::tasks::event::EventKind::Created,
        };
        let mut to: Vec<String> =
            from_task_event(&task, &made).into_iter().map(|m| m.to.to_string()).collect();
        to.sort();
        assert_eq!(to, ["boris", "vera"]);
    }

    #[test]
    fn completing_a_reviewed_task_asks_the_creator_to_review_it() {
        let mut task = task();
        let event = task.apply(Action::Complete, &id("boris"), Timestamp(5)).unwrap().unwrap();
        let messages = from_task_event(&task, &event);
        let review: Vec<&Message> =
            messages.iter().filter(|m| m.topic == Topic::Task(TaskKind::AwaitingReview)).collect();
        assert_eq!(review.len(), 1);
        assert_eq!(review[0].to, id("anna"));
        assert!(!review[0].read);
    }

    #[test]
    fn the_same_event_gives_the_same_message_ids() {
        let mut first = task();
        let mut second = task();
        let a = first.apply(Action::Complete, &id("boris"), Timestamp(5)).unwrap().unwrap();
        let b = second.apply(Action::Complete, &id("boris"), Timestamp(5)).unwrap().unwrap();
        let ids =
            |task: &Task, event| from_task_event(task, event).into_iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(&first, &a), ids(&second, &b));
    }

    #[test]
    fn the_stored_shape_carries_the_unread_flag() {
        let task = task();
        let made = crate::tasks::event::TaskEvent {
            task: task.id.clone(),
            at: Timestamp(1),
            actor: None,
            kind: crate::tasks::event::EventKind::Created,
        };
        let mut message = from_task_event(&task, &made).remove(0);
        assert_eq!(serde_json::to_value(&message).unwrap()["unread"].as_u64(), Some(1));
        assert!(message.mark_read());
        assert!(!message.mark_read(), "reading twice changes nothing");
        let json = serde_json::to_value(&message).unwrap();
        assert_eq!(json["unread"].as_u64(), Some(0));
        assert_eq!(serde_json::from_value::<Message>(json).unwrap(), message);
    }
}
