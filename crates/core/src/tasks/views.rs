//! The task lists: by my role, by deadline, by project and as a kanban
//! board. Each list is in one defined order, so lists do not reshuffle
//! between renders or devices: earliest deadline first (none last), then
//! high priority, then the older task, then the id as the final tie-break.

use std::cmp::Ordering;

use super::deadline::is_overdue;
use super::role::{Role, Roles};
use super::status::Status;
use super::task::Task;
use crate::zone::{local_date, start_of_day, Zone};
use crate::{Id, Timestamp};

fn task_order(a: &Task, b: &Task) -> Ordering {
    let deadline = |task: &Task| (task.deadline.is_none(), task.deadline);
    deadline(a)
        .cmp(&deadline(b))
        .then_with(|| b.priority.cmp(&a.priority))
        .then_with(|| a.stamp.created_at.cmp(&b.stamp.created_at))
        .then_with(|| a.id.cmp(&b.id))
}

fn sorted(mut tasks: Vec<&Task>) -> Vec<&Task> {
    crate::sort::sort_by(&mut tasks, |a, b| task_order(a, b));
    tasks
}

/// The tasks where `user` holds `role` (a creator who is also responsible is
/// in both lists); `Role::Outsider` gives those they only see through a
/// project.
pub fn by_role<'a>(tasks: impl IntoIterator<Item = &'a Task>, user: &Id, role: Role) -> Vec<&'a Task> {
    sorted(tasks.into_iter().filter(|task| Roles::of(task, user).has(role)).collect())
}

/// Open tasks by when they are due, in the viewer's zone. Weeks run Monday
/// to Sunday; "this week" starts tomorrow, so on Sunday it is empty.
/// Tasks awaiting review, deferred or completed are not here: nobody is
/// meant to be working on them now (the kanban shows them).
#[derive(Debug, Default, PartialEq)]
pub struct DeadlineBuckets<'a> {
    pub overdue: Vec<&'a Task>,
    pub today: Vec<&'a Task>,
    pub this_week: Vec<&'a Task>,
    pub later: Vec<&'a Task>,
    pub no_deadline: Vec<&'a Task>,
}

pub fn by_deadline<'a>(
    tasks: impl IntoIterator<Item = &'a Task>,
    now: Timestamp,
    zone: &impl Zone,
) -> DeadlineBuckets<'a> {
    let today = local_date(zone, now);
    let tomorrow = start_of_day(zone, today.add_days(1));
    let next_week = start_of_day(zone, today.add_days(7 - i64::from(today.weekday().index())));
    let mut buckets = DeadlineBuckets::default();
    for task in tasks.into_iter().filter(|task| task.status.is_open()) {
        let bucket = match task.deadline {
            None => &mut buckets.no_deadline,
            Some(_) if is_overdue(task, now) => &mut buckets.overdue,
            Some(deadline) if deadline < tomorrow => &mut buckets.today,
            Some(deadline) if deadline < next_week => &mut buckets.this_week,
            Some(_) => &mut buckets.later,
        };
        bucket.push(task);
    }
    for bucket in [
        &mut buckets.overdue,
        &mut buckets.today,
        &mut buckets.this_week,
        &mut buckets.later,
        &mut buckets.no_deadline,
    ] {
        crate::sort::sort_by(bucket, |a, b| task_order(a, b));
    }
    buckets
}

/// Tasks grouped by project, groups ordered by project id, tasks without a
/// project last. The app shows project names; ids keep this pure.
pub fn by_project<'a>(tasks: impl IntoIterator<Item = &'a Task>) -> Vec<(Option<&'a Id>, Vec<&'a Task>)> {
    let mut groups: Vec<(Option<&'a Id>, Vec<&'a Task>)> = Vec::new();
    for task in tasks {
        let project = task.project.as_ref();
        match groups.iter_mut().find(|(id, _)| *id == project) {
            Some((_, list)) => list.push(task),
            None => groups.push((project, vec![task])),
        }
    }
    crate::sort::sort_by(&mut groups, |(a, _), (b, _)| (a.is_none(), a).cmp(&(b.is_none(), b)));
    groups.into_iter().map(|(project, tasks)| (project, sorted(tasks))).collect()
}

