//! Test fixture: the training example installed, a small team and a deal,
//! and a stand-in for the app that stores jobs and carries out effects the
//! way the module doc describes.

use std::collections::BTreeMap;

use super::examples::{self, Options};
use super::*;
use crate::activity::Activity;
use crate::calendar::WorkCalendar;
use crate::client::{Client, ClientStatus};
use crate::company::Company;
use crate::conditions::Snapshot;
use crate::contact::Contact;
use crate::contact_point::{ContactPoint, PointKind};
use crate::date::Date;
use crate::deal::Deal;
use crate::fields::{check_move, FieldDef, MoveRefused, Value, Values};
use crate::org::{Department, Membership, OrgChart};
use crate::pipeline::{Pipeline, Semantic};
use crate::record::Stamp;
use crate::user::User;
use crate::zone::{at_local, FixedOffset};
use crate::{Id, Timestamp};

pub const MOSCOW: FixedOffset = FixedOffset(180);

pub fn id(text: &str) -> Id {
    Id::parse(text).unwrap()
}

pub fn moscow(day: &str, hour: u32, minute: u32) -> Timestamp {
    at_local(&MOSCOW, Date::parse(day).unwrap(), hour * 60 + minute)
}

/// Monday 2026-11-30, 10:00 in Moscow: working time.
pub fn monday_10() -> Timestamp {
    moscow("2026-11-30", 10, 0)
}

pub fn minutes(n: i64) -> i64 {
    n * Timestamp::MINUTE
}

fn client(email: Option<&str>) -> Client {
    Client {
        phones: vec![ContactPoint { kind: PointKind::Mobile, value: "+7 900 000-00-00".into() }],
        emails: email
            .map(|email| ContactPoint { kind: PointKind::Work, value: email.into() })
            .into_iter()
            .collect(),
        messengers: Vec::new(),
        responsible: Some(id("anna")),
        status: ClientStatus::Active,
        status_since: None,
        previous_responsible: None,
        lost_reason: String::new(),
    }
}

pub struct World {
    pub pipeline: Pipeline,
    pub defs: Vec<FieldDef>,
    pub robots: Vec<Robot>,
    pub triggers: Vec<Trigger>,
    pub deal: Deal,
    pub contact: Contact,
    pub company: Company,
    pub org: OrgChart,
    pub users: Vec<User>,
    pub calendar: WorkCalendar,
    pub cursors: Vec<QueueCursor>,
}

impl World {
    /// The training example; anna is responsible for the deal "Boiler",
    /// just created at New at `created`; her head is sonia.
    pub fn training(created: Timestamp) -> Self {
        let example = examples::install(
            |text| format!("{text:?} {{deal}} / {{responsible}}"),
            &Options { reviewer: None, unpaid_days: 3 },
            &[],
        );
        let pipeline = example.pipeline.unwrap();
        let users =
            ["anna", "boris", "vera", "sonia", "admin"].map(|name| User::new(id(name), name.to_uppercase()));
        let department = |name: &str, parent: Option<&str>, head: Option<&str>| Department {
            id: id(name),
            name: name.into(),
            parent: parent.map(id),
            head: head.map(id),
        };
        let member = |user: &str, department: &str| Membership {
            user: id(user),
            department: id(department),
            also: Vec::new(),
        };
        let org = OrgChart {
            departments: vec![
                department("company", None, None),
                department("sales", Some("company"), Some("sonia")),
            ],
            memberships: vec![member("anna", "sales"), member("boris", "sales"), member("sonia", "sales")],
        };
        let new = &pipeline.stages[0];
        let deal = Deal {
            id: id("boiler"),
            title: "Boiler".into(),
            pipeline: pipeline.id.clone(),
            stage: new.id.clone(),
            semantic: new.semantic,
            company: Some(id("acme")),
            contacts: vec![id("olga")],
            amount: None,
            responsible: id("anna"),
            comments: String::new(),
            next_activity: None,
            stage_since: created,
            closed_at: None,
            stamp: Stamp::new(&id("anna"), created),
            fields: Values::default(),
        };
        let contact = Contact {
            id: id("olga"),
            first_name: "Olga".into(),
            last_name: "Ivanova".into(),
            position: String::new(),
            companies: vec![id("acme")],
            client: client(Some("olga@client.example")),
            comments: String::new(),
            next_activity: None,
            stamp: Stamp::new(&id("anna"), created),
            fields: Values::default(),
        };
        let company = Company {
            id: id("acme"),
            title: "Acme".into(),
            client: client(Some("info@acme.example")),
            comments: String::new(),
            next_activity: None,
            stamp: Stamp::new(&id("anna"), created),
            fields: Values::default(),
        };
        Self {
            pipeline,
            defs: example.fields,
            robots: example.robots,
            triggers: example.triggers,
            deal,
            contact,
            company,
            org,
            users: users.to_vec(),
            calendar: WorkCalendar::default(),
            cursors: Vec::new(),
        }
    }

    pub fn ctx(&self) -> RunContext<'_, FixedOffset> {
        RunContext {
            robots: &self.robots,
            pipeline: &self.pipeline,
            snapshot: Snapshot {
                deal: &self.deal,
                contact: Some(&self.contact),
                company: Some(&self.company),
                defs: &self.defs,
            },
            org: &self.org,
            users: &self.users,
            calendar: &self.calendar,
            zone: &MOSCOW,
            cursors: &self.cursors,
        }
    }

    pub fn set_vip(&mut self, vip: bool) {
        self.contact.fields.set(Id::from_static(examples::VIP), Some(Value::Boolean(vip)));
    }

    pub fn set_equipment(&mut self, option: &str) {
        self.deal.fields.set(Id::from_static(examples::EQUIPMENT), Some(Value::List(id(option))));
    }

    pub fn stage(&self) -> &str {
        self.deal.stage.as_str()
    }

    pub fn semantic(&self) -> Semantic {
        self.deal.semantic
    }
}

