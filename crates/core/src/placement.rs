//! The card hierarchy rule: an activity belongs on the client's deal in
//! progress if there is one, else on the contact, else on the company.
//! Otherwise the plan of a deal is scattered across cards and the deal looks
//! abandoned while its contact has the activity.

use crate::activity::Activity;
use crate::contact::Contact;
use crate::deal::Deal;
use crate::record::{CardKind, CardRef};
use crate::validation::{FieldErrors, Problem};
use crate::Id;

/// The field naming the deal chosen for an activity, when the client has
/// several in progress.
pub const DEAL_FIELD: &str = "deal";

/// Where a new activity asked for on `target` should go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// On the card asked for.
    Here,
    /// The client has exactly one deal in progress: the activity goes there,
    /// and the form says so.
    Deal(Id),
    /// Several deals in progress: the user picks one.
    Choose(Vec<Id>),
}

/// The deals in progress of a client card. A contact's deals include those
/// of its companies: the company's deal is the contact's business too.
pub fn deals_of_client<'a>(client: &CardRef, contact: Option<&Contact>, deals: &'a [Deal]) -> Vec<&'a Deal> {
    deals
        .iter()
        .filter(|deal| deal.in_progress())
        .filter(|deal| {
            deal.involves(client)
                || contact.is_some_and(|contact| {
                    deal.company.as_ref().is_some_and(|company| contact.companies.contains(company))
                })
        })
        .collect()
}

/// Applies the hierarchy rule to an activity added on `target`, given the
/// deals in progress of that client (see [`deals_of_client`]).
pub fn place(target: &CardRef, client_deals: &[&Deal]) -> Placement {
    if !matches!(target.kind, CardKind::Contact | CardKind::Company) {
        return Placement::Here;
    }
    match client_deals {
        [] => Placement::Here,
        [deal] => Placement::Deal(deal.id.clone()),
        several => Placement::Choose(several.iter().map(|deal| deal.id.clone()).collect()),
    }
}

/// The card a new activity asked for on `proposed` is written to, given
/// the deals in progress of that client (see [`deals_of_client`]). The store
/// asks this of every new activity, whatever the form sent: with one deal
/// in progress the activity goes there, with several the deal must be
/// named (the caller proposes it instead of the client), so a client card
/// never collects the activities of its deal.
pub fn owner(proposed: &CardRef, client_deals: &[&Deal]) -> Result<CardRef, FieldErrors> {
    match place(proposed, client_deals) {
        Placement::Here => Ok(proposed.clone()),
        Placement::Deal(id) => Ok(CardRef { kind: CardKind::Deal, id }),
        Placement::Choose(_) => {
            let mut errors = FieldErrors::default();
            errors.add(DEAL_FIELD, Problem::Required);
            Err(errors)
        }
    }
}

