//! "Required from a stage on": a deal cannot reach a stage, or any stage
//! after it, while such a field is empty.
//!
//! "After" is by position in the deal's pipeline, so won counts as after
//! every working stage. Lost stages never require anything: a manager must
//! always be able to close a deal that fell through, and asking for the
//! equipment type of a cancelled order would only produce junk data.

use serde::{Deserialize, Serialize};

use super::{FieldDef, FieldEntity, Values};
use crate::deal::Deal;
use crate::pipeline::{Pipeline, Semantic};
use crate::Id;

/// Why a deal may not move to a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveRefused {
    /// The target is not a stage of the pipeline.
    UnknownStage(Id),
    /// These fields must be filled in first, in definition order.
    MissingFields(Vec<Id>),
}

/// Whether a deal at `stage` of `pipeline` must have `def` filled in.
pub fn is_required_at(def: &FieldDef, pipeline: &Pipeline, stage: &Id) -> bool {
    let Some(from) = def.required_from_stage.as_ref().filter(|_| def.entity == FieldEntity::Deal) else {
        return false;
    };
    let lost = pipeline.stage(stage).is_some_and(|stage| stage.semantic == Semantic::Lost);
    match (pipeline.position(from), pipeline.position(stage)) {
        (Some(from), Some(at)) => !lost && at >= from,
        _ => false,
    }
}

/// The fields that `values` lacks for a deal to be at `stage`: also what a
/// form creating a deal directly in a later stage must check.
pub fn missing_required(values: &Values, pipeline: &Pipeline, stage: &Id, defs: &[FieldDef]) -> Vec<Id> {
    defs.iter()
        .filter(|def| is_required_at(def, pipeline, stage) && values.read(def).is_none())
        .map(|def| def.id.clone())
        .collect()
}

/// What the app asks before [`Deal::move_to_stage`], whoever moves the deal:
/// a person on the board, a robot or a trigger. Staying where it is is
/// always allowed.
pub fn check_move(
    deal: &Deal,
    pipeline: &Pipeline,
    target: &Id,
    defs: &[FieldDef],
) -> Result<(), MoveRefused> {
    if pipeline.stage(target).is_none() {
        return Err(MoveRefused::UnknownStage(target.clone()));
    }
    if &deal.stage == target {
        return Ok(());
    }
    let missing = missing_required(&deal.fields, pipeline, target, defs);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(MoveRefused::MissingFields(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{defs, id, pipeline};
    use super::super::Value;
    use super::*;
    use crate::record::Stamp;
    use crate::Timestamp;

    fn deal_at(stage: &str) -> Deal {
        let pipeline = pipeline();
        let semantic = pipeline.stage(&id(stage)).unwrap().semantic;
        Deal {
            id: id("d1"),
            title: "Boiler".into(),
            pipeline: pipeline.id.clone(),
            stage: id(stage),
            semantic,
            company: None,
            contacts: Vec::new(),
            amount: None,
            responsible: id("u1"),
            comments: String::new(),
            next_activity: None,
            stage_since: Timestamp(0),
            closed_at: None,
            stamp: Stamp::new(&id("u1"), Timestamp(0)),
            fields: Values::default(),
        }
    }

    #[test]
    fn an_empty_required_field_blocks_its_stage_and_every_later_one() {
        let (pipeline, defs) = (pipeline(), defs());
        let deal = deal_at("new");
        assert_eq!(check_move(&deal, &pipeline, &id("preparation"), &defs), Ok(()));
        for stage in ["invoice", "payment", "won"] {
            assert_eq!(
                check_move(&deal, &pipeline, &id(stage), &defs),
                Err(MoveRefused::MissingFields(vec![id("equipment")])),
                "{stage}"
            );
        }
    }

    #[test]
    fn closing_as_lost_never_requires_fields() {
        assert_eq!(check_move(&deal_at("payment"), &pipeline(), &id("lost"), &defs()), Ok(()));
    }

    #[test]
    fn a_filled_field_lets_the_deal_through() {
        let mut deal = deal_at("new");
        deal.fields.set(id("equipment"), Some(Value::List(id("special"))));
        assert_eq!(check_move(&deal, &pipeline(), &id("won"), &defs()), Ok(()));
    }

    #[test]
    fn a_value_that_no_longer_fits_counts_as_missing() {
        let mut deal = deal_at("new");
        deal.fields.set(id("equipment"), Some(Value::List(id("retired"))));
        assert!(check_move(&deal, &pipeline(), &id("invoice"), &defs()).is_err());
    }

    #[test]
    fn staying_put_or_moving_back_inside_the_required_range_is_judged_too() {
        let deal = deal_at("payment");
        assert_eq!(check_move(&deal, &pipeline(), &id("payment"), &defs()), Ok(()), "no move at all");
        assert!(check_move(&deal, &pipeline(), &id("invoice"), &defs()).is_err());
        assert_eq!(check_move(&deal, &pipeline(), &id("new"), &defs()), Ok(()));
    }

    #[test]
    fn unknown_targets_and_pipelines_without_the_stage() {
        let (mut pipeline, defs) = (pipeline(), defs());
        let deal = deal_at("new");
        assert_eq!(
            check_move(&deal, &pipeline, &id("moon"), &defs),
            Err(MoveRefused::UnknownStage(id("moon")))
        );
        pipeline.stages.retain(|stage| stage.id.as_str() != "invoice");
        assert_eq!(
            check_move(&deal, &pipeline, &id("won"), &defs),
            Ok(()),
            "this pipeline has no invoice stage"
        );
    }
}
