//! "My activities" (Мои дела): the saved views in the order they are
//! worked, their counters, and an index of open activities that answers
//! every view by binary search and is updated per edit, not rebuilt.
//!
//! Definitions (all on uncompleted activities, days in the user's zone):
//! - **Incoming**: incoming calls, e-mails and chats, whatever their date:
//!   answered first.
//! - **Overdue**: planned activities (not incoming) due before today.
//! - **Today**: planned, due today.
//! - **Next 3 days** / **Next 7 days**: planned, due from tomorrow through
//!   the third / seventh day after today.
//! - **All uncompleted**: everything open, incoming included.
//!
//! Incoming activities stay out of the date views because the Incoming view
//! already holds all of them and is worked first; counted twice, the
//! counters would no longer add up to the work.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::activity::Activity;
use crate::code::codes;
use crate::zone::{local_date, start_of_day, Zone};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    Incoming,
    Overdue,
    Today,
    Next3Days,
    Next7Days,
    AllOpen,
}

codes! {
    /// In the order they are worked.
    View {
        Incoming => "incoming",
        Overdue => "overdue",
        Today => "today",
        Next3Days => "next3",
        Next7Days => "next7",
        AllOpen => "all",
    }
}

impl View {
    fn index(self) -> usize {
        self as usize
    }
}

/// The day boundaries of "now" in the user's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    pub today: Timestamp,
    pub tomorrow: Timestamp,
    /// Start of the fourth day after today: the end of "next 3 days".
    pub after_3_days: Timestamp,
    pub after_7_days: Timestamp,
}

impl Days {
    pub fn at(now: Timestamp, zone: &impl Zone) -> Self {
        let date = local_date(zone, now);
        let day = |offset: i64| start_of_day(zone, date.add_days(offset));
        Self { today: day(0), tomorrow: day(1), after_3_days: day(4), after_7_days: day(8) }
    }
}

/// Which open activities a view holds: incoming ones, planned ones or
/// both, with deadlines in `[from, until)` (unbounded when `None`). The app
/// turns this into IndexedDB key ranges, so storage and memory agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub incoming: Option<bool>,
    pub from: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

impl Range {
    pub fn of(view: View, days: &Days) -> Self {
        let planned = |from, until| Range { incoming: Some(false), from, until };
        match view {
            View::Incoming => Range { incoming: Some(true), from: None, until: None },
            View::Overdue => planned(None, Some(days.today)),
            View::Today => planned(Some(days.today), Some(days.tomorrow)),
            View::Next3Days => planned(Some(days.tomorrow), Some(days.after_3_days)),
            View::Next7Days => planned(Some(days.tomorrow), Some(days.after_7_days)),
            View::AllOpen => Range { incoming: None, from: None, until: None },
        }
    }

    pub fn contains(&self, activity: &Activity) -> bool {
        activity.is_open()
            && self.incoming.is_none_or(|incoming| incoming == activity.is_incoming())
            && self.from.is_none_or(|from| activity.deadline >= from)
            && self.until.is_none_or(|until| activity.deadline < until)
    }
}

/// The six counters, indexed by view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts(pub [usize; 6]);

impl Counts {
    pub fn of(&self, view: View) -> usize {
        self.0[view.index()]
    }

    pub fn set(&mut self, view: View, count: usize) {
        self.0[view.index()] = count;
    }
}

/// One open activity in the index: sorted by deadline, then id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub deadline: Timestamp,
    pub id: Id,
}

/// The open activities of the people being looked at (a user, or the
/// users of a department), kept sorted so that a view's count is two
/// binary searches and its first rows a slice.
#[derive(Debug, Clone, Default)]
pub struct Agenda {
    planned: Vec<Entry>,
    incoming: Vec<Entry>,
    /// Where each id is filed: its deadline and whether incoming.
    filed: HashMap<Id, (Timestamp, bool)>,
}

