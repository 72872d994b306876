//! Activities (дела): calls, e-mails, meetings, chat messages and to-dos,
//! incoming or outgoing, each bound to one card and owned by a responsible
//! user. Completed activities are kept forever: reports and history need
//! them.

use serde::{Deserialize, Serialize};

use crate::client::check_user;
use crate::code::codes;
use crate::history::{Change, Diff};
use crate::record::{CardRef, Stamp};
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::zone::{at_local, local_date, local_minute_of_day, Zone};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Email,
    Meeting,
    Chat,
    Todo,
}

codes!(ActivityKind { Call => "call", Email => "email", Meeting => "meeting", Chat => "chat", Todo => "todo" });

impl ActivityKind {
    /// Calls, e-mails and chats come in or go out; meetings and to-dos are
    /// planned by us, so always outgoing.
    pub fn has_direction(self) -> bool {
        matches!(self, ActivityKind::Call | ActivityKind::Email | ActivityKind::Chat)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Incoming,
    #[default]
    Outgoing,
}

codes!(Direction { Incoming => "incoming", Outgoing => "outgoing" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    #[default]
    Normal,
    High,
}

codes!(Priority { Normal => "normal", High => "high" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub at: Timestamp,
    pub by: Id,
    /// What came of it: the trainers insist every closed activity says so.
    pub result: String,
}

/// Stored inside its card's timeline pages (see [`crate::timeline`]), which
/// also carry the keys storage indexes it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Id,
    pub kind: ActivityKind,
    pub direction: Direction,
    pub subject: String,
    #[serde(default)]
    pub description: String,
    /// When it is due; the start time for calls and meetings.
    pub deadline: Timestamp,
    pub responsible: Id,
    #[serde(default)]
    pub priority: Priority,
    /// The card it belongs to (see [`crate::placement`]).
    pub owner: CardRef,
    #[serde(default)]
    pub completion: Option<Completion>,
    pub stamp: Stamp,
}

/// An activity form as typed. The deadline arrives already parsed by the
/// form's date-time control (`None` when empty or unreadable).
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityDraft {
    pub kind: ActivityKind,
    pub direction: Direction,
    pub subject: String,
    pub description: String,
    pub deadline: Option<Timestamp>,
    pub responsible: String,
    pub priority: Priority,
}

pub const SUBJECT: TextRule = TextRule { field: "subject", required: true, max_chars: 250 };
pub const DESCRIPTION: TextRule = TextRule { field: "description", required: false, max_chars: 10_000 };
pub const RESULT: TextRule = TextRule { field: "result", required: true, max_chars: 10_000 };

#[derive(Debug, Clone, PartialEq)]
pub struct ValidActivity {
    kind: ActivityKind,
    direction: Direction,
    subject: String,
    description: String,
    deadline: Timestamp,
    responsible: Id,
    priority: Priority,
}

impl ActivityDraft {
    pub fn from_activity(activity: &Activity) -> Self {
        Self {
            kind: activity.kind,
            direction: activity.direction,
            subject: activity.subject.clone(),
            description: activity.description.clone(),
            deadline: Some(activity.deadline),
            responsible: activity.responsible.to_string(),
            priority: activity.priority,
        }
    }

    /// Any deadline is accepted: one in the past simply shows as overdue,
    /// and logging what happened yesterday is common.
    pub fn validate(&self, known_users: &[Id]) -> Result<ValidActivity, FieldErrors> {
        let mut errors = FieldErrors::default();
        let subject = check_text(&mut errors, SUBJECT, &self.subject);
        let description = check_text(&mut errors, DESCRIPTION, &self.description);
        let direction = if self.kind.has_direction() { self.direction } else { Direction::Outgoing };
        if self.deadline.is_none() {
            errors.add("deadline", Problem::InvalidDateTime);
        }
        let responsible = check_user(&mut errors, "responsible", &self.responsible, known_users);
        match (self.deadline, responsible) {
            (Some(deadline), Some(responsible)) if errors.is_empty() => Ok(ValidActivity {
                kind: self.kind,
                direction,
                subject,
                description,
                deadline,
                responsible,
                priority: self.priority,
            }),
            _ => Err(errors),
        }
    }
}

/// Why an operation on an activity was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityError {
    AlreadyCompleted,
    Invalid(FieldErrors),
}

impl Activity {
    pub fn create(id: Id, owner: CardRef, valid: ValidActivity, actor: &Id, now: Timestamp) -> Self {
        Self {
            id,
            kind: valid.kind,
            direction: valid.direction,
            subject: valid.subject,
            description: valid.description,
            deadline: valid.deadline,
            responsible: valid.responsible,
            priority: valid.priority,
            owner,
            completion: None,
            stamp: Stamp::new(actor, now),
        }
    }

