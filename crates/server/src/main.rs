//! `dela-server`: serves the built app and the sync API.

use std::io::IsTerminal;
use std::process::ExitCode;

use dela_server::config::{Config, USAGE};
use tracing_subscriber::filter::{EnvFilter, LevelFilter};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_args(args, |name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("dela-server: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    init_logging();
    if cfg!(panic = "abort") {
        tracing::warn!(
            "built with panic = \"abort\": one panicking request stops the server; \
             build with `cargo build --profile server -p dela-server`"
        );
    }
    if !config.dist_dir.join("index.html").is_file() {
        tracing::warn!(dist_dir = %config.dist_dir.display(), "no index.html; build the app first");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "cannot start the async runtime");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(run(config));
    // Dropping the runtime would wait for every blocking task, such as a
    // store call cut off by the shutdown deadline: the deadline must hold.
    runtime.shutdown_background();
    code
}

async fn run(config: Config) -> ExitCode {
    let shutdown = dela_server::shutdown::signal();
    let listener = match tokio::net::TcpListener::bind(config.address).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(address = %config.address, %error, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    match dela_server::serve(config, listener, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr, leaving stdout to `--help`; `RUST_LOG` filters them
/// (info by default, and an invalid directive is reported, not fatal).
fn init_logging() {
    let filter = EnvFilter::builder().with_default_directive(LevelFilter::INFO.into()).from_env_lossy();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