impl Agenda {
    /// Builds from all activities, keeping the open ones `belongs` accepts
    /// (by responsible).
    pub fn build<'a>(
        activities: impl IntoIterator<Item = &'a Activity>,
        belongs: impl Fn(&Id) -> bool,
    ) -> Self {
        let mut agenda = Self::default();
        for activity in activities {
            if activity.is_open() && belongs(&activity.responsible) {
                let entry = Entry { deadline: activity.deadline, id: activity.id.clone() };
                agenda.filed.insert(activity.id.clone(), (activity.deadline, activity.is_incoming()));
                if activity.is_incoming() {
                    agenda.incoming.push(entry);
                } else {
                    agenda.planned.push(entry);
                }
            }
        }
        agenda.planned.sort_unstable();
        agenda.incoming.sort_unstable();
        agenda
    }

    pub fn len(&self) -> usize {
        self.filed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.filed.is_empty()
    }

    fn list(&mut self, incoming: bool) -> &mut Vec<Entry> {
        if incoming {
            &mut self.incoming
        } else {
            &mut self.planned
        }
    }

    /// Takes an activity out (completed, deleted, or no longer ours).
    pub fn remove(&mut self, id: &Id) {
        if let Some((deadline, incoming)) = self.filed.remove(id) {
            let entry = Entry { deadline, id: id.clone() };
            let list = self.list(incoming);
            if let Ok(position) = list.binary_search(&entry) {
                list.remove(position);
            }
        }
    }

    /// Files the new state of one activity after an edit: O(log n) search
    /// and one shift, never a rescan.
    pub fn update(&mut self, activity: &Activity, belongs: impl Fn(&Id) -> bool) {
        self.remove(&activity.id);
        if activity.is_open() && belongs(&activity.responsible) {
            let incoming = activity.is_incoming();
            let entry = Entry { deadline: activity.deadline, id: activity.id.clone() };
            self.filed.insert(activity.id.clone(), (activity.deadline, incoming));
            let list = self.list(incoming);
            let position = list.binary_search(&entry).unwrap_or_else(|position| position);
            list.insert(position, entry);
        }
    }

    fn span(list: &[Entry], range: &Range) -> (usize, usize) {
        let start = range.from.map_or(0, |from| list.partition_point(|entry| entry.deadline < from));
        let end =
            range.until.map_or(list.len(), |until| list.partition_point(|entry| entry.deadline < until));
        (start, end.max(start))
    }

    pub fn count(&self, range: &Range) -> usize {
        let count = |list: &[Entry]| {
            let (start, end) = Self::span(list, range);
            end - start
        };
        match range.incoming {
            Some(true) => count(&self.incoming),
            Some(false) => count(&self.planned),
            None => count(&self.incoming) + count(&self.planned),
        }
    }

    pub fn counts(&self, days: &Days) -> Counts {
        let mut counts = Counts::default();
        for view in View::ALL {
            counts.set(view, self.count(&Range::of(view, days)));
        }
        counts
    }

    /// The rows of a view from `offset`, at most `limit`, by deadline.
    pub fn rows(&self, range: &Range, offset: usize, limit: usize) -> Vec<&Entry> {
        let (incoming, planned) = (Self::slice(&self.incoming, range), Self::slice(&self.planned, range));
        match range.incoming {
            Some(true) => incoming.iter().skip(offset).take(limit).collect(),
            Some(false) => planned.iter().skip(offset).take(limit).collect(),
            None => merge(incoming, planned).skip(offset).take(limit).collect(),
        }
    }

    fn slice<'a>(list: &'a [Entry], range: &Range) -> &'a [Entry] {
        let (start, end) = Self::span(list, range);
        &list[start..end]
    }
}

