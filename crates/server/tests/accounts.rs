//! Accounts over real HTTP, on SQLite and PostgreSQL: the first
//! administrator, signing in and out, session expiry on a clock the test
//! moves, the login rate limit, and the administrator's user management.

mod common;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use common::Place;
use dela_core::Timestamp;
use dela_server::config::Secret;
use dela_server::Clock;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const ADMIN_PASSWORD: &str = "first admin's password";
const START: i64 = 1_800_000_000_000;
const DAY: i64 = Timestamp::DAY;

struct Server {
    base: String,
    now: Arc<AtomicI64>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), dela_server::error::StartError>>,
}

async fn start(place: &Place) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let config = dela_server::Config {
        address,
        dist_dir: place.dist_dir(),
        admin_password: Some(Secret::new(ADMIN_PASSWORD)),
        ..place.config.clone()
    };
    let now = Arc::new(AtomicI64::new(START));
    let clock = {
        let now = now.clone();
        Clock::new(move || Timestamp(now.load(Ordering::SeqCst)))
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(dela_server::serve_with_clock(
        config,
        listener,
        async {
            let _ = stopped.await;
        },
        clock,
    ));
    Server { base: format!("http://{address}"), now, stop: Some(stop), task }
}

impl Server {
    async fn stop(mut self) {
        let _ = self.stop.take().map(|stop| stop.send(()));
        self.task.await.unwrap().unwrap();
    }

    fn advance(&self, millis: i64) {
        self.now.fetch_add(millis, Ordering::SeqCst);
    }

    /// A client whose connections come from `address` (any of 127.0.0.0/8).
    fn client_from(address: Ipv4Addr) -> reqwest::Client {
        reqwest::Client::builder().local_address(IpAddr::V4(address)).build().unwrap()
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call_from(Ipv4Addr::LOCALHOST, method, path, token, body).await
    }

    async fn call_from(
        &self,
        from: Ipv4Addr,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let client = Self::client_from(from);
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() })
    }

    async fn login(&self, login: &str, password: &str) -> (StatusCode, Value) {
        self.call("POST", "/api/auth/login", None, Some(json!({"login": login, "password": password}))).await
    }

    /// Signs in and returns the token; panics unless it works.
    async fn token(&self, login: &str, password: &str) -> String {
        let (status, body) = self.login(login, password).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_owned()
    }

    async fn me(&self, token: &str) -> (StatusCode, Value) {
        self.call("GET", "/api/auth/me", Some(token), None).await
    }

    /// Creates a user as the administrator; returns its id.
    async fn create_user(&self, admin: &str, login: &str, password: &str, roles: &[&str]) -> String {
        let body =
            json!({"login": login, "name": format!("{login} Name"), "password": password, "roles": roles});
        let (status, body) = self.call("POST", "/api/users", Some(admin), Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["user"]["id"].as_str().unwrap().to_owned()
    }

    async fn logins(&self, admin: &str) -> Vec<String> {
        let (status, body) = self.call("GET", "/api/users", Some(admin), None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|user| user["login"].as_str().unwrap().to_owned())
            .collect()
    }
}

