//! The sync API: `POST /api/sync/push` takes a client's mutations and merges
//! them into the records, `GET /api/sync/pull` hands out what changed since
//! a cursor. The rules (registers, merge, validity, sequence numbers) are
//! `dela_core::sync`'s; this module holds the transactions around them.
//! The protocol is described in `docs/sync.md`.

mod cursor;
mod identity;
mod publish;
mod pull;
mod push;
mod records;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use dela_core::sync::MAX_PUSH_BYTES;

pub use identity::{ensure_identity, Seed};
pub use publish::publish;
pub use pull::{pull_page, PullPage, RawRecord};
pub use push::{push_batch, PushError};

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sync/push", post(push::handler).layer(DefaultBodyLimit::max(MAX_PUSH_BYTES)))
        .route("/sync/pull", get(pull::handler))
}
