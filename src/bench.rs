//! Seeding for the browser benchmark (`scripts/bench.sh`), compiled only
//! with the `bench` feature: writes a large base through the app's own
//! store code and reports how long the activities took to write (through
//! `activities::put_many`, as a first download or an import writes them).

use dela_core::activity::{Activity, ActivityKind, Completion, Direction, Priority};
use dela_core::record::{CardKind, CardRef, Stamp};
use dela_core::user::User;
use dela_core::{Id, Timestamp};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::clock;
use crate::store::schema::{COMPANIES, USERS};
use crate::store::{activities, users, Batch, Store, StoreError};

/// Companies per transaction: large enough to amortise commits, small
/// enough to keep memory flat.
const CHUNK: usize = 10_000;

fn to_js(error: StoreError) -> JsValue {
    JsValue::from_str(&format!("{error:?}"))
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Writes into `database` (the app's own, or a scratch copy for repeated
/// timings) `users` users (the current one first), `cards` companies and
/// `activities` activities spread over them, deadlines within ±30 days of
/// now, a fifth incoming, three in ten completed. Returns the milliseconds
/// spent writing the activities.
#[wasm_bindgen]
pub async fn bench_seed(database: String, activities: u32, cards: u32, people: u32) -> Result<f64, JsValue> {
    let store = Store::open(&database, || {}).await.map_err(to_js)?;
    let now = clock::now();
    let me = users::ensure_current(&store, "Me", now).await.map_err(to_js)?;
    let mut team = vec![me.id.clone()];
    let mut batch = Batch::default();
    for n in 1..people {
        let user = User::new(
            Id::parse(&format!("bench-user-{n:02}")).unwrap_or_else(|| me.id.clone()),
            format!("User {n}"),
        );
        team.push(user.id.clone());
        batch = batch.put(USERS, &user).map_err(to_js)?;
    }
    batch.apply(&store).await.map_err(to_js)?;

    let stamp = json!({"created_at": now.millis(), "created_by": me.id, "updated_at": now.millis(), "updated_by": me.id});
    let card_ids: Vec<Id> =
        (0..cards.max(1)).filter_map(|n| Id::parse(&format!("bench-company-{n:05}"))).collect();
    for chunk in card_ids.chunks(CHUNK) {
        let mut batch = Batch::default();
        for (n, id) in chunk.iter().enumerate() {
            let company = json!({
                "id": id, "title": format!("Company {id}"),
                "client": {"responsible": team[n % team.len()], "status": "active"}, "stamp": stamp,
            });
            batch = batch.put(COMPANIES, &company).map_err(to_js)?;
        }
        batch.apply(&store).await.map_err(to_js)?;
    }

    let mut seed = 42u64;
    let mut next = move |bound: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % bound.max(1)
    };
    let mut written = Vec::with_capacity(activities as usize);
    for n in 0..activities as usize {
        let responsible = team[next(team.len() as u64) as usize].clone();
        let deadline = now.plus_millis((next(60 * 24) as i64 - 30 * 24) * Timestamp::HOUR);
        written.push(Activity {
            id: Id::parse(&format!("bench-activity-{n:06}")).unwrap_or_else(|| me.id.clone()),
            kind: ActivityKind::ALL[next(5) as usize],
            direction: if next(5) == 0 { Direction::Incoming } else { Direction::Outgoing },
            subject: format!("Activity {n}"),
            description: String::new(),
            deadline,
            completion: (next(10) < 3).then(|| Completion {
                at: deadline,
                by: responsible.clone(),
                result: "done".into(),
            }),
            responsible,
            priority: Priority::Normal,
            owner: CardRef {
                kind: CardKind::Company,
                id: card_ids[next(card_ids.len() as u64) as usize].clone(),
            },
            stamp: Stamp::new(&me.id, now),
        });
    }
    let started = now_ms();
    activities::put_many(&store, written).await.map_err(to_js)?;
    let elapsed = now_ms() - started;
    store.close();
    Ok(elapsed)
}