/// One column per status in [`Status::ALL`] order, empty columns included
/// so the board keeps its shape.
pub fn kanban<'a>(tasks: impl IntoIterator<Item = &'a Task>) -> Vec<(Status, Vec<&'a Task>)> {
    let mut columns: Vec<(Status, Vec<&'a Task>)> =
        Status::ALL.into_iter().map(|s| (s, Vec::new())).collect();
    for task in tasks {
        if let Some((_, column)) = columns.iter_mut().find(|(status, _)| *status == task.status) {
            column.push(task);
        }
    }
    columns.into_iter().map(|(status, tasks)| (status, sorted(tasks))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::*;
    use crate::tasks::task::Priority;

    fn named(id: &str, edit: impl FnOnce(&mut Task)) -> Task {
        let mut task = task();
        task.id = user(id);
        edit(&mut task);
        task
    }

    fn ids<'a>(tasks: impl IntoIterator<Item = &'a &'a Task>) -> Vec<&'a str> {
        tasks.into_iter().map(|task| task.id.as_str()).collect()
    }

    #[test]
    fn tasks_are_ordered_by_deadline_then_priority_then_age_then_id() {
        let tasks = [
            named("none", |t| t.deadline = None),
            named("late-normal", |_| {}),
            named("b-same", |t| t.deadline = Some(CREATED)),
            named("a-same", |t| t.deadline = Some(CREATED)),
            named("urgent", |t| t.priority = Priority::High),
            named("older", |t| t.stamp.created_at = Timestamp(0)),
        ];
        let list = by_role(&tasks, &rita(), Role::Responsible);
        assert_eq!(ids(&list), ["a-same", "b-same", "urgent", "older", "late-normal", "none"]);
    }

    #[test]
    fn my_tasks_are_listed_by_each_role_i_hold() {
        let tasks = [
            named("rita-works", |_| {}),
            named("anna-own", |t| t.responsible = anna()),
            named("otto-sets", |t| {
                t.creator = otto();
                t.observers = vec![anna()];
            }),
        ];
        assert_eq!(ids(&by_role(&tasks, &anna(), Role::Responsible)), ["anna-own"]);
        assert_eq!(ids(&by_role(&tasks, &anna(), Role::Creator)), ["anna-own", "rita-works"]);
        assert_eq!(ids(&by_role(&tasks, &anna(), Role::Observer)), ["otto-sets"]);
        assert_eq!(ids(&by_role(&tasks, &cole(), Role::CoExecutor)).len(), 3);
        assert_eq!(ids(&by_role(&tasks, &rita(), Role::Outsider)), ["anna-own"]);
    }

    #[test]
    fn deadline_buckets_follow_the_local_calendar_week() {
        // Wednesday 2026-12-02, 12:00 in Moscow.
        let now = msk("2026-12-02", 12, 0);
        let due = |id: &str, at: Option<Timestamp>| named(id, |t| t.deadline = at);
        let tasks = [
            due("late", Some(msk("2026-12-02", 11, 0))),
            due("tonight", Some(msk("2026-12-02", 23, 0))),
            due("thursday", Some(msk("2026-12-03", 0, 0))),
            due("sunday", Some(msk("2026-12-06", 23, 59))),
            due("monday", Some(msk("2026-12-07", 0, 0))),
            due("whenever", None),
            named("deferred", |t| t.status = Status::Deferred),
            named("in-review", |t| t.status = Status::AwaitingReview),
        ];
        let buckets = by_deadline(&tasks, now, &MOSCOW);
        assert_eq!(ids(&buckets.overdue), ["late"]);
        assert_eq!(ids(&buckets.today), ["tonight"]);
        assert_eq!(ids(&buckets.this_week), ["thursday", "sunday"]);
        assert_eq!(ids(&buckets.later), ["monday"]);
        assert_eq!(ids(&buckets.no_deadline), ["whenever"]);
    }

    #[test]
    fn on_sunday_this_week_is_empty_and_monday_is_later() {
        let now = msk("2026-12-06", 10, 0);
        let tasks = [named("monday", |t| t.deadline = Some(msk("2026-12-07", 9, 0)))];
        let buckets = by_deadline(&tasks, now, &MOSCOW);
        assert!(buckets.this_week.is_empty());
        assert_eq!(ids(&buckets.later), ["monday"]);
    }

    #[test]
    fn tasks_are_grouped_by_project_with_the_unfiled_last() {
        let tasks = [
            named("loose", |_| {}),
            named("b1", |t| t.project = Some(user("p-b"))),
            named("a1", |t| t.project = Some(user("p-a"))),
            named("b2", |t| {
                t.project = Some(user("p-b"));
                t.priority = Priority::High;
            }),
        ];
        let groups = by_project(&tasks);
        let shape: Vec<_> = groups.iter().map(|(p, list)| (p.map(|id| id.as_str()), ids(list))).collect();
        assert_eq!(
            shape,
            vec![(Some("p-a"), vec!["a1"]), (Some("p-b"), vec!["b2", "b1"]), (None, vec!["loose"])]
        );
    }

    #[test]
    fn the_kanban_has_every_status_column_in_order_even_when_empty() {
        let tasks = [named("done", |t| t.status = Status::Completed), named("fresh", |_| {})];
        let board = kanban(&tasks);
        let shape: Vec<_> = board.iter().map(|(status, list)| (*status, ids(list))).collect();
        assert_eq!(
            shape,
            vec![
                (Status::New, vec!["fresh"]),
                (Status::InProgress, vec![]),
                (Status::AwaitingReview, vec![]),
                (Status::Completed, vec!["done"]),
                (Status::Deferred, vec![]),
            ]
        );
    }
}
