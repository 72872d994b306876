//! The org chart: departments in a tree, their heads and their people.
//! Robots escalate to "the responsible person's department head" and
//! managers look at a department's work through it.
//!
//! A user may belong to several departments (a salesperson who also sits in
//! a project team), but exactly one of them is primary and only that one
//! decides who their head is, so escalation always reaches one person. A
//! head need not be a member of the department they head; a head who works
//! in it should also be assigned to it.
//!
//! Stored data may be corrupted (a parent pointing at a descendant, a
//! missing parent, a repeated id), so every walk up or down the tree stops
//! at a department it has already seen or cannot find, and answers come in
//! a fixed order: the order of `departments`, or sorted ids for users.

mod edit;

pub use edit::{OrgError, NAME_RULE};

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::text::sort_key;
use crate::user::User;
use crate::Id;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: Id,
    pub name: String,
    /// `None` for a top-level department.
    #[serde(default)]
    pub parent: Option<Id>,
    #[serde(default)]
    pub head: Option<Id>,
}

/// The departments of one user: `department` is the primary one, `also`
/// the others they belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub user: Id,
    pub department: Id,
    #[serde(default)]
    pub also: Vec<Id>,
}

impl Membership {
    fn belongs_to(&self, department: &Id) -> bool {
        self.department == *department || self.also.contains(department)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgChart {
    #[serde(default)]
    pub departments: Vec<Department>,
    /// One per user; should a user appear twice, the first entry counts.
    #[serde(default)]
    pub memberships: Vec<Membership>,
}

impl OrgChart {
    pub fn department(&self, id: &Id) -> Option<&Department> {
        self.departments.iter().find(|department| department.id == *id)
    }

    pub fn membership(&self, user: &Id) -> Option<&Membership> {
        self.memberships.iter().find(|membership| membership.user == *user)
    }

    /// The departments directly under `parent` (`None`: the top level),
    /// sorted by name as a tree view shows them.
    pub fn children(&self, parent: Option<&Id>) -> Vec<&Department> {
        let mut children: Vec<&Department> =
            self.departments.iter().filter(|department| department.parent.as_ref() == parent).collect();
        crate::sort::sort_by_cached_key(&mut children, |department| {
            (sort_key(&department.name), department.id.clone())
        });
        children
    }

    /// The department itself, its parent, and so on up to the top, as a
    /// breadcrumb reads backwards. Empty for an unknown department.
    pub fn path_to_root(&self, id: &Id) -> Vec<&Department> {
        let mut path: Vec<&Department> = Vec::new();
        let mut next = Some(id);
        while let Some(department) = next.and_then(|id| self.department(id)) {
            if path.iter().any(|seen| seen.id == department.id) {
                break;
            }
            path.push(department);
            next = department.parent.as_ref();
        }
        path
    }

    /// The head of a user: the head of their primary department, or of the
    /// nearest department above it that has one. A head is never their own
    /// head: for the head of a department the search goes on upwards to a
    /// department headed by someone else. `None` for a user without a
    /// department or with nobody above them (the head of the top department).
    pub fn head_of(&self, user: &Id) -> Option<&Id> {
        let membership = self.membership(user)?;
        self.path_to_root(&membership.department)
            .into_iter()
            .filter_map(|department| department.head.as_ref())
            .find(|head| *head != user)
    }

    /// The department and everything below it, each once, the department
    /// first and the rest in the order of `departments`.
    pub fn subtree(&self, id: &Id) -> Vec<&Department> {
        let Some(root) = self.department(id) else {
            return Vec::new();
        };
        let mut ids: BTreeSet<&Id> = BTreeSet::from([&root.id]);
        loop {
            let before = ids.len();
            for department in &self.departments {
                if department.parent.as_ref().is_some_and(|parent| ids.contains(parent)) {
                    ids.insert(&department.id);
                }
            }
            if ids.len() == before {
                break;
            }
        }
        let mut seen: BTreeSet<&Id> = BTreeSet::from([&root.id]);
        let below = self
            .departments
            .iter()
            .filter(|department| ids.contains(&department.id) && seen.insert(&department.id));
        std::iter::once(root).chain(below).collect()
    }

    /// The users who belong to the department or to any department below
    /// it (primary or not), sorted by id: whose work a manager sees after
    /// picking that department.
    pub fn members(&self, id: &Id) -> Vec<&Id> {
        let subtree = self.subtree(id);
        let users: BTreeSet<&Id> = self
            .memberships
            .iter()
            .filter(|membership| subtree.iter().any(|department| membership.belongs_to(&department.id)))
            .map(|membership| &membership.user)
            .collect();
        users.into_iter().collect()
    }

    /// The departments a user heads and all departments below them, each
    /// once, in the order of `departments`: the part of the company whose
    /// work they are responsible for.
    pub fn managed_by(&self, user: &Id) -> Vec<&Department> {
        let headed = self.departments.iter().filter(|department| department.head.as_ref() == Some(user));
        let managed: BTreeSet<&Id> = headed
            .flat_map(|department| self.subtree(&department.id))
            .map(|department| &department.id)
            .collect();
        let mut seen: BTreeSet<&Id> = BTreeSet::new();
        self.departments
            .iter()
            .filter(|department| managed.contains(&department.id) && seen.insert(&department.id))
            .collect()
    }

    /// The departments whose activities `user` may look at: every one for
    /// those who oversee the team, else those they manage.
    pub fn visible_to(&self, user: &User) -> Vec<&Department> {
        if user.oversees_team() {
            self.departments.iter().collect()
        } else {
            self.managed_by(&user.id)
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    pub fn department(name: &str, parent: Option<&str>, head: Option<&str>) -> Department {
        Department { id: id(name), name: name.to_owned(), parent: parent.map(id), head: head.map(id) }
    }

    pub fn member(user: &str, department: &str, also: &[&str]) -> Membership {
        Membership {
            user: id(user),
            department: id(department),
            also: also.iter().copied().map(id).collect(),
        }
    }

    /// company (ceo) → sales (sonia) → moscow (no head) → b2b (no head), and
    /// company → support (no head).
    pub fn chart() -> OrgChart {
        OrgChart {
            departments: vec![
                department("company", None, Some("ceo")),
                department("sales", Some("company"), Some("sonia")),
                department("moscow", Some("sales"), None),
                department("b2b", Some("moscow"), None),
                department("support", Some("company"), None),
            ],
            memberships: vec![
                member("ceo", "company", &[]),
                member("sonia", "sales", &[]),
                member("mark", "moscow", &[]),
                member("bella", "b2b", &["support"]),
                member("sam", "support", &[]),
            ],
        }
    }

    fn ids<'a>(departments: impl IntoIterator<Item = &'a Department>) -> Vec<&'a str> {
        departments.into_iter().map(|department| department.id.as_str()).collect()
    }

    fn users<'a>(users: impl IntoIterator<Item = &'a Id>) -> Vec<&'a str> {
        users.into_iter().map(Id::as_str).collect()
    }

