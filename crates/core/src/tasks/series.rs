//! Recurring tasks: a series holds the task as validated once and its
//! calendar, and makes each occurrence's tasks when it comes due.
//!
//! Due: an occurrence is due from the start of the local day `lead_days`
//! before its deadline's date (0: from the morning of the deadline day); the
//! first one is due as soon as the series exists, since it is the task the
//! user just created. Deadlines keep the local time of day of the first one,
//! through daylight saving changes.
//!
//! Once: [`Series::due_occurrence`] answers only the latest due occurrence
//! and only if it is newer than the last one created. An app closed for a
//! month creates the one occurrence that matters now, not a pile of stale
//! ones, and a re-run creates nothing. Task ids derive from the series and
//! the occurrence, so two devices that both find it due write the same tasks.

use serde::{Deserialize, Serialize};

use super::draft::ValidTask;
use super::event::{EventKind, TaskEvent};
use super::recurrence::{End, Recurrence, Repeat};
use super::task::{SeriesRef, Task};
use crate::date::Date;
use crate::record::Stamp;
use crate::zone::{at_local, local_date, local_minute_of_day, Zone};
use crate::{Id, Timestamp};

/// A series as stored, with how far it has got: the record that syncs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSeries {
    pub id: Id,
    pub series: Series,
    /// The highest occurrence number created so far.
    #[serde(default)]
    pub last_created: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub id: Id,
    /// Every occurrence is this task with its own deadline; several
    /// responsibles give one task each per occurrence.
    pub template: ValidTask,
    pub creator: Id,
    /// The first deadline as local date and time of day in the creator's
    /// zone at creation.
    pub start: Date,
    pub minute_of_day: u32,
    pub recurrence: Recurrence,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// 1 for the first deadline.
    pub number: u32,
    pub deadline: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesError {
    /// Occurrences are placed relative to the first deadline.
    NoDeadline,
    ZeroInterval,
    NoWeekdays,
    ZeroCount,
    UntilBeforeStart,
}

impl Series {
    pub fn create(
        id: Id,
        template: ValidTask,
        mut recurrence: Recurrence,
        actor: &Id,
        now: Timestamp,
        zone: &impl Zone,
    ) -> Result<Self, SeriesError> {
        let first = template.deadline.ok_or(SeriesError::NoDeadline)?;
        let start = local_date(zone, first);
        match &mut recurrence.repeat {
            Repeat::Days { every } | Repeat::Months { every } | Repeat::Weeks { every, .. }
                if *every == 0 =>
            {
                return Err(SeriesError::ZeroInterval)
            }
            Repeat::Weeks { on, .. } if on.is_empty() => return Err(SeriesError::NoWeekdays),
            Repeat::Weeks { on, .. } => {
                crate::sort::sort(on);
                on.dedup();
            }
            Repeat::Days { .. } | Repeat::Months { .. } => {}
        }
        match recurrence.end {
            End::After(0) => return Err(SeriesError::ZeroCount),
            End::Until(until) if until < start => return Err(SeriesError::UntilBeforeStart),
            _ => {}
        }
        Ok(Self {
            id,
            template,
            creator: actor.clone(),
            start,
            minute_of_day: local_minute_of_day(zone, first),
            recurrence,
            stamp: Stamp::new(actor, now),
        })
    }

    /// The occurrence to create now, if any. `last_created` is the highest
    /// occurrence number among the series' tasks (see [`SeriesRef`]), `None`
    /// before the first.
    pub fn due_occurrence(
        &self,
        last_created: Option<u32>,
        now: Timestamp,
        zone: &impl Zone,
    ) -> Option<Occurrence> {
        let Recurrence { repeat, end, lead_days } = &self.recurrence;
        let mut limit = local_date(zone, now).add_days(i64::from(*lead_days));
        if let End::Until(until) = end {
            limit = limit.min(*until);
        }
        let mut number = repeat.count_through(self.start, limit).max(1);
        if let End::After(count) = end {
            number = number.min((*count).max(1));
        }
        if last_created.is_some_and(|last| last >= number) {
            return None;
        }
        let date = repeat.nth(self.start, number);
        Some(Occurrence { number, deadline: at_local(zone, date, self.minute_of_day) })
    }

