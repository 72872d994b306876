//! Notifications: short messages to a user about a deal, from robots. The
//! app stores them and shows an unread counter.

use serde::{Deserialize, Serialize};

use crate::record::CardRef;
use crate::{Id, Timestamp};

/// A robot that ran this much after its due time says so in its
/// notification (the app was closed, the device offline). Less than this
/// is the app's normal polling delay, not worth mentioning.
pub const LATE_AFTER: i64 = Timestamp::MINUTE;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A robot's message.
    Robot,
    /// A head is asked to check on a responsible's work.
    Control,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "NotificationRecord", into = "NotificationRecord")]
pub struct Notification {
    pub id: Id,
    /// The user it is for.
    pub to: Id,
    pub kind: NotificationKind,
    pub text: String,
    /// The card it links to.
    pub card: CardRef,
    /// For control notifications, whose work it is about.
    pub about: Option<Id>,
    pub created_at: Timestamp,
    /// When the robot was due, set only when it ran late, so the reader
    /// knows that "not taken within 10 minutes" was noticed hours later.
    pub due_at: Option<Timestamp>,
    pub read: bool,
}

/// The stored shape, with `unread` as a number because IndexedDB cannot
/// index booleans: an index on `[to, unread]` counts a user's unread
/// notifications without reading them.
#[derive(Serialize, Deserialize)]
struct NotificationRecord {
    id: Id,
    to: Id,
    kind: NotificationKind,
    text: String,
    card: CardRef,
    #[serde(default)]
    about: Option<Id>,
    created_at: Timestamp,
    #[serde(default)]
    due_at: Option<Timestamp>,
    /// 1 until read.
    unread: u8,
}

impl From<Notification> for NotificationRecord {
    fn from(n: Notification) -> Self {
        Self {
            unread: u8::from(!n.read),
            id: n.id,
            to: n.to,
            kind: n.kind,
            text: n.text,
            card: n.card,
            about: n.about,
            created_at: n.created_at,
            due_at: n.due_at,
        }
    }
}

impl From<NotificationRecord> for Notification {
    fn from(r: NotificationRecord) -> Self {
        Self {
            read: r.unread == 0,
            id: r.id,
            to: r.to,
            kind: r.kind,
            text: r.text,
            card: r.card,
            about: r.about,
            created_at: r.created_at,
            due_at: r.due_at,
        }
    }
}

impl Notification {
    /// Whether this call changed anything (so the app writes only then).
    pub fn mark_read(&mut self) -> bool {
        !std::mem::replace(&mut self.read, true)
    }
}

/// The number on the bell: `user`'s unread notifications.
pub fn unread_count<'a>(notifications: impl IntoIterator<Item = &'a Notification>, user: &Id) -> usize {
    notifications.into_iter().filter(|notification| &notification.to == user && !notification.read).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::CardKind;

    fn notification(id: &str, to: &str) -> Notification {
        Notification {
            id: Id::parse(id).unwrap(),
            to: Id::parse(to).unwrap(),
            kind: NotificationKind::Robot,
            text: "VIP client on Boiler".into(),
            card: CardRef { kind: CardKind::Deal, id: Id::from_static("d1") },
            about: None,
            created_at: Timestamp(5),
            due_at: None,
            read: false,
        }
    }

    #[test]
    fn the_counter_counts_a_users_unread_notifications() {
        let mut list =
            vec![notification("n1", "anna"), notification("n2", "anna"), notification("n3", "boris")];
        assert_eq!(unread_count(&list, &Id::from_static("anna")), 2);
        assert!(list[0].mark_read());
        assert!(!list[0].mark_read(), "reading twice changes nothing");
        assert_eq!(unread_count(&list, &Id::from_static("anna")), 1);
    }

    #[test]
    fn the_stored_record_carries_an_indexable_unread_flag() {
        let mut stored = notification("n1", "anna");
        let json = serde_json::to_value(&stored).unwrap();
        assert_eq!(json["unread"], 1);
        assert!(json.get("read").is_none());
        stored.mark_read();
        let json = serde_json::to_string(&stored).unwrap();
        assert!(json.contains(r#""unread":0"#));
        assert_eq!(serde_json::from_str::<Notification>(&json).unwrap(), stored);
    }
}
