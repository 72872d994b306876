//! The organisation's work calendar: which days are working days and which
//! hours of them are working time. Deadlines such as "after 2 business days"
//! and robots that must not act at night are measured against it.
//!
//! Holidays and moved working days are plain lists of dates rather than
//! rules per year, because governments announce them year by year (Russia
//! moves weekends around holidays differently every year) and a list spans a
//! year end (December 31 to January 8) without a special case. Wall-clock
//! times are local to the zone passed in, so one calendar serves offices in
//! Moscow and New York alike and follows daylight saving through [`Zone`].

mod business_days;
mod edit;

pub use edit::{CalendarDraft, CalendarError, CalendarErrors, CalendarProblem};

use serde::{Deserialize, Serialize};

use crate::date::{Date, Weekday};
use crate::zone::{at_local, local_date, local_minute_of_day, Zone};
use crate::Timestamp;

/// Minutes in a day; the latest end of working hours (24:00).
pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// The working period of a working day, in minutes since local midnight:
/// `start` is the first working minute and `end` the first minute after
/// work, so 09:00–18:00 is `540..1080` and 18:00 itself is after hours.
/// One period per day; a lunch break does not stop business-day deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    pub start_minute: u32,
    pub end_minute: u32,
}

impl WorkingHours {
    fn contains(self, minute: u32) -> bool {
        (self.start_minute..self.end_minute).contains(&minute)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    /// The weekdays worked in an ordinary week.
    pub working_weekdays: Vec<Weekday>,
    pub hours: WorkingHours,
    /// Days off even if their weekday is worked (public holidays, days off
    /// moved from a weekend).
    #[serde(default)]
    pub holidays: Vec<Date>,
    /// Days worked even if their weekday is not (a Saturday made a working
    /// day in exchange for a day off elsewhere), with the usual hours.
    #[serde(default)]
    pub extra_working_days: Vec<Date>,
}

/// Monday to Friday, 09:00–18:00, no holidays: what a new organisation starts with.
impl Default for WorkCalendar {
    fn default() -> Self {
        Self {
            working_weekdays: Weekday::ALL[..5].to_vec(),
            hours: WorkingHours { start_minute: 9 * 60, end_minute: 18 * 60 },
            holidays: Vec::new(),
            extra_working_days: Vec::new(),
        }
    }
}

impl WorkCalendar {
    /// Whether `date` is worked. A date listed both as a holiday and as an
    /// extra working day (which validation refuses) counts as a holiday.
    pub fn is_working_day(&self, date: Date) -> bool {
        !self.holidays.contains(&date)
            && (self.extra_working_days.contains(&date) || self.working_weekdays.contains(&date.weekday()))
    }

    /// Whether `at` falls inside the working hours of a working day, in the
    /// local time of `zone`. The end of the working day is already outside.
    pub fn is_working_time(&self, at: Timestamp, zone: &impl Zone) -> bool {
        self.is_working_day(local_date(zone, at)) && self.hours.contains(local_minute_of_day(zone, at))
    }

    /// The earliest start of a working period at or after `at`: the same
    /// day's start when `at` is a working morning before it, otherwise the
    /// start of the next working day. `None` only for a calendar with no
    /// working day ahead, which validation refuses.
    pub fn next_working_start(&self, at: Timestamp, zone: &impl Zone) -> Option<Timestamp> {
        let today = local_date(zone, at);
        let start_today = at_local(zone, today, self.hours.start_minute);
        if self.is_working_day(today) && start_today >= at {
            return Some(start_today);
        }
        let day = self.next_working_day_after(today)?;
        Some(at_local(zone, day, self.hours.start_minute))
    }

    /// `at` itself during working time, otherwise the next working start.
    fn moved_into_working_time(&self, at: Timestamp, zone: &impl Zone) -> Option<Timestamp> {
        if self.is_working_time(at, zone) {
            Some(at)
        } else {
            self.next_working_start(at, zone)
        }
    }

