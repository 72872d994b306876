//! `Tx`: what code can do inside one database transaction, the same on
//! SQLite and PostgreSQL. Object-safe, so handlers and the sync engine take
//! `&mut dyn Tx` and never name a backend.

use super::DbError;

/// A device's sync state: whose it is and the last mutation it pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncClient {
    pub user_id: String,
    pub last_seq: i64,
}

/// A pushed mutation as received (`content`) and what became of it, kept so
/// that a replay is answered with the same outcome instead of applied twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMutation {
    pub content: String,
    pub outcome: String,
}

/// A record's merge document (registers and their stamps) and the server
/// version that last changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    pub doc: String,
    pub version: i64,
}

/// A record as pull hands it out: its materialized value, or None when it
/// was deleted (a tombstone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledRecord {
    pub kind: String,
    pub id: String,
    pub value: Option<String>,
    pub version: i64,
}

/// A user account as stored. `roles` are `dela_core::user::Role` codes; the
/// store keeps them as text so that a role this build does not know (one a
/// newer build added) is carried through instead of failing the read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUser {
    pub id: String,
    /// Lower case; unique.
    pub login: String,
    pub name: String,
    pub roles: Vec<String>,
    /// An argon2id PHC string.
    pub password_hash: String,
    pub active: bool,
    pub created_at: i64,
}

/// A signed-in session. Only the SHA-256 of its token is stored, so a
/// leaked database or backup does not hand out sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub token_hash: String,
    pub user_id: String,
    pub created_at: i64,
    pub expires_at: i64,
}

pub trait Tx {
    /// The next server-wide version (a counter row incremented and locked;
    /// first call in a push transaction). The lock is held until the
    /// transaction ends, so versions are committed in the order they are
    /// handed out and a reader never sees version N + 1 without N.
    fn next_version(&mut self) -> Result<i64, DbError>;
    /// The highest version committed so far (0 when none).
    fn current_version(&mut self) -> Result<i64, DbError>;

    /// A small key/value table (the server clock's last stamp, the cursor signing key).
    fn meta(&mut self, key: &str) -> Result<Option<String>, DbError>;
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), DbError>;

    fn sync_client(&mut self, client_id: &str) -> Result<Option<SyncClient>, DbError>;
    fn put_sync_client(&mut self, client_id: &str, user_id: &str, last_seq: i64) -> Result<(), DbError>;
    fn mutation(&mut self, client_id: &str, seq: i64) -> Result<Option<StoredMutation>, DbError>;
    fn add_mutation(
        &mut self,
        client_id: &str,
        seq: i64,
        content: &str,
        outcome: &str,
    ) -> Result<(), DbError>;

    fn record(&mut self, kind: &str, id: &str) -> Result<Option<StoredRecord>, DbError>;
    /// Inserts or replaces; `value` is the materialized JSON, None for a tombstone.
    fn put_record(
        &mut self,
        kind: &str,
        id: &str,
        doc: &str,
        value: Option<&str>,
        version: i64,
    ) -> Result<(), DbError>;
    /// Records with version > `after`, in version order (then kind and id,
    /// for records written under one version), at most `limit`.
    fn records_after(&mut self, after: i64, limit: usize) -> Result<Vec<PulledRecord>, DbError>;

    /// Call first in a transaction that checks accounts across rows (no
    /// user yet, the last administrator, a login taken) before writing:
    /// such transactions then run one at a time. On SQLite every write
    /// transaction already does; on PostgreSQL it is an advisory lock held
    /// to the end of the transaction.
    fn lock_accounts(&mut self) -> Result<(), DbError>;
    /// Queues an outgoing message under its id; `false` (and nothing
    /// changed) when that id was queued before: each message is sent once
    /// however many devices' robots queued it.
    fn queue_message(&mut self, id: &str, message: &str, queued_at: i64) -> Result<bool, DbError>;
    /// Messages not sent yet, oldest first: `(id, message)`.
    fn unsent_messages(&mut self, limit: usize) -> Result<Vec<(String, String)>, DbError>;

    fn user(&mut self, id: &str) -> Result<Option<StoredUser>, DbError>;
    /// `login` as stored: lower case.
    fn user_by_login(&mut self, login: &str) -> Result<Option<StoredUser>, DbError>;
    /// Every user, by login.
    fn users(&mut self) -> Result<Vec<StoredUser>, DbError>;
    /// Inserts or replaces the user with `user.id`. A login another user
    /// holds fails with `DbError::Conflict`.
    fn put_user(&mut self, user: &StoredUser) -> Result<(), DbError>;

    fn session(&mut self, token_hash: &str) -> Result<Option<StoredSession>, DbError>;
    fn add_session(&mut self, session: &StoredSession) -> Result<(), DbError>;
    /// Moves a session's expiry; no error when it is gone (logged out meanwhile).
    fn set_session_expiry(&mut self, token_hash: &str, expires_at: i64) -> Result<(), DbError>;
    fn delete_session(&mut self, token_hash: &str) -> Result<(), DbError>;
    /// Revokes every session of a user but `keep` (the one making the change, if it is theirs).
    fn delete_sessions_of(&mut self, user_id: &str, keep: Option<&str>) -> Result<(), DbError>;
    /// Forgets sessions that expired at or before `now`; returns how many.
    fn delete_expired_sessions(&mut self, now: i64) -> Result<u64, DbError>;
}