/// What the app keeps: jobs (and their index) and the records effects
/// create, by id, as IndexedDB `put`s would.
#[derive(Default)]
pub struct App {
    pub jobs: Vec<Job>,
    pub queue: JobQueue,
    pub notifications: BTreeMap<Id, Notification>,
    pub tasks: BTreeMap<Id, NewTask>,
    pub activities: BTreeMap<Id, Activity>,
    pub outbox: BTreeMap<Id, OutboxMessage>,
}

impl App {
    /// The app creating the deal: the robots of its first stage start.
    pub fn created(world: &World) -> Self {
        let mut app = App::default();
        app.store(schedule_on_entry(&world.deal, &world.robots, &world.calendar, &MOSCOW));
        app
    }

    fn store(&mut self, jobs: Vec<Job>) {
        for job in jobs {
            self.queue.update(&job);
            match self.jobs.iter_mut().find(|stored| stored.id == job.id) {
                Some(stored) => *stored = job,
                None => self.jobs.push(job),
            }
        }
    }

    fn reindex(&mut self, ids: &[Id]) {
        for job in self.jobs.iter().filter(|job| ids.contains(&job.id)) {
            self.queue.update(job);
        }
    }

    /// A move by a person, a robot or a trigger: checked, then robots follow.
    pub fn move_deal(&mut self, world: &mut World, stage: &str, now: Timestamp) -> Result<(), MoveRefused> {
        check_move(&world.deal, &world.pipeline, &id(stage), &world.defs)?;
        let actor = id("anna");
        world
            .deal
            .move_to_stage(&world.pipeline, &id(stage), &actor, now)
            .map_err(|_| MoveRefused::UnknownStage(id(stage)))?;
        let cancelled = cancel_on_leave(&mut self.jobs, &world.deal, now);
        self.reindex(&cancelled);
        self.store(schedule_on_entry(&world.deal, &world.robots, &world.calendar, &MOSCOW));
        Ok(())
    }

    pub fn event(&mut self, world: &mut World, event: Event, now: Timestamp) {
        if let Some(stage) = fire(&event, &world.deal, &world.pipeline, &world.triggers) {
            let _refused = self.move_deal(world, &stage.to_string(), now);
        }
    }

    /// Runs every due job, as the app's timer does.
    pub fn tick(&mut self, world: &mut World, now: Timestamp) {
        let mut ran = Vec::new();
        loop {
            let Some(job_id) = self.queue.due(now).next().cloned() else { break };
            assert!(!ran.contains(&job_id), "a job stayed due after running");
            self.run_one(world, &job_id, now, false);
            ran.push(job_id);
        }
    }

    /// Runs one job; with `crash`, stops after storing the claim, before
    /// writing the effects or completing.
    pub fn run_one(&mut self, world: &mut World, job_id: &Id, now: Timestamp, crash: bool) {
        let index = self.jobs.iter().position(|job| &job.id == job_id).unwrap();
        let effects = match run(&mut self.jobs[index], &world.ctx(), now) {
            Ok(effects) => effects.to_vec(),
            Err(_) => return,
        };
        self.queue.update(&self.jobs[index]);
        if crash {
            return;
        }
        self.apply(world, &effects, now);
        let job = &mut self.jobs[index];
        let _not_claimed = job.complete(now);
        let finished = job.clone();
        self.queue.update(&finished);
        if let Some(released) =
            release_next(&finished, &mut self.jobs, &world.robots, &world.deal, &world.calendar, &MOSCOW)
        {
            self.reindex(&[released]);
        }
    }

    fn apply(&mut self, world: &mut World, effects: &[Effect], now: Timestamp) {
        for effect in effects.iter().cloned() {
            match effect {
                Effect::Notify(notification) => {
                    self.notifications.insert(notification.id.clone(), notification);
                }
                Effect::CreateTask(task) => {
                    self.tasks.insert(task.id.clone(), task);
                }
                Effect::CreateActivity(activity) => {
                    self.activities.insert(activity.id.clone(), activity);
                }
                Effect::MoveStage { stage, since, .. } if world.deal.stage_since == since => {
                    let _refused = self.move_deal(world, &stage.to_string(), now);
                }
                Effect::MoveStage { .. } => {}
                Effect::SetField { field, value, .. } => world.deal.fields.set(field, value),
                Effect::SetResponsible { user, .. } => world.deal.responsible = user,
                Effect::SetQueueCursor(cursor) => {
                    world.cursors.retain(|stored| stored.robot != cursor.robot);
                    world.cursors.push(cursor);
                }
                Effect::Send(message) => {
                    self.outbox.insert(message.id.clone(), message);
                }
            }
        }
    }

    pub fn job_of(&self, robot: &str) -> &Job {
        self.jobs.iter().rev().find(|job| job.robot.as_str() == robot).unwrap()
    }

    pub fn notifications_to(&self, user: &str) -> Vec<&Notification> {
        self.notifications.values().filter(|notification| notification.to.as_str() == user).collect()
    }
}
