//! Companies: the client organisations a team works with.

use serde::{Deserialize, Serialize};

use crate::client::{Client, ClientDraft};
use crate::contact_point::ContactPoint;
use crate::history::{Change, Diff};
use crate::record::{CardKind, CardRef, Stamp};
use crate::validation::{check_text, FieldErrors, TextRule};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: Id,
    pub title: String,
    pub client: Client,
    #[serde(default)]
    pub comments: String,
    /// Deadline of the nearest uncompleted activity on this card, kept by
    /// the activity operations so that lists and discipline rules need not
    /// read activities.
    #[serde(default)]
    pub next_activity: Option<Timestamp>,
    /// Custom field values (see [`crate::fields`]).
    #[serde(default)]
    pub fields: crate::fields::Values,
    pub stamp: Stamp,
}

/// What a company form holds: raw text as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyDraft {
    pub title: String,
    pub client: ClientDraft,
    pub comments: String,
}

pub const TITLE: TextRule = TextRule { field: "title", required: true, max_chars: 200 };
pub const COMMENTS: TextRule = TextRule { field: "comments", required: false, max_chars: 10_000 };

/// A draft that passed validation; only this can become a [`Company`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCompany {
    title: String,
    client: Client,
    comments: String,
}

impl CompanyDraft {
    pub fn from_company(company: &Company) -> Self {
        Self {
            title: company.title.clone(),
            client: ClientDraft::from_client(&company.client),
            comments: company.comments.clone(),
        }
    }

    /// Checks every field and reports all problems at once. `current` is
    /// the stored company when editing.
    pub fn validate(
        &self,
        known_users: &[Id],
        current: Option<&Company>,
    ) -> Result<ValidCompany, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = check_text(&mut errors, TITLE, &self.title);
        let client = self.client.validate(&mut errors, known_users, current.map(|company| &company.client));
        let comments = check_text(&mut errors, COMMENTS, &self.comments);
        errors.into_result(ValidCompany { title, client, comments })
    }
}

pub(crate) fn list(points: &[ContactPoint]) -> String {
    points.iter().map(|point| point.value.as_str()).collect::<Vec<_>>().join(", ")
}

pub(crate) fn responsible_text(id: &Option<Id>) -> String {
    id.as_ref().map(Id::to_string).unwrap_or_default()
}

/// The fields a client form edits, as history records them.
pub(crate) fn client_diff(diff: Diff, before: &Client, after: &Client) -> Diff {
    let handles =
        |client: &Client| client.messengers.iter().map(|m| m.handle.as_str()).collect::<Vec<_>>().join(", ");
    diff.field("phones", list(&before.phones), list(&after.phones))
        .field("emails", list(&before.emails), list(&after.emails))
        .field("messengers", handles(before), handles(after))
        .field("responsible", responsible_text(&before.responsible), responsible_text(&after.responsible))
}

impl Company {
    pub fn create(id: Id, valid: ValidCompany, actor: &Id, now: Timestamp) -> Self {
        Self {
            id,
            title: valid.title,
            client: valid.client,
            comments: valid.comments,
            next_activity: None,
            stamp: Stamp::new(actor, now),
            fields: Default::default(),
        }
    }

    /// Applies an edit and returns the change to record in history, or
    /// `None` when the edit changed nothing (the card is then left untouched).
    pub fn apply(&mut self, valid: ValidCompany, actor: &Id, now: Timestamp) -> Option<Change> {
        let diff = Diff::default().field("title", &self.title, &valid.title);
        let change = client_diff(diff, &self.client, &valid.client)
            .field("comments", &self.comments, &valid.comments)
            .into_change()?;
        self.title = valid.title;
        self.client = valid.client;
        self.comments = valid.comments;
        self.stamp.touch(actor, now);
        Some(change)
    }

