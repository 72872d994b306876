//! Creating, releasing, moving and cancelling jobs as deals move through
//! stages and their fields change. Each function returns what it changed,
//! so the app writes only those jobs.

use super::job::{job_id, CancelReason, Job, JobState};
use super::robot::{robots_of, Robot};
use super::timing::Timing;
use crate::calendar::WorkCalendar;
use crate::deal::Deal;
use crate::zone::Zone;
use crate::{Id, Timestamp};

/// The jobs of the robots of the stage the deal has just entered or was
/// created in, in robot order; the entry is the deal's `stage_since`. A
/// robot waiting for the previous one waits; the first robot of a stage has
/// no previous one and starts with the entry.
pub fn schedule_on_entry(
    deal: &Deal,
    robots: &[Robot],
    calendar: &WorkCalendar,
    zone: &impl Zone,
) -> Vec<Job> {
    let entered_at = deal.stage_since;
    let mut jobs: Vec<Job> = Vec::new();
    for robot in robots_of(robots, &deal.pipeline, &deal.stage) {
        let after = jobs.last().filter(|_| robot.after_previous).map(|previous| previous.id.clone());
        let mut job = Job {
            id: job_id(&robot.id, &deal.id, entered_at),
            robot: robot.id.clone(),
            deal: deal.id.clone(),
            pipeline: deal.pipeline.clone(),
            stage: deal.stage.clone(),
            entered_at,
            base: entered_at,
            after,
            due_at: None,
            state: JobState::WaitingForPrevious,
        };
        if job.after.is_none() {
            set_due(&mut job, robot.timing.due(entered_at, &deal.fields, calendar, zone));
        }
        jobs.push(job);
    }
    jobs
}

fn set_due(job: &mut Job, due: Option<Timestamp>) {
    job.due_at = due;
    job.state = if due.is_some() { JobState::Pending } else { JobState::WaitingForDate };
}

/// Cancels the deal's jobs that have not started and belong to another
/// visit of a stage than the current one: call after every move (and
/// before scheduling the new stage's jobs). `jobs` may hold any jobs; only
/// the deal's are touched.
pub fn cancel_on_leave(jobs: &mut [Job], deal: &Deal, now: Timestamp) -> Vec<Id> {
    let left =
        |job: &Job| job.deal == deal.id && (job.stage != deal.stage || job.entered_at != deal.stage_since);
    jobs.iter_mut()
        .filter_map(|job| (left(job) && job.cancel(now, CancelReason::LeftStage)).then(|| job.id.clone()))
        .collect()
}

/// Lets the job waiting for `finished` go: its timing now counts from when
/// `finished` finished. A job cancelled because the deal left the stage
/// releases nothing (the waiting one is cancelled with it). Returns the
/// released job's id.
pub fn release_next(
    finished: &Job,
    jobs: &mut [Job],
    robots: &[Robot],
    deal: &Deal,
    calendar: &WorkCalendar,
    zone: &impl Zone,
) -> Option<Id> {
    let at = finished.finished_at()?;
    if matches!(finished.state, JobState::Cancelled { reason, .. } if reason != CancelReason::RobotRemoved) {
        return None;
    }
    let next = jobs
        .iter_mut()
        .find(|job| job.after.as_ref() == Some(&finished.id) && job.state == JobState::WaitingForPrevious)?;
    next.base = at;
    // A removed robot is made due at once, so that running it cancels it
    // and releases the robot after it in turn.
    let timing =
        robots.iter().find(|robot| robot.id == next.robot).map_or(&Timing::Immediately, |r| &r.timing);
    set_due(next, timing.due(at, &deal.fields, calendar, zone));
    Some(next.id.clone())
}

