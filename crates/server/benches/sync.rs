//! Sync throughput over loopback HTTP against the real SQLite store:
//! a push of 100,000 mutations in batches (target ≥ 5,000 mutations/s) and
//! a full pull of those 100,000 changes (target ≤ 3 s). Prints its figures.
//! `cargo bench -p dela-server --bench sync`.

use std::time::{Duration, Instant};

use dela_core::sync::{Clock, Mutation, NodeId, PushRequest, PushResponse, MAX_PUSH_MUTATIONS};
use sync_client::{login, new_deal, of_kind, pull_all, start_in_process};

#[path = "../tests/common/sync_client.rs"]
mod sync_client;

const TOTAL: u64 = 100_000;
const PASSWORD: &str = "bench-password";

#[tokio::main]
async fn main() {
    let data = tempfile::tempdir().expect("a temp dir");
    let base = start_in_process(data.path(), PASSWORD).await;
    let http = reqwest::Client::new();
    let token = login(&http, &base, "admin", PASSWORD).await.expect("signed in");

    let mut clock = Clock::new(NodeId::new(1));
    let all: Vec<Mutation> = (1..=TOTAL).map(|seq| new_deal(&mut clock, seq)).collect();
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
    let records = pull_all(&http, &base, &token, dela_core::sync::MAX_PULL_LIMIT).await;
    // Besides the deals: the administrator's user record.
    let pulled = of_kind(&records, "deal").len();
    let pull = started.elapsed();
    assert_eq!(pulled as u64, TOTAL);
    println!(
        "full pull of {pulled} changes: {:.2} s (target ≤ 3 s) {}",
        pull.as_secs_f64(),
        if pull <= Duration::from_secs(3) { "PASS" } else { "FAIL" }
    );
}
