//! Command-line configuration, with defaults that make `dela-server` run
//! from the repository root with no arguments. Every flag can also come from
//! an environment variable, which is how containers and service managers
//! usually configure a server.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub address: SocketAddr,
    pub data_dir: PathBuf,
    pub dist_dir: PathBuf,
    /// After SIGTERM or Ctrl-C, how long open requests may run before the
    /// server stops anyway: a stuck client must not keep it from stopping.
    pub shutdown_deadline: Duration,
    /// A PostgreSQL URL; `None` stores in SQLite under `data_dir`.
    pub database_url: Option<Secret>,
    /// The first administrator's login, used only when there is no user yet.
    pub admin_login: String,
    /// The first administrator's password; `None` makes a random one, printed once.
    pub admin_password: Option<Secret>,
    /// How long a session lasts since it was last used.
    pub session_days: u32,
}

/// A value that must not reach a log or a test failure message (a
/// password, a URL holding one): `Debug` shows only that it is set.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            address: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8080),
            data_dir: PathBuf::from("data"),
            dist_dir: PathBuf::from("dist"),
            shutdown_deadline: Duration::from_secs(10),
            database_url: None,
            admin_login: "admin".into(),
            admin_password: None,
            session_days: 30,
        }
    }
}

/// Each flag and the environment variable that sets it when the flag is
/// absent. `USAGE` must name both (a test checks it).
pub const FLAGS: [(&str, &str); 9] = [
    ("--port", "DELA_PORT"),
    ("--host", "DELA_HOST"),
    ("--data-dir", "DELA_DATA_DIR"),
    ("--dist", "DELA_DIST"),
    ("--shutdown-deadline", "DELA_SHUTDOWN_DEADLINE"),
    ("--database-url", "DATABASE_URL"),
    ("--admin-login", "DELA_ADMIN_LOGIN"),
    ("--admin-password", "DELA_ADMIN_PASSWORD"),
    ("--session-days", "DELA_SESSION_DAYS"),
];

pub const USAGE: &str =
    "usage: dela-server [--port N] [--host ADDR] [--data-dir DIR] [--dist DIR] [--shutdown-deadline SECS]
                   [--database-url URL] [--admin-login LOGIN] [--admin-password PASSWORD] [--session-days N]
  --port N                  port to listen on (default 8080; $DELA_PORT)
  --host ADDR               address to bind (default 127.0.0.1; $DELA_HOST)
  --data-dir DIR            where the SQLite file lives (default ./data; $DELA_DATA_DIR)
  --dist DIR                the built app to serve (default ./dist; $DELA_DIST)
  --shutdown-deadline SECS  after SIGTERM or Ctrl-C, how long open requests may finish
                            before the server stops anyway (default 10; $DELA_SHUTDOWN_DEADLINE)
  --database-url URL        store in PostgreSQL instead of SQLite, e.g.
                            postgres://dela:secret@localhost/dela ($DATABASE_URL)
  --admin-login LOGIN       the administrator created at the first start, when there is
                            no user yet (default admin; $DELA_ADMIN_LOGIN)
  --admin-password PASSWORD that administrator's password (at least 8 characters); without
                            it a random one is printed once to stdout ($DELA_ADMIN_PASSWORD;
                            prefer the variable: a flag shows in the process list)
  --session-days N          a session signs out after N days without use (default 30;
                            $DELA_SESSION_DAYS)
A flag overrides its environment variable. Logs go to stderr; $RUST_LOG filters them
(default info, e.g. RUST_LOG=debug or RUST_LOG=dela_server=debug,tower_http=warn).";

