//! Notifications: short messages to a user about a deal, from robots.

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

/// What a notification robot says and to whom; the app stores it as a
/// message of the notification centre ([`crate::inbox::from_robot`]),
/// which keeps whether it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: Id,
    /// The user it is for.
    pub to: Id,
    pub kind: NotificationKind,
    pub text: String,
    /// The card it links to.
    pub card: CardRef,
    /// For control notifications, whose work it is about.
    #[serde(default)]
    pub about: Option<Id>,
    pub created_at: Timestamp,
    /// When the robot was due, set only when it ran late, so the reader
    /// knows that "not taken within 10 minutes" was noticed hours later.
    #[serde(default)]
    pub due_at: Option<Timestamp>,
}
