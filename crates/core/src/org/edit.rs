//! Edits of the org chart. Each checks first and changes nothing when it
//! refuses, so the chart stays a tree with existing parents.

use serde::{Deserialize, Serialize};

use super::{Department, Membership, OrgChart};
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::Id;

pub const NAME_RULE: TextRule = TextRule { field: "name", required: true, max_chars: 200 };

/// Why an edit of the org chart was refused. Codes, not sentences: the app
/// translates them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgError {
    /// The department name breaks [`NAME_RULE`].
    InvalidName(Problem),
    /// A department with this id already exists.
    DuplicateId,
    UnknownDepartment(Id),
    /// The chosen parent department does not exist (any more).
    UnknownParent,
    /// The chosen parent is the department itself or lies below it, which
    /// would turn the tree into a loop.
    ParentInsideDepartment,
    /// A department is deleted only when empty; these are what stop it:
    /// the departments directly below it and the users who belong to it.
    NotEmpty {
        sub_departments: Vec<Id>,
        members: Vec<Id>,
    },
}

impl OrgChart {
    pub fn add_department(&mut self, id: Id, name: &str, parent: Option<Id>) -> Result<(), OrgError> {
        if self.department(&id).is_some() {
            return Err(OrgError::DuplicateId);
        }
        let name = checked_name(name)?;
        if parent.as_ref().is_some_and(|parent| self.department(parent).is_none()) {
            return Err(OrgError::UnknownParent);
        }
        self.departments.push(Department { id, name, parent, head: None });
        Ok(())
    }

    pub fn rename_department(&mut self, id: &Id, name: &str) -> Result<(), OrgError> {
        let name = checked_name(name)?;
        self.department_mut(id)?.name = name;
        Ok(())
    }

    /// Puts a department under another one (`None`: the top level), which
    /// moves its whole subtree along. Refused under itself or its own
    /// descendants.
    pub fn move_department(&mut self, id: &Id, parent: Option<Id>) -> Result<(), OrgError> {
        self.department_mut(id)?;
        if let Some(parent) = &parent {
            if self.department(parent).is_none() {
                return Err(OrgError::UnknownParent);
            }
            if self.subtree(id).iter().any(|department| department.id == *parent) {
                return Err(OrgError::ParentInsideDepartment);
            }
        }
        self.department_mut(id)?.parent = parent;
        Ok(())
    }

    /// Sets or clears the head. Any user may head any number of departments.
    pub fn set_head(&mut self, id: &Id, head: Option<Id>) -> Result<(), OrgError> {
        self.department_mut(id)?.head = head;
        Ok(())
    }

    /// Deletes an empty department and returns it; otherwise reports what
    /// is still in it, so the user can move it elsewhere first.
    pub fn remove_department(&mut self, id: &Id) -> Result<Department, OrgError> {
        let position = self
            .departments
            .iter()
            .position(|department| department.id == *id)
            .ok_or_else(|| OrgError::UnknownDepartment(id.clone()))?;
        let sub_departments: Vec<Id> =
            self.children(Some(id)).into_iter().map(|department| department.id.clone()).collect();
        let mut members: Vec<Id> = self
            .memberships
            .iter()
            .filter(|membership| membership.belongs_to(id))
            .map(|membership| membership.user.clone())
            .collect();
        crate::sort::sort(&mut members);
        members.dedup();
        if !sub_departments.is_empty() || !members.is_empty() {
            return Err(OrgError::NotEmpty { sub_departments, members });
        }
        Ok(self.departments.remove(position))
    }

    /// Makes `department` the user's primary department and `also` their
    /// other ones, replacing what they belonged to before.
    pub fn assign(&mut self, user: Id, department: Id, also: Vec<Id>) -> Result<(), OrgError> {
        if let Some(unknown) =
            std::iter::once(&department).chain(&also).find(|id| self.department(id).is_none())
        {
            return Err(OrgError::UnknownDepartment(unknown.clone()));
        }
        let mut also: Vec<Id> = also.into_iter().filter(|other| *other != department).collect();
        crate::sort::sort(&mut also);
        also.dedup();
        self.unassign(&user);
        self.memberships.push(Membership { user, department, also });
        Ok(())
    }

    /// Removes the user from every department (the user leaves the company
    /// or is to be placed again).
    pub fn unassign(&mut self, user: &Id) {
        self.memberships.retain(|membership| membership.user != *user);
    }

    fn department_mut(&mut self, id: &Id) -> Result<&mut Department, OrgError> {
        self.departments
            .iter_mut()
            .find(|department| department.id == *id)
            .ok_or_else(|| OrgError::UnknownDepartment(id.clone()))
    }
}

