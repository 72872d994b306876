//! `dela_core::zone` against the IANA time zone database, with jiff (and the
//! copy of the database it bundles) as the reference. The browser tells the
//! core only the offset at an instant; from that alone the core must find
//! local midnights and wall-clock times as Temporal and jiff do with the
//! "compatible" rule: a time skipped by a gap moves later by the gap's
//! length, a time that occurs twice is the first occurrence.

use std::collections::HashSet;

use dela_core::date::Date;
use dela_core::zone::{
    at_local, format_local_datetime, local_date, local_minute_of_day, parse_local_datetime, start_of_day,
    Zone,
};
use dela_core::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};

/// An IANA zone seen as the app sees the browser's: only the offset at an
/// instant.
struct Iana(TimeZone);

impl Iana {
    fn get(name: &str) -> Self {
        Self(TimeZone::get(name).unwrap())
    }

    /// What jiff makes of a local time: the reference answer. Checked to
    /// read back as that local time (a time in a gap reads later), so that a
    /// slip of the reference fails here rather than passing as the truth.
    fn compatible(&self, date: Date, minute_of_day: u32) -> Timestamp {
        let local = civil(date, minute_of_day);
        let ambiguous = self.0.to_ambiguous_timestamp(local);
        let instant = ambiguous.compatible().unwrap();
        if !matches!(ambiguous.offset(), AmbiguousOffset::Gap { .. }) {
            assert_eq!(
                self.0.to_datetime(instant),
                local,
                "jiff reads {instant} back in {:?}",
                self.0.iana_name()
            );
        }
        Timestamp(instant.as_millisecond())
    }
}

impl Zone for Iana {
    fn offset_minutes(&self, at: Timestamp) -> i32 {
        let seconds = self.0.to_offset(instant(at)).seconds();
        assert_eq!(seconds % 60, 0, "{:?} has an offset of {seconds} s at {at:?}", self.0.iana_name());
        seconds / 60
    }
}

fn instant(at: Timestamp) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(at.millis()).unwrap()
}

