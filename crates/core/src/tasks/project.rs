//! Projects (workgroups): a team around one piece of work, with its members,
//! its tasks and its feed.
//!
//! Owners and moderators manage members; moderators only plain members, so
//! a moderator cannot push out the people who appointed them. Only owners
//! change roles, and a project always keeps an owner.
//!
//! Visibility: a project's members see all its tasks; anyone else sees only
//! the tasks they take part in (a task set for an outside expert stays
//! visible to them without opening the whole project to them).

use serde::{Deserialize, Serialize};

use super::role::Roles;
use super::task::Task;
use crate::code::codes;
use crate::record::Stamp;
use crate::validation::{check_text, FieldErrors, TextRule};
use crate::{Id, Timestamp};

pub const TITLE: TextRule = TextRule { field: "title", required: true, max_chars: 200 };
pub const DESCRIPTION: TextRule = TextRule { field: "description", required: false, max_chars: 10_000 };

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub members: Vec<Member>,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user: Id,
    pub role: ProjectRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectRole {
    Owner,
    Moderator,
    Member,
}

codes!(ProjectRole { Owner => "owner", Moderator => "moderator", Member => "member" });

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectAction {
    AddMember,
    RemoveMember,
    ChangeRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectError {
    /// The actor is not a member: the project is closed to them.
    NotMember,
    NotAllowed {
        action: ProjectAction,
        role: ProjectRole,
    },
    AlreadyMember,
    UnknownMember,
    /// The change would leave the project without an owner.
    LastOwner,
    TextRequired,
    TextTooLong {
        max_chars: usize,
    },
}

/// What a project form holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectDraft {
    pub title: String,
    pub description: String,
}

/// A project form that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProject {
    title: String,
    description: String,
}

impl ProjectDraft {
    pub fn validate(&self) -> Result<ValidProject, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = check_text(&mut errors, TITLE, &self.title);
        let description = check_text(&mut errors, DESCRIPTION, &self.description);
        errors.into_result(ValidProject { title, description })
    }
}

impl Project {
    /// The creator becomes its first owner.
    pub fn create(id: Id, valid: ValidProject, actor: &Id, now: Timestamp) -> Self {
        Self {
            id,
            title: valid.title,
            description: valid.description,
            members: vec![Member { user: actor.clone(), role: ProjectRole::Owner }],
            stamp: Stamp::new(actor, now),
        }
    }

    pub fn role_of(&self, user: &Id) -> Option<ProjectRole> {
        self.members.iter().find(|member| member.user == *user).map(|member| member.role)
    }

    /// Owners add anyone in any role; moderators add plain members.
    pub fn add_member(
        &mut self,
        actor: &Id,
        user: &Id,
        role: ProjectRole,
        now: Timestamp,
    ) -> Result<(), ProjectError> {
        let actor_role = self.role_of(actor).ok_or(ProjectError::NotMember)?;
        let allowed = match actor_role {
            ProjectRole::Owner => true,
            ProjectRole::Moderator => role == ProjectRole::Member,
            ProjectRole::Member => false,
        };
        if !allowed {
            return Err(ProjectError::NotAllowed { action: ProjectAction::AddMember, role: actor_role });
        }
        if self.role_of(user).is_some() {
            return Err(ProjectError::AlreadyMember);
        }
        self.members.push(Member { user: user.clone(), role });
        self.stamp.touch(actor, now);
        Ok(())
    }

    /// Removes `user`; removing oneself is leaving, which anyone may do
    /// except the last owner.
    pub fn remove_member(&mut self, actor: &Id, user: &Id, now: Timestamp) -> Result<(), ProjectError> {
        let actor_role = self.role_of(actor).ok_or(ProjectError::NotMember)?;
        let role = self.role_of(user).ok_or(ProjectError::UnknownMember)?;
        let allowed = actor == user
            || match actor_role {
                ProjectRole::Owner => true,
                ProjectRole::Moderator => role == ProjectRole::Member,
                ProjectRole::Member => false,
            };
        if !allowed {
            return Err(ProjectError::NotAllowed { action: ProjectAction::RemoveMember, role: actor_role });
        }
        if role == ProjectRole::Owner && self.owners() == 1 {
            return Err(ProjectError::LastOwner);
        }
        self.members.retain(|member| member.user != *user);
        self.stamp.touch(actor, now);
        Ok(())
    }

