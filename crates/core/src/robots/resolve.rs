//! Turning a robot's action into concrete effects for one job: who exactly
//! is notified, which user the queue gives the deal to, when a task is due.

use super::action::{Action, Assignee, Channel, Recipient, SendTo, TaskSpec};
use super::effect::{Addressee, Effect, NewTask, OutboxMessage, QueueCursor};
use super::job::{Job, SkipReason};
use super::notification::{Notification, NotificationKind, LATE_AFTER};
use super::robot::Robot;
use crate::activity::{Activity, ActivityKind, Direction, Priority};
use crate::calendar::WorkCalendar;
use crate::conditions::Snapshot;
use crate::contact_point::ContactPoint;
use crate::fields::{check_move, is_required_at};
use crate::org::OrgChart;
use crate::pipeline::Pipeline;
use crate::record::Stamp;
use crate::user::User;
use crate::zone::Zone;
use crate::{Id, Timestamp};

/// Who history names as the author of what robots create and change.
pub const ROBOT_ACTOR: &str = "robot";

/// Everything a robot may look at when it runs, as the app reads it at
/// that moment.
pub struct RunContext<'a, Z: Zone> {
    /// All robots; a job whose robot is gone is cancelled.
    pub robots: &'a [Robot],
    /// The deal's pipeline.
    pub pipeline: &'a Pipeline,
    /// The deal now, its first contact and company, the field definitions.
    pub snapshot: Snapshot<'a>,
    pub org: &'a OrgChart,
    pub users: &'a [User],
    pub calendar: &'a WorkCalendar,
    pub zone: &'a Z,
    pub cursors: &'a [QueueCursor],
}

/// The effects of `robot`'s action for `job` at `now`, or why there are
/// none. Pure: the same inputs give the same effects, ids included.
pub fn resolve<Z: Zone>(
    robot: &Robot,
    job: &Job,
    ctx: &RunContext<Z>,
    now: Timestamp,
) -> Result<Vec<Effect>, SkipReason> {
    let deal = ctx.snapshot.deal;
    let card = deal.card();
    let render = |text: &str| render(text, ctx);
    let effect = match &robot.action {
        Action::Notify { to, text } => Effect::Notify(Notification {
            id: job.derived_id("notification"),
            to: person(to, ctx)?,
            kind: NotificationKind::Robot,
            text: render(text),
            card,
            about: None,
            created_at: now,
            due_at: late(job, now),
        }),
        Action::Control { text } => Effect::Notify(Notification {
            id: job.derived_id("notification"),
            to: person(&Recipient::Head, ctx)?,
            kind: NotificationKind::Control,
            text: render(text),
            card,
            about: Some(deal.responsible.clone()),
            created_at: now,
            due_at: late(job, now),
        }),
        Action::CreateTask(TaskSpec { title, text, creator, responsible, deadline, review }) => {
            Effect::CreateTask(NewTask {
                id: job.derived_id("task"),
                title: render(title),
                text: render(text),
                creator: person(creator, ctx)?,
                responsible: person(responsible, ctx)?,
                deadline: deadline.map(|delay| delay.after(now, ctx.calendar, ctx.zone)),
                review: *review,
                card,
                created_at: now,
            })
        }
        Action::CreateActivity { subject, description, responsible, deadline } => {
            Effect::CreateActivity(Activity {
                id: job.derived_id("activity"),
                kind: ActivityKind::Todo,
                direction: Direction::Outgoing,
                subject: render(subject),
                description: render(description),
                deadline: deadline.after(now, ctx.calendar, ctx.zone),
                responsible: person(responsible, ctx)?,
                priority: Priority::Normal,
                owner: card,
                completion: None,
                stamp: Stamp::new(&Id::from_static(ROBOT_ACTOR), now),
            })
        }
        Action::ChangeStage { stage } => {
            check_move(deal, ctx.pipeline, stage, ctx.snapshot.defs).map_err(SkipReason::MoveRefused)?;
            Effect::MoveStage { deal: deal.id.clone(), stage: stage.clone(), since: job.entered_at }
        }
        Action::SetField { field, value } => {
            let def = ctx.snapshot.defs.iter().find(|def| &def.id == field);
            let def = def.ok_or_else(|| SkipReason::UnknownField(field.clone()))?;
            match value {
                Some(value) => value.check(def).map_err(|_| SkipReason::InvalidValue(field.clone()))?,
                None if is_required_at(def, ctx.pipeline, &deal.stage) => {
                    return Err(SkipReason::FieldRequired(field.clone()))
                }
                None => {}
            }
            Effect::SetField { deal: deal.id.clone(), field: field.clone(), value: value.clone() }
        }
        Action::ChangeResponsible(Assignee::User(user)) => Effect::SetResponsible {
            deal: deal.id.clone(),
            user: person(&Recipient::User(user.clone()), ctx)?,
        },
        Action::ChangeResponsible(Assignee::Queue(queue)) => {
            let cursor = ctx.cursors.iter().find(|cursor| cursor.robot == robot.id).map_or(0, |c| c.next);
            let len = u32::try_from(queue.len()).unwrap_or(u32::MAX);
            let index = cursor.checked_rem(len).ok_or(SkipReason::EmptyQueue)?;
            let user = person(&Recipient::User(queue[index as usize].clone()), ctx)?;
            let next = QueueCursor { robot: robot.id.clone(), next: (index + 1) % len };
            return Ok(vec![
                Effect::SetResponsible { deal: deal.id.clone(), user },
                Effect::SetQueueCursor(next),
            ]);
        }
        Action::Send { channel, to, subject, text } => Effect::Send(OutboxMessage {
            id: job.derived_id("message"),
            channel: *channel,
            to: addressee(*channel, to, ctx)?,
            subject: render(subject),
            text: render(text),
            card,
            created_at: now,
        }),
    };
    Ok(vec![effect])
}

