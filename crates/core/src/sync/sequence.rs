//! Which mutations of a push are new: the server keeps, per client, the
//! last sequence number it processed. A push repeats some of them (a
//! response lost on the way) and continues from there; it may not skip one.

use std::ops::RangeInclusive;

use super::protocol::Mutation;

/// How a push's mutations relate to what the server processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Sequence numbers processed before: each must be the same mutation
    /// again, answered with its stored outcome.
    pub replayed: Option<RangeInclusive<u64>>,
    /// Sequence numbers to process now.
    pub fresh: Option<RangeInclusive<u64>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SequenceError {
    /// The push starts after a number not yet processed: nothing is
    /// applied, and the client resends from `expected`.
    Gap { expected: u64 },
    /// The numbers are not consecutive or start at 0.
    NotConsecutive { at: u64 },
}

/// The plan for `mutations` after `last` (0 when the client never pushed).
pub fn plan(last: u64, mutations: &[Mutation]) -> Result<Plan, SequenceError> {
    let (Some(first), Some(end)) = (mutations.first(), mutations.last()) else {
        return Ok(Plan { replayed: None, fresh: None });
    };
    for (offset, mutation) in mutations.iter().enumerate() {
        if mutation.seq == 0 || mutation.seq != first.seq + offset as u64 {
            return Err(SequenceError::NotConsecutive { at: mutation.seq });
        }
    }
    if first.seq > last + 1 {
        return Err(SequenceError::Gap { expected: last + 1 });
    }
    let replayed = (first.seq <= last).then(|| first.seq..=end.seq.min(last));
    let fresh = (end.seq > last).then(|| (last + 1).max(first.seq)..=end.seq);
    Ok(Plan { replayed, fresh })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::protocol::Change;
    use crate::sync::testing::at;
    use crate::sync::Kind;

    fn batch(seqs: &[u64]) -> Vec<Mutation> {
        seqs.iter()
            .map(|&seq| Mutation {
                seq,
                kind: Kind::Deal,
                id: "d1".into(),
                stamp: at(seq, 1),
                change: Change::Delete,
            })
            .collect()
    }

    #[test]
    fn a_first_push_is_all_fresh() {
        assert_eq!(plan(0, &batch(&[1, 2, 3])), Ok(Plan { replayed: None, fresh: Some(1..=3) }));
    }

    #[test]
    fn a_push_after_a_lost_response_replays_then_continues() {
        assert_eq!(plan(2, &batch(&[1, 2, 3, 4])), Ok(Plan { replayed: Some(1..=2), fresh: Some(3..=4) }));
        assert_eq!(plan(4, &batch(&[3, 4])), Ok(Plan { replayed: Some(3..=4), fresh: None }));
    }

    #[test]
    fn a_gap_names_the_number_to_resend_from() {
        assert_eq!(plan(2, &batch(&[4, 5])), Err(SequenceError::Gap { expected: 3 }));
        assert_eq!(plan(0, &batch(&[2])), Err(SequenceError::Gap { expected: 1 }));
    }

    #[test]
    fn numbers_must_be_consecutive_and_start_above_zero() {
        assert_eq!(plan(0, &batch(&[1, 3])), Err(SequenceError::NotConsecutive { at: 3 }));
        assert_eq!(plan(0, &batch(&[0, 1])), Err(SequenceError::NotConsecutive { at: 0 }));
        assert_eq!(plan(5, &batch(&[])), Ok(Plan { replayed: None, fresh: None }));
    }
}
