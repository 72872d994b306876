//! Editing the work calendar: the settings form holds times and dates as
//! typed, and validation turns them into a [`WorkCalendar`] or reports
//! every problem against its field.

use serde::{Deserialize, Serialize};

use super::{WorkCalendar, WorkingHours, MINUTES_PER_DAY};
use crate::date::{Date, Weekday};

/// What is wrong with one field of the calendar form. Codes, not sentences:
/// the app translates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarProblem {
    Required,
    /// Not a time of day written as `HH:MM`.
    InvalidTime,
    /// Working hours that end at or before they start (night shifts across
    /// midnight are not supported).
    EndNotAfterStart,
    /// No weekday is worked; business-day deadlines would never arrive.
    NoWorkingDays,
    /// Not a date written as `YYYY-MM-DD`.
    InvalidDate,
    /// The same date appears earlier in the same list.
    Duplicate,
    /// A moved working day that is also listed as a holiday.
    AlsoAHoliday,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarError {
    pub field: String,
    pub problem: CalendarProblem,
}

/// All problems of a calendar form. Fields are `working_weekdays`, `start`,
/// `end`, and `holidays.N` / `extra_working_days.N` for the row they concern.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarErrors(pub Vec<CalendarError>);

impl CalendarErrors {
    fn add(&mut self, field: impl Into<String>, problem: CalendarProblem) {
        self.0.push(CalendarError { field: field.into(), problem });
    }

    /// The first problem of a field, which is the one a form shows.
    pub fn for_field(&self, field: &str) -> Option<CalendarProblem> {
        self.0.iter().find(|error| error.field == field).map(|error| error.problem)
    }
}

/// The calendar form as typed: times as `HH:MM`, dates as `YYYY-MM-DD`, one
/// row per date. Blank date rows are ignored, as a form keeps an empty row
/// for the next entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarDraft {
    pub working_weekdays: Vec<Weekday>,
    pub start: String,
    pub end: String,
    pub holidays: Vec<String>,
    pub extra_working_days: Vec<String>,
}

impl CalendarDraft {
    pub fn from_calendar(calendar: &WorkCalendar) -> Self {
        let dates = |dates: &[Date]| dates.iter().map(Date::to_string).collect();
        Self {
            working_weekdays: calendar.working_weekdays.clone(),
            start: format_minute(calendar.hours.start_minute),
            end: format_minute(calendar.hours.end_minute),
            holidays: dates(&calendar.holidays),
            extra_working_days: dates(&calendar.extra_working_days),
        }
    }

    /// Checks every field and reports all problems at once. The calendar
    /// returned has its weekdays in week order and its dates sorted.
    pub fn validate(&self) -> Result<WorkCalendar, CalendarErrors> {
        let mut errors = CalendarErrors::default();
        let mut working_weekdays = self.working_weekdays.clone();
        crate::sort::sort(&mut working_weekdays);
        working_weekdays.dedup();
        if working_weekdays.is_empty() {
            errors.add("working_weekdays", CalendarProblem::NoWorkingDays);
        }
        let start = check_time(&mut errors, "start", &self.start);
        let end = check_time(&mut errors, "end", &self.end);
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                errors.add("end", CalendarProblem::EndNotAfterStart);
            }
        }
        let holidays = check_dates(&mut errors, "holidays", &self.holidays);
        let extra_working_days = check_dates(&mut errors, "extra_working_days", &self.extra_working_days);
        for (row, text) in self.extra_working_days.iter().enumerate() {
            if Date::parse(text).is_some_and(|date| holidays.contains(&date)) {
                errors.add(format!("extra_working_days.{row}"), CalendarProblem::AlsoAHoliday);
            }
        }
        match (start, end) {
            (Some(start_minute), Some(end_minute)) if errors.0.is_empty() => Ok(WorkCalendar {
                working_weekdays,
                hours: WorkingHours { start_minute, end_minute },
                holidays,
                extra_working_days,
            }),
            _ => Err(errors),
        }
    }
}

/// A time of day in minutes since midnight; `24:00` is accepted as the end
/// of a day worked until midnight.
fn check_time(errors: &mut CalendarErrors, field: &str, text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        errors.add(field, CalendarProblem::Required);
        return None;
    }
    let minute = parse_minute(text);
    if minute.is_none() {
        errors.add(field, CalendarProblem::InvalidTime);
    }
    minute
}

fn parse_minute(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    let all_digits =
        |part: &str| !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || minutes.len() != 2 || !all_digits(minutes) {
        return None;
    }
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    let minute = hours * 60 + minutes;
    (minutes < 60 && minute <= MINUTES_PER_DAY).then_some(minute)
}

