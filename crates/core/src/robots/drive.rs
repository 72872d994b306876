//! What happens to a deal and its jobs when it moves, changes or is touched
//! by a robot's effect, in one place for every mover: a person on the board
//! or the card, a trigger, a robot. The app loads the deal, its open jobs
//! and the setup, calls one of these, and writes what comes back in one
//! transaction.

use super::effect::Effect;
use super::job::{CancelReason, Job};
use super::resolve::ROBOT_ACTOR;
use super::schedule::{cancel_on_leave, reschedule_dates, schedule_on_entry};
use super::setup::Setup;
use super::trigger::{fire, Event};
use crate::deal::Deal;
use crate::fields::{check_move, MoveRefused, Value};
use crate::history::{Change, Diff};
use crate::pipeline::{Pipeline, StageMove};
use crate::zone::Zone;
use crate::{Id, Timestamp};

/// What a change of a deal did: its history entry (if the deal changed) and
/// the jobs to write (cancelled, rescheduled or new).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub change: Option<Change>,
    pub jobs: Vec<Job>,
}

impl Outcome {
    /// Adds what a later step did: one history entry, each job once as it
    /// ended up.
    pub fn merge(&mut self, other: Outcome) {
        self.change = Change::join(self.change.take(), other.change);
        for job in other.jobs {
            match self.jobs.iter_mut().find(|stored| stored.id == job.id) {
                Some(stored) => *stored = job,
                None => self.jobs.push(job),
            }
        }
    }
}

/// What every change of a deal is decided by: its pipeline, the
/// organisation's automation and the user's time zone. One value, so that
/// each step takes only what differs: the deal, its open jobs, who and when.
pub struct Rules<'a, Z: Zone> {
    pub pipeline: &'a Pipeline,
    pub setup: &'a Setup,
    pub zone: &'a Z,
}

/// The jobs of a deal just created: the robots of its first stage start.
pub fn on_created(deal: &Deal, setup: &Setup, zone: &impl Zone) -> Vec<Job> {
    schedule_on_entry(deal, &setup.robots, &setup.calendar, zone)
}

/// Moves a deal out of a deleted stage: no required-field check, no robots
/// of the target start, and the deleted stage's pending jobs are cancelled.
pub fn relocate(
    deal: &mut Deal,
    moved: &StageMove,
    open_jobs: &mut [Job],
    actor: &Id,
    now: Timestamp,
) -> Outcome {
    let Some(change) = deal.relocate(moved, actor, now) else { return Outcome::default() };
    let jobs = open_jobs
        .iter_mut()
        .filter(|job| job.deal == deal.id && job.stage == moved.from)
        .filter_map(|job| job.cancel(now, CancelReason::StageDeleted).then(|| job.clone()))
        .collect();
    Outcome { change: Some(change), jobs }
}

