//! The binary is killed with SIGKILL at random moments while a client
//! pushes 5,000 mutations, and started again on the same data directory.
//! The client retries as the app does (the same batch after a failure, from
//! `expected` after a gap). In the end every mutation was applied exactly
//! once: no sequence number was answered as freshly applied twice, the
//! server holds all 5,000 records, and a replay of the last batch is
//! answered as duplicates.
#![cfg(unix)]

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

mod common;

use common::sync_client::{login, new_deal, of_kind, pull_all};
use dela_core::sync::{Clock, Mutation, NodeId, PushRequest, PushResponse};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const TOTAL: u64 = 5_000;
const BATCH: usize = 100;
const PASSWORD: &str = "kill-test-password";

struct Server {
    child: Child,
    base: String,
}

async fn start(data_dir: &Path) -> Server {
    let dist = data_dir.join("dist");
    std::fs::create_dir_all(&dist).expect("a dist dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dela-server"))
        .args(["--port", "0", "--admin-password", PASSWORD, "--data-dir"])
        .arg(data_dir)
        .arg("--dist")
        .arg(&dist)
        .env("RUST_LOG", "info")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start dela-server");
    let mut lines = BufReader::new(child.stderr.take().expect("piped")).lines();
    let address = tokio::time::timeout(Duration::from_secs(20), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some((_, rest)) = line.split_once("open http://") {
                return rest.split_whitespace().next().map(str::to_owned);
            }
        }
        None
    })
    .await
    .expect("started within 20 s")
    .expect("an address in the log");
    // Keep reading the log so the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server { child, base: format!("http://{address}") }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_mid_push_loses_nothing_and_applies_nothing_twice() {
    let data = tempfile::tempdir().expect("a temp dir");
    let mut clock = Clock::new(NodeId::new(7));
    let all: Vec<Mutation> = (1..=TOTAL).map(|seq| new_deal(&mut clock, seq)).collect();
    let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().expect("a client");
    let mut server = start(data.path()).await;
    let mut token = None;
    let mut next: u64 = 1;
    let mut fresh_seen = vec![false; TOTAL as usize + 1];
    let mut kills = 0;
    let mut random = 0x2545_f491_4f6c_dd1d_u64;
    while next <= TOTAL {
        if token.is_none() {
            token = login(&http, &server.base, "admin", PASSWORD).await;
            continue;
        }
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        // One push in three has a SIGKILL land while it is on its way: before
        // the server read it, mid-transaction, or after the commit and
        // before the answer, depending on the delay.
        let killer = random.is_multiple_of(3).then(|| {
            let pid = server.child.id().expect("running").to_string();
            let delay = Duration::from_micros(random % 30_000);
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                let _ = Command::new("kill").args(["-KILL", &pid]).status().await;
            })
        });
        let end = (next as usize - 1 + BATCH).min(TOTAL as usize);
        let request =
            PushRequest { client: "kill-test".into(), mutations: all[next as usize - 1..end].to_vec() };
        let answer = async {
            let response = http
                .post(format!("{}/api/sync/push", server.base))
                .bearer_auth(token.as_deref().unwrap_or_default())
                .json(&request)
                .send()
                .await
                .ok()?;
            let status = response.status().as_u16();
            Some((status, response.json::<Value>().await.ok()?))
        }
        .await;
        if let Some(killer) = killer {
            killer.await.expect("the killer ran");
            let _ = server.child.wait().await;
            kills += 1;
            server = start(data.path()).await;
            token = None;
        }
        let Some((status, body)) = answer else { continue };
        match status {
            200 => {
                let body: PushResponse = serde_json::from_value(body).expect("outcomes");
                for outcome in &body.outcomes {
                    if !outcome.duplicate {
                        assert!(!fresh_seen[outcome.seq as usize], "mutation {} applied twice", outcome.seq);
                        fresh_seen[outcome.seq as usize] = true;
                    }
                }
                next = body.outcomes.last().map_or(next, |outcome| outcome.seq + 1);
            }
            409 => next = body["expected"].as_u64().expect("expected"),
            401 => token = None,
            status => panic!("unexpected status {status}: {body}"),
        }
    }
    assert!(kills >= 3, "the server was killed {kills} times only");

    // Every record is there once, and the last batch replays as duplicates.
    let token = match token {
        Some(token) => token,
        None => {
            login(&http, &server.base, "admin", PASSWORD).await.expect("signed in after the last restart")
        }
    };
    let records = pull_all(&http, &server.base, &token, 2_000).await;
    let mut ids = std::collections::BTreeSet::new();
    for record in of_kind(&records, "deal") {
        assert!(ids.insert(record["id"].as_str().expect("id").to_owned()), "a record came twice");
    }
    assert_eq!(ids.len() as u64, TOTAL);
    let replay = PushRequest { client: "kill-test".into(), mutations: all[(TOTAL as usize - 10)..].to_vec() };
    let again: PushResponse = http
        .post(format!("{}/api/sync/push", server.base))
        .bearer_auth(&token)
        .json(&replay)
        .send()
        .await
        .expect("replay")
        .json()
        .await
        .expect("outcomes");
    assert!(again.outcomes.iter().all(|outcome| outcome.duplicate));
}
