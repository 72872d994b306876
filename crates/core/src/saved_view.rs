//! Views a user saves for themselves on top of the standard ones: filters
//! on type, direction, card kind, responsible, deadline and text, in an
//! order they choose.

use serde::{Deserialize, Serialize};

use crate::activity::{Activity, ActivityKind, Direction};
use crate::agenda::Days;
use crate::date::Date;
use crate::record::CardKind;
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::zone::{start_of_day, Zone};
use crate::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    #[default]
    Any,
    Overdue,
    Today,
    /// From tomorrow through the n-th day after today.
    NextDays(u16),
    /// Local dates, both included.
    Between(Date, Date),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Empty: every type.
    #[serde(default)]
    pub kinds: Vec<ActivityKind>,
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Empty: every kind of card.
    #[serde(default)]
    pub card_kinds: Vec<CardKind>,
    /// Empty: whoever the page is showing.
    #[serde(default)]
    pub responsible: Vec<Id>,
    #[serde(default)]
    pub deadline: Deadline,
    /// Words that must all appear in the subject or description, any case.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: Id,
    pub owner: Id,
    pub name: String,
    pub position: u32,
    pub filter: Filter,
}

pub const NAME: TextRule = TextRule { field: "name", required: true, max_chars: 80 };

/// Checks a view's name and its date range.
pub fn validate(name: &str, filter: &Filter) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = check_text(&mut errors, NAME, name);
    if let Deadline::Between(from, to) = filter.deadline {
        if to < from {
            errors.add("deadline", Problem::InvalidDate);
        }
    }
    errors.into_result(name)
}

/// Lower-cases the Latin and Cyrillic letters people type in searches.
fn fold(text: &str) -> String {
    crate::text::sort_key(text)
}

impl Filter {
    /// Whether an open activity is in this view. `now_days` are today's
    /// boundaries in the user's zone.
    pub fn matches(&self, activity: &Activity, days: &Days, zone: &impl Zone) -> bool {
        if !activity.is_open()
            || (!self.kinds.is_empty() && !self.kinds.contains(&activity.kind))
            || self.direction.is_some_and(|direction| direction != activity.direction)
            || (!self.card_kinds.is_empty() && !self.card_kinds.contains(&activity.owner.kind))
            || (!self.responsible.is_empty() && !self.responsible.contains(&activity.responsible))
        {
            return false;
        }
        let deadline = activity.deadline;
        let in_deadline = match self.deadline {
            Deadline::Any => true,
            Deadline::Overdue => deadline < days.today,
            Deadline::Today => days.today <= deadline && deadline < days.tomorrow,
            Deadline::NextDays(n) => {
                let end =
                    start_of_day(zone, crate::zone::local_date(zone, days.today).add_days(i64::from(n) + 1));
                days.tomorrow <= deadline && deadline < end
            }
            Deadline::Between(from, to) => {
                start_of_day(zone, from) <= deadline && deadline < start_of_day(zone, to.add_days(1))
            }
        };
        in_deadline && {
            let haystack = fold(&format!("{} {}", activity.subject, activity.description));
            fold(&self.text).split_whitespace().all(|word| haystack.contains(word))
        }
    }
}

