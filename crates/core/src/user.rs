//! The people who own cards and activities.

use serde::{Deserialize, Serialize};

use crate::validation::{check_text, FieldErrors, TextRule};
use crate::Id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: Id,
    pub name: String,
}

pub const NAME_RULE: TextRule = TextRule { field: "name", required: true, max_chars: 120 };

impl User {
    /// Validates a display name and returns it trimmed.
    pub fn checked_name(name: &str) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = check_text(&mut errors, NAME_RULE, name);
        errors.into_result(name)
    }
}
