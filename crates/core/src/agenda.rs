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

use std::collections::{BTreeMap, HashMap};
use std::ops::AddAssign;

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
    /// Every open activity.
    pub const ALL: Range = Range { incoming: None, from: None, until: None };

    pub fn of(view: View, days: &Days) -> Self {
        let planned = |from, until| Range { incoming: Some(false), from, until };
        match view {
            View::Incoming => Range { incoming: Some(true), from: None, until: None },
            View::Overdue => planned(None, Some(days.today)),
            View::Today => planned(Some(days.today), Some(days.tomorrow)),
            View::Next3Days => planned(Some(days.tomorrow), Some(days.after_3_days)),
            View::Next7Days => planned(Some(days.tomorrow), Some(days.after_7_days)),
            View::AllOpen => Range::ALL,
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

/// Counters of several people (a department) are the sums of theirs.
impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
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

    pub fn count(&self, range: &Range) -> usize {
        let count = |list: &[Entry]| {
            let (start, end) = span(list, range, |entry| entry.deadline);
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
        let (start, end) = span(list, range, |entry| entry.deadline);
        &list[start..end]
    }
}

/// Where `range`'s deadlines lie in `list`, sorted by `deadline`.
fn span<T>(list: &[T], range: &Range, deadline: impl Fn(&T) -> Timestamp) -> (usize, usize) {
    let start = range.from.map_or(0, |from| list.partition_point(|item| deadline(item) < from));
    let end = range.until.map_or(list.len(), |until| list.partition_point(|item| deadline(item) < until));
    (start, end.max(start))
}

/// One person's open activities counted by deadline, incoming ones apart:
/// the six counters are sums over it for any day. Storage keeps one per
/// person, changed in the transaction of every write of activities, so that
/// opening My activities reads one small record instead of counting index
/// entries (which costs a lookup per activity). Deadlines are kept exact,
/// not grouped by day, because which day a deadline falls on moves with
/// the clock and the user's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub user: Id,
    /// (deadline, how many planned activities are due then), by deadline.
    planned: Vec<(Timestamp, u32)>,
    incoming: Vec<(Timestamp, u32)>,
}

impl Tally {
    /// The tally of `user`'s open activities among `activities`.
    pub fn of<'a>(user: Id, activities: impl IntoIterator<Item = &'a Activity>) -> Self {
        let mut tally = Self { user, planned: Vec::new(), incoming: Vec::new() };
        for activity in activities {
            if activity.is_open() && activity.responsible == tally.user {
                tally.shift(activity.is_incoming(), activity.deadline, 1);
            }
        }
        tally
    }

    fn shift(&mut self, incoming: bool, deadline: Timestamp, by: i64) {
        let list = if incoming { &mut self.incoming } else { &mut self.planned };
        match list.binary_search_by_key(&deadline, |(due, _)| *due) {
            Ok(at) => match u32::try_from(i64::from(list[at].1) + by) {
                Ok(count) if count > 0 => list[at].1 = count,
                _ => {
                    list.remove(at);
                }
            },
            Err(at) => {
                if let Ok(count @ 1..) = u32::try_from(by) {
                    list.insert(at, (deadline, count));
                }
            }
        }
    }

    pub fn count(&self, range: &Range) -> usize {
        let count = |list: &[(Timestamp, u32)]| {
            let (start, end) = span(list, range, |(deadline, _)| *deadline);
            list[start..end].iter().map(|(_, count)| *count as usize).sum::<usize>()
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
}

/// What a write did to people's tallies: per person, kind (incoming or
/// not) and deadline, how many open activities came or went. Taken from a
/// card's activities before and after its edits, so whatever the edits were
/// (new, completed, moved, handed to someone else, deleted), the tallies
/// follow.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TallyChange(BTreeMap<(Id, bool, Timestamp), i64>);

impl TallyChange {
    fn shift<'a>(&mut self, activities: impl IntoIterator<Item = &'a Activity>, by: i64) {
        for activity in activities.into_iter().filter(|activity| activity.is_open()) {
            let key = (activity.responsible.clone(), activity.is_incoming(), activity.deadline);
            let count = self.0.entry(key.clone()).or_default();
            *count += by;
            if *count == 0 {
                self.0.remove(&key);
            }
        }
    }

    /// Activities as they were before the write.
    pub fn before<'a>(&mut self, activities: impl IntoIterator<Item = &'a Activity>) {
        self.shift(activities, -1);
    }

    /// Activities as the write leaves them.
    pub fn after<'a>(&mut self, activities: impl IntoIterator<Item = &'a Activity>) {
        self.shift(activities, 1);
    }

    /// The people whose tallies change.
    pub fn people(&self) -> Vec<Id> {
        let mut people: Vec<Id> = self.0.keys().map(|(user, _, _)| user.clone()).collect();
        people.dedup();
        people
    }

    /// Applies the change to the tally of its person.
    pub fn apply(&self, tally: &mut Tally) {
        let user = tally.user.clone();
        let start = (user.clone(), false, Timestamp(i64::MIN));
        for ((_, incoming, deadline), by) in self.0.range(start..).take_while(|((of, _, _), _)| *of == user) {
            tally.shift(*incoming, *deadline, *by);
        }
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
        let mut tally = Tally::of(id("anna"), &activities);
        for _ in 0..2000 {
            let index = next(activities.len() as u64) as usize;
            let mut change = TallyChange::default();
            change.before([&activities[index]]);
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
            change.after([&activities[index]]);
            change.apply(&mut tally);
        }
        let rebuilt = Agenda::build(&activities, mine);
        assert_eq!(agenda.counts(&days), rebuilt.counts(&days));
        assert_eq!(tally, Tally::of(id("anna"), &activities), "the tally kept through edits");
        assert_eq!(tally.counts(&days), rebuilt.counts(&days));
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

    #[test]
    fn a_tally_counts_each_view_as_the_agenda_does_and_people_add_up() {
        let days = days();
        let activities = [
            planned("overdue", local("2026-11-25", 23, 59)),
            planned("today", local("2026-11-26", 0, 0)),
            planned("today-too", local("2026-11-26", 0, 0)),
            planned("tomorrow", local("2026-11-27", 0, 0)),
            planned("seventh-day", local("2026-12-03", 12, 0)),
            planned("eighth-day", local("2026-12-04", 0, 0)),
            activity("missed-call", "anna", Direction::Incoming, local("2026-11-20", 10, 0)),
            activity("boris-today", "boris", Direction::Outgoing, local("2026-11-26", 9, 0)),
        ];
        let anna = Tally::of(id("anna"), &activities);
        let agenda = Agenda::build(&activities, |who| who.as_str() == "anna");
        assert_eq!(anna.counts(&days), agenda.counts(&days));
        assert_eq!(anna.counts(&days), Counts([1, 1, 2, 1, 2, 7]));

        let mut team = anna.counts(&days);
        team += Tally::of(id("boris"), &activities).counts(&days);
        assert_eq!(team, Agenda::build(&activities, |_| true).counts(&days));
    }

    #[test]
    fn a_change_touches_only_the_people_whose_counts_move() {
        let today = local("2026-11-26", 10, 0);
        let before = planned("call", today);
        let mut handed = before.clone();
        handed.responsible = id("boris");
        let mut change = TallyChange::default();
        change.before([&before]);
        change.after([&before]);
        assert_eq!(change, TallyChange::default(), "an edit that moves nothing changes nothing");
        change.before([&before]);
        change.after([&handed]);
        assert_eq!(change.people(), [id("anna"), id("boris")]);

        let mut anna = Tally::of(id("anna"), [&before]);
        let mut boris = Tally::of(id("boris"), []);
        change.apply(&mut anna);
        change.apply(&mut boris);
        assert_eq!(anna.count(&Range::of(View::AllOpen, &days())), 0);
        assert_eq!(boris, Tally::of(id("boris"), [&handed]));
    }
}