    /// Owners only; an owner may step down while another owner remains.
    pub fn change_role(
        &mut self,
        actor: &Id,
        user: &Id,
        role: ProjectRole,
        now: Timestamp,
    ) -> Result<(), ProjectError> {
        let actor_role = self.role_of(actor).ok_or(ProjectError::NotMember)?;
        if actor_role != ProjectRole::Owner {
            return Err(ProjectError::NotAllowed { action: ProjectAction::ChangeRole, role: actor_role });
        }
        let owners = self.owners();
        let member =
            self.members.iter_mut().find(|member| member.user == *user).ok_or(ProjectError::UnknownMember)?;
        if member.role == role {
            return Ok(());
        }
        if member.role == ProjectRole::Owner && owners == 1 {
            return Err(ProjectError::LastOwner);
        }
        member.role = role;
        self.stamp.touch(actor, now);
        Ok(())
    }

    /// The project's tasks that `viewer` may see, in the given order.
    pub fn visible_tasks<'a>(&self, viewer: &Id, tasks: impl IntoIterator<Item = &'a Task>) -> Vec<&'a Task> {
        let member = self.role_of(viewer).is_some();
        tasks
            .into_iter()
            .filter(|task| task.project.as_ref() == Some(&self.id))
            .filter(|task| member || Roles::of(task, viewer).participates())
            .collect()
    }

    fn owners(&self) -> usize {
        self.members.iter().filter(|member| member.role == ProjectRole::Owner).count()
    }
}

