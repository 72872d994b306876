//! A task: something one person must get done, usually checked by the one who
//! set it, with helpers, watchers and the CRM cards it is about.

use serde::{Deserialize, Serialize};

use super::checklist::Checklist;
use super::draft::ValidTask;
use super::role::{Role, Roles};
use super::status::Status;
use crate::code::codes;
use crate::record::{CardRef, Stamp};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    #[default]
    Normal,
    High,
}

codes!(Priority { Normal => "normal", High => "high" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub author: Id,
    pub at: Timestamp,
    pub text: String,
}

/// The occurrence of a recurring series a task was made for. It lives on the
/// task, not as a counter on the series, so that the last occurrence created
/// is found from the tasks themselves and two devices cannot both advance it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesRef {
    pub series: Id,
    pub number: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Who set the task and checks the result. Not `stamp.created_by`: the
    /// record of a recurring occurrence is written by whichever device finds
    /// it due, but the task is still set by the author of the series.
    pub creator: Id,
    pub responsible: Id,
    #[serde(default)]
    pub co_executors: Vec<Id>,
    #[serde(default)]
    pub observers: Vec<Id>,
    pub deadline: Option<Timestamp>,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub links: Vec<CardRef>,
    pub project: Option<Id>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub checklist: Checklist,
    #[serde(default)]
    pub comments: Vec<Comment>,
    pub status: Status,
    #[serde(default)]
    pub review_required: bool,
    /// The creator sent the work back and the responsible has not acted on
    /// it yet: what the "returned to me" counter counts. Any later change of
    /// status clears it.
    #[serde(default)]
    pub returned: bool,
    /// Who has opened the task; the others see it as new.
    #[serde(default)]
    pub viewed_by: Vec<Id>,
    pub completed_at: Option<Timestamp>,
    pub series: Option<SeriesRef>,
    /// Minutes before the deadline at which the workers are reminded.
    #[serde(default)]
    pub reminders: Vec<u32>,
    /// Reminders already sent (or skipped as stale), so that none goes out
    /// twice; cleared when the deadline moves.
    #[serde(default)]
    pub reminders_sent: Vec<u32>,
    #[serde(default)]
    pub overdue_notified: bool,
    pub stamp: Stamp,
}

impl Task {
    /// A new task for one responsible. The creator has seen it, nobody else.
    pub(crate) fn from_valid(
        id: Id,
        valid: &ValidTask,
        responsible: &Id,
        creator: &Id,
        actor: &Id,
        now: Timestamp,
    ) -> Self {
        Self {
            id,
            title: valid.title.clone(),
            description: valid.description.clone(),
            creator: creator.clone(),
            responsible: responsible.clone(),
            co_executors: valid.co_executors.clone(),
            observers: valid.observers.clone(),
            deadline: valid.deadline,
            priority: valid.priority,
            links: valid.links.clone(),
            project: valid.project.clone(),
            tags: valid.tags.clone(),
            checklist: valid.checklist.clone(),
            comments: Vec::new(),
            status: Status::New,
            review_required: valid.review_required,
            returned: false,
            viewed_by: vec![creator.clone()],
            completed_at: None,
            series: None,
            reminders: valid.reminders.clone(),
            reminders_sent: Vec::new(),
            overdue_notified: false,
            stamp: Stamp::new(actor, now),
        }
    }

    /// The role that best describes `user` here, for the task card and for
    /// errors; a creator who is also the responsible is shown as responsible.
    pub fn role_of(&self, user: &Id) -> Role {
        Roles::of(self, user).primary()
    }

    /// Records that `user` opened the task. Returns whether that changed the
    /// task, so the app writes only when needed. Viewing is not an edit and
    /// leaves the stamp alone.
    pub fn mark_viewed(&mut self, user: &Id) -> bool {
        if self.viewed_by.contains(user) {
            return false;
        }
        self.viewed_by.push(user.clone());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::*;

    #[test]
    fn only_the_creator_has_seen_a_new_task() {
        let task = task();
        assert_eq!(task.viewed_by, vec![anna()]);
        assert_eq!(task.status, Status::New);
        assert_eq!(task.stamp.created_at, CREATED);
    }

    #[test]
    fn viewing_is_recorded_once_and_does_not_touch_the_stamp() {
        let mut task = task();
        assert!(task.mark_viewed(&rita()));
        assert!(!task.mark_viewed(&rita()), "the second view changes nothing");
        assert_eq!(task.viewed_by, vec![anna(), rita()]);
        assert_eq!(task.stamp.updated_at, CREATED);
    }

    #[test]
    fn each_person_has_one_role_to_show() {
        let task = task();
        assert_eq!(task.role_of(&anna()), Role::Creator);
        assert_eq!(task.role_of(&rita()), Role::Responsible);
        assert_eq!(task.role_of(&cole()), Role::CoExecutor);
        assert_eq!(task.role_of(&olga()), Role::Observer);
        assert_eq!(task.role_of(&otto()), Role::Outsider);
        let own = task_with(|draft| draft.responsibles = vec!["anna".into()]);
        assert_eq!(own.role_of(&anna()), Role::Responsible, "one's own task shows as one's work");
    }

    #[test]
    fn a_task_survives_a_json_round_trip() {
        let task = task();
        let json = serde_json::to_string(&task).unwrap();
        assert_eq!(serde_json::from_str::<Task>(&json).unwrap(), task);
    }
}
