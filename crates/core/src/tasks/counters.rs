//! The numbers in the header and above the task list, computed in one pass
//! over the tasks so they can be refreshed after every change.
//!
//! Overdue and due today never overlap: a task due at 10:00 is "due today"
//! until 10:00 and "overdue" after. Completed tasks are never new: there is
//! nothing left to notice. A task stops being new once opened; later changes
//! reach people as notifications instead.

use super::deadline::is_overdue;
use super::role::Roles;
use super::status::Status;
use super::task::Task;
use crate::zone::{local_date, start_of_day, Zone};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub overdue: u32,
    pub due_today: u32,
    pub new: u32,
    pub awaiting_review: u32,
    pub returned: u32,
}

/// `mine`: tasks I work on (overdue, due today, new), tasks I set that await
/// my review, tasks returned to me as their responsible. `watched`: the same
/// five among the tasks I observe.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UserCounters {
    pub mine: Counters,
    pub watched: Counters,
}

pub fn user_counters<'a>(
    user: &Id,
    tasks: impl IntoIterator<Item = &'a Task>,
    now: Timestamp,
    zone: &impl Zone,
) -> UserCounters {
    let day = Day::new(now, zone);
    let mut counters = UserCounters::default();
    for task in tasks {
        let roles = Roles::of(task, user);
        if roles.works() {
            day.count_timing(&mut counters.mine, task, user);
        }
        if roles.creator && task.status == Status::AwaitingReview {
            counters.mine.awaiting_review += 1;
        }
        if roles.responsible && is_returned(task) {
            counters.mine.returned += 1;
        }
        if roles.observer {
            day.count_all(&mut counters.watched, task, user);
        }
    }
    counters
}

/// The counters of a whole set of tasks, such as a project's, as `viewer`
/// sees them ("new" is what the viewer has not opened).
pub fn team_counters<'a>(
    viewer: &Id,
    tasks: impl IntoIterator<Item = &'a Task>,
    now: Timestamp,
    zone: &impl Zone,
) -> Counters {
    let day = Day::new(now, zone);
    let mut counters = Counters::default();
    for task in tasks {
        day.count_all(&mut counters, task, viewer);
    }
    counters
}

fn is_returned(task: &Task) -> bool {
    task.returned && task.status == Status::InProgress
}

/// Today's bounds, found once per pass rather than once per task.
struct Day {
    now: Timestamp,
    tomorrow: Timestamp,
}

impl Day {
    fn new(now: Timestamp, zone: &impl Zone) -> Self {
        Self { now, tomorrow: start_of_day(zone, local_date(zone, now).add_days(1)) }
    }

    fn count_timing(&self, counters: &mut Counters, task: &Task, viewer: &Id) {
        if is_overdue(task, self.now) {
            counters.overdue += 1;
        } else if task.status.is_open() && task.deadline.is_some_and(|deadline| deadline < self.tomorrow) {
            counters.due_today += 1;
        }
        if task.status != Status::Completed && !task.viewed_by.contains(viewer) {
            counters.new += 1;
        }
    }

