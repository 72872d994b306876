//! The ready-made automation of the training course, installable in one
//! click: a pipeline New → Data collection → Processing → Payment → Won /
//! Lost, a contact "VIP" flag, a deal "Equipment type" list required from
//! Processing on, and the robots and triggers the course builds.
//!
//! "Taken into work" for the 10-minute reaction control means the deal
//! left New, by hand or by the "taken into work" trigger; leaving cancels
//! the control, and its condition (still at New) guards a late run.
//! An unpaid invoice means the deal is still at Payment: paying it moves
//! the deal to Won through the "invoice paid" trigger, which cancels the
//! reminders.
//!
//! Ids are fixed, so writing the set twice stores it once, and ids already
//! stored are left out so that the user's edits of an installed example
//! survive a second click.

use super::action::{Action, Recipient, TaskSpec};
use super::robot::Robot;
use super::timing::{Delay, Timing, Unit};
use super::trigger::{Trigger, When};
use crate::conditions::{Comparison, Condition, Field, Op, Subject};
use crate::fields::{FieldDef, FieldEntity, FieldKind, ListOption, Value};
use crate::pipeline::{Pipeline, Semantic, Stage};
use crate::Id;

pub const PIPELINE: &str = "training";
pub const NEW: &str = "training-new";
pub const DATA_COLLECTION: &str = "training-data-collection";
pub const PROCESSING: &str = "training-processing";
pub const PAYMENT: &str = "training-payment";
pub const WON: &str = "training-won";
pub const LOST: &str = "training-lost";
pub const VIP: &str = "training-vip";
pub const EQUIPMENT: &str = "training-equipment";
pub const STANDARD: &str = "standard";
pub const LARGE: &str = "large";
pub const SPECIAL: &str = "special";
pub const REACTION_CONTROL: &str = "training-reaction-control";
pub const VIP_NOTICE: &str = "training-vip-notice";
pub const REVIEW_TASK: &str = "training-review-task";
pub const UNPAID_NOTICE: &str = "training-unpaid-notice";
pub const UNPAID_VIP_CONTROL: &str = "training-unpaid-vip-control";
pub const TAKEN_TRIGGER: &str = "training-taken";
pub const PAID_TRIGGER: &str = "training-paid";

/// The texts of the example in the user's language; the core holds none.
/// Robot texts may use the placeholders of [`super::Action`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Pipeline,
    New,
    DataCollection,
    Processing,
    Payment,
    Won,
    Lost,
    VipField,
    EquipmentField,
    Standard,
    Large,
    Special,
    /// To the head: the new deal was not taken within 10 minutes.
    ReactionControl,
    /// To the responsible: a VIP client's deal arrived.
    VipNotice,
    ReviewTaskTitle,
    ReviewTaskText,
    /// To the responsible: the invoice is still unpaid.
    UnpaidNotice,
    /// To the head: a VIP client's invoice is unpaid after 2 business days.
    UnpaidVipControl,
}

pub struct Options {
    /// Who sets the review task (an administrator); `None`: the
    /// responsible's head.
    pub reviewer: Option<Id>,
    /// After how many days an ordinary client's unpaid invoice is reminded.
    pub unpaid_days: u32,
}

/// What to store; only what is not stored yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub pipeline: Option<Pipeline>,
    pub fields: Vec<FieldDef>,
    pub robots: Vec<Robot>,
    pub triggers: Vec<Trigger>,
}

fn id(text: &'static str) -> Id {
    Id::from_static(text)
}

fn vip_is(yes: bool) -> Comparison {
    let op = if yes { Op::Equals(Value::Boolean(true)) } else { Op::NotEquals(Value::Boolean(true)) };
    Comparison::new(Subject::Contact, Field::Custom(id(VIP)), op)
}