/// Moves the view `id` to `position` among `views` and renumbers all of
/// them 0, 1, 2… in the new order.
pub fn reorder(views: &mut Vec<SavedView>, id: &Id, position: usize) {
    crate::sort::sort_by_key(views, |view| view.position);
    if let Some(current) = views.iter().position(|view| &view.id == id) {
        let view = views.remove(current);
        views.insert(position.min(views.len()), view);
    }
    for (index, view) in views.iter_mut().enumerate() {
        view.position = index as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{ActivityDraft, Priority};
    use crate::record::CardRef;
    use crate::zone::{at_local, FixedOffset};
    use crate::Timestamp;

    const ZONE: FixedOffset = FixedOffset(180);

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn at(date: &str, hour: u32) -> Timestamp {
        at_local(&ZONE, Date::parse(date).unwrap(), hour * 60)
    }

    fn activity(
        kind: ActivityKind,
        direction: Direction,
        owner: CardKind,
        subject: &str,
        deadline: Timestamp,
    ) -> Activity {
        let draft = ActivityDraft {
            kind,
            direction,
            subject: subject.into(),
            description: "about the seminar".into(),
            deadline: Some(deadline),
            responsible: "anna".into(),
            priority: Priority::Normal,
        };
        let owner = CardRef { kind: owner, id: id("card") };
        Activity::create(id("a"), owner, draft.validate(&[id("anna")]).unwrap(), &id("anna"), Timestamp(0))
    }

    fn days() -> Days {
        Days::at(at("2026-11-26", 15), &ZONE)
    }

    #[test]
    fn a_view_of_incoming_emails_on_deals() {
        let filter = Filter {
            kinds: vec![ActivityKind::Email],
            direction: Some(Direction::Incoming),
            card_kinds: vec![CardKind::Deal],
            ..Filter::default()
        };
        let today = at("2026-11-26", 10);
        assert!(filter.matches(
            &activity(ActivityKind::Email, Direction::Incoming, CardKind::Deal, "Re:", today),
            &days(),
            &ZONE
        ));
        assert!(!filter.matches(
            &activity(ActivityKind::Email, Direction::Outgoing, CardKind::Deal, "Re:", today),
            &days(),
            &ZONE
        ));
        assert!(!filter.matches(
            &activity(ActivityKind::Call, Direction::Incoming, CardKind::Deal, "Re:", today),
            &days(),
            &ZONE
        ));
        assert!(!filter.matches(
            &activity(ActivityKind::Email, Direction::Incoming, CardKind::Contact, "Re:", today),
            &days(),
            &ZONE
        ));
    }

    #[test]
    fn text_matches_every_word_in_any_case() {
        let filter = Filter { text: "СЕМИНАР счёт".into(), ..Filter::default() };
        let mut call = activity(
            ActivityKind::Call,
            Direction::Outgoing,
            CardKind::Deal,
            "Выставить счёт",
            at("2026-11-26", 9),
        );
        call.description = "про семинар".into();
        assert!(filter.matches(&call, &days(), &ZONE));
        call.description = String::new();
        assert!(!filter.matches(&call, &days(), &ZONE));
    }

    #[test]
    fn deadline_ranges_use_local_days() {
        let call = |date, hour| {
            activity(ActivityKind::Call, Direction::Outgoing, CardKind::Deal, "x", at(date, hour))
        };
        let between = Filter {
            deadline: Deadline::Between(
                Date::parse("2026-11-27").unwrap(),
                Date::parse("2026-11-28").unwrap(),
            ),
            ..Filter::default()
        };
        assert!(between.matches(&call("2026-11-28", 23), &days(), &ZONE));
        assert!(!between.matches(&call("2026-11-29", 0), &days(), &ZONE));
        let next_two = Filter { deadline: Deadline::NextDays(2), ..Filter::default() };
        assert!(next_two.matches(&call("2026-11-28", 12), &days(), &ZONE));
        assert!(!next_two.matches(&call("2026-11-26", 18), &days(), &ZONE), "today is not 'next'");
        assert!(!next_two.matches(&call("2026-11-29", 1), &days(), &ZONE));
        let overdue = Filter { deadline: Deadline::Overdue, ..Filter::default() };
        assert!(overdue.matches(&call("2026-11-25", 23), &days(), &ZONE));
    }

    #[test]
    fn completed_activities_never_match() {
        let mut call =
            activity(ActivityKind::Call, Direction::Outgoing, CardKind::Deal, "x", at("2026-11-26", 9));
        call.complete("done", &id("anna"), Timestamp(0)).unwrap();
        assert!(!Filter::default().matches(&call, &days(), &ZONE));
    }

    #[test]
    fn a_reversed_date_range_and_an_empty_name_are_refused() {
        let filter = Filter {
            deadline: Deadline::Between(
                Date::parse("2026-12-01").unwrap(),
                Date::parse("2026-11-01").unwrap(),
            ),
            ..Filter::default()
        };
        let errors = validate(" ", &filter).unwrap_err();
        assert_eq!(errors.for_field("name"), Some(Problem::Required));
        assert_eq!(errors.for_field("deadline"), Some(Problem::InvalidDate));
    }

    #[test]
    fn reordering_renumbers_the_views() {
        let view = |name: &str, position| SavedView {
            id: id(name),
            owner: id("anna"),
            name: name.into(),
            position,
            filter: Filter::default(),
        };
        let mut views = vec![view("a", 0), view("b", 1), view("c", 2)];
        reorder(&mut views, &id("c"), 0);
        let order: Vec<(&str, u32)> = views.iter().map(|v| (v.id.as_str(), v.position)).collect();
        assert_eq!(order, [("c", 0), ("a", 1), ("b", 2)]);
    }
}
