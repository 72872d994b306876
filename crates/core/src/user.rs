//! The people who own cards and activities, and their roles.

use serde::{Deserialize, Serialize};

use crate::code::codes;
use crate::validation::{check_text, FieldErrors, TextRule};
use crate::Id;

/// Roles that rules depend on. Everyone is a manager of their own cards;
/// these add rights on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Head of sales (РОП): decides that a client is lost for good, manages
    /// the pool, sees the team's activities.
    HeadOfSales,
    /// Administrates users and settings.
    Administrator,
}

codes!(Role { HeadOfSales => "head_of_sales", Administrator => "administrator" });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub roles: Vec<Role>,
}

pub const NAME_RULE: TextRule = TextRule { field: "name", required: true, max_chars: 120 };

impl User {
    pub fn new(id: Id, name: String) -> Self {
        Self { id, name, roles: Vec::new() }
    }

    /// Validates a display name and returns it trimmed.
    pub fn checked_name(name: &str) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = check_text(&mut errors, NAME_RULE, name);
        errors.into_result(name)
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Heads of sales and administrators oversee the team: they may look at
    /// other people's activities and reassign clients from the pool.
    pub fn oversees_team(&self) -> bool {
        self.has(Role::HeadOfSales) || self.has(Role::Administrator)
    }
}
