//! What every stored card carries about its own making, so that lists can
//! show who changed a card and history can be checked against it.

use serde::{Deserialize, Serialize};

use crate::code::codes;
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

codes!(CardKind { Deal => "deal", Contact => "contact", Company => "company", Lead => "lead", Invoice => "invoice" });

/// A reference to one card, used by history, activities and links.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CardRef {
    pub kind: CardKind,
    pub id: Id,
}
