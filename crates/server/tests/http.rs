//! The server over real HTTP on a random port, against a temporary SQLite file.

use std::path::Path;

use dela_server::Config;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

struct Running {
    base: String,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), dela_server::error::StartError>>,
}

async fn start(data_dir: &Path, dist_dir: &Path) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let config = Config { address, data_dir: data_dir.to_owned(), dist_dir: dist_dir.to_owned() };
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
    assert_eq!(body["schema_version"], dela_server::store::SCHEMA_VERSION);
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
