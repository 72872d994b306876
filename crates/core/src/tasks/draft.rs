//! What a task form holds, and its validation into a [`ValidTask`], the only
//! input from which tasks and recurring series are made.
//!
//! A deadline in the past is accepted: recording a task that is already late
//! is legitimate, the clocks of offline devices disagree, and such a task
//! simply shows as overdue. People pickers are forgiving: a person chosen in
//! two roles keeps the stronger one (responsible, then co-executor, then
//! observer) instead of failing the form.

use serde::{Deserialize, Serialize};

use super::checklist::Checklist;
use super::task::Priority;
use crate::record::CardRef;
use crate::text::sort_key;
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::{Id, Timestamp};

pub const TITLE: TextRule = TextRule { field: "title", required: true, max_chars: 250 };
pub const DESCRIPTION: TextRule = TextRule { field: "description", required: false, max_chars: 20_000 };
pub const TAG_MAX_CHARS: usize = 50;
const TAG: TextRule = TextRule { field: "tags", required: false, max_chars: TAG_MAX_CHARS };

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskDraft {
    pub title: String,
    pub description: String,
    /// One or several people; several make a group task, one copy each.
    pub responsibles: Vec<String>,
    pub co_executors: Vec<String>,
    pub observers: Vec<String>,
    pub deadline: Option<Timestamp>,
    pub priority: Priority,
    pub links: Vec<CardRef>,
    pub project: Option<Id>,
    pub tags: Vec<String>,
    pub checklist: Checklist,
    pub review_required: bool,
    /// Minutes before the deadline.
    pub reminders: Vec<u32>,
}

/// A draft that passed validation. Stored as the template of a recurring
/// series, which is why it is serializable; fields stay private to the
/// module so that only validation makes one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidTask {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) responsibles: Vec<Id>,
    pub(crate) co_executors: Vec<Id>,
    pub(crate) observers: Vec<Id>,
    pub(crate) deadline: Option<Timestamp>,
    pub(crate) priority: Priority,
    pub(crate) links: Vec<CardRef>,
    pub(crate) project: Option<Id>,
    pub(crate) tags: Vec<String>,
    pub(crate) checklist: Checklist,
    pub(crate) review_required: bool,
    pub(crate) reminders: Vec<u32>,
}

impl TaskDraft {
    /// Checks every field and reports all problems at once. Unknown people
    /// are named `responsible.N`, `co_executors.N`, `observers.N` after
    /// their row; blank rows are dropped.
    pub fn validate(&self, known_users: &[Id]) -> Result<ValidTask, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = check_text(&mut errors, TITLE, &self.title);
        let description = check_text(&mut errors, DESCRIPTION, &self.description);
        if self.responsibles.iter().all(|text| Id::parse(text).is_none()) {
            errors.add("responsible", Problem::Required);
        }
        let responsibles = people(&mut errors, "responsible", &self.responsibles, known_users, &[]);
        let co_executors =
            people(&mut errors, "co_executors", &self.co_executors, known_users, &responsibles);
        let taken = [responsibles.as_slice(), co_executors.as_slice()].concat();
        let observers = people(&mut errors, "observers", &self.observers, known_users, &taken);
        let tags = tags(&mut errors, &self.tags);
        let mut links: Vec<CardRef> = Vec::with_capacity(self.links.len());
        for link in &self.links {
            if !links.contains(link) {
                links.push(link.clone());
            }
        }
        let mut reminders = self.reminders.clone();
        crate::sort::sort_by(&mut reminders, |a, b| b.cmp(a));
        reminders.dedup();
        errors.into_result(ValidTask {
            title,
            description,
            responsibles,
            co_executors,
            observers,
            deadline: self.deadline,
            priority: self.priority,
            links,
            project: self.project.clone(),
            tags,
            checklist: self.checklist.clone(),
            review_required: self.review_required,
            reminders,
        })
    }
}

/// The known people of a picker in order, without repeats and without those
/// who already hold a stronger role.
fn people(errors: &mut FieldErrors, field: &str, rows: &[String], known: &[Id], taken: &[Id]) -> Vec<Id> {
    let mut people = Vec::new();
    for (row, text) in rows.iter().enumerate() {
        let Some(id) = Id::parse(text) else { continue };
        if !known.contains(&id) {
            errors.add(format!("{field}.{row}"), Problem::UnknownUser);
        } else if !taken.contains(&id) && !people.contains(&id) {
            people.push(id);
        }
    }
    people
}

