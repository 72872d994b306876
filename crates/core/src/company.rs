//! Companies: the client organisations a team works with.

use serde::{Deserialize, Serialize};

use crate::contact_point::{check_point, is_valid_email, is_valid_phone, ContactPoint, PointKind};
use crate::history::{Change, Diff};
use crate::record::{CardKind, CardRef, Stamp};
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub phones: Vec<ContactPoint>,
    #[serde(default)]
    pub emails: Vec<ContactPoint>,
    pub responsible: Id,
    #[serde(default)]
    pub comments: String,
    pub stamp: Stamp,
}

/// What a company form holds: raw text as typed, checked by [`CompanyDraft::validate`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyDraft {
    pub title: String,
    pub phones: Vec<(PointKind, String)>,
    pub emails: Vec<(PointKind, String)>,
    pub responsible: String,
    pub comments: String,
}

/// A draft that passed validation; only this can become a [`Company`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCompany {
    title: String,
    phones: Vec<ContactPoint>,
    emails: Vec<ContactPoint>,
    responsible: Id,
    comments: String,
}

pub const TITLE: TextRule = TextRule { field: "title", required: true, max_chars: 200 };
pub const COMMENTS: TextRule = TextRule { field: "comments", required: false, max_chars: 10_000 };

impl CompanyDraft {
    pub fn from_company(company: &Company) -> Self {
        let points = |points: &[ContactPoint]| points.iter().map(|p| (p.kind, p.value.clone())).collect();
        Self {
            title: company.title.clone(),
            phones: points(&company.phones),
            emails: points(&company.emails),
            responsible: company.responsible.to_string(),
            comments: company.comments.clone(),
        }
    }

    /// Checks every field and reports all problems at once. Phone and e-mail
    /// errors are named `phones.N` / `emails.N` after the row they concern.
    pub fn validate(&self, known_users: &[Id]) -> Result<ValidCompany, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = check_text(&mut errors, TITLE, &self.title);
        let comments = check_text(&mut errors, COMMENTS, &self.comments);
        let phones = self
            .phones
            .iter()
            .enumerate()
            .filter_map(|(row, (kind, value))| {
                check_point(
                    &mut errors,
                    &format!("phones.{row}"),
                    *kind,
                    value,
                    is_valid_phone,
                    Problem::InvalidPhone,
                )
            })
            .collect();
        let emails = self
            .emails
            .iter()
            .enumerate()
            .filter_map(|(row, (kind, value))| {
                check_point(
                    &mut errors,
                    &format!("emails.{row}"),
                    *kind,
                    value,
                    is_valid_email,
                    Problem::InvalidEmail,
                )
            })
            .collect();
        let responsible = match Id::parse(&self.responsible) {
            None => {
                errors.add("responsible", Problem::Required);
                None
            }
            Some(id) if !known_users.contains(&id) => {
                errors.add("responsible", Problem::UnknownUser);
                None
            }
            Some(id) => Some(id),
        };
        let valid =
            responsible.map(|responsible| ValidCompany { title, phones, emails, responsible, comments });
        match valid {
            Some(valid) => errors.into_result(valid),
            None => Err(errors),
        }
    }
}

impl Company {
    pub fn create(id: Id, valid: ValidCompany, actor: &Id, now: Timestamp) -> Self {
        Self {
            id,
            title: valid.title,
            phones: valid.phones,
            emails: valid.emails,
            responsible: valid.responsible,
            comments: valid.comments,
            stamp: Stamp::new(actor, now),
        }
    }

    /// Applies an edit and returns the change to record in history, or
    /// `None` when the edit changed nothing (the card is then left untouched).
    pub fn apply(&mut self, valid: ValidCompany, actor: &Id, now: Timestamp) -> Option<Change> {
        let change = Diff::default()
            .field("title", &self.title, &valid.title)
            .field("phones", list(&self.phones), list(&valid.phones))
            .field("emails", list(&self.emails), list(&valid.emails))
            .field("responsible", &self.responsible, &valid.responsible)
            .field("comments", &self.comments, &valid.comments)
            .into_change()?;
        self.title = valid.title;
        self.phones = valid.phones;
        self.emails = valid.emails;
        self.responsible = valid.responsible;
        self.comments = valid.comments;
        self.stamp.touch(actor, now);
        Some(change)
    }