    /// The tasks of one occurrence, one per responsible, each with its
    /// creation event. The event has no actor: the occurrence comes from the
    /// calendar, not from whoever's device wrote it, so that person is
    /// notified like everyone else.
    pub fn tasks_for(&self, occurrence: &Occurrence, actor: &Id, now: Timestamp) -> Vec<(Task, TaskEvent)> {
        self.template
            .responsibles
            .iter()
            .map(|responsible| {
                let id = self.task_id(occurrence.number, responsible);
                let mut task = Task::from_valid(id, &self.template, responsible, &self.creator, actor, now);
                task.deadline = Some(occurrence.deadline);
                task.series = Some(SeriesRef { series: self.id.clone(), number: occurrence.number });
                let event = TaskEvent::new(&task, None, now, EventKind::Created);
                (task, event)
            })
            .collect()
    }

    /// The same on every device: an ordinary id whose time part is the
    /// series' creation and whose random part is a hash of the series id,
    /// occurrence number and responsible.
    fn task_id(&self, number: u32, responsible: &Id) -> Id {
        Id::derived(self.stamp.created_at, &[self.id.as_str(), &number.to_string(), responsible.as_str()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Weekday::{self, *};
    use crate::tasks::draft::TaskDraft;
    use crate::tasks::fixtures::*;
    use crate::tasks::notify::{recipients, NotificationKind};
    use crate::zone::FixedOffset;

    fn series_with(draft: TaskDraft, repeat: Repeat, end: End, lead_days: u32) -> Series {
        let valid = draft.validate(&users()).unwrap();
        Series::create(user("s1"), valid, Recurrence { repeat, end, lead_days }, &anna(), CREATED, &MOSCOW)
            .unwrap()
    }

    /// The training example: Anna gives every operator "call your companies
    /// about the next seminar", due Friday 18:00 every two weeks, each one
    /// appearing on the Monday before.
    fn seminar_calls(end: End) -> Series {
        let draft = TaskDraft {
            title: "Call your companies about the next seminar".into(),
            responsibles: vec!["rita".into(), "cole".into(), "otto".into()],
            co_executors: vec![],
            observers: vec![],
            ..draft()
        };
        series_with(draft, Repeat::Weeks { every: 2, on: vec![Friday] }, end, 4)
    }

    fn number(series: &Series, last: Option<u32>, now: Timestamp) -> Option<u32> {
        series.due_occurrence(last, now, &MOSCOW).map(|occurrence| occurrence.number)
    }

    #[test]
    fn the_first_occurrence_is_due_at_once_with_the_chosen_deadline() {
        let series = seminar_calls(End::Never);
        assert_eq!(
            series.due_occurrence(None, CREATED, &MOSCOW),
            Some(Occurrence { number: 1, deadline: DEADLINE })
        );
        assert_eq!(series.due_occurrence(Some(1), CREATED, &MOSCOW), None, "and only once");
    }

    #[test]
    fn each_operator_gets_their_own_task_for_an_occurrence() {
        let series = seminar_calls(End::Never);
        let occurrence = series.due_occurrence(Some(1), msk("2026-12-14", 0, 0), &MOSCOW).unwrap();
        assert_eq!(occurrence, Occurrence { number: 2, deadline: msk("2026-12-18", 18, 0) });
        let made = series.tasks_for(&occurrence, &rita(), msk("2026-12-14", 0, 0));
        let people: Vec<_> = made.iter().map(|(task, _)| task.responsible.clone()).collect();
        assert_eq!(people, vec![rita(), cole(), otto()]);
        for (task, event) in &made {
            assert_eq!(task.creator, anna(), "set by Anna, whoever's device wrote it");
            assert_eq!(task.stamp.created_by, rita());
            assert_eq!(task.deadline, Some(occurrence.deadline));
            assert_eq!(task.series, Some(SeriesRef { series: user("s1"), number: 2 }));
            assert_eq!(task.title, "Call your companies about the next seminar");
            assert_eq!((event.actor.as_ref(), &event.kind), (None, &EventKind::Created));
        }
        let rita_hears = recipients(&made[0].0, &made[0].1);
        assert_eq!(rita_hears, vec![(rita(), NotificationKind::NewTask)], "even though her device made it");
    }

    #[test]
    fn an_occurrence_is_due_from_the_start_of_the_local_day_lead_days_ahead() {
        let series = seminar_calls(End::Never);
        assert_eq!(number(&series, Some(1), msk("2026-12-13", 23, 59)), None);
        assert_eq!(number(&series, Some(1), msk("2026-12-14", 0, 0)), Some(2));
        let new_york = FixedOffset(-300);
        let sunday_evening_in_new_york = msk("2026-12-14", 7, 59);
        assert_eq!(series.due_occurrence(Some(1), sunday_evening_in_new_york, &new_york), None);
        let midnight_in_new_york = msk("2026-12-14", 8, 0);
        let occurrence = series.due_occurrence(Some(1), midnight_in_new_york, &new_york).unwrap();
        assert_eq!(occurrence.deadline, utc("2026-12-18", 23, 0), "Friday 18:00 in New York");
    }

    #[test]
    fn after_a_long_absence_only_the_latest_due_occurrence_is_created() {
        let series = seminar_calls(End::Never);
        // Closed from Dec 5 to Wednesday Jan 20: #2 (Dec 18), #3 (Jan 1) and
        // #4 (Jan 15) were missed; #5 (Jan 29) is not due until Jan 25.
        let back = msk("2027-01-20", 9, 0);
        let occurrence = series.due_occurrence(Some(1), back, &MOSCOW).unwrap();
        assert_eq!(occurrence, Occurrence { number: 4, deadline: msk("2027-01-15", 18, 0) });
        assert_eq!(number(&series, Some(4), back), None, "a re-run creates nothing");
        assert_eq!(number(&series, Some(4), msk("2027-01-25", 0, 0)), Some(5));
    }

    #[test]
    fn two_devices_make_the_same_tasks_for_the_same_occurrence() {
        let series = seminar_calls(End::Never);
        let occurrence = series.due_occurrence(Some(1), msk("2026-12-15", 8, 0), &MOSCOW).unwrap();
        let on_ritas_phone = series.tasks_for(&occurrence, &rita(), msk("2026-12-15", 8, 0));
        let on_annas_laptop = series.tasks_for(&occurrence, &anna(), msk("2026-12-15", 9, 30));
        let ids =
            |made: &[(Task, TaskEvent)]| made.iter().map(|(task, _)| task.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&on_ritas_phone), ids(&on_annas_laptop));
        let mut all = ids(&on_ritas_phone);
        let first = series.due_occurrence(None, CREATED, &MOSCOW).unwrap();
        all.extend(ids(&series.tasks_for(&first, &anna(), CREATED)));
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 6, "different occurrences and responsibles never share an id");
    }

    #[test]
    fn an_until_date_is_inclusive() {
        let series = seminar_calls(End::Until(date("2026-12-18")));
        assert_eq!(number(&series, Some(1), msk("2026-12-14", 0, 0)), Some(2));
        assert_eq!(number(&series, Some(2), msk("2027-06-01", 0, 0)), None);
        assert_eq!(
            number(&series, Some(1), msk("2027-06-01", 0, 0)),
            Some(2),
            "a late catch-up stops at the end"
        );
    }

    #[test]
    fn a_count_limit_stops_after_that_many_occurrences() {
        let series = seminar_calls(End::After(3));
        assert_eq!(number(&series, Some(2), msk("2026-12-28", 0, 0)), Some(3));
        assert_eq!(number(&series, Some(3), msk("2027-06-01", 0, 0)), None);
        let late = series.due_occurrence(Some(1), msk("2027-06-01", 0, 0), &MOSCOW).unwrap();
        assert_eq!(late, Occurrence { number: 3, deadline: msk("2027-01-01", 18, 0) });
    }

    #[test]
    fn monthly_deadlines_on_the_31st_keep_their_time_and_clamp_to_month_ends() {
        let draft = TaskDraft { deadline: Some(msk("2027-01-31", 10, 30)), ..draft() };
        let series = series_with(draft, Repeat::Months { every: 1 }, End::Never, 0);
        let deadline = |last: u32, now: &str| {
            series.due_occurrence(Some(last), msk(now, 0, 0), &MOSCOW).unwrap().deadline
        };
        assert_eq!(deadline(1, "2027-02-28"), msk("2027-02-28", 10, 30));
        assert_eq!(deadline(2, "2027-03-31"), msk("2027-03-31", 10, 30));
        assert_eq!(number(&series, Some(2), msk("2027-03-30", 23, 0)), None);
    }

    #[test]
    fn monthly_from_a_leap_day_falls_on_the_29th_again_four_years_on() {
        let draft = TaskDraft { deadline: Some(msk("2028-02-29", 9, 0)), ..draft() };
        let series = series_with(draft, Repeat::Months { every: 12 }, End::Never, 0);
        let at = |day: &str| series.due_occurrence(None, msk(day, 12, 0), &MOSCOW).unwrap();
        assert_eq!(at("2029-03-01"), Occurrence { number: 2, deadline: msk("2029-02-28", 9, 0) });
        assert_eq!(at("2032-02-29"), Occurrence { number: 5, deadline: msk("2032-02-29", 9, 0) });
    }

    #[test]
    fn mondays_and_thursdays_every_other_week() {
        let series = series_with(
            draft(),
            Repeat::Weeks { every: 2, on: vec![Thursday, Monday, Monday] },
            End::Never,
            0,
        );
        assert_eq!(
            series.recurrence.repeat,
            Repeat::Weeks { every: 2, on: vec![Monday, Thursday] },
            "stored tidy"
        );
        // The first deadline is Friday Dec 4; then Monday Dec 14, Thursday Dec 17, Monday Dec 28.
        let step = |last: u32, day: &str| number(&series, Some(last), msk(day, 0, 0));
        assert_eq!(step(1, "2026-12-13"), None);
        assert_eq!(step(1, "2026-12-14"), Some(2));
        assert_eq!(step(2, "2026-12-17"), Some(3));
        assert_eq!(step(3, "2026-12-27"), None);
        assert_eq!(step(3, "2026-12-28"), Some(4));
    }

    /// Central European time: +60, then +120 from 2026-03-29 01:00 UTC.
    struct Cet;
    impl Zone for Cet {
        fn offset_minutes(&self, at: Timestamp) -> i32 {
            if at < utc("2026-03-29", 1, 0) {
                60
            } else {
                120
            }
        }
    }

    #[test]
    fn the_local_time_of_day_survives_a_daylight_saving_change() {
        let draft = TaskDraft { deadline: Some(utc("2026-03-23", 9, 0)), ..draft() }; // Monday 10:00 CET
        let valid = draft.validate(&users()).unwrap();
        let weekly = Recurrence {
            repeat: Repeat::Weeks { every: 1, on: vec![Weekday::Monday] },
            end: End::Never,
            lead_days: 0,
        };
        let series =
            Series::create(user("s2"), valid, weekly, &anna(), utc("2026-03-20", 9, 0), &Cet).unwrap();
        let next = series.due_occurrence(Some(1), utc("2026-03-30", 6, 0), &Cet).unwrap();
        assert_eq!(next, Occurrence { number: 2, deadline: utc("2026-03-30", 8, 0) }, "10:00 CEST");
    }

    #[test]
    fn a_series_refuses_what_cannot_recur() {
        let create = |deadline: Option<Timestamp>, repeat: Repeat, end: End| {
            let valid = TaskDraft { deadline, ..draft() }.validate(&users()).unwrap();
            Series::create(
                user("s1"),
                valid,
                Recurrence { repeat, end, lead_days: 0 },
                &anna(),
                CREATED,
                &MOSCOW,
            )
        };
        let daily = || Repeat::Days { every: 1 };
        let cases = [
            (create(None, daily(), End::Never), SeriesError::NoDeadline),
            (create(Some(DEADLINE), Repeat::Days { every: 0 }, End::Never), SeriesError::ZeroInterval),
            (create(Some(DEADLINE), Repeat::Months { every: 0 }, End::Never), SeriesError::ZeroInterval),
            (
                create(Some(DEADLINE), Repeat::Weeks { every: 0, on: vec![Monday] }, End::Never),
                SeriesError::ZeroInterval,
            ),
            (
                create(Some(DEADLINE), Repeat::Weeks { every: 1, on: vec![] }, End::Never),
                SeriesError::NoWeekdays,
            ),
            (create(Some(DEADLINE), daily(), End::After(0)), SeriesError::ZeroCount),
            (create(Some(DEADLINE), daily(), End::Until(date("2026-12-03"))), SeriesError::UntilBeforeStart),
        ];
        for (result, error) in cases {
            assert_eq!(result, Err(error));
        }
        assert!(
            create(Some(DEADLINE), daily(), End::Until(date("2026-12-04"))).is_ok(),
            "ending on the first day"
        );
    }

    #[test]
    fn a_series_survives_a_json_round_trip() {
        let series = seminar_calls(End::Until(date("2027-06-30")));
        let json = serde_json::to_string(&series).unwrap();
        assert_eq!(serde_json::from_str::<Series>(&json).unwrap(), series);
    }
}
