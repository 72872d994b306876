//! The service worker: a new build reaches the browser as soon as the
//! server is back, and then works offline in its turn.

use std::path::Path;

use dela_e2e::{app, dist_dir, Browser, Server};

/// A copy of the built app that differs as a new release would: another
/// page title and another service worker build stamp.
fn next_release(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    let index = std::fs::read_to_string(to.join("index.html")).unwrap();
    assert!(index.contains("<title>Dela</title>"), "the built index.html has the expected title");
    std::fs::write(to.join("index.html"), index.replace("<title>Dela</title>", "<title>Dela next</title>"))
        .unwrap();
    let worker = std::fs::read_to_string(to.join("sw.js")).unwrap();
    let stamped = worker.replacen("const BUILD = \"", "const BUILD = \"next-", 1);
    assert_ne!(worker, stamped, "sw.js carries a build stamp");
    std::fs::write(to.join("sw.js"), stamped).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_version_is_picked_up_when_the_server_is_back() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start("127.0.0.1:0".parse().unwrap(), data.path(), &dist_dir()).await;
    let address = server.address;
    let browser = Browser::launch().await;
    browser.goto(&server.url("/")).await;
    browser.heading("My activities").await;
    browser.until_offline_ready().await;
    assert_eq!(browser.client.title().await.unwrap(), "Dela");

    server.stop().await;
    browser.reload().await;
    browser.heading("My activities").await;
    browser.text("Offline").await;

    let next = tempfile::tempdir().unwrap();
    next_release(&dist_dir(), next.path());
    let server = Server::start(address, data.path(), next.path()).await;
    browser.reload().await;
    browser.heading("My activities").await;
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Dela next",
        "the page comes from the server when it is up"
    );
    browser
        .until(
            "the new build's cache to replace the old one",
            "window.__caches = caches.keys().then(k => window.__keys = k), \
             window.__keys && window.__keys.length === 1 && window.__keys[0].startsWith('dela-shell-next-')",
        )
        .await;

    server.stop().await;
    browser.reload().await;
    browser.heading("My activities").await;
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Dela next",
        "offline, the new version is the cached one"
    );
    browser.close().await;
}

/// A server that accepts connections but never answers (a stalled proxy, a
/// captive portal) counts as offline once the health check times out.
#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_never_answers_counts_as_offline() {
    let (_data, server, browser) = app().await;
    let address = server.address;
    browser.goto(&server.url("/")).await;
    browser.heading("My activities").await;
    browser.text("Online").await;

    server.stop().await;
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((connection, _)) = listener.accept().await {
            held.push(connection);
        }
    });
    // The next check (within 10 s) gives up after 5 s.
    browser.text("Offline").await;
    hold.abort();
    browser.close().await;
}

/// A tab in the background asks the server nothing; shown again, it checks
/// at once.
#[tokio::test(flavor = "multi_thread")]
async fn a_hidden_tab_does_not_poll_the_server() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/")).await;
    browser.heading("My activities").await;
    browser.text("Online").await;
    let count = "performance.getEntriesByType('resource')
        .filter(entry => entry.name.endsWith('/api/health')).length";
    let checks = format!("return {count}");
    browser
        .js("window.__hidden = 0; document.addEventListener('visibilitychange', () => \
                { if (document.hidden) window.__hidden++; }); return true;")
        .await;
    let app = browser.client.window().await.unwrap();
    let before = browser.js(&checks).await.as_u64().unwrap();

    // Another tab in front for more than two polling periods (10 s each).
    let other = browser.client.new_window(true).await.unwrap();
    browser.client.switch_to_window(other.handle).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(25)).await;
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(app).await.unwrap();

    assert_eq!(browser.js("return window.__hidden").await, 1, "the app's tab was hidden");
    browser.until("the check on showing the tab", &format!("({count}) > {before}")).await;
    let after = browser.js(&checks).await.as_u64().unwrap();
    assert_eq!(after, before + 1, "one check when shown again, none while hidden");
    browser.close().await;
    server.stop().await;
}
