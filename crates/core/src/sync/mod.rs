//! Groundwork for syncing: the clock that orders writes and the merge rules
//! of each kind of register. Pure, like the rest of the crate, so that the
//! app (before it pushes, and when it rebases on a pull) and the server
//! (when it accepts a push) merge by one definition.
//!
//! The shape (see `docs/sync.md` once written, and the design notes of the
//! sync issue): the server is authoritative; each record is split into
//! registers, groups of fields that change together, and each register
//! merges by the rule of its type:
//!
//! | register | rule | for |
//! |---|---|---|
//! | [`Lww`] | the later stamp wins | plain fields and field groups |
//! | [`AddWinsSet`] | observed-remove, a concurrent add wins | member lists |
//! | [`GrowSet`], [`Flag`] | union, never taken back | sent reminders, read flags |
//! | [`JobStateLattice`] | the state further along wins | robot job state |
//! | [`FirstWrite`] | the earliest stamp wins, insert only | history entries, outgoing messages |
//! | [`Deletable`] | a tombstone beats every edit, final | any record that can be deleted |
//!
//! Every merge is idempotent, commutative and associative (tested by
//! merging in all orders): replicas that have seen the same writes hold the
//! same value, however the writes travelled, repeated or reordered.
//! Stamps come from [`Clock`], a hybrid logical clock.

mod add_wins;
mod check;
mod clock;
mod diff;
mod doc;
mod first_write;
mod grow;
mod job_state;
mod kind;
mod lww;
mod protocol;
mod sequence;
#[cfg(test)]
mod testing;
mod tombstone;

pub use add_wins::AddWinsSet;
pub use check::check;
pub use clock::{Clock, Hlc, NodeId, ParseError, MAX_WALL, STAMP_LEN};
pub use diff::{diff, rebase};
pub use doc::{Applied, Doc};
pub use first_write::FirstWrite;
pub use grow::{Flag, GrowSet};
pub use job_state::JobStateLattice;
pub use kind::{Kind, Rule, Setting, Spec};
pub use lww::Lww;
pub use protocol::*;
pub use sequence::{plan, Plan, SequenceError};
pub use tombstone::{Deletable, Tombstone};

/// A state that merges with another replica's copy of itself.
///
/// `merge` must be idempotent (`a ⊔ a = a`), commutative (`a ⊔ b = b ⊔ a`)
/// and associative, so that the order and repetition of deliveries never
/// matter: a join semilattice.
pub trait Merge {
    fn merge(&mut self, other: Self);
}
