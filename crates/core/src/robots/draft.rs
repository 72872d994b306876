//! A robot as its settings form types it, turned into a [`Robot`] that
//! [`Robot::check`] then accepts or refuses: ids and values are read from
//! text here, so the app's form holds only strings.

use super::action::{Action, Assignee, Channel, Recipient, SendTo, TaskSpec};
use super::robot::{Robot, RobotProblem};
use super::timing::{Delay, Timing, Unit};
use crate::code::codes;
use crate::conditions::{ComparisonDraft, Condition};
use crate::fields::{FieldDef, FieldEntity, Value, ValueProblem};
use crate::pipeline::Pipeline;
use crate::Id;

/// What the robot does, as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionChoice {
    NotifyResponsible,
    NotifyHead,
    NotifyUser,
    Control,
    /// A task set by whoever sets up the robot, for the deal's responsible
    /// or the chosen user (`user`), due in `task_days` business days, with
    /// or without review.
    Task,
    Todo,
    MoveStage,
    SetField,
    /// One user, or several taking deals in turn.
    Assign,
    EmailClient,
    SmsClient,
    /// An e-mail to the chosen user (`user`).
    EmailUser,
}

codes!(ActionChoice {
    NotifyResponsible => "notify",
    NotifyHead => "notify_head",
    NotifyUser => "notify_user",
    Control => "control",
    Task => "task",
    Todo => "todo",
    MoveStage => "stage",
    SetField => "field",
    Assign => "assign",
    EmailClient => "email",
    SmsClient => "sms",
    EmailUser => "email_user",
});

/// When it runs: after a delay in a unit (zero: immediately), or at a date
/// field of the deal plus or minus days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingChoice {
    After(Unit),
    AtDate,
}

/// Codes as field-less enums have them (`code`, `from_code`, `ALL`): a
/// delay's is its unit's code, a date's `date`.
impl TimingChoice {
    /// Every choice, in the order the form offers them.
    pub const ALL: [Self; Unit::ALL.len() + 1] = [
        Self::After(Unit::Minutes),
        Self::After(Unit::Hours),
        Self::After(Unit::Days),
        Self::After(Unit::BusinessDays),
        Self::AtDate,
    ];

