//! The in-memory index of jobs to run, ordered by when they wake (due, or
//! claim lease over). Finding the due ones is a range scan from the start:
//! logarithmic in the number of jobs plus the number found, so 100,000
//! pending jobs cost no more to poll than a handful.

use std::collections::{BTreeMap, BTreeSet};

use super::job::Job;
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Default)]
pub struct JobQueue {
    by_time: BTreeSet<(Timestamp, Id)>,
    wake_of: BTreeMap<Id, Timestamp>,
}

impl JobQueue {
    pub fn new() -> Self {
        Self::default()
    }

    /// An index of the jobs, e.g. the open jobs loaded at start.
    pub fn from_jobs<'a>(jobs: impl IntoIterator<Item = &'a Job>) -> Self {
        let mut queue = Self::new();
        jobs.into_iter().for_each(|job| queue.update(job));
        queue
    }

    /// Puts the job where its state says, or takes it out when it does not
    /// need waking (waiting or finished). Call after every change of a job.
    pub fn update(&mut self, job: &Job) {
        self.remove(&job.id);
        if let Some(wake) = job.wake_at() {
            self.by_time.insert((wake, job.id.clone()));
            self.wake_of.insert(job.id.clone(), wake);
        }
    }

    pub fn remove(&mut self, id: &Id) {
        if let Some(wake) = self.wake_of.remove(id) {
            self.by_time.remove(&(wake, id.clone()));
        }
    }

    /// The jobs to run at `now`, earliest first; those that became due while
    /// the app was closed are among them.
    pub fn due(&self, now: Timestamp) -> impl Iterator<Item = &Id> {
        self.by_time.iter().take_while(move |(wake, _)| *wake <= now).map(|(_, id)| id)
    }

    /// When the next job wakes: what the app sets its timer to.
    pub fn next_wake(&self) -> Option<Timestamp> {
        self.by_time.first().map(|(wake, _)| *wake)
    }

    pub fn len(&self) -> usize {
        self.wake_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.wake_of.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::super::job::{job_id, CancelReason, JobState, CLAIM_LEASE};
    use super::*;

    fn job(n: u32, due: i64) -> Job {
        let (robot, deal) = (Id::from_static("r"), Id::parse(&format!("d{n}")).unwrap());
        Job {
            id: job_id(&robot, &deal, Timestamp(0)),
            robot,
            deal,
            pipeline: Id::from_static("p"),
            stage: Id::from_static("s"),
            entered_at: Timestamp(0),
            base: Timestamp(0),
            after: None,
            due_at: Some(Timestamp(due)),
            state: JobState::Pending,
        }
    }

    #[test]
    fn due_jobs_come_earliest_first_and_later_ones_wait() {
        let jobs = [job(1, 30), job(2, 10), job(3, 20), job(4, 99)];
        let queue = JobQueue::from_jobs(&jobs);
        let due: Vec<&Id> = queue.due(Timestamp(30)).collect();
        assert_eq!(due, [&jobs[1].id, &jobs[2].id, &jobs[0].id]);
        assert_eq!(queue.next_wake(), Some(Timestamp(10)));
        assert_eq!(queue.len(), 4);
    }

    #[test]
    fn updates_move_claimed_jobs_to_their_lease_end_and_drop_finished_ones() {
        let mut jobs = [job(1, 10), job(2, 20)];
        let mut queue = JobQueue::from_jobs(&jobs);
        jobs[0].state = JobState::Claimed { at: Timestamp(15), effects: Vec::new() };
        queue.update(&jobs[0]);
        assert_eq!(queue.due(Timestamp(20)).collect::<Vec<_>>(), [&jobs[1].id]);
        assert_eq!(queue.due(Timestamp(15 + CLAIM_LEASE)).count(), 2);
        jobs[1].cancel(Timestamp(21), CancelReason::LeftStage);
        queue.update(&jobs[1]);
        jobs[0].complete(Timestamp(22)).unwrap();
        queue.update(&jobs[0]);
        assert!(queue.is_empty());
        assert_eq!(queue.next_wake(), None);
    }

    #[test]
    fn waiting_jobs_are_not_indexed_until_released() {
        let mut waiting = job(1, 0);
        waiting.state = JobState::WaitingForPrevious;
        waiting.due_at = None;
        let mut queue = JobQueue::from_jobs([&waiting]);
        assert!(queue.is_empty());
        waiting.state = JobState::Pending;
        waiting.due_at = Some(Timestamp(5));
        queue.update(&waiting);
        assert_eq!(queue.due(Timestamp(5)).count(), 1);
        queue.remove(&waiting.id);
        assert!(queue.is_empty());
    }

    #[test]
    fn the_stored_job_carries_its_wake_time_for_an_indexeddb_index() {
        let mut stored = job(1, 10);
        let json = serde_json::to_value(&stored).unwrap();
        assert_eq!(json["wake_at"], 10);
        assert_eq!(json["state"], "pending");
        stored.cancel(Timestamp(3), CancelReason::DealDeleted);
        let json = serde_json::to_string(&stored).unwrap();
        assert!(!json.contains("wake_at"), "finished jobs drop out of the index");
        assert_eq!(serde_json::from_str::<Job>(&json).unwrap(), stored);
    }
}
