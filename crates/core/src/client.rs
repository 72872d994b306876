//! What contacts and companies share as clients: how to reach them, who
//! works with them, and where they are in the discipline cycle: active,
//! abandoned into the pool (nobody's), or lost for good.

use serde::{Deserialize, Serialize};

use crate::code::codes;
use crate::contact_point::{
    check_point, is_valid_email, is_valid_handle, is_valid_phone, ContactPoint, Messenger, MessengerKind,
    PointKind,
};
use crate::history::{Change, Diff};
use crate::user::{Role, User};
use crate::validation::{FieldErrors, Problem};
use crate::{Id, Timestamp};

/// Stored as a plain code so that IndexedDB can index it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientStatus {
    #[default]
    Active,
    /// Abandoned: nobody is responsible until a manager reassigns it.
    Pool,
    /// Decided by a head of sales: never reassigned, outside the rules.
    Lost,
}

codes!(ClientStatus { Active => "active", Pool => "pool", Lost => "lost" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    #[serde(default)]
    pub phones: Vec<ContactPoint>,
    #[serde(default)]
    pub emails: Vec<ContactPoint>,
    #[serde(default)]
    pub messengers: Vec<Messenger>,
    /// `None` while the client is in the pool.
    pub responsible: Option<Id>,
    #[serde(default)]
    pub status: ClientStatus,
    /// When the status last changed, and who was responsible before the
    /// pool (so a reassignment can avoid handing it straight back).
    #[serde(default)]
    pub status_since: Option<Timestamp>,
    #[serde(default)]
    pub previous_responsible: Option<Id>,
    #[serde(default)]
    pub lost_reason: String,
}

/// The client part of a contact or company form, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientDraft {
    pub phones: Vec<(PointKind, String)>,
    pub emails: Vec<(PointKind, String)>,
    pub messengers: Vec<(MessengerKind, String)>,
    pub responsible: String,
}

/// Checks a user reference typed into a form against the known users.
pub fn check_user(errors: &mut FieldErrors, field: &str, text: &str, known: &[Id]) -> Option<Id> {
    match Id::parse(text) {
        None => {
            errors.add(field, Problem::Required);
            None
        }
        Some(id) if !known.contains(&id) => {
            errors.add(field, Problem::UnknownUser);
            None
        }
        Some(id) => Some(id),
    }
}

impl ClientDraft {
    pub fn from_client(client: &Client) -> Self {
        let points = |points: &[ContactPoint]| points.iter().map(|p| (p.kind, p.value.clone())).collect();
        Self {
            phones: points(&client.phones),
            emails: points(&client.emails),
            messengers: client.messengers.iter().map(|m| (m.kind, m.handle.clone())).collect(),
            responsible: client.responsible.as_ref().map(Id::to_string).unwrap_or_default(),
        }
    }

    /// Validates into the client part of a card, keeping the status of
    /// `current` (a form never changes it: the pool rules do). Errors are
    /// named `phones.N`, `emails.N`, `messengers.N`, `responsible`. A client
    /// in the pool may be saved without a responsible.
    pub fn validate(&self, errors: &mut FieldErrors, known_users: &[Id], current: Option<&Client>) -> Client {
        let phones = self
            .phones
            .iter()
            .enumerate()
            .filter_map(|(row, (kind, value))| {
                check_point(
                    errors,
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
                    errors,
                    &format!("emails.{row}"),
                    *kind,
                    value,
                    is_valid_email,
                    Problem::InvalidEmail,
                )
            })
            .collect();
        let mut messengers = Vec::new();
        for (row, (kind, handle)) in self.messengers.iter().enumerate() {
            let handle = handle.trim();
            if handle.is_empty() {
                continue;
            }
            if !is_valid_handle(handle) {
                errors.add(format!("messengers.{row}"), Problem::InvalidHandle);
            }
            messengers.push(Messenger { kind: *kind, handle: handle.to_owned() });
        }
        let in_pool = current.is_some_and(|client| client.status != ClientStatus::Active);
        let responsible = if in_pool && self.responsible.trim().is_empty() {
            None
        } else {
            check_user(errors, "responsible", &self.responsible, known_users)
        };
        let mut client = current.cloned().unwrap_or_else(|| Client {
            phones: Vec::new(),
            emails: Vec::new(),
            messengers: Vec::new(),
            responsible: None,
            status: ClientStatus::Active,
            status_since: None,
            previous_responsible: None,
            lost_reason: String::new(),
        });
        client.phones = phones;
        client.emails = emails;
        client.messengers = messengers;
        if responsible.is_some() || !in_pool {
            if client.status == ClientStatus::Pool && responsible.is_some() {
                client.status = ClientStatus::Active;
            }
            client.responsible = responsible;
        }
        client
    }
}

