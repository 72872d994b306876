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
use dela_core::history::{ActivityEvent, Change, HistoryEntry};
use dela_core::inbox::{from_robot, from_task_event};
use dela_core::org::OrgChart;
use dela_core::pipeline::Pipeline;
use dela_core::record::CardRef;
use dela_core::robots::{
    self, release_next, CancelReason, Effect, Event, Job, Outcome, QueueCursor, Rules, RunContext, Setup,
    ROBOT_ACTOR,
};
use dela_core::tasks::robot_task;
use dela_core::timeline::Edit;
use dela_core::user::User;
use dela_core::zone::Zone;
use dela_core::{Id, Timestamp};
use indexed_db_futures::transaction::Transaction;

use super::cards::{self, SaveError};
use super::deal_jobs::{open_jobs_in, put_outcome, put_own_outcome};
use super::read::{self, between, Key, Part, MAX_SAFE};
use super::schema::{
    ACTIVITY_PAGES, COMPANIES, CONTACTS, DEALS, HISTORY, JOBS, JOBS_BY_WAKE, META, NOTIFICATIONS, OUTBOX,
    PIPELINES, TASKS,
};
use super::{automation, inbox, org, pipelines, users, Batch, Store, StoreError};

/// How many due jobs one pass reads; the runner makes passes until none is
/// left, so a long time offline is caught up in one go.
const PASS: u32 = 200;
/// Passes per run: robots that release robots that release… end here, the
/// rest waits for the next tick.
const MAX_PASSES: usize = 25;

/// What a change of a deal reads and writes: the deal, its pipeline, the
/// setup (in the meta store), its jobs and its history.
/// The stores a change of a deal reads and writes: the deal, its pipeline,
/// the setup, its jobs, its history.
pub const DEAL_CHANGE: [&str; 5] = [DEALS, PIPELINES, META, JOBS, HISTORY];

/// A stored deal with its pipeline and the automation setup, read in the
/// transaction that will write the change: what every change of a deal needs.
pub async fn load_deal_in(tx: &Transaction<'_>, id: &str) -> Result<(Deal, Pipeline, Setup), SaveError> {
    let deal = cards::get_in::<Deal>(tx, id).await?.ok_or(SaveError::NotFound)?;
    let pipeline = pipelines::get_in(tx, &deal.pipeline).await?;
    Ok((deal, pipeline, automation::setup_in(tx).await?))
}

/// The deal with what a person's move or event did to it and its jobs, or
/// nothing when it changed nothing.
fn moved(deal: &Deal, outcome: &Outcome, actor: &Id, now: Timestamp) -> Result<Batch, StoreError> {
    match outcome.change {
        Some(_) => put_own_outcome(Batch::default().put(DEALS, deal)?, deal, outcome, actor, now),
        None => Ok(Batch::default()),
    }
}

/// Moves a deal as a person does (card or board): refused while a field
/// required from the target stage on is empty. The deal and its jobs are
/// read in the transaction that writes the move, so a robot or another tab
/// changing the deal meanwhile is neither overwritten nor left with jobs of
/// a stage the deal has left.
pub async fn move_deal(
    store: &Store,
    id: &str,
    target: &Id,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Deal, SaveError> {
    store
        .update(&DEAL_CHANGE, async |tx| {
            let (mut deal, pipeline, setup) = load_deal_in(tx, id).await?;
            let mut jobs = open_jobs_in(tx, &deal.id).await?;
            let rules = Rules { pipeline: &pipeline, setup: &setup, zone };
            let outcome =
                rules.move_deal(&mut deal, target, &mut jobs, actor, now).map_err(SaveError::Refused)?;
            let batch = moved(&deal, &outcome, actor, now)?;
            Ok((deal, batch))
        })
        .await
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
    store
        .update(&DEAL_CHANGE, async |tx| {
            let setup = automation::setup_in(tx).await?;
            if setup.triggers.is_empty() {
                return Ok(((), Batch::default()));
            }
            let Some(mut deal) = cards::get_in::<Deal>(tx, deal.as_str()).await? else {
                return Ok(((), Batch::default()));
            };
            let pipeline = pipelines::get_in(tx, &deal.pipeline).await?;
            let mut jobs = open_jobs_in(tx, &deal.id).await?;
            let rules = Rules { pipeline: &pipeline, setup: &setup, zone };
            let mut outcome = Outcome::default();
            for event in events {
                outcome.merge(rules.on_event(&mut deal, event, &mut jobs, actor, now));
            }
            let batch = moved(&deal, &outcome, actor, now)?;
            Ok(((), batch))
        })
        .await
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
            if run_one(store, &mut context, &job.id, now, zone).await? {
                ran += 1;
            }
        }
    }
    Ok(ran)
}

/// What deciding a job reads, and writes (the job).
const CLAIM: [&str; 5] = [JOBS, DEALS, PIPELINES, CONTACTS, COMPANIES];
/// What a job's effects may read and write.
const EFFECTS: [&str; 9] =
    [JOBS, DEALS, PIPELINES, HISTORY, NOTIFICATIONS, TASKS, OUTBOX, META, ACTIVITY_PAGES];

