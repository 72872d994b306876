//! Harness for end-to-end tests: the built app (`dist/`) served by an
//! in-process `dela-server` on a random port, driven in a real headless
//! Chromium through the system chromedriver.
//!
//! Elements are found the way a person finds them: by their label, their
//! button or link text, their heading. Keep the app's names stable.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
pub use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

pub use fantoccini::elements::Element;

const WAIT: Duration = Duration::from_secs(20);

/// The browser's time zone in the tests: Moscow, UTC+3 all year.
pub const TIME_ZONE: &str = "Europe/Moscow";

/// The built app: `$DELA_DIST`, else `dist/` at the workspace root.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("DELA_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no built app in {}: run `trunk build --release` first (scripts/test.sh does)",
        dir.display()
    );
    dir
}

/// The app served from a fresh data directory, and a fresh browser: what
/// most tests start from. Keep the directory alive as long as the server.
pub async fn app() -> (TempDir, Server, Browser) {
    let data = tempfile::tempdir().expect("data dir");
    let server = Server::start("127.0.0.1:0".parse().expect("address"), data.path(), &dist_dir()).await;
    let browser = Browser::launch().await;
    (data, server, browser)
}

/// A running `dela-server` with its own SQLite directory.
pub struct Server {
    pub address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Serves `dist` on `address` (port 0 for a random one), storing in `data`.
    pub async fn start(address: SocketAddr, data: &Path, dist: &Path) -> Self {
        let listener = TcpListener::bind(address).await.expect("bind the server port");
        let address = listener.local_addr().expect("server address");
        let config = dela_server::Config {
            address,
            data_dir: data.to_owned(),
            dist_dir: dist.to_owned(),
            ..dela_server::Config::default()
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            dela_server::serve(config, listener, shutdown).await.expect("server failed");
        });
        Self { address, stop: Some(stop), task }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Stops serving and closes every connection, as a server going down.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if tokio::time::timeout(Duration::from_secs(5), &mut self.task).await.is_err() {
            self.task.abort();
        }
    }
}

/// One headless Chromium with a fresh profile, behind its own chromedriver.
pub struct Browser {
    pub client: Client,
    /// Killed when the browser is dropped.
    _driver: Child,
    profile: PathBuf,
    /// The profile directory when this browser made it (removed with it).
    _fresh: Option<TempDir>,
}

async fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("find a free port");
    listener.local_addr().expect("port").port()
}

impl Browser {
    /// A browser with a new, empty profile.
    pub async fn launch() -> Self {
        let fresh = tempfile::tempdir().expect("profile dir");
        let mut browser = Self::launch_with_profile(fresh.path()).await;
        browser._fresh = Some(fresh);
        browser
    }

