//! The sync API over real HTTP: every bad input of a push gets a 4xx JSON
//! error and changes nothing (checked by pulling everything before and
//! after), an exact replay is acknowledged without being applied again, and
//! refused mutations leave their records as they were.

mod common;

use common::sync_client::{deal, login, of_kind, pull_all, put, start_in_process};
use dela_core::sync::{Change, Clock, Kind, Mutation, NodeId, PushRequest, PushResponse, Verdict};
use serde_json::{json, Value};

const PASSWORD: &str = "sync-http-password";

struct Api {
    base: String,
    http: reqwest::Client,
    token: String,
    _data: tempfile::TempDir,
}

async fn start() -> Api {
    let data = tempfile::tempdir().expect("a temp dir");
    let base = start_in_process(data.path(), PASSWORD).await;
    let http = reqwest::Client::new();
    let token = login(&http, &base, "admin", PASSWORD).await.expect("the administrator signs in");
    Api { base, http, token, _data: data }
}

impl Api {
    async fn push_raw(&self, body: impl Into<reqwest::Body>, token: Option<&str>) -> (u16, Value) {
        let mut request = self
            .http
            .post(format!("{}/api/sync/push", self.base))
            .header("content-type", "application/json")
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("an answer");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn push(&self, request: &PushRequest) -> (u16, Value) {
        self.push_raw(serde_json::to_vec(request).expect("serializes"), Some(&self.token)).await
    }

    /// Everything the server holds, as a pull from the start shows it.
    async fn everything(&self) -> Vec<Value> {
        pull_all(&self.http, &self.base, &self.token, 2_000).await
    }
}

fn deals(everything: &[Value]) -> Vec<&Value> {
    of_kind(everything, "deal")
}

#[tokio::test]
async fn every_bad_push_is_a_4xx_json_error_and_changes_nothing() {
    let api = start().await;
    let mut clock = Clock::new(NodeId::new(1));
    let first = PushRequest {
        client: "tab-1".into(),
        mutations: vec![
            put(&mut clock, 1, "d1", deal("d1", json!("Kettles"))),
            put(&mut clock, 2, "d2", deal("d2", json!("Pans"))),
        ],
    };
    let (status, body) = api.push(&first).await;
    assert_eq!(status, 200, "{body}");

    // A second user, for a client id that is not theirs.
    let created = api
        .http
        .post(format!("{}/api/users", api.base))
        .bearer_auth(&api.token)
        .json(&json!({"login": "olga", "name": "Olga", "password": "olga-password-1", "roles": []}))
        .send()
        .await
        .expect("create a user");
    assert_eq!(created.status(), 201, "{:?}", created.text().await);
    let olga = login(&api.http, &api.base, "olga", "olga-password-1").await.expect("olga signs in");
    let before = api.everything().await;
    assert_eq!(deals(&before).len(), 2);

    let valid = serde_json::to_value(PushRequest {
        client: "tab-1".into(),
        mutations: vec![put(&mut clock, 3, "d1", json!({"title": "Kettles, 40"}))],
    })
    .expect("a value");
    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = valid.clone();
        change(&mut body);
        body.to_string()
    };
    let other_content = {
        let mut replay = first.clone();
        replay.mutations[1] = put(&mut clock, 2, "d2", deal("d2", json!("Not pans")));
        serde_json::to_string(&replay).expect("json")
    };
    let oversized =
        format!(r#"{{"client": "tab-1", "mutations": [], "pad": "{}"}}"#, "x".repeat(5 * 1024 * 1024));
    let too_many = serde_json::to_string(&PushRequest {
        client: "tab-1".into(),
        mutations: (3..=503)
            .map(|seq| put(&mut clock, seq, "d1", json!({"title": format!("t{seq}")})))
            .collect(),
    })
    .expect("json");

    let cases: Vec<(&str, String, Option<&str>, u16, &str)> = vec![
        (
            "malformed JSON",
            "{\"client\": \"tab-1\", \"mutations\": [".into(),
            Some(&api.token),
            400,
            "bad_json",
        ),
        (
            "a wrong type",
            with(&|body| body["mutations"][0]["seq"] = json!("three")),
            Some(&api.token),
            422,
            "wrong_types",
        ),
        (
            "an unknown kind",
            with(&|body| body["mutations"][0]["kind"] = json!("spaceship")),
            Some(&api.token),
            422,
            "wrong_types",
        ),
        (
            "an unknown op",
            with(&|body| body["mutations"][0]["op"] = json!("merge")),
            Some(&api.token),
            422,
            "wrong_types",
        ),
        (
            "a bad stamp",
            with(&|body| body["mutations"][0]["stamp"] = json!("yesterday")),
            Some(&api.token),
            422,
            "wrong_types",
        ),
        (
            "a bad client id",
            with(&|body| body["client"] = json!("tab 1; drop")),
            Some(&api.token),
            422,
            "bad_client",
        ),
        (
            "a gap",
            with(&|body| body["mutations"][0]["seq"] = json!(5)),
            Some(&api.token),
            409,
            "sequence_gap",
        ),
        ("a replay with other content", other_content, Some(&api.token), 422, "replay_mismatch"),
        ("another user's client", valid.to_string(), Some(&olga), 403, "foreign_client"),
        ("no session", valid.to_string(), None, 401, "unauthorized"),
        ("a body over 4 MiB", oversized, Some(&api.token), 413, "too_large"),
        ("more than 500 mutations", too_many, Some(&api.token), 413, "too_many_mutations"),
    ];
    for (what, body, token, status, code) in cases {
        let (got, answer) = api.push_raw(body, token).await;
        assert_eq!((got, answer["error"].as_str()), (status, Some(code)), "{what}: {answer}");
        assert!(answer["message"].is_string(), "{what}: a message");
        assert_eq!(api.everything().await, before, "{what} changed the database");
    }
    let (status, answer) = api.push_raw(valid.to_string(), Some(&api.token)).await;
    assert_eq!(status, 200, "after all that, the next mutation is still 3: {answer}");
}

#[tokio::test]
async fn an_exact_replay_is_acknowledged_not_applied_twice() {
    let api = start().await;
    let mut clock = Clock::new(NodeId::new(1));
    let request = PushRequest {
        client: "tab-1".into(),
        mutations: vec![put(&mut clock, 1, "d1", deal("d1", json!("Kettles")))],
    };
    let (status, first) = api.push(&request).await;
    assert_eq!(status, 200);
    let after_first = api.everything().await;
    let (status, again) = api.push(&request).await;
    assert_eq!(status, 200);
    let again: PushResponse = serde_json::from_value(again).expect("outcomes");
    let first: PushResponse = serde_json::from_value(first).expect("outcomes");
    assert!(again.outcomes[0].duplicate);
    assert_eq!(again.outcomes[0].verdict, first.outcomes[0].verdict);
    assert_eq!(api.everything().await, after_first, "a replay wrote a new version");
}

#[tokio::test]
async fn refused_mutations_count_as_processed_and_leave_the_record() {
    let api = start().await;
    let mut clock = Clock::new(NodeId::new(1));
    let user = Mutation {
        seq: 3,
        kind: Kind::User,
        id: "u9".into(),
        stamp: clock.now(1_800_000_000_100),
        change: Change::Put {
            fields: json!({"id": "u9", "name": "Me", "roles": ["administrator"]})
                .as_object()
                .cloned()
                .unwrap_or_default(),
            sets: Default::default(),
        },
    };
    let request = PushRequest {
        client: "tab-1".into(),
        mutations: vec![
            put(&mut clock, 1, "d1", deal("d1", json!("Kettles"))),
            put(&mut clock, 2, "d1", json!({"title": 42})),
            user,
            put(&mut clock, 4, "d1", json!({"colour": "red"})),
            put(&mut clock, 5, "d1", json!({"title": "Kettles, 40"})),
        ],
    };
    let (status, body) = api.push(&request).await;
    assert_eq!(status, 200, "{body}");
    let response: PushResponse = serde_json::from_value(body).expect("outcomes");
    let codes: Vec<String> = response
        .outcomes
        .iter()
        .map(|outcome| match &outcome.verdict {
            Verdict::Applied { .. } => "applied".to_owned(),
            Verdict::Refused(refusal) => {
                serde_json::to_value(refusal.code).expect("a code").as_str().unwrap_or("").to_owned()
            }
        })
        .collect();
    assert_eq!(codes, ["applied", "invalid_record", "forbidden", "unknown_field", "applied"]);
    let everything = api.everything().await;
    let users = of_kind(&everything, "user");
    assert!(users.iter().all(|user| user["id"] != "u9"), "the pushed user was written: {users:?}");
    let deals = deals(&everything);
    assert_eq!(deals.len(), 1);
    assert_eq!(deals[0]["value"]["title"], "Kettles, 40");
}
