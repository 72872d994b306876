//! What every stored card carries about its own making, so that lists can
//! show who changed a card and history can be checked against it.

use serde::{Deserialize, Serialize};

use crate::{Id, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub created_at: Timestamp,
    pub created_by: Id,
    pub updated_at: Timestamp,
    pub updated_by: Id,
}

impl Stamp {
    pub fn new(actor: &Id, now: Timestamp) -> Self {
        Self { created_at: now, created_by: actor.clone(), updated_at: now, updated_by: actor.clone() }
    }

    pub fn touch(&mut self, actor: &Id, now: Timestamp) {
        self.updated_at = now;
        self.updated_by = actor.clone();
    }
}

/// The kinds of CRM cards. The codes are stored (IndexedDB keys, SQLite
/// columns, URLs), so they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    Lead,
    Deal,
    Contact,
    Company,
    Invoice,
}

impl CardKind {
    pub const ALL: [CardKind; 5] =
        [CardKind::Deal, CardKind::Contact, CardKind::Company, CardKind::Lead, CardKind::Invoice];

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Deal => "deal",
            Self::Contact => "contact",
            Self::Company => "company",
            Self::Invoice => "invoice",
        }
    }
}

/// A reference to one card, used by history, activities and links.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CardRef {
    pub kind: CardKind,
    pub id: Id,
}
