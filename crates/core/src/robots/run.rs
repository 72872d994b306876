//! Running a due job: the one step between "pending" and the effects the
//! app writes. See [`super::job`] for the exactly-once protocol.

use super::effect::Effect;
use super::job::{CancelReason, Job, JobError, JobState, SkipReason, CLAIM_LEASE};
use super::resolve::{resolve, RunContext};
use crate::zone::Zone;
use crate::Timestamp;

/// Runs `job` at `now` and returns the effects to write, then
/// [`Job::complete`] it. What it does, by the job's state:
///
/// - pending and due: checks that the robot still exists and that the deal
///   is still in the same visit of the stage (else cancelled), then the
///   robot's condition on the deal as it is now (false: skipped, for good),
///   then resolves the action: claimed with the effects, or skipped when
///   there is nothing to do (no head, no address…). Jobs due while the app
///   was closed are simply due now.
/// - claimed with the lease over (the claiming run crashed): the stored
///   effects again, unchanged.
///
/// The job is changed in place and must be written before the effects.
/// A skipped or cancelled job returns no effects; it may still release the
/// robot after it ([`super::release_next`]).
pub fn run<'j, Z: Zone>(
    job: &'j mut Job,
    ctx: &RunContext<Z>,
    now: Timestamp,
) -> Result<&'j [Effect], JobError> {
    if ctx.snapshot.deal.id != job.deal {
        return Err(JobError::OtherDeal);
    }
    match &job.state {
        JobState::Pending if job.due_at.is_some_and(|due| due <= now) => {}
        JobState::Claimed { at, .. } if at.plus_millis(CLAIM_LEASE) <= now => {
            return Ok(job.effects());
        }
        JobState::Claimed { .. } => return Err(JobError::Running),
        _ if !job.is_open() => return Err(JobError::Finished),
        _ => return Err(JobError::NotDue),
    }
    let deal = ctx.snapshot.deal;
    let Some(robot) = ctx.robots.iter().find(|robot| robot.id == job.robot) else {
        job.cancel(now, CancelReason::RobotRemoved);
        return Ok(&[]);
    };
    if deal.stage != job.stage || deal.stage_since != job.entered_at {
        job.cancel(now, CancelReason::LeftStage);
        return Ok(&[]);
    }
    job.state = if !robot.condition.holds(&ctx.snapshot) {
        JobState::Skipped { at: now, reason: SkipReason::ConditionFalse }
    } else {
        match resolve(robot, job, ctx, now) {
            Ok(effects) => JobState::Claimed { at: now, effects },
            Err(reason) => JobState::Skipped { at: now, reason },
        }
    };
    Ok(job.effects())
}

#[cfg(test)]
mod tests {
    use super::super::examples::{DATA_COLLECTION, LOST, REACTION_CONTROL, VIP_NOTICE};
    use super::super::fixture::{id, minutes, monday_10, App, World};
    use super::super::{schedule_on_entry, Action, JobQueue, NotificationKind};
    use super::*;
    use crate::fields::Values;
    use crate::Id;

    fn scheduled(world: &World, robot: &str) -> Job {
        let jobs = schedule_on_entry(&world.deal, &world.robots, &world.calendar, world.ctx().zone);
        jobs.into_iter().find(|job| job.robot.as_str() == robot).unwrap()
    }

    #[test]
    fn a_crash_before_completing_replays_the_same_effects_and_ends_done_once() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut app = App::created(&world);
        app.tick(&mut world, created);
        let control = app.job_of(REACTION_CONTROL).id.clone();
        let due = created.plus_millis(minutes(10));

        app.run_one(&mut world, &control, due, true);
        let claimed = app.job_of(REACTION_CONTROL).clone();
        let JobState::Claimed { effects: first, .. } = &claimed.state else {
            panic!("claimed: {:?}", claimed.state)
        };
        assert!(app.notifications.is_empty(), "crashed before writing");
        assert_eq!(app.queue.due(due).count(), 0, "another tab leaves a fresh claim alone");

        let later = due.plus_millis(CLAIM_LEASE);
        world.org.departments[1].head = Some(id("boris"));
        assert_eq!(app.queue.due(later).collect::<Vec<_>>(), [&control], "the lapsed claim is due again");
        app.run_one(&mut world, &control, later, false);
        let done = app.job_of(REACTION_CONTROL).clone();
        assert_eq!(done.state, JobState::Done { at: later });
        let Effect::Notify(expected) = &first[0] else { panic!("a notification") };
        assert_eq!(
            app.notifications.values().collect::<Vec<_>>(),
            [expected],
            "same id, same text, same head"
        );

