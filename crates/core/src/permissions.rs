//! What a user's roles allow beyond their own work, one predicate per
//! power, so that the pages offering an edit and the server enforcing it
//! ask the same question.
//!
//! The administrator shapes how the whole organisation works: pipelines,
//! robots and triggers, custom fields, the work calendar, who holds which
//! role, the team and its org chart. Each changes everyone's work, so one
//! role holds them; each has its own predicate so that one can be given to
//! another role later without touching the callers.

use crate::client::ClientStatus;
use crate::user::{Role, User};

/// Adding, renaming and deleting pipelines and their stages.
pub fn may_edit_pipelines(user: &User) -> bool {
    user.has(Role::Administrator)
}

/// Adding and removing robots and triggers, the course examples included.
pub fn may_edit_robots(user: &User) -> bool {
    user.has(Role::Administrator)
}

/// Defining and deleting custom fields.
pub fn may_edit_fields(user: &User) -> bool {
    user.has(Role::Administrator)
}

/// The work calendar that business-day deadlines follow.
pub fn may_edit_calendar(user: &User) -> bool {
    user.has(Role::Administrator)
}

/// Giving and taking roles, this one included.
pub fn may_edit_roles(user: &User) -> bool {
    user.has(Role::Administrator)
}

/// Adding and renaming employees, departments, their heads and who belongs
/// where: what escalations and team views follow.
pub fn may_edit_team(user: &User) -> bool {
    user.has(Role::Administrator)
}

/// Whether to offer `user` to mark a client of `status` lost for good: the
/// head of sales' decision (`Client::mark_lost_for_good` refuses anyone
/// else), for a client not lost already.
pub fn may_mark_lost(user: &User, status: ClientStatus) -> bool {
    user.has(Role::HeadOfSales) && status != ClientStatus::Lost
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::Client;
    use crate::{Id, Timestamp};

    fn user(roles: &[Role]) -> User {
        User { id: Id::from_static("u1"), name: "Ann".into(), roles: roles.to_vec() }
    }

    #[test]
    fn only_an_administrator_changes_how_the_organisation_works() {
        let powers = [
            ("pipelines", may_edit_pipelines as fn(&User) -> bool),
            ("robots", may_edit_robots),
            ("fields", may_edit_fields),
            ("calendar", may_edit_calendar),
            ("roles", may_edit_roles),
            ("team", may_edit_team),
        ];
        for (power, may) in powers {
            assert!(may(&user(&[Role::Administrator])), "{power}");
            assert!(may(&user(&[Role::HeadOfSales, Role::Administrator])), "{power}");
            assert!(!may(&user(&[Role::HeadOfSales])), "{power}: a head of sales is not an administrator");
            assert!(!may(&user(&[])), "{power}");
        }
    }

    #[test]
    fn marking_lost_is_offered_to_whom_the_client_accepts_it_from() {
        for roles in [vec![], vec![Role::HeadOfSales], vec![Role::Administrator], Role::ALL.to_vec()] {
            let user = user(&roles);
            for status in [ClientStatus::Active, ClientStatus::Pool] {
                let json = serde_json::json!({ "responsible": "u2", "status": status.code() });
                let mut client: Client = serde_json::from_value(json).expect("a client");
                let accepted = client.mark_lost_for_good(&user, "closed down", Timestamp(1)).is_ok();
                assert_eq!(may_mark_lost(&user, status), accepted, "{roles:?}, {status:?}");
            }
            assert!(!may_mark_lost(&user, ClientStatus::Lost), "lost already");
        }
    }
}
