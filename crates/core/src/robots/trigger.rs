//! Triggers: move a deal to a stage when something happens on it, such as
//! "the client called" or "the invoice was paid". Each trigger belongs to
//! its target stage.
//!
//! Triggers only move deals forward by default, as in Bitrix24: a deal at
//! "Payment" that receives another e-mail must not fall back to "Data
//! collection" because that stage listens for e-mails. A trigger may allow
//! moving backwards explicitly. Closed deals (won or lost) are never moved:
//! reopening one is a person's decision. Triggers do not check required
//! fields; the app passes the target through
//! [`check_move`](crate::fields::check_move) like any move.

use serde::{Deserialize, Serialize};

use crate::activity::ActivityKind;
use crate::deal::Deal;
use crate::fields::{FieldDef, FieldEntity, Value, ValueProblem};
use crate::invoice::InvoiceStatus;
use crate::pipeline::Pipeline;
use crate::Id;

/// What a trigger waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// An incoming call, e-mail or chat message on the deal.
    Incoming(ActivityKind),
    /// An employee took the client's conversation into work (answered the
    /// chat, accepted the call).
    TakenIntoWork,
    /// An activity of the deal was completed; `None`: of any kind.
    ActivityCompleted(Option<ActivityKind>),
    InvoicePaid,
    /// A deal field was set to this value.
    FieldSet {
        field: Id,
        value: Value,
    },
}