/// When a deal is created for a client, the planned activities still on
/// its contacts or company ("remind about us") lost their point: the app
/// offers to move them into the deal or close them.
pub fn to_offer_on_new_deal<'a>(deal: &Deal, activities: &'a [Activity]) -> Vec<&'a Activity> {
    activities.iter().filter(|activity| activity.is_open() && deal.involves(&activity.owner)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{ActivityDraft, ActivityKind, Direction, Priority};
    use crate::deal::{DealDraft, Known};
    use crate::pipeline::Pipeline;
    use crate::Timestamp;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn card(kind: CardKind, text: &str) -> CardRef {
        CardRef { kind, id: id(text) }
    }

    fn deal(name: &str, company: &str, contacts: &[&str], stage: &str) -> Deal {
        let pipeline = Pipeline::default_with("Sales".into(), |s| format!("{s:?}"));
        let draft = DealDraft {
            title: name.into(),
            stage: stage.into(),
            company: company.into(),
            contacts: contacts.iter().map(|c| c.to_string()).collect(),
            responsible: "u1".into(),
            ..DealDraft::default()
        };
        let (users, companies, people) = ([id("u1")], [id("acme"), id("other")], [id("anna"), id("oleg")]);
        let known = Known { users: &users, companies: &companies, contacts: &people };
        Deal::create(id(name), &pipeline, draft.validate(&pipeline, &known).unwrap(), &id("u1"), Timestamp(0))
    }

    fn contact(name: &str, companies: &[&str]) -> Contact {
        let json = serde_json::json!({
            "id": name, "first_name": name, "companies": companies,
            "client": {"responsible": "u1"},
            "stamp": {"created_at": 0, "created_by": "u1", "updated_at": 0, "updated_by": "u1"}
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn without_a_deal_the_activity_stays_on_the_client() {
        let deals = [deal("won-one", "acme", &[], "won")];
        let company = card(CardKind::Company, "acme");
        assert_eq!(place(&company, &deals_of_client(&company, None, &deals)), Placement::Here);
    }

    #[test]
    fn with_one_deal_in_progress_it_goes_to_the_deal() {
        let deals = [deal("d1", "acme", &[], "new"), deal("d2", "other", &[], "new")];
        let company = card(CardKind::Company, "acme");
        assert_eq!(place(&company, &deals_of_client(&company, None, &deals)), Placement::Deal(id("d1")));
    }

    #[test]
    fn a_contact_of_a_company_with_a_deal_goes_to_that_deal() {
        let deals = [deal("d1", "acme", &[], "payment")];
        let anna = contact("anna", &["acme"]);
        let target = card(CardKind::Contact, "anna");
        assert_eq!(place(&target, &deals_of_client(&target, Some(&anna), &deals)), Placement::Deal(id("d1")));
    }

    #[test]
    fn with_several_deals_the_user_picks() {
        let deals = [deal("d1", "", &["anna"], "new"), deal("d2", "", &["anna"], "invoice")];
        let target = card(CardKind::Contact, "anna");
        let anna = contact("anna", &[]);
        assert_eq!(
            place(&target, &deals_of_client(&target, Some(&anna), &deals)),
            Placement::Choose(vec![id("d1"), id("d2")])
        );
    }

    #[test]
    fn activities_on_deals_and_other_cards_stay_where_asked() {
        let deals = [deal("d1", "acme", &[], "new")];
        let refs: Vec<&Deal> = deals.iter().collect();
        assert_eq!(place(&card(CardKind::Deal, "d1"), &refs), Placement::Here);
        assert_eq!(place(&card(CardKind::Invoice, "i1"), &refs), Placement::Here);
    }

    #[test]
    fn an_activity_proposed_for_a_client_with_one_deal_is_written_to_the_deal() {
        let deals = [deal("d1", "acme", &["anna"], "new")];
        let company = card(CardKind::Company, "acme");
        let refs = deals_of_client(&company, None, &deals);
        assert_eq!(owner(&company, &refs), Ok(card(CardKind::Deal, "d1")));
        assert_eq!(owner(&card(CardKind::Deal, "d1"), &refs), Ok(card(CardKind::Deal, "d1")));
    }

    #[test]
    fn a_client_with_several_deals_refuses_the_activity_until_a_deal_is_named() {
        let deals = [deal("d1", "", &["anna"], "new"), deal("d2", "", &["anna"], "invoice")];
        let anna = card(CardKind::Contact, "anna");
        let refs = deals_of_client(&anna, Some(&contact("anna", &[])), &deals);
        let refused = owner(&anna, &refs).unwrap_err();
        assert_eq!(refused.for_field(DEAL_FIELD), Some(Problem::Required));
        assert_eq!(owner(&card(CardKind::Deal, "d2"), &[]), Ok(card(CardKind::Deal, "d2")));
    }

    #[test]
    fn a_client_without_a_deal_in_progress_keeps_the_activity() {
        let deals = [deal("won-one", "acme", &[], "won")];
        let company = card(CardKind::Company, "acme");
        assert_eq!(owner(&company, &deals_of_client(&company, None, &deals)), Ok(company.clone()));
    }

    #[test]
    fn a_new_deal_offers_the_clients_open_reminders() {
        let new_deal = deal("d1", "acme", &["anna"], "new");
        let make = |owner: CardRef, name: &str| {
            let draft = ActivityDraft {
                kind: ActivityKind::Call,
                direction: Direction::Outgoing,
                subject: "Remind about us".into(),
                description: String::new(),
                deadline: Some(Timestamp(10)),
                responsible: "u1".into(),
                priority: Priority::Normal,
            };
            Activity::create(id(name), owner, draft.validate(&[id("u1")]).unwrap(), &id("u1"), Timestamp(0))
        };
        let mut done = make(card(CardKind::Contact, "anna"), "done");
        done.complete("ok", &id("u1"), Timestamp(1)).unwrap();
        let activities = [
            make(card(CardKind::Contact, "anna"), "on-anna"),
            make(card(CardKind::Company, "acme"), "on-acme"),
            make(card(CardKind::Contact, "oleg"), "on-oleg"),
            done,
        ];
        let offered: Vec<&str> =
            to_offer_on_new_deal(&new_deal, &activities).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(offered, ["on-anna", "on-acme"]);
    }
}
