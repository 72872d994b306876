//! "After N business days": the deadline rule of robots and reminders
//! (notify the head if a VIP client's invoice is unpaid after 2 business days).

use super::WorkCalendar;
use crate::zone::{at_local, local_date, local_minute_of_day, Zone};
use crate::Timestamp;

impl WorkCalendar {
    /// The moment N business days after `from`, in the local time of `zone`.
    ///
    /// The rule, as the help text can say it:
    /// 1. If `from` is outside working time (evening, night, early morning,
    ///    a weekend or a holiday), counting starts at the beginning of the
    ///    next working day; before the start of a working day, that is the
    ///    start of the same day.
    /// 2. Then N working days are stepped over, skipping weekends and
    ///    holidays (and counting weekend days made working), keeping the
    ///    time of day on the clock.
    /// 3. If that time does not exist or is outside working hours on the
    ///    day reached (only possible around a daylight-saving change), the
    ///    result moves to the next working start.
    ///
    /// Consequences: with N = 0 the result is `from` itself during working
    /// time and the next working start otherwise. The end of the working day
    /// (18:00) is already after hours, so Friday 18:00 plus one day is
    /// Tuesday 09:00. Friday 10:00 plus two days is Tuesday 10:00: the time
    /// of day is kept on the wall clock even across a daylight-saving change,
    /// so the elapsed hours may differ by the shift.
    ///
    /// `None` only for a calendar with no working day ahead, which
    /// validation refuses.
    pub fn add_business_days(&self, from: Timestamp, days: u32, zone: &impl Zone) -> Option<Timestamp> {
        let start = self.moved_into_working_time(from, zone)?;
        let minute = local_minute_of_day(zone, start);
        let mut day = local_date(zone, start);
        for _ in 0..days {
            day = self.next_working_day_after(day)?;
        }
        self.moved_into_working_time(at_local(zone, day, minute), zone)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{date, local, MOSCOW, NEW_YORK};
    use super::super::WorkingHours;
    use super::*;
    use crate::zone::FixedOffset;

    fn plus(calendar: &WorkCalendar, from: Timestamp, days: u32) -> Timestamp {
        calendar.add_business_days(from, days, &MOSCOW).expect("the calendar has working days")
    }

    fn moscow(day: &str, time: &str) -> Timestamp {
        local(&MOSCOW, day, time)
    }

    #[test]
    fn working_time_keeps_the_time_of_day() {
        let calendar = WorkCalendar::default();
        assert_eq!(plus(&calendar, moscow("2026-11-24", "10:30"), 2), moscow("2026-11-26", "10:30"));
    }

    #[test]
    fn weekends_are_stepped_over() {
        let calendar = WorkCalendar::default();
        assert_eq!(plus(&calendar, moscow("2026-11-27", "10:00"), 1), moscow("2026-11-30", "10:00"));
        assert_eq!(plus(&calendar, moscow("2026-11-27", "10:00"), 2), moscow("2026-12-01", "10:00"));
        assert_eq!(plus(&calendar, moscow("2026-11-24", "10:00"), 10), moscow("2026-12-08", "10:00"));
    }

    #[test]
    fn zero_days_during_working_time_is_the_same_moment() {
        let calendar = WorkCalendar::default();
        let during = moscow("2026-11-27", "17:59");
        assert_eq!(plus(&calendar, during, 0), during);
    }

    #[test]
    fn zero_days_out_of_hours_is_the_next_working_start() {
        let calendar = WorkCalendar::default();
        assert_eq!(plus(&calendar, moscow("2026-11-27", "18:00"), 0), moscow("2026-11-30", "09:00"));
        assert_eq!(plus(&calendar, moscow("2026-11-26", "07:00"), 0), moscow("2026-11-26", "09:00"));
    }

    #[test]
    fn the_end_of_the_working_day_counts_from_the_next_morning() {
        let calendar = WorkCalendar::default();
        assert_eq!(plus(&calendar, moscow("2026-11-24", "18:00"), 1), moscow("2026-11-26", "09:00"));
    }

    #[test]
    fn an_evening_start_counts_from_the_next_morning() {
        let calendar = WorkCalendar::default();
        assert_eq!(plus(&calendar, moscow("2026-11-24", "20:15"), 1), moscow("2026-11-26", "09:00"));
    }

    #[test]
    fn a_night_or_early_morning_start_counts_from_that_morning() {
        let calendar = WorkCalendar::default();
        assert_eq!(plus(&calendar, moscow("2026-11-25", "02:00"), 1), moscow("2026-11-26", "09:00"));
        assert_eq!(plus(&calendar, moscow("2026-11-25", "08:59"), 1), moscow("2026-11-26", "09:00"));
    }

    #[test]
    fn a_weekend_start_counts_from_monday_morning() {
        let calendar = WorkCalendar::default();
        assert_eq!(plus(&calendar, moscow("2026-11-28", "12:00"), 1), moscow("2026-12-01", "09:00"));
        assert_eq!(plus(&calendar, moscow("2026-11-29", "23:59"), 0), moscow("2026-11-30", "09:00"));
    }

    #[test]
    fn holidays_on_weekdays_are_stepped_over() {
        let calendar = WorkCalendar { holidays: vec![date("2026-11-27")], ..WorkCalendar::default() };
        assert_eq!(plus(&calendar, moscow("2026-11-26", "16:00"), 1), moscow("2026-11-30", "16:00"));
        assert_eq!(plus(&calendar, moscow("2026-11-27", "11:00"), 0), moscow("2026-11-30", "09:00"));
    }

    #[test]
    fn a_saturday_made_working_is_counted_and_the_moved_days_off_are_not() {
        let calendar = WorkCalendar {
            holidays: vec![date("2025-11-03"), date("2025-11-04")],
            extra_working_days: vec![date("2025-11-01")],
            ..WorkCalendar::default()
        };
        assert_eq!(plus(&calendar, moscow("2025-10-31", "10:00"), 1), moscow("2025-11-01", "10:00"));
        assert_eq!(plus(&calendar, moscow("2025-10-31", "10:00"), 2), moscow("2025-11-05", "10:00"));
        assert_eq!(plus(&calendar, moscow("2025-11-01", "12:00"), 0), moscow("2025-11-01", "12:00"));
    }

    #[test]
    fn new_year_holidays_spanning_the_year_end_are_stepped_over() {
        let mut holidays = vec![date("2026-12-31")];
        holidays.extend((1..=8).map(|day| date(&format!("2027-01-{day:02}"))));
        let calendar = WorkCalendar { holidays, ..WorkCalendar::default() };
        assert_eq!(plus(&calendar, moscow("2026-12-30", "15:00"), 1), moscow("2027-01-11", "15:00"));
        assert_eq!(plus(&calendar, moscow("2027-01-03", "10:00"), 2), moscow("2027-01-13", "09:00"));
    }

    #[test]
    fn an_unpaid_vip_invoice_is_escalated_after_two_business_days() {
        let calendar = WorkCalendar::default();
        let issued = moscow("2026-11-26", "16:00");
        assert_eq!(plus(&calendar, issued, 2), moscow("2026-11-30", "16:00"), "Thursday to Monday");
    }

    #[test]
    fn the_same_instant_gives_different_deadlines_in_moscow_and_new_york() {
        let calendar = WorkCalendar::default();
        // Friday 16:00 UTC: after hours in Moscow (19:00), working time in New York (11:00).
        let instant = local(&FixedOffset(0), "2026-11-27", "16:00");
        assert_eq!(calendar.add_business_days(instant, 1, &MOSCOW), Some(moscow("2026-12-01", "09:00")));
        assert_eq!(
            calendar.add_business_days(instant, 1, &NEW_YORK),
            Some(local(&NEW_YORK, "2026-11-30", "11:00"))
        );
    }

    #[test]
    fn a_late_utc_evening_is_already_the_next_morning_in_moscow() {
        let calendar = WorkCalendar::default();
        // Thursday 22:00 UTC is Friday 01:00 in Moscow: counting starts Friday 09:00.
        let instant = local(&FixedOffset(0), "2026-11-26", "22:00");
        assert_eq!(plus(&calendar, instant, 1), moscow("2026-11-30", "09:00"));
    }

    /// Central Europe: +60, then +120 from 2026-03-29 01:00 UTC (02:00 local becomes 03:00).
    struct Cet;
    impl Zone for Cet {
        fn offset_minutes(&self, at: Timestamp) -> i32 {
            if at < local(&FixedOffset(0), "2026-03-29", "01:00") {
                60
            } else {
                120
            }
        }
    }

    #[test]
    fn the_wall_clock_time_is_kept_across_a_daylight_saving_change() {
        let calendar = WorkCalendar::default();
        let friday = local(&Cet, "2026-03-27", "10:00");
        let monday = calendar.add_business_days(friday, 1, &Cet).unwrap();
        assert_eq!(monday, local(&Cet, "2026-03-30", "10:00"));
        assert_eq!(monday.millis() - friday.millis(), 71 * Timestamp::HOUR, "one hour was skipped");
    }

    #[test]
    fn a_time_skipped_by_daylight_saving_is_moved_into_working_hours() {
        // A night shift 01:00–02:30, every day; on 2026-03-29 the clock jumps from 02:00 to 03:00.
        let calendar = WorkCalendar {
            working_weekdays: crate::date::Weekday::ALL.to_vec(),
            hours: WorkingHours { start_minute: 60, end_minute: 150 },
            ..WorkCalendar::default()
        };
        let saturday = local(&Cet, "2026-03-28", "02:15");
        assert_eq!(
            calendar.add_business_days(saturday, 1, &Cet),
            Some(local(&Cet, "2026-03-30", "01:00")),
            "Sunday 02:15 does not exist and 03:15 is after hours"
        );
    }
}
