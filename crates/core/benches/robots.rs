//! Robot throughput. Targets from the product issue:
//! (a) 1,000 deals changing stage against 200 configured robots: under 20 ms
//!     (check required fields, move, cancel the old stage's jobs, schedule the
//!     new stage's, run the immediate ones: condition and effects);
//! (b) finding the due jobs among 100,000 pending ones: under 5 ms.
//!
//! Run with `cargo bench -p dela-core --bench robots`; a PASS/FAIL line per
//! target follows criterion's figures.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use dela_core::calendar::WorkCalendar;
use dela_core::client::{Client, ClientStatus};
use dela_core::company::Company;
use dela_core::conditions::{Comparison, Condition, Field, Op, Snapshot, Subject};
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::fields::{check_move, FieldDef, FieldEntity, FieldKind, ListOption, Value, Values};
use dela_core::money::Money;
use dela_core::org::{Department, Membership, OrgChart};
use dela_core::pipeline::{Pipeline, Semantic, Stage};
use dela_core::record::Stamp;
use dela_core::robots::{
    cancel_on_leave, job_id, run, schedule_on_entry, Action, Delay, Job, JobQueue, JobState, Recipient,
    Robot, RunContext, TaskSpec, Timing, Unit,
};
use dela_core::user::User;
use dela_core::zone::FixedOffset;
use dela_core::{Id, Timestamp};

const PIPELINES: usize = 10;
const WORK_STAGES: usize = 5;
const ROBOTS_PER_STAGE: usize = 4;
const DEALS: usize = 1_000;
const PENDING_JOBS: usize = 100_000;
const ZONE: FixedOffset = FixedOffset(180);
/// Monday 2026-11-30 10:00 Moscow.
const NOW: Timestamp = Timestamp(1_796_022_000_000);

fn id(text: String) -> Id {
    Id::parse(&text).expect("bench ids are valid")
}

fn stage_id(pipeline: usize, stage: usize) -> Id {
    id(format!("p{pipeline}-s{stage}"))
}

struct Setup {
    pipelines: Vec<Pipeline>,
    defs: Vec<FieldDef>,
    robots: Vec<Robot>,
    deals: Vec<Deal>,
    jobs: Vec<Vec<Job>>,
    contacts: Vec<Contact>,
    company: Company,
    org: OrgChart,
    users: Vec<User>,
    calendar: WorkCalendar,
}

fn client() -> Client {
    Client {
        phones: Vec::new(),
        emails: Vec::new(),
        messengers: Vec::new(),
        responsible: None,
        status: ClientStatus::Active,
        status_since: None,
        previous_responsible: None,
        lost_reason: String::new(),
    }
}

