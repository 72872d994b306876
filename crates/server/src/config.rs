//! Command-line configuration, with defaults that make `dela-server` run
//! from the repository root with no arguments.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub address: SocketAddr,
    pub data_dir: PathBuf,
    pub dist_dir: PathBuf,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            address: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8080),
            data_dir: PathBuf::from("data"),
            dist_dir: PathBuf::from("dist"),
        }
    }
}

pub const USAGE: &str = "usage: dela-server [--port N] [--host ADDR] [--data-dir DIR] [--dist DIR]
  --port N         port to listen on (default 8080, or $DELA_PORT)
  --host ADDR      address to bind (default 127.0.0.1)
  --data-dir DIR   where the SQLite file lives (default ./data)
  --dist DIR       the built app to serve (default ./dist)";

impl Config {
    /// Reads arguments such as `--port 9000`; `port_env` is `$DELA_PORT`,
    /// which an argument overrides.
    pub fn from_args(
        args: impl IntoIterator<Item = String>,
        port_env: Option<String>,
    ) -> Result<Self, String> {
        let mut config = Self::default();
        if let Some(port) = port_env {
            config.address.set_port(parse_port(&port)?);
        }
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--port" => config.address.set_port(parse_port(&value()?)?),
                "--host" => {
                    let host = value()?;
                    config
                        .address
                        .set_ip(host.parse().map_err(|_| format!("--host: not an IP address: {host}"))?)
                }
                "--data-dir" => config.data_dir = PathBuf::from(value()?),
                "--dist" => config.dist_dir = PathBuf::from(value()?),
                other => return Err(format!("unknown argument: {other}")),
            }
        }
        Ok(config)
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

    #[test]
    fn defaults_serve_localhost_8080_from_data_and_dist() {
        let config = Config::from_args(args(&[]), None).unwrap();
        assert_eq!(config.address.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_path(), PathBuf::from("data/dela.sqlite3"));
    }

    #[test]
    fn an_argument_overrides_the_environment() {
        assert_eq!(Config::from_args(args(&[]), Some("9000".into())).unwrap().address.port(), 9000);
        let config = Config::from_args(args(&["--port", "9100"]), Some("9000".into())).unwrap();
        assert_eq!(config.address.port(), 9100);
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert_eq!(Config::from_args(args(&["--port", "http"]), None), Err("not a port number: http".into()));
        assert_eq!(Config::from_args(args(&["--port"]), None), Err("--port needs a value".into()));
        assert_eq!(Config::from_args(args(&["--verbose"]), None), Err("unknown argument: --verbose".into()));
    }
}
