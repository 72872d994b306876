//! A pipeline's kanban board: its stages in order, each with its deals,
//! the longest-waiting first (the one to look at).

use crate::deal::Deal;
use crate::pipeline::{Pipeline, Stage};

pub struct Column<'a> {
    pub stage: &'a Stage,
    pub deals: Vec<&'a Deal>,
}

/// The columns of `pipeline`; deals of other pipelines are left out.
pub fn columns<'a>(pipeline: &'a Pipeline, deals: &'a [Deal]) -> Vec<Column<'a>> {
    pipeline
        .stages
        .iter()
        .map(|stage| {
            let mut here: Vec<&Deal> =
                deals.iter().filter(|deal| deal.pipeline == pipeline.id && deal.stage == stage.id).collect();
            crate::sort::sort_by_key(&mut here, |deal| deal.stage_since);
            Column { stage, deals: here }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::robots::examples::{install, Options};
    use crate::{Id, Timestamp};

    #[test]
    fn each_stage_has_its_deals_oldest_first_and_other_pipelines_stay_out() {
        let example = install(|t| format!("{t:?}"), &Options { reviewer: None, unpaid_days: 3 }, &[]);
        let pipeline = example.pipeline.unwrap();
        let deal = |id: &str, stage: usize, since: i64, pipeline_id: &Id| Deal {
            id: Id::parse(id).unwrap(),
            title: id.into(),
            pipeline: pipeline_id.clone(),
            stage: pipeline.stages[stage].id.clone(),
            semantic: pipeline.stages[stage].semantic,
            company: None,
            contacts: Vec::new(),
            amount: None,
            responsible: Id::parse("anna").unwrap(),
            comments: String::new(),
            next_activity: None,
            stage_since: Timestamp(since),
            closed_at: None,
            fields: Default::default(),
            stamp: crate::record::Stamp::new(&Id::parse("anna").unwrap(), Timestamp(0)),
        };
        let other = Id::parse("other").unwrap();
        let deals = [
            deal("late", 0, 20, &pipeline.id),
            deal("early", 0, 10, &pipeline.id),
            deal("paid", 3, 5, &pipeline.id),
            deal("elsewhere", 0, 1, &other),
        ];
        let board = columns(&pipeline, &deals);
        assert_eq!(board.len(), pipeline.stages.len());
        fn titles<'a>(column: &Column<'a>) -> Vec<&'a str> {
            column.deals.iter().map(|d| d.title.as_str()).collect()
        }
        assert_eq!(titles(&board[0]), ["early", "late"]);
        assert_eq!(titles(&board[3]), ["paid"]);
        assert!(board[1].deals.is_empty());
    }
}
