//! A person's relation to a task: it decides what they may do with it and
//! which counters, views and notifications concern them.

use super::task::Task;
use crate::code::codes;
use crate::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Responsible,
    CoExecutor,
    Creator,
    Observer,
    /// Not a participant; may still see the task as a member of its project.
    Outsider,
}

codes!(Role {
    Responsible => "responsible",
    CoExecutor => "co_executor",
    Creator => "creator",
    Observer => "observer",
    Outsider => "outsider",
});

/// Every role one person holds on one task: a creator can also be the
/// responsible or a co-executor, and permissions are the union.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Roles {
    pub creator: bool,
    pub responsible: bool,
    pub co_executor: bool,
    pub observer: bool,
}

impl Roles {
    pub(crate) fn of(task: &Task, user: &Id) -> Self {
        Self {
            creator: task.creator == *user,
            responsible: task.responsible == *user,
            co_executor: task.co_executors.contains(user),
            observer: task.observers.contains(user),
        }
    }

    /// Responsible and co-executors do the work.
    pub(crate) fn works(self) -> bool {
        self.responsible || self.co_executor
    }

    pub(crate) fn participates(self) -> bool {
        self.creator || self.works() || self.observer
    }

    pub(crate) fn has(self, role: Role) -> bool {
        match role {
            Role::Responsible => self.responsible,
            Role::CoExecutor => self.co_executor,
            Role::Creator => self.creator,
            Role::Observer => self.observer,
            Role::Outsider => !self.participates(),
        }
    }

    pub(crate) fn primary(self) -> Role {
        [Role::Responsible, Role::CoExecutor, Role::Creator, Role::Observer]
            .into_iter()
            .find(|role| self.has(*role))
            .unwrap_or(Role::Outsider)
    }
}
