//! Deals: a sale in progress along a pipeline, with its company and contacts.

use serde::{Deserialize, Serialize};

use crate::client::check_user;
use crate::history::{Change, Diff};
use crate::money::{is_currency, parse_amount, Money};
use crate::pipeline::{Pipeline, Semantic, StageMove};
use crate::record::{CardKind, CardRef, Stamp};
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::{Id, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    pub id: Id,
    pub title: String,
    pub pipeline: Id,
    pub stage: Id,
    /// The meaning of `stage`, kept with the deal so that rules and indexes
    /// need not look the pipeline up.
    pub semantic: Semantic,
    #[serde(default)]
    pub company: Option<Id>,
    #[serde(default)]
    pub contacts: Vec<Id>,
    #[serde(default)]
    pub amount: Option<Money>,
    pub responsible: Id,
    #[serde(default)]
    pub comments: String,
    #[serde(default)]
    pub next_activity: Option<Timestamp>,
    pub stage_since: Timestamp,
    #[serde(default)]
    pub closed_at: Option<Timestamp>,
    /// Custom field values (see [`crate::fields`]).
    #[serde(default)]
    pub fields: crate::fields::Values,
    pub stamp: Stamp,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DealDraft {
    pub title: String,
    pub stage: String,
    pub company: String,
    pub contacts: Vec<String>,
    pub amount: String,
    pub currency: String,
    pub responsible: String,
    pub comments: String,
}

pub const TITLE: TextRule = TextRule { field: "title", required: true, max_chars: 200 };
pub const COMMENTS: TextRule = TextRule { field: "comments", required: false, max_chars: 10_000 };

/// The ids a deal form may refer to.
pub struct Known<'a> {
    pub users: &'a [Id],
    pub companies: &'a [Id],
    pub contacts: &'a [Id],
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDeal {
    title: String,
    stage: Id,
    semantic: Semantic,
    company: Option<Id>,
    contacts: Vec<Id>,
    amount: Option<Money>,
    responsible: Id,
    comments: String,
}

impl DealDraft {
    pub fn from_deal(deal: &Deal) -> Self {
        Self {
            title: deal.title.clone(),
            stage: deal.stage.to_string(),
            company: deal.company.as_ref().map(Id::to_string).unwrap_or_default(),
            contacts: deal.contacts.iter().map(Id::to_string).collect(),
            amount: deal
                .amount
                .as_ref()
                .map(|m| format!("{}.{:02}", m.minor / 100, m.minor % 100))
                .unwrap_or_default(),
            currency: deal.amount.as_ref().map(|m| m.currency.clone()).unwrap_or_default(),
            responsible: deal.responsible.to_string(),
            comments: deal.comments.clone(),
        }
    }

    /// Validates a new deal, which starts at the draft's stage.
    pub fn validate(&self, pipeline: &Pipeline, known: &Known) -> Result<ValidDeal, FieldErrors> {
        let stage =
            Id::parse(&self.stage).and_then(|id| pipeline.stage(&id).map(|stage| (id, stage.semantic)));
        self.check(stage, known)
    }

    /// Validates an edit of `deal`. The draft's stage is not read: an edit
    /// never moves a deal, since a move checks required fields and starts
    /// and cancels robots (`crate::robots::drive`), and a form opened before
    /// a robot moved the deal would move it back.
    pub fn validate_edit(&self, deal: &Deal, known: &Known) -> Result<ValidDeal, FieldErrors> {
        self.check(Some((deal.stage.clone(), deal.semantic)), known)
    }

    fn check(&self, stage: Option<(Id, Semantic)>, known: &Known) -> Result<ValidDeal, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = check_text(&mut errors, TITLE, &self.title);
        if stage.is_none() {
            errors.add("stage", Problem::UnknownStage);
        }
        let company = match Id::parse(&self.company) {
            Some(id) if !known.companies.contains(&id) => {
                errors.add("company", Problem::UnknownCard);
                None
            }
            other => other,
        };
        let mut contacts = Vec::new();
        for id in self.contacts.iter().filter_map(|text| Id::parse(text)) {
            if !known.contacts.contains(&id) {
                errors.add("contacts", Problem::UnknownCard);
            } else if !contacts.contains(&id) {
                contacts.push(id);
            }
        }
        let amount = if self.amount.trim().is_empty() {
            None
        } else {
            let minor = parse_amount(&self.amount);
            if minor.is_none() {
                errors.add("amount", Problem::InvalidAmount);
            }
            let currency = self.currency.trim().to_uppercase();
            if !is_currency(&currency) {
                errors.add("currency", Problem::InvalidCurrency);
            }
            minor.map(|minor| Money { minor, currency })
        };
        let responsible = check_user(&mut errors, "responsible", &self.responsible, known.users);
        let comments = check_text(&mut errors, COMMENTS, &self.comments);
        match (stage, responsible) {
            (Some((stage, semantic)), Some(responsible)) if errors.is_empty() => {
                Ok(ValidDeal { title, stage, semantic, company, contacts, amount, responsible, comments })
            }
            _ => Err(errors),
        }
    }
}

