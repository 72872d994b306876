//! What running a robot produces: records to write and changes to make,
//! each idempotent so that writing them twice is the same as once. Created
//! records carry ids derived from the job (see [`super::ids`]); changes set
//! values rather than step them (a queue cursor is set to a position, not
//! incremented).

use serde::{Deserialize, Serialize};

use super::action::Channel;
use super::notification::Notification;
use crate::activity::Activity;
use crate::fields::Value;
use crate::record::CardRef;
use crate::{Id, Timestamp};

/// The position in a robot's round-robin queue: the index of the user who
/// gets the next deal. One per queue robot, stored by the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCursor {
    pub robot: Id,
    pub next: u32,
}

/// A task to create, in the terms of the task module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub id: Id,
    pub title: String,
    pub text: String,
    pub creator: Id,
    pub responsible: Id,
    pub deadline: Option<Timestamp>,
    /// The creator reviews the result before the task counts as done.
    pub review: bool,
    /// The CRM card the task is linked to.
    pub card: CardRef,
    pub created_at: Timestamp,
}

/// Where an outgoing message goes: an address taken from the client's
/// card, or a user whose address the app (or server) knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Addressee {
    Address(String),
    User(Id),
}

/// An e-mail or SMS waiting in the outbox. The sender marks it sent by id,
/// so a message queued twice by a re-run job is still sent once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: Id,
    pub channel: Channel,
    pub to: Addressee,
    pub subject: String,
    pub text: String,
    pub card: CardRef,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Notify(Notification),
    CreateTask(NewTask),
    /// A to-do activity on the deal, ready to store.
    CreateActivity(Activity),
    /// Move the deal, already checked against required fields, through
    /// [`crate::deal::Deal::move_to_stage`], but only while the deal is still
    /// in the visit of the robot's stage that began at `since` (its
    /// `stage_since`): once it moved, by this effect or by anyone since, a
    /// replay must not drag it back.
    MoveStage {
        deal: Id,
        stage: Id,
        since: Timestamp,
    },
    SetField {
        deal: Id,
        field: Id,
        value: Option<Value>,
    },
    SetResponsible {
        deal: Id,
        user: Id,
    },
    SetQueueCursor(QueueCursor),
    Send(OutboxMessage),
}
