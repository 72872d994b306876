//! The audit history of a card: who created, changed or deleted it, when,
//! and which fields changed from what to what. Entries are written in the
//! same transaction as the change itself, so history cannot miss one.

use serde::{Deserialize, Serialize};

use crate::code::codes;
use crate::record::CardRef;
use crate::{Id, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// What happened to one of a card's activities, as its history tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityEvent {
    Planned,
    Completed,
    Rescheduled,
    Deleted,
    MovedHere,
    MovedAway,
}

codes!(ActivityEvent {
    Planned => "planned",
    Completed => "completed",
    Rescheduled => "rescheduled",
    Deleted => "deleted",
    MovedHere => "moved_here",
    MovedAway => "moved_away",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Created,
    Updated {
        fields: Vec<FieldChange>,
    },
    Deleted,
    /// An activity of the card: its subject and, when completed, the result.
    Activity {
        event: ActivityEvent,
        subject: String,
        detail: String,
    },
}

impl Change {
    /// One history entry for two changes made by one save (a card's own
    /// fields and its custom fields): their field lists joined. Other kinds
    /// of change do not join; the later one wins.
    pub fn join(first: Option<Change>, second: Option<Change>) -> Option<Change> {
        match (first, second) {
            (Some(Change::Updated { mut fields }), Some(Change::Updated { fields: more })) => {
                fields.extend(more);
                Some(Change::Updated { fields })
            }
            (first, second) => second.or(first),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: Id,
    pub card: CardRef,
    pub at: Timestamp,
    pub by: Id,
    pub change: Change,
}

/// Collects the fields that differ between two versions of a card, in the
/// order they are compared.
#[derive(Debug, Default)]
pub struct Diff(Vec<FieldChange>);

impl Diff {
    pub fn field(mut self, field: &str, before: impl ToString, after: impl ToString) -> Self {
        let (before, after) = (before.to_string(), after.to_string());
        if before != after {
            self.0.push(FieldChange { field: field.to_owned(), before, after });
        }
        self
    }

    /// `None` when nothing changed: such a save is not worth a history entry.
    pub fn into_change(self) -> Option<Change> {
        (!self.0.is_empty()).then_some(Change::Updated { fields: self.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_updates_of_one_save_join_into_one_entry() {
        let a = Diff::default().field("title", "A", "B").into_change();
        let b = Diff::default().field("VIP", "", "yes").into_change();
        let Some(Change::Updated { fields }) = Change::join(a.clone(), b) else { panic!("joined") };
        assert_eq!(fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["title", "VIP"]);
        assert_eq!(Change::join(a.clone(), None), a);
        assert_eq!(Change::join(None, None), None);
    }

    #[test]
    fn only_changed_fields_are_recorded() {
        let change =
            Diff::default().field("title", "Acme", "Acme Ltd").field("phone", "1", "1").into_change();
        assert_eq!(
            change,
            Some(Change::Updated {
                fields: vec![FieldChange {
                    field: "title".into(),
                    before: "Acme".into(),
                    after: "Acme Ltd".into()
                }]
            })
        );
    }

    #[test]
    fn an_unchanged_save_has_no_change() {
        assert_eq!(Diff::default().field("title", "Acme", "Acme").into_change(), None);
    }
}