/// One job, in two writes: its claim (with the effects decided), then the
/// effects and its completion together. A crash between them leaves the
/// claim, replayed with the same effects once its lease is over.
///
/// Both are compare-and-set: the job is read again inside each writing
/// transaction, so the runner after a write, the minute tick and a second
/// tab cannot claim one job twice, and only the claim that was stored gets
/// its effects written.
async fn run_one(
    store: &Store,
    context: &mut Context,
    job: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<bool, StoreError> {
    let claimed = store.update(&CLAIM, async |tx| claim(tx, context, job, now, zone).await).await?;
    let Some(claimed) = claimed else { return Ok(false) };
    store.update(&EFFECTS, async |tx| finish(tx, context, claimed, now, zone).await).await
}

/// Decides a job afresh from the records as this transaction reads them:
/// the job (to be stored claimed, skipped or cancelled), or `None` when it
/// is not to run here (gone, finished, or claimed by another run).
async fn claim(
    tx: &Transaction<'_>,
    context: &Context,
    id: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<(Option<Job>, Batch), StoreError> {
    let Some(mut job) = read::get_in::<Job>(tx, JOBS, id.as_str()).await? else {
        return Ok((None, Batch::default()));
    };
    // A job not started yet is cancelled; a claim whose lease is over goes
    // on to be completed; one another run holds is left to it.
    let cancelled = |mut job: Job, reason| -> Result<(Option<Job>, Batch), StoreError> {
        if job.cancel(now, reason) {
            let batch = Batch::default().put(JOBS, &job)?;
            Ok((Some(job), batch))
        } else if job.wake_at().is_some_and(|wake| wake <= now) {
            Ok((Some(job), Batch::default()))
        } else {
            Ok((None, Batch::default()))
        }
    };
    let Some(deal) = cards::get_in::<Deal>(tx, job.deal.as_str()).await? else {
        return cancelled(job, CancelReason::DealDeleted);
    };
    let Ok(pipeline) = pipelines::get_in(tx, &deal.pipeline).await else {
        return cancelled(job, CancelReason::StageDeleted);
    };
    let contact = match deal.contacts.first() {
        Some(id) => cards::get_in::<Contact>(tx, id.as_str()).await?,
        None => None,
    };
    let company = match &deal.company {
        Some(id) => cards::get_in::<Company>(tx, id.as_str()).await?,
        None => None,
    };
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
    if robots::run(&mut job, &ctx, now).is_err() {
        return Ok((None, Batch::default()));
    }
    let batch = Batch::default().put(JOBS, &job)?;
    Ok((Some(job), batch))
}

/// A robot's history line, its id derived from the job and the effect, so
/// that two devices running the same job write the same line.
fn robot_entry(job: &Job, effect: usize, card: CardRef, change: Change, now: Timestamp) -> HistoryEntry {
    let id = job.derived_id(&format!("history-{effect}"));
    HistoryEntry { id, card, at: now, by: Id::from_static(ROBOT_ACTOR), change }
}

/// Writes the effects of `job` as claimed and completes it, provided the
/// stored job is still that claim (or that skip or cancellation); the
/// deal, its open jobs and the queue cursors are read here too, so the
/// effects land on their latest state.
async fn finish(
    tx: &Transaction<'_>,
    context: &mut Context,
    mut job: Job,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<(bool, Batch), StoreError> {
    let stored = read::get_in::<Job>(tx, JOBS, job.id.as_str()).await?;
    if stored.as_ref() != Some(&job) {
        return Ok((false, Batch::default()));
    }
    let Some(mut deal) = cards::get_in::<Deal>(tx, job.deal.as_str()).await? else {
        let _finished_already = job.complete(now);
        return Ok((true, Batch::default().put(JOBS, &job)?));
    };
    let before = deal.clone();
    let mut open = open_jobs_in(tx, &deal.id).await?;
    open.retain(|other| other.id != job.id);
    let mut cursors = automation::cursors_in(tx).await?;
    let mut batch = Batch::default();
    // Without its pipeline (deleted meanwhile) a deal takes no deal effects.
    let pipeline = read::get_in::<Pipeline>(tx, PIPELINES, deal.pipeline.as_str()).await?;
    let effects = job.effects().to_vec();
    for (n, effect) in effects.iter().enumerate() {
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
                    .add(HISTORY, &robot_entry(&job, n, deal.card(), change, now))?
            }
            Effect::Send(message) => batch.put(OUTBOX, message)?,
            Effect::SetQueueCursor(cursor) => {
                cursors.retain(|stored| stored.robot != cursor.robot);
                cursors.push(cursor.clone());
                automation::put_cursors(batch, &cursors)?
            }
            deal_effect => {
                let Some(pipeline) = &pipeline else { continue };
                let rules = Rules { pipeline, setup: &context.setup, zone };
                let outcome = rules.apply_to_deal(deal_effect, &mut deal, &mut open, now);
                let card = deal.card();
                put_outcome(batch, &outcome, |change| robot_entry(&job, n, card, change, now))?
            }
        };
    }
    context.cursors = cursors;
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
    Ok((true, batch))
}
