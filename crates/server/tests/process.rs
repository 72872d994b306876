//! The `dela-server` binary as a service manager runs it: started on a free
//! port with a temporary SQLite directory, stopped with a signal.
#![cfg(unix)]

use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStderr, Command};

struct Server {
    child: Child,
    base: String,
    /// Log lines read so far (the server logs to stderr).
    log: Vec<String>,
    lines: Lines<BufReader<ChildStderr>>,
}

fn command(data_dir: &Path, dist_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dela-server"));
    command
        .args(["--port", "0", "--data-dir"])
        .arg(data_dir)
        .arg("--dist")
        .arg(dist_dir)
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (_, variable) in dela_server::config::FLAGS {
        command.env_remove(variable);
    }
    command
}

/// Starts the binary and waits for the log line with its address.
async fn start(data_dir: &Path, dist_dir: &Path) -> Server {
    start_command(command(data_dir, dist_dir)).await
}

async fn start_command(mut command: Command) -> Server {
    let mut child = command.spawn().expect("start dela-server");
    let stderr = child.stderr.take().expect("piped stderr");
    let mut server =
        Server { child, base: String::new(), log: Vec::new(), lines: BufReader::new(stderr).lines() };
    let address = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(line) = server.lines.next_line().await.expect("read the log") {
            server.log.push(line.clone());
            if let Some((_, rest)) = line.split_once("open http://") {
                return rest.split_whitespace().next().map(str::to_owned);
            }
        }
        None
    })
    .await
    .expect("no start-up line within 10 s")
    .unwrap_or_else(|| panic!("exited before serving:\n{}", server.log.join("\n")));
    server.base = format!("http://{address}");
    server
}

impl Server {
    fn signal(&self, name: &str) {
        let pid = self.child.id().expect("still running").to_string();
        let status = std::process::Command::new("kill").args(["-s", name, &pid]).status().expect("run kill");
        assert!(status.success());
    }

    /// Waits (at most `limit`) for the exit, then reads the rest of the log.
    async fn exit_within(&mut self, limit: Duration) -> ExitStatus {
        let status = tokio::time::timeout(limit, self.child.wait())
            .await
            .unwrap_or_else(|_| panic!("still running {limit:?} after the signal"))
            .expect("wait for dela-server");
        while let Ok(Some(line)) = self.lines.next_line().await {
            self.log.push(line);
        }
        status
    }
}

#[tokio::test]
async fn sigterm_stops_the_server_gracefully() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut server = start(data.path(), dist.path()).await;
    assert_eq!(reqwest::get(format!("{}/api/health", server.base)).await.unwrap().status(), 200);
    server.signal("TERM");
    let status = server.exit_within(Duration::from_secs(5)).await;
    assert!(status.success(), "{status:?}\n{}", server.log.join("\n"));
    assert!(server.log.iter().any(|line| line.contains("SIGTERM received")), "{}", server.log.join("\n"));
}

#[tokio::test]
async fn ctrl_c_stops_the_server_gracefully() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut server = start(data.path(), dist.path()).await;
    server.signal("INT");
    let status = server.exit_within(Duration::from_secs(5)).await;
    assert!(status.success(), "{status:?}\n{}", server.log.join("\n"));
    assert!(server.log.iter().any(|line| line.contains("Ctrl-C received")), "{}", server.log.join("\n"));
}

#[tokio::test]
async fn the_log_has_the_start_up_each_request_and_the_shutdown() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut server = start(data.path(), dist.path()).await;
    let started = server.log.last().cloned().unwrap_or_default();
    assert!(started.contains(&data.path().display().to_string()), "no data dir in: {started}");
    reqwest::get(format!("{}/api/health", server.base)).await.unwrap();
    reqwest::get(format!("{}/api/nothing-here", server.base)).await.unwrap();
    server.signal("TERM");
    server.exit_within(Duration::from_secs(5)).await;

    let log = server.log.join("\n");
    let request_line = |path: &str, status: &str| {
        server
            .log
            .iter()
            .any(|line| line.contains(&format!("uri={path}")) && line.contains(&format!("status={status}")))
    };
    assert!(request_line("/api/health", "200"), "{log}");
    assert!(request_line("/api/nothing-here", "404"), "{log}");
    assert!(log.contains("shutting down"), "{log}");
    assert!(server.log.last().is_some_and(|line| line.contains("stopped")), "{log}");
}

/// Without a given password, the first start prints a random one once, on
/// stdout; it signs in, and the next start prints none.
#[tokio::test]
async fn the_first_start_prints_the_administrators_random_password_once() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for first in [true, false] {
        let mut command = command(data.path(), dist.path());
        command.stdout(Stdio::piped());
        let mut server = start_command(command).await;
        let stdout = server.child.stdout.take().expect("piped stdout");
        if first {
            let mut lines = BufReader::new(stdout).lines();
            let line = lines.next_line().await.unwrap().expect("a line on stdout");
            let password = line
                .strip_prefix("administrator login: admin, password: ")
                .unwrap_or_else(|| panic!("unexpected line: {line}"))
                .to_owned();
            let response = reqwest::Client::new()
                .post(format!("{}/api/auth/login", server.base))
                .json(&serde_json::json!({"login": "admin", "password": password}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            server.signal("TERM");
            server.exit_within(Duration::from_secs(5)).await;
        } else {
            server.signal("TERM");
            server.exit_within(Duration::from_secs(5)).await;
            let mut rest = String::new();
            tokio::io::AsyncReadExt::read_to_string(&mut BufReader::new(stdout), &mut rest).await.unwrap();
            assert_eq!(rest, "", "the second start printed a password again");
        }
    }
}

#[tokio::test]
async fn a_database_from_a_newer_version_stops_the_start_with_a_clear_error() {
    let (data, dist) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let newer = dela_server::db::schema::SQLITE.len() + 1;
    rusqlite::Connection::open(data.path().join("dela.sqlite3"))
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();

    let output = tokio::time::timeout(Duration::from_secs(10), command(data.path(), dist.path()).output())
        .await
        .expect("dela-server kept running on a newer database")
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{log}");
    assert!(log.contains(&format!("schema version {newer}")) && log.contains("newer"), "{log}");
}