    /// The choice as a select value.
    pub fn code(self) -> &'static str {
        match self {
            Self::After(unit) => unit.code(),
            Self::AtDate => "date",
        }
    }

    /// The choice of a code; `None` for text that is no code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "date" => Some(Self::AtDate),
            unit => Unit::from_code(unit).map(Self::After),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RobotDraft {
    pub stage: String,
    pub action: ActionChoice,
    /// The notification, task title, to-do subject or message.
    pub text: String,
    /// The user to notify or write to; for a task or to-do, its
    /// responsible (empty: the deal's responsible).
    pub user: String,
    /// Business days a task or to-do is due in (empty: one).
    pub task_days: String,
    /// A task's result is reviewed by its creator.
    pub review: bool,
    /// The stage to move to.
    pub target_stage: String,
    /// The deal field to set, and its value as typed.
    pub field: String,
    pub value: String,
    /// Who gets the deal.
    pub users: Vec<String>,
    pub timing: TimingChoice,
    /// The delay, or the days from the date field (negative: before).
    pub amount: String,
    pub date_field: String,
    pub comparisons: Vec<ComparisonDraft>,
    /// OR instead of AND between the comparisons.
    pub any: bool,
    pub after_previous: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftProblem {
    /// Not a whole number (or negative for a delay).
    InvalidAmount,
    /// A comparison (counted from 0) whose value does not fit its field.
    Condition {
        row: usize,
        problem: ValueProblem,
    },
    Robot(RobotProblem),
}

impl RobotDraft {
    /// The robot with id `id` on `pipeline`, checked. `creator` sets the
    /// review tasks (the person setting the robot up).
    pub fn build(
        &self,
        id: Id,
        pipeline: &Pipeline,
        defs: &[FieldDef],
        users: &[Id],
        creator: &Id,
    ) -> Result<Robot, Vec<DraftProblem>> {
        let mut problems = Vec::new();
        let parse_id = |text: &str| Id::parse(text.trim()).unwrap_or_else(|| Id::from_static("unknown"));
        let text = self.text.trim().to_owned();
        let assignee = match self.user.trim() {
            "" => Recipient::Responsible,
            user => Recipient::User(parse_id(user)),
        };
        let days = match self.task_days.trim() {
            "" => Ok(1),
            typed => typed.parse::<u32>(),
        };
        let deadline = Delay::new(*days.as_ref().unwrap_or(&1), Unit::BusinessDays);
        if days.is_err() && matches!(self.action, ActionChoice::Task | ActionChoice::Todo) {
            problems.push(DraftProblem::InvalidAmount);
        }
        let action = match self.action {
            ActionChoice::NotifyResponsible => Action::Notify { to: Recipient::Responsible, text },
            ActionChoice::NotifyHead => Action::Notify { to: Recipient::Head, text },
            ActionChoice::NotifyUser => Action::Notify { to: Recipient::User(parse_id(&self.user)), text },
            ActionChoice::Control => Action::Control { text },
            ActionChoice::Task => Action::CreateTask(TaskSpec {
                title: text,
                text: String::new(),
                creator: Recipient::User(creator.clone()),
                responsible: assignee,
                deadline: Some(deadline),
                review: self.review,
            }),
            ActionChoice::Todo => Action::CreateActivity {
                subject: text,
                description: String::new(),
                responsible: assignee,
                deadline,
            },
            ActionChoice::MoveStage => Action::ChangeStage { stage: parse_id(&self.target_stage) },
            ActionChoice::SetField => {
                let field = parse_id(&self.field);
                let def = defs.iter().find(|def| def.id == field && def.entity == FieldEntity::Deal);
                let value = match def.map(|def| Value::parse_choice(def, &self.value)) {
                    Some(Ok(value)) => value,
                    Some(Err(problem)) => {
                        problems.push(DraftProblem::Robot(RobotProblem::InvalidValue {
                            field: field.clone(),
                            problem,
                        }));
                        None
                    }
                    None => None,
                };
                Action::SetField { field, value }
            }
            ActionChoice::Assign => {
                let mut chosen: Vec<Id> = self.users.iter().map(|user| parse_id(user)).collect();
                chosen.dedup();
                match chosen.len() {
                    1 => Action::ChangeResponsible(Assignee::User(chosen.remove(0))),
                    _ => Action::ChangeResponsible(Assignee::Queue(chosen)),
                }
            }
            ActionChoice::EmailClient | ActionChoice::SmsClient | ActionChoice::EmailUser => Action::Send {
                channel: if self.action == ActionChoice::SmsClient { Channel::Sms } else { Channel::Email },
                to: match self.action {
                    ActionChoice::EmailUser => SendTo::User(parse_id(&self.user)),
                    _ => SendTo::Client,
                },
                subject: text.lines().next().unwrap_or_default().to_owned(),
                text,
            },
        };
        let amount = self.amount.trim();
        let timing = match self.timing {
            TimingChoice::After(unit) => match amount.parse::<u32>() {
                Ok(0) => Timing::Immediately,
                Ok(amount) => Timing::After(Delay::new(amount, unit)),
                Err(_) if amount.is_empty() => Timing::Immediately,
                Err(_) => {
                    problems.push(DraftProblem::InvalidAmount);
                    Timing::Immediately
                }
            },
            TimingChoice::AtDate => {
                let offset_days = amount.parse::<i32>().unwrap_or_else(|_| {
                    if !amount.is_empty() {
                        problems.push(DraftProblem::InvalidAmount);
                    }
                    0
                });
                Timing::AtDate { field: parse_id(&self.date_field), offset_days }
            }
        };
        let mut parts = Vec::new();
        for (row, comparison) in self.comparisons.iter().enumerate() {
            match comparison.parse(defs, pipeline) {
                Ok(comparison) => parts.push(Condition::Compare(comparison)),
                Err(problem) => problems.push(DraftProblem::Condition { row, problem }),
            }
        }
        let condition = match (self.any, parts.is_empty()) {
            (_, true) => Condition::default(),
            (true, false) => Condition::Any(parts),
            (false, false) => Condition::All(parts),
        };
        let robot = Robot {
            id,
            pipeline: pipeline.id.clone(),
            stage: parse_id(&self.stage),
            action,
            timing,
            condition,
            after_previous: self.after_previous,
        };
        if let Err(found) = robot.check(std::slice::from_ref(pipeline), defs, users) {
            problems.extend(found.into_iter().map(DraftProblem::Robot));
        }
        if problems.is_empty() {
            Ok(robot)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::examples::{DATA_COLLECTION, EQUIPMENT, NEW, PROCESSING, VIP};
    use super::super::fixture::{id, World};
    use super::*;
    use crate::conditions::{Op, OpKind, Subject};

    fn draft(action: ActionChoice) -> RobotDraft {
        RobotDraft {
            stage: NEW.into(),
            action,
            text: "Look at {deal}".into(),
            user: String::new(),
            task_days: String::new(),
            review: true,
            target_stage: String::new(),
            field: String::new(),
            value: String::new(),
            users: Vec::new(),
            timing: TimingChoice::After(Unit::Minutes),
            amount: "0".into(),
            date_field: String::new(),
            comparisons: Vec::new(),
            any: false,
            after_previous: false,
        }
    }

    fn build(world: &World, draft: &RobotDraft) -> Result<Robot, Vec<DraftProblem>> {
        let users: Vec<Id> = world.users.iter().map(|u| u.id.clone()).collect();
        draft.build(id("r1"), &world.pipeline, &world.defs, &users, &id("admin"))
    }

    #[test]
    fn every_action_of_the_form_becomes_its_robot() {
        let world = World::training(super::super::fixture::monday_10());
        let notify =
            build(&world, &RobotDraft { user: "boris".into(), ..draft(ActionChoice::NotifyUser) }).unwrap();
        assert_eq!(
            notify.action,
            Action::Notify { to: Recipient::User(id("boris")), text: "Look at {deal}".into() }
        );
        assert_eq!(notify.timing, Timing::Immediately);
        let moving = RobotDraft {
            target_stage: DATA_COLLECTION.into(),
            amount: "2".into(),
            timing: TimingChoice::After(Unit::BusinessDays),
            ..draft(ActionChoice::MoveStage)
        };
        let moving = build(&world, &moving).unwrap();
        assert_eq!(moving.action, Action::ChangeStage { stage: Id::from_static(DATA_COLLECTION) });
        assert_eq!(moving.timing, Timing::After(Delay::new(2, Unit::BusinessDays)));
        let set =
            RobotDraft { field: EQUIPMENT.into(), value: "special".into(), ..draft(ActionChoice::SetField) };
        let Action::SetField { value, .. } = build(&world, &set).unwrap().action else { panic!("set field") };
        assert_eq!(value, Some(Value::List(id("special"))));
        let queue = RobotDraft { users: vec!["anna".into(), "boris".into()], ..draft(ActionChoice::Assign) };
        assert_eq!(
            build(&world, &queue).unwrap().action,
            Action::ChangeResponsible(Assignee::Queue(vec![id("anna"), id("boris")]))
        );
        let mail =
            build(&world, &RobotDraft { user: "vera".into(), ..draft(ActionChoice::EmailUser) }).unwrap();
        assert!(
            matches!(mail.action, Action::Send { channel: Channel::Email, to: SendTo::User(ref u), .. } if u.as_str() == "vera")
        );
        let review = build(&world, &draft(ActionChoice::Task)).unwrap();
        assert!(matches!(
            review.action,
            Action::CreateTask(TaskSpec { review: true, creator: Recipient::User(ref c), responsible: Recipient::Responsible, .. })
                if c.as_str() == "admin"
        ));
        let plain = RobotDraft {
            user: "vera".into(),
            task_days: "3".into(),
            review: false,
            ..draft(ActionChoice::Task)
        };
        let Action::CreateTask(spec) = build(&world, &plain).unwrap().action else { panic!("a task") };
        assert_eq!(
            (spec.responsible, spec.deadline, spec.review),
            (Recipient::User(id("vera")), Some(Delay::new(3, Unit::BusinessDays)), false)
        );
        let late = RobotDraft { task_days: "soon".into(), ..draft(ActionChoice::Todo) };
        assert_eq!(build(&world, &late).unwrap_err(), vec![DraftProblem::InvalidAmount]);
    }

    #[test]
    fn conditions_join_and_problems_are_all_reported() {
        let world = World::training(super::super::fixture::monday_10());
        let vip = |value: &str| ComparisonDraft {
            subject: Subject::Contact,
            field: crate::conditions::Field::Custom(Id::from_static(VIP)),
            op: OpKind::Equals,
            value: value.into(),
        };
        let either = RobotDraft {
            comparisons: vec![vip("yes"), vip("no")],
            any: true,
            ..draft(ActionChoice::Control)
        };
        let Condition::Any(parts) = build(&world, &either).unwrap().condition else { panic!("OR") };
        assert!(matches!(&parts[0], Condition::Compare(c) if c.op == Op::Equals(Value::Boolean(true))));

        let wrong = RobotDraft {
            text: " ".into(),
            amount: "soon".into(),
            comparisons: vec![vip("yes"), vip("maybe")],
            ..draft(ActionChoice::NotifyResponsible)
        };
        let problems = build(&world, &wrong).unwrap_err();
        assert!(problems.contains(&DraftProblem::InvalidAmount));
        assert!(problems.contains(&DraftProblem::Condition { row: 1, problem: ValueProblem::InvalidBoolean }));
        assert!(problems.contains(&DraftProblem::Robot(RobotProblem::EmptyText)));
        let own = RobotDraft { target_stage: NEW.into(), ..draft(ActionChoice::MoveStage) };
        assert_eq!(build(&world, &own).unwrap_err(), vec![DraftProblem::Robot(RobotProblem::OwnStage)]);
        let at_date = RobotDraft {
            timing: TimingChoice::AtDate,
            date_field: EQUIPMENT.into(),
            amount: "-1".into(),
            stage: PROCESSING.into(),
            ..draft(ActionChoice::Control)
        };
        assert_eq!(
            build(&world, &at_date).unwrap_err(),
            vec![DraftProblem::Robot(RobotProblem::NotADateField(Id::from_static(EQUIPMENT)))]
        );
    }
}
