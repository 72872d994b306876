//! Robots at work on stored deals: moves (by people, triggers and robots)
//! with the jobs they start and cancel, triggers fired by events, and the
//! runner that carries out due jobs, catch-up included, exactly once. The
//! decisions are dela-core's (`robots::drive`, `robots::run`); this module
//! reads what they need and writes what they return.

use dela_core::card::AnyCard;
use dela_core::company::Company;
use dela_core::conditions::Snapshot;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::history::{ActivityEvent, Change};
use dela_core::inbox::{from_robot, from_task_event};
use dela_core::org::OrgChart;
use dela_core::pipeline::Pipeline;
use dela_core::robots::{
    self, release_next, CancelReason, Effect, Event, Job, Outcome, QueueCursor, Rules, RunContext, Setup,
    ROBOT_ACTOR,
};
use dela_core::tasks::robot_task;
use dela_core::timeline::Edit;
use dela_core::user::User;
use dela_core::zone::Zone;
use dela_core::{Id, Timestamp};

use super::cards::{self, history_entry, SaveError};
use super::read::{self, between, only, Key, Part, MAX_SAFE};
use super::schema::{DEALS, HISTORY, JOBS, JOBS_BY_DEAL, JOBS_BY_WAKE, OUTBOX, TASKS};
use super::{automation, inbox, org, pipelines, users, Batch, Store, StoreError};

/// How many due jobs one pass reads; the runner makes passes until none is
/// left, so a long time offline is caught up in one go.
const PASS: u32 = 200;
/// Passes per run: robots that release robots that release… end here, the
/// rest waits for the next tick.
const MAX_PASSES: usize = 25;

pub async fn open_jobs(store: &Store, deal: &Id) -> Result<Vec<Job>, StoreError> {
    let jobs: Vec<Job> = read::in_range(store, JOBS, JOBS_BY_DEAL, only(deal.as_str()), None).await?;
    Ok(jobs.into_iter().filter(Job::is_open).collect())
}

/// Adds an outcome's jobs and history entry to a batch.
pub fn put_outcome(
    mut batch: Batch,
    deal: &Deal,
    outcome: &Outcome,
    actor: &Id,
    now: Timestamp,
) -> Result<Batch, StoreError> {
    for job in &outcome.jobs {
        batch = batch.put(JOBS, job)?;
    }
    if let Some(change) = &outcome.change {
        batch = batch.add(HISTORY, &history_entry(deal.card(), change.clone(), actor, now))?;
    }
    Ok(batch)
}

/// The jobs of a deal being created, for its creating batch.
pub fn put_jobs(mut batch: Batch, jobs: &[Job]) -> Result<Batch, StoreError> {
    for job in jobs {
        batch = batch.put(JOBS, job)?;
    }
    Ok(batch)
}

/// A stored deal with its pipeline and the automation setup: what every
/// change of a deal needs.
pub async fn load_deal(store: &Store, id: &str) -> Result<(Deal, Pipeline, Setup), SaveError> {
    let deal = cards::get::<Deal>(store, id).await?.ok_or(SaveError::NotFound)?;
    let pipeline = pipelines::get(store, &deal.pipeline).await?;
    Ok((deal, pipeline, automation::setup(store).await?))
}

/// Moves a deal as a person does (card or board): refused while a field
/// required from the target stage on is empty.
pub async fn move_deal(
    store: &Store,
    id: &str,
    target: &Id,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Deal, SaveError> {
    let (mut deal, pipeline, setup) = load_deal(store, id).await?;
    let mut jobs = open_jobs(store, &deal.id).await?;
    let rules = Rules { pipeline: &pipeline, setup: &setup, zone };
    let outcome = rules.move_deal(&mut deal, target, &mut jobs, actor, now).map_err(SaveError::Refused)?;
    if outcome.change.is_some() {
        put_outcome(Batch::default().put(DEALS, &deal)?, &deal, &outcome, actor, now)?.apply(store).await?;
    }
    Ok(deal)
}

/// Tells the triggers of the deal's pipeline what happened on it, in
/// order; a matching trigger moves the deal. Written after the events' own
/// record, in a transaction of its own: an event is never lost for its
/// trigger.
pub async fn report(
    store: &Store,
    deal: &Id,
    events: &[Event],
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<(), StoreError> {
    let setup = automation::setup(store).await?;
    if setup.triggers.is_empty() {
        return Ok(());
    }
    let Some(mut deal) = cards::get::<Deal>(store, deal.as_str()).await? else { return Ok(()) };
    let pipeline = pipelines::get(store, &deal.pipeline).await?;
    let mut jobs = open_jobs(store, &deal.id).await?;
    let rules = Rules { pipeline: &pipeline, setup: &setup, zone };
    let mut outcome = Outcome::default();
    for event in events {
        outcome.merge(rules.on_event(&mut deal, event, &mut jobs, actor, now));
    }
    if outcome.change.is_some() {
        put_outcome(Batch::default().put(DEALS, &deal)?, &deal, &outcome, actor, now)?.apply(store).await?;
    }
    Ok(())
}

/// What every job of a run may look at, read once per pass.
struct Context {
    setup: Setup,
    org: OrgChart,
    users: Vec<User>,
    cursors: Vec<QueueCursor>,
}

impl Context {
    async fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            setup: automation::setup(store).await?,
            org: org::get(store).await?,
            users: users::list(store).await?,
            cursors: automation::cursors(store).await?,
        })
    }
}

