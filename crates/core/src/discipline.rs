//! The discipline rules: no card without a planned activity. A deal in
//! progress needs an uncompleted activity within a short horizon, an active
//! client without a deal in progress one within a longer horizon. A card
//! that breaks the rule is abandoned: plan a reanimation or move the client
//! to the pool.
//!
//! Clients are judged as the trainers teach: a company and its contacts
//! are one client, so an activity on any of them covers the client, and a
//! client with a deal in progress is covered by the deal's own rule.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::company::Company;
use crate::contact::Contact;
use crate::deal::Deal;
use crate::record::{CardKind, CardRef};
use crate::{Id, Timestamp};

/// How far ahead a planned activity must be, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Horizons {
    pub deal_days: u32,
    pub client_days: u32,
}

impl Default for Horizons {
    fn default() -> Self {
        Self { deal_days: 14, client_days: 30 }
    }
}

/// How a list row shows a card's nearest planned activity: planned in pink,
/// overdue in red, none marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlannedMark {
    Planned(Timestamp),
    Overdue(Timestamp),
    None,
}

pub fn mark(next_activity: Option<Timestamp>, now: Timestamp) -> PlannedMark {
    match next_activity {
        Some(deadline) if deadline < now => PlannedMark::Overdue(deadline),
        Some(deadline) => PlannedMark::Planned(deadline),
        None => PlannedMark::None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breach {
    /// A deal in progress without an activity within the deal horizon.
    Deal,
    /// An active client without a deal in progress and without an activity
    /// within the client horizon.
    Client,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub card: CardRef,
    pub breach: Breach,
    /// The nearest planned activity, if one exists beyond the horizon.
    pub next_activity: Option<Timestamp>,
}

/// The cards the rules look at.
pub struct Cards<'a> {
    pub deals: &'a [Deal],
    pub contacts: &'a [Contact],
    pub companies: &'a [Company],
}

fn within(next: Option<Timestamp>, limit: Timestamp) -> bool {
    next.is_some_and(|deadline| deadline < limit)
}

fn earliest(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The cards of the people `responsible_for` accepts that break the rules,
/// deals first, then clients, each in the order given.
pub fn violations(
    cards: &Cards,
    responsible_for: impl Fn(&Id) -> bool,
    now: Timestamp,
    horizons: Horizons,
) -> Vec<Violation> {
    let deal_limit = now.plus_millis(i64::from(horizons.deal_days) * Timestamp::DAY);
    let client_limit = now.plus_millis(i64::from(horizons.client_days) * Timestamp::DAY);
    let mut found = Vec::new();

    let mut companies_with_deal = HashSet::new();
    let mut contacts_with_deal = HashSet::new();
    for deal in cards.deals.iter().filter(|deal| deal.in_progress()) {
        companies_with_deal.extend(deal.company.iter());
        contacts_with_deal.extend(deal.contacts.iter());
        if responsible_for(&deal.responsible) && !within(deal.next_activity, deal_limit) {
            found.push(Violation {
                card: deal.card(),
                breach: Breach::Deal,
                next_activity: deal.next_activity,
            });
        }
    }

    let company_next: HashMap<&Id, Option<Timestamp>> =
        cards.companies.iter().map(|company| (&company.id, company.next_activity)).collect();
    let mut next_via_contacts: HashMap<&Id, Option<Timestamp>> = HashMap::new();
    let mut company_has_dealing_contact = HashSet::new();
    for contact in cards.contacts {
        for company in &contact.companies {
            let slot = next_via_contacts.entry(company).or_default();
            *slot = earliest(*slot, contact.next_activity);
            if contacts_with_deal.contains(&contact.id) {
                company_has_dealing_contact.insert(company);
            }
        }
    }

    for contact in cards.contacts.iter().filter(|c| c.client.is_worked()) {
        if !contact.client.responsible.as_ref().is_some_and(&responsible_for) {
            continue;
        }
        let has_deal = contacts_with_deal.contains(&contact.id)
            || contact.companies.iter().any(|company| companies_with_deal.contains(company));
        let next = contact.companies.iter().fold(contact.next_activity, |next, company| {
            earliest(next, company_next.get(company).copied().flatten())
        });
        if !has_deal && !within(next, client_limit) {
            found.push(Violation {
                card: CardRef { kind: CardKind::Contact, id: contact.id.clone() },
                breach: Breach::Client,
                next_activity: next,
            });
        }
    }

    for company in cards.companies.iter().filter(|c| c.client.is_worked()) {
        if !company.client.responsible.as_ref().is_some_and(&responsible_for) {
            continue;
        }
        let has_deal =
            companies_with_deal.contains(&company.id) || company_has_dealing_contact.contains(&company.id);
        let next = earliest(company.next_activity, next_via_contacts.get(&company.id).copied().flatten());
        if !has_deal && !within(next, client_limit) {
            found.push(Violation { card: company.card(), breach: Breach::Client, next_activity: next });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientStatus;
    use crate::user::{Role, User};
    use serde_json::json;

    const NOW: Timestamp = Timestamp(1_800_000_000_000);

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn in_days(days: i64) -> Option<Timestamp> {
        Some(NOW.plus_millis(days * Timestamp::DAY))
    }

    fn stamp() -> serde_json::Value {
        json!({"created_at": 0, "created_by": "u1", "updated_at": 0, "updated_by": "u1"})
    }

    fn deal(
        name: &str,
        semantic: &str,
        next: Option<Timestamp>,
        company: Option<&str>,
        contacts: &[&str],
    ) -> Deal {
        serde_json::from_value(json!({
            "id": name, "title": name, "pipeline": "default", "stage": "new", "semantic": semantic,
            "company": company, "contacts": contacts, "responsible": "u1", "next_activity": next.map(|t| t.0),
            "stage_since": 0, "stamp": stamp()
        }))
        .unwrap()
    }

    fn company(name: &str, next: Option<Timestamp>) -> Company {
        serde_json::from_value(json!({
            "id": name, "title": name, "client": {"responsible": "u1"},
            "next_activity": next.map(|t| t.0), "stamp": stamp()
        }))
        .unwrap()
    }

    fn contact(name: &str, next: Option<Timestamp>, companies: &[&str]) -> Contact {
        serde_json::from_value(json!({
            "id": name, "first_name": name, "companies": companies, "client": {"responsible": "u1"},
            "next_activity": next.map(|t| t.0), "stamp": stamp()
        }))
        .unwrap()
    }

    fn flagged(cards: &Cards) -> Vec<(String, Breach)> {
        violations(cards, |who| who.as_str() == "u1", NOW, Horizons::default())
            .into_iter()
            .map(|v| (v.card.id.to_string(), v.breach))
            .collect()
    }

    #[test]
    fn a_deal_in_progress_needs_an_activity_within_fourteen_days() {
        let deals = [
            deal("soon", "in_progress", in_days(13), None, &[]),
            deal("overdue", "in_progress", in_days(-2), None, &[]),
            deal("too-late", "in_progress", in_days(15), None, &[]),
            deal("none", "in_progress", None, None, &[]),
            deal("won", "won", None, None, &[]),
            deal("lost", "lost", None, None, &[]),
        ];
        let cards = Cards { deals: &deals, contacts: &[], companies: &[] };
        assert_eq!(flagged(&cards), [("too-late".into(), Breach::Deal), ("none".into(), Breach::Deal)]);
    }

    #[test]
    fn an_active_client_without_a_deal_needs_an_activity_within_thirty_days() {
        let companies =
            [company("planned", in_days(29)), company("forgotten", in_days(31)), company("bare", None)];
        let cards = Cards { deals: &[], contacts: &[], companies: &companies };
        assert_eq!(flagged(&cards), [("forgotten".into(), Breach::Client), ("bare".into(), Breach::Client)]);
    }

    #[test]
    fn a_client_with_a_deal_in_progress_is_judged_by_the_deal() {
        let deals = [deal("d", "in_progress", in_days(3), Some("acme"), &["anna"])];
        let companies = [company("acme", None)];
        let contacts = [contact("anna", None, &[]), contact("oleg", None, &["acme"])];
        let cards = Cards { deals: &deals, contacts: &contacts, companies: &companies };
        assert!(flagged(&cards).is_empty());
    }

    #[test]
    fn a_closed_deal_no_longer_covers_its_client() {
        let deals = [deal("d", "won", None, Some("acme"), &[])];
        let companies = [company("acme", None)];
        let cards = Cards { deals: &deals, contacts: &[], companies: &companies };
        assert_eq!(flagged(&cards), [("acme".into(), Breach::Client)]);
    }

    #[test]
    fn an_activity_on_a_contact_covers_its_company_and_back() {
        let companies = [company("acme", None), company("globex", in_days(5))];
        let contacts = [contact("anna", in_days(10), &["acme"]), contact("oleg", None, &["globex"])];
        let cards = Cards { deals: &[], contacts: &contacts, companies: &companies };
        assert!(flagged(&cards).is_empty());
    }

    #[test]
    fn pool_and_lost_clients_and_other_peoples_cards_are_outside_the_rules() {
        let head = User { id: id("head"), name: "Head".into(), roles: vec![Role::HeadOfSales] };
        let mut pooled = company("pooled", None);
        pooled.client.move_to_pool(NOW).unwrap();
        let mut lost = company("lost", None);
        lost.client.mark_lost_for_good(&head, "", NOW).unwrap();
        assert_eq!(lost.client.status, ClientStatus::Lost);
        let mut others = company("others", None);
        others.client.responsible = Some(id("u2"));
        let companies = [pooled, lost, others];
        let cards = Cards { deals: &[], contacts: &[], companies: &companies };
        assert!(flagged(&cards).is_empty());
    }

    #[test]
    fn horizons_are_configurable() {
        let deals = [deal("d", "in_progress", in_days(10), None, &[])];
        let cards = Cards { deals: &deals, contacts: &[], companies: &[] };
        let strict = Horizons { deal_days: 7, client_days: 30 };
        assert_eq!(violations(&cards, |_| true, NOW, strict).len(), 1);
        assert!(violations(&cards, |_| true, NOW, Horizons::default()).is_empty());
    }

    #[test]
    fn marks_say_planned_overdue_or_none() {
        assert_eq!(mark(in_days(1), NOW), PlannedMark::Planned(in_days(1).unwrap()));
        assert_eq!(mark(in_days(-1), NOW), PlannedMark::Overdue(in_days(-1).unwrap()));
        assert_eq!(mark(None, NOW), PlannedMark::None);
    }
}
