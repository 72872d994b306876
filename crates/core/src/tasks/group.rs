//! Making tasks from a validated form. Several responsibles make a group
//! task: one independent copy each, so every person has their own status,
//! checklist and comments, and one person's progress never closes another's.

use super::draft::ValidTask;
use super::event::{EventKind, TaskEvent};
use super::task::Task;
use crate::{Id, Timestamp};

/// One task per responsible, in the form's order, each with its creation
/// event; `ids` is called once per task for its new id.
pub fn create_tasks(
    valid: &ValidTask,
    mut ids: impl FnMut() -> Id,
    actor: &Id,
    now: Timestamp,
) -> Vec<(Task, TaskEvent)> {
    valid
        .responsibles
        .iter()
        .map(|responsible| {
            let task = Task::from_valid(ids(), valid, responsible, actor, actor, now);
            let event = TaskEvent::new(&task, Some(actor), now, EventKind::Created);
            (task, event)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::draft::TaskDraft;
    use crate::tasks::fixtures::*;

    #[test]
    fn one_task_is_made_for_each_responsible_and_otherwise_identical() {
        let draft = TaskDraft { responsibles: vec!["rita".into(), "cole".into(), "otto".into()], ..draft() };
        let valid = draft.validate(&users()).unwrap();
        let mut next = 0;
        let made = create_tasks(
            &valid,
            || {
                next += 1;
                user(&format!("t{next}"))
            },
            &anna(),
            CREATED,
        );
        let ids: Vec<_> = made.iter().map(|(task, _)| task.id.to_string()).collect();
        assert_eq!(ids, ["t1", "t2", "t3"]);
        let responsibles: Vec<_> = made.iter().map(|(task, _)| task.responsible.clone()).collect();
        assert_eq!(responsibles, vec![rita(), cole(), otto()]);
        for (task, event) in &made {
            let first = &made[0].0;
            assert_eq!(
                (&task.title, &task.deadline, &task.observers),
                (&first.title, &first.deadline, &first.observers)
            );
            assert!(task.co_executors.is_empty(), "Cole is a responsible here, so nobody's helper");
            assert_eq!(task.creator, anna());
            assert_eq!(event.task, task.id);
            assert_eq!(event.kind, EventKind::Created);
            assert_eq!(event.actor, Some(anna()));
        }
    }

    #[test]
    fn a_single_responsible_makes_a_single_task() {
        let valid = draft().validate(&users()).unwrap();
        let made = create_tasks(&valid, || user("t1"), &anna(), CREATED);
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].0.responsible, rita());
        assert_eq!(made[0].0.co_executors, vec![cole()]);
    }
}