/// Why a pool operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolError {
    /// Only a head of sales may decide that a client is lost for good.
    NotHeadOfSales,
    /// Only a head of sales or an administrator hands out pool clients.
    NotAllowedToAssign,
    /// A client lost for good never returns from the pool.
    LostForGood,
    AlreadyInPool,
    NotInPool,
}

impl Client {
    /// Takes one pool step (`step` is one of the methods below) and returns
    /// its history line: how the status and the responsible changed.
    pub fn step(
        &mut self,
        step: impl FnOnce(&mut Client) -> Result<(), PoolError>,
    ) -> Result<Change, PoolError> {
        let (status, responsible) = (self.status, self.responsible.clone());
        step(self)?;
        let text = |id: &Option<Id>| id.as_ref().map(Id::to_string).unwrap_or_default();
        Ok(Diff::default()
            .field("status", status.code(), self.status.code())
            .field("responsible", text(&responsible), text(&self.responsible))
            .into_change()
            .unwrap_or(Change::Updated { fields: Vec::new() }))
    }

    /// Abandons the client: nobody is responsible until reassigned.
    pub fn move_to_pool(&mut self, now: Timestamp) -> Result<(), PoolError> {
        match self.status {
            ClientStatus::Pool => Err(PoolError::AlreadyInPool),
            ClientStatus::Lost => Err(PoolError::LostForGood),
            ClientStatus::Active => {
                self.previous_responsible = self.responsible.take();
                self.status = ClientStatus::Pool;
                self.status_since = Some(now);
                Ok(())
            }
        }
    }

    /// Hands a pool client to an employee for reanimation.
    pub fn assign_from_pool(&mut self, to: Id, actor: &User, now: Timestamp) -> Result<(), PoolError> {
        if !actor.oversees_team() {
            return Err(PoolError::NotAllowedToAssign);
        }
        match self.status {
            ClientStatus::Lost => Err(PoolError::LostForGood),
            ClientStatus::Active => Err(PoolError::NotInPool),
            ClientStatus::Pool => {
                self.responsible = Some(to);
                self.status = ClientStatus::Active;
                self.status_since = Some(now);
                Ok(())
            }
        }
    }

    /// The head of sales' decision that the client is lost for good: it
    /// leaves the rules and never comes back from the pool.
    pub fn mark_lost_for_good(
        &mut self,
        actor: &User,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), PoolError> {
        if !actor.has(Role::HeadOfSales) {
            return Err(PoolError::NotHeadOfSales);
        }
        if self.status == ClientStatus::Active {
            self.previous_responsible = self.responsible.take();
        }
        self.status = ClientStatus::Lost;
        self.status_since = Some(now);
        self.lost_reason = reason.trim().to_owned();
        Ok(())
    }

