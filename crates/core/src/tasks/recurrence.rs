//! The calendar of a recurring task: which local dates its occurrences fall
//! on. Occurrence 1 is the first deadline's date, as the user chose it; the
//! rule gives the ones after. Everything is computed in closed form from the
//! start date, never by stepping from the previous occurrence, so a monthly
//! task on the 31st falls on Feb 28 and still on Mar 31, and a series that
//! ran for years costs no more to evaluate than a new one.

use serde::{Deserialize, Serialize};

use crate::date::{Date, Weekday};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub repeat: Repeat,
    pub end: End,
    /// How many days before its deadline an occurrence is created.
    pub lead_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    Days {
        every: u32,
    },
    /// On the chosen weekdays of every `every`-th week, counting weeks
    /// (Monday to Sunday) from the week of the first deadline.
    Weeks {
        every: u32,
        on: Vec<Weekday>,
    },
    /// On the first deadline's day of the month, or the month's last day
    /// when it is shorter.
    Months {
        every: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    Never,
    /// No occurrence after this date; one on it still happens.
    Until(Date),
    /// After this many occurrences, the first included.
    After(u32),
}

impl Repeat {
    /// How many occurrences fall on or before `limit`.
    pub(crate) fn count_through(&self, start: Date, limit: Date) -> u32 {
        if limit < start {
            return 0;
        }
        let count = match self {
            Self::Days { every } => {
                (limit.days_since_epoch() - start.days_since_epoch()) / i64::from((*every).max(1)) + 1
            }
            Self::Months { every } => {
                let every = i64::from((*every).max(1));
                let mut steps = (month_index(limit) - month_index(start)) / every;
                if add_months(start, steps * every) > limit {
                    steps -= 1;
                }
                steps + 1
            }
            Self::Weeks { every, on } => {
                let weeks = WeekRule::new(start, *every, on);
                1 + weeks.dates_through(limit) - weeks.dates_through(start)
            }
        };
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// The date of occurrence `number` (1 is `start`).
    pub(crate) fn nth(&self, start: Date, number: u32) -> Date {
        let steps = i64::from(number.max(1) - 1);
        match self {
            Self::Days { every } => start.add_days(steps * i64::from((*every).max(1))),
            Self::Months { every } => add_months(start, steps * i64::from((*every).max(1))),
            Self::Weeks { .. } if steps == 0 => start,
            Self::Weeks { every, on } => {
                let weeks = WeekRule::new(start, *every, on);
                weeks.nth_date(weeks.dates_through(start) + steps)
            }
        }
    }
}

fn month_index(date: Date) -> i64 {
    i64::from(date.year) * 12 + i64::from(date.month) - 1
}

fn add_months(date: Date, months: i64) -> Date {
    date.add_months(i32::try_from(months).unwrap_or(i32::MAX))
}

/// The weekly rule's dates counted from the Monday of the start's week,
/// whether or not the start itself is one of them.
struct WeekRule {
    monday: i64,
    every: i64,
    /// Chosen weekdays as 0 (Monday) to 6, sorted, never empty.
    days: Vec<i64>,
}

impl WeekRule {
    fn new(start: Date, every: u32, on: &[Weekday]) -> Self {
        let mut days: Vec<i64> = on.iter().map(|day| i64::from(day.index())).collect();
        crate::sort::sort(&mut days);
        days.dedup();
        if days.is_empty() {
            // Stored data without weekdays: weekly on the start's day is the
            // only reading that keeps the series alive.
            days.push(i64::from(start.weekday().index()));
        }
        let monday = start.days_since_epoch() - i64::from(start.weekday().index());
        Self { monday, every: i64::from(every.max(1)), days }
    }

    /// How many rule dates fall on or before `date`.
    fn dates_through(&self, date: Date) -> i64 {
        let offset = date.days_since_epoch() - self.monday;
        if offset < 0 {
            return 0;
        }
        let (week, weekday) = (offset / 7, offset % 7);
        let active_weeks_before = (week + self.every - 1) / self.every;
        let this_week = if week % self.every == 0 {
            self.days.iter().filter(|day| **day <= weekday).count() as i64
        } else {
            0
        };
        active_weeks_before * self.days.len() as i64 + this_week
    }