fn checked_name(name: &str) -> Result<String, OrgError> {
    let mut errors = FieldErrors::default();
    let name = check_text(&mut errors, NAME_RULE, name);
    match errors.for_field(NAME_RULE.field) {
        Some(problem) => Err(OrgError::InvalidName(problem)),
        None => Ok(name),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{chart, id, member};
    use super::*;

    #[test]
    fn a_department_is_added_under_an_existing_parent() {
        let mut chart = chart();
        chart.add_department(id("spb"), "  Санкт-Петербург ", Some(id("sales"))).unwrap();
        let added = chart.department(&id("spb")).unwrap();
        assert_eq!((added.name.as_str(), added.parent.as_ref()), ("Санкт-Петербург", Some(&id("sales"))));
        assert_eq!(added.head, None);
    }

    #[test]
    fn adding_refuses_a_missing_parent_a_taken_id_and_a_blank_name() {
        let mut chart = chart();
        let before = chart.clone();
        assert_eq!(chart.add_department(id("x"), "X", Some(id("gone"))), Err(OrgError::UnknownParent));
        assert_eq!(chart.add_department(id("sales"), "Sales 2", None), Err(OrgError::DuplicateId));
        assert_eq!(chart.add_department(id("x"), " ", None), Err(OrgError::InvalidName(Problem::Required)));
        assert_eq!(chart, before);
    }

    #[test]
    fn a_department_moves_with_its_subtree() {
        let mut chart = chart();
        chart.move_department(&id("moscow"), Some(id("support"))).unwrap();
        let path: Vec<&str> = chart.path_to_root(&id("b2b")).iter().map(|d| d.id.as_str()).collect();
        assert_eq!(path, ["b2b", "moscow", "support", "company"]);
        assert_eq!(chart.head_of(&id("mark")), Some(&id("ceo")), "support has no head");
        chart.move_department(&id("moscow"), None).unwrap();
        assert_eq!(chart.head_of(&id("mark")), None, "a top-level department without a head");
    }

    #[test]
    fn moving_under_itself_or_a_descendant_is_refused() {
        let mut chart = chart();
        let before = chart.clone();
        assert_eq!(
            chart.move_department(&id("sales"), Some(id("sales"))),
            Err(OrgError::ParentInsideDepartment)
        );
        assert_eq!(
            chart.move_department(&id("sales"), Some(id("b2b"))),
            Err(OrgError::ParentInsideDepartment)
        );
        assert_eq!(chart.move_department(&id("sales"), Some(id("gone"))), Err(OrgError::UnknownParent));
        assert_eq!(chart.move_department(&id("gone"), None), Err(OrgError::UnknownDepartment(id("gone"))));
        assert_eq!(chart, before);
    }

    #[test]
    fn deleting_reports_what_is_still_in_the_department() {
        let mut chart = chart();
        assert_eq!(
            chart.remove_department(&id("moscow")),
            Err(OrgError::NotEmpty { sub_departments: vec![id("b2b")], members: vec![id("mark")] })
        );
        assert_eq!(
            chart.remove_department(&id("support")),
            Err(OrgError::NotEmpty { sub_departments: vec![], members: vec![id("bella"), id("sam")] }),
            "bella belongs there besides her primary department"
        );
    }

    #[test]
    fn an_emptied_department_is_deleted() {
        let mut chart = chart();
        chart.assign(id("bella"), id("moscow"), vec![]).unwrap();
        let removed = chart.remove_department(&id("b2b")).unwrap();
        assert_eq!(removed.id, id("b2b"));
        assert_eq!(chart.department(&id("b2b")), None);
        assert_eq!(chart.remove_department(&id("b2b")), Err(OrgError::UnknownDepartment(id("b2b"))));
    }

    #[test]
    fn assigning_replaces_the_departments_of_a_user() {
        let mut chart = chart();
        chart.assign(id("sam"), id("b2b"), vec![id("support"), id("b2b"), id("support")]).unwrap();
        assert_eq!(chart.membership(&id("sam")), Some(&member("sam", "b2b", &["support"])));
        assert_eq!(chart.memberships.iter().filter(|m| m.user == id("sam")).count(), 1);
        assert_eq!(chart.head_of(&id("sam")), Some(&id("sonia")));
        assert_eq!(
            chart.assign(id("sam"), id("b2b"), vec![id("gone")]),
            Err(OrgError::UnknownDepartment(id("gone")))
        );
        chart.unassign(&id("sam"));
        assert_eq!(chart.head_of(&id("sam")), None);
    }

    #[test]
    fn heads_are_set_and_cleared() {
        let mut chart = chart();
        chart.set_head(&id("moscow"), Some(id("mark"))).unwrap();
        assert_eq!(chart.head_of(&id("bella")), Some(&id("mark")));
        assert_eq!(chart.head_of(&id("mark")), Some(&id("sonia")), "mark is not his own head");
        chart.set_head(&id("moscow"), None).unwrap();
        assert_eq!(chart.head_of(&id("bella")), Some(&id("sonia")));
    }

    #[test]
    fn a_department_is_renamed_to_a_valid_name_only() {
        let mut chart = chart();
        assert_eq!(
            chart.rename_department(&id("moscow"), &"x".repeat(201)),
            Err(OrgError::InvalidName(Problem::TooLong { max_chars: 200 }))
        );
        chart.rename_department(&id("moscow"), "Москва").unwrap();
        assert_eq!(chart.department(&id("moscow")).map(|d| d.name.as_str()), Some("Москва"));
    }

    #[test]
    fn refusals_serialize_as_snake_case_codes() {
        let json =
            serde_json::to_string(&OrgError::InvalidName(Problem::TooLong { max_chars: 200 })).unwrap();
        assert_eq!(json, r#"{"invalid_name":{"kind":"too_long","max_chars":200}}"#);
        assert_eq!(serde_json::to_string(&OrgError::UnknownParent).unwrap(), r#""unknown_parent""#);
    }
}
