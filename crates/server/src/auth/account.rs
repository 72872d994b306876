//! A user account as handlers use it (roles decoded), its JSON shape, and
//! the rules for logins and passwords.

use dela_core::user::Role;
use serde::Serialize;

use crate::db::StoredUser;

/// Longest login, in characters.
pub const LOGIN_MAX: usize = 64;
/// Shortest and longest password, in characters. The upper bound keeps a
/// client from making the server hash megabytes.
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: String,
    pub login: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub active: bool,
}

impl Account {
    /// Role codes this build does not know (a newer build's) are left out
    /// and logged: such a user keeps signing in, with the roles known here.
    pub fn from_stored(user: &StoredUser) -> Self {
        let roles = user
            .roles
            .iter()
            .filter_map(|code| {
                let role = Role::from_code(code);
                if role.is_none() {
                    tracing::warn!(user = %user.id, role = %code, "unknown role ignored");
                }
                role
            })
            .collect();
        Self {
            id: user.id.clone(),
            login: user.login.clone(),
            name: user.name.clone(),
            roles,
            active: user.active,
        }
    }

    pub fn is_administrator(&self) -> bool {
        self.roles.contains(&Role::Administrator)
    }

    pub fn view(&self) -> UserView {
        UserView {
            id: self.id.clone(),
            login: self.login.clone(),
            name: self.name.clone(),
            roles: self.roles.iter().map(|role| role.code()).collect(),
            active: self.active,
        }
    }
}

/// A user as the API shows it: `{"id", "login", "name", "roles": [codes], "active"}`.
#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub id: String,
    pub login: String,
    pub name: String,
    pub roles: Vec<&'static str>,
    pub active: bool,
}

/// Logins compare without case and surrounding spaces: "Anna" and "anna "
/// are one login, stored as "anna".
pub fn normalize_login(login: &str) -> String {
    login.trim().to_lowercase()
}

/// The login as stored, or the code of what is wrong with it.
pub fn check_login(login: &str) -> Result<String, &'static str> {
    let login = normalize_login(login);
    if login.is_empty() {
        Err("required")
    } else if login.chars().count() > LOGIN_MAX {
        Err("too_long")
    } else if login.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err("invalid")
    } else {
        Ok(login)
    }
}

/// A password is taken as typed (no trimming: spaces may be part of it).
pub fn check_password(password: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length == 0 {
        Err("required")
    } else if length < PASSWORD_MIN {
        Err("too_short")
    } else if length > PASSWORD_MAX {
        Err("too_long")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_trimmed_lower_case_and_without_spaces() {
        assert_eq!(check_login("  Anna.Petrova "), Ok("anna.petrova".into()));
        assert_eq!(check_login("   "), Err("required"));
        assert_eq!(check_login("anna petrova"), Err("invalid"));
        assert_eq!(check_login(&"a".repeat(LOGIN_MAX + 1)), Err("too_long"));
        assert_eq!(check_login("Пётр"), Ok("пётр".into()));
    }

    #[test]
    fn passwords_have_a_length_range() {
        assert_eq!(check_password(""), Err("required"));
        assert_eq!(check_password("seven77"), Err("too_short"));
        assert_eq!(check_password(" eight 8"), Ok(()));
        assert_eq!(check_password(&"x".repeat(PASSWORD_MAX + 1)), Err("too_long"));
    }

    #[test]
    fn unknown_role_codes_are_left_out() {
        let stored = StoredUser {
            id: "u1".into(),
            login: "anna".into(),
            name: "Anna".into(),
            roles: vec!["administrator".into(), "astronaut".into()],
            password_hash: String::new(),
            active: true,
            created_at: 0,
        };
        let account = Account::from_stored(&stored);
        assert_eq!(account.roles, vec![Role::Administrator]);
        assert!(account.is_administrator());
        assert_eq!(account.view().roles, vec!["administrator"]);
    }
}