/// Follows a change of the deal's date field `field`: jobs timed by it
/// that have not started move to the new date, wait when it was cleared,
/// and become due at once when it is already past.
pub fn reschedule_dates(
    jobs: &mut [Job],
    robots: &[Robot],
    deal: &Deal,
    field: &Id,
    calendar: &WorkCalendar,
    zone: &impl Zone,
    now: Timestamp,
) -> Vec<Id> {
    let mut changed = Vec::new();
    for job in jobs.iter_mut().filter(|job| job.deal == deal.id) {
        if !matches!(job.state, JobState::Pending | JobState::WaitingForDate) {
            continue;
        }
        let Some(robot) = robots.iter().find(|robot| robot.id == job.robot) else { continue };
        if !matches!(&robot.timing, Timing::AtDate { field: timed_by, .. } if timed_by == field) {
            continue;
        }
        let due = robot.timing.due(job.base, &deal.fields, calendar, zone).map(|due| due.max(now));
        if due != job.due_at {
            set_due(job, due);
            changed.push(job.id.clone());
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::super::action::{Action, Recipient};
    use super::super::examples::{DATA_COLLECTION, NEW, PIPELINE, REACTION_CONTROL, VIP_NOTICE};
    use super::super::fixture::{id, minutes, monday_10, moscow, App, World, MOSCOW};
    use super::super::timing::{Delay, Unit};
    use super::*;
    use crate::fields::{FieldDef, FieldEntity, FieldKind, Value};

    fn notify(name: &str, timing: Timing, after_previous: bool) -> Robot {
        Robot {
            id: id(name),
            pipeline: Id::from_static(PIPELINE),
            stage: Id::from_static(DATA_COLLECTION),
            action: Action::Notify { to: Recipient::Responsible, text: name.into() },
            timing,
            condition: Default::default(),
            after_previous,
        }
    }

    fn minutes_later(n: u32) -> Timing {
        Timing::After(Delay::new(n, Unit::Minutes))
    }

    fn texts(app: &App) -> Vec<String> {
        let mut notifications: Vec<_> = app.notifications.values().collect();
        crate::sort::sort_by_key(&mut notifications, |notification| {
            (notification.created_at, notification.text.clone())
        });
        notifications.iter().map(|notification| notification.text.clone()).collect()
    }

    #[test]
    fn entering_a_stage_schedules_its_robots_with_ids_from_the_entry() {
        let created = monday_10();
        let world = World::training(created);
        let jobs = schedule_on_entry(&world.deal, &world.robots, &world.calendar, &MOSCOW);
        let robots: Vec<&str> = jobs.iter().map(|job| job.robot.as_str()).collect();
        assert_eq!(robots, [REACTION_CONTROL, VIP_NOTICE]);
        assert_eq!(jobs[0].id, job_id(&id(REACTION_CONTROL), &world.deal.id, created));
        assert_eq!(
            (jobs[0].due_at, &jobs[0].state),
            (Some(created.plus_millis(minutes(10))), &JobState::Pending)
        );
        assert_eq!(jobs[1].due_at, Some(created));
        assert!(jobs.iter().all(|job| job.stage.as_str() == NEW && job.entered_at == created));
        assert_eq!(schedule_on_entry(&world.deal, &world.robots, &world.calendar, &MOSCOW), jobs);
    }

    #[test]
    fn a_robot_waiting_for_the_previous_counts_its_delay_from_when_that_one_ran() {
        let created = monday_10();
        let mut world = World::training(created);
        world.robots.extend([
            notify("a", minutes_later(60), false),
            notify("b", minutes_later(30), true),
            notify("c", Timing::Immediately, false),
            notify("d", Timing::Immediately, true),
        ]);
        let mut app = App::created(&world);
        app.tick(&mut world, created);
        app.move_deal(&mut world, DATA_COLLECTION, created).unwrap();
        assert_eq!(app.job_of("b").state, JobState::WaitingForPrevious);
        assert_eq!(app.job_of("b").after.as_ref(), Some(&app.job_of("a").id));
        app.tick(&mut world, created.plus_millis(minutes(1)));
        assert_eq!(texts(&app), ["c", "d"]);
        assert_eq!(app.job_of("d").base, created.plus_millis(minutes(1)), "d followed c at once");
        app.tick(&mut world, created.plus_millis(minutes(61)));
        assert_eq!(app.job_of("b").base, created.plus_millis(minutes(61)), "a ran a minute late");
        assert_eq!(app.job_of("b").due_at, Some(created.plus_millis(minutes(91))));
        app.tick(&mut world, created.plus_millis(minutes(90)));
        assert_eq!(texts(&app).len(), 3);
        app.tick(&mut world, created.plus_millis(minutes(91)));
        assert_eq!(texts(&app), ["c", "d", "a", "b"]);
    }

    #[test]
    fn a_skipped_robot_lets_the_next_one_go_and_the_first_robot_never_waits() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut never = notify("never", Timing::Immediately, true);
        never.condition = crate::conditions::Condition::Any(Vec::new());
        world.robots.extend([never, notify("next", Timing::Immediately, true)]);
        let mut app = App::created(&world);
        app.move_deal(&mut world, DATA_COLLECTION, created).unwrap();
        assert_eq!(app.job_of("never").state, JobState::Pending, "nothing before it to wait for");
        app.tick(&mut world, created);
        assert!(matches!(app.job_of("never").state, JobState::Skipped { .. }));
        assert_eq!(texts(&app), ["next"]);
    }

    #[test]
    fn leaving_the_stage_cancels_what_has_not_started_there() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut app = App::created(&world);
        let mut other_deal = app.jobs[0].clone();
        other_deal.deal = id("another");
        app.jobs.push(other_deal);
        let mut claimed = app.jobs[1].clone();
        claimed.state = JobState::Claimed { at: created, effects: Vec::new() };
        app.jobs[1] = claimed;
        let now = created.plus_millis(minutes(2));
        world
            .deal
            .move_to_stage(&world.pipeline, &Id::from_static(DATA_COLLECTION), &id("anna"), now)
            .unwrap();
        let cancelled = cancel_on_leave(&mut app.jobs, &world.deal, now);
        assert_eq!(cancelled, [app.jobs[0].id.clone()]);
        assert_eq!(app.jobs[0].state, JobState::Cancelled { at: now, reason: CancelReason::LeftStage });
        assert!(matches!(app.jobs[1].state, JobState::Claimed { .. }), "a running job finishes");
        assert_eq!(app.jobs[2].state, JobState::Pending, "another deal's job");
    }

    #[test]
    fn coming_back_to_the_stage_is_a_new_visit_with_new_jobs() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut app = App::created(&world);
        app.move_deal(&mut world, DATA_COLLECTION, created.plus_millis(minutes(1))).unwrap();
        app.move_deal(&mut world, NEW, created.plus_millis(minutes(2))).unwrap();
        let controls: Vec<&Job> =
            app.jobs.iter().filter(|job| job.robot.as_str() == REACTION_CONTROL).collect();
        assert_eq!(controls.len(), 2);
        assert!(matches!(controls[0].state, JobState::Cancelled { .. }));
        assert_eq!(controls[1].due_at, Some(created.plus_millis(minutes(12))));
    }

    #[test]
    fn only_a_finished_previous_robot_releases_and_not_when_the_deal_left() {
        let created = monday_10();
        let mut world = World::training(created);
        world.robots.extend([notify("a", minutes_later(5), false), notify("b", minutes_later(5), true)]);
        world.deal.stage = Id::from_static(DATA_COLLECTION);
        let mut jobs = schedule_on_entry(&world.deal, &world.robots, &world.calendar, &MOSCOW);
        let release = |finished: &Job, jobs: &mut Vec<Job>| {
            release_next(finished, jobs, &world.robots, &world.deal, &world.calendar, &MOSCOW)
        };
        assert_eq!(release(&jobs[0].clone(), &mut jobs), None, "still pending");
        let mut left = jobs[0].clone();
        left.cancel(created, CancelReason::LeftStage);
        assert_eq!(release(&left, &mut jobs), None);
        let mut removed = jobs[0].clone();
        removed.cancel(created.plus_millis(minutes(1)), CancelReason::RobotRemoved);
        assert_eq!(release(&removed, &mut jobs), Some(jobs[1].id.clone()));
        assert_eq!(jobs[1].due_at, Some(created.plus_millis(minutes(6))));
        assert_eq!(release(&removed, &mut jobs), None, "released once");
    }

    #[test]
    fn date_robots_follow_their_field() {
        let created = moscow("2026-11-20", 15, 0);
        let mut world = World::training(created);
        world.defs.push(FieldDef::new(id("delivery"), FieldEntity::Deal, "Delivery", FieldKind::Date));
        let mut robot = notify("call", Timing::AtDate { field: id("delivery"), offset_days: -1 }, false);
        robot.stage = Id::from_static(NEW);
        world.robots.push(robot);
        let mut jobs = schedule_on_entry(&world.deal, &world.robots, &world.calendar, &MOSCOW);
        assert_eq!((jobs[2].due_at, &jobs[2].state), (None, &JobState::WaitingForDate));
        let mut set = |world: &mut World, date: Option<&str>, now| {
            let value = date.map(|date| Value::Date(crate::date::Date::parse(date).unwrap()));
            world.deal.fields.set(id("delivery"), value);
            let changed = reschedule_dates(
                &mut jobs,
                &world.robots,
                &world.deal,
                &id("delivery"),
                &world.calendar,
                &MOSCOW,
                now,
            );
            (changed.len(), jobs[2].due_at, jobs[2].state.clone())
        };
        assert_eq!(
            set(&mut world, Some("2026-12-01"), created),
            (1, Some(moscow("2026-11-30", 9, 0)), JobState::Pending)
        );
        assert_eq!(set(&mut world, Some("2026-12-01"), created).0, 0, "unchanged");
        assert_eq!(set(&mut world, Some("2026-12-05"), created).1, Some(moscow("2026-12-04", 9, 0)));
        assert_eq!(set(&mut world, None, created), (1, None, JobState::WaitingForDate));
        let now = moscow("2026-11-25", 12, 0);
        assert_eq!(
            set(&mut world, Some("2026-11-21"), now),
            (1, Some(now), JobState::Pending),
            "already past: now"
        );
        assert_eq!(jobs[0].due_at, Some(created.plus_millis(minutes(10))), "other robots stay");
    }
}
