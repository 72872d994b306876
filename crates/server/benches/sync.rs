//! Sync throughput over loopback HTTP against the real SQLite store:
//! a push of 100,000 mutations in batches (target ≥ 5,000 mutations/s) and
//! a full pull of those 100,000 changes (target ≤ 3 s). Prints its figures.
//! `cargo bench -p dela-server --bench sync`.

use std::time::{Duration, Instant};

use dela_core::sync::{Change, Clock, Kind, Mutation, NodeId, PushRequest, PushResponse, MAX_PUSH_MUTATIONS};
use dela_server::config::Secret;
use dela_server::Config;
use serde_json::{json, Value};
use tokio::net::TcpListener;

const TOTAL: u64 = 100_000;
const PASSWORD: &str = "bench-password";

fn mutation(clock: &mut Clock, seq: u64) -> Mutation {
    let id = format!("deal-{seq:06}");
    let fields = json!({
        "id": id, "title": format!("Deal {seq}"), "pipeline": "default", "stage": "new",
        "semantic": "in_progress", "company": null, "contacts": ["c1"], "amount": {"minor": seq * 100, "currency": "RUB"},
        "responsible": "u1", "comments": "", "stage_since": 0, "closed_at": null, "fields": {},
        "stamp": {"created_at": 0, "created_by": "u1", "updated_at": 0, "updated_by": "u1"},
    });
    let Value::Object(fields) = fields else { unreachable!("an object literal") };
    Mutation {
        seq,
        kind: Kind::Deal,
        id,
        stamp: clock.now(1_800_000_000_000 + seq as i64),
        change: Change::Put { fields, sets: Default::default() },
    }
}

#[tokio::main]
async fn main() {
    let data = tempfile::tempdir().expect("a temp dir");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let config = Config {
        address,
        data_dir: data.path().to_owned(),
        dist_dir: data.path().to_owned(),
        admin_password: Some(Secret::new(PASSWORD)),
        ..Config::default()
    };
    tokio::spawn(dela_server::serve(config, listener, std::future::pending()));
    let base = format!("http://{address}");
    let http = reqwest::Client::new();
    let mut token = None;
    for _ in 0..100 {
        if let Ok(response) = http
            .post(format!("{base}/api/auth/login"))
            .json(&json!({"login": "admin", "password": PASSWORD}))
            .send()
            .await
        {
            let body: Value = response.json().await.expect("a login answer");
            token = body["token"].as_str().map(str::to_owned);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let token = token.expect("signed in");

    let mut clock = Clock::new(NodeId::new(1));
    let all: Vec<Mutation> = (1..=TOTAL).map(|seq| mutation(&mut clock, seq)).collect();
    let started = Instant::now();
    for batch in all.chunks(MAX_PUSH_MUTATIONS) {
        let request = PushRequest { client: "bench".into(), mutations: batch.to_vec() };
        let response: PushResponse = http
            .post(format!("{base}/api/sync/push"))
            .bearer_auth(&token)
            .json(&request)
            .send()
            .await
            .expect("push")
            .json()
            .await
            .expect("outcomes");
        assert_eq!(response.outcomes.len(), batch.len());
    }
    let push = started.elapsed();
    let rate = TOTAL as f64 / push.as_secs_f64();
    println!(
        "push of {TOTAL} mutations in batches of {MAX_PUSH_MUTATIONS}: {:.2} s, {rate:.0} mutations/s (target ≥ 5000) {}",
        push.as_secs_f64(),
        if rate >= 5000.0 { "PASS" } else { "FAIL" }
    );

    let started = Instant::now();
    let mut cursor = String::new();
    let mut pulled = 0;
    loop {
        let page: Value = http
            .get(format!("{base}/api/sync/pull"))
            .query(&[("cursor", cursor.as_str())])
            .bearer_auth(&token)
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("a page");
        // Besides the deals: the administrator's user record.
        pulled += page["records"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|record| record["kind"] == "deal")
            .count();
        cursor = page["cursor"].as_str().expect("cursor").to_owned();
        if !page["more"].as_bool().unwrap_or(false) {
            break;
        }
    }
    let pull = started.elapsed();
    assert_eq!(pulled as u64, TOTAL);
    println!(
        "full pull of {pulled} changes: {:.2} s (target ≤ 3 s) {}",
        pull.as_secs_f64(),
        if pull <= Duration::from_secs(3) { "PASS" } else { "FAIL" }
    );
}