/// Whether `viewer` may see `task`; `project` is the task's project if it
/// has one (the app looks it up).
pub fn can_see_task(task: &Task, viewer: &Id, project: Option<&Project>) -> bool {
    Roles::of(task, viewer).participates()
        || project.is_some_and(|project| {
            task.project.as_ref() == Some(&project.id) && project.role_of(viewer).is_some()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::*;
    use ProjectRole::*;

    const NOW: Timestamp = Timestamp(100);

    /// Anna owns it; Rita moderates; Cole is a member.
    fn project() -> Project {
        let valid =
            ProjectDraft { title: " Seminar 2027 ".into(), description: String::new() }.validate().unwrap();
        let mut project = Project::create(user("p1"), valid, &anna(), CREATED);
        project.add_member(&anna(), &rita(), Moderator, NOW).unwrap();
        project.add_member(&rita(), &cole(), Member, NOW).unwrap();
        project
    }

    fn roles(project: &Project) -> Vec<(String, ProjectRole)> {
        project.members.iter().map(|m| (m.user.to_string(), m.role)).collect()
    }

    #[test]
    fn the_creator_owns_a_new_project_and_managers_add_members() {
        let project = project();
        assert_eq!(project.title, "Seminar 2027");
        assert_eq!(
            roles(&project),
            vec![("anna".into(), Owner), ("rita".into(), Moderator), ("cole".into(), Member)]
        );
        assert_eq!(project.stamp.updated_by, rita());
    }

    #[test]
    fn a_project_needs_a_title() {
        let errors = ProjectDraft::default().validate().unwrap_err();
        assert_eq!(errors.for_field("title"), Some(crate::validation::Problem::Required));
    }

    #[test]
    fn who_may_add_whom() {
        let cases = [
            (anna(), Owner, Ok(())),
            (anna(), Moderator, Ok(())),
            (rita(), Member, Ok(())),
            (
                rita(),
                Moderator,
                Err(ProjectError::NotAllowed { action: ProjectAction::AddMember, role: Moderator }),
            ),
            (
                cole(),
                Member,
                Err(ProjectError::NotAllowed { action: ProjectAction::AddMember, role: Member }),
            ),
            (otto(), Member, Err(ProjectError::NotMember)),
        ];
        for (actor, role, expected) in cases {
            let mut project = project();
            assert_eq!(project.add_member(&actor, &olga(), role, NOW), expected, "{actor} adds a {role:?}");
            assert_eq!(project.role_of(&olga()), expected.ok().map(|_| role));
        }
        assert_eq!(project().add_member(&anna(), &cole(), Member, NOW), Err(ProjectError::AlreadyMember));
    }

    #[test]
    fn who_may_remove_whom() {
        let not_allowed = |role| Err(ProjectError::NotAllowed { action: ProjectAction::RemoveMember, role });
        let cases = [
            (anna(), rita(), Ok(())),
            (anna(), cole(), Ok(())),
            (rita(), cole(), Ok(())),
            (rita(), anna(), not_allowed(Moderator)),
            (cole(), rita(), not_allowed(Member)),
            (cole(), cole(), Ok(())),
            (rita(), rita(), Ok(())),
            (otto(), cole(), Err(ProjectError::NotMember)),
            (anna(), otto(), Err(ProjectError::UnknownMember)),
        ];
        for (actor, user, expected) in cases {
            let mut project = project();
            let result = project.remove_member(&actor, &user, NOW);
            assert_eq!(result, expected, "{actor} removes {user}");
            assert_eq!(project.role_of(&user).is_none(), result.is_ok() || user == otto());
        }
    }

    #[test]
    fn the_last_owner_cannot_leave_but_one_of_two_can() {
        let mut project = project();
        assert_eq!(project.remove_member(&anna(), &anna(), NOW), Err(ProjectError::LastOwner));
        assert_eq!(project.change_role(&anna(), &anna(), Member, NOW), Err(ProjectError::LastOwner));
        project.change_role(&anna(), &rita(), Owner, NOW).unwrap();
        assert_eq!(project.remove_member(&anna(), &anna(), NOW), Ok(()));
        assert_eq!(roles(&project), vec![("rita".into(), Owner), ("cole".into(), Member)]);
    }

    #[test]
    fn only_owners_change_roles() {
        let mut project = project();
        let refused = Err(ProjectError::NotAllowed { action: ProjectAction::ChangeRole, role: Moderator });
        assert_eq!(project.change_role(&rita(), &cole(), Moderator, NOW), refused);
        assert_eq!(project.change_role(&otto(), &cole(), Moderator, NOW), Err(ProjectError::NotMember));
        assert_eq!(project.change_role(&anna(), &otto(), Moderator, NOW), Err(ProjectError::UnknownMember));
        assert_eq!(project.change_role(&anna(), &cole(), Moderator, NOW), Ok(()));
        assert_eq!(project.role_of(&cole()), Some(Moderator));
    }

    #[test]
    fn members_see_all_project_tasks_and_others_only_their_own() {
        let project = project();
        let in_project = |edit: fn(&mut Task)| {
            let mut task = task();
            task.project = Some(user("p1"));
            task.creator = cole();
            task.responsible = cole();
            task.co_executors.clear();
            task.observers.clear();
            edit(&mut task);
            task
        };
        let tasks = [
            in_project(|t| t.id = user("internal")),
            in_project(|t| {
                t.id = user("for-olga");
                t.responsible = olga();
            }),
            task(),
        ];
        let ids = |list: Vec<&Task>| list.iter().map(|t| t.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(project.visible_tasks(&rita(), &tasks)), ["internal", "for-olga"]);
        assert_eq!(ids(project.visible_tasks(&olga(), &tasks)), ["for-olga"]);
        assert!(project.visible_tasks(&otto(), &tasks).is_empty());
        assert!(can_see_task(&tasks[0], &rita(), Some(&project)));
        assert!(!can_see_task(&tasks[0], &olga(), Some(&project)));
        assert!(can_see_task(&tasks[1], &olga(), Some(&project)));
        assert!(!can_see_task(&tasks[0], &rita(), None), "without its project, only participants see it");
        assert!(can_see_task(&tasks[2], &olga(), None), "Olga observes the fixture task");
    }

    #[test]
    fn the_project_page_shows_its_visible_tasks_by_status_with_their_counters() {
        use crate::tasks::counters::{team_counters, Counters};
        use crate::tasks::status::Status;
        use crate::tasks::views::kanban;
        let project = project();
        let mut late = task();
        late.id = user("late");
        late.project = Some(user("p1"));
        late.status = Status::InProgress;
        let mut done = late.clone();
        done.id = user("done");
        done.status = Status::Completed;
        let tasks = [late, done, task()];
        let visible = project.visible_tasks(&cole(), &tasks);
        let board: Vec<_> = kanban(visible.iter().copied())
            .into_iter()
            .filter(|(_, column)| !column.is_empty())
            .map(|(status, column)| (status, column.iter().map(|t| t.id.to_string()).collect::<Vec<_>>()))
            .collect();
        assert_eq!(
            board,
            vec![
                (Status::InProgress, vec!["late".to_string()]),
                (Status::Completed, vec!["done".to_string()])
            ]
        );
        let counters = team_counters(&cole(), visible, DEADLINE.plus_millis(1), &MOSCOW);
        assert_eq!(counters, Counters { overdue: 1, due_today: 0, new: 1, awaiting_review: 0, returned: 0 });
    }
}