/// Runs every job due at `now`, earliest first; returns how many ran.
pub async fn run_due(store: &Store, now: Timestamp, zone: &impl Zone) -> Result<usize, StoreError> {
    let mut ran = 0;
    for _ in 0..MAX_PASSES {
        let range =
            between(Key::One(Part::from(-MAX_SAFE)), Key::One(Part::from(now.millis() as f64)), false);
        let due: Vec<Job> = read::in_range(store, JOBS, JOBS_BY_WAKE, range, Some(PASS)).await?;
        if due.is_empty() {
            break;
        }
        let mut context = Context::load(store).await?;
        for job in due {
            if run_one(store, &mut context, job, now, zone).await? {
                ran += 1;
            }
        }
    }
    Ok(ran)
}

/// One job, in two writes: its claim (with the effects decided), then the
/// effects and its completion together. A crash between them leaves the
/// claim, replayed with the same effects once its lease is over.
async fn run_one(
    store: &Store,
    context: &mut Context,
    mut job: Job,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<bool, StoreError> {
    let Some(mut deal) = cards::get::<Deal>(store, job.deal.as_str()).await? else {
        job.cancel(now, CancelReason::DealDeleted);
        Batch::default().put(JOBS, &job)?.apply(store).await?;
        return Ok(true);
    };
    let Ok(pipeline) = pipelines::get(store, &deal.pipeline).await else {
        job.cancel(now, CancelReason::StageDeleted);
        Batch::default().put(JOBS, &job)?.apply(store).await?;
        return Ok(true);
    };
    let contact = match deal.contacts.first() {
        Some(id) => cards::get::<Contact>(store, id.as_str()).await?,
        None => None,
    };
    let company = match &deal.company {
        Some(id) => cards::get::<Company>(store, id.as_str()).await?,
        None => None,
    };
    let effects = {
        let ctx = RunContext {
            robots: &context.setup.robots,
            pipeline: &pipeline,
            snapshot: Snapshot {
                deal: &deal,
                contact: contact.as_ref(),
                company: company.as_ref(),
                defs: &context.setup.fields,
            },
            org: &context.org,
            users: &context.users,
            calendar: &context.setup.calendar,
            zone,
            cursors: &context.cursors,
        };
        match robots::run(&mut job, &ctx, now) {
            Ok(effects) => effects.to_vec(),
            Err(_) => return Ok(false),
        }
    };
    Batch::default().put(JOBS, &job)?.apply(store).await?;

    let robot = Id::from_static(ROBOT_ACTOR);
    let before = deal.clone();
    let mut open = open_jobs(store, &deal.id).await?;
    open.retain(|other| other.id != job.id);
    let mut batch = Batch::default();
    let rules = Rules { pipeline: &pipeline, setup: &context.setup, zone };
    for effect in &effects {
        batch = match effect {
            Effect::Notify(notification) => inbox::add(batch, &[from_robot(notification.clone())])?,
            Effect::CreateTask(new) => {
                let (task, event) = robot_task::from_robot(new);
                inbox::add(batch.put(TASKS, &task)?, &from_task_event(&task, &event))?
            }
            Effect::CreateActivity(activity) => {
                let change = Change::Activity {
                    event: ActivityEvent::Planned,
                    subject: activity.subject.clone(),
                    detail: String::new(),
                };
                batch
                    .edit(Edit::Put(activity.clone()))
                    .add(HISTORY, &history_entry(deal.card(), change, &robot, now))?
            }
            Effect::Send(message) => batch.put(OUTBOX, message)?,
            Effect::SetQueueCursor(cursor) => {
                context.cursors.retain(|stored| stored.robot != cursor.robot);
                context.cursors.push(cursor.clone());
                automation::put_cursors(batch, &context.cursors)?
            }
            deal_effect => {
                let outcome = rules.apply_to_deal(deal_effect, &mut deal, &mut open, now);
                put_outcome(batch, &deal, &outcome, &robot, now)?
            }
        };
    }
    // Skipped and cancelled jobs are finished already; only a claim completes.
    let _finished_already = job.complete(now);
    batch = batch.put(JOBS, &job)?;
    if let Some(released) =
        release_next(&job, &mut open, &context.setup.robots, &deal, &context.setup.calendar, zone)
    {
        if let Some(next) = open.iter().find(|other| other.id == released) {
            batch = batch.put(JOBS, next)?;
        }
    }
    // The batch sets the deal's next activity from its pages, planned
    // ones included.
    if deal != before {
        batch = batch.put_card(AnyCard::Deal(deal));
    }
    batch.apply(store).await?;
    Ok(true)
}
