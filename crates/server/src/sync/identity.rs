//! The server's own sync identity, made once and kept in the database: its
//! clock's node id and the key that signs pull cursors.

use dela_core::sync::{Clock, Hlc, NodeId};

use crate::db::{DbError, Tx};

const NODE: &str = "sync.node";
const CLOCK: &str = "sync.clock";
const CURSOR_KEY: &str = "sync.cursor_key";

/// Fresh randomness for a first start: the node id and the cursor key.
pub struct Seed {
    pub node: u64,
    pub key: [u64; 4],
}

/// Creates the node id and cursor key on the first start from `seed`;
/// later starts keep what they find. Called once before serving.
pub fn ensure_identity(tx: &mut dyn Tx, seed: &Seed) -> Result<(), DbError> {
    if tx.meta(NODE)?.is_none() {
        tx.set_meta(NODE, &NodeId::new(seed.node).to_string())?;
    }
    if tx.meta(CURSOR_KEY)?.is_none() {
        let key: String = seed.key.iter().map(|part| format!("{part:016x}")).collect();
        tx.set_meta(CURSOR_KEY, &key)?;
    }
    Ok(())
}

fn node(tx: &mut dyn Tx) -> Result<NodeId, DbError> {
    let text =
        tx.meta(NODE)?.ok_or_else(|| DbError::Failed("the server's sync node id is missing".into()))?;
    NodeId::parse(&text)
        .map_err(|error| DbError::Failed(format!("the stored sync node id is damaged: {error}")))
}

/// The server's clock as the last push left it.
pub fn clock(tx: &mut dyn Tx) -> Result<Clock, DbError> {
    let node = node(tx)?;
    Ok(match tx.meta(CLOCK)? {
        Some(text) => match Hlc::parse(&text) {
            Ok(last) if last.node() == node => Clock::resume(last),
            _ => return Err(DbError::Failed("the stored sync clock is damaged".into())),
        },
        None => Clock::new(node),
    })
}

pub fn save_clock(tx: &mut dyn Tx, clock: &Clock) -> Result<(), DbError> {
    tx.set_meta(CLOCK, &clock.last().to_string())
}

/// What a client observes in a pull: the server's last stamp or, when the
/// wall clock is past it, a stamp just below the server's next one, so a
/// slow device catches up without the answer issuing a stamp of its own.
pub fn observed(tx: &mut dyn Tx, wall_ms: i64) -> Result<Hlc, DbError> {
    let clock = clock(tx)?;
    let below_now = Hlc::new(u64::try_from(wall_ms.saturating_sub(1)).unwrap_or(0), 0, clock.node());
    Ok(below_now.map_or(clock.last(), |stamp| stamp.max(clock.last())))
}

pub fn cursor_key(tx: &mut dyn Tx) -> Result<String, DbError> {
    tx.meta(CURSOR_KEY)?.ok_or_else(|| DbError::Failed("the cursor signing key is missing".into()))
}