    #[test]
    fn the_head_of_the_own_department_is_the_head() {
        assert_eq!(chart().head_of(&id("sam")), Some(&id("ceo")), "support has no head, company does");
        let mut chart = chart();
        chart.departments[4].head = Some(id("hugo"));
        assert_eq!(chart.head_of(&id("sam")), Some(&id("hugo")));
    }

    #[test]
    fn headless_departments_are_skipped_on_the_way_up() {
        let chart = chart();
        assert_eq!(chart.head_of(&id("bella")), Some(&id("sonia")), "b2b and moscow have no head");
        assert_eq!(chart.head_of(&id("mark")), Some(&id("sonia")));
    }

    #[test]
    fn only_the_primary_department_decides_the_head() {
        let mut chart = chart();
        chart.departments[4].head = Some(id("hugo"));
        assert_eq!(chart.head_of(&id("bella")), Some(&id("sonia")), "support is not bella's primary");
    }

    #[test]
    fn the_head_of_a_department_reports_to_the_head_above() {
        let chart = chart();
        assert_eq!(chart.head_of(&id("sonia")), Some(&id("ceo")));
    }

    #[test]
    fn a_head_above_who_is_the_user_again_is_skipped_too() {
        let mut chart = chart();
        chart.departments[2].head = Some(id("sonia"));
        chart.memberships[1] = member("sonia", "moscow", &[]);
        assert_eq!(chart.head_of(&id("sonia")), Some(&id("ceo")), "sonia heads moscow and sales");
        assert_eq!(chart.head_of(&id("mark")), Some(&id("sonia")));
    }

