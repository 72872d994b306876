//! Invoices: what a client is asked to pay, and whether they did. A sent
//! invoice is followed up until it is paid or declined.

use serde::{Deserialize, Serialize};

use crate::client::check_user;
use crate::code::codes;
use crate::date::Date;
use crate::history::{Change, Diff};
use crate::money::{is_currency, parse_amount, Money};
use crate::record::{CardKind, CardRef, Stamp};
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    #[default]
    Draft,
    Sent,
    Paid,
    Declined,
}

codes!(InvoiceStatus { Draft => "draft", Sent => "sent", Paid => "paid", Declined => "declined" });

impl InvoiceStatus {
    /// Paid is final; a declined invoice can be reworked as a draft.
    pub fn can_become(self, next: InvoiceStatus) -> bool {
        use InvoiceStatus::*;
        matches!((self, next), (Draft, Sent | Declined) | (Sent, Paid | Declined | Draft) | (Declined, Draft))
    }
}

/// A status change the flow does not allow (paid is final, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusRefused {
    pub from: InvoiceStatus,
    pub to: InvoiceStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: Id,
    pub number: String,
    pub amount: Money,
    pub due: Date,
    #[serde(default)]
    pub status: InvoiceStatus,
    #[serde(default)]
    pub deal: Option<Id>,
    #[serde(default)]
    pub company: Option<Id>,
    #[serde(default)]
    pub contact: Option<Id>,
    pub responsible: Id,
    #[serde(default)]
    pub comments: String,
    #[serde(default)]
    pub next_activity: Option<Timestamp>,
    #[serde(default)]
    pub paid_at: Option<Timestamp>,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct InvoiceDraft {
    pub number: String,
    pub amount: String,
    pub currency: String,
    pub due: String,
    pub deal: String,
    pub company: String,
    pub contact: String,
    pub responsible: String,
    pub comments: String,
}

pub const NUMBER: TextRule = TextRule { field: "number", required: true, max_chars: 40 };
const COMMENTS: TextRule = TextRule { field: "comments", required: false, max_chars: 10_000 };

/// The cards an invoice may refer to.
pub struct Known<'a> {
    pub users: &'a [Id],
    pub deals: &'a [Id],
    pub companies: &'a [Id],
    pub contacts: &'a [Id],
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidInvoice {
    number: String,
    amount: Money,
    due: Date,
    deal: Option<Id>,
    company: Option<Id>,
    contact: Option<Id>,
    responsible: Id,
    comments: String,
}

fn check_ref(errors: &mut FieldErrors, field: &str, text: &str, known: &[Id]) -> Option<Id> {
    let id = Id::parse(text)?;
    if known.contains(&id) {
        Some(id)
    } else {
        errors.add(field, Problem::UnknownCard);
        None
    }
}

