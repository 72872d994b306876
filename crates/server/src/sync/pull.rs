//! `GET /api/sync/pull?cursor=…&limit=…`: the records changed after the
//! cursor, whole, in version order, and the cursor to ask with next.
//! Deleted records come as tombstones (`value: null`); they are kept, so
//! every cursor stays valid (no horizon yet).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dela_core::sync::{Hlc, Kind, MAX_PULL_LIMIT};
use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::value::RawValue;

use super::{cursor, identity};
use crate::auth::Authed;
use crate::db::{DbError, Tx};
use crate::error::ApiError;
use crate::AppState;

#[derive(Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    cursor: String,
    limit: Option<usize>,
}

pub async fn handler(
    State(state): State<AppState>,
    _authed: Authed,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullPage>, Response> {
    let Query(query) = query.map_err(|rejection| {
        (StatusCode::BAD_REQUEST, Json(json!({"error": "bad_request", "message": rejection.body_text()})))
            .into_response()
    })?;
    let limit = query.limit.unwrap_or(MAX_PULL_LIMIT).clamp(1, MAX_PULL_LIMIT);
    let now = state.clock.now().0;
    let page = state
        .db
        .read(move |tx| pull_page(tx, &query.cursor, limit, now))
        .await
        .map_err(|error| ApiError::from(error).into_response())?;
    page.map(Json).ok_or_else(|| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "bad_cursor", "message": "this cursor was not given by this server; pull from the start"})),
        )
            .into_response()
    })
}

/// A page as sent: `dela_core::sync::PullResponse` on the wire, with each
/// record's value passed on as stored instead of parsed and written again.
#[derive(Debug, Serialize)]
pub struct PullPage {
    pub records: Vec<RawRecord>,
    pub cursor: String,
    pub more: bool,
    pub clock: Hlc,
}

/// `dela_core::sync::PulledRecord` with its value as stored.
#[derive(Debug, Serialize)]
pub struct RawRecord {
    pub kind: Kind,
    pub id: String,
    pub value: Option<Box<RawValue>>,
}

/// One page after `cursor`; `None` when the cursor is not one this server
/// signed.
pub fn pull_page(tx: &mut dyn Tx, cursor: &str, limit: usize, now: i64) -> Result<Option<PullPage>, DbError> {
    let key = identity::cursor_key(tx)?;
    let Some(after) = cursor::decode(cursor, &key) else {
        return Ok(None);
    };
    let mut rows = tx.records_after(after, limit + 1)?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let last = rows.last().map_or(after, |row| row.version);
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        let kind = Kind::from_code(&row.kind)
            .ok_or_else(|| DbError::Failed(format!("a stored record has the unknown kind {}", row.kind)))?;
        let value = match row.value {
            Some(text) => Some(RawValue::from_string(text).map_err(|error| {
                DbError::Failed(format!("the stored value of {} {} is damaged: {error}", row.kind, row.id))
            })?),
            None => None,
        };
        records.push(RawRecord { kind, id: row.id, value });
    }
    Ok(Some(PullPage {
        records,
        cursor: cursor::encode(last, &key),
        more,
        clock: identity::observed(tx, now)?,
    }))
}
