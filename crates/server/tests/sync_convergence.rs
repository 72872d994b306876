//! The sync property: 3–5 simulated clients make random offline creates,
//! edits, member changes, deletes, edits after another's delete and
//! activity moves, then sync in random orders with lost responses, retries
//! and duplicated pushes. Afterwards every client holds exactly the server's
//! records, every mutation was processed once, and every edit the server
//! acknowledged is there unless a later write or a delete beat it.
//!
//! Runs against the real SQLite store, and against PostgreSQL with fewer
//! cases when `DELA_TEST_DATABASE_URL` names one.

mod common;

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicI64, Ordering};

use common::{Backend, Place};
use dela_core::sync::{
    diff, rebase, Change, Clock, Hlc, Kind, Mutation, NodeId, PullResponse, PulledRecord, PushRequest,
    Verdict,
};
use dela_server::db::Db;
use dela_server::sync::{ensure_identity, pull_page, push_batch, PullPage, Seed};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Server time: a second further at every request, ahead of every client's
/// wall clock, so no stamp is clamped and the expected outcome can be told
/// from the clients' stamps (clients catch up with it by observing).
static SERVER_NOW: AtomicI64 = AtomicI64::new(1_900_000_000_000);

fn server_now() -> i64 {
    SERVER_NOW.fetch_add(1_000, Ordering::SeqCst)
}
const USER: &str = "u1";

type Key = (Kind, String);

struct Sim {
    client: String,
    clock: Clock,
    wall: i64,
    next_seq: u64,
    /// Mutations not yet acknowledged, in order.
    pending: VecDeque<Mutation>,
    /// Every mutation made, by seq, to resend duplicates.
    made: Vec<Mutation>,
    records: BTreeMap<Key, Value>,
    cursor: String,
    verdicts: BTreeMap<u64, Verdict>,
}

impl Sim {
    fn new(index: usize) -> Self {
        Self {
            client: format!("client-{index}"),
            clock: Clock::new(NodeId::new(index as u64 + 1)),
            wall: 1_800_000_000_000 + index as i64,
            next_seq: 1,
            pending: VecDeque::new(),
            made: Vec::new(),
            records: BTreeMap::new(),
            cursor: String::new(),
            verdicts: BTreeMap::new(),
        }
    }

    /// A local write: the record as it is after, or `None` to delete.
    fn write(&mut self, key: Key, after: Option<Value>) {
        self.wall += 7;
        let before = self.records.get(&key);
        let Some(change) = diff(key.0, before, after.as_ref()) else {
            return;
        };
        let mutation = Mutation {
            seq: self.next_seq,
            kind: key.0,
            id: key.1.clone(),
            stamp: self.clock.now(self.wall),
            change,
        };
        self.next_seq += 1;
        self.pending.push_back(mutation.clone());
        self.made.push(mutation);
        match after {
            Some(value) => self.records.insert(key, value),
            None => self.records.remove(&key),
        };
    }

    fn observe(&mut self, stamp: Hlc) {
        self.wall += 1;
        self.clock.observe(&stamp, self.wall);
    }
}

fn deal(id: &str, title: &str) -> Value {
    json!({
        "id": id, "title": title, "pipeline": "default", "stage": "new", "semantic": "in_progress",
        "company": null, "contacts": [], "amount": {"minor": 100, "currency": "RUB"}, "responsible": USER,
        "comments": "", "stage_since": 0, "closed_at": null, "fields": {},
        "stamp": {"created_at": 0, "created_by": USER, "updated_at": 0, "updated_by": USER},
    })
}

fn activity(id: &str, deal: &str) -> Value {
    json!({
        "id": id, "kind": "call", "direction": "outgoing", "subject": "Call", "description": "",
        "deadline": 1_800_000_000_000i64, "responsible": USER, "priority": "normal",
        "owner": {"kind": "deal", "id": deal}, "completion": null,
        "stamp": {"created_at": 0, "created_by": USER, "updated_at": 0, "updated_by": USER},
    })
}