    /// The first working day after `date`. The search is bounded so that a
    /// calendar with no working days (corrupted or unvalidated) cannot loop:
    /// a worked weekday recurs every 7 days and each holiday can cancel only
    /// one occurrence, and extra working days are checked up to the last one.
    fn next_working_day_after(&self, date: Date) -> Option<Date> {
        let last_extra = self.extra_working_days.iter().map(|day| day.days_since_epoch()).max();
        let until_last_extra = last_extra.map_or(0, |last| last - date.days_since_epoch());
        let horizon = (7 * (self.holidays.len() as i64 + 1)).max(until_last_extra);
        (1..=horizon).map(|offset| date.add_days(offset)).find(|day| self.is_working_day(*day))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::zone::FixedOffset;

    pub const MOSCOW: FixedOffset = FixedOffset(180);
    pub const NEW_YORK: FixedOffset = FixedOffset(-300);

    pub fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// The instant of a local wall-clock time in `zone`, e.g. `local(&MOSCOW, "2026-11-27", "09:30")`.
    pub fn local(zone: &impl Zone, day: &str, time: &str) -> Timestamp {
        let (hours, minutes) = time.split_once(':').unwrap();
        at_local(zone, date(day), hours.parse::<u32>().unwrap() * 60 + minutes.parse::<u32>().unwrap())
    }

    #[test]
    fn the_default_calendar_works_monday_to_friday_nine_to_six() {
        let calendar = WorkCalendar::default();
        assert!(calendar.is_working_day(date("2026-11-27")), "Friday");
        assert!(!calendar.is_working_day(date("2026-11-28")), "Saturday");
        assert!(!calendar.is_working_day(date("2026-11-29")), "Sunday");
        assert!(calendar.is_working_day(date("2026-11-30")), "Monday");
        assert_eq!(calendar.hours, WorkingHours { start_minute: 540, end_minute: 1080 });
    }

    #[test]
    fn a_holiday_on_a_weekday_is_not_worked_and_a_moved_saturday_is() {
        let calendar = WorkCalendar {
            holidays: vec![date("2025-11-03"), date("2025-11-04")],
            extra_working_days: vec![date("2025-11-01")],
            ..WorkCalendar::default()
        };
        assert!(calendar.is_working_day(date("2025-11-01")), "the Saturday made a working day");
        assert!(!calendar.is_working_day(date("2025-11-02")), "an ordinary Sunday");
        assert!(!calendar.is_working_day(date("2025-11-03")), "a Monday off");
        assert!(calendar.is_working_day(date("2025-11-05")));
    }

    #[test]
    fn a_date_both_off_and_worked_counts_as_off() {
        let both = date("2026-11-27");
        let calendar =
            WorkCalendar { holidays: vec![both], extra_working_days: vec![both], ..WorkCalendar::default() };
        assert!(!calendar.is_working_day(both));
    }

    #[test]
    fn working_time_starts_at_the_start_and_stops_at_the_end_minute() {
        let calendar = WorkCalendar::default();
        assert!(!calendar.is_working_time(local(&MOSCOW, "2026-11-27", "08:59"), &MOSCOW));
        assert!(calendar.is_working_time(local(&MOSCOW, "2026-11-27", "09:00"), &MOSCOW));
        assert!(calendar.is_working_time(local(&MOSCOW, "2026-11-27", "17:59"), &MOSCOW));
        assert!(!calendar.is_working_time(local(&MOSCOW, "2026-11-27", "18:00"), &MOSCOW));
        assert!(!calendar.is_working_time(local(&MOSCOW, "2026-11-28", "12:00"), &MOSCOW), "Saturday");
    }

    #[test]
    fn working_time_is_judged_on_the_local_clock_of_the_zone() {
        let calendar = WorkCalendar::default();
        // Friday 16:00 UTC: 19:00 in Moscow, 11:00 in New York.
        let instant = local(&FixedOffset(0), "2026-11-27", "16:00");
        assert!(!calendar.is_working_time(instant, &MOSCOW));
        assert!(calendar.is_working_time(instant, &NEW_YORK));
    }

    #[test]
    fn the_next_start_on_a_working_morning_is_that_day() {
        let calendar = WorkCalendar::default();
        let morning = local(&MOSCOW, "2026-11-27", "06:15");
        assert_eq!(
            calendar.next_working_start(morning, &MOSCOW),
            Some(local(&MOSCOW, "2026-11-27", "09:00"))
        );
        let start = local(&MOSCOW, "2026-11-27", "09:00");
        assert_eq!(calendar.next_working_start(start, &MOSCOW), Some(start), "the start itself counts");
    }

    #[test]
    fn the_next_start_after_the_day_has_begun_is_the_next_working_day() {
        let calendar = WorkCalendar::default();
        let friday_noon = local(&NEW_YORK, "2026-11-27", "12:00");
        assert_eq!(
            calendar.next_working_start(friday_noon, &NEW_YORK),
            Some(local(&NEW_YORK, "2026-11-30", "09:00")),
            "over the weekend to Monday"
        );
    }

    #[test]
    fn the_next_start_skips_holidays_across_the_year_end() {
        let mut holidays = vec![date("2026-12-31")];
        holidays.extend((1..=8).map(|day| date(&format!("2027-01-{day:02}"))));
        let calendar = WorkCalendar { holidays, ..WorkCalendar::default() };
        let evening = local(&MOSCOW, "2026-12-30", "19:00");
        assert_eq!(
            calendar.next_working_start(evening, &MOSCOW),
            Some(local(&MOSCOW, "2027-01-11", "09:00"))
        );
    }

    #[test]
    fn a_calendar_without_working_days_has_no_next_start_and_does_not_hang() {
        let calendar = WorkCalendar {
            working_weekdays: Vec::new(),
            holidays: vec![date("2026-12-01")],
            ..WorkCalendar::default()
        };
        assert_eq!(calendar.next_working_start(local(&MOSCOW, "2026-11-27", "10:00"), &MOSCOW), None);
    }

    #[test]
    fn an_extra_working_day_far_ahead_is_found_without_working_weekdays() {
        let calendar = WorkCalendar {
            working_weekdays: Vec::new(),
            extra_working_days: vec![date("2027-03-06")],
            ..WorkCalendar::default()
        };
        assert_eq!(
            calendar.next_working_start(local(&MOSCOW, "2026-11-27", "10:00"), &MOSCOW),
            Some(local(&MOSCOW, "2027-03-06", "09:00"))
        );
    }

    #[test]
    fn a_calendar_survives_a_json_round_trip_with_readable_weekdays() {
        let calendar = WorkCalendar { holidays: vec![date("2027-01-01")], ..WorkCalendar::default() };
        let json = serde_json::to_string(&calendar).unwrap();
        assert!(json.contains(r#""working_weekdays":["monday","tuesday","wednesday","thursday","friday"]"#));
        assert_eq!(serde_json::from_str::<WorkCalendar>(&json).unwrap(), calendar);
    }
}