/// The example set, less the items whose ids are in `existing` (any stored
/// pipeline, field, robot or trigger ids).
pub fn install(text: impl Fn(Text) -> String, options: &Options, existing: &[Id]) -> Example {
    let stage = |stage_id, name, color: &str, semantic| Stage {
        id: id(stage_id),
        name: text(name),
        color: color.to_owned(),
        semantic,
    };
    let pipeline = Pipeline {
        id: id(PIPELINE),
        name: text(Text::Pipeline),
        stages: vec![
            stage(NEW, Text::New, "#3f7fd8", Semantic::InProgress),
            stage(DATA_COLLECTION, Text::DataCollection, "#2fa4c7", Semantic::InProgress),
            stage(PROCESSING, Text::Processing, "#8a6fd1", Semantic::InProgress),
            stage(PAYMENT, Text::Payment, "#e0a030", Semantic::InProgress),
            stage(WON, Text::Won, "#3a9b4a", Semantic::Won),
            stage(LOST, Text::Lost, "#c94a4a", Semantic::Lost),
        ],
    };
    let option = |option_id, label| ListOption { id: id(option_id), label: text(label) };
    let fields = vec![
        FieldDef::new(id(VIP), FieldEntity::Contact, &text(Text::VipField), FieldKind::Boolean),
        FieldDef {
            options: vec![
                option(STANDARD, Text::Standard),
                option(LARGE, Text::Large),
                option(SPECIAL, Text::Special),
            ],
            required_from_stage: Some(id(PROCESSING)),
            ..FieldDef::new(id(EQUIPMENT), FieldEntity::Deal, &text(Text::EquipmentField), FieldKind::List)
        },
    ];
    let robot = |robot_id, stage_id, action, timing, condition| Robot {
        id: id(robot_id),
        pipeline: id(PIPELINE),
        stage: id(stage_id),
        action,
        timing,
        condition,
        after_previous: false,
    };
    let robots = vec![
        robot(
            REACTION_CONTROL,
            NEW,
            Action::Control { text: text(Text::ReactionControl) },
            Timing::After(Delay::new(10, Unit::Minutes)),
            Condition::all([Comparison::new(Subject::Deal, Field::Stage, Op::Equals(Value::List(id(NEW))))]),
        ),
        robot(
            VIP_NOTICE,
            NEW,
            Action::Notify { to: Recipient::Responsible, text: text(Text::VipNotice) },
            Timing::Immediately,
            Condition::all([vip_is(true)]),
        ),
        robot(
            REVIEW_TASK,
            PROCESSING,
            Action::CreateTask(TaskSpec {
                title: text(Text::ReviewTaskTitle),
                text: text(Text::ReviewTaskText),
                creator: options.reviewer.clone().map_or(Recipient::Head, Recipient::User),
                responsible: Recipient::Responsible,
                deadline: Some(Delay::new(3, Unit::Days)),
                review: true,
            }),
            Timing::Immediately,
            Condition::all([
                vip_is(true),
                Comparison::new(
                    Subject::Deal,
                    Field::Custom(id(EQUIPMENT)),
                    Op::Equals(Value::List(id(SPECIAL))),
                ),
            ]),
        ),
        robot(
            UNPAID_NOTICE,
            PAYMENT,
            Action::Notify { to: Recipient::Responsible, text: text(Text::UnpaidNotice) },
            Timing::After(Delay::new(options.unpaid_days, Unit::Days)),
            Condition::all([vip_is(false)]),
        ),
        robot(
            UNPAID_VIP_CONTROL,
            PAYMENT,
            Action::Control { text: text(Text::UnpaidVipControl) },
            Timing::After(Delay::new(2, Unit::BusinessDays)),
            Condition::all([vip_is(true)]),
        ),
    ];
    let trigger = |trigger_id, stage_id, when| Trigger {
        id: id(trigger_id),
        pipeline: id(PIPELINE),
        stage: id(stage_id),
        when,
        allow_backwards: false,
    };
    let triggers = vec![
        trigger(TAKEN_TRIGGER, DATA_COLLECTION, When::TakenIntoWork),
        trigger(PAID_TRIGGER, WON, When::InvoicePaid),
    ];
    let new = |item_id: &Id| !existing.contains(item_id);
    Example {
        pipeline: Some(pipeline).filter(|pipeline| new(&pipeline.id)),
        fields: fields.into_iter().filter(|field| new(&field.id)).collect(),
        robots: robots.into_iter().filter(|robot| new(&robot.id)).collect(),
        triggers: triggers.into_iter().filter(|trigger| new(&trigger.id)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{id, minutes, monday_10, moscow, App, World};
    use super::super::{Event, JobState, NotificationKind, SkipReason};
    use super::*;
    use crate::fields::MoveRefused;
    use crate::invoice::InvoiceStatus;
    use crate::Timestamp;

    fn example(existing: &[Id]) -> Example {
        install(|text| format!("{text:?}"), &Options { reviewer: None, unpaid_days: 3 }, existing)
    }

    #[test]
    fn the_example_passes_every_check_of_a_hand_made_configuration() {
        let example = example(&[]);
        let pipeline = example.pipeline.clone().unwrap();
        let pipelines = std::slice::from_ref(&pipeline);
        let checked = Pipeline::new(pipeline.id.clone(), &pipeline.name, pipeline.stages.clone());
        assert_eq!(checked.as_ref(), Ok(&pipeline));
        let names: Vec<&str> = pipeline.stages.iter().map(|stage| stage.name.as_str()).collect();
        assert_eq!(names, ["New", "DataCollection", "Processing", "Payment", "Won", "Lost"]);
        for field in &example.fields {
            let others: Vec<FieldDef> = example.fields.iter().filter(|f| f.id != field.id).cloned().collect();
            assert_eq!(field.check(&others, pipelines), Ok(()));
        }
        let users = [id("admin")];
        for robot in &example.robots {
            assert_eq!(robot.check(pipelines, &example.fields, &users), Ok(()), "{}", robot.id);
        }
        for trigger in &example.triggers {
            assert_eq!(trigger.check(pipelines), Ok(()));
        }
    }

    #[test]
    fn installing_twice_adds_nothing_and_keeps_edits() {
        let first = example(&[]);
        let mut stored: Vec<Id> = first.pipeline.iter().map(|p| p.id.clone()).collect();
        stored.extend(first.fields.iter().map(|f| f.id.clone()));
        stored.extend(first.robots.iter().map(|r| r.id.clone()));
        stored.extend(first.triggers.iter().map(|t| t.id.clone()));
        let second = example(&stored);
        assert_eq!(second, Example { pipeline: None, fields: vec![], robots: vec![], triggers: vec![] });
        stored.retain(|id| id.as_str() != VIP_NOTICE);
        let repaired = example(&stored);
        assert_eq!(repaired.robots.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [VIP_NOTICE]);
        assert_eq!(example(&[]), first, "ids are fixed");
    }

    #[test]
    fn the_reviewer_option_makes_an_admin_the_task_creator() {
        let example =
            install(|t| format!("{t:?}"), &Options { reviewer: Some(id("admin")), unpaid_days: 5 }, &[]);
        let review = example.robots.iter().find(|robot| robot.id.as_str() == REVIEW_TASK).unwrap();
        let Action::CreateTask(task) = &review.action else { panic!("a task robot") };
        assert_eq!(task.creator, Recipient::User(id("admin")));
        let unpaid = example.robots.iter().find(|robot| robot.id.as_str() == UNPAID_NOTICE).unwrap();
        assert_eq!(unpaid.timing, Timing::After(Delay::new(5, Unit::Days)));
    }

    #[test]
    fn a_new_deal_not_taken_within_ten_minutes_alerts_the_head() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut app = App::created(&world);
        app.tick(&mut world, created.plus_millis(minutes(9)));
        assert!(app.notifications.is_empty());
        app.tick(&mut world, created.plus_millis(minutes(10)));
        let alerts = app.notifications_to("sonia");
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].kind, NotificationKind::Control);
        assert_eq!(alerts[0].about, Some(id("anna")));
        assert_eq!(alerts[0].text, "ReactionControl Boiler / ANNA", "placeholders filled in");
        assert_eq!(alerts[0].due_at, None, "on time");
    }

    #[test]
    fn taking_the_conversation_into_work_moves_the_deal_on_and_cancels_the_control() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut app = App::created(&world);
        app.event(&mut world, Event::TakenIntoWork, created.plus_millis(minutes(4)));
        assert_eq!(world.stage(), DATA_COLLECTION);
        app.tick(&mut world, created.plus_millis(minutes(30)));
        assert!(app.notifications.is_empty());
        assert!(matches!(app.job_of(REACTION_CONTROL).state, JobState::Cancelled { .. }));
    }

    #[test]
    fn a_control_noticed_after_the_app_was_closed_says_when_it_was_due() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut app = App::created(&world);
        let opened = created.plus_millis(3 * Timestamp::HOUR);
        app.tick(&mut world, opened);
        let alert = app.notifications_to("sonia")[0];
        assert_eq!(alert.due_at, Some(created.plus_millis(minutes(10))));
        assert_eq!(alert.created_at, opened);
    }

    #[test]
    fn a_vip_clients_deal_notifies_the_responsible_at_once() {
        let created = monday_10();
        let mut world = World::training(created);
        world.set_vip(true);
        let mut app = App::created(&world);
        app.tick(&mut world, created);
        let notices = app.notifications_to("anna");
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].kind, NotificationKind::Robot);

        let mut ordinary = World::training(created);
        let mut app = App::created(&ordinary);
        app.tick(&mut ordinary, created);
        assert!(app.notifications.is_empty());
        assert_eq!(
            app.job_of(VIP_NOTICE).state,
            JobState::Skipped { at: created, reason: SkipReason::ConditionFalse }
        );
    }

    #[test]
    fn processing_needs_the_equipment_type() {
        let created = monday_10();
        let mut world = World::training(created);
        let mut app = App::created(&world);
        app.move_deal(&mut world, DATA_COLLECTION, created.plus_millis(minutes(1))).unwrap();
        assert_eq!(
            app.move_deal(&mut world, PROCESSING, created.plus_millis(minutes(2))),
            Err(MoveRefused::MissingFields(vec![id(EQUIPMENT)]))
        );
        assert_eq!(world.stage(), DATA_COLLECTION);
        app.move_deal(&mut world, LOST, created.plus_millis(minutes(3))).unwrap();
        assert_eq!(world.semantic(), crate::pipeline::Semantic::Lost, "giving up needs no data");
    }

    #[test]
    fn a_vip_client_with_special_equipment_gets_a_review_task_for_three_days() {
        let created = monday_10();
        let mut world = World::training(created);
        world.set_vip(true);
        world.set_equipment(SPECIAL);
        let mut app = App::created(&world);
        let at = created.plus_millis(minutes(5));
        app.move_deal(&mut world, PROCESSING, at).unwrap();
        app.tick(&mut world, at);
        let task = app.tasks.values().next().expect("a review task");
        assert_eq!((task.creator.as_str(), task.responsible.as_str()), ("sonia", "anna"));
        assert_eq!(task.deadline, Some(moscow("2026-12-03", 10, 5)));
        assert!(task.review);
        assert_eq!(task.card, world.deal.card());
    }

    #[test]
    fn standard_equipment_or_an_ordinary_client_gets_no_review_task() {
        for (vip, equipment) in [(true, STANDARD), (false, SPECIAL)] {
            let created = monday_10();
            let mut world = World::training(created);
            world.set_vip(vip);
            world.set_equipment(equipment);
            let mut app = App::created(&world);
            app.move_deal(&mut world, PROCESSING, created).unwrap();
            app.tick(&mut world, created.plus_millis(Timestamp::DAY));
            assert!(app.tasks.is_empty(), "vip {vip}, {equipment}");
        }
    }

    #[test]
    fn an_unpaid_invoice_reminds_the_responsible_after_the_set_days() {
        let created = monday_10();
        let mut world = World::training(created);
        world.set_equipment(LARGE);
        let mut app = App::created(&world);
        app.move_deal(&mut world, PAYMENT, created).unwrap();
        app.tick(&mut world, moscow("2026-12-03", 9, 59));
        assert!(app.notifications_to("anna").is_empty());
        app.tick(&mut world, moscow("2026-12-03", 10, 0));
        assert_eq!(app.notifications_to("anna").len(), 1);
        assert!(app.notifications_to("sonia").is_empty(), "the VIP control is for VIPs");
    }

    #[test]
    fn a_vip_invoice_unpaid_for_two_business_days_goes_to_the_head() {
        let friday = moscow("2026-11-27", 16, 0);
        let mut world = World::training(friday);
        world.set_vip(true);
        world.set_equipment(LARGE);
        let mut app = App::created(&world);
        app.move_deal(&mut world, PAYMENT, friday).unwrap();
        app.tick(&mut world, moscow("2026-11-30", 16, 0));
        assert!(app.notifications_to("sonia").is_empty(), "one business day is not enough");
        app.tick(&mut world, moscow("2026-12-01", 16, 0));
        let control = app.notifications_to("sonia");
        assert_eq!(control.len(), 1);
        assert_eq!(control[0].kind, NotificationKind::Control);
    }

    #[test]
    fn paying_the_invoice_wins_the_deal_and_stops_the_reminders() {
        let created = monday_10();
        let mut world = World::training(created);
        world.set_equipment(LARGE);
        let mut app = App::created(&world);
        app.move_deal(&mut world, PAYMENT, created).unwrap();
        app.event(&mut world, Event::InvoiceStatus(InvoiceStatus::Sent), created.plus_millis(minutes(1)));
        assert_eq!(world.stage(), PAYMENT);
        app.event(&mut world, Event::InvoiceStatus(InvoiceStatus::Paid), created.plus_millis(minutes(2)));
        assert_eq!(world.stage(), WON);
        app.tick(&mut world, created.plus_millis(30 * Timestamp::DAY));
        assert!(app.notifications.is_empty());
    }
}
