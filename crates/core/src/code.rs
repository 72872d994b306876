//! Stable codes of the enums that are stored or shown: the text a value is
//! stored, indexed, linked and offered in a select as. Pages read a choice
//! back with `from_code` instead of spelling the codes themselves, so a code
//! lives in one place and a renamed variant never changes stored data.

/// Gives a field-less enum its codes from one table of `Variant => "code"`:
/// `ALL` (every value, in the table's order, the order the app offers them
/// in), `code` and `from_code`. Both directions come from the same table and
/// `code` matches exhaustively, so a new variant cannot go without a code or
/// be missing from `ALL`. Doc comments before the name go to `ALL`.
macro_rules! codes {
    ($(#[$all:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, in the order the app offers them.
            $(#[$all])*
            pub const ALL: [Self; [$($code),+].len()] = [$(Self::$variant),+];

            /// The value as stored, indexed and in select values; never
            /// changes.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The value of a code; `None` for text that is no code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use codes;

/// Checks what every coded enum promises: each value comes back from its
/// code, no two values share a code, and a code is never blank.
#[cfg(test)]
pub(crate) fn assert_codes<T: Copy + PartialEq + std::fmt::Debug>(
    all: &[T],
    code: fn(T) -> &'static str,
    from_code: fn(&str) -> Option<T>,
) {
    let mut seen = std::collections::HashSet::new();
    for &value in all {
        assert!(!code(value).is_empty(), "{value:?} has a blank code");
        assert_eq!(from_code(code(value)), Some(value), "{value:?} does not round-trip");
        assert!(seen.insert(code(value)), "{value:?} shares its code {:?}", code(value));
    }
    assert_eq!(from_code("no such code"), None);
}

#[cfg(test)]
mod tests {
    use super::assert_codes;
    use crate::activity::{ActivityKind, Direction, Priority};
    use crate::agenda::View;
    use crate::client::ClientStatus;
    use crate::conditions::{OpKind, Subject};
    use crate::contact_point::{MessengerKind, PointKind};
    use crate::date::Weekday;
    use crate::fields::{FieldEntity, FieldKind};
    use crate::history::ActivityEvent;
    use crate::invoice::InvoiceStatus;
    use crate::lead::LeadStatus;
    use crate::pipeline::Semantic;
    use crate::record::CardKind;
    use crate::robots::{ActionChoice, TimingChoice, Unit};
    use crate::tasks::action::ActionKind;
    use crate::tasks::project::ProjectRole;
    use crate::tasks::role::Role as TaskRole;
    use crate::tasks::status::Status as TaskStatus;
    use crate::tasks::task::Priority as TaskPriority;
    use crate::user::Role;

    #[test]
    fn activity_kind_codes_round_trip() {
        assert_codes(&ActivityKind::ALL, ActivityKind::code, ActivityKind::from_code);
    }

    #[test]
    fn direction_codes_round_trip() {
        assert_codes(&Direction::ALL, Direction::code, Direction::from_code);
    }

    #[test]
    fn activity_priority_codes_round_trip() {
        assert_codes(&Priority::ALL, Priority::code, Priority::from_code);
    }

    #[test]
    fn view_codes_round_trip() {
        assert_codes(&View::ALL, View::code, View::from_code);
    }

    #[test]
    fn client_status_codes_round_trip() {
        assert_codes(&ClientStatus::ALL, ClientStatus::code, ClientStatus::from_code);
    }

    #[test]
    fn subject_codes_round_trip() {
        assert_codes(&Subject::ALL, Subject::code, Subject::from_code);
    }

    #[test]
    fn op_kind_codes_round_trip() {
        assert_codes(&OpKind::ALL, OpKind::code, OpKind::from_code);
    }

    #[test]
    fn point_kind_codes_round_trip() {
        assert_codes(&PointKind::ALL, PointKind::code, PointKind::from_code);
    }

    #[test]
    fn messenger_kind_codes_round_trip() {
        assert_codes(&MessengerKind::ALL, MessengerKind::code, MessengerKind::from_code);
    }

    #[test]
    fn weekday_codes_round_trip() {
        assert_codes(&Weekday::ALL, Weekday::code, Weekday::from_code);
    }

    #[test]
    fn field_entity_codes_round_trip() {
        assert_codes(&FieldEntity::ALL, FieldEntity::code, FieldEntity::from_code);
    }

    #[test]
    fn field_kind_codes_round_trip() {
        assert_codes(&FieldKind::ALL, FieldKind::code, FieldKind::from_code);
    }

    #[test]
    fn activity_event_codes_round_trip() {
        assert_codes(&ActivityEvent::ALL, ActivityEvent::code, ActivityEvent::from_code);
    }

    #[test]
    fn invoice_status_codes_round_trip() {
        assert_codes(&InvoiceStatus::ALL, InvoiceStatus::code, InvoiceStatus::from_code);
    }

    #[test]
    fn lead_status_codes_round_trip() {
        assert_codes(&LeadStatus::ALL, LeadStatus::code, LeadStatus::from_code);
    }

    #[test]
    fn semantic_codes_round_trip() {
        assert_codes(&Semantic::ALL, Semantic::code, Semantic::from_code);
    }

    #[test]
    fn card_kind_codes_round_trip() {
        assert_codes(&CardKind::ALL, CardKind::code, CardKind::from_code);
    }

    #[test]
    fn unit_codes_round_trip() {
        assert_codes(&Unit::ALL, Unit::code, Unit::from_code);
    }

    #[test]
    fn action_choice_codes_round_trip() {
        assert_codes(&ActionChoice::ALL, ActionChoice::code, ActionChoice::from_code);
    }

    /// Hand-written, as its delays carry a unit: every unit is offered.
    #[test]
    fn timing_choice_codes_round_trip() {
        assert_codes(&TimingChoice::ALL, TimingChoice::code, TimingChoice::from_code);
        for unit in Unit::ALL {
            assert!(TimingChoice::ALL.contains(&TimingChoice::After(unit)), "{unit:?} is not offered");
        }
    }

    #[test]
    fn task_action_kind_codes_round_trip() {
        assert_codes(&ActionKind::ALL, ActionKind::code, ActionKind::from_code);
    }

    #[test]
    fn project_role_codes_round_trip() {
        assert_codes(&ProjectRole::ALL, ProjectRole::code, ProjectRole::from_code);
    }

    #[test]
    fn task_role_codes_round_trip() {
        assert_codes(&TaskRole::ALL, TaskRole::code, TaskRole::from_code);
    }

    #[test]
    fn task_status_codes_round_trip() {
        assert_codes(&TaskStatus::ALL, TaskStatus::code, TaskStatus::from_code);
    }

    #[test]
    fn task_priority_codes_round_trip() {
        assert_codes(&TaskPriority::ALL, TaskPriority::code, TaskPriority::from_code);
    }

    #[test]
    fn role_codes_round_trip() {
        assert_codes(&Role::ALL, Role::code, Role::from_code);
    }

    /// Codes that name a stored value are spelled as serde stores it, so an
    /// index over a stored field can be queried by code.
    #[test]
    fn stored_codes_are_spelled_as_stored() {
        let stored = |value: serde_json::Value, code: &str| assert_eq!(value, serde_json::json!(code));
        for status in ClientStatus::ALL {
            stored(serde_json::to_value(status).unwrap(), status.code());
        }
        for kind in CardKind::ALL {
            stored(serde_json::to_value(kind).unwrap(), kind.code());
        }
    }
}