    pub fn is_open(&self) -> bool {
        self.completion.is_none()
    }

    pub fn is_incoming(&self) -> bool {
        self.direction == Direction::Incoming
    }

    /// Completes with a result, which is required.
    pub fn complete(&mut self, result: &str, actor: &Id, now: Timestamp) -> Result<Change, ActivityError> {
        if !self.is_open() {
            return Err(ActivityError::AlreadyCompleted);
        }
        let mut errors = FieldErrors::default();
        let result = check_text(&mut errors, RESULT, result);
        if !errors.is_empty() {
            return Err(ActivityError::Invalid(errors));
        }
        let change = Change::Updated {
            fields: vec![crate::history::FieldChange {
                field: "completed".into(),
                before: String::new(),
                after: result.clone(),
            }],
        };
        self.completion = Some(Completion { at: now, by: actor.clone(), result });
        self.stamp.touch(actor, now);
        Ok(change)
    }

    /// Moves the deadline; only open activities can be rescheduled.
    pub fn reschedule(
        &mut self,
        deadline: Timestamp,
        actor: &Id,
        now: Timestamp,
    ) -> Result<Change, ActivityError> {
        if !self.is_open() {
            return Err(ActivityError::AlreadyCompleted);
        }
        let change = Diff::default()
            .field("deadline", self.deadline.millis(), deadline.millis())
            .into_change()
            .unwrap_or(Change::Updated { fields: Vec::new() });
        self.deadline = deadline;
        self.stamp.touch(actor, now);
        Ok(change)
    }

    pub fn apply(
        &mut self,
        valid: ValidActivity,
        actor: &Id,
        now: Timestamp,
    ) -> Result<Option<Change>, ActivityError> {
        if !self.is_open() {
            return Err(ActivityError::AlreadyCompleted);
        }
        let change = Diff::default()
            .field("subject", &self.subject, &valid.subject)
            .field("description", &self.description, &valid.description)
            .field("deadline", self.deadline.millis(), valid.deadline.millis())
            .field("responsible", &self.responsible, &valid.responsible)
            .into_change();
        self.kind = valid.kind;
        self.direction = valid.direction;
        self.subject = valid.subject;
        self.description = valid.description;
        self.deadline = valid.deadline;
        self.responsible = valid.responsible;
        self.priority = valid.priority;
        self.stamp.touch(actor, now);
        Ok(change)
    }