/// What happened on a deal, as the app reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Incoming(ActivityKind),
    TakenIntoWork,
    ActivityCompleted(ActivityKind),
    InvoiceStatus(InvoiceStatus),
    FieldSet { field: Id, value: Option<Value> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub id: Id,
    pub pipeline: Id,
    /// Where the trigger moves the deal.
    pub stage: Id,
    pub when: When,
    #[serde(default)]
    pub allow_backwards: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerProblem {
    UnknownPipeline,
    UnknownStage(Id),
    /// Meetings and to-dos are never incoming.
    NeverIncoming(ActivityKind),
}

impl When {
    /// "The deal field `field` set to this value", the value typed as a
    /// person names it (a list option by its label).
    pub fn field_set(defs: &[FieldDef], field: &Id, text: &str) -> Result<When, ValueProblem> {
        let def = defs
            .iter()
            .find(|def| &def.id == field && def.entity == FieldEntity::Deal)
            .ok_or(ValueProblem::UnknownOption)?;
        let value = Value::parse_choice(def, text)?.ok_or(ValueProblem::Required)?;
        Ok(When::FieldSet { field: field.clone(), value })
    }

    fn matches(&self, event: &Event) -> bool {
        match (self, event) {
            (When::Incoming(wanted), Event::Incoming(kind)) => wanted == kind,
            (When::TakenIntoWork, Event::TakenIntoWork) => true,
            (When::ActivityCompleted(wanted), Event::ActivityCompleted(kind)) => {
                wanted.is_none_or(|wanted| wanted == *kind)
            }
            (When::InvoicePaid, Event::InvoiceStatus(status)) => *status == InvoiceStatus::Paid,
            (When::FieldSet { field, value }, Event::FieldSet { field: set, value: Some(new) }) => {
                field == set && value == new
            }
            _ => false,
        }
    }
}

impl Trigger {
    pub fn check(&self, pipelines: &[Pipeline]) -> Result<(), TriggerProblem> {
        let pipeline = pipelines.iter().find(|pipeline| pipeline.id == self.pipeline);
        let pipeline = pipeline.ok_or(TriggerProblem::UnknownPipeline)?;
        pipeline.stage(&self.stage).ok_or_else(|| TriggerProblem::UnknownStage(self.stage.clone()))?;
        match self.when {
            When::Incoming(kind) if !kind.has_direction() => Err(TriggerProblem::NeverIncoming(kind)),
            _ => Ok(()),
        }
    }
}

/// The stage `event` moves the deal to, if any trigger of its pipeline
/// fires. When several fire, the furthest stage wins (the deal is clearly
/// that far along), and among equals the first trigger in the list.
pub fn fire(event: &Event, deal: &Deal, pipeline: &Pipeline, triggers: &[Trigger]) -> Option<Id> {
    if !deal.in_progress() || deal.pipeline != pipeline.id {
        return None;
    }
    let current = pipeline.position(&deal.stage)?;
    let mut best: Option<(usize, &Id)> = None;
    for trigger in
        triggers.iter().filter(|trigger| trigger.pipeline == pipeline.id && trigger.when.matches(event))
    {
        let Some(target) = pipeline.position(&trigger.stage) else { continue };
        let allowed = target > current || (trigger.allow_backwards && target < current);
        if allowed && best.is_none_or(|(position, _)| target > position) {
            best = Some((target, &trigger.stage));
        }
    }
    best.map(|(_, stage)| stage.clone())
}

#[cfg(test)]
mod tests {
    use super::super::examples::{DATA_COLLECTION, NEW, PAYMENT, PIPELINE, PROCESSING, WON};
    use super::super::fixture::{id, monday_10, World};
    use super::*;

    fn trigger(name: &str, stage: &'static str, when: When) -> Trigger {
        Trigger {
            id: id(name),
            pipeline: Id::from_static(PIPELINE),
            stage: Id::from_static(stage),
            when,
            allow_backwards: false,
        }
    }

    fn at(stage: &'static str) -> World {
        let mut world = World::training(monday_10());
        world.deal.stage = Id::from_static(stage);
        world
    }

    fn fired(world: &World, event: Event, triggers: &[Trigger]) -> Option<String> {
        fire(&event, &world.deal, &world.pipeline, triggers).map(|stage| stage.to_string())
    }

    #[test]
    fn an_incoming_call_moves_the_deal_forward_only() {
        let triggers = [trigger("t", DATA_COLLECTION, When::Incoming(ActivityKind::Call))];
        assert_eq!(
            fired(&at(NEW), Event::Incoming(ActivityKind::Call), &triggers).as_deref(),
            Some(DATA_COLLECTION)
        );
        assert_eq!(fired(&at(NEW), Event::Incoming(ActivityKind::Email), &triggers), None);
        assert_eq!(
            fired(&at(PAYMENT), Event::Incoming(ActivityKind::Call), &triggers),
            None,
            "not backwards"
        );
        assert_eq!(
            fired(&at(DATA_COLLECTION), Event::Incoming(ActivityKind::Call), &triggers),
            None,
            "already there"
        );
        let backwards = [Trigger { allow_backwards: true, ..triggers[0].clone() }];
        assert_eq!(
            fired(&at(PAYMENT), Event::Incoming(ActivityKind::Call), &backwards).as_deref(),
            Some(DATA_COLLECTION)
        );
    }

    #[test]
    fn closed_deals_and_other_pipelines_are_left_alone() {
        let triggers = [trigger("t", PAYMENT, When::TakenIntoWork)];
        let mut won = at(WON);
        won.deal.semantic = crate::pipeline::Semantic::Won;
        assert_eq!(fired(&won, Event::TakenIntoWork, &triggers), None);
        let mut elsewhere = at(NEW);
        elsewhere.deal.pipeline = id("other");
        assert_eq!(fired(&elsewhere, Event::TakenIntoWork, &triggers), None);
    }

    #[test]
    fn the_furthest_of_several_fired_triggers_wins() {
        let triggers = [
            trigger("a", DATA_COLLECTION, When::ActivityCompleted(None)),
            trigger("b", PROCESSING, When::ActivityCompleted(Some(ActivityKind::Meeting))),
            trigger("c", PAYMENT, When::ActivityCompleted(Some(ActivityKind::Call))),
        ];
        let completed = |kind| fired(&at(NEW), Event::ActivityCompleted(kind), &triggers);
        assert_eq!(completed(ActivityKind::Meeting).as_deref(), Some(PROCESSING));
        assert_eq!(completed(ActivityKind::Todo).as_deref(), Some(DATA_COLLECTION));
    }

    #[test]
    fn invoices_and_fields_fire_on_their_exact_value() {
        let special = Value::List(id("special"));
        let triggers = [
            trigger("paid", WON, When::InvoicePaid),
            trigger("field", PROCESSING, When::FieldSet { field: id("equipment"), value: special.clone() }),
        ];
        let world = at(PAYMENT);
        assert_eq!(
            fired(&world, Event::InvoiceStatus(crate::invoice::InvoiceStatus::Declined), &triggers),
            None
        );
        assert_eq!(
            fired(&world, Event::InvoiceStatus(crate::invoice::InvoiceStatus::Paid), &triggers).as_deref(),
            Some(WON)
        );
        let set = |value| Event::FieldSet { field: id("equipment"), value };
        assert_eq!(fired(&at(NEW), set(Some(special)), &triggers).as_deref(), Some(PROCESSING));
        assert_eq!(fired(&at(NEW), set(Some(Value::List(id("large")))), &triggers), None);
        assert_eq!(fired(&at(NEW), set(None), &triggers), None);
    }

    #[test]
    fn a_trigger_needs_a_real_target_and_a_kind_that_can_come_in() {
        let pipelines = [World::training(monday_10()).pipeline];
        assert_eq!(trigger("t", NEW, When::Incoming(ActivityKind::Chat)).check(&pipelines), Ok(()));
        assert_eq!(
            trigger("t", NEW, When::Incoming(ActivityKind::Meeting)).check(&pipelines),
            Err(TriggerProblem::NeverIncoming(ActivityKind::Meeting))
        );
        let nowhere = Trigger { stage: id("moon"), ..trigger("t", NEW, When::TakenIntoWork) };
        assert_eq!(nowhere.check(&pipelines), Err(TriggerProblem::UnknownStage(id("moon"))));
        let lost = Trigger { pipeline: id("other"), ..trigger("t", NEW, When::TakenIntoWork) };
        assert_eq!(lost.check(&pipelines), Err(TriggerProblem::UnknownPipeline));
    }

    #[test]
    fn a_field_trigger_reads_its_value_as_typed() {
        use crate::fields::{FieldKind, ListOption};
        let id = |t: &str| Id::parse(t).unwrap();
        let defs = vec![FieldDef {
            options: vec![ListOption { id: id("special"), label: "Special".into() }],
            ..FieldDef::new(id("equipment"), FieldEntity::Deal, "Equipment", FieldKind::List)
        }];
        assert_eq!(
            When::field_set(&defs, &id("equipment"), "special"),
            Ok(When::FieldSet { field: id("equipment"), value: Value::List(id("special")) })
        );
        assert_eq!(When::field_set(&defs, &id("equipment"), ""), Err(ValueProblem::Required));
        assert_eq!(When::field_set(&defs, &id("vip"), "yes"), Err(ValueProblem::UnknownOption));
    }
}
