//! The wire format of `POST /api/sync/push` and `GET /api/sync/pull`,
//! shared by the app (which sends and reads it) and the server. The
//! protocol itself is described in `docs/sync.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::clock::Hlc;
use super::kind::Kind;

/// At most this many mutations in one push; a client sends its queue in
/// batches of this size.
pub const MAX_PUSH_MUTATIONS: usize = 500;
/// A push body larger than this is refused whole (413).
pub const MAX_PUSH_BYTES: usize = 4 * 1024 * 1024;
/// At most this many records in one pull page.
pub const MAX_PULL_LIMIT: usize = 2_000;
/// The longest record id and client id accepted.
pub const MAX_ID_LEN: usize = 64;

/// A batch of one client's mutations, in sequence order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The browser profile's sync identity: one per account on a browser,
    /// so mutations queued by one account are never pushed as another's.
    pub client: String,
    pub mutations: Vec<Mutation>,
}

/// One local write of one record: the fields it changed, or its delete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    /// The client's sequence number: 1, 2, 3… without gaps, so the server
    /// knows what it has processed and a replay is recognised.
    pub seq: u64,
    pub kind: Kind,
    pub id: String,
    /// When the client made the write, by its hybrid logical clock.
    pub stamp: Hlc,
    #[serde(flatten)]
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// Sets the fields named (a new record sends all of them). A group's
    /// fields are sent together. In `fields`, a member set's array adds its
    /// members; removing a member goes through `sets`.
    Put {
        #[serde(default)]
        fields: Map<String, Value>,
        #[serde(default)]
        sets: BTreeMap<String, SetDelta>,
    },
    /// Deletes the record for good.
    Delete,
}

/// Members added to and removed from a set field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetDelta {
    #[serde(default)]
    pub add: Vec<Value>,
    #[serde(default)]
    pub remove: Vec<Value>,
}

/// The server's answer to a push: one outcome per mutation, in order, its
/// clock, which the client observes, and every record the push named as
/// the server now holds it.
///
/// The records matter because a client shows a record with its waiting
/// changes on top: once those are acknowledged, what it shows must become
/// the server's merge, which may differ (a superseded write), and which a
/// pull may never send again (the client may already have pulled the
/// record, rebased, while the answer to an earlier push of the same change
/// was lost on the way).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    pub clock: Hlc,
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub records: Vec<PulledRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub seq: u64,
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The mutation had been processed before (an exact replay); this is
    /// its outcome from then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub duplicate: bool,
}

/// What became of one mutation. A refusal is final: the mutation counts as
/// processed, so one bad offline edit cannot block the queue behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    /// Applied; `superseded` names registers a later write (or a delete)
    /// had already decided, where this write did not take effect.
    Applied {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        superseded: Vec<String>,
    },
    Refused(Refusal),
}

/// Why a mutation was refused: a stable code for the app to translate and
/// a detail naming the field or rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub code: RefusalCode,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalCode {
    /// The record as it would be is not a valid record of its kind.
    InvalidRecord,
    /// A field its kind does not have.
    UnknownField,
    /// Some but not all fields of a group that changes together.
    PartialGroup,
    /// A split field (custom fields, a client block) that is not an object.
    NotAnObject,
    /// A set change on a field that is not a set, or a member list that is
    /// not an array.
    NotASet,
    /// A removal from a set that only grows.
    GrowOnly,
    /// A change or delete of a record written once (history, messages).
    InsertOnly,
    /// A record id that is empty, too long or of other characters.
    BadId,
    /// A settings document Dela does not have.
    UnknownSetting,
    /// The user may not make this change.
    Forbidden,
}

impl Refusal {
    pub fn new(code: RefusalCode, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into() }
    }
}

/// One page of a pull.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// Records changed after the cursor sent, whole, in the server's order.
    pub records: Vec<PulledRecord>,
    /// The cursor to send next; opaque.
    pub cursor: String,
    /// More changes wait: pull again at once.
    pub more: bool,
    pub clock: Hlc,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulledRecord {
    pub kind: Kind,
    pub id: String,
    /// The record as it is now; `None` when it was deleted.
    pub value: Option<Value>,
}

/// Whether `id` can name a record or a client: 1 to [`MAX_ID_LEN`] ASCII
/// letters, digits, `-`, `_`, `.` or `:` (what generated and derived ids
/// and settings codes use), so ids are safe in keys, URLs and logs.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b':'))
}
