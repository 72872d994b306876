//! `POST /api/sync/push`: one client's mutations, applied in one database
//! transaction, each exactly once.
//!
//! In order: the client must be the signed-in user's; mutations it sent
//! before (a response lost on the way) must be the same again and get their
//! stored outcome; the rest are merged one by one: the client's stamp
//! clamped by the server clock, the record's merge document updated by
//! `dela_core::sync::Doc::accept` (which refuses a change that would leave
//! an invalid record), a new version for the pull order, and the outcome
//! stored with the mutation. A refusal is final and counts as processed.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dela_core::sync::{
    plan, valid_id, Kind, Mutation, Outcome, PulledRecord, PushRequest, PushResponse, Refusal, RefusalCode,
    SequenceError, Verdict, MAX_PUSH_MUTATIONS,
};
use serde_json::json;

use super::{identity, records};
use crate::auth::Authed;
use crate::db::{DbError, Tx};
use crate::error::ApiError;
use crate::AppState;

/// Why a push was refused whole; nothing of it was applied.
#[derive(Debug, PartialEq)]
pub enum PushError {
    /// The body is not a push (400 bad JSON, 422 wrong types, 413 too big).
    Body {
        status: StatusCode,
        message: String,
    },
    BadClient,
    TooMany,
    NotConsecutive {
        at: u64,
    },
    /// 409: resend from `expected`.
    Gap {
        expected: u64,
    },
    /// 422: a sequence number already processed came with other content.
    ReplayMismatch {
        seq: u64,
    },
    /// 403: the client id was first used by another user.
    ForeignClient,
}

impl IntoResponse for PushError {
    fn into_response(self) -> Response {
        let (status, code, message, extra) = match self {
            Self::Body { status, message } => {
                let code = match status {
                    StatusCode::PAYLOAD_TOO_LARGE => "too_large",
                    StatusCode::UNPROCESSABLE_ENTITY => "wrong_types",
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => "not_json",
                    _ => "bad_json",
                };
                (status, code, message, json!({}))
            }
            Self::BadClient => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad_client",
                "the client id must be 1 to 64 letters, digits, '-', '_', '.' or ':'".into(),
                json!({}),
            ),
            Self::TooMany => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_many_mutations",
                format!("at most {MAX_PUSH_MUTATIONS} mutations per push"),
                json!({}),
            ),
            Self::NotConsecutive { at } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_consecutive",
                format!("sequence numbers must be consecutive from 1; {at} breaks the run"),
                json!({ "seq": at }),
            ),
            Self::Gap { expected } => (
                StatusCode::CONFLICT,
                "sequence_gap",
                format!("mutations before {expected} are missing; push again from {expected}"),
                json!({ "expected": expected }),
            ),
            Self::ReplayMismatch { seq } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "replay_mismatch",
                format!("mutation {seq} was processed before with other content"),
                json!({ "seq": seq }),
            ),
            Self::ForeignClient => (
                StatusCode::FORBIDDEN,
                "foreign_client",
                "this client id belongs to another user; sign in as them or start a new client".into(),
                json!({}),
            ),
        };
        let mut body = json!({ "error": code, "message": message });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        (status, Json(body)).into_response()
    }
}

