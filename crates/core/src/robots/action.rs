//! What a robot does, as data: the core turns it into concrete effects
//! ([`super::resolve`]) and the app carries them out.
//!
//! Texts may name the deal through placeholders, filled in when the robot
//! runs: `{deal}` (title), `{responsible}` (their name), `{stage}`,
//! `{contact}`, `{company}` and `{amount}`. Unknown placeholders stay as
//! typed, so a brace in ordinary text does no harm.

use serde::{Deserialize, Serialize};

use super::timing::Delay;
use crate::fields::Value;
use crate::Id;

/// A person chosen relative to the deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// The deal's responsible.
    Responsible,
    /// The responsible's head in the org chart.
    Head,
    User(Id),
}

/// Who becomes responsible for the deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assignee {
    User(Id),
    /// Each run takes the next user of the list, round-robin; the position
    /// is kept in a [`super::QueueCursor`].
    Queue(Vec<Id>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
}

/// Whom an e-mail or SMS goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendTo {
    /// The deal's first contact, or its company when the contact has no
    /// address of the channel's kind.
    Client,
    Responsible,
    User(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSpec {
    pub title: String,
    #[serde(default)]
    pub text: String,
    pub creator: Recipient,
    pub responsible: Recipient,
    /// Counted from when the robot runs; `None`: no deadline.
    #[serde(default)]
    pub deadline: Option<Delay>,
    /// The creator must review and accept the result before the task is done.
    #[serde(default)]
    pub review: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Notify {
        to: Recipient,
        text: String,
    },
    /// Tells the responsible's head, found through the org chart, so that
    /// they can check on the responsible's work.
    Control {
        text: String,
    },
    CreateTask(TaskSpec),
    /// A to-do on the deal.
    CreateActivity {
        subject: String,
        description: String,
        responsible: Recipient,
        deadline: Delay,
    },
    ChangeStage {
        stage: Id,
    },
    /// Sets (or with `None` clears) a custom field of the deal.
    SetField {
        field: Id,
        value: Option<Value>,
    },
    ChangeResponsible(Assignee),
    /// Queued in the outbox; the app sends it when it can.
    Send {
        channel: Channel,
        to: SendTo,
        subject: String,
        text: String,
    },
}
