//! Field-level validation results that a form can show next to each field.
//!
//! Problems are codes, not sentences: the app translates them, so the same
//! rule speaks Russian and English.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max_chars: usize,
    },
    InvalidEmail,
    InvalidPhone,
    InvalidHandle,
    InvalidAmount,
    InvalidCurrency,
    InvalidDate,
    InvalidDateTime,
    UnknownUser,
    UnknownCard,
    UnknownStage,
    InvalidNumber,
    InvalidBoolean,
    /// Not one of a list field's options.
    UnknownOption,
    /// Filled in, but the deal's stage needs it (the field is named apart).
    RequiredAtStage,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError { field: field.into(), problem });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem of a field, which is the one a form shows.
    pub fn for_field(&self, field: &str) -> Option<Problem> {
        self.0.iter().find(|error| error.field == field).map(|error| error.problem)
    }

    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// Limits of one free-text field.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    pub field: &'static str,
    pub required: bool,
    pub max_chars: usize,
}

/// Trims `value`, records a problem against `rule.field` if it breaks the rule,
/// and returns the trimmed text either way so the caller can keep going and
/// report every field at once.
pub fn check_text(errors: &mut FieldErrors, rule: TextRule, value: &str) -> String {
    let value = value.trim();
    if rule.required && value.is_empty() {
        errors.add(rule.field, Problem::Required);
    } else if value.chars().count() > rule.max_chars {
        errors.add(rule.field, Problem::TooLong { max_chars: rule.max_chars });
    }
    value.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: TextRule = TextRule { field: "title", required: true, max_chars: 5 };

    #[test]
    fn required_text_must_not_be_blank() {
        let mut errors = FieldErrors::default();
        assert_eq!(check_text(&mut errors, RULE, "   "), "");
        assert_eq!(errors.for_field("title"), Some(Problem::Required));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut errors = FieldErrors::default();
        check_text(&mut errors, RULE, "Дела!");
        assert!(errors.is_empty(), "five Cyrillic characters fit a limit of five");
        check_text(&mut errors, RULE, "Дела!!");
        assert_eq!(errors.for_field("title"), Some(Problem::TooLong { max_chars: 5 }));
    }

    #[test]
    fn optional_text_may_be_empty_and_is_trimmed() {
        let mut errors = FieldErrors::default();
        let rule = TextRule { required: false, ..RULE };
        assert_eq!(check_text(&mut errors, rule, "  ok "), "ok");
        assert_eq!(check_text(&mut errors, rule, ""), "");
        assert!(errors.is_empty());
    }
}
