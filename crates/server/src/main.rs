//! `dela-server`: serves the built app and the sync API.

use std::process::ExitCode;

use dela_server::config::{Config, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_args(args, std::env::var("DELA_PORT").ok()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("dela-server: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if !config.dist_dir.join("index.html").is_file() {
        eprintln!(
            "dela-server: warning: {} has no index.html; build the app first",
            config.dist_dir.display()
        );
    }
    let listener = match tokio::net::TcpListener::bind(config.address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("dela-server: cannot listen on {}: {error}", config.address);
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Dela is running: open http://{} (data in {})",
        config.address,
        config.database_path().display()
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match dela_server::serve(config, listener, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dela-server: {error}");
            ExitCode::FAILURE
        }
    }
}
