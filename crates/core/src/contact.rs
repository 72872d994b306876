//! Contacts: the people at clients. A contact may belong to companies.

use serde::{Deserialize, Serialize};

use crate::client::{Client, ClientDraft};
use crate::company::client_diff;
use crate::history::{Change, Diff};
use crate::record::{CardKind, CardRef, Stamp};
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Id,
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    /// Job title at the client.
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub companies: Vec<Id>,
    pub client: Client,
    #[serde(default)]
    pub comments: String,
    #[serde(default)]
    pub next_activity: Option<Timestamp>,
    /// Custom field values (see [`crate::fields`]).
    #[serde(default)]
    pub fields: crate::fields::Values,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactDraft {
    pub first_name: String,
    pub last_name: String,
    pub position: String,
    /// Company ids chosen in the form.
    pub companies: Vec<String>,
    pub client: ClientDraft,
    pub comments: String,
}

pub const FIRST_NAME: TextRule = TextRule { field: "first_name", required: false, max_chars: 100 };
pub const LAST_NAME: TextRule = TextRule { field: "last_name", required: false, max_chars: 100 };
pub const POSITION: TextRule = TextRule { field: "position", required: false, max_chars: 100 };
pub const COMMENTS: TextRule = TextRule { field: "comments", required: false, max_chars: 10_000 };

#[derive(Debug, Clone, PartialEq)]
pub struct ValidContact {
    first_name: String,
    last_name: String,
    position: String,
    companies: Vec<Id>,
    client: Client,
    comments: String,
}

impl ContactDraft {
    pub fn from_contact(contact: &Contact) -> Self {
        Self {
            first_name: contact.first_name.clone(),
            last_name: contact.last_name.clone(),
            position: contact.position.clone(),
            companies: contact.companies.iter().map(Id::to_string).collect(),
            client: ClientDraft::from_client(&contact.client),
            comments: contact.comments.clone(),
        }
    }

    /// A contact needs a first or a last name; its companies must exist.
    pub fn validate(
        &self,
        known_users: &[Id],
        known_companies: &[Id],
        current: Option<&Contact>,
    ) -> Result<ValidContact, FieldErrors> {
        let mut errors = FieldErrors::default();
        let first_name = check_text(&mut errors, FIRST_NAME, &self.first_name);
        let last_name = check_text(&mut errors, LAST_NAME, &self.last_name);
        if first_name.is_empty() && last_name.is_empty() {
            errors.add(FIRST_NAME.field, Problem::Required);
        }
        let position = check_text(&mut errors, POSITION, &self.position);
        let mut companies = Vec::new();
        for text in &self.companies {
            match Id::parse(text) {
                None => {}
                Some(id) if !known_companies.contains(&id) => errors.add("companies", Problem::UnknownCard),
                Some(id) if !companies.contains(&id) => companies.push(id),
                Some(_) => {}
            }
        }
        let client = self.client.validate(&mut errors, known_users, current.map(|contact| &contact.client));
        let comments = check_text(&mut errors, COMMENTS, &self.comments);
        errors.into_result(ValidContact { first_name, last_name, position, companies, client, comments })
    }
}

impl Contact {
    pub fn create(id: Id, valid: ValidContact, actor: &Id, now: Timestamp) -> Self {
        Self {
            id,
            first_name: valid.first_name,
            last_name: valid.last_name,
            position: valid.position,
            companies: valid.companies,
            client: valid.client,
            comments: valid.comments,
            next_activity: None,
            stamp: Stamp::new(actor, now),
            fields: Default::default(),
        }
    }

    pub fn apply(&mut self, valid: ValidContact, actor: &Id, now: Timestamp) -> Option<Change> {
        let ids = |ids: &[Id]| ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ");
        let diff = Diff::default()
            .field("first_name", &self.first_name, &valid.first_name)
            .field("last_name", &self.last_name, &valid.last_name)
            .field("position", &self.position, &valid.position)
            .field("companies", ids(&self.companies), ids(&valid.companies));
        let change = client_diff(diff, &self.client, &valid.client)
            .field("comments", &self.comments, &valid.comments)
            .into_change()?;
        self.first_name = valid.first_name;
        self.last_name = valid.last_name;
        self.position = valid.position;
        self.companies = valid.companies;
        self.client = valid.client;
        self.comments = valid.comments;
        self.stamp.touch(actor, now);
        Some(change)
    }

    /// "First Last", or whichever of the two is given.
    pub fn full_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            _ => self.last_name.clone(),
        }
    }

    pub fn card(&self) -> CardRef {
        CardRef { kind: CardKind::Contact, id: self.id.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn draft() -> ContactDraft {
        ContactDraft {
            first_name: "Anna".into(),
            last_name: "Petrova".into(),
            companies: vec!["acme".into(), "acme".into()],
            client: ClientDraft { responsible: "u1".into(), ..ClientDraft::default() },
            ..ContactDraft::default()
        }
    }

    #[test]
    fn a_contact_needs_some_name() {
        let nameless = ContactDraft { first_name: " ".into(), last_name: String::new(), ..draft() };
        let errors = nameless.validate(&[id("u1")], &[id("acme")], None).unwrap_err();
        assert_eq!(errors.for_field("first_name"), Some(Problem::Required));
        let last_only = ContactDraft { first_name: String::new(), ..draft() };
        let contact = Contact::create(
            id("c"),
            last_only.validate(&[id("u1")], &[id("acme")], None).unwrap(),
            &id("u1"),
            Timestamp(0),
        );
        assert_eq!(contact.full_name(), "Petrova");
    }

    #[test]
    fn companies_must_exist_and_are_kept_once() {
        let valid = draft().validate(&[id("u1")], &[id("acme")], None).unwrap();
        let contact = Contact::create(id("c"), valid, &id("u1"), Timestamp(0));
        assert_eq!(contact.companies, vec![id("acme")]);
        assert_eq!(contact.full_name(), "Anna Petrova");
        let errors = draft().validate(&[id("u1")], &[], None).unwrap_err();
        assert_eq!(errors.for_field("companies"), Some(Problem::UnknownCard));
    }

    #[test]
    fn an_edit_is_recorded_field_by_field() {
        let mut contact = Contact::create(
            id("c"),
            draft().validate(&[id("u1")], &[id("acme")], None).unwrap(),
            &id("u1"),
            Timestamp(0),
        );
        let edit = ContactDraft { position: "CFO".into(), ..ContactDraft::from_contact(&contact) };
        let change = contact.apply(
            edit.validate(&[id("u1")], &[id("acme")], Some(&contact)).unwrap(),
            &id("u1"),
            Timestamp(5),
        );
        let Some(Change::Updated { fields }) = change else { panic!("expected an update") };
        assert_eq!(fields.len(), 1);
        assert_eq!((fields[0].field.as_str(), fields[0].after.as_str()), ("position", "CFO"));
    }
}