fn format_minute(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Parses the non-blank rows of a date list, sorted, reporting each bad
/// or repeated row.
fn check_dates(errors: &mut CalendarErrors, list: &str, rows: &[String]) -> Vec<Date> {
    let mut dates: Vec<Date> = Vec::new();
    for (row, text) in rows.iter().enumerate().filter(|(_, text)| !text.trim().is_empty()) {
        match Date::parse(text) {
            None => errors.add(format!("{list}.{row}"), CalendarProblem::InvalidDate),
            Some(date) if dates.contains(&date) => {
                errors.add(format!("{list}.{row}"), CalendarProblem::Duplicate)
            }
            Some(date) => dates.push(date),
        }
    }
    crate::sort::sort(&mut dates);
    dates
}

#[cfg(test)]
mod tests {
    use super::super::tests::date;
    use super::*;

    fn draft() -> CalendarDraft {
        CalendarDraft::from_calendar(&WorkCalendar::default())
    }

    #[test]
    fn the_default_calendar_round_trips_through_the_form() {
        let form = draft();
        assert_eq!((form.start.as_str(), form.end.as_str()), ("09:00", "18:00"));
        assert_eq!(form.validate(), Ok(WorkCalendar::default()));
    }

    #[test]
    fn a_valid_form_gives_ordered_weekdays_and_sorted_dates_without_blank_rows() {
        let form = CalendarDraft {
            working_weekdays: vec![Weekday::Saturday, Weekday::Monday, Weekday::Monday],
            start: " 8:30 ".into(),
            end: "24:00".into(),
            holidays: vec!["2027-01-02".into(), " ".into(), "2026-12-31".into()],
            extra_working_days: vec!["2026-12-26".into()],
        };
        let calendar = form.validate().expect("valid");
        assert_eq!(calendar.working_weekdays, [Weekday::Monday, Weekday::Saturday]);
        assert_eq!(calendar.hours, WorkingHours { start_minute: 510, end_minute: 1440 });
        assert_eq!(calendar.holidays, [date("2026-12-31"), date("2027-01-02")]);
        assert_eq!(calendar.extra_working_days, [date("2026-12-26")]);
    }

    #[test]
    fn working_hours_must_end_after_they_start() {
        let errors = CalendarDraft { start: "18:00".into(), end: "09:00".into(), ..draft() }.validate();
        assert_eq!(errors.unwrap_err().for_field("end"), Some(CalendarProblem::EndNotAfterStart));
        let errors = CalendarDraft { end: "09:00".into(), ..draft() }.validate();
        assert_eq!(errors.unwrap_err().for_field("end"), Some(CalendarProblem::EndNotAfterStart));
    }

    #[test]
    fn times_must_be_real_times_of_day() {
        for bad in ["9", "09:60", "24:01", "25:00", "9:5", "-1:00", "09:00:00", "nine"] {
            let errors = CalendarDraft { start: bad.into(), ..draft() }.validate().unwrap_err();
            assert_eq!(errors.for_field("start"), Some(CalendarProblem::InvalidTime), "{bad}");
        }
        let errors = CalendarDraft { end: "  ".into(), ..draft() }.validate().unwrap_err();
        assert_eq!(errors.for_field("end"), Some(CalendarProblem::Required));
    }

    #[test]
    fn at_least_one_weekday_must_be_worked() {
        let errors = CalendarDraft { working_weekdays: Vec::new(), ..draft() }.validate().unwrap_err();
        assert_eq!(errors.for_field("working_weekdays"), Some(CalendarProblem::NoWorkingDays));
    }

    #[test]
    fn bad_repeated_and_conflicting_dates_are_reported_by_row() {
        let form = CalendarDraft {
            holidays: vec!["2026-11-04".into(), "2026-02-30".into(), "2026-11-04".into()],
            extra_working_days: vec!["2025-11-01".into(), "2026-11-04".into()],
            ..draft()
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.for_field("holidays.0"), None);
        assert_eq!(errors.for_field("holidays.1"), Some(CalendarProblem::InvalidDate));
        assert_eq!(errors.for_field("holidays.2"), Some(CalendarProblem::Duplicate));
        assert_eq!(errors.for_field("extra_working_days.0"), None);
        assert_eq!(errors.for_field("extra_working_days.1"), Some(CalendarProblem::AlsoAHoliday));
        assert_eq!(errors.0.len(), 3);
    }

    #[test]
    fn problems_serialize_as_snake_case_codes() {
        let json = serde_json::to_string(&CalendarProblem::EndNotAfterStart).unwrap();
        assert_eq!(json, r#""end_not_after_start""#);
    }
}