fn civil(date: Date, minute_of_day: u32) -> DateTime {
    let (hour, minute) = ((minute_of_day / 60) as i8, (minute_of_day % 60) as i8);
    jiff::civil::date(date.year as i16, date.month as i8, date.day as i8).at(hour, minute, 0, 0)
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn utc(day: &str, hour: i64, minute: i64) -> Timestamp {
    Timestamp(
        date(day).days_since_epoch() * Timestamp::DAY + hour * Timestamp::HOUR + minute * Timestamp::MINUTE,
    )
}

fn local(zone: &Iana, day: &str, hour: u32, minute: u32) -> Timestamp {
    at_local(zone, date(day), hour * 60 + minute)
}

#[test]
fn new_york_gap_moves_skipped_times_an_hour_later() {
    // 2026-03-08 02:00 EST becomes 03:00 EDT (07:00 UTC).
    let zone = Iana::get("America/New_York");
    assert_eq!(local(&zone, "2026-03-08", 1, 59), utc("2026-03-08", 6, 59));
    assert_eq!(local(&zone, "2026-03-08", 2, 0), utc("2026-03-08", 7, 0));
    assert_eq!(local(&zone, "2026-03-08", 2, 30), utc("2026-03-08", 7, 30), "03:30 EDT");
    assert_eq!(local(&zone, "2026-03-08", 3, 0), utc("2026-03-08", 7, 0));
    assert_eq!(parse_local_datetime(&zone, "2026-03-08T02:30"), Some(utc("2026-03-08", 7, 30)));
    assert_eq!(format_local_datetime(&zone, utc("2026-03-08", 7, 30)), "2026-03-08T03:30");
    assert_eq!(start_of_day(&zone, date("2026-03-08")), utc("2026-03-08", 5, 0));
}

#[test]
fn new_york_overlap_takes_the_first_occurrence() {
    // 2026-11-01 02:00 EDT becomes 01:00 EST (06:00 UTC): 01:xx happens twice.
    let zone = Iana::get("America/New_York");
    assert_eq!(local(&zone, "2026-11-01", 0, 59), utc("2026-11-01", 4, 59));
    assert_eq!(local(&zone, "2026-11-01", 1, 30), utc("2026-11-01", 5, 30), "01:30 EDT");
    assert_eq!(local(&zone, "2026-11-01", 2, 0), utc("2026-11-01", 7, 0));
    assert_eq!(
        format_local_datetime(&zone, utc("2026-11-01", 6, 30)),
        "2026-11-01T01:30",
        "the second 01:30"
    );
    let day =
        start_of_day(&zone, date("2026-11-02")).millis() - start_of_day(&zone, date("2026-11-01")).millis();
    assert_eq!(day, 25 * Timestamp::HOUR);
}

#[test]
fn santiago_day_of_daylight_saving_starts_at_one() {
    // Chile moves from -04 to -03 at the midnight starting 2026-09-06, so
    // that day has no 00:xx and starts at 01:00 -03 (04:00 UTC), not at
    // 23:00 of the day before.
    let zone = Iana::get("America/Santiago");
    let start = start_of_day(&zone, date("2026-09-06"));
    assert_eq!(start, utc("2026-09-06", 4, 0));
    assert_eq!(local_date(&zone, start), date("2026-09-06"));
    assert_eq!(local_minute_of_day(&zone, start), 60);
    assert_eq!(start.millis() - start_of_day(&zone, date("2026-09-05")).millis(), 24 * Timestamp::HOUR);
    assert_eq!(start_of_day(&zone, date("2026-09-07")).millis() - start.millis(), 23 * Timestamp::HOUR);
    // Back to -04 at the midnight starting 2026-04-05: 23:xx of 04-04 repeats
    // and the Sunday's 00:00 happens once, at -04.
    assert_eq!(local(&zone, "2026-04-04", 23, 30), utc("2026-04-05", 2, 30), "23:30 -03");
    assert_eq!(start_of_day(&zone, date("2026-04-05")), utc("2026-04-05", 4, 0));
}

#[test]
fn havana_day_of_daylight_saving_starts_at_one() {
    // Cuba moves from -05 to -04 at the midnight starting 2026-03-08. It
    // moved back at 01:00 on 2025-11-02, so 00:xx of that day happened twice.
    let zone = Iana::get("America/Havana");
    assert_eq!(start_of_day(&zone, date("2026-03-08")), utc("2026-03-08", 5, 0), "01:00 -04");
    assert_eq!(start_of_day(&zone, date("2025-11-02")), utc("2025-11-02", 4, 0), "the first 00:00, -04");
    assert_eq!(start_of_day(&zone, date("2025-11-03")), utc("2025-11-03", 5, 0));
}

#[test]
fn zones_east_of_utc_follow_the_same_rule() {
    // Berlin: 02:00 CET becomes 03:00 CEST on 2026-03-29; 03:00 CEST
    // becomes 02:00 CET on 2026-10-25.
    let berlin = Iana::get("Europe/Berlin");
    assert_eq!(local(&berlin, "2026-03-29", 2, 30), utc("2026-03-29", 1, 30), "03:30 CEST");
    assert_eq!(local(&berlin, "2026-10-25", 2, 30), utc("2026-10-25", 0, 30), "02:30 CEST");
    assert_eq!(start_of_day(&berlin, date("2026-03-29")), utc("2026-03-28", 23, 0));
    // Beirut (+02/+03) changes at midnight, so its spring day starts at 01:00.
    let beirut = Iana::get("Asia/Beirut");
    assert_eq!(start_of_day(&beirut, date("2026-03-29")), utc("2026-03-28", 22, 0), "01:00 +03");
    // Lord Howe's gap is half an hour: 02:00 +10:30 becomes 02:30 +11.
    let lord_howe = Iana::get("Australia/Lord_Howe");
    assert_eq!(local(&lord_howe, "2026-10-04", 2, 15), utc("2026-10-03", 15, 45), "02:45 +11");
}

/// The years checked against the whole database.
const FIRST_YEAR: i32 = 2020;
const LAST_YEAR: i32 = 2035;

/// Zones whose offsets are the same over the years checked, from two days
/// before the first to two days after the last (more than `at_local` may
/// look at), give the same answers, so each such behaviour is checked once:
/// the database has about 600 names but under a hundred behaviours, and so
/// the test takes seconds.
fn behaviour(tz: &TimeZone, from: Timestamp, to: Timestamp) -> (i32, Vec<(i64, i32)>) {
    let transitions = tz
        .following(instant(from))
        .take_while(|transition| transition.timestamp() < instant(to))
        .map(|transition| (transition.timestamp().as_millisecond(), transition.offset().seconds()))
        .collect();
    (tz.to_offset(instant(from)).seconds(), transitions)
}

/// Checks the instant found for a local time.
fn check_local(zone: &Iana, name: &str, date: Date, minute_of_day: u32) -> Timestamp {
    let found = at_local(zone, date, minute_of_day);
    assert_eq!(found, zone.compatible(date, minute_of_day), "{name} {date} minute {minute_of_day}");
    found
}

/// Checks a local time typed into a `datetime-local` input: the instant
/// read from it, and how that instant is shown back.
fn check_typed(zone: &Iana, name: &str, date: Date, minute_of_day: u32) {
    let found = check_local(zone, name, date, minute_of_day);
    let text = civil(date, minute_of_day).strftime("%Y-%m-%dT%H:%M").to_string();
    assert_eq!(parse_local_datetime(zone, &text), Some(found), "{name} {text}");
    check_instant(zone, name, found);
}

/// Checks what the user's clock reads at an instant.
fn check_instant(zone: &Iana, name: &str, at: Timestamp) {
    let reading = zone.0.to_datetime(instant(at));
    let minute = reading.hour() as u32 * 60 + reading.minute() as u32;
    assert_eq!(local_date(zone, at).to_string(), reading.date().to_string(), "{name} {at:?}");
    assert_eq!(local_minute_of_day(zone, at), minute, "{name} {at:?}");
    let text = reading.strftime("%Y-%m-%dT%H:%M").to_string();
    assert_eq!(format_local_datetime(zone, at), text, "{name} {at:?}");
}

fn local_time(local_millis: i64) -> (Date, u32) {
    let date = Date::from_days_since_epoch(local_millis.div_euclid(Timestamp::DAY));
    (date, (local_millis.rem_euclid(Timestamp::DAY) / Timestamp::MINUTE) as u32)
}

#[test]
fn every_iana_zone_agrees_with_jiff_on_every_day_and_transition() {
    let first = Date::new(FIRST_YEAR, 1, 1).unwrap();
    let last = Date::new(LAST_YEAR, 12, 31).unwrap();
    let from = Timestamp(first.add_days(-2).days_since_epoch() * Timestamp::DAY);
    let to = Timestamp(last.add_days(3).days_since_epoch() * Timestamp::DAY);
    let mut seen = HashSet::new();
    let (mut names, mut transitions_checked) = (0, 0);
    for name in jiff::tz::db().available() {
        names += 1;
        let name = name.as_str();
        let zone = Iana::get(name);
        let key = behaviour(&zone.0, from, to);
        let transitions = key.1.clone();
        if !seen.insert(key) {
            continue;
        }
        // Every day's midnight, and three more minutes a day that step
        // through every minute of the day over the years (97 is prime to
        // 1440); one of them also as typed into an input, the slower check.
        for day in first.days_since_epoch()..=last.days_since_epoch() {
            let date = Date::from_days_since_epoch(day);
            assert_eq!(start_of_day(&zone, date), zone.compatible(date, 0), "{name} {date}");
            let minute = |k: i64| (day * 97 + k * 480).rem_euclid(1440) as u32;
            check_typed(&zone, name, date, minute(0));
            check_local(&zone, name, date, minute(1));
            check_local(&zone, name, date, minute(2));
        }
        // Every transition: the local times at and around both edges of its
        // gap or overlap, one inside, and the instants around it.
        for (at, offset_after) in transitions {
            let at = Timestamp(at);
            let offset_before = zone.0.to_offset(instant(Timestamp(at.millis() - 1))).seconds();
            let (edge_a, edge_b) =
                (at.millis() + i64::from(offset_before) * 1000, at.millis() + i64::from(offset_after) * 1000);
            let (low, high) = (edge_a.min(edge_b), edge_a.max(edge_b));
            let minute = Timestamp::MINUTE;
            for local in [low - minute, low, (low + high) / 2, high - minute, high] {
                let (date, minute_of_day) = local_time(local);
                check_typed(&zone, name, date, minute_of_day);
            }
            for instant in [at.millis() - minute, at.millis() - 1, at.millis(), at.millis() + minute] {
                check_instant(&zone, name, Timestamp(instant));
            }
            transitions_checked += 1;
        }
    }
    eprintln!("{names} zones, {} of distinct offsets, {transitions_checked} transitions", seen.len());
    assert!(
        names > 500 && seen.len() > 50,
        "{names} zones, {} distinct: is the database bundled?",
        seen.len()
    );
}
