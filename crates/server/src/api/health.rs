//! `GET /api/health`: tells the app the server is reachable and its store
//! answers, which is what the app's online indicator means.

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use crate::error::ApiError;
use crate::AppState;

#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
    pub schema_version: u32,
}

pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let store = state.store.clone();
    let schema_version =
        tokio::task::spawn_blocking(move || store.schema_version()).await.map_err(|error| {
            tracing::error!(%error, "the health check's store task failed");
            ApiError::internal()
        })??;
    Ok(Json(Health { status: "ok", version: env!("CARGO_PKG_VERSION"), schema_version }))
}
