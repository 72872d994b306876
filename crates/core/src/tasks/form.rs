//! The task form as typed: its texts and choices, read here into a
//! [`TaskDraft`] and, for a recurring task, its [`Recurrence`], with every
//! problem of the text named against its field, so the page holds only
//! strings. Who the people are and the draft's limits are then checked by
//! [`TaskDraft::validate`], and the recurrence against the first deadline
//! by [`Series::create`](super::series::Series::create), whose refusals
//! [`series_error`] names the same way.

use super::checklist::{Checklist, ChecklistGroup, ChecklistItem, ITEM_TEXT_MAX_CHARS};
use super::draft::TaskDraft;
use super::recurrence::{End, Recurrence, Repeat};
use super::series::SeriesError;
use super::task::Priority;
use crate::date::{Date, Weekday};
use crate::record::CardRef;
use crate::validation::{FieldErrors, Problem};
use crate::zone::{parse_local_datetime, Zone};
use crate::Id;

/// How many days before its deadline the next occurrence of a recurring
/// task appears: the day before, so there is a day to prepare, and the
/// list does not fill up with next week's copies.
pub const LEAD_DAYS: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskForm {
    pub title: String,
    pub description: String,
    pub responsibles: Vec<String>,
    pub co_executors: Vec<String>,
    pub observers: Vec<String>,
    /// A `datetime-local` value; blank for a task without a deadline.
    pub deadline: String,
    pub priority: Priority,
    pub links: Vec<CardRef>,
    /// A project's id; blank for none.
    pub project: String,
    /// Separated by commas.
    pub tags: String,
    /// One item a line; blank lines are skipped.
    pub checklist: String,
    pub review_required: bool,
    /// Minutes before the deadline; blank for no reminder.
    pub reminder: String,
    pub repeat: RepeatForm,
}

/// How the task repeats, as the form offers it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RepeatForm {
    /// `days`, `weeks` or `months`; blank for a task that does not repeat.
    pub unit: String,
    pub every: String,
    /// Weekdays by index, 0 for Monday (weekly only).
    pub weekdays: Vec<String>,
    /// `never` (or blank), `until` or `after`.
    pub end: String,
    /// A `YYYY-MM-DD` date, for `until`.
    pub until: String,
    /// How many occurrences, for `after`.
    pub count: String,
}

impl TaskForm {
    /// The draft and the recurrence, or every problem of the text at once.
    /// `new_id` gives the checklist's group and items their ids.
    pub fn read(
        &self,
        zone: &impl Zone,
        mut new_id: impl FnMut() -> Id,
    ) -> Result<(TaskDraft, Option<Recurrence>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let deadline = match self.deadline.trim() {
            "" => None,
            text => {
                let deadline = parse_local_datetime(zone, text);
                if deadline.is_none() {
                    errors.add("deadline", Problem::InvalidDateTime);
                }
                deadline
            }
        };
        let reminders = match self.reminder.trim() {
            "" => Vec::new(),
            text => number(&mut errors, "reminder", text).into_iter().collect(),
        };
        let checklist = checklist(&mut errors, &self.checklist, &mut new_id);
        let recurrence = self.repeat.read(&mut errors);
        let draft = TaskDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            responsibles: self.responsibles.clone(),
            co_executors: self.co_executors.clone(),
            observers: self.observers.clone(),
            deadline,
            priority: self.priority,
            links: self.links.clone(),
            project: Id::parse(self.project.trim()),
            tags: self.tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect(),
            checklist,
            review_required: self.review_required,
            reminders,
        };
        errors.into_result((draft, recurrence))
    }
}

