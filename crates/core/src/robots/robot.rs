//! A robot: an action attached to a stage of a pipeline that starts when a
//! deal enters the stage (or is created in it), after its timing, if its
//! condition holds when it is due.
//!
//! The robots of a stage run in the order of the robot list. Each either
//! runs in parallel (its timing counts from the stage entry) or waits for
//! the previous robot of the stage to finish (its timing counts from then).

use serde::{Deserialize, Serialize};

use super::action::{Action, Assignee, Recipient, SendTo, TaskSpec};
use super::timing::Timing;
use crate::conditions::{Condition, ConditionError};
use crate::fields::{FieldDef, FieldEntity, FieldKind, ValueProblem};
use crate::pipeline::Pipeline;
use crate::Id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Robot {
    pub id: Id,
    pub pipeline: Id,
    pub stage: Id,
    pub action: Action,
    pub timing: Timing,
    /// Checked when the robot is due, not when it is scheduled: the deal
    /// may have changed in between.
    #[serde(default)]
    pub condition: Condition,
    /// Wait for the previous robot of the stage instead of running in parallel.
    #[serde(default)]
    pub after_previous: bool,
}

/// Why a robot cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RobotProblem {
    UnknownPipeline,
    UnknownStage(Id),
    /// A text the action needs (notification, task title, subject) is blank.
    EmptyText,
    UnknownUser(Id),
    UnknownField(Id),
    /// Robots set and time by fields of the deal only.
    NotADealField(Id),
    NotADateField(Id),
    InvalidValue {
        field: Id,
        problem: ValueProblem,
    },
    EmptyQueue,
    /// Moving to the robot's own stage would restart it forever.
    OwnStage,
    Condition(ConditionError),
}

fn deal_field<'a>(
    defs: &'a [FieldDef],
    field: &Id,
    problems: &mut Vec<RobotProblem>,
) -> Option<&'a FieldDef> {
    let def = defs.iter().find(|def| &def.id == field);
    match def {
        None => problems.push(RobotProblem::UnknownField(field.clone())),
        Some(def) if def.entity != FieldEntity::Deal => {
            problems.push(RobotProblem::NotADealField(field.clone()))
        }
        Some(_) => {}
    }
    def.filter(|def| def.entity == FieldEntity::Deal)
}

fn known_user(users: &[Id], user: &Id, problems: &mut Vec<RobotProblem>) {
    if !users.contains(user) {
        problems.push(RobotProblem::UnknownUser(user.clone()));
    }
}

fn recipient(users: &[Id], recipient: &Recipient, problems: &mut Vec<RobotProblem>) {
    if let Recipient::User(user) = recipient {
        known_user(users, user, problems);
    }
}

fn filled(text: &str, problems: &mut Vec<RobotProblem>) {
    if text.trim().is_empty() {
        problems.push(RobotProblem::EmptyText);
    }
}

/// The robots of one stage, in their order.
pub fn robots_of<'a>(
    robots: &'a [Robot],
    pipeline: &'a Id,
    stage: &'a Id,
) -> impl Iterator<Item = &'a Robot> {
    robots.iter().filter(move |robot| &robot.stage == stage && &robot.pipeline == pipeline)
}

