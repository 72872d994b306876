//! When a robot runs, counted from the moment its stage was entered (or,
//! for a robot waiting for the previous one, from when that one finished).

use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::code::codes;
use crate::fields::{Value, Values};
use crate::zone::{at_local, local_date, local_minute_of_day, Zone};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Minutes,
    Hours,
    /// Calendar days, keeping the time on the local clock.
    Days,
    /// Working days of the work calendar (see
    /// [`WorkCalendar::add_business_days`] for the exact rule).
    BusinessDays,
}

codes!(Unit { Minutes => "minutes", Hours => "hours", Days => "days", BusinessDays => "business_days" });

/// A span of time: robot delays, task and activity deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delay {
    pub amount: u32,
    pub unit: Unit,
}

impl Delay {
    pub fn new(amount: u32, unit: Unit) -> Self {
        Self { amount, unit }
    }

    /// The moment the delay ends. Days keep the local wall-clock time across
    /// daylight-saving changes, as people expect of "in 3 days". A calendar
    /// without working days (which validation refuses) falls back to
    /// calendar days rather than never.
    pub fn after(self, from: Timestamp, calendar: &WorkCalendar, zone: &impl Zone) -> Timestamp {
        let amount = i64::from(self.amount);
        let days_later = || {
            let day = local_date(zone, from).add_days(amount);
            at_local(zone, day, local_minute_of_day(zone, from))
        };
        match self.unit {
            Unit::Minutes => from.plus_millis(amount * Timestamp::MINUTE),
            Unit::Hours => from.plus_millis(amount * Timestamp::HOUR),
            Unit::Days => days_later(),
            Unit::BusinessDays => {
                calendar.add_business_days(from, self.amount, zone).unwrap_or_else(days_later)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    Immediately,
    After(Delay),
    /// At the start of working hours on the date held by a deal date field,
    /// moved by `offset_days` (negative: before it), e.g. "a day before the
    /// delivery date". Follows the field when it changes.
    AtDate {
        field: Id,
        offset_days: i32,
    },
}

impl Timing {
    /// When a robot timed so is due, counting from `base`; never before
    /// `base`, so a date already past makes it due at once (and not "late").
    /// `None` while the date field is empty or holds no date.
    pub fn due(
        &self,
        base: Timestamp,
        fields: &Values,
        calendar: &WorkCalendar,
        zone: &impl Zone,
    ) -> Option<Timestamp> {
        match self {
            Timing::Immediately => Some(base),
            Timing::After(delay) => Some(delay.after(base, calendar, zone)),
            Timing::AtDate { field, offset_days } => match fields.get(field) {
                Some(Value::Date(date)) => {
                    let day = date.add_days(i64::from(*offset_days));
                    Some(at_local(zone, day, calendar.hours.start_minute).max(base))
                }
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::zone::FixedOffset;

    const MOSCOW: FixedOffset = FixedOffset(180);

    fn moscow(day: &str, hour: u32, minute: u32) -> Timestamp {
        at_local(&MOSCOW, Date::parse(day).unwrap(), hour * 60 + minute)
    }

    fn due(timing: &Timing, base: Timestamp, fields: &Values) -> Option<Timestamp> {
        timing.due(base, fields, &WorkCalendar::default(), &MOSCOW)
    }

    #[test]
    fn delays_in_minutes_hours_and_days() {
        let friday = moscow("2026-11-27", 17, 55);
        let calendar = WorkCalendar::default();
        let after = |amount, unit| Delay::new(amount, unit).after(friday, &calendar, &MOSCOW);
        assert_eq!(after(10, Unit::Minutes), moscow("2026-11-27", 18, 5));
        assert_eq!(after(2, Unit::Hours), moscow("2026-11-27", 19, 55));
        assert_eq!(after(3, Unit::Days), moscow("2026-11-30", 17, 55));
        assert_eq!(after(2, Unit::BusinessDays), moscow("2026-12-01", 17, 55), "over the weekend");
    }

    #[test]
    fn days_keep_the_wall_clock_across_a_daylight_saving_change() {
        struct Cet;
        impl Zone for Cet {
            fn offset_minutes(&self, at: Timestamp) -> i32 {
                if at < Timestamp(1_774_746_000_000) {
                    60
                } else {
                    120
                }
            }
        }
        let saturday = at_local(&Cet, Date::parse("2026-03-28").unwrap(), 10 * 60);
        let monday = Delay::new(2, Unit::Days).after(saturday, &WorkCalendar::default(), &Cet);
        assert_eq!(monday, at_local(&Cet, Date::parse("2026-03-30").unwrap(), 10 * 60));
        assert_eq!(monday.millis() - saturday.millis(), 47 * Timestamp::HOUR);
    }

    #[test]
    fn a_calendar_without_working_days_falls_back_to_calendar_days() {
        let calendar = WorkCalendar { working_weekdays: Vec::new(), ..WorkCalendar::default() };
        let from = moscow("2026-11-27", 10, 0);
        assert_eq!(
            Delay::new(2, Unit::BusinessDays).after(from, &calendar, &MOSCOW),
            moscow("2026-11-29", 10, 0)
        );
    }

    #[test]
    fn a_date_timing_follows_the_field_and_is_never_before_the_base() {
        let timing = Timing::AtDate { field: Id::from_static("delivery"), offset_days: -1 };
        let mut fields = Values::default();
        let base = moscow("2026-11-20", 15, 0);
        assert_eq!(due(&timing, base, &fields), None, "no date yet");
        fields.set(Id::from_static("delivery"), Some(Value::Date(Date::parse("2026-12-01").unwrap())));
        assert_eq!(due(&timing, base, &fields), Some(moscow("2026-11-30", 9, 0)));
        fields.set(Id::from_static("delivery"), Some(Value::Date(Date::parse("2026-11-01").unwrap())));
        assert_eq!(due(&timing, base, &fields), Some(base), "a past date is due at once");
        fields.set(Id::from_static("delivery"), Some(Value::Text("soon".into())));
        assert_eq!(due(&timing, base, &fields), None);
    }

    #[test]
    fn immediately_is_the_base_itself() {
        let base = moscow("2026-11-28", 3, 0);
        assert_eq!(due(&Timing::Immediately, base, &Values::default()), Some(base));
    }
}