impl Config {
    /// Reads arguments such as `--port 9000` over the environment variables
    /// that `env` looks up (`std::env::var` in the binary).
    pub fn from_args(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let mut config = Self::default();
        for (flag, variable) in FLAGS {
            if let Some(value) = env(variable) {
                config.set(flag, &value).map_err(|message| format!("${variable}: {message}"))?;
            }
        }
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            if !FLAGS.iter().any(|(known, _)| *known == flag) {
                return Err(format!("unknown argument: {flag}"));
            }
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            config.set(&flag, &value)?;
        }
        Ok(config)
    }

    fn set(&mut self, flag: &str, value: &str) -> Result<(), String> {
        match flag {
            "--port" => self.address.set_port(parse_port(value)?),
            "--host" => self
                .address
                .set_ip(value.trim().parse().map_err(|_| format!("--host: not an IP address: {value}"))?),
            "--data-dir" => self.data_dir = PathBuf::from(value),
            "--dist" => self.dist_dir = PathBuf::from(value),
            "--database-url" => {
                self.database_url = Some(value.trim()).filter(|url| !url.is_empty()).map(Secret::new)
            }
            "--admin-login" => self.admin_login = value.to_owned(),
            "--admin-password" => self.admin_password = Some(Secret::new(value)),
            "--session-days" => {
                self.session_days =
                    value.trim().parse().ok().filter(|days| (1..=3650).contains(days)).ok_or_else(|| {
                        format!("--session-days: not a number of days from 1 to 3650: {value}")
                    })?;
            }
            "--shutdown-deadline" => {
                let seconds = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("--shutdown-deadline: not a whole number of seconds: {value}"))?;
                self.shutdown_deadline = Duration::from_secs(seconds);
            }
            other => return Err(format!("unknown argument: {other}")),
        }
        Ok(())
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("dela.sqlite3")
    }
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.trim().parse().map_err(|_| format!("not a port number: {text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_serve_localhost_8080_from_data_and_dist() {
        let config = Config::from_args(args(&[]), no_env).unwrap();
        assert_eq!(config.address.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_path(), PathBuf::from("data/dela.sqlite3"));
        assert_eq!(config.shutdown_deadline, Duration::from_secs(10));
        assert_eq!(config.database_url, None);
        assert_eq!(config.admin_login, "admin");
        assert_eq!(config.session_days, 30);
    }

    #[test]
    fn every_flag_can_come_from_its_environment_variable() {
        let env = |name: &str| {
            Some(
                match name {
                    "DELA_PORT" => "9000",
                    "DELA_HOST" => "0.0.0.0",
                    "DELA_DATA_DIR" => "/var/lib/dela",
                    "DELA_DIST" => "/srv/dela",
                    "DELA_SHUTDOWN_DEADLINE" => "3",
                    "DATABASE_URL" => "postgres://dela:secret@db/dela",
                    "DELA_ADMIN_LOGIN" => "root",
                    "DELA_ADMIN_PASSWORD" => "correct horse",
                    "DELA_SESSION_DAYS" => "7",
                    _ => return None,
                }
                .to_string(),
            )
        };
        let config = Config::from_args(args(&[]), env).unwrap();
        assert_eq!(config.address.to_string(), "0.0.0.0:9000");
        assert_eq!(config.data_dir, PathBuf::from("/var/lib/dela"));
        assert_eq!(config.dist_dir, PathBuf::from("/srv/dela"));
        assert_eq!(config.shutdown_deadline, Duration::from_secs(3));
        assert_eq!(config.database_url, Some(Secret::new("postgres://dela:secret@db/dela")));
        assert_eq!(config.admin_login, "root");
        assert_eq!(config.admin_password, Some(Secret::new("correct horse")));
        assert_eq!(config.session_days, 7);
    }

    #[test]
    fn secrets_stay_out_of_debug_output_and_an_empty_url_means_sqlite() {
        let config = Config::from_args(
            args(&["--database-url", "postgres://dela:hunter2@db/dela", "--admin-password", "hunter3"]),
            no_env,
        )
        .unwrap();
        let debug = format!("{config:?}");
        assert!(!debug.contains("hunter2") && !debug.contains("hunter3"), "{debug}");
        let env = |name: &str| (name == "DATABASE_URL").then(|| " ".to_string());
        assert_eq!(Config::from_args(args(&[]), env).unwrap().database_url, None);
    }

    #[test]
    fn an_argument_overrides_the_environment() {
        let env = |name: &str| (name == "DELA_PORT").then(|| "9000".to_string());
        assert_eq!(Config::from_args(args(&[]), env).unwrap().address.port(), 9000);
        let config = Config::from_args(args(&["--port", "9100"]), env).unwrap();
        assert_eq!(config.address.port(), 9100);
        let config = Config::from_args(args(&["--shutdown-deadline", "0"]), no_env).unwrap();
        assert_eq!(config.shutdown_deadline, Duration::ZERO);
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert_eq!(
            Config::from_args(args(&["--port", "http"]), no_env),
            Err("not a port number: http".into())
        );
        assert_eq!(Config::from_args(args(&["--port"]), no_env), Err("--port needs a value".into()));
        assert_eq!(
            Config::from_args(args(&["--verbose"]), no_env),
            Err("unknown argument: --verbose".into())
        );
        assert_eq!(
            Config::from_args(args(&["--shutdown-deadline", "soon"]), no_env),
            Err("--shutdown-deadline: not a whole number of seconds: soon".into())
        );
        assert_eq!(
            Config::from_args(args(&["--session-days", "0"]), no_env),
            Err("--session-days: not a number of days from 1 to 3650: 0".into())
        );
        let env = |name: &str| (name == "DELA_PORT").then(|| "http".to_string());
        assert_eq!(Config::from_args(args(&[]), env), Err("$DELA_PORT: not a port number: http".into()));
    }

    #[test]
    fn help_names_every_flag_with_its_environment_variable() {
        // The synopsis is the lines before the first flag's description.
        let synopsis: String = USAGE.lines().take_while(|line| !line.starts_with("  --")).collect();
        let lines: Vec<&str> = USAGE.lines().skip_while(|line| !line.starts_with("  --")).collect();
        for (flag, variable) in FLAGS {
            assert!(synopsis.contains(flag), "{flag} missing from the synopsis");
            let start = lines
                .iter()
                .position(|line| line.trim_start().starts_with(flag))
                .unwrap_or_else(|| panic!("{flag} is not described in USAGE"));
            // The description, with the lines it wraps onto (indented further).
            let description: String = lines[start..]
                .iter()
                .enumerate()
                .take_while(|(i, line)| *i == 0 || line.starts_with("    "))
                .map(|(_, line)| *line)
                .collect();
            assert!(
                description.contains(&format!("${variable}")),
                "USAGE does not name ${variable} for {flag}"
            );
        }
    }
}