/// One step of the random schedule: which client acts, what it does, on
/// which record, with which argument.
#[derive(Debug, Clone)]
struct Step {
    client: usize,
    action: u8,
    target: usize,
    arg: u8,
}

fn steps(clients: usize) -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (0..clients, 0u8..12, 0usize..64, any::<u8>()).prop_map(|(client, action, target, arg)| Step {
            client,
            action,
            target,
            arg,
        }),
        20..90,
    )
}

async fn run(db: &Db, clients: usize, schedule: Vec<Step>) {
    let mut sims: Vec<Sim> = (0..clients).map(Sim::new).collect();
    for (n, step) in schedule.iter().enumerate() {
        let sim = &mut sims[step.client];
        let deals: Vec<Key> = sim.records.keys().filter(|key| key.0 == Kind::Deal).cloned().collect();
        let pick = |keys: &[Key]| (!keys.is_empty()).then(|| keys[step.target % keys.len()].clone());
        match step.action {
            0 | 1 => {
                let id = format!("d-{}-{n}", step.client);
                sim.write((Kind::Deal, id.clone()), Some(deal(&id, &format!("deal {n}"))));
            }
            2 | 3 => {
                if let Some(key) = pick(&deals) {
                    let mut value = sim.records[&key].clone();
                    value["title"] = json!(format!("title {n} by {}", step.client));
                    sim.write(key, Some(value));
                }
            }
            4 => {
                if let Some(key) = pick(&deals) {
                    let mut value = sim.records[&key].clone();
                    value["amount"]["minor"] = json!(u64::from(step.arg) * 100);
                    sim.write(key, Some(value));
                }
            }
            5 => {
                if let Some(key) = pick(&deals) {
                    let mut value = sim.records[&key].clone();
                    let contact = json!(format!("c{}", step.arg % 4));
                    let contacts = value["contacts"].as_array_mut().expect("an array");
                    match contacts.iter().position(|c| *c == contact) {
                        Some(at) => {
                            contacts.remove(at);
                        }
                        None => contacts.push(contact),
                    }
                    sim.write(key, Some(value));
                }
            }
            6 => {
                if let Some(key) = pick(&deals) {
                    sim.write(key, None);
                }
            }
            7 => {
                if let Some(key) = pick(&deals) {
                    let id = format!("a-{}-{n}", step.client);
                    sim.write((Kind::Activity, id.clone()), Some(activity(&id, &key.1)));
                }
            }
            8 => {
                let activities: Vec<Key> =
                    sim.records.keys().filter(|key| key.0 == Kind::Activity).cloned().collect();
                if let (Some(key), Some(target)) = (pick(&activities), pick(&deals)) {
                    let mut value = sim.records[&key].clone();
                    value["owner"]["id"] = json!(target.1);
                    sim.write(key, Some(value));
                }
            }
            9 | 10 => push(db, sim, step.arg).await,
            _ => pull(db, sim, usize::from(step.arg % 7) + 1).await,
        }
    }
    // Everyone syncs to the end, twice round so each sees the others' last pushes.
    for _ in 0..2 {
        for sim in sims.iter_mut() {
            while !sim.pending.is_empty() {
                push(db, sim, 0).await;
            }
            pull(db, sim, 50).await;
        }
    }
    let server = everything(db).await;
    for sim in &sims {
        let differing: Vec<String> = sim
            .records
            .keys()
            .chain(server.keys())
            .filter(|key| sim.records.get(*key) != server.get(*key))
            .map(|key| format!("{key:?}: client {:?}, server {:?}", sim.records.get(key), server.get(key)))
            .collect();
        assert!(differing.is_empty(), "{} differs from the server:\n{}", sim.client, differing.join("\n"));
        assert_eq!(
            sim.verdicts.len() as u64,
            sim.next_seq - 1,
            "{}: every mutation has one outcome",
            sim.client
        );
    }
    acknowledged_edits_survive(&sims, &server);
}