impl<Z: Zone> Rules<'_, Z> {
    /// Moves `deal` to `target` if its required fields allow it; the jobs
    /// of the stage it left are cancelled and the robots of the new one
    /// start. `open_jobs` are the deal's stored open jobs. Staying put is no
    /// change.
    pub fn move_deal(
        &self,
        deal: &mut Deal,
        target: &Id,
        open_jobs: &mut [Job],
        actor: &Id,
        now: Timestamp,
    ) -> Result<Outcome, MoveRefused> {
        let setup = self.setup;
        check_move(deal, self.pipeline, target, &setup.fields)?;
        let change = deal
            .move_to_stage(self.pipeline, target, actor, now)
            .map_err(|_| MoveRefused::UnknownStage(target.clone()))?;
        if change.is_none() {
            return Ok(Outcome::default());
        }
        let cancelled = cancel_on_leave(open_jobs, deal, now);
        let mut jobs: Vec<Job> =
            open_jobs.iter().filter(|job| cancelled.contains(&job.id)).cloned().collect();
        jobs.extend(schedule_on_entry(deal, &setup.robots, &setup.calendar, self.zone));
        Ok(Outcome { change, jobs })
    }

    /// Reports an event on the deal to the triggers: a matching trigger
    /// moves the deal (forward only, unless it allows otherwise). A move the
    /// required fields refuse is no move: the deal waits for a person.
    pub fn on_event(
        &self,
        deal: &mut Deal,
        event: &Event,
        open_jobs: &mut [Job],
        actor: &Id,
        now: Timestamp,
    ) -> Outcome {
        match fire(event, deal, self.pipeline, &self.setup.triggers) {
            Some(stage) => self.move_deal(deal, &stage, open_jobs, actor, now).unwrap_or_default(),
            None => Outcome::default(),
        }
    }

    /// Follows an edit of the deal's custom fields (`before` is the deal as
    /// it was): date robots follow their field, and "field set to a value"
    /// triggers fire.
    pub fn after_edit(
        &self,
        before: &Deal,
        deal: &mut Deal,
        open_jobs: &mut [Job],
        actor: &Id,
        now: Timestamp,
    ) -> Outcome {
        let setup = self.setup;
        let changed: Vec<Id> = setup
            .fields
            .iter()
            .filter(|def| before.fields.get(&def.id) != deal.fields.get(&def.id))
            .map(|def| def.id.clone())
            .collect();
        let mut outcome = Outcome::default();
        for field in changed {
            let ids =
                reschedule_dates(open_jobs, &setup.robots, deal, &field, &setup.calendar, self.zone, now);
            let jobs = open_jobs.iter().filter(|job| ids.contains(&job.id)).cloned().collect();
            outcome.merge(Outcome { change: None, jobs });
            let event = Event::FieldSet { field: field.clone(), value: deal.fields.get(&field).cloned() };
            outcome.merge(self.on_event(deal, &event, open_jobs, actor, now));
        }
        outcome
    }

    /// Carries out the part of a robot's effect that changes the deal itself
    /// (a move, a field, the responsible); other effects are records the app
    /// writes as they are. A move applies only while the deal is still in
    /// the stage visit the robot ran for.
    pub fn apply_to_deal(
        &self,
        effect: &Effect,
        deal: &mut Deal,
        open_jobs: &mut [Job],
        now: Timestamp,
    ) -> Outcome {
        let robot = Id::from_static(ROBOT_ACTOR);
        match effect {
            Effect::MoveStage { stage, since, .. } if deal.stage_since == *since => {
                self.move_deal(deal, stage, open_jobs, &robot, now).unwrap_or_default()
            }
            Effect::SetField { field, value, .. } => {
                let before = deal.clone();
                deal.fields.set(field.clone(), value.clone());
                let text = |deal: &Deal| deal.fields.get(field).map(Value::input_text).unwrap_or_default();
                let change = Diff::default().field(field.as_str(), text(&before), text(deal)).into_change();
                if change.is_none() {
                    return Outcome::default();
                }
                deal.stamp.touch(&robot, now);
                let mut outcome = Outcome { change, jobs: Vec::new() };
                outcome.merge(self.after_edit(&before, deal, open_jobs, &robot, now));
                outcome
            }
            Effect::SetResponsible { user, .. } if &deal.responsible != user => {
                let change = Diff::default().field("responsible", &deal.responsible, user).into_change();
                deal.responsible = user.clone();
                deal.stamp.touch(&robot, now);
                Outcome { change, jobs: Vec::new() }
            }
            _ => Outcome::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::examples::{DATA_COLLECTION, EQUIPMENT, NEW, PROCESSING, REACTION_CONTROL, SPECIAL};
    use super::super::fixture::{id, minutes, monday_10, World, MOSCOW};
    use super::super::job::JobState;
    use super::super::timing::Timing;
    use super::*;

    fn setup(world: &World) -> Setup {
        Setup {
            fields: world.defs.clone(),
            robots: world.robots.clone(),
            triggers: world.triggers.clone(),
            calendar: world.calendar.clone(),
        }
    }

    #[test]
    fn a_refused_move_names_the_field_and_changes_nothing() {
        let created = monday_10();
        let mut world = World::training(created);
        let setup = setup(&world);
        let rules = Rules { pipeline: &world.pipeline, setup: &setup, zone: &MOSCOW };
        let mut jobs = on_created(&world.deal, &setup, &MOSCOW);
        let before = (world.deal.clone(), jobs.clone());
        let target = Id::from_static(PROCESSING);
        let refused = rules.move_deal(&mut world.deal, &target, &mut jobs, &id("anna"), created);
        assert_eq!(refused, Err(MoveRefused::MissingFields(vec![Id::from_static(EQUIPMENT)])));
        assert_eq!((world.deal.clone(), jobs), before);
    }

    #[test]
    fn a_move_cancels_the_stage_left_and_starts_the_stage_entered() {
        let created = monday_10();
        let mut world = World::training(created);
        world.deal.fields.set(Id::from_static(EQUIPMENT), Some(Value::List(Id::from_static(SPECIAL))));
        let setup = setup(&world);
        let rules = Rules { pipeline: &world.pipeline, setup: &setup, zone: &MOSCOW };
        let mut jobs = on_created(&world.deal, &setup, &MOSCOW);
        assert!(jobs.iter().any(|job| job.robot.as_str() == REACTION_CONTROL));
        let now = created.plus_millis(minutes(3));
        let target = Id::from_static(PROCESSING);
        let outcome = rules.move_deal(&mut world.deal, &target, &mut jobs, &id("anna"), now).unwrap();
        assert!(matches!(outcome.change, Some(Change::Updated { .. })));
        let cancelled: Vec<&Job> =
            outcome.jobs.iter().filter(|job| matches!(job.state, JobState::Cancelled { .. })).collect();
        assert_eq!(cancelled.len(), jobs.len(), "every job of New");
        assert!(cancelled
            .iter()
            .all(|job| job.state == JobState::Cancelled { at: now, reason: CancelReason::LeftStage }));
        let started: Vec<&Job> = outcome.jobs.iter().filter(|job| job.stage == target).collect();
        assert!(!started.is_empty() && started.iter().all(|job| job.entered_at == now));
        let again = rules.move_deal(&mut world.deal, &target, &mut jobs, &id("anna"), now);
        assert_eq!(again, Ok(Outcome::default()), "staying put");
    }

    #[test]
    fn a_deleted_stages_deals_move_without_checks_and_its_robots_stop() {
        let created = monday_10();
        let mut world = World::training(created);
        let setup = setup(&world);
        let mut jobs = on_created(&world.deal, &setup, &MOSCOW);
        let moved = StageMove {
            from: Id::from_static(NEW),
            to: Id::from_static(PROCESSING),
            semantic: crate::pipeline::Semantic::InProgress,
        };
        let now = created.plus_millis(minutes(1));
        let outcome = relocate(&mut world.deal, &moved, &mut jobs, &id("admin"), now);
        assert_eq!(world.deal.stage.as_str(), PROCESSING, "although the equipment type is empty");
        assert_eq!(outcome.jobs.len(), jobs.len());
        assert!(outcome
            .jobs
            .iter()
            .all(|job| job.state == JobState::Cancelled { at: now, reason: CancelReason::StageDeleted }));
        assert_eq!(relocate(&mut world.deal, &moved, &mut jobs, &id("admin"), now), Outcome::default());
    }

    #[test]
    fn taking_the_client_into_work_moves_a_new_deal_on() {
        let created = monday_10();
        let mut world = World::training(created);
        let setup = setup(&world);
        let rules = Rules { pipeline: &world.pipeline, setup: &setup, zone: &MOSCOW };
        let mut jobs = on_created(&world.deal, &setup, &MOSCOW);
        let outcome = rules.on_event(
            &mut world.deal,
            &Event::TakenIntoWork,
            &mut jobs,
            &id("anna"),
            created.plus_millis(minutes(2)),
        );
        assert_eq!(world.deal.stage.as_str(), DATA_COLLECTION);
        assert!(outcome.change.is_some());
        let calm = rules.on_event(
            &mut world.deal,
            &Event::TakenIntoWork,
            &mut jobs,
            &id("anna"),
            created.plus_millis(minutes(3)),
        );
        assert_eq!(calm, Outcome::default(), "no trigger for it at this stage");
    }

    #[test]
    fn robot_effects_change_the_deal_once_and_never_drag_it_back() {
        let created = monday_10();
        let mut world = World::training(created);
        let setup = setup(&world);
        let rules = Rules { pipeline: &world.pipeline, setup: &setup, zone: &MOSCOW };
        let mut jobs = on_created(&world.deal, &setup, &MOSCOW);
        let now = created.plus_millis(minutes(1));
        let (deal_id, new_since) = (world.deal.id.clone(), world.deal.stage_since);
        let move_effect = |since| Effect::MoveStage {
            deal: deal_id.clone(),
            stage: Id::from_static(DATA_COLLECTION),
            since,
        };
        let stale =
            rules.apply_to_deal(&move_effect(created.plus_millis(-1)), &mut world.deal, &mut jobs, now);
        assert_eq!((stale, world.deal.stage.as_str()), (Outcome::default(), NEW));
        let moved = rules.apply_to_deal(&move_effect(new_since), &mut world.deal, &mut jobs, now);
        assert_eq!(world.deal.stage.as_str(), DATA_COLLECTION);
        assert_eq!(world.deal.stamp.updated_by.as_str(), ROBOT_ACTOR);
        assert!(!moved.jobs.is_empty());

        let to_boris = Effect::SetResponsible { deal: deal_id.clone(), user: id("boris") };
        let first = rules.apply_to_deal(&to_boris, &mut world.deal, &mut jobs, now);
        assert!(first.change.is_some());
        let replay = rules.apply_to_deal(&to_boris, &mut world.deal, &mut jobs, now);
        assert_eq!(replay, Outcome::default());
        let set = Effect::SetField {
            deal: deal_id,
            field: Id::from_static(EQUIPMENT),
            value: Some(Value::List(Id::from_static(SPECIAL))),
        };
        assert!(rules.apply_to_deal(&set, &mut world.deal, &mut jobs, now).change.is_some());
        assert!(rules.apply_to_deal(&set, &mut world.deal, &mut jobs, now).change.is_none());
    }

    #[test]
    fn editing_a_date_field_moves_its_robot_and_a_field_trigger_fires() {
        use super::super::{Action, Recipient, Robot, Trigger, When};
        use crate::fields::{FieldDef, FieldEntity, FieldKind};
        let created = monday_10();
        let mut world = World::training(created);
        let mut setup = setup(&world);
        setup.fields.push(FieldDef::new(id("delivery"), FieldEntity::Deal, "Delivery", FieldKind::Date));
        setup.robots.push(Robot {
            id: id("call-before"),
            pipeline: world.pipeline.id.clone(),
            stage: Id::from_static(NEW),
            action: Action::Notify { to: Recipient::Responsible, text: "call".into() },
            timing: Timing::AtDate { field: id("delivery"), offset_days: -1 },
            condition: Default::default(),
            after_previous: false,
        });
        setup.triggers.push(Trigger {
            id: id("on-special"),
            pipeline: world.pipeline.id.clone(),
            stage: Id::from_static(DATA_COLLECTION),
            when: When::FieldSet {
                field: Id::from_static(EQUIPMENT),
                value: Value::List(Id::from_static(SPECIAL)),
            },
            allow_backwards: false,
        });
        let rules = Rules { pipeline: &world.pipeline, setup: &setup, zone: &MOSCOW };
        let mut jobs = on_created(&world.deal, &setup, &MOSCOW);
        let before = world.deal.clone();
        world
            .deal
            .fields
            .set(id("delivery"), Some(Value::Date(crate::date::Date::parse("2026-12-10").unwrap())));
        let outcome = rules.after_edit(&before, &mut world.deal, &mut jobs, &id("anna"), created);
        assert_eq!(outcome.jobs.len(), 1);
        assert_eq!(outcome.jobs[0].state, JobState::Pending);
        assert_eq!(world.deal.stage.as_str(), NEW, "no trigger for a date");
        let before = world.deal.clone();
        world.deal.fields.set(Id::from_static(EQUIPMENT), Some(Value::List(Id::from_static(SPECIAL))));
        let outcome = rules.after_edit(&before, &mut world.deal, &mut jobs, &id("anna"), created);
        assert_eq!(world.deal.stage.as_str(), DATA_COLLECTION);
        assert!(outcome.change.is_some());
    }
}