    pub fn card(&self) -> CardRef {
        CardRef { kind: CardKind::Company, id: self.id.clone() }
    }
}

fn list(points: &[ContactPoint]) -> String {
    points.iter().map(|point| point.value.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::FieldChange;

    fn user(name: &str) -> Id {
        Id::parse(name).unwrap()
    }

    fn draft() -> CompanyDraft {
        CompanyDraft {
            title: "  Acme  ".into(),
            phones: vec![(PointKind::Work, "+7 495 123-45-67".into()), (PointKind::Mobile, " ".into())],
            emails: vec![(PointKind::Work, "info@acme.example".into())],
            responsible: "anna".into(),
            comments: String::new(),
        }
    }

    #[test]
    fn a_valid_draft_is_trimmed_and_drops_empty_rows() {
        let valid = draft().validate(&[user("anna")]).expect("valid");
        let company = Company::create(user("c1"), valid, &user("anna"), Timestamp(5));
        assert_eq!(company.title, "Acme");
        assert_eq!(company.phones.len(), 1, "the blank mobile row is not kept");
        assert_eq!(company.stamp.created_at, Timestamp(5));
        assert_eq!(company.stamp.created_by, user("anna"));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = CompanyDraft {
            title: " ".into(),
            phones: vec![(PointKind::Work, "ok".into())],
            emails: vec![(PointKind::Work, "ok@example.com".into()), (PointKind::Home, "nope".into())],
            responsible: "ghost".into(),
            comments: "x".repeat(10_001),
        };
        let errors = bad.validate(&[user("anna")]).unwrap_err();
        assert_eq!(errors.for_field("title"), Some(Problem::Required));
        assert_eq!(errors.for_field("phones.0"), Some(Problem::InvalidPhone));
        assert_eq!(errors.for_field("emails.0"), None);
        assert_eq!(errors.for_field("emails.1"), Some(Problem::InvalidEmail));
        assert_eq!(errors.for_field("responsible"), Some(Problem::UnknownUser));
        assert_eq!(errors.for_field("comments"), Some(Problem::TooLong { max_chars: 10_000 }));
    }

    #[test]
    fn a_missing_responsible_is_required() {
        let errors =
            CompanyDraft { responsible: String::new(), ..draft() }.validate(&[user("anna")]).unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.for_field("responsible"), Some(Problem::Required));
    }

    #[test]
    fn an_edit_records_what_changed_and_who_changed_it() {
        let users = [user("anna"), user("boris")];
        let mut company =
            Company::create(user("c1"), draft().validate(&users).unwrap(), &user("anna"), Timestamp(1));
        let edit = CompanyDraft { title: "Acme Ltd".into(), responsible: "boris".into(), ..draft() };
        let change = company.apply(edit.validate(&users).unwrap(), &user("boris"), Timestamp(9));
        assert_eq!(
            change,
            Some(Change::Updated {
                fields: vec![
                    FieldChange { field: "title".into(), before: "Acme".into(), after: "Acme Ltd".into() },
                    FieldChange { field: "responsible".into(), before: "anna".into(), after: "boris".into() },
                ]
            })
        );
        assert_eq!(company.stamp.updated_at, Timestamp(9));
        assert_eq!(company.stamp.updated_by, user("boris"));
        assert_eq!(company.stamp.created_at, Timestamp(1));
    }

    #[test]
    fn saving_unchanged_values_changes_nothing() {
        let users = [user("anna")];
        let mut company =
            Company::create(user("c1"), draft().validate(&users).unwrap(), &user("anna"), Timestamp(1));
        let before = company.clone();
        let same = CompanyDraft::from_company(&company).validate(&users).unwrap();
        assert_eq!(company.apply(same, &user("anna"), Timestamp(2)), None);
        assert_eq!(company, before);
    }

    #[test]
    fn a_company_survives_a_json_round_trip() {
        let company = Company::create(
            user("c1"),
            draft().validate(&[user("anna")]).unwrap(),
            &user("anna"),
            Timestamp(1),
        );
        let json = serde_json::to_string(&company).unwrap();
        assert_eq!(serde_json::from_str::<Company>(&json).unwrap(), company);
    }
}