/// The number after the highest numeric suffix among `existing`, so a new
/// invoice gets `INV-0043` after `INV-0042`.
pub fn next_number<'a>(existing: impl IntoIterator<Item = &'a str>) -> String {
    let highest = existing
        .into_iter()
        .filter_map(|number| {
            let digits: String = number.chars().rev().take_while(char::is_ascii_digit).collect();
            digits.chars().rev().collect::<String>().parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0);
    format!("INV-{:04}", highest + 1)
}

impl InvoiceDraft {
    pub fn from_invoice(invoice: &Invoice) -> Self {
        let optional = |id: &Option<Id>| id.as_ref().map(Id::to_string).unwrap_or_default();
        Self {
            number: invoice.number.clone(),
            amount: format!("{}.{:02}", invoice.amount.minor / 100, invoice.amount.minor % 100),
            currency: invoice.amount.currency.clone(),
            due: invoice.due.to_string(),
            deal: optional(&invoice.deal),
            company: optional(&invoice.company),
            contact: optional(&invoice.contact),
            responsible: invoice.responsible.to_string(),
            comments: invoice.comments.clone(),
        }
    }

    pub fn validate(&self, known: &Known) -> Result<ValidInvoice, FieldErrors> {
        let mut errors = FieldErrors::default();
        let number = check_text(&mut errors, NUMBER, &self.number);
        let minor = parse_amount(&self.amount);
        if minor.is_none() {
            errors.add(
                "amount",
                if self.amount.trim().is_empty() { Problem::Required } else { Problem::InvalidAmount },
            );
        }
        let currency = self.currency.trim().to_uppercase();
        if !is_currency(&currency) {
            errors.add("currency", Problem::InvalidCurrency);
        }
        let due = Date::parse(&self.due);
        if due.is_none() {
            errors.add(
                "due",
                if self.due.trim().is_empty() { Problem::Required } else { Problem::InvalidDate },
            );
        }
        let deal = check_ref(&mut errors, "deal", &self.deal, known.deals);
        let company = check_ref(&mut errors, "company", &self.company, known.companies);
        let contact = check_ref(&mut errors, "contact", &self.contact, known.contacts);
        let responsible = check_user(&mut errors, "responsible", &self.responsible, known.users);
        let comments = check_text(&mut errors, COMMENTS, &self.comments);
        match (minor, due, responsible) {
            (Some(minor), Some(due), Some(responsible)) if errors.is_empty() => Ok(ValidInvoice {
                number,
                amount: Money { minor, currency },
                due,
                deal,
                company,
                contact,
                responsible,
                comments,
            }),
            _ => Err(errors),
        }
    }
}

impl Invoice {
    pub fn create(id: Id, valid: ValidInvoice, actor: &Id, now: Timestamp) -> Self {
        Self {
            id,
            number: valid.number,
            amount: valid.amount,
            due: valid.due,
            status: InvoiceStatus::Draft,
            deal: valid.deal,
            company: valid.company,
            contact: valid.contact,
            responsible: valid.responsible,
            comments: valid.comments,
            next_activity: None,
            paid_at: None,
            stamp: Stamp::new(actor, now),
        }
    }

    pub fn apply(&mut self, valid: ValidInvoice, actor: &Id, now: Timestamp) -> Option<Change> {
        let optional = |id: &Option<Id>| id.as_ref().map(Id::to_string).unwrap_or_default();
        let change = Diff::default()
            .field("number", &self.number, &valid.number)
            .field("amount", &self.amount, &valid.amount)
            .field("due", self.due, valid.due)
            .field("deal", optional(&self.deal), optional(&valid.deal))
            .field("company", optional(&self.company), optional(&valid.company))
            .field("contact", optional(&self.contact), optional(&valid.contact))
            .field("responsible", &self.responsible, &valid.responsible)
            .field("comments", &self.comments, &valid.comments)
            .into_change()?;
        self.number = valid.number;
        self.amount = valid.amount;
        self.due = valid.due;
        self.deal = valid.deal;
        self.company = valid.company;
        self.contact = valid.contact;
        self.responsible = valid.responsible;
        self.comments = valid.comments;
        self.stamp.touch(actor, now);
        Some(change)
    }

    pub fn set_status(
        &mut self,
        next: InvoiceStatus,
        actor: &Id,
        now: Timestamp,
    ) -> Result<Change, StatusRefused> {
        let refused = StatusRefused { from: self.status, to: next };
        if !self.status.can_become(next) {
            return Err(refused);
        }
        let change =
            Diff::default().field("status", self.status.code(), next.code()).into_change().ok_or(refused)?;
        self.status = next;
        self.paid_at = (next == InvoiceStatus::Paid).then_some(now);
        self.stamp.touch(actor, now);
        Ok(change)
    }

    pub fn card(&self) -> CardRef {
        CardRef { kind: CardKind::Invoice, id: self.id.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn draft() -> InvoiceDraft {
        InvoiceDraft {
            number: "INV-0001".into(),
            amount: "15 000".into(),
            currency: "RUB".into(),
            due: "2026-12-10".into(),
            deal: "d1".into(),
            responsible: "u1".into(),
            ..InvoiceDraft::default()
        }
    }

    fn known<'a>(users: &'a [Id], deals: &'a [Id]) -> Known<'a> {
        Known { users, deals, companies: &[], contacts: &[] }
    }

    #[test]
    fn an_invoice_is_drafted_sent_and_paid() {
        let (users, deals) = ([id("u1")], [id("d1")]);
        let mut invoice = Invoice::create(
            id("i1"),
            draft().validate(&known(&users, &deals)).unwrap(),
            &id("u1"),
            Timestamp(1),
        );
        assert_eq!(invoice.status, InvoiceStatus::Draft);
        invoice.set_status(InvoiceStatus::Sent, &id("u1"), Timestamp(2)).unwrap();
        invoice.set_status(InvoiceStatus::Paid, &id("u1"), Timestamp(3)).unwrap();
        assert_eq!(invoice.paid_at, Some(Timestamp(3)));
        assert!(invoice.set_status(InvoiceStatus::Draft, &id("u1"), Timestamp(4)).is_err(), "paid is final");
    }

    #[test]
    fn a_draft_cannot_be_paid_without_being_sent() {
        assert!(!InvoiceStatus::Draft.can_become(InvoiceStatus::Paid));
        assert!(InvoiceStatus::Declined.can_become(InvoiceStatus::Draft));
    }

    #[test]
    fn bad_amounts_dates_and_links_are_named() {
        let (users, deals) = ([id("u1")], []);
        let bad = InvoiceDraft { amount: "lots".into(), due: "2026-02-30".into(), ..draft() };
        let errors = bad.validate(&known(&users, &deals)).unwrap_err();
        assert_eq!(errors.for_field("amount"), Some(Problem::InvalidAmount));
        assert_eq!(errors.for_field("due"), Some(Problem::InvalidDate));
        assert_eq!(errors.for_field("deal"), Some(Problem::UnknownCard));
    }

    #[test]
    fn numbers_continue_from_the_highest() {
        assert_eq!(next_number(["INV-0007", "INV-0042", "special"]), "INV-0043");
        assert_eq!(next_number([]), "INV-0001");
    }
}