async fn the_first_administrator_signs_in_with_the_given_password(place: Place) {
    let server = start(&place).await;
    let (status, body) = server.login(" Admin ", ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["token"].as_str().unwrap();
    assert!(token.len() >= 43, "{token}");
    assert_eq!(body["expires_at"], START + 30 * DAY);
    let user = &body["user"];
    assert_eq!((user["login"].as_str(), user["active"].as_bool()), (Some("admin"), Some(true)));
    assert_eq!(user["roles"], json!(["administrator"]));
    assert!(user["id"].as_str().is_some_and(|id| id.len() == 23), "{user}");

    let (status, me) = server.me(token).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(&me["user"], user);
    let (_, health) = server.call("GET", "/api/health", None, None).await;
    let database = match place.backend {
        common::Backend::Sqlite => "sqlite",
        common::Backend::Postgres => "postgresql",
    };
    assert_eq!(health["database"], database);
    server.stop().await;

    // A second start finds a user and creates no other.
    let server = start(&place).await;
    let token = server.token("admin", ADMIN_PASSWORD).await;
    assert_eq!(server.logins(&token).await, vec!["admin"]);
    server.stop().await;
}

async fn a_wrong_password_an_unknown_login_and_a_deactivated_user_get_one_answer(place: Place) {
    let server = start(&place).await;
    let admin = server.token("admin", ADMIN_PASSWORD).await;
    let id = server.create_user(&admin, "olga", "olga's password", &[]).await;
    let olga = server.token("olga", "olga's password").await;
    let (status, body) =
        server.call("PATCH", &format!("/api/users/{id}"), Some(&admin), Some(json!({"active": false}))).await;
    assert_eq!((status, &body["user"]["active"]), (StatusCode::OK, &json!(false)), "{body}");

    for (login, password) in
        [("admin", "not the password"), ("nobody", ADMIN_PASSWORD), ("olga", "olga's password")]
    {
        let (status, body) = server.login(login, password).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{login}: {body}");
        assert_eq!(body["error"], "wrong_credentials", "{login}");
        assert!(body["message"].as_str().is_some_and(|message| !message.is_empty()));
    }
    let (status, body) = server.me(&olga).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorized")),
        "deactivation revokes"
    );
    server.stop().await;
}

async fn requests_without_a_valid_token_are_unauthorized(place: Place) {
    let server = start(&place).await;
    for token in [None, Some("made-up-token")] {
        let (status, body) = server.call("GET", "/api/auth/me", token, None).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthorized")),
            "{token:?}"
        );
    }
    let response = reqwest::Client::new()
        .get(format!("{}/api/auth/me", server.base))
        .header("authorization", "Basic YWRtaW46YWRtaW4=")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    server.stop().await;
}

async fn a_session_expires_after_its_days_without_use_and_each_use_extends_it(place: Place) {
    let server = start(&place).await;
    let token = server.token("admin", ADMIN_PASSWORD).await;
    server.advance(20 * DAY);
    assert_eq!(server.me(&token).await.0, StatusCode::OK);
    server.advance(20 * DAY);
    assert_eq!(server.me(&token).await.0, StatusCode::OK, "40 days after login, 20 after the last use");
    server.advance(30 * DAY + 1);
    let (status, body) = server.me(&token).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("session_expired")),
        "{body}"
    );
    assert_eq!(server.token("admin", ADMIN_PASSWORD).await.len(), token.len(), "signing in again works");
    server.stop().await;
}

