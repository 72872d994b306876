//! What every CRM card offers the rules and lists that do not care which
//! kind it is: its reference, title, responsible and nearest activity.

use serde::{Deserialize, Serialize};

use crate::company::Company;
use crate::contact::Contact;
use crate::deal::Deal;
use crate::invoice::Invoice;
use crate::lead::Lead;
use crate::record::{CardRef, Stamp};
use crate::{Id, Timestamp};

pub trait Card {
    fn card(&self) -> CardRef;
    fn title(&self) -> String;
    /// `None` for a client in the pool.
    fn responsible(&self) -> Option<&Id>;
    fn next_activity(&self) -> Option<Timestamp>;
    fn set_next_activity(&mut self, next: Option<Timestamp>);
    fn stamp_mut(&mut self) -> &mut Stamp;
}

macro_rules! card_fields {
    ($type:ty, $title:expr, $responsible:expr) => {
        impl Card for $type {
            fn card(&self) -> CardRef {
                <$type>::card(self)
            }
            fn title(&self) -> String {
                let title: fn(&$type) -> String = $title;
                title(self)
            }
            fn responsible(&self) -> Option<&Id> {
                let responsible: fn(&$type) -> Option<&Id> = $responsible;
                responsible(self)
            }
            fn next_activity(&self) -> Option<Timestamp> {
                self.next_activity
            }
            fn set_next_activity(&mut self, next: Option<Timestamp>) {
                self.next_activity = next;
            }
            fn stamp_mut(&mut self) -> &mut Stamp {
                &mut self.stamp
            }
        }
    };
}

card_fields!(Company, |c: &Company| c.title.clone(), |c: &Company| c.client.responsible.as_ref());
card_fields!(Contact, Contact::full_name, |c: &Contact| c.client.responsible.as_ref());
card_fields!(Deal, |d: &Deal| d.title.clone(), |d: &Deal| Some(&d.responsible));
card_fields!(Lead, |l: &Lead| l.title.clone(), |l: &Lead| Some(&l.responsible));
card_fields!(Invoice, |i: &Invoice| i.number.clone(), |i: &Invoice| Some(&i.responsible));

/// A card of any kind, for code that follows a [`CardRef`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnyCard {
    Company(Company),
    Contact(Contact),
    Deal(Deal),
    Lead(Lead),
    Invoice(Invoice),
}

impl AnyCard {
    pub fn as_card(&self) -> &dyn Card {
        match self {
            AnyCard::Company(c) => c,
            AnyCard::Contact(c) => c,
            AnyCard::Deal(d) => d,
            AnyCard::Lead(l) => l,
            AnyCard::Invoice(i) => i,
        }
    }

    pub fn as_card_mut(&mut self) -> &mut dyn Card {
        match self {
            AnyCard::Company(c) => c,
            AnyCard::Contact(c) => c,
            AnyCard::Deal(d) => d,
            AnyCard::Lead(l) => l,
            AnyCard::Invoice(i) => i,
        }
    }
}

/// Contacts and companies: cards that are clients, with a pool status.
pub trait ClientCard: Card {
    fn client(&self) -> &crate::client::Client;
    fn client_mut(&mut self) -> &mut crate::client::Client;
}

impl ClientCard for Company {
    fn client(&self) -> &crate::client::Client {
        &self.client
    }
    fn client_mut(&mut self) -> &mut crate::client::Client {
        &mut self.client
    }
}

impl ClientCard for Contact {
    fn client(&self) -> &crate::client::Client {
        &self.client
    }
    fn client_mut(&mut self) -> &mut crate::client::Client {
        &mut self.client
    }
}