fn setup() -> Setup {
    let pipelines: Vec<Pipeline> = (0..PIPELINES)
        .map(|p| {
            let mut stages: Vec<Stage> = (0..WORK_STAGES)
                .map(|s| Stage {
                    id: stage_id(p, s),
                    name: format!("Stage {s}"),
                    color: "#3f7fd8".into(),
                    semantic: Semantic::InProgress,
                })
                .collect();
            for (s, semantic) in [(WORK_STAGES, Semantic::Won), (WORK_STAGES + 1, Semantic::Lost)] {
                stages.push(Stage {
                    id: stage_id(p, s),
                    name: "Closed".into(),
                    color: "#000".into(),
                    semantic,
                });
            }
            Pipeline { id: id(format!("p{p}")), name: format!("Pipeline {p}"), stages }
        })
        .collect();
    let option = |name: &str| ListOption { id: id(name.into()), label: name.into() };
    let defs = vec![
        FieldDef::new(id("vip".into()), FieldEntity::Contact, "VIP", FieldKind::Boolean),
        FieldDef {
            options: vec![option("standard"), option("large"), option("special")],
            required_from_stage: Some(stage_id(0, 3)),
            ..FieldDef::new(id("equipment".into()), FieldEntity::Deal, "Equipment", FieldKind::List)
        },
    ];
    let vip_special = Condition::all([
        Comparison::new(Subject::Contact, Field::Custom(id("vip".into())), Op::Equals(Value::Boolean(true))),
        Comparison::new(
            Subject::Deal,
            Field::Custom(id("equipment".into())),
            Op::Equals(Value::List(id("special".into()))),
        ),
    ]);
    let big = Condition::all([Comparison::new(
        Subject::Deal,
        Field::Amount,
        Op::Greater(Value::Money(Money { minor: 50_000, currency: "RUB".into() })),
    )]);
    let mut robots = Vec::new();
    for p in 0..PIPELINES {
        for s in 0..WORK_STAGES {
            let robot = |n: usize, action, timing, condition, after_previous| Robot {
                id: id(format!("r-{p}-{s}-{n}")),
                pipeline: id(format!("p{p}")),
                stage: stage_id(p, s),
                action,
                timing,
                condition,
                after_previous,
            };
            let text = "{responsible}: {deal} at {stage}".to_owned();
            robots.push(robot(
                0,
                Action::Notify { to: Recipient::Responsible, text: text.clone() },
                Timing::Immediately,
                vip_special.clone(),
                false,
            ));
            robots.push(robot(
                1,
                Action::Control { text: text.clone() },
                Timing::After(Delay::new(10, Unit::Minutes)),
                Condition::default(),
                false,
            ));
            robots.push(robot(
                2,
                Action::Notify { to: Recipient::Head, text },
                Timing::After(Delay::new(2, Unit::BusinessDays)),
                Condition::default(),
                true,
            ));
            robots.push(robot(
                3,
                Action::CreateTask(TaskSpec {
                    title: "Review {deal}".into(),
                    text: String::new(),
                    creator: Recipient::Head,
                    responsible: Recipient::Responsible,
                    deadline: Some(Delay::new(3, Unit::Days)),
                    review: true,
                }),
                Timing::Immediately,
                big.clone(),
                false,
            ));
        }
    }
    assert_eq!(robots.len(), PIPELINES * WORK_STAGES * ROBOTS_PER_STAGE);
    let users: Vec<User> =
        ["anna", "boris", "sonia"].map(|name| User::new(id(name.into()), name.into())).to_vec();
    let org = OrgChart {
        departments: vec![Department {
            id: id("sales".into()),
            name: "Sales".into(),
            parent: None,
            head: Some(id("sonia".into())),
        }],
        memberships: ["anna", "boris", "sonia"]
            .map(|user| Membership {
                user: id(user.into()),
                department: id("sales".into()),
                also: Vec::new(),
            })
            .to_vec(),
    };
    let calendar = WorkCalendar::default();
    let mut contacts = Vec::new();
    let mut deals = Vec::new();
    let mut jobs = Vec::new();
    for n in 0..DEALS {
        let pipeline = &pipelines[n % PIPELINES];
        let mut contact_fields = Values::default();
        contact_fields.set(id("vip".into()), Some(Value::Boolean(n % 2 == 0)));
        contacts.push(Contact {
            id: id(format!("c{n}")),
            first_name: "Olga".into(),
            last_name: format!("Client {n}"),
            position: String::new(),
            companies: Vec::new(),
            client: client(),
            comments: String::new(),
            next_activity: None,
            stamp: Stamp::new(&users[0].id, NOW),
            fields: contact_fields,
        });
        let mut fields = Values::default();
        let equipment = ["standard", "large", "special"][n % 3];
        fields.set(id("equipment".into()), Some(Value::List(id(equipment.into()))));
        let entered = Timestamp(NOW.millis() - Timestamp::HOUR);
        let deal = Deal {
            id: id(format!("d{n}")),
            title: format!("Deal {n}"),
            pipeline: pipeline.id.clone(),
            stage: pipeline.stages[0].id.clone(),
            semantic: Semantic::InProgress,
            company: Some(id("acme".into())),
            contacts: vec![id(format!("c{n}"))],
            amount: Some(Money { minor: (n as i64 % 10) * 10_000, currency: "RUB".into() }),
            responsible: users[n % 2].id.clone(),
            comments: String::new(),
            next_activity: None,
            stage_since: entered,
            closed_at: None,
            stamp: Stamp::new(&users[0].id, entered),
            fields,
        };
        jobs.push(schedule_on_entry(&deal, &robots, &calendar, &ZONE));
        deals.push(deal);
    }
    let company = Company {
        id: id("acme".into()),
        title: "Acme".into(),
        client: client(),
        comments: String::new(),
        next_activity: None,
        stamp: Stamp::new(&users[0].id, NOW),
        fields: Values::default(),
    };
    Setup { pipelines, defs, robots, deals, jobs, contacts, company, org, users, calendar }
}