    pub fn card(&self) -> CardRef {
        CardRef { kind: CardKind::Company, id: self.id.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact_point::PointKind;
    use crate::history::FieldChange;
    use crate::validation::Problem;

    fn user(name: &str) -> Id {
        Id::parse(name).unwrap()
    }

    fn draft() -> CompanyDraft {
        CompanyDraft {
            title: "  Acme  ".into(),
            client: ClientDraft {
                phones: vec![(PointKind::Work, "+7 495 123-45-67".into()), (PointKind::Mobile, " ".into())],
                emails: vec![(PointKind::Work, "info@acme.example".into())],
                messengers: Vec::new(),
                responsible: "anna".into(),
            },
            comments: String::new(),
        }
    }

    #[test]
    fn a_valid_draft_is_trimmed_and_drops_empty_rows() {
        let valid = draft().validate(&[user("anna")], None).expect("valid");
        let company = Company::create(user("c1"), valid, &user("anna"), Timestamp(5));
        assert_eq!(company.title, "Acme");
        assert_eq!(company.client.phones.len(), 1, "the blank mobile row is not kept");
        assert_eq!(company.client.responsible, Some(user("anna")));
        assert_eq!(company.stamp.created_at, Timestamp(5));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut bad = draft();
        bad.title = " ".into();
        bad.client.phones = vec![(PointKind::Work, "ok".into())];
        bad.client.emails =
            vec![(PointKind::Work, "ok@example.com".into()), (PointKind::Home, "nope".into())];
        bad.client.responsible = "ghost".into();
        bad.comments = "x".repeat(10_001);
        let errors = bad.validate(&[user("anna")], None).unwrap_err();
        assert_eq!(errors.for_field("title"), Some(Problem::Required));
        assert_eq!(errors.for_field("phones.0"), Some(Problem::InvalidPhone));
        assert_eq!(errors.for_field("emails.0"), None);
        assert_eq!(errors.for_field("emails.1"), Some(Problem::InvalidEmail));
        assert_eq!(errors.for_field("responsible"), Some(Problem::UnknownUser));
        assert_eq!(errors.for_field("comments"), Some(Problem::TooLong { max_chars: 10_000 }));
    }

    #[test]
    fn a_missing_responsible_is_required() {
        let mut missing = draft();
        missing.client.responsible = String::new();
        let errors = missing.validate(&[user("anna")], None).unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.for_field("responsible"), Some(Problem::Required));
    }

    #[test]
    fn an_edit_records_what_changed_and_who_changed_it() {
        let users = [user("anna"), user("boris")];
        let valid = draft().validate(&users, None).unwrap();
        let mut company = Company::create(user("c1"), valid, &user("anna"), Timestamp(1));
        let mut edit = draft();
        edit.title = "Acme Ltd".into();
        edit.client.responsible = "boris".into();
        let change =
            company.apply(edit.validate(&users, Some(&company)).unwrap(), &user("boris"), Timestamp(9));
        assert_eq!(
            change,
            Some(Change::Updated {
                fields: vec![
                    FieldChange { field: "title".into(), before: "Acme".into(), after: "Acme Ltd".into() },
                    FieldChange { field: "responsible".into(), before: "anna".into(), after: "boris".into() },
                ]
            })
        );
        assert_eq!(company.stamp.updated_by, user("boris"));
        assert_eq!(company.stamp.created_at, Timestamp(1));
    }

    #[test]
    fn saving_unchanged_values_changes_nothing() {
        let users = [user("anna")];
        let mut company =
            Company::create(user("c1"), draft().validate(&users, None).unwrap(), &user("anna"), Timestamp(1));
        let before = company.clone();
        let same = CompanyDraft::from_company(&company).validate(&users, Some(&company)).unwrap();
        assert_eq!(company.apply(same, &user("anna"), Timestamp(2)), None);
        assert_eq!(company, before);
    }

    #[test]
    fn a_company_survives_a_json_round_trip() {
        let valid = draft().validate(&[user("anna")], None).unwrap();
        let company = Company::create(user("c1"), valid, &user("anna"), Timestamp(1));
        let json = serde_json::to_string(&company).unwrap();
        assert_eq!(serde_json::from_str::<Company>(&json).unwrap(), company);
    }
}
