//! Robot job state as a lattice, never last-writer-wins.
//!
//! Every device runs robots offline, so two devices can hold one job (its
//! id follows from robot, deal and stage visit) in different states. Taking
//! the later write would let a device that has not heard of a finished run
//! put the job back to pending, and the robot would act twice. Instead the
//! state further along wins ([`Progress`]), whatever the stamps say.

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::Merge;
use crate::robots::{JobState, Progress};

/// A job's state with the stamp of the transition that set it, merged by
/// [`Progress`]: the state further along wins. Within one step:
///
/// - scheduled (pending / waiting for the date): the later stamp wins, as
///   these two follow the deal's date field back and forth;
/// - claimed and each finished state: the earlier stamp wins. The first
///   claim is the one whose stored effects are replayed; the first finish
///   is when the job finished.
///
/// Stamps are unique (see [`super::Lww`]), so this is a total order and the
/// merge is its maximum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobStateLattice {
    state: JobState,
    stamp: Hlc,
}

impl JobStateLattice {
    pub fn new(state: JobState, stamp: Hlc) -> Self {
        Self { state, stamp }
    }

    pub fn state(&self) -> &JobState {
        &self.state
    }

    pub fn stamp(&self) -> Hlc {
        self.stamp
    }

    pub fn into_state(self) -> JobState {
        self.state
    }

    /// Applies a transition to `state` stamped `stamp`: `true` when it
    /// took effect, `false` when the held state is further along (or, in
    /// the same step, preferred by the rule above).
    pub fn advance(&mut self, state: JobState, stamp: Hlc) -> bool {
        let candidate = Self { state, stamp };
        let wins = candidate.beats(self);
        if wins {
            *self = candidate;
        }
        wins
    }

    fn beats(&self, held: &Self) -> bool {
        let step = self.state.progress();
        match step.cmp(&held.state.progress()) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal if step == Progress::Scheduled => self.stamp > held.stamp,
            std::cmp::Ordering::Equal => self.stamp < held.stamp,
        }
    }
}

impl Merge for JobStateLattice {
    fn merge(&mut self, other: Self) {
        self.advance(other.state, other.stamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::robots::{CancelReason, SkipReason};
    use crate::sync::testing::{assert_laws, at, merged, Gen};
    use crate::Timestamp;

    fn claimed(ms: i64) -> JobState {
        JobState::Claimed { at: Timestamp(ms), effects: Vec::new() }
    }

    fn done(ms: i64) -> JobState {
        JobState::Done { at: Timestamp(ms) }
    }

    fn cancelled(ms: i64) -> JobState {
        JobState::Cancelled { at: Timestamp(ms), reason: CancelReason::LeftStage }
    }

    fn skipped(ms: i64) -> JobState {
        JobState::Skipped { at: Timestamp(ms), reason: SkipReason::ConditionFalse }
    }

    #[test]
    fn the_order_of_progress() {
        let states = [
            JobState::WaitingForPrevious,
            JobState::WaitingForDate,
            JobState::Pending,
            claimed(1),
            cancelled(1),
            skipped(1),
            done(1),
        ];
        let steps: Vec<Progress> = states.iter().map(JobState::progress).collect();
        assert!(steps.windows(2).all(|pair| pair[0] <= pair[1]));
        assert_eq!(steps[1], steps[2], "pending and waiting for the date are one step");
    }

    #[test]
    fn a_job_never_goes_back_to_an_earlier_state() {
        let mut job = JobStateLattice::new(done(10), at(10, 1));
        // A device that never heard of the run says pending, stamped later.
        assert!(!job.advance(JobState::Pending, at(50, 2)));
        assert!(!job.advance(claimed(40), at(40, 2)));
        assert_eq!(job.state(), &done(10));
    }

    #[test]
    fn done_beats_cancelled_whatever_the_stamps() {
        // A ran the robot; B, offline, saw the deal leave the stage and cancelled.
        let ran = JobStateLattice::new(done(10), at(10, 1));
        let cancelled_later = JobStateLattice::new(cancelled(20), at(20, 2));
        assert_eq!(merged(&ran, &cancelled_later).state(), &done(10));
        assert_eq!(merged(&cancelled_later, &ran).state(), &done(10));
        let skipped = JobStateLattice::new(skipped(30), at(30, 3));
        assert_eq!(merged(&skipped, &ran).state(), &done(10));
        assert_eq!(merged(&skipped, &cancelled_later).state(), skipped.state());
    }

    #[test]
    fn a_cancel_beats_a_claim() {
        let claim = JobStateLattice::new(claimed(10), at(10, 1));
        let cancel = JobStateLattice::new(cancelled(5), at(5, 2));
        assert_eq!(merged(&claim, &cancel).state(), &cancelled(5));
    }

    #[test]
    fn the_first_claim_holds() {
        let first = JobStateLattice::new(claimed(10), at(10, 1));
        let second = JobStateLattice::new(claimed(12), at(12, 2));
        assert_eq!(merged(&first, &second), first);
        assert_eq!(merged(&second, &first), first);
    }

    #[test]
    fn scheduled_follows_the_latest_date_change() {
        let mut job = JobStateLattice::new(JobState::Pending, at(10, 1));
        assert!(job.advance(JobState::WaitingForDate, at(11, 2)), "date cleared");
        assert!(job.advance(JobState::Pending, at(12, 1)), "date filled in again");
        assert!(!job.advance(JobState::WaitingForDate, at(11, 3)), "an older clearing");
        assert_eq!(job.state(), &JobState::Pending);
        assert!(!job.advance(JobState::WaitingForPrevious, at(99, 3)));
    }

    #[test]
    fn job_state_merge_obeys_the_laws() {
        let mut rng = Gen::new(41);
        let states = |ms: i64| {
            [
                JobState::WaitingForPrevious,
                JobState::WaitingForDate,
                JobState::Pending,
                claimed(ms),
                cancelled(ms),
                skipped(ms),
                done(ms),
            ]
        };
        for _ in 0..300 {
            let replicas: Vec<JobStateLattice> = (0..4)
                .map(|node| {
                    let wall = rng.below(6);
                    let state = states(wall as i64)[rng.below(7) as usize].clone();
                    JobStateLattice::new(state, at(wall, node))
                })
                .collect();
            assert_laws(&replicas);
        }
    }

    #[test]
    fn a_job_state_travels_as_json() {
        let job = JobStateLattice::new(done(10), at(10, 1));
        let json = serde_json::to_string(&job).expect("serializes");
        assert_eq!(serde_json::from_str::<JobStateLattice>(&json).expect("reads back"), job);
    }
}