        app.run_one(&mut world, &control, later.plus_millis(CLAIM_LEASE), false);
        assert_eq!(app.notifications.len(), 1);
        let mut finished = done.clone();
        assert_eq!(finished.complete(later), Err(JobError::Finished));
        assert_eq!(run(&mut finished, &world.ctx(), later), Err(JobError::Finished));
        assert!(JobQueue::from_jobs(&app.jobs).is_empty());
    }

    #[test]
    fn a_replayed_stage_move_does_not_drag_back_a_deal_that_moved_on() {
        let created = monday_10();
        let mut world = World::training(created);
        world.robots[0].action = Action::ChangeStage { stage: Id::from_static(DATA_COLLECTION) };
        let mut app = App::created(&world);
        app.tick(&mut world, created);
        let mover = app.job_of(REACTION_CONTROL).id.clone();
        let due = created.plus_millis(minutes(10));
        app.run_one(&mut world, &mover, due, true);
        app.move_deal(&mut world, LOST, due.plus_millis(1)).unwrap();
        app.run_one(&mut world, &mover, due.plus_millis(CLAIM_LEASE), false);
        assert_eq!(world.deal.stage.as_str(), LOST);
        assert!(matches!(app.job_of(REACTION_CONTROL).state, JobState::Done { .. }));
    }

    #[test]
    fn resolving_the_same_job_twice_gives_identical_effects() {
        let created = monday_10();
        let world = World::training(created);
        let job = scheduled(&world, REACTION_CONTROL);
        let robot = world.robots.iter().find(|robot| robot.id == job.robot).unwrap();
        let now = created.plus_millis(minutes(10));
        let first = resolve(robot, &job, &world.ctx(), now).unwrap();
        assert_eq!(resolve(robot, &job, &world.ctx(), now).unwrap(), first);
        let Effect::Notify(notification) = &first[0] else { panic!("a notification") };
        assert_eq!(notification.id, job.derived_id("notification"));
        let mut reentered = world.deal.clone();
        reentered.stage_since = created.plus_millis(1);
        let other = schedule_on_entry(&reentered, &world.robots, &world.calendar, world.ctx().zone);
        assert_ne!(other[0].id, job.id, "another visit of the stage is another job");
    }

    #[test]
    fn a_job_is_claimed_only_when_due_and_for_its_own_deal() {
        let created = monday_10();
        let world = World::training(created);
        let mut job = scheduled(&world, REACTION_CONTROL);
        assert_eq!(run(&mut job, &world.ctx(), created.plus_millis(minutes(9))), Err(JobError::NotDue));
        let mut waiting = Job { state: JobState::WaitingForPrevious, ..job.clone() };
        assert_eq!(run(&mut waiting, &world.ctx(), created.plus_millis(minutes(99))), Err(JobError::NotDue));
        let mut foreign = Job { deal: id("other"), ..job.clone() };
        assert_eq!(
            run(&mut foreign, &world.ctx(), created.plus_millis(minutes(10))),
            Err(JobError::OtherDeal)
        );
        assert_eq!(job.complete(created), Err(JobError::NotClaimed));
        let due = created.plus_millis(minutes(10));
        assert_eq!(run(&mut job, &world.ctx(), due).map(<[Effect]>::len), Ok(1));
        assert_eq!(run(&mut job, &world.ctx(), due.plus_millis(1)), Err(JobError::Running));
    }

    #[test]
    fn a_false_condition_skips_for_good() {
        let created = monday_10();
        let world = World::training(created);
        let mut job = scheduled(&world, VIP_NOTICE);
        assert_eq!(run(&mut job, &world.ctx(), created), Ok(&[][..]));
        assert_eq!(job.state, JobState::Skipped { at: created, reason: SkipReason::ConditionFalse });
        assert_eq!(job.wake_at(), None, "not retried");
        assert_eq!(run(&mut job, &world.ctx(), created.plus_millis(1)), Err(JobError::Finished));
    }

    #[test]
    fn the_condition_is_checked_when_due_not_when_scheduled() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut job = scheduled(&world, VIP_NOTICE);
        world.set_vip(true);
        let effects = run(&mut job, &world.ctx(), created.plus_millis(5)).unwrap();
        assert!(matches!(&effects[0], Effect::Notify(n) if n.kind == NotificationKind::Robot));
    }

    #[test]
    fn a_deal_that_left_or_reentered_the_stage_cancels_the_job() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut job = scheduled(&world, REACTION_CONTROL);
        world.deal.stage_since = created.plus_millis(minutes(3));
        assert_eq!(run(&mut job, &world.ctx(), created.plus_millis(minutes(10))), Ok(&[][..]));
        assert!(matches!(job.state, JobState::Cancelled { reason: CancelReason::LeftStage, .. }));
    }

    #[test]
    fn a_removed_robot_cancels_its_jobs() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut job = scheduled(&world, REACTION_CONTROL);
        world.robots.retain(|robot| robot.id.as_str() != REACTION_CONTROL);
        world.deal.fields = Values::default();
        run(&mut job, &world.ctx(), created.plus_millis(minutes(10))).unwrap();
        assert!(matches!(job.state, JobState::Cancelled { reason: CancelReason::RobotRemoved, .. }));
    }
}