    fn count_all(&self, counters: &mut Counters, task: &Task, viewer: &Id) {
        self.count_timing(counters, task, viewer);
        counters.awaiting_review += u32::from(task.status == Status::AwaitingReview);
        counters.returned += u32::from(is_returned(task));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::action::Action;
    use crate::tasks::fixtures::*;

    /// Friday of the fixture deadline, 12:00 in Moscow; the deadline is 18:00.
    fn friday_noon() -> Timestamp {
        msk("2026-12-04", 12, 0)
    }

    fn with_deadline(deadline: Option<Timestamp>) -> Task {
        task_with(|draft| draft.deadline = deadline)
    }

    #[test]
    fn due_today_and_overdue_follow_the_local_day_and_do_not_overlap() {
        let tasks = [
            with_deadline(Some(msk("2026-12-04", 18, 0))),  // today, later
            with_deadline(Some(msk("2026-12-04", 23, 59))), // today, last minute
            with_deadline(Some(msk("2026-12-04", 9, 0))),   // today, passed: overdue
            with_deadline(Some(msk("2026-12-03", 18, 0))),  // yesterday: overdue
            with_deadline(Some(msk("2026-12-05", 0, 0))),   // tomorrow
            with_deadline(None),
        ];
        let counters = user_counters(&rita(), &tasks, friday_noon(), &MOSCOW);
        assert_eq!((counters.mine.due_today, counters.mine.overdue), (2, 2));
        let in_london = user_counters(&rita(), &tasks, friday_noon(), &crate::zone::FixedOffset(0));
        assert_eq!(in_london.mine.due_today, 3, "Saturday 00:00 Moscow is still Friday in London");
    }

    #[test]
    fn new_counts_open_tasks_i_work_on_that_i_have_not_opened() {
        let mut seen = task();
        seen.mark_viewed(&rita());
        let mut done = task();
        done.status = Status::Completed;
        let tasks = [task(), seen, done];
        assert_eq!(user_counters(&rita(), &tasks, CREATED, &MOSCOW).mine.new, 1);
        assert_eq!(user_counters(&cole(), &tasks, CREATED, &MOSCOW).mine.new, 2, "co-executors too");
        assert_eq!(
            user_counters(&anna(), &tasks, CREATED, &MOSCOW).mine,
            Counters::default(),
            "the creator has seen them"
        );
    }

    #[test]
    fn review_and_returned_counters_follow_the_flow() {
        let mut task = task_with(|draft| draft.review_required = true);
        task.mark_viewed(&rita());
        task.apply(Action::Complete, &rita(), CREATED).unwrap();
        let tasks = std::slice::from_ref(&task);
        assert_eq!(user_counters(&anna(), tasks, CREATED, &MOSCOW).mine.awaiting_review, 1);
        assert_eq!(user_counters(&rita(), tasks, CREATED, &MOSCOW).mine.awaiting_review, 0);
        task.apply(Action::Return { comment: "Redo".into() }, &anna(), CREATED).unwrap();
        let tasks = std::slice::from_ref(&task);
        assert_eq!(user_counters(&anna(), tasks, CREATED, &MOSCOW).mine.awaiting_review, 0);
        assert_eq!(user_counters(&rita(), tasks, CREATED, &MOSCOW).mine.returned, 1);
        assert_eq!(
            user_counters(&cole(), tasks, CREATED, &MOSCOW).mine.returned,
            0,
            "returned to the responsible"
        );
        task.apply(Action::Complete, &rita(), CREATED).unwrap();
        assert_eq!(user_counters(&rita(), [&task], CREATED, &MOSCOW).mine.returned, 0);
    }

    #[test]
    fn observers_get_the_same_counters_for_the_tasks_they_watch() {
        let late = with_deadline(Some(msk("2026-12-03", 18, 0)));
        let mut reviewed = task_with(|draft| draft.review_required = true);
        reviewed.apply(Action::Complete, &rita(), CREATED).unwrap();
        let mut returned = reviewed.clone();
        returned.apply(Action::Return { comment: "Redo".into() }, &anna(), CREATED).unwrap();
        let tasks = [late, task(), reviewed, returned];
        let olga = user_counters(&olga(), &tasks, friday_noon(), &MOSCOW);
        assert_eq!(olga.mine, Counters::default(), "Olga works on none of them");
        assert_eq!(
            olga.watched,
            Counters { overdue: 1, due_today: 2, new: 4, awaiting_review: 1, returned: 1 },
            "the task awaiting review is not due: the workers are done"
        );
    }

    #[test]
    fn a_project_page_counts_all_its_tasks_for_the_viewer() {
        let mut reviewed = task_with(|draft| draft.review_required = true);
        reviewed.apply(Action::Complete, &rita(), CREATED).unwrap();
        let tasks = [with_deadline(Some(msk("2026-12-03", 18, 0))), task(), reviewed];
        let counters = team_counters(&otto(), &tasks, friday_noon(), &MOSCOW);
        assert_eq!(counters, Counters { overdue: 1, due_today: 1, new: 3, awaiting_review: 1, returned: 0 });
    }
}