/// Pushes some of the pending mutations. `arg` picks how many, whether the
/// answer is lost on the way, and whether already acknowledged mutations
/// are sent again first.
async fn push(db: &Db, sim: &mut Sim, arg: u8) {
    if sim.pending.is_empty() {
        return;
    }
    let take = (usize::from(arg % 5) + 1).min(sim.pending.len());
    let lost = arg % 7 == 3;
    let mut mutations: Vec<Mutation> = sim.pending.iter().take(take).cloned().collect();
    let first = mutations[0].seq;
    if arg % 11 == 5 && first > 1 {
        let from = first.saturating_sub(u64::from(arg % 3) + 1).max(1);
        let again: Vec<Mutation> = sim.made[(from - 1) as usize..(first - 1) as usize].to_vec();
        mutations.splice(0..0, again);
    }
    let request = PushRequest { client: sim.client.clone(), mutations };
    let now = server_now();
    let response = db
        .write(move |tx| push_batch(tx, USER, &request, now))
        .await
        .expect("the database answers")
        .expect("the push is accepted");
    if lost {
        return;
    }
    sim.observe(response.clock);
    for outcome in response.outcomes {
        if let Some(before) = sim.verdicts.insert(outcome.seq, outcome.verdict.clone()) {
            assert_eq!(before, outcome.verdict, "a replay answers the stored outcome");
        }
        if sim.pending.front().is_some_and(|m| m.seq == outcome.seq) {
            sim.pending.pop_front();
        }
    }
    for record in response.records {
        show(sim, record);
    }
}

/// Shows a record as the server sent it, with the client's waiting
/// changes of it on top.
fn show(sim: &mut Sim, record: PulledRecord) {
    let key = (record.kind, record.id.clone());
    let shown = sim
        .pending
        .iter()
        .filter(|m| m.kind == key.0 && m.id == key.1)
        .fold(record.value, |value, m| rebase(key.0, value, &m.change));
    match shown {
        Some(value) => sim.records.insert(key, value),
        None => sim.records.remove(&key),
    };
}

/// Pulls to the end in pages of `limit`, putting pending changes back on top.
async fn pull(db: &Db, sim: &mut Sim, limit: usize) {
    loop {
        let cursor = sim.cursor.clone();
        let now = server_now();
        let page = db
            .read(move |tx| pull_page(tx, &cursor, limit, now))
            .await
            .expect("the database answers")
            .expect("our own cursor");
        let page = as_sent(&page);
        sim.observe(page.clock);
        for record in page.records {
            show(sim, record);
        }
        sim.cursor = page.cursor;
        if !page.more {
            own_edits_stay_visible(sim);
            return;
        }
    }
}

/// After a pull, the client still shows what it changed and has not pushed
/// yet (the last waiting value of each field), unless the record is gone.
fn own_edits_stay_visible(sim: &Sim) {
    let mut waiting: BTreeMap<(Key, String), &Value> = BTreeMap::new();
    for mutation in &sim.pending {
        if let Change::Put { fields, .. } = &mutation.change {
            for field in ["title", "amount", "owner"] {
                if let Some(value) = fields.get(field) {
                    waiting.insert(((mutation.kind, mutation.id.clone()), field.to_owned()), value);
                }
            }
        }
    }
    for ((key, field), value) in waiting {
        if let Some(record) = sim.records.get(&key) {
            assert_eq!(
                record.get(&field),
                Some(value),
                "{} no longer shows its waiting {field} of {}",
                sim.client,
                key.1
            );
        }
    }
}

/// A page as a client reads it off the wire.
fn as_sent(page: &PullPage) -> PullResponse {
    let text = serde_json::to_string(page).expect("a page serializes");
    serde_json::from_str(&text).expect("a page reads as the protocol's")
}

async fn everything(db: &Db) -> BTreeMap<Key, Value> {
    let mut all = BTreeMap::new();
    let mut cursor = String::new();
    loop {
        let from = cursor.clone();
        let now = server_now();
        let page = db.read(move |tx| pull_page(tx, &from, 500, now)).await.expect("answers").expect("cursor");
        let page = as_sent(&page);
        for record in page.records {
            if let Some(value) = record.value {
                all.insert((record.kind, record.id), value);
            }
        }
        cursor = page.cursor;
        if !page.more {
            return all;
        }
    }
}