fn money_text(amount: &Option<Money>) -> String {
    amount.as_ref().map(Money::to_string).unwrap_or_default()
}

impl Deal {
    pub fn create(id: Id, pipeline: &Pipeline, valid: ValidDeal, actor: &Id, now: Timestamp) -> Self {
        let closed_at = valid.semantic.is_closed().then_some(now);
        Self {
            id,
            title: valid.title,
            pipeline: pipeline.id.clone(),
            stage: valid.stage,
            semantic: valid.semantic,
            company: valid.company,
            contacts: valid.contacts,
            amount: valid.amount,
            responsible: valid.responsible,
            comments: valid.comments,
            next_activity: None,
            stage_since: now,
            closed_at,
            stamp: Stamp::new(actor, now),
            fields: Default::default(),
        }
    }

    /// Applies an edit. The stage stays: stages change only by a move
    /// (see [`DealDraft::validate_edit`]).
    pub fn apply(&mut self, valid: ValidDeal, actor: &Id, now: Timestamp) -> Option<Change> {
        let ids = |ids: &[Id]| ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ");
        let optional = |id: &Option<Id>| id.as_ref().map(Id::to_string).unwrap_or_default();
        let change = Diff::default()
            .field("title", &self.title, &valid.title)
            .field("company", optional(&self.company), optional(&valid.company))
            .field("contacts", ids(&self.contacts), ids(&valid.contacts))
            .field("amount", money_text(&self.amount), money_text(&valid.amount))
            .field("responsible", &self.responsible, &valid.responsible)
            .field("comments", &self.comments, &valid.comments)
            .into_change()?;
        self.title = valid.title;
        self.company = valid.company;
        self.contacts = valid.contacts;
        self.amount = valid.amount;
        self.responsible = valid.responsible;
        self.comments = valid.comments;
        self.stamp.touch(actor, now);
        Some(change)
    }

    fn enter_stage(&mut self, stage: Id, semantic: Semantic, now: Timestamp) {
        self.stage = stage;
        self.semantic = semantic;
        self.stage_since = now;
        self.closed_at = semantic.is_closed().then_some(now);
    }

    /// Moves the deal to another stage of its pipeline.
    pub fn move_to_stage(
        &mut self,
        pipeline: &Pipeline,
        stage: &Id,
        actor: &Id,
        now: Timestamp,
    ) -> Result<Option<Change>, Problem> {
        let target = pipeline.stage(stage).ok_or(Problem::UnknownStage)?;
        if &self.stage == stage {
            return Ok(None);
        }
        let change = Diff::default().field("stage", &self.stage, stage).into_change();
        self.enter_stage(stage.clone(), target.semantic, now);
        self.stamp.touch(actor, now);
        Ok(change)
    }

    /// Moves a deal out of a stage being deleted (see [`StageMove`]); deals
    /// of other stages are left alone.
    pub fn relocate(&mut self, moved: &StageMove, actor: &Id, now: Timestamp) -> Option<Change> {
        if self.stage != moved.from {
            return None;
        }
        let change = Diff::default().field("stage", &self.stage, &moved.to).into_change();
        self.enter_stage(moved.to.clone(), moved.semantic, now);
        self.stamp.touch(actor, now);
        change
    }

    pub fn in_progress(&self) -> bool {
        self.semantic == Semantic::InProgress
    }

    /// Whether the deal is with this client (as its company or a contact).
    pub fn involves(&self, client: &CardRef) -> bool {
        match client.kind {
            CardKind::Company => self.company.as_ref() == Some(&client.id),
            CardKind::Contact => self.contacts.contains(&client.id),
            _ => false,
        }
    }