/// Trimmed tags, blank ones dropped, repeats differing only in case dropped.
fn tags(errors: &mut FieldErrors, rows: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for (row, tag) in rows.iter().enumerate() {
        let mut row_errors = FieldErrors::default();
        let tag = check_text(&mut row_errors, TAG, tag);
        if let Some(problem) = row_errors.for_field("tags") {
            errors.add(format!("tags.{row}"), problem);
        } else if !tag.is_empty() && !tags.iter().any(|kept| sort_key(kept) == sort_key(&tag)) {
            tags.push(tag);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::CardKind;
    use crate::tasks::fixtures::*;

    #[test]
    fn a_valid_draft_is_trimmed_and_tidied() {
        let draft = TaskDraft {
            title: "  Call Acme ".into(),
            co_executors: vec!["cole".into(), "rita".into(), " ".into(), "cole".into()],
            observers: vec!["olga".into(), "cole".into(), "anna".into()],
            tags: vec![" Seminar".into(), "seminar".into(), "".into(), "VIP".into()],
            links: vec![card(CardKind::Company, "acme"), card(CardKind::Company, "acme")],
            reminders: vec![15, 60, 15, 0],
            ..draft()
        };
        let valid = draft.validate(&users()).expect("valid");
        assert_eq!(valid.title, "Call Acme");
        assert_eq!(valid.responsibles, vec![rita()]);
        assert_eq!(valid.co_executors, vec![cole()], "the responsible and repeats are dropped");
        assert_eq!(valid.observers, vec![olga(), anna()], "a co-executor is not also an observer");
        assert_eq!(valid.tags, vec!["Seminar".to_string(), "VIP".to_string()]);
        assert_eq!(valid.links, vec![card(CardKind::Company, "acme")]);
        assert_eq!(valid.reminders, vec![60, 15, 0], "earliest reminder first");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let draft = TaskDraft {
            title: "x".repeat(251),
            description: "d".repeat(20_001),
            responsibles: vec!["ghost".into()],
            co_executors: vec!["cole".into(), "nobody".into()],
            observers: vec!["phantom".into()],
            tags: vec!["ok".into(), "t".repeat(51)],
            ..draft()
        };
        let errors = draft.validate(&users()).unwrap_err();
        assert_eq!(errors.for_field("title"), Some(Problem::TooLong { max_chars: 250 }));
        assert_eq!(errors.for_field("description"), Some(Problem::TooLong { max_chars: 20_000 }));
        assert_eq!(errors.for_field("responsible.0"), Some(Problem::UnknownUser));
        assert_eq!(errors.for_field("responsible"), None, "a chosen but unknown person is not 'missing'");
        assert_eq!(errors.for_field("co_executors.0"), None);
        assert_eq!(errors.for_field("co_executors.1"), Some(Problem::UnknownUser));
        assert_eq!(errors.for_field("observers.0"), Some(Problem::UnknownUser));
        assert_eq!(errors.for_field("tags.1"), Some(Problem::TooLong { max_chars: 50 }));
        assert_eq!(errors.0.len(), 6);
    }

    #[test]
    fn a_title_and_a_responsible_are_required() {
        let blank = TaskDraft { title: "  ".into(), responsibles: vec![" ".into()], ..draft() };
        let errors = blank.validate(&users()).unwrap_err();
        assert_eq!(errors.for_field("title"), Some(Problem::Required));
        assert_eq!(errors.for_field("responsible"), Some(Problem::Required));
        let none = TaskDraft { responsibles: Vec::new(), ..draft() };
        assert_eq!(none.validate(&users()).unwrap_err().for_field("responsible"), Some(Problem::Required));
    }

    #[test]
    fn a_deadline_before_creation_is_accepted() {
        let draft = TaskDraft { deadline: Some(CREATED.plus_millis(-Timestamp::DAY)), ..draft() };
        assert!(draft.validate(&users()).is_ok());
    }

    #[test]
    fn several_responsibles_are_kept_in_order_and_none_of_them_helps_another() {
        let draft = TaskDraft {
            responsibles: vec!["rita".into(), "cole".into(), "rita".into()],
            co_executors: vec!["cole".into(), "olga".into()],
            observers: vec![],
            ..draft()
        };
        let valid = draft.validate(&users()).unwrap();
        assert_eq!(valid.responsibles, vec![rita(), cole()]);
        assert_eq!(valid.co_executors, vec![olga()]);
    }
}