    /// Whether the discipline rules apply: active clients someone works with.
    pub fn is_worked(&self) -> bool {
        self.status == ClientStatus::Active && self.responsible.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn user(name: &str, roles: &[Role]) -> User {
        User { id: id(name), name: name.into(), roles: roles.to_vec() }
    }

    fn active(responsible: &str) -> Client {
        let draft = ClientDraft { responsible: responsible.into(), ..ClientDraft::default() };
        let mut errors = FieldErrors::default();
        let client = draft.validate(&mut errors, &[id(responsible)], None);
        assert!(errors.is_empty());
        client
    }

    #[test]
    fn a_client_goes_to_the_pool_and_is_reassigned_by_a_head() {
        let mut client = active("anna");
        client.move_to_pool(Timestamp(10)).unwrap();
        assert_eq!((client.status, client.responsible.clone()), (ClientStatus::Pool, None));
        assert_eq!(client.previous_responsible, Some(id("anna")));
        assert!(!client.is_worked());

        let manager = user("boris", &[]);
        assert_eq!(
            client.assign_from_pool(id("boris"), &manager, Timestamp(11)),
            Err(PoolError::NotAllowedToAssign)
        );
        let head = user("head", &[Role::HeadOfSales]);
        client.assign_from_pool(id("boris"), &head, Timestamp(12)).unwrap();
        assert_eq!((client.status, client.responsible), (ClientStatus::Active, Some(id("boris"))));
    }

    #[test]
    fn only_a_head_of_sales_marks_a_client_lost_for_good() {
        let mut client = active("anna");
        let admin = user("admin", &[Role::Administrator]);
        assert_eq!(
            client.mark_lost_for_good(&admin, "closed down", Timestamp(1)),
            Err(PoolError::NotHeadOfSales)
        );
        let head = user("head", &[Role::HeadOfSales]);
        client.mark_lost_for_good(&head, " closed down ", Timestamp(2)).unwrap();
        assert_eq!(client.status, ClientStatus::Lost);
        assert_eq!(client.lost_reason, "closed down");
        assert!(!client.is_worked());
    }

    #[test]
    fn a_pool_step_records_what_it_changed_and_a_refused_one_nothing() {
        let mut client = active("anna");
        let change = client.step(|client| client.move_to_pool(Timestamp(10))).unwrap();
        let Change::Updated { fields } = change else { panic!("an update") };
        let named: Vec<(&str, &str, &str)> =
            fields.iter().map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str())).collect();
        assert_eq!(named, [("status", "active", "pool"), ("responsible", "anna", "")]);
        let before = client.clone();
        assert_eq!(client.step(|client| client.move_to_pool(Timestamp(11))), Err(PoolError::AlreadyInPool));
        assert_eq!(client, before, "a refused step changes nothing");
    }

    #[test]
    fn a_lost_client_never_returns_from_the_pool() {
        let mut client = active("anna");
        let head = user("head", &[Role::HeadOfSales]);
        client.move_to_pool(Timestamp(1)).unwrap();
        client.mark_lost_for_good(&head, "", Timestamp(2)).unwrap();
        assert_eq!(client.assign_from_pool(id("anna"), &head, Timestamp(3)), Err(PoolError::LostForGood));
        assert_eq!(client.move_to_pool(Timestamp(3)), Err(PoolError::LostForGood));
    }

    #[test]
    fn a_pool_client_may_be_edited_without_a_responsible() {
        let mut client = active("anna");
        client.move_to_pool(Timestamp(1)).unwrap();
        let draft = ClientDraft {
            phones: vec![(PointKind::Work, "+7 495 000-00-00".into())],
            ..ClientDraft::default()
        };
        let mut errors = FieldErrors::default();
        let edited = draft.validate(&mut errors, &[id("anna")], Some(&client));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((edited.status, edited.responsible, edited.phones.len()), (ClientStatus::Pool, None, 1));
    }

    #[test]
    fn giving_a_pool_client_a_responsible_in_the_form_reactivates_it() {
        let mut client = active("anna");
        client.move_to_pool(Timestamp(1)).unwrap();
        let draft = ClientDraft { responsible: "anna".into(), ..ClientDraft::default() };
        let mut errors = FieldErrors::default();
        let edited = draft.validate(&mut errors, &[id("anna")], Some(&client));
        assert_eq!((edited.status, edited.responsible), (ClientStatus::Active, Some(id("anna"))));
    }

    #[test]
    fn bad_messenger_handles_are_reported_by_row() {
        let draft = ClientDraft {
            messengers: vec![
                (MessengerKind::Telegram, "@ok".into()),
                (MessengerKind::Viber, "two words".into()),
            ],
            responsible: "anna".into(),
            ..ClientDraft::default()
        };
        let mut errors = FieldErrors::default();
        draft.validate(&mut errors, &[id("anna")], None);
        assert_eq!(errors.for_field("messengers.0"), None);
        assert_eq!(errors.for_field("messengers.1"), Some(Problem::InvalidHandle));
    }
}