impl RepeatForm {
    fn read(&self, errors: &mut FieldErrors) -> Option<Recurrence> {
        let unit = self.unit.trim();
        if unit.is_empty() {
            return None;
        }
        let every = number(errors, "every", &self.every).unwrap_or(1);
        let repeat = match unit {
            "days" => Repeat::Days { every },
            "months" => Repeat::Months { every },
            "weeks" => {
                let mut on = Vec::new();
                for text in &self.weekdays {
                    match text.trim().parse::<usize>().ok().and_then(|i| Weekday::ALL.get(i)) {
                        Some(day) => on.push(*day),
                        None => errors.add("weekdays", Problem::UnknownOption),
                    }
                }
                Repeat::Weeks { every, on }
            }
            _ => {
                errors.add("repeat", Problem::UnknownOption);
                return None;
            }
        };
        let end = match self.end.trim() {
            "" | "never" => End::Never,
            "until" => match Date::parse(self.until.trim()) {
                Some(date) => End::Until(date),
                None => {
                    errors.add("until", Problem::InvalidDate);
                    End::Never
                }
            },
            "after" => End::After(number(errors, "count", &self.count).unwrap_or(1)),
            _ => {
                errors.add("end", Problem::UnknownOption);
                End::Never
            }
        };
        Some(Recurrence { repeat, end, lead_days: LEAD_DAYS })
    }
}

/// A whole number, or a problem against `field`.
fn number(errors: &mut FieldErrors, field: &str, text: &str) -> Option<u32> {
    let number = text.trim().parse().ok();
    if number.is_none() {
        errors.add(field, Problem::InvalidNumber);
    }
    number
}

/// One untitled group of the non-blank lines, or no checklist at all.
fn checklist(errors: &mut FieldErrors, text: &str, new_id: &mut impl FnMut() -> Id) -> Checklist {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    if lines.is_empty() {
        return Checklist::default();
    }
    if lines.iter().any(|line| line.chars().count() > ITEM_TEXT_MAX_CHARS) {
        errors.add("checklist", Problem::TooLong { max_chars: ITEM_TEXT_MAX_CHARS });
    }
    let group = new_id();
    let items = lines
        .into_iter()
        .map(|line| ChecklistItem { id: new_id(), text: line.to_owned(), done: false })
        .collect();
    Checklist { groups: vec![ChecklistGroup { id: group, title: String::new(), items }] }
}