impl Robot {
    /// Checks a robot against the pipelines, field definitions and users;
    /// every problem is reported.
    pub fn check(
        &self,
        pipelines: &[Pipeline],
        defs: &[FieldDef],
        users: &[Id],
    ) -> Result<(), Vec<RobotProblem>> {
        let mut problems = Vec::new();
        let pipeline = pipelines.iter().find(|pipeline| pipeline.id == self.pipeline);
        match pipeline {
            None => problems.push(RobotProblem::UnknownPipeline),
            Some(pipeline) if pipeline.stage(&self.stage).is_none() => {
                problems.push(RobotProblem::UnknownStage(self.stage.clone()))
            }
            Some(_) => {}
        }
        if let Timing::AtDate { field, .. } = &self.timing {
            if deal_field(defs, field, &mut problems).is_some_and(|def| def.kind != FieldKind::Date) {
                problems.push(RobotProblem::NotADateField(field.clone()));
            }
        }
        match &self.action {
            Action::Notify { to, text } => {
                recipient(users, to, &mut problems);
                filled(text, &mut problems);
            }
            Action::Control { text } => filled(text, &mut problems),
            Action::CreateTask(TaskSpec { title, creator, responsible, .. }) => {
                filled(title, &mut problems);
                recipient(users, creator, &mut problems);
                recipient(users, responsible, &mut problems);
            }
            Action::CreateActivity { subject, responsible, .. } => {
                filled(subject, &mut problems);
                recipient(users, responsible, &mut problems);
            }
            Action::ChangeStage { stage } if stage == &self.stage => problems.push(RobotProblem::OwnStage),
            Action::ChangeStage { stage } => {
                if pipeline.is_some_and(|pipeline| pipeline.stage(stage).is_none()) {
                    problems.push(RobotProblem::UnknownStage(stage.clone()));
                }
            }
            Action::SetField { field, value } => {
                let def = deal_field(defs, field, &mut problems);
                if let (Some(def), Some(value)) = (def, value) {
                    if let Err(problem) = value.check(def) {
                        problems.push(RobotProblem::InvalidValue { field: field.clone(), problem });
                    }
                }
            }
            Action::ChangeResponsible(Assignee::User(user)) => known_user(users, user, &mut problems),
            Action::ChangeResponsible(Assignee::Queue(queue)) => {
                if queue.is_empty() {
                    problems.push(RobotProblem::EmptyQueue);
                }
                queue.iter().for_each(|user| known_user(users, user, &mut problems));
            }
            Action::Send { to, text, .. } => {
                if let SendTo::User(user) = to {
                    known_user(users, user, &mut problems);
                }
                filled(text, &mut problems);
            }
        }
        if let Err(error) = self.condition.check(defs) {
            problems.push(RobotProblem::Condition(error));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::action::Channel;
    use super::super::examples::{EQUIPMENT, NEW, PIPELINE, VIP};
    use super::super::fixture::{id, monday_10, World};
    use super::super::timing::{Delay, Unit};
    use super::*;
    use crate::conditions::{Comparison, Field, Op, Subject};
    use crate::fields::Value;

    fn robot(action: Action, timing: Timing) -> Robot {
        Robot {
            id: id("r"),
            pipeline: Id::from_static(PIPELINE),
            stage: Id::from_static(NEW),
            action,
            timing,
            condition: Condition::default(),
            after_previous: false,
        }
    }

    fn check(robot: &Robot) -> Result<(), Vec<RobotProblem>> {
        let world = World::training(monday_10());
        let users: Vec<Id> = world.users.iter().map(|user| user.id.clone()).collect();
        robot.check(&[world.pipeline], &world.defs, &users)
    }

    #[test]
    fn robots_of_a_stage_keep_their_list_order() {
        let world = World::training(monday_10());
        let (pipeline, new) = (Id::from_static(PIPELINE), Id::from_static(NEW));
        let ids: Vec<&str> =
            robots_of(&world.robots, &pipeline, &new).map(|robot| robot.id.as_str()).collect();
        assert_eq!(ids, ["training-reaction-control", "training-vip-notice"]);
    }

    #[test]
    fn blank_texts_unknown_people_and_empty_queues_are_named() {
        let notify = Action::Notify { to: Recipient::User(id("ghost")), text: " ".into() };
        assert_eq!(
            check(&robot(notify, Timing::Immediately)),
            Err(vec![RobotProblem::UnknownUser(id("ghost")), RobotProblem::EmptyText])
        );
        let queue = Action::ChangeResponsible(Assignee::Queue(Vec::new()));
        assert_eq!(check(&robot(queue, Timing::Immediately)), Err(vec![RobotProblem::EmptyQueue]));
        let send = Action::Send {
            channel: Channel::Sms,
            to: SendTo::User(id("x")),
            subject: String::new(),
            text: "t".into(),
        };
        assert_eq!(check(&robot(send, Timing::Immediately)), Err(vec![RobotProblem::UnknownUser(id("x"))]));
    }

    #[test]
    fn stages_must_exist_and_a_robot_cannot_move_to_its_own() {
        let own = robot(Action::ChangeStage { stage: Id::from_static(NEW) }, Timing::Immediately);
        assert_eq!(check(&own), Err(vec![RobotProblem::OwnStage]));
        let moon = robot(Action::ChangeStage { stage: id("moon") }, Timing::Immediately);
        assert_eq!(check(&moon), Err(vec![RobotProblem::UnknownStage(id("moon"))]));
        let homeless =
            Robot { stage: id("attic"), ..robot(Action::Control { text: "x".into() }, Timing::Immediately) };
        assert_eq!(check(&homeless), Err(vec![RobotProblem::UnknownStage(id("attic"))]));
        let orphan = Robot { pipeline: id("gone"), ..homeless };
        assert_eq!(check(&orphan), Err(vec![RobotProblem::UnknownPipeline]));
    }

    #[test]
    fn fields_must_be_deal_fields_of_the_right_kind() {
        let set_vip = Action::SetField { field: Id::from_static(VIP), value: None };
        assert_eq!(
            check(&robot(set_vip, Timing::Immediately)),
            Err(vec![RobotProblem::NotADealField(Id::from_static(VIP))])
        );
        let wrong = Action::SetField { field: Id::from_static(EQUIPMENT), value: Some(Value::Number(1.0)) };
        assert_eq!(
            check(&robot(wrong, Timing::Immediately)),
            Err(vec![RobotProblem::InvalidValue {
                field: Id::from_static(EQUIPMENT),
                problem: crate::fields::ValueProblem::WrongKind { expected: FieldKind::List }
            }])
        );
        let by_list = Timing::AtDate { field: Id::from_static(EQUIPMENT), offset_days: 0 };
        let control = Action::Control { text: "x".into() };
        assert_eq!(
            check(&robot(control.clone(), by_list)),
            Err(vec![RobotProblem::NotADateField(Id::from_static(EQUIPMENT))])
        );
        let mut conditioned = robot(control, Timing::After(Delay::new(1, Unit::Hours)));
        conditioned.condition =
            Condition::all([Comparison::new(Subject::Deal, Field::Custom(id("ghost")), Op::Empty)]);
        assert_eq!(
            check(&conditioned),
            Err(vec![RobotProblem::Condition(crate::conditions::ConditionError::UnknownField(id("ghost")))])
        );
    }

    #[test]
    fn a_robot_survives_a_json_round_trip() {
        for robot in World::training(monday_10()).robots {
            let json = serde_json::to_string(&robot).unwrap();
            assert_eq!(serde_json::from_str::<Robot>(&json).unwrap(), robot);
        }
        let minimal = r#"{"id":"r","pipeline":"p","stage":"s","action":{"control":{"text":"t"}},"timing":"immediately"}"#;
        let robot: Robot = serde_json::from_str(minimal).unwrap();
        assert_eq!((robot.condition, robot.after_previous), (Condition::default(), false));
    }
}