    /// A browser on an existing profile: what a user gets when they start
    /// the browser again.
    pub async fn launch_with_profile(profile: &Path) -> Self {
        let port = free_port().await;
        let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
            .arg(format!("--port={port}"))
            // One time zone for every run, so "today" does not depend on the machine.
            .env("TZ", TIME_ZONE)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start chromedriver (Debian package chromium-driver)");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--lang=en-US", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {"intl.accept_languages": "en-US,en"}
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("capabilities are an object"),
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        // chromedriver takes a moment to listen.
        let mut attempts = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(capabilities.clone()).connect(&webdriver).await {
                Ok(client) => break client,
                Err(error) => {
                    attempts += 1;
                    assert!(attempts < 100, "chromedriver did not start a session: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        Self { client, _driver: driver, profile: profile.to_owned(), _fresh: None }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
    }

    async fn wait_for(&self, locator: Locator<'_>, what: &str) -> Element {
        match self.client.wait().at_most(WAIT).for_element(locator).await {
            Ok(element) => element,
            Err(error) => {
                let body = self.client.find(Locator::Css("body")).await;
                let text = match body {
                    Ok(body) => body.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("{what} did not appear: {error}\npage text:\n{text}")
            }
        }
    }

    /// The main heading, once it reads `text`.
    pub async fn heading(&self, text: &str) -> Element {
        let xpath = format!("//h1[normalize-space(.)={}]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), &format!("heading {text:?}")).await
    }

    /// The form control whose `<label>` reads `label`.
    pub async fn field(&self, label: &str) -> Element {
        let label = xpath_literal(label);
        // A label that names its control by `for`, or one that wraps it.
        let xpath = format!("//*[@id=(//label[normalize-space(.)={label}]/@for)] | //label[normalize-space(.)={label}]//input");
        self.wait_for(Locator::XPath(&xpath), &format!("field labelled {label}")).await
    }

    /// The form control labelled `label` inside the region or form named
    /// `region` (a row of a list of people, say).
    pub async fn field_in(&self, region: &str, label: &str) -> Element {
        let (region, label) = (xpath_literal(region), xpath_literal(label));
        let xpath = format!("//*[@aria-label={region}]//*[@id=(//*[@aria-label={region}]//label[normalize-space(.)={label}]/@for)]");
        self.wait_for(Locator::XPath(&xpath), &format!("field {label} in {region}")).await
    }

    /// A control named by `aria-label`.
    pub async fn labelled(&self, name: &str) -> Element {
        let xpath = format!("//*[@aria-label={}]", xpath_literal(name));
        self.wait_for(Locator::XPath(&xpath), &format!("control named {name:?}")).await
    }

    pub async fn button(&self, name: &str) -> Element {
        let xpath = format!("//button[normalize-space(.)={}]", xpath_literal(name));
        self.wait_for(Locator::XPath(&xpath), &format!("button {name:?}")).await
    }

    /// The button named `name` inside the region or form named `region`
    /// (by `aria-label`, or by the heading `aria-labelledby` points to).
    pub async fn button_in(&self, region: &str, name: &str) -> Element {
        let region = xpath_literal(region);
        let xpath = format!(
            "//*[@aria-label={region} or @aria-labelledby=(//*[normalize-space(.)={region}]/@id)]//button[normalize-space(.)={}]",
            xpath_literal(name)
        );
        self.wait_for(Locator::XPath(&xpath), &format!("button {name:?} in {region:?}")).await
    }

    pub async fn link(&self, name: &str) -> Element {
        let xpath = format!("//a[normalize-space(.)={}]", xpath_literal(name));
        self.wait_for(Locator::XPath(&xpath), &format!("link {name:?}")).await
    }

    /// Any element whose whole text is `text`.
    pub async fn text(&self, text: &str) -> Element {
        let xpath = format!("//body//*[normalize-space(.)={}]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath), &format!("text {text:?}")).await
    }

    /// Types into the field labelled `label`, replacing what was there.
    pub async fn fill(&self, label: &str, value: &str) {
        let field = self.field(label).await;
        field.clear().await.expect("clear field");
        field.send_keys(value).await.expect("type into field");
    }

    /// Sets the value of the field labelled `label` as the browser's own
    /// picker would (date and time inputs cannot be typed into reliably).
    pub async fn set(&self, label: &str, value: &str) {
        let field = self.field(label).await;
        let element = serde_json::to_value(&field).expect("element reference");
        self.client
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true})); \
                 arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                vec![element, serde_json::Value::String(value.to_owned())],
            )
            .await
            .expect("set field value");
    }

    /// Chooses the option with visible text `option` in the select labelled `label`.
    pub async fn choose(&self, label: &str, option: &str) {
        self.field(label)
            .await
            .select_by_label(option)
            .await
            .unwrap_or_else(|e| panic!("choose {option:?} in {label:?}: {e}"));
    }

    /// The text of the tab whose name starts with `name` ("Today 2").
    pub async fn tab(&self, name: &str) -> Element {
        let xpath = format!("//*[@role='tab'][starts-with(normalize-space(.), {})]", xpath_literal(name));
        self.wait_for(Locator::XPath(&xpath), &format!("tab {name:?}")).await
    }

    /// Waits until the tab named `name` shows `count`.
    pub async fn tab_count(&self, name: &str, count: usize) {
        let expected = format!("{name} {count}");
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let text = self.tab(name).await.text().await.unwrap_or_default();
            if text.split_whitespace().collect::<Vec<_>>().join(" ") == expected {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "tab {name:?} shows {text:?}, expected {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sets the app's clock (the practicum clock) so that "now" is `at`
    /// (milliseconds since the epoch), and reloads.
    pub async fn set_clock(&self, at: i64) {
        self.js(&format!(
            "localStorage.setItem('dela.clock.offset', String({at} - Date.now())); return true;"
        ))
        .await;
        self.reload().await;
    }

    /// Waits until no element with `text` is left.
    pub async fn gone(&self, text: &str) {
        let xpath = format!("//body//*[normalize-space(.)={}]", xpath_literal(text));
        let deadline = tokio::time::Instant::now() + WAIT;
        while !self.client.find_all(Locator::XPath(&xpath)).await.unwrap_or_default().is_empty() {
            assert!(tokio::time::Instant::now() < deadline, "{text:?} is still shown");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The error message shown for the field labelled `label`.
    pub async fn field_error(&self, label: &str) -> String {
        let field = self.field(label).await;
        let described = field.attr("aria-describedby").await.expect("read aria-describedby");
        let id = described.unwrap_or_else(|| panic!("field {label:?} has no aria-describedby"));
        let message = self.client.find(Locator::Id(&id)).await.expect("error element");
        message.text().await.expect("error text")
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until `script` (an expression) is truthy in the page.
    pub async fn until(&self, what: &str, script: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let value = self.client.execute(&format!("return !!({script});"), vec![]).await;
            if matches!(value, Ok(serde_json::Value::Bool(true))) {
                return;
            }
            assert!(tokio::time::Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until a service worker controls the page, so it can be
    /// reloaded with the server down.
    pub async fn until_offline_ready(&self) {
        self.until(
            "a controlling service worker",
            "navigator.serviceWorker && navigator.serviceWorker.controller",
        )
        .await;
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    /// Ends the Chromium of this browser (found by its own profile
    /// directory) also when a test failed half-way; chromedriver itself is
    /// killed on drop.
    fn drop(&mut self) {
        let profile = format!("--user-data-dir={}", self.profile.display());
        let _ = std::process::Command::new("pkill").args(["-KILL", "-f", "--"]).arg(profile).status();
    }
}

/// Quotes `text` for XPath 1.0, which has no escape for quotes.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|part| format!("'{part}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