/// The due time, when the job runs late enough to say so.
fn late(job: &Job, now: Timestamp) -> Option<Timestamp> {
    job.due_at.filter(|due| now.millis() - due.millis() > LATE_AFTER)
}

fn person<Z: Zone>(recipient: &Recipient, ctx: &RunContext<Z>) -> Result<Id, SkipReason> {
    let responsible = &ctx.snapshot.deal.responsible;
    let user = match recipient {
        Recipient::Responsible => responsible,
        Recipient::Head => ctx.org.head_of(responsible).ok_or(SkipReason::NoHead)?,
        Recipient::User(user) => user,
    };
    if ctx.users.iter().any(|known| &known.id == user) {
        Ok(user.clone())
    } else {
        Err(SkipReason::UnknownUser(user.clone()))
    }
}

fn addressee<Z: Zone>(channel: Channel, to: &SendTo, ctx: &RunContext<Z>) -> Result<Addressee, SkipReason> {
    match to {
        SendTo::Responsible => Ok(Addressee::User(person(&Recipient::Responsible, ctx)?)),
        SendTo::User(user) => Ok(Addressee::User(person(&Recipient::User(user.clone()), ctx)?)),
        SendTo::Client => {
            let points = |client: &crate::client::Client| -> Vec<ContactPoint> {
                match channel {
                    Channel::Email => client.emails.clone(),
                    Channel::Sms => client.phones.clone(),
                }
            };
            let contact = ctx.snapshot.contact.map(|contact| points(&contact.client));
            let company = ctx.snapshot.company.map(|company| points(&company.client));
            contact
                .into_iter()
                .chain(company)
                .flatten()
                .next()
                .map(|point| Addressee::Address(point.value))
                .ok_or(SkipReason::NoAddress)
        }
    }
}

