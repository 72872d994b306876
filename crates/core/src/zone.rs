//! Local time for a user: day boundaries and wall-clock times in their time
//! zone. The core has no time zone database; the app supplies the offset
//! (the browser knows it, daylight saving included) through [`Zone`].

use crate::date::Date;
use crate::Timestamp;

/// The user's time zone as the offset from UTC in effect at an instant.
pub trait Zone {
    /// Minutes east of UTC at `at` (Moscow: +180).
    fn offset_minutes(&self, at: Timestamp) -> i32;
}

/// A zone with one offset all year; tests and zones without daylight saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedOffset(pub i32);

impl Zone for FixedOffset {
    fn offset_minutes(&self, _at: Timestamp) -> i32 {
        self.0
    }
}

fn offset_millis(zone: &impl Zone, at: Timestamp) -> i64 {
    i64::from(zone.offset_minutes(at)) * Timestamp::MINUTE
}

/// The local date at an instant.
pub fn local_date(zone: &impl Zone, at: Timestamp) -> Date {
    let local = at.millis() + offset_millis(zone, at);
    Date::from_days_since_epoch(local.div_euclid(Timestamp::DAY))
}

/// Minutes since local midnight at an instant.
pub fn local_minute_of_day(zone: &impl Zone, at: Timestamp) -> u32 {
    let local = at.millis() + offset_millis(zone, at);
    (local.rem_euclid(Timestamp::DAY) / Timestamp::MINUTE) as u32
}

/// The instant a local wall-clock time occurs, by the "compatible" rule of
/// Temporal and jiff, which is what a person expects of a clock: a time
/// skipped by a daylight-saving gap moves later by the gap's length (02:30 in
/// a 02:00→03:00 gap is 03:30 in the new offset), and a time that occurs
/// twice in an overlap is its first occurrence (the earlier offset). So a day
/// that starts with a gap, as in Santiago or Havana, starts at 01:00.
///
/// The instant is within a day of the local time read as UTC, because
/// offsets are under a day, and no zone of the IANA database changes its
/// offset twice within two days, so the offsets a day either side are the
/// only two candidates. Most days both are the same and two offset look-ups
/// (what the browser answers) settle it; a change costs one more.
pub fn at_local(zone: &impl Zone, date: Date, minute_of_day: u32) -> Timestamp {
    let local = date.days_since_epoch() * Timestamp::DAY + i64::from(minute_of_day) * Timestamp::MINUTE;
    let before = offset_millis(zone, Timestamp(local - Timestamp::DAY));
    let after = offset_millis(zone, Timestamp(local + Timestamp::DAY));
    // The larger offset gives the earlier instant. It is the answer if the
    // zone has that offset then: before an overlap ends (the first
    // occurrence) or after a gap. Otherwise the smaller offset is: after an
    // overlap, before a gap, and inside a gap, where it reads as the local
    // time plus the gap in the new offset.
    let (larger, smaller) = (before.max(after), before.min(after));
    let earlier = Timestamp(local - larger);
    if larger == smaller || offset_millis(zone, earlier) == larger {
        earlier
    } else {
        Timestamp(local - smaller)
    }
}

/// The instant the local day of `date` starts.
pub fn start_of_day(zone: &impl Zone, date: Date) -> Timestamp {
    at_local(zone, date, 0)
}

/// The value of an HTML `datetime-local` input (`2026-11-26T09:30`) for an
/// instant, in the user's zone.
pub fn format_local_datetime(zone: &impl Zone, at: Timestamp) -> String {
    let minutes = local_minute_of_day(zone, at);
    format!("{}T{:02}:{:02}", local_date(zone, at), minutes / 60, minutes % 60)
}

/// Reads a `datetime-local` value (seconds, if any, are ignored).
pub fn parse_local_datetime(zone: &impl Zone, text: &str) -> Option<Timestamp> {
    let (date, time) = text.trim().split_once('T')?;
    let date = Date::parse(date)?;
    let mut parts = time.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    (hour < 24 && minute < 60).then(|| at_local(zone, date, hour * 60 + minute))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOSCOW: FixedOffset = FixedOffset(180);
    const NEW_YORK: FixedOffset = FixedOffset(-300);

    fn utc(date: &str, hour: i64, minute: i64) -> Timestamp {
        let day = Date::parse(date).unwrap().days_since_epoch();
        Timestamp(day * Timestamp::DAY + hour * Timestamp::HOUR + minute * Timestamp::MINUTE)
    }

    #[test]
    fn the_local_date_depends_on_the_zone() {
        let instant = utc("2026-11-26", 22, 30);
        assert_eq!(local_date(&MOSCOW, instant), Date::parse("2026-11-27").unwrap());
        assert_eq!(local_date(&FixedOffset(0), instant), Date::parse("2026-11-26").unwrap());
        assert_eq!(local_date(&NEW_YORK, utc("2026-11-26", 3, 0)), Date::parse("2026-11-25").unwrap());
    }

    #[test]
    fn local_midnight_is_found_in_utc() {
        let date = Date::parse("2026-11-27").unwrap();
        assert_eq!(start_of_day(&MOSCOW, date), utc("2026-11-26", 21, 0));
        assert_eq!(start_of_day(&NEW_YORK, date), utc("2026-11-27", 5, 0));
    }

    #[test]
    fn wall_clock_times_round_trip() {
        let date = Date::parse("2026-03-01").unwrap();
        let instant = at_local(&MOSCOW, date, 9 * 60 + 30);
        assert_eq!(local_date(&MOSCOW, instant), date);
        assert_eq!(local_minute_of_day(&MOSCOW, instant), 570);
    }

    #[test]
    fn datetime_inputs_round_trip_in_the_users_zone() {
        let instant = utc("2026-11-26", 6, 30);
        assert_eq!(format_local_datetime(&MOSCOW, instant), "2026-11-26T09:30");
        assert_eq!(parse_local_datetime(&MOSCOW, "2026-11-26T09:30"), Some(instant));
        assert_eq!(parse_local_datetime(&MOSCOW, "2026-11-26T09:30:15"), Some(instant));
        for bad in ["", "2026-11-26", "2026-11-26T25:00", "2026-02-30T10:00", "tomorrow"] {
            assert_eq!(parse_local_datetime(&MOSCOW, bad), None, "{bad}");
        }
    }

    /// A zone that moves from +60 to +120 at 2026-03-29 01:00 UTC, as
    /// central Europe does.
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
    fn days_around_a_daylight_saving_change_start_at_local_midnight() {
        let before = start_of_day(&Cet, Date::parse("2026-03-29").unwrap());
        let after = start_of_day(&Cet, Date::parse("2026-03-30").unwrap());
        assert_eq!(before, utc("2026-03-28", 23, 0));
        assert_eq!(after, utc("2026-03-29", 22, 0));
        assert_eq!(after.millis() - before.millis(), 23 * Timestamp::HOUR, "that day is 23 hours long");
    }
}