/// Two sorted slices as one sorted sequence.
fn merge<'a>(left: &'a [Entry], right: &'a [Entry]) -> impl Iterator<Item = &'a Entry> {
    let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
    std::iter::from_fn(move || match (left.peek(), right.peek()) {
        (Some(l), Some(r)) if l <= r => left.next(),
        (Some(_), Some(_)) => right.next(),
        (Some(_), None) => left.next(),
        (None, _) => right.next(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{ActivityDraft, ActivityKind, Direction, Priority};
    use crate::date::Date;
    use crate::record::{CardKind, CardRef};
    use crate::zone::{at_local, FixedOffset};

    const MOSCOW: FixedOffset = FixedOffset(180);

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn local(date: &str, hour: u32, minute: u32) -> Timestamp {
        at_local(&MOSCOW, Date::parse(date).unwrap(), hour * 60 + minute)
    }

    fn activity(name: &str, who: &str, direction: Direction, deadline: Timestamp) -> Activity {
        let draft = ActivityDraft {
            kind: ActivityKind::Call,
            direction,
            subject: name.into(),
            description: String::new(),
            deadline: Some(deadline),
            responsible: who.into(),
            priority: Priority::Normal,
        };
        let owner = CardRef { kind: CardKind::Deal, id: id("d") };
        Activity::create(id(name), owner, draft.validate(&[id(who)]).unwrap(), &id(who), Timestamp(0))
    }

    fn planned(name: &str, deadline: Timestamp) -> Activity {
        activity(name, "anna", Direction::Outgoing, deadline)
    }

    fn ids(agenda: &Agenda, view: View, days: &Days) -> Vec<String> {
        agenda.rows(&Range::of(view, days), 0, 100).iter().map(|entry| entry.id.to_string()).collect()
    }

    /// Thursday 2026-11-26, 15:00 in Moscow.
    fn days() -> Days {
        Days::at(local("2026-11-26", 15, 0), &MOSCOW)
    }

    #[test]
    fn each_view_takes_its_days_with_midnight_on_the_right_side() {
        let activities = [
            planned("last-minute-of-yesterday", local("2026-11-25", 23, 59)),
            planned("midnight-today", local("2026-11-26", 0, 0)),
            planned("this-morning", local("2026-11-26", 9, 0)),
            planned("last-minute-of-today", local("2026-11-26", 23, 59)),
            planned("midnight-tomorrow", local("2026-11-27", 0, 0)),
            planned("third-day", local("2026-11-29", 23, 59)),
            planned("fourth-day", local("2026-11-30", 0, 0)),
            planned("seventh-day", local("2026-12-03", 12, 0)),
            planned("eighth-day", local("2026-12-04", 0, 0)),
        ];
        let agenda = Agenda::build(&activities, |_| true);
        let days = days();
        assert_eq!(ids(&agenda, View::Overdue, &days), ["last-minute-of-yesterday"]);
        assert_eq!(
            ids(&agenda, View::Today, &days),
            ["midnight-today", "this-morning", "last-minute-of-today"]
        );
        assert_eq!(ids(&agenda, View::Next3Days, &days), ["midnight-tomorrow", "third-day"]);
        assert_eq!(
            ids(&agenda, View::Next7Days, &days),
            ["midnight-tomorrow", "third-day", "fourth-day", "seventh-day"]
        );
        assert_eq!(agenda.count(&Range::of(View::AllOpen, &days)), 9);
    }

    #[test]
    fn today_follows_the_users_time_zone() {
        // 22:30 UTC on the 26th is already the 27th in Moscow.
        let utc_evening = Timestamp(
            Date::parse("2026-11-26").unwrap().days_since_epoch() * Timestamp::DAY
                + 22 * Timestamp::HOUR
                + 30 * Timestamp::MINUTE,
        );
        let in_moscow = Days::at(utc_evening, &MOSCOW);
        let in_london = Days::at(utc_evening, &FixedOffset(0));
        let call = [planned("call", utc_evening.plus_millis(2 * Timestamp::HOUR))];
        let agenda = Agenda::build(&call, |_| true);
        assert_eq!(agenda.count(&Range::of(View::Today, &in_moscow)), 1);
        assert_eq!(agenda.count(&Range::of(View::Today, &in_london)), 0);
        assert_eq!(agenda.count(&Range::of(View::Next3Days, &in_london)), 1);
    }

    #[test]
    fn incoming_activities_are_in_incoming_and_all_but_not_in_date_views() {
        let yesterday = local("2026-11-25", 10, 0);
        let activities =
            [activity("missed-call", "anna", Direction::Incoming, yesterday), planned("plan", yesterday)];
        let agenda = Agenda::build(&activities, |_| true);
        let days = days();
        assert_eq!(ids(&agenda, View::Incoming, &days), ["missed-call"]);
        assert_eq!(ids(&agenda, View::Overdue, &days), ["plan"]);
        assert_eq!(ids(&agenda, View::AllOpen, &days), ["missed-call", "plan"]);
    }

    #[test]
    fn completed_and_other_peoples_activities_are_excluded() {
        let today = local("2026-11-26", 12, 0);
        let mut done = planned("done", today);
        done.complete("spoke", &id("anna"), today).unwrap();
        let activities =
            [done, planned("mine", today), activity("boris-call", "boris", Direction::Outgoing, today)];
        let agenda = Agenda::build(&activities, |who| who.as_str() == "anna");
        assert_eq!(ids(&agenda, View::Today, &days()), ["mine"]);
        let team = Agenda::build(&activities, |who| ["anna", "boris"].contains(&who.as_str()));
        assert_eq!(team.count(&Range::of(View::Today, &days())), 2);
    }

    #[test]
    fn counters_follow_an_edit_without_a_rebuild() {
        let days = days();
        let mut activities = vec![
            planned("a", local("2026-11-26", 10, 0)),
            planned("b", local("2026-11-24", 10, 0)),
            activity("c", "anna", Direction::Incoming, local("2026-11-26", 8, 0)),
        ];
        let mut agenda = Agenda::build(&activities, |_| true);
        assert_eq!(agenda.counts(&days), Counts([1, 1, 1, 0, 0, 3]));

        activities[1].reschedule(local("2026-11-28", 10, 0), &id("anna"), Timestamp(0)).unwrap();
        agenda.update(&activities[1], |_| true);
        assert_eq!(agenda.counts(&days), Counts([1, 0, 1, 1, 1, 3]));

        activities[0].complete("done", &id("anna"), Timestamp(0)).unwrap();
        agenda.update(&activities[0], |_| true);
        agenda.remove(&id("c"));
        assert_eq!(agenda.counts(&days), Counts([0, 0, 0, 1, 1, 1]));
        assert_eq!(agenda.len(), 1);
    }

    #[test]
    fn many_random_edits_leave_the_same_index_as_a_rebuild() {
        let days = days();
        let base = local("2026-11-20", 0, 0);
        let mut seed = 7u64;
        let mut next = move |bound: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % bound
        };
        let mut activities: Vec<Activity> = (0..300)
            .map(|n| {
                let direction = if next(4) == 0 { Direction::Incoming } else { Direction::Outgoing };
                let who = if next(2) == 0 { "anna" } else { "boris" };
                activity(
                    &format!("a{n}"),
                    who,
                    direction,
                    base.plus_millis(next(20 * 24) as i64 * Timestamp::HOUR),
                )
            })
            .collect();
        let mine = |who: &Id| who.as_str() == "anna";
        let mut agenda = Agenda::build(&activities, mine);
        for _ in 0..2000 {
            let index = next(activities.len() as u64) as usize;
            match next(3) {
                0 => {
                    let _ = activities[index].complete("done", &id("anna"), Timestamp(0));
                }
                1 => {
                    let when = base.plus_millis(next(20 * 24) as i64 * Timestamp::HOUR);
                    let _ = activities[index].reschedule(when, &id("anna"), Timestamp(0));
                }
                _ => activities[index].responsible = id(if next(2) == 0 { "anna" } else { "boris" }),
            }
            agenda.update(&activities[index], mine);
        }
        let rebuilt = Agenda::build(&activities, mine);
        assert_eq!(agenda.counts(&days), rebuilt.counts(&days));
        for view in View::ALL {
            assert_eq!(ids(&agenda, view, &days), ids(&rebuilt, view, &days), "{view:?}");
        }
    }

    #[test]
    fn rows_page_through_a_view_in_deadline_order() {
        let activities: Vec<Activity> =
            (0..10).map(|n| planned(&format!("p{n}"), local("2026-11-26", 9 + n, 0))).collect();
        let agenda = Agenda::build(&activities, |_| true);
        let page: Vec<String> =
            agenda.rows(&Range::of(View::Today, &days()), 3, 4).iter().map(|e| e.id.to_string()).collect();
        assert_eq!(page, ["p3", "p4", "p5", "p6"]);
    }
}