/// Every deal moves from its first stage to the second; returns how many
/// effects the immediate robots produced.
fn move_all(setup: &Setup, mut deals: Vec<Deal>, mut jobs: Vec<Vec<Job>>) -> usize {
    let actor = &setup.users[0].id;
    let mut effects = 0;
    for (n, (deal, jobs)) in deals.iter_mut().zip(jobs.iter_mut()).enumerate() {
        let pipeline = &setup.pipelines[n % PIPELINES];
        let target = &pipeline.stages[1].id;
        if check_move(deal, pipeline, target, &setup.defs).is_err() {
            continue;
        }
        let _change = deal.move_to_stage(pipeline, target, actor, NOW);
        cancel_on_leave(jobs, deal, NOW);
        let mut scheduled = schedule_on_entry(deal, &setup.robots, &setup.calendar, &ZONE);
        let ctx = RunContext {
            robots: &setup.robots,
            pipeline,
            snapshot: Snapshot {
                deal,
                contact: Some(&setup.contacts[n]),
                company: Some(&setup.company),
                defs: &setup.defs,
            },
            org: &setup.org,
            users: &setup.users,
            calendar: &setup.calendar,
            zone: &ZONE,
            cursors: &[],
        };
        for job in scheduled.iter_mut().filter(|job| job.due_at.is_some_and(|due| due <= NOW)) {
            effects += run(job, &ctx, NOW).map_or(0, <[_]>::len);
            let _ = job.complete(NOW);
        }
        jobs.extend(scheduled);
    }
    effects
}

fn pending_queue() -> JobQueue {
    let robot = id("robot".into());
    let mut queue = JobQueue::new();
    for n in 0..PENDING_JOBS {
        let deal = id(format!("d{n}"));
        // Spread over the next 100 days; 1 in 100 is already due.
        let due = NOW.plus_millis(((n as i64 * 7_919) % 10_000 - 100) * (Timestamp::DAY / 100));
        queue.update(&Job {
            id: job_id(&robot, &deal, NOW),
            robot: robot.clone(),
            deal,
            pipeline: id("p".into()),
            stage: id("s".into()),
            entered_at: NOW,
            base: NOW,
            after: None,
            due_at: Some(due),
            state: JobState::Pending,
        });
    }
    queue
}

fn due_now(queue: &JobQueue) -> Vec<Id> {
    queue.due(NOW).cloned().collect()
}

/// The median of `runs` timings of `work`, for the PASS/FAIL lines.
fn median(runs: usize, mut work: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| work()).collect();
    times.sort();
    times[runs / 2]
}

fn verdict(name: &str, measured: Duration, target: Duration) {
    let pass = if measured < target { "PASS" } else { "FAIL" };
    println!(
        "{pass}: {name}: median {:.3} ms (target < {} ms)",
        measured.as_secs_f64() * 1e3,
        target.as_millis()
    );
}

fn main() {
    let setup = setup();
    let queue = pending_queue();
    let effects = move_all(&setup, setup.deals.clone(), setup.jobs.clone());
    let due = due_now(&queue).len();
    println!(
        "setup: {} robots, {} deals moving ({} immediate effects); {} pending jobs, {} due now",
        setup.robots.len(),
        setup.deals.len(),
        effects,
        queue.len(),
        due
    );

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
        .configure_from_args();
    criterion.bench_function("robots/1000 deals change stage, 200 robots", |b| {
        b.iter_batched(
            || (setup.deals.clone(), setup.jobs.clone()),
            |(deals, jobs)| black_box(move_all(&setup, deals, jobs)),
            BatchSize::LargeInput,
        )
    });
    criterion
        .bench_function("robots/due jobs among 100000 pending", |b| b.iter(|| black_box(due_now(&queue))));
    criterion.final_summary();

    let stage_changes = median(15, || {
        let (deals, jobs) = (setup.deals.clone(), setup.jobs.clone());
        let start = Instant::now();
        black_box(move_all(&setup, deals, jobs));
        start.elapsed()
    });
    let due_jobs = median(51, || {
        let start = Instant::now();
        black_box(due_now(&queue));
        start.elapsed()
    });
    verdict("(a) 1,000 deals change stage against 200 robots", stage_changes, Duration::from_millis(20));
    verdict("(b) due jobs among 100,000 pending", due_jobs, Duration::from_millis(5));
}