/// Why a recurring task was refused, against the field of the form to fix.
pub fn series_error(error: SeriesError) -> FieldErrors {
    let (field, problem) = match error {
        SeriesError::NoDeadline => ("deadline", Problem::Required),
        SeriesError::NoWeekdays => ("weekdays", Problem::Required),
        SeriesError::ZeroInterval => ("every", Problem::InvalidAmount),
        SeriesError::ZeroCount => ("count", Problem::InvalidAmount),
        SeriesError::UntilBeforeStart => ("until", Problem::InvalidDate),
    };
    let mut errors = FieldErrors::default();
    errors.add(field, problem);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Weekday::{Monday, Thursday};
    use crate::tasks::fixtures::*;

    fn ids() -> impl FnMut() -> Id {
        let mut next = 0;
        move || {
            next += 1;
            user(&format!("id{next}"))
        }
    }

    fn weekly() -> RepeatForm {
        RepeatForm {
            unit: "weeks".into(),
            every: " 2 ".into(),
            weekdays: vec!["0".into(), "3".into()],
            end: "after".into(),
            until: String::new(),
            count: "5".into(),
        }
    }

    fn form(repeat: RepeatForm) -> TaskForm {
        TaskForm {
            title: "Weekly report".into(),
            responsibles: vec!["rita".into()],
            deadline: "2026-12-04T18:00".into(),
            repeat,
            ..TaskForm::default()
        }
    }

    #[test]
    fn a_recurring_task_is_read_and_its_next_occurrence_appears_a_day_before() {
        let (draft, recurrence) = form(weekly()).read(&MOSCOW, ids()).expect("valid");
        assert_eq!(draft.deadline, Some(DEADLINE));
        assert_eq!(
            recurrence,
            Some(Recurrence {
                repeat: Repeat::Weeks { every: 2, on: vec![Monday, Thursday] },
                end: End::After(5),
                lead_days: 1,
            })
        );
        let until =
            RepeatForm { unit: "months".into(), end: "until".into(), until: "2027-06-30".into(), ..weekly() };
        let (_, recurrence) = form(until).read(&MOSCOW, ids()).expect("valid");
        let recurrence = recurrence.expect("repeats");
        assert_eq!(
            (recurrence.repeat, recurrence.end),
            (Repeat::Months { every: 2 }, End::Until(date("2027-06-30")))
        );
    }

    #[test]
    fn a_task_that_does_not_repeat_has_no_recurrence_and_may_have_no_deadline() {
        let once = TaskForm {
            deadline: " ".into(),
            ..form(RepeatForm { every: "x".into(), ..RepeatForm::default() })
        };
        let (draft, recurrence) = once.read(&MOSCOW, ids()).expect("the hidden repeat fields are not read");
        assert_eq!((draft.deadline, recurrence), (None, None));
    }

    #[test]
    fn every_unreadable_field_is_named_at_once() {
        let repeat =
            RepeatForm { every: "two".into(), weekdays: vec!["9".into()], count: "".into(), ..weekly() };
        let bad = TaskForm {
            deadline: "tomorrow".into(),
            reminder: "soon".into(),
            checklist: format!("ok\n{}", "x".repeat(1_001)),
            ..form(repeat)
        };
        let errors = bad.read(&MOSCOW, ids()).unwrap_err();
        for (field, problem) in [
            ("deadline", Problem::InvalidDateTime),
            ("reminder", Problem::InvalidNumber),
            ("checklist", Problem::TooLong { max_chars: 1_000 }),
            ("every", Problem::InvalidNumber),
            ("weekdays", Problem::UnknownOption),
            ("count", Problem::InvalidNumber),
        ] {
            assert_eq!(errors.for_field(field), Some(problem), "{field}");
        }
        let until = RepeatForm { end: "until".into(), until: "31.12.2026".into(), ..weekly() };
        assert_eq!(
            form(until).read(&MOSCOW, ids()).unwrap_err().for_field("until"),
            Some(Problem::InvalidDate)
        );
    }

    #[test]
    fn checklist_lines_become_items_of_one_group_and_tags_are_split() {
        let typed = TaskForm {
            checklist: " Agenda \n\n  Slides\n".into(),
            tags: "Seminar, , VIP ".into(),
            reminder: "60".into(),
            project: "p1".into(),
            ..form(RepeatForm::default())
        };
        let (draft, _) = typed.read(&MOSCOW, ids()).expect("valid");
        let [group] = draft.checklist.groups.as_slice() else { panic!("one group") };
        assert_eq!(group.id, user("id1"));
        let items: Vec<(&str, &str)> = group.items.iter().map(|i| (i.id.as_str(), i.text.as_str())).collect();
        assert_eq!(items, [("id2", "Agenda"), ("id3", "Slides")]);
        assert_eq!(draft.tags, ["Seminar", "VIP"]);
        assert_eq!((draft.reminders, draft.project), (vec![60], Some(user("p1"))));
        let blank = TaskForm { checklist: " \n ".into(), ..form(RepeatForm::default()) };
        assert_eq!(blank.read(&MOSCOW, ids()).expect("valid").0.checklist, Checklist::default());
    }

    #[test]
    fn a_refused_series_is_named_against_the_field_to_fix() {
        assert_eq!(series_error(SeriesError::NoDeadline).for_field("deadline"), Some(Problem::Required));
        assert_eq!(series_error(SeriesError::NoWeekdays).for_field("weekdays"), Some(Problem::Required));
        assert_eq!(series_error(SeriesError::ZeroInterval).for_field("every"), Some(Problem::InvalidAmount));
        assert_eq!(series_error(SeriesError::ZeroCount).for_field("count"), Some(Problem::InvalidAmount));
        assert_eq!(
            series_error(SeriesError::UntilBeforeStart).for_field("until"),
            Some(Problem::InvalidDate)
        );
    }
}