async fn logout_revokes_the_session_only(place: Place) {
    let server = start(&place).await;
    let (first, second) =
        (server.token("admin", ADMIN_PASSWORD).await, server.token("admin", ADMIN_PASSWORD).await);
    let (status, body) = server.call("POST", "/api/auth/logout", Some(&first), None).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    assert_eq!(server.me(&first).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(server.call("POST", "/api/auth/logout", Some(&first), None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(server.me(&second).await.0, StatusCode::OK);
    server.stop().await;
}

async fn failed_logins_are_limited_per_login(place: Place) {
    let server = start(&place).await;
    for _ in 0..10 {
        assert_eq!(server.login("admin", "guess").await.0, StatusCode::UNAUTHORIZED);
    }
    // Even the right password, even from another address.
    let body = json!({"login": "admin", "password": ADMIN_PASSWORD});
    let client = Server::client_from(Ipv4Addr::new(127, 0, 0, 2));
    let response = client.post(format!("{}/api/auth/login", server.base)).json(&body).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["error"], "too_many_attempts");

    server.advance(15 * 60 * 1000);
    assert_eq!(server.login("admin", ADMIN_PASSWORD).await.0, StatusCode::OK);
    server.stop().await;
}

async fn failed_logins_are_limited_per_address(place: Place) {
    let server = start(&place).await;
    let guesser = Ipv4Addr::new(127, 0, 0, 3);
    for n in 0..30 {
        let body = json!({"login": format!("user{n}"), "password": "guess"});
        assert_eq!(
            server.call_from(guesser, "POST", "/api/auth/login", None, Some(body)).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let body = json!({"login": "admin", "password": ADMIN_PASSWORD});
    let (status, answer) =
        server.call_from(guesser, "POST", "/api/auth/login", None, Some(body.clone())).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("too_many_attempts"))
    );
    let (status, _) =
        server.call_from(Ipv4Addr::LOCALHOST, "POST", "/api/auth/login", None, Some(body)).await;
    assert_eq!(status, StatusCode::OK, "another address is not limited");
    server.stop().await;
}

async fn only_administrators_manage_users(place: Place) {
    let server = start(&place).await;
    let admin = server.token("admin", ADMIN_PASSWORD).await;
    let id = server.create_user(&admin, "Olga", "olga's password", &["head_of_sales"]).await;
    let (status, body) = server.call("GET", "/api/users", Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK);
    let olga =
        body["users"].as_array().unwrap().iter().find(|user| user["id"] == id.as_str()).unwrap().clone();
    assert_eq!(
        olga,
        json!({"id": id, "login": "olga", "name": "Olga Name", "roles": ["head_of_sales"], "active": true})
    );

    let token = server.token("olga", "olga's password").await;
    let attempts = [
        ("GET", "/api/users".to_string(), None),
        ("POST", "/api/users".to_string(), Some(json!({"login": "x", "name": "X", "password": "xxxxxxxx"}))),
        ("PATCH", format!("/api/users/{id}"), Some(json!({"roles": ["administrator"]}))),
    ];
    for (method, path, body) in attempts {
        let (status, answer) = server.call(method, &path, Some(&token), body.clone()).await;
        assert_eq!(
            (status, answer["error"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden")),
            "{method} {path}"
        );
        let (status, _) = server.call(method, &path, None, body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} without a token");
    }
    assert_eq!(server.logins(&admin).await, vec!["admin", "olga"], "nothing was created");
    let (_, me) = server.me(&token).await;
    assert_eq!(me["user"]["roles"], json!(["head_of_sales"]), "nor promoted");

    let (status, body) = server
        .call(
            "PATCH",
            &format!("/api/users/{id}"),
            Some(&admin),
            Some(json!({"name": " Olga P. ", "roles": ["administrator", "head_of_sales"]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (body["user"]["name"].as_str(), &body["user"]["roles"]),
        (Some("Olga P."), &json!(["administrator", "head_of_sales"]))
    );
    assert_eq!(
        server.call("GET", "/api/users", Some(&token), None).await.0,
        StatusCode::OK,
        "roles apply at once"
    );
    let (status, body) =
        server.call("PATCH", "/api/users/no-such-id", Some(&admin), Some(json!({"name": "X"}))).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    server.stop().await;
}

async fn bad_user_fields_are_named_and_nothing_is_stored(place: Place) {
    let server = start(&place).await;
    let admin = server.token("admin", ADMIN_PASSWORD).await;
    let cases = [
        (
            json!({"login": " ", "name": "", "password": "short", "roles": ["astronaut"]}),
            json!({"login": "required", "name": "required", "password": "too_short", "roles": "unknown_role"}),
        ),
        (json!({"login": "ADMIN", "name": "Other", "password": "long enough"}), json!({"login": "taken"})),
        (
            json!({"login": "two words", "name": "x".repeat(121), "password": ""}),
            json!({"login": "invalid", "name": "too_long", "password": "required"}),
        ),
    ];
    for (request, fields) in cases {
        let (status, body) = server.call("POST", "/api/users", Some(&admin), Some(request.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{request}: {body}");
        assert_eq!((body["error"].as_str(), &body["fields"]), (Some("invalid"), &fields), "{request}");
    }
    for request in [
        json!({"login": "x"}),
        json!({"login": 5, "name": "X", "password": "xxxxxxxx"}),
        json!({"login": "x", "name": "X", "password": "xxxxxxxx", "admin": true}),
    ] {
        let (status, body) = server.call("POST", "/api/users", Some(&admin), Some(request.clone())).await;
        assert!(status.is_client_error(), "{request}: {status}");
        assert!(body["error"].is_string() && body["message"].is_string(), "{request}: {body}");
    }
    assert_eq!(server.logins(&admin).await, vec!["admin"]);

    let (_, me) = server.me(&admin).await;
    let id = me["user"]["id"].as_str().unwrap();
    let (status, body) = server
        .call("PATCH", &format!("/api/users/{id}"), Some(&admin), Some(json!({"name": " ", "password": "x"})))
        .await;
    assert_eq!(
        (status, &body["fields"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!({"name": "required", "password": "too_short"}))
    );
    assert_eq!(server.me(&admin).await.1["user"]["name"], "Administrator");
    server.stop().await;
}

async fn the_last_active_administrator_stays(place: Place) {
    let server = start(&place).await;
    let admin = server.token("admin", ADMIN_PASSWORD).await;
    let (_, me) = server.me(&admin).await;
    let admin_id = me["user"]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/users/{admin_id}");
    for (change, field) in
        [(json!({"active": false}), "active"), (json!({"roles": ["head_of_sales"]}), "roles")]
    {
        let (status, body) = server.call("PATCH", &path, Some(&admin), Some(change.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{change}: {body}");
        assert_eq!(body["fields"], json!({field: "last_administrator"}), "{change}");
    }
    assert_eq!(server.me(&admin).await.1["user"]["roles"], json!(["administrator"]));

    // With a second active administrator, the first may step down.
    let second = server.create_user(&admin, "boris", "boris's password", &["administrator"]).await;
    let (status, body) = server.call("PATCH", &path, Some(&admin), Some(json!({"roles": []}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let boris = server.token("boris", "boris's password").await;
    let (status, body) = server
        .call("PATCH", &format!("/api/users/{second}"), Some(&boris), Some(json!({"active": false})))
        .await;
    assert_eq!(
        (status, &body["fields"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!({"active": "last_administrator"}))
    );
    server.stop().await;
}

async fn a_new_password_replaces_the_old_and_signs_the_user_out_elsewhere(place: Place) {
    let server = start(&place).await;
    let admin = server.token("admin", ADMIN_PASSWORD).await;
    let id = server.create_user(&admin, "olga", "olga's password", &[]).await;
    let olga = server.token("olga", "olga's password").await;
    let (status, body) = server
        .call("PATCH", &format!("/api/users/{id}"), Some(&admin), Some(json!({"password": "a new password"})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(server.me(&olga).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(server.login("olga", "olga's password").await.0, StatusCode::UNAUTHORIZED);
    server.token("olga", "a new password").await;

    // An administrator changing their own password keeps the session it was changed from.
    let (_, me) = server.me(&admin).await;
    let other = server.token("admin", ADMIN_PASSWORD).await;
    let path = format!("/api/users/{}", me["user"]["id"].as_str().unwrap());
    assert_eq!(
        server.call("PATCH", &path, Some(&admin), Some(json!({"password": "another one"}))).await.0,
        StatusCode::OK
    );
    assert_eq!(server.me(&admin).await.0, StatusCode::OK);
    assert_eq!(server.me(&other).await.0, StatusCode::UNAUTHORIZED);
    server.stop().await;
}

per_backend!(
    the_first_administrator_signs_in_with_the_given_password,
    a_wrong_password_an_unknown_login_and_a_deactivated_user_get_one_answer,
    requests_without_a_valid_token_are_unauthorized,
    a_session_expires_after_its_days_without_use_and_each_use_extends_it,
    logout_revokes_the_session_only,
    failed_logins_are_limited_per_login,
    failed_logins_are_limited_per_address,
    only_administrators_manage_users,
    bad_user_fields_are_named_and_nothing_is_stored,
    the_last_active_administrator_stays,
    a_new_password_replaces_the_old_and_signs_the_user_out_elsewhere,
);
