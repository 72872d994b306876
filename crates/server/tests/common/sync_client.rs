//! A sync client over HTTP for the server's tests and its benchmark: the
//! server started in-process with a known administrator password, signing
//! in, deals as a client creates them, and a pull to the end.

use std::path::Path;
use std::time::Duration;

use dela_core::sync::{Change, Clock, Kind, Mutation};
use dela_server::config::{Config, Secret};
use serde_json::{json, Value};
use tokio::net::TcpListener;

/// Serves a fresh SQLite store under `data_dir` on a free port; the base URL.
pub async fn start_in_process(data_dir: &Path, admin_password: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let config = Config {
        address,
        data_dir: data_dir.to_owned(),
        dist_dir: data_dir.to_owned(),
        admin_password: Some(Secret::new(admin_password)),
        ..Config::default()
    };
    tokio::spawn(dela_server::serve(config, listener, std::future::pending()));
    format!("http://{address}")
}

/// Signs in, waiting up to 5 s for a server that is still starting; the
/// token, or `None` when the server refuses.
pub async fn login(http: &reqwest::Client, base: &str, login: &str, password: &str) -> Option<String> {
    for _ in 0..100 {
        let sent =
            http.post(format!("{base}/api/auth/login")).json(&json!({"login": login, "password": password}));
        if let Ok(response) = sent.send().await {
            let body: Value = response.json().await.ok()?;
            return body["token"].as_str().map(str::to_owned);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

/// A valid new deal with every field, as the app creates one.
pub fn deal(id: &str, title: Value) -> Value {
    json!({
        "id": id, "title": title, "pipeline": "default", "stage": "new", "semantic": "in_progress",
        "company": null, "contacts": [], "amount": null, "responsible": "u1", "comments": "",
        "stage_since": 0, "closed_at": null, "fields": {},
        "stamp": {"created_at": 0, "created_by": "u1", "updated_at": 0, "updated_by": "u1"},
    })
}

/// Mutation `seq` setting `fields` of deal `id`, stamped by `clock` at a
/// wall time that grows with `seq`.
pub fn put(clock: &mut Clock, seq: u64, id: &str, fields: Value) -> Mutation {
    let Value::Object(fields) = fields else { panic!("fields are an object") };
    Mutation {
        seq,
        kind: Kind::Deal,
        id: id.into(),
        stamp: clock.now(1_800_000_000_000 + seq as i64),
        change: Change::Put { fields, sets: Default::default() },
    }
}

/// Mutation `seq` creating the deal `deal-<seq>`.
pub fn new_deal(clock: &mut Clock, seq: u64) -> Mutation {
    let id = format!("deal-{seq:06}");
    put(clock, seq, &id, deal(&id, json!(format!("Deal {seq}"))))
}

/// Every record the server holds, pulled from the start in pages of `limit`.
pub async fn pull_all(http: &reqwest::Client, base: &str, token: &str, limit: usize) -> Vec<Value> {
    let mut records = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Value = http
            .get(format!("{base}/api/sync/pull"))
            .query(&[("cursor", cursor.as_str()), ("limit", &limit.to_string())])
            .bearer_auth(token)
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("a page");
        records.extend(page["records"].as_array().into_iter().flatten().cloned());
        cursor = page["cursor"].as_str().expect("a cursor").to_owned();
        if !page["more"].as_bool().expect("more") {
            return records;
        }
    }
}

/// The records of `kind` among `records`.
pub fn of_kind<'a>(records: &'a [Value], kind: &str) -> Vec<&'a Value> {
    records.iter().filter(|record| record["kind"] == kind).collect()
}