/// Fills in the placeholders listed in [`super::action`].
fn render<Z: Zone>(text: &str, ctx: &RunContext<Z>) -> String {
    let snapshot = &ctx.snapshot;
    let deal = snapshot.deal;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let value = match &after[..close] {
            "deal" => Some(deal.title.clone()),
            "responsible" => Some(
                ctx.users
                    .iter()
                    .find(|user| user.id == deal.responsible)
                    .map_or_else(|| deal.responsible.to_string(), |user| user.name.clone()),
            ),
            "stage" => {
                Some(ctx.pipeline.stage(&deal.stage).map_or_else(String::new, |stage| stage.name.clone()))
            }
            "contact" => Some(snapshot.contact.map(|contact| contact.full_name()).unwrap_or_default()),
            "company" => Some(snapshot.company.map(|company| company.title.clone()).unwrap_or_default()),
            "amount" => Some(deal.amount.as_ref().map(ToString::to_string).unwrap_or_default()),
            _ => None,
        };
        match value {
            Some(value) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::super::examples::{EQUIPMENT, NEW, PAYMENT, PIPELINE, SPECIAL};
    use super::super::fixture::{id, minutes, monday_10, moscow, World, MOSCOW};
    use super::super::schedule_on_entry;
    use super::super::timing::{Delay, Timing, Unit};
    use super::*;
    use crate::fields::{MoveRefused, Value};

    fn robot(action: Action) -> Robot {
        Robot {
            id: id("r"),
            pipeline: Id::from_static(PIPELINE),
            stage: Id::from_static(NEW),
            action,
            timing: Timing::Immediately,
            condition: Default::default(),
            after_previous: false,
        }
    }

    fn effects(world: &World, action: Action) -> Result<Vec<Effect>, SkipReason> {
        let robot = Robot { stage: world.deal.stage.clone(), ..robot(action) };
        let jobs = schedule_on_entry(&world.deal, std::slice::from_ref(&robot), &world.calendar, &MOSCOW);
        resolve(&robot, &jobs[0], &world.ctx(), world.deal.stage_since)
    }

    fn one(world: &World, action: Action) -> Effect {
        let mut effects = effects(world, action).unwrap();
        assert_eq!(effects.len(), 1);
        effects.remove(0)
    }

    fn notify(to: Recipient, text: &str) -> Action {
        Action::Notify { to, text: text.into() }
    }

    #[test]
    fn notifications_reach_the_responsible_a_user_or_the_head() {
        let world = World::training(monday_10());
        for (recipient, user) in [
            (Recipient::Responsible, "anna"),
            (Recipient::Head, "sonia"),
            (Recipient::User(id("vera")), "vera"),
        ] {
            let Effect::Notify(notification) = one(&world, notify(recipient, "hi")) else { panic!() };
            assert_eq!(notification.to.as_str(), user);
            assert_eq!(notification.card, world.deal.card());
        }
    }

    #[test]
    fn nobody_to_tell_skips_the_robot() {
        let mut world = World::training(monday_10());
        assert_eq!(
            effects(&world, notify(Recipient::User(id("ghost")), "x")),
            Err(SkipReason::UnknownUser(id("ghost")))
        );
        world.deal.responsible = id("sonia");
        assert_eq!(effects(&world, Action::Control { text: "x".into() }), Err(SkipReason::NoHead));
    }

    #[test]
    fn placeholders_name_the_deal_and_its_people() {
        let mut world = World::training(monday_10());
        world.deal.amount = Some(crate::money::Money { minor: 150_000, currency: "RUB".into() });
        world.pipeline.stages[0].name = "New".into();
        world.contact.first_name = "Olga{deal}".into();
        let text = "{responsible}: {deal} at {stage} for {contact} of {company}, {amount}; {nope} {";
        let Effect::Notify(notification) = one(&world, Action::Control { text: text.into() }) else {
            panic!()
        };
        let expected = "ANNA: Boiler at New for Olga{deal} Ivanova of Acme, 1\u{a0}500.00 RUB; {nope} {";
        assert_eq!(notification.text, expected, "filled-in values are not expanded again");
        assert_eq!((notification.kind, notification.about), (NotificationKind::Control, Some(id("anna"))));
    }

    #[test]
    fn a_task_gets_its_deadline_from_when_the_robot_runs() {
        let world = World::training(monday_10());
        let spec = TaskSpec {
            title: "Check {deal}".into(),
            text: String::new(),
            creator: Recipient::User(id("admin")),
            responsible: Recipient::Responsible,
            deadline: Some(Delay::new(2, Unit::BusinessDays)),
            review: false,
        };
        let Effect::CreateTask(task) = one(&world, Action::CreateTask(spec.clone())) else { panic!() };
        assert_eq!((task.title.as_str(), task.creator.as_str()), ("Check Boiler", "admin"));
        assert_eq!(task.deadline, Some(moscow("2026-12-02", 10, 0)));
        let no_deadline = TaskSpec { deadline: None, ..spec };
        let Effect::CreateTask(task) = one(&world, Action::CreateTask(no_deadline)) else { panic!() };
        assert_eq!(task.deadline, None);
    }

    #[test]
    fn an_activity_is_a_robot_made_to_do_on_the_deal() {
        let world = World::training(monday_10());
        let action = Action::CreateActivity {
            subject: "Call {contact}".into(),
            description: String::new(),
            responsible: Recipient::Responsible,
            deadline: Delay::new(2, Unit::Hours),
        };
        let Effect::CreateActivity(activity) = one(&world, action) else { panic!() };
        assert_eq!((activity.kind, activity.subject.as_str()), (ActivityKind::Todo, "Call Olga Ivanova"));
        assert_eq!(
            (activity.owner.clone(), activity.deadline),
            (world.deal.card(), monday_10().plus_millis(minutes(120)))
        );
        assert_eq!(activity.stamp.created_by.as_str(), ROBOT_ACTOR);
        assert!(activity.is_open());
    }

    #[test]
    fn a_robot_moves_the_deal_only_past_filled_required_fields() {
        let mut world = World::training(monday_10());
        let to_payment = Action::ChangeStage { stage: Id::from_static(PAYMENT) };
        assert_eq!(
            effects(&world, to_payment.clone()),
            Err(SkipReason::MoveRefused(MoveRefused::MissingFields(vec![Id::from_static(EQUIPMENT)])))
        );
        world.set_equipment(SPECIAL);
        assert_eq!(
            one(&world, to_payment),
            Effect::MoveStage {
                deal: world.deal.id.clone(),
                stage: Id::from_static(PAYMENT),
                since: world.deal.stage_since
            }
        );
    }

    #[test]
    fn setting_a_field_checks_the_value_and_the_requirement() {
        let mut world = World::training(monday_10());
        let set = |value| Action::SetField { field: Id::from_static(EQUIPMENT), value };
        let special = Some(Value::List(Id::from_static(SPECIAL)));
        assert!(
            matches!(one(&world, set(special.clone())), Effect::SetField { value, .. } if value == special)
        );
        assert_eq!(
            effects(&world, set(Some(Value::Boolean(true)))),
            Err(SkipReason::InvalidValue(Id::from_static(EQUIPMENT)))
        );
        assert!(effects(&world, set(None)).is_ok(), "not required at New");
        world.deal.stage = Id::from_static(PAYMENT);
        assert_eq!(effects(&world, set(None)), Err(SkipReason::FieldRequired(Id::from_static(EQUIPMENT))));
        let ghost = Action::SetField { field: id("ghost"), value: None };
        assert_eq!(effects(&world, ghost), Err(SkipReason::UnknownField(id("ghost"))));
    }

    #[test]
    fn a_queue_deals_deals_out_in_turn_and_keeps_its_place() {
        let mut world = World::training(monday_10());
        let queue = Action::ChangeResponsible(Assignee::Queue(vec![id("anna"), id("boris"), id("vera")]));
        let mut given = Vec::new();
        for _ in 0..4 {
            let turn = effects(&world, queue.clone()).unwrap();
            let [Effect::SetResponsible { user, .. }, Effect::SetQueueCursor(cursor)] = &turn[..] else {
                panic!()
            };
            given.push(user.to_string());
            world.cursors = vec![cursor.clone()];
        }
        assert_eq!(given, ["anna", "boris", "vera", "anna"]);
        world.cursors[0].next = 7;
        let wrapped = effects(&world, queue).unwrap();
        assert!(
            matches!(&wrapped[0], Effect::SetResponsible { user, .. } if user.as_str() == "boris"),
            "a stale cursor wraps"
        );
        assert_eq!(
            effects(&world, Action::ChangeResponsible(Assignee::Queue(Vec::new()))),
            Err(SkipReason::EmptyQueue)
        );
    }

    #[test]
    fn messages_to_the_client_use_the_contact_then_the_company() {
        let mut world = World::training(monday_10());
        let send =
            |channel, to| Action::Send { channel, to, subject: "Invoice".into(), text: "For {deal}".into() };
        let address = |effect: Effect| match effect {
            Effect::Send(message) => message.to,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            address(one(&world, send(Channel::Email, SendTo::Client))),
            Addressee::Address("olga@client.example".into())
        );
        assert_eq!(
            address(one(&world, send(Channel::Sms, SendTo::Client))),
            Addressee::Address("+7 900 000-00-00".into())
        );
        assert_eq!(
            address(one(&world, send(Channel::Email, SendTo::Responsible))),
            Addressee::User(id("anna"))
        );
        world.contact.client.emails.clear();
        assert_eq!(
            address(one(&world, send(Channel::Email, SendTo::Client))),
            Addressee::Address("info@acme.example".into())
        );
        world.company.client.emails.clear();
        assert_eq!(effects(&world, send(Channel::Email, SendTo::Client)), Err(SkipReason::NoAddress));
    }

    #[test]
    fn created_records_have_ids_of_their_own_job() {
        let world = World::training(monday_10());
        let Effect::Notify(first) = one(&world, notify(Recipient::Responsible, "x")) else { panic!() };
        let Effect::Notify(again) = one(&world, notify(Recipient::Responsible, "x")) else { panic!() };
        assert_eq!(first.id, again.id);
        let mut other_deal = World::training(monday_10());
        other_deal.deal.id = id("other");
        let Effect::Notify(other) = one(&other_deal, notify(Recipient::Responsible, "x")) else { panic!() };
        assert_ne!(first.id, other.id);
    }
}
