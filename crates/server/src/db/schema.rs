//! The schema of each backend as its list of migration steps: step N brings
//! a database from version N to N + 1. Append only: a released step never
//! changes, a new one goes at the end of both lists. The two describe the
//! same logical tables (the conformance suite in `tests/storage.rs` holds
//! them to it); only the types differ (SQLite's `STRICT` tables, PostgreSQL's
//! `BIGINT` and `BOOLEAN`). JSON is stored as text on both: the server reads
//! it whole, never queries inside it.
//!
//! The tables: `meta` (small values: the server clock, the cursor key),
//! `versions` (the one counter row that orders every change), `sync_clients`
//! and `sync_mutations` (each device's pushes, for idempotent replays),
//! `records` (each record's merge document and its materialized value, by
//! version for pulls), `users` and `sessions`; `outbox_queue` (outgoing e-mail
//! and SMS waiting to be sent, one row per message id).

pub const SQLITE: &[&str] = &[
    "CREATE TABLE server_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;",
    "ALTER TABLE server_info RENAME TO meta;
     CREATE TABLE versions (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL) STRICT;
     INSERT INTO versions (id, version) VALUES (1, 0);
     CREATE TABLE sync_clients (
         client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, last_seq INTEGER NOT NULL
     ) STRICT;
     CREATE TABLE sync_mutations (
         client_id TEXT NOT NULL, seq INTEGER NOT NULL, content TEXT NOT NULL, outcome TEXT NOT NULL,
         PRIMARY KEY (client_id, seq)
     ) STRICT, WITHOUT ROWID;
     CREATE TABLE records (
         kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, value TEXT, version INTEGER NOT NULL,
         PRIMARY KEY (kind, id)
     ) STRICT;
     CREATE INDEX records_by_version ON records (version);
     CREATE TABLE users (
         id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL, roles TEXT NOT NULL,
         password_hash TEXT NOT NULL, active INTEGER NOT NULL, created_at INTEGER NOT NULL
     ) STRICT;
     CREATE TABLE sessions (
         token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
         created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
     ) STRICT;
     CREATE INDEX sessions_by_user ON sessions (user_id);
     CREATE INDEX sessions_by_expiry ON sessions (expires_at);",
    "CREATE TABLE outbox_queue (
         id TEXT PRIMARY KEY, message TEXT NOT NULL, queued_at INTEGER NOT NULL, sent_at INTEGER
     ) STRICT;
     CREATE INDEX outbox_queue_unsent ON outbox_queue (queued_at) WHERE sent_at IS NULL;",
];

pub const POSTGRES: &[&str] = &[
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE versions (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
     INSERT INTO versions (id, version) VALUES (1, 0);
     CREATE TABLE sync_clients (client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, last_seq BIGINT NOT NULL);
     CREATE TABLE sync_mutations (
         client_id TEXT NOT NULL, seq BIGINT NOT NULL, content TEXT NOT NULL, outcome TEXT NOT NULL,
         PRIMARY KEY (client_id, seq)
     );
     CREATE TABLE records (
         kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, value TEXT, version BIGINT NOT NULL,
         PRIMARY KEY (kind, id)
     );
     CREATE INDEX records_by_version ON records (version);
     CREATE TABLE users (
         id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL, roles TEXT NOT NULL,
         password_hash TEXT NOT NULL, active BOOLEAN NOT NULL, created_at BIGINT NOT NULL
     );
     CREATE TABLE sessions (
         token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
         created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL
     );
     CREATE INDEX sessions_by_user ON sessions (user_id);
     CREATE INDEX sessions_by_expiry ON sessions (expires_at);",
    "CREATE TABLE outbox_queue (
         id TEXT PRIMARY KEY, message TEXT NOT NULL, queued_at BIGINT NOT NULL, sent_at BIGINT
     );
     CREATE INDEX outbox_queue_unsent ON outbox_queue (queued_at) WHERE sent_at IS NULL;",
];

/// Roles are stored as their codes separated by spaces (codes have none).
pub fn roles_to_text(roles: &[String]) -> String {
    roles.join(" ")
}

pub fn roles_from_text(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}