    pub fn card(&self) -> CardRef {
        CardRef { kind: CardKind::Deal, id: self.id.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn pipeline() -> Pipeline {
        Pipeline::default_with("Sales".into(), |stage| format!("{stage:?}"))
    }

    fn draft() -> DealDraft {
        DealDraft {
            title: "Seminar seats".into(),
            stage: "new".into(),
            company: "acme".into(),
            contacts: vec!["anna".into()],
            amount: "12 000".into(),
            currency: "rub".into(),
            responsible: "u1".into(),
            comments: String::new(),
        }
    }

    fn known() -> (Vec<Id>, Vec<Id>, Vec<Id>) {
        (vec![id("u1")], vec![id("acme")], vec![id("anna")])
    }

    #[test]
    fn a_deal_is_created_in_progress_at_its_stage() {
        let (users, companies, contacts) = known();
        let known = Known { users: &users, companies: &companies, contacts: &contacts };
        let valid = draft().validate(&pipeline(), &known).unwrap();
        let deal = Deal::create(id("d1"), &pipeline(), valid, &id("u1"), Timestamp(7));
        assert!(deal.in_progress());
        assert_eq!(deal.amount, Some(Money { minor: 1_200_000, currency: "RUB".into() }));
        assert!(deal.involves(&CardRef { kind: CardKind::Company, id: id("acme") }));
        assert!(deal.involves(&CardRef { kind: CardKind::Contact, id: id("anna") }));
        assert_eq!(deal.stage_since, Timestamp(7));
    }

    #[test]
    fn unknown_references_and_bad_amounts_are_named() {
        let (users, _, _) = known();
        let known = Known { users: &users, companies: &[], contacts: &[] };
        let bad =
            DealDraft { stage: "nowhere".into(), amount: "12,3,4".into(), currency: "XXX".into(), ..draft() };
        let errors = bad.validate(&pipeline(), &known).unwrap_err();
        for (field, problem) in [
            ("stage", Problem::UnknownStage),
            ("company", Problem::UnknownCard),
            ("contacts", Problem::UnknownCard),
            ("amount", Problem::InvalidAmount),
            ("currency", Problem::InvalidCurrency),
        ] {
            assert_eq!(errors.for_field(field), Some(problem), "{field}");
        }
    }

    #[test]
    fn an_edit_never_changes_the_stage() {
        let (users, companies, contacts) = known();
        let known = Known { users: &users, companies: &companies, contacts: &contacts };
        let valid = draft().validate(&pipeline(), &known).unwrap();
        let mut deal = Deal::create(id("d1"), &pipeline(), valid, &id("u1"), Timestamp(1));
        deal.move_to_stage(&pipeline(), &id("payment"), &id("u1"), Timestamp(2)).unwrap();

        // A form opened before the move still says "new"; another names a
        // stage that no longer exists.
        for stage in ["new", "won", "deleted"] {
            let edit = DealDraft { title: format!("Seats, {stage}"), stage: stage.into(), ..draft() };
            let valid = edit.validate_edit(&deal, &known).expect("the stage is not the edit's business");
            let change = deal.apply(valid, &id("u1"), Timestamp(3));
            let Some(Change::Updated { fields }) = change else { panic!("the title changed") };
            assert_eq!(fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["title"]);
            assert_eq!(
                (deal.stage.as_str(), deal.stage_since, deal.in_progress()),
                ("payment", Timestamp(2), true)
            );
        }
    }

    #[test]
    fn moving_to_won_closes_the_deal_and_back_reopens_it() {
        let (users, companies, contacts) = known();
        let known = Known { users: &users, companies: &companies, contacts: &contacts };
        let mut deal = Deal::create(
            id("d1"),
            &pipeline(),
            draft().validate(&pipeline(), &known).unwrap(),
            &id("u1"),
            Timestamp(1),
        );
        deal.move_to_stage(&pipeline(), &id("won"), &id("u1"), Timestamp(5)).unwrap();
        assert_eq!((deal.in_progress(), deal.closed_at), (false, Some(Timestamp(5))));
        deal.move_to_stage(&pipeline(), &id("payment"), &id("u1"), Timestamp(6)).unwrap();
        assert_eq!((deal.in_progress(), deal.closed_at, deal.stage_since), (true, None, Timestamp(6)));
        assert_eq!(
            deal.move_to_stage(&pipeline(), &id("x"), &id("u1"), Timestamp(7)),
            Err(Problem::UnknownStage)
        );
    }
}
