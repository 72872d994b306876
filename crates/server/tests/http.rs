//! The server over real HTTP on a random port, against a temporary SQLite file.

use std::path::Path;
use std::time::{Duration, Instant};

use dela_server::Config;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

struct Running {
    base: String,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), dela_server::error::StartError>>,
}

async fn start(data_dir: &Path, dist_dir: &Path) -> Running {
    start_with_deadline(data_dir, dist_dir, Config::default().shutdown_deadline).await
}

async fn start_with_deadline(data_dir: &Path, dist_dir: &Path, shutdown_deadline: Duration) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let config = Config {
        address,
        data_dir: data_dir.to_owned(),
        dist_dir: dist_dir.to_owned(),
        shutdown_deadline,
        ..Config::default()
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(dela_server::serve(config, listener, async {
        let _ = stopped.await;
    }));
    Running { base: format!("http://{address}"), stop: Some(stop), task }
}

impl Running {
    async fn stop(mut self) {
        let _ = self.stop.take().map(|stop| stop.send(()));
        self.task.await.unwrap().unwrap();
    }
}

fn dist_with_app(dir: &Path) {
    std::fs::write(dir.join("index.html"), "<!doctype html><title>Dela</title>").unwrap();
    std::fs::write(dir.join("dela-0123456789abcdef.js"), "export default 1").unwrap();
}

#[tokio::test]
async fn health_reports_the_sqlite_schema_and_the_file_is_created() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = start(data.path(), dist.path()).await;
    let response = reqwest::get(format!("{}/api/health", server.base)).await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "sqlite");
    assert_eq!(body["schema_version"], dela_server::db::schema::SQLITE.len());
    assert!(data.path().join("dela.sqlite3").is_file());
    server.stop().await;
}

#[tokio::test]
async fn deep_links_get_the_app_and_assets_are_cached_by_hash() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    dist_with_app(dist.path());
    let server = start(data.path(), dist.path()).await;

    let page = reqwest::get(format!("{}/companies/01abc", server.base)).await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert!(page.text().await.unwrap().contains("<title>Dela</title>"));

    let asset = reqwest::get(format!("{}/dela-0123456789abcdef.js", server.base)).await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");
    server.stop().await;
}

#[tokio::test]
async fn an_unknown_api_path_is_a_404_not_the_app() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    dist_with_app(dist.path());
    let server = start(data.path(), dist.path()).await;
    let response = reqwest::get(format!("{}/api/nothing-here", server.base)).await.unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    server.stop().await;
}

#[tokio::test]
async fn a_missing_asset_is_a_404_that_is_not_cached_but_a_navigation_gets_the_app() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    dist_with_app(dist.path());
    let server = start(data.path(), dist.path()).await;
    let client = reqwest::Client::new();

    // An asset of an older build, as a stale page or service worker asks for.
    for path in ["/dela-fedcba9876543210.js", "/dela-fedcba9876543210_bg.wasm", "/favicon.ico"] {
        let missing =
            client.get(format!("{}{path}", server.base)).header("accept", "*/*").send().await.unwrap();
        assert_eq!(missing.status(), 404, "{path}");
        assert_eq!(missing.headers()["cache-control"], "no-cache", "{path}");
        assert!(!missing.text().await.unwrap().contains("<title>Dela</title>"), "{path}");
    }

    // A browser navigating (Accept: text/html) still gets the app, never cached for long.
    let page = client
        .get(format!("{}/dela-fedcba9876543210.js", server.base))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert!(page.text().await.unwrap().contains("<title>Dela</title>"));
    server.stop().await;
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405_on_the_api_and_on_files() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    dist_with_app(dist.path());
    let server = start(data.path(), dist.path()).await;
    for path in ["/api/health", "/index.html"] {
        let response = reqwest::Client::new().delete(format!("{}{path}", server.base)).send().await.unwrap();
        assert_eq!(response.status(), 405, "{path}");
        assert!(response.headers()["allow"].to_str().unwrap().contains("GET"), "{path}");
        assert_eq!(response.headers()["content-type"], "application/json", "{path}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"], "method_not_allowed", "{path}");
        assert!(body["message"].as_str().is_some_and(|message| !message.is_empty()), "{path}");
    }
    server.stop().await;
}

/// A client that sent half a request keeps its connection open forever; the
/// graceful shutdown waits for it only until the deadline.
#[tokio::test]
async fn shutdown_stops_waiting_for_open_requests_at_the_deadline() {
    use tokio::io::AsyncWriteExt;

    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let deadline = Duration::from_secs(1);
    let mut server = start_with_deadline(data.path(), dist.path(), deadline).await;
    let address = server.base.trim_start_matches("http://").to_string();
    let mut stuck = tokio::net::TcpStream::connect(address).await.unwrap();
    stuck.write_all(b"GET /api/health HTTP/1.1\r\nHost: dela\r\n").await.unwrap();
    // The server has read the partial request once it answers another one.
    assert_eq!(reqwest::get(format!("{}/api/health", server.base)).await.unwrap().status(), 200);

    let asked = Instant::now();
    let _ = server.stop.take().map(|stop| stop.send(()));
    let result = tokio::time::timeout(Duration::from_secs(5), &mut server.task).await;
    let waited = asked.elapsed();
    result.expect("the server outlived its shutdown deadline").unwrap().unwrap();
    assert!(waited >= deadline, "stopped after {waited:?}: the half-sent request was not waited for");
    drop(stuck);
}