    #[test]
    fn the_top_head_and_users_outside_the_chart_have_no_head() {
        let chart = chart();
        assert_eq!(chart.head_of(&id("ceo")), None);
        assert_eq!(chart.head_of(&id("stranger")), None);
        let headless = OrgChart { departments: vec![department("solo", None, None)], ..OrgChart::default() };
        assert_eq!(headless.head_of(&id("ceo")), None);
    }

    #[test]
    fn members_include_every_department_below() {
        let chart = chart();
        assert_eq!(users(chart.members(&id("sales"))), ["bella", "mark", "sonia"]);
        assert_eq!(users(chart.members(&id("support"))), ["bella", "sam"], "bella belongs there too");
        assert_eq!(users(chart.members(&id("company"))), ["bella", "ceo", "mark", "sam", "sonia"]);
        assert_eq!(chart.members(&id("nowhere")), Vec::<&Id>::new());
    }

    #[test]
    fn a_head_manages_their_departments_and_those_below() {
        let chart = chart();
        assert_eq!(ids(chart.managed_by(&id("sonia"))), ["sales", "moscow", "b2b"]);
        assert_eq!(ids(chart.managed_by(&id("ceo"))), ["company", "sales", "moscow", "b2b", "support"]);
        assert!(chart.managed_by(&id("mark")).is_empty());
    }

    #[test]
    fn a_head_looks_at_the_departments_they_manage_and_an_overseer_at_all() {
        use crate::user::Role;

        let chart = chart();
        let person =
            |name: &str, roles: &[Role]| User { id: id(name), name: name.into(), roles: roles.to_vec() };
        assert_eq!(ids(chart.visible_to(&person("sonia", &[]))), ["sales", "moscow", "b2b"]);
        assert!(chart.visible_to(&person("mark", &[])).is_empty());
        let all = ["company", "sales", "moscow", "b2b", "support"];
        assert_eq!(ids(chart.visible_to(&person("mark", &[Role::HeadOfSales]))), all);
        assert_eq!(ids(chart.visible_to(&person("olga", &[Role::Administrator]))), all);
    }

    #[test]
    fn the_path_leads_from_the_department_to_the_top() {
        let chart = chart();
        assert_eq!(ids(chart.path_to_root(&id("b2b"))), ["b2b", "moscow", "sales", "company"]);
        assert_eq!(ids(chart.path_to_root(&id("company"))), ["company"]);
        assert!(chart.path_to_root(&id("nowhere")).is_empty());
    }

    #[test]
    fn children_are_listed_by_name() {
        let mut chart = chart();
        chart.departments.push(department("Accounts", Some("company"), None));
        assert_eq!(ids(chart.children(Some(&id("company")))), ["Accounts", "sales", "support"]);
        assert_eq!(ids(chart.children(None)), ["company"]);
    }

    #[test]
    fn lookups_end_on_corrupted_cycles_and_missing_parents() {
        let chart = OrgChart {
            departments: vec![
                department("a", Some("c"), None),
                department("b", Some("a"), None),
                department("c", Some("b"), None),
                department("orphan", Some("gone"), Some("olga")),
            ],
            memberships: vec![member("ann", "a", &[]), member("otto", "orphan", &[])],
        };
        assert_eq!(ids(chart.path_to_root(&id("a"))), ["a", "c", "b"]);
        assert_eq!(chart.head_of(&id("ann")), None);
        assert_eq!(ids(chart.subtree(&id("b"))), ["b", "a", "c"]);
        assert_eq!(users(chart.members(&id("c"))), ["ann"]);
        assert_eq!(ids(chart.path_to_root(&id("orphan"))), ["orphan"]);
        assert_eq!(chart.head_of(&id("otto")), Some(&id("olga")));
    }

    #[test]
    fn an_org_chart_survives_a_json_round_trip() {
        let chart = chart();
        let json = serde_json::to_string(&chart).unwrap();
        assert_eq!(serde_json::from_str::<OrgChart>(&json).unwrap(), chart);
    }
}
