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
    /// "sqlite" or "postgresql".
    pub database: &'static str,
    pub schema_version: usize,
}

pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let schema_version = state.db.schema_version().await?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        database: state.db.kind().name(),
        schema_version,
    }))
}