    /// Rebinds to another card (a "remind about us" on the contact moving
    /// into the client's new deal).
    pub fn move_to(&mut self, owner: CardRef, actor: &Id, now: Timestamp) {
        self.owner = owner;
        self.stamp.touch(actor, now);
    }
}

/// The deadline a new activity's form starts with: the next full hour on
/// the user's clock (in a zone half an hour off UTC too), a round time soon
/// enough that a plan made now is for today.
pub fn default_deadline(now: Timestamp, zone: &impl Zone) -> Timestamp {
    let next_hour = local_minute_of_day(zone, now) / 60 * 60 + 60;
    at_local(zone, local_date(zone, now), next_hour)
}

/// The deadline of the nearest open activity among `activities`; what a
/// card keeps as its `next_activity`.
pub fn nearest_open<'a>(activities: impl IntoIterator<Item = &'a Activity>) -> Option<Timestamp> {
    activities.into_iter().filter(|a| a.is_open()).map(|a| a.deadline).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::CardKind;

    const NOW: Timestamp = Timestamp(1_800_000_000_000);

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn draft(kind: ActivityKind, direction: Direction, deadline: Timestamp) -> ActivityDraft {
        ActivityDraft {
            kind,
            direction,
            subject: "Ask about the invoice".into(),
            description: String::new(),
            deadline: Some(deadline),
            responsible: "u1".into(),
            priority: Priority::Normal,
        }
    }

    fn activity(kind: ActivityKind, direction: Direction) -> Activity {
        let owner = CardRef { kind: CardKind::Deal, id: id("d1") };
        let valid = draft(kind, direction, NOW).validate(&[id("u1")]).unwrap();
        Activity::create(id("a1"), owner, valid, &id("u1"), NOW)
    }

    #[test]
    fn meetings_and_todos_are_always_outgoing() {
        assert_eq!(activity(ActivityKind::Meeting, Direction::Incoming).direction, Direction::Outgoing);
        assert_eq!(activity(ActivityKind::Todo, Direction::Incoming).direction, Direction::Outgoing);
        assert_eq!(activity(ActivityKind::Call, Direction::Incoming).direction, Direction::Incoming);
    }

    #[test]
    fn a_deadline_is_required_and_may_be_in_the_past() {
        let last_week = NOW.plus_millis(-7 * Timestamp::DAY);
        assert!(draft(ActivityKind::Call, Direction::Outgoing, last_week).validate(&[id("u1")]).is_ok());
        let undated = ActivityDraft { deadline: None, ..draft(ActivityKind::Todo, Direction::Outgoing, NOW) };
        assert_eq!(
            undated.validate(&[id("u1")]).unwrap_err().for_field("deadline"),
            Some(Problem::InvalidDateTime)
        );
    }

    #[test]
    fn completing_needs_a_result_and_happens_once() {
        let mut call = activity(ActivityKind::Call, Direction::Outgoing);
        assert!(matches!(call.complete("  ", &id("u1"), NOW), Err(ActivityError::Invalid(_))));
        assert!(call.is_open());
        call.complete("Agreed to pay on Friday", &id("u1"), NOW).unwrap();
        assert_eq!(call.completion.as_ref().map(|c| c.result.as_str()), Some("Agreed to pay on Friday"));
        assert_eq!(call.complete("again", &id("u1"), NOW), Err(ActivityError::AlreadyCompleted));
        assert_eq!(call.reschedule(NOW, &id("u1"), NOW), Err(ActivityError::AlreadyCompleted));
    }

    #[test]
    fn the_stored_shape_reads_back_and_tolerates_old_index_flags() {
        let mut call = activity(ActivityKind::Call, Direction::Incoming);
        call.complete("Called back", &id("u1"), NOW).unwrap();
        let mut json = serde_json::to_value(&call).unwrap();
        assert_eq!(serde_json::from_value::<Activity>(json.clone()).unwrap(), call);
        // Schema 4 stored each activity with numeric flags for its index.
        json["open"] = 0.into();
        json["incoming"] = 1.into();
        assert_eq!(serde_json::from_value::<Activity>(json).unwrap(), call);
    }

    #[test]
    fn a_new_activity_is_due_at_the_next_full_hour_of_the_users_clock() {
        use crate::date::Date;
        use crate::zone::{format_local_datetime, FixedOffset};

        let day = Date::parse("2026-11-26").unwrap();
        let moscow = FixedOffset(180);
        let local = |zone: &FixedOffset, at| format_local_datetime(zone, at);
        let at = |zone: &FixedOffset, minute| at_local(zone, day, minute);
        assert_eq!(local(&moscow, default_deadline(at(&moscow, 12 * 60 + 20), &moscow)), "2026-11-26T13:00");
        assert_eq!(local(&moscow, default_deadline(at(&moscow, 12 * 60), &moscow)), "2026-11-26T13:00");
        assert_eq!(local(&moscow, default_deadline(at(&moscow, 23 * 60 + 30), &moscow)), "2026-11-27T00:00");
        let india = FixedOffset(330);
        assert_eq!(local(&india, default_deadline(at(&india, 10 * 60 + 10), &india)), "2026-11-26T11:00");
    }

    #[test]
    fn the_nearest_open_deadline_ignores_completed_ones() {
        let mut early = activity(ActivityKind::Call, Direction::Outgoing);
        let mut late = early.clone();
        late.deadline = NOW.plus_millis(Timestamp::DAY);
        assert_eq!(nearest_open([&early, &late]), Some(NOW));
        early.complete("done", &id("u1"), NOW).unwrap();
        assert_eq!(nearest_open([&early, &late]), Some(late.deadline));
        late.complete("done", &id("u1"), NOW).unwrap();
        assert_eq!(nearest_open([&early, &late]), None);
    }
}