/// A plain field written by an acknowledged mutation holds that value,
/// unless a write of it stamped later exists or the record is gone.
fn acknowledged_edits_survive(sims: &[Sim], server: &BTreeMap<Key, Value>) {
    let all: Vec<&Mutation> = sims.iter().flat_map(|sim| sim.made.iter()).collect();
    for sim in sims {
        for mutation in &sim.made {
            let Some(Verdict::Applied { superseded }) = sim.verdicts.get(&mutation.seq) else { continue };
            let Change::Put { fields, .. } = &mutation.change else { continue };
            let key = (mutation.kind, mutation.id.clone());
            let Some(record) = server.get(&key) else { continue };
            for field in ["title", "amount", "owner"] {
                let Some(value) = fields.get(field) else { continue };
                if superseded.iter().any(|name| name == field) {
                    continue;
                }
                let beaten = all.iter().any(|other| {
                    other.kind == mutation.kind
                        && other.id == mutation.id
                        && other.stamp > mutation.stamp
                        && matches!(&other.change, Change::Put { fields, .. } if fields.contains_key(field))
                });
                let history: Vec<String> = sims
                    .iter()
                    .flat_map(|sim| sim.made.iter().map(move |m| (sim, m)))
                    .filter(|(_, m)| m.kind == mutation.kind && m.id == mutation.id)
                    .map(|(sim, m)| {
                        format!(
                            "{} #{} {} {:?} -> {:?}",
                            sim.client,
                            m.seq,
                            m.stamp,
                            m.change,
                            sim.verdicts.get(&m.seq)
                        )
                    })
                    .collect();
                assert!(
                    beaten || record.get(field) == Some(value),
                    "{}'s acknowledged {field} of {} was lost: the server has {record}; its writes:\n{}",
                    sim.client,
                    mutation.id,
                    history.join("\n")
                );
            }
        }
    }
}

/// A fresh database of `backend` with the server's sync identity; `None`
/// for PostgreSQL when no test database is configured.
async fn database(backend: Backend) -> Option<(Db, Place)> {
    let place = Place::new(backend)?;
    let config = place.config.clone();
    let db = common::on_plain_thread(move || Db::open(&config)).expect("the database opens");
    db.write(|tx| ensure_identity(tx, &Seed { node: 0x5e_47e4, key: [1, 2, 3, 4] }))
        .await
        .expect("an identity");
    Some((db, place))
}

/// A schedule the property test once found failing, kept as a plain test.
#[test]
fn a_schedule_found_by_the_property_test_converges() {
    let schedule: Vec<Step> = [
        (0, 0, 0, 0),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
        (4, 0, 0, 0),
        (0, 0, 0, 0),
        (4, 9, 3, 213),
        (0, 4, 16, 21),
        (2, 0, 12, 229),
        (2, 9, 33, 218),
        (1, 10, 51, 64),
        (4, 0, 42, 109),
        (4, 1, 56, 194),
        (1, 0, 59, 210),
        (3, 0, 24, 63),
        (4, 0, 52, 168),
        (1, 9, 14, 246),
        (3, 11, 36, 5),
        (3, 2, 59, 79),
        (3, 10, 9, 48),
        (4, 11, 45, 174),
    ]
    .into_iter()
    .map(|(client, action, target, arg)| Step { client, action, target, arg })
    .collect();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let (db, _place) = database(Backend::Sqlite).await.expect("SQLite is always there");
        run(&db, 5, schedule).await;
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn clients_converge_on_sqlite((clients, schedule) in (3usize..=5).prop_flat_map(|n| (Just(n), steps(n)))) {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        runtime.block_on(async {
            let (db, _place) = database(Backend::Sqlite).await.expect("SQLite is always there");
            run(&db, clients, schedule).await;
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn clients_converge_on_postgresql((clients, schedule) in (3usize..=5).prop_flat_map(|n| (Just(n), steps(n)))) {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        runtime.block_on(async {
            let Some((db, _place)) = database(Backend::Postgres).await else { return };
            run(&db, clients, schedule).await;
        });
    }
}