    /// The `index`-th rule date, 1-based.
    fn nth_date(&self, index: i64) -> Date {
        let per_week = self.days.len() as i64;
        let (week, day) = ((index - 1).div_euclid(per_week), (index - 1).rem_euclid(per_week));
        let weekday = self.days[day as usize];
        Date::from_days_since_epoch(self.monday + week * self.every * 7 + weekday)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::date;
    use Weekday::*;

    /// The first `n` occurrence dates as text.
    fn first(repeat: &Repeat, start: &str, n: u32) -> Vec<String> {
        (1..=n).map(|number| repeat.nth(date(start), number).to_string()).collect()
    }

    /// Day-by-day reference: does the rule alone put an occurrence on `day`?
    fn brute_force_dates(repeat: &Repeat, start: Date, days: i64) -> Vec<Date> {
        let mut dates = vec![start];
        for offset in 1..=days {
            let day = start.add_days(offset);
            let matches = match repeat {
                Repeat::Days { every } => offset % i64::from(*every) == 0,
                Repeat::Weeks { every, on } => {
                    let week_of = |d: Date| (d.days_since_epoch() - i64::from(d.weekday().index())) / 7;
                    (week_of(day) - week_of(start)) % i64::from(*every) == 0 && on.contains(&day.weekday())
                }
                Repeat::Months { every } => {
                    let months = month_index(day) - month_index(start);
                    months % i64::from(*every) == 0 && day == add_months(start, months)
                }
            };
            if matches {
                dates.push(day);
            }
        }
        dates
    }

    #[test]
    fn daily_and_every_few_days() {
        assert_eq!(
            first(&Repeat::Days { every: 1 }, "2026-12-30", 3),
            ["2026-12-30", "2026-12-31", "2027-01-01"]
        );
        assert_eq!(
            first(&Repeat::Days { every: 3 }, "2028-02-27", 3),
            ["2028-02-27", "2028-03-01", "2028-03-04"]
        );
    }

    #[test]
    fn monthly_on_the_31st_clamps_to_month_ends_and_comes_back() {
        let monthly = Repeat::Months { every: 1 };
        assert_eq!(
            first(&monthly, "2026-01-31", 5),
            ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]
        );
        assert_eq!(first(&monthly, "2028-01-31", 2)[1], "2028-02-29", "a leap February");
        assert_eq!(
            first(&Repeat::Months { every: 3 }, "2026-11-30", 3),
            ["2026-11-30", "2027-02-28", "2027-05-30"]
        );
    }

    #[test]
    fn every_twelve_months_from_a_leap_day_keeps_coming_back_to_the_29th() {
        let yearly = Repeat::Months { every: 12 };
        assert_eq!(
            first(&yearly, "2028-02-29", 5),
            ["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]
        );
    }

    #[test]
    fn monday_and_thursday_every_two_weeks() {
        // 2026-11-30 is a Monday.
        let rule = Repeat::Weeks { every: 2, on: vec![Thursday, Monday] };
        assert_eq!(
            first(&rule, "2026-11-30", 5),
            ["2026-11-30", "2026-12-03", "2026-12-14", "2026-12-17", "2026-12-28"]
        );
    }

    #[test]
    fn a_weekly_series_may_start_on_a_day_outside_its_weekdays() {
        // Wednesday start: the chosen deadline, then Thursday of the same week.
        let rule = Repeat::Weeks { every: 2, on: vec![Monday, Thursday] };
        assert_eq!(first(&rule, "2026-12-02", 4), ["2026-12-02", "2026-12-03", "2026-12-14", "2026-12-17"]);
        // Friday start: the rest of the first week is empty.
        let weekly = Repeat::Weeks { every: 1, on: vec![Monday] };
        assert_eq!(first(&weekly, "2026-12-04", 3), ["2026-12-04", "2026-12-07", "2026-12-14"]);
    }

    #[test]
    fn counting_agrees_with_a_day_by_day_reference() {
        let rules = [
            Repeat::Days { every: 1 },
            Repeat::Days { every: 5 },
            Repeat::Weeks { every: 1, on: vec![Sunday] },
            Repeat::Weeks { every: 2, on: vec![Monday, Thursday] },
            Repeat::Weeks { every: 3, on: vec![Tuesday, Saturday, Sunday] },
            Repeat::Months { every: 1 },
            Repeat::Months { every: 5 },
            Repeat::Months { every: 12 },
        ];
        for start in ["2026-01-31", "2026-12-02", "2028-02-29", "2026-11-29"] {
            let start = date(start);
            for rule in &rules {
                let reference = brute_force_dates(rule, start, 800);
                for offset in -3..=800 {
                    let limit = start.add_days(offset);
                    let expected = reference.iter().filter(|d| **d <= limit).count() as u32;
                    assert_eq!(
                        rule.count_through(start, limit),
                        expected,
                        "{rule:?} from {start} to {limit}"
                    );
                }
                for (index, expected) in reference.iter().enumerate() {
                    assert_eq!(
                        rule.nth(start, index as u32 + 1),
                        *expected,
                        "{rule:?} from {start}, #{}",
                        index + 1
                    );
                }
            }
        }
    }

    #[test]
    fn stored_rules_with_zero_or_no_values_read_as_the_simplest_rule() {
        let start = date("2026-12-02");
        let cases = [
            (Repeat::Days { every: 0 }, Repeat::Days { every: 1 }),
            (Repeat::Months { every: 0 }, Repeat::Months { every: 1 }),
            (Repeat::Weeks { every: 0, on: vec![] }, Repeat::Weeks { every: 1, on: vec![Wednesday] }),
        ];
        for (broken, meant) in cases {
            let limit = start.add_days(70);
            assert_eq!(broken.count_through(start, limit), meant.count_through(start, limit), "{broken:?}");
            assert_eq!(broken.nth(start, 4), meant.nth(start, 4), "{broken:?}");
        }
    }
}