pub async fn handler(
    State(state): State<AppState>,
    authed: Authed,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Result<Json<PushResponse>, Response> {
    let Json(request) = body.map_err(|rejection| {
        PushError::Body { status: rejection.status(), message: rejection.body_text() }.into_response()
    })?;
    check_shape(&request).map_err(IntoResponse::into_response)?;
    let now = state.clock.now().0;
    let user = authed.user_id.clone();
    let answer = state
        .db
        .write(move |tx| push_batch(tx, &user, &request, now))
        .await
        .map_err(|error| ApiError::from(error).into_response())?;
    answer.map(Json).map_err(IntoResponse::into_response)
}

/// What can be refused before the database is asked.
fn check_shape(request: &PushRequest) -> Result<(), PushError> {
    if !valid_id(&request.client) {
        return Err(PushError::BadClient);
    }
    if request.mutations.len() > MAX_PUSH_MUTATIONS {
        return Err(PushError::TooMany);
    }
    Ok(())
}

/// Applies `request` for `user` at server time `now` inside `tx`. The outer
/// error is the database's (the transaction rolls back); the inner one
/// refuses the push whole, found before anything was written.
pub fn push_batch(
    tx: &mut dyn Tx,
    user: &str,
    request: &PushRequest,
    now: i64,
) -> Result<Result<PushResponse, PushError>, DbError> {
    if let Err(error) = check_shape(request) {
        return Ok(Err(error));
    }
    // Taken first: the counter row's lock makes concurrent pushes (two tabs
    // of one client, say) wait for each other before reading anything, so
    // each sees what the other committed. A version taken and not used by
    // a record leaves a hole in the numbers, never in the order.
    tx.next_version()?;
    let last = match tx.sync_client(&request.client)? {
        Some(client) if client.user_id != user => return Ok(Err(PushError::ForeignClient)),
        Some(client) => u64::try_from(client.last_seq).unwrap_or(0),
        None => 0,
    };
    let plan = match plan(last, &request.mutations) {
        Ok(plan) => plan,
        Err(SequenceError::Gap { expected }) => return Ok(Err(PushError::Gap { expected })),
        Err(SequenceError::NotConsecutive { at }) => return Ok(Err(PushError::NotConsecutive { at })),
    };
    let mut outcomes = Vec::with_capacity(request.mutations.len());
    for mutation in
        request.mutations.iter().filter(|m| plan.replayed.as_ref().is_some_and(|r| r.contains(&m.seq)))
    {
        let seq = mutation.seq;
        let stored = tx.mutation(&request.client, to_i64(seq))?;
        let Some(stored) = stored.filter(|stored| stored.content == content(mutation)) else {
            return Ok(Err(PushError::ReplayMismatch { seq }));
        };
        let verdict: Verdict = serde_json::from_str(&stored.outcome)
            .map_err(|error| DbError::Failed(format!("stored outcome of {seq} is damaged: {error}")))?;
        outcomes.push(Outcome { seq, verdict, duplicate: true });
    }
    let mut clock = identity::clock(tx)?;
    let fresh = request.mutations.iter().filter(|m| plan.fresh.as_ref().is_some_and(|r| r.contains(&m.seq)));
    let mut last_fresh = None;
    for mutation in fresh {
        let stamp = clock.clamp(mutation.stamp, now);
        let verdict = merge(tx, user, mutation, stamp, now)?;
        let outcome = serde_json::to_string(&verdict).map_err(|error| DbError::Failed(error.to_string()))?;
        tx.add_mutation(&request.client, to_i64(mutation.seq), &content(mutation), &outcome)?;
        outcomes.push(Outcome { seq: mutation.seq, verdict, duplicate: false });
        last_fresh = Some(mutation.seq);
    }
    if let Some(seq) = last_fresh {
        tx.put_sync_client(&request.client, user, to_i64(seq))?;
        identity::save_clock(tx, &clock)?;
    }
    let mut named: Vec<(Kind, &str)> = request.mutations.iter().map(|m| (m.kind, m.id.as_str())).collect();
    named.sort_unstable();
    named.dedup();
    let mut records = Vec::with_capacity(named.len());
    for (kind, id) in named {
        let doc = records::load(tx, kind, id)?;
        if !doc.is_empty() {
            records.push(PulledRecord { kind, id: id.to_owned(), value: doc.value(kind) });
        }
    }
    Ok(Ok(PushResponse { clock: clock.last(), outcomes, records }))
}

/// Merges one mutation into its record; a refusal leaves the record as it was.
fn merge(
    tx: &mut dyn Tx,
    user: &str,
    mutation: &Mutation,
    stamp: dela_core::sync::Hlc,
    now: i64,
) -> Result<Verdict, DbError> {
    if let Err(refusal) = allowed(user, mutation) {
        return Ok(Verdict::Refused(refusal));
    }
    let mut doc = records::load(tx, mutation.kind, &mutation.id)?;
    match doc.accept(mutation.kind, &mutation.id, &mutation.change, stamp) {
        Ok(applied) => {
            records::store(tx, mutation.kind, &mutation.id, &doc)?;
            if mutation.kind == Kind::Outbox {
                // Robots run on every device: the message is queued for
                // delivery by its id, once, whichever device sent it first.
                if let Some(message) = doc.value(Kind::Outbox) {
                    tx.queue_message(&mutation.id, &message.to_string(), now)?;
                }
            }
            Ok(Verdict::Applied { superseded: applied.superseded })
        }
        Err(refusal) => Ok(Verdict::Refused(refusal)),
    }
}

/// What no client may push whatever its roles (the roles' scopes come with
/// the permissions issue): users are written by the server's accounts API.
fn allowed(_user: &str, mutation: &Mutation) -> Result<(), Refusal> {
    if !valid_id(&mutation.id) {
        return Err(Refusal::new(RefusalCode::BadId, mutation.id.clone()));
    }
    if mutation.kind == Kind::User {
        return Err(Refusal::new(
            RefusalCode::Forbidden,
            "users are managed by administrators on the server",
        ));
    }
    Ok(())
}

/// A mutation as stored for replay checks: its canonical JSON (object keys
/// sorted, as `serde_json` writes maps).
fn content(mutation: &Mutation) -> String {
    serde_json::to_string(mutation).unwrap_or_default()
}

fn to_i64(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}
