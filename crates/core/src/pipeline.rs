//! Deal pipelines: ordered stages, each meaning "in progress", "won" or
//! "lost". Rules look at the meaning, never at a stage's name, so renamed
//! or added stages keep working.
//!
//! Edits keep three invariants, because rules rely on them: every pipeline
//! has at least one stage in progress (where new deals start), one won and
//! one lost stage (so every deal can be closed either way); and stages in
//! progress come before the closed ones, so "a later stage" (required
//! fields, forward-only triggers) always means further along the work.
//! Each edit checks first and changes nothing when it refuses.

use serde::{Deserialize, Serialize};

use crate::code::codes;
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Semantic {
    InProgress,
    Won,
    Lost,
}

codes!(Semantic { InProgress => "in_progress", Won => "won", Lost => "lost" });

impl Semantic {
    pub fn is_closed(self) -> bool {
        self != Semantic::InProgress
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub id: Id,
    pub name: String,
    /// CSS colour, e.g. `#3f7fd8`.
    pub color: String,
    pub semantic: Semantic,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: Id,
    pub name: String,
    pub stages: Vec<Stage>,
}

/// The stages of the default pipeline, until pipelines are configured. Their
/// ids are fixed so that data from every device agrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultStage {
    New,
    Preparation,
    Invoice,
    Payment,
    Won,
    Lost,
}

impl DefaultStage {
    pub const ALL: [DefaultStage; 6] = [
        DefaultStage::New,
        DefaultStage::Preparation,
        DefaultStage::Invoice,
        DefaultStage::Payment,
        DefaultStage::Won,
        DefaultStage::Lost,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DefaultStage::New => "new",
            DefaultStage::Preparation => "preparation",
            DefaultStage::Invoice => "invoice",
            DefaultStage::Payment => "payment",
            DefaultStage::Won => "won",
            DefaultStage::Lost => "lost",
        }
    }

    fn semantic(self) -> Semantic {
        match self {
            DefaultStage::Won => Semantic::Won,
            DefaultStage::Lost => Semantic::Lost,
            _ => Semantic::InProgress,
        }
    }

    fn color(self) -> &'static str {
        match self {
            DefaultStage::New => "#3f7fd8",
            DefaultStage::Preparation => "#2fa4c7",
            DefaultStage::Invoice => "#8a6fd1",
            DefaultStage::Payment => "#e0a030",
            DefaultStage::Won => "#3a9b4a",
            DefaultStage::Lost => "#c94a4a",
        }
    }
}

pub const DEFAULT_PIPELINE: &str = "default";

impl Pipeline {
    /// The default pipeline with stage names in the user's language, given
    /// by `name_of` (the core holds no UI text).
    pub fn default_with(name: String, name_of: impl Fn(DefaultStage) -> String) -> Self {
        let stages = DefaultStage::ALL
            .into_iter()
            .map(|stage| Stage {
                id: Id::from_static(stage.id()),
                name: name_of(stage),
                color: stage.color().to_owned(),
                semantic: stage.semantic(),
            })
            .collect();
        Self { id: Id::from_static(DEFAULT_PIPELINE), name, stages }
    }

    pub fn stage(&self, id: &Id) -> Option<&Stage> {
        self.stages.iter().find(|stage| &stage.id == id)
    }

    pub fn first_stage(&self) -> Option<&Stage> {
        self.stages.first()
    }

    pub fn position(&self, id: &Id) -> Option<usize> {
        self.stages.iter().position(|stage| &stage.id == id)
    }
}

pub const PIPELINE_NAME: TextRule = TextRule { field: "name", required: true, max_chars: 100 };
pub const STAGE_NAME: TextRule = TextRule { field: "name", required: true, max_chars: 60 };

/// Why a pipeline edit was refused. Codes, not sentences: the app
/// translates them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PipelineError {
    InvalidName(Problem),
    /// Colours are `#rgb` or `#rrggbb`.
    InvalidColor,
    DuplicateStage(Id),
    UnknownStage(Id),
    /// A position past the end of the stage list.
    InvalidPosition,
    /// A closed stage would come before a stage in progress.
    ClosedBeforeInProgress,
    /// The edit would leave no stage of this meaning.
    NoStage(Semantic),
    /// The stage still has deals: say which stage they move to.
    TargetRequired {
        deals: usize,
    },
    /// The deals cannot move to the stage being deleted or to an unknown one.
    InvalidTarget(Id),
    /// The default pipeline always exists: deals without one land there.
    DefaultPipeline,
    /// A pipeline is deleted only once its deals have gone elsewhere.
    HasDeals(usize),
}

/// What deleting a stage asks of the app: move its deals to `to`, which
/// has the meaning `semantic`. This is an administrative move: it neither
/// checks required fields nor starts the robots of `to`, and the pending
/// robot jobs of the deleted stage are cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMove {
    pub from: Id,
    pub to: Id,
    pub semantic: Semantic,
}

fn checked_name(rule: TextRule, name: &str) -> Result<String, PipelineError> {
    let mut errors = FieldErrors::default();
    let name = check_text(&mut errors, rule, name);
    errors.for_field(rule.field).map_or(Ok(name), |problem| Err(PipelineError::InvalidName(problem)))
}

fn checked_color(color: &str) -> Result<String, PipelineError> {
    let color = color.trim().to_lowercase();
    let hex = color.strip_prefix('#').unwrap_or("");
    let valid = matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit());
    valid.then_some(color).ok_or(PipelineError::InvalidColor)
}

/// The invariants of the module doc.
fn check_stages(stages: &[Stage]) -> Result<(), PipelineError> {
    for (index, stage) in stages.iter().enumerate() {
        if stages[..index].iter().any(|earlier| earlier.id == stage.id) {
            return Err(PipelineError::DuplicateStage(stage.id.clone()));
        }
    }
    let first_closed = stages.iter().position(|stage| stage.semantic.is_closed()).unwrap_or(stages.len());
    if stages[first_closed..].iter().any(|stage| !stage.semantic.is_closed()) {
        return Err(PipelineError::ClosedBeforeInProgress);
    }
    for semantic in [Semantic::InProgress, Semantic::Won, Semantic::Lost] {
        if !stages.iter().any(|stage| stage.semantic == semantic) {
            return Err(PipelineError::NoStage(semantic));
        }
    }
    Ok(())
}

impl Pipeline {
    /// A new pipeline; names and colours of the stages are checked too.
    pub fn new(id: Id, name: &str, stages: Vec<Stage>) -> Result<Self, PipelineError> {
        let name = checked_name(PIPELINE_NAME, name)?;
        let stages = stages
            .into_iter()
            .map(|stage| {
                Ok(Stage {
                    name: checked_name(STAGE_NAME, &stage.name)?,
                    color: checked_color(&stage.color)?,
                    ..stage
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        check_stages(&stages)?;
        Ok(Self { id, name, stages })
    }

    pub fn rename(&mut self, name: &str) -> Result<(), PipelineError> {
        self.name = checked_name(PIPELINE_NAME, name)?;
        Ok(())
    }

    /// Whether the pipeline may be deleted, given how many deals are in it.
    pub fn check_delete(&self, deals: usize) -> Result<(), PipelineError> {
        if self.id.as_str() == DEFAULT_PIPELINE {
            Err(PipelineError::DefaultPipeline)
        } else if deals > 0 {
            Err(PipelineError::HasDeals(deals))
        } else {
            Ok(())
        }
    }

    /// Inserts a stage at `position` (0 = first; the length = last).
    pub fn add_stage(&mut self, stage: Stage, position: usize) -> Result<(), PipelineError> {
        if position > self.stages.len() {
            return Err(PipelineError::InvalidPosition);
        }
        let stage = Stage {
            name: checked_name(STAGE_NAME, &stage.name)?,
            color: checked_color(&stage.color)?,
            ..stage
        };
        let mut stages = self.stages.clone();
        stages.insert(position, stage);
        check_stages(&stages)?;
        self.stages = stages;
        Ok(())
    }

    pub fn rename_stage(&mut self, id: &Id, name: &str) -> Result<(), PipelineError> {
        let name = checked_name(STAGE_NAME, name)?;
        self.stage_mut(id)?.name = name;
        Ok(())
    }

    pub fn recolor_stage(&mut self, id: &Id, color: &str) -> Result<(), PipelineError> {
        let color = checked_color(color)?;
        self.stage_mut(id)?.color = color;
        Ok(())
    }

    /// Moves a stage to `position` among the stages (counted after taking it out).
    pub fn move_stage(&mut self, id: &Id, position: usize) -> Result<(), PipelineError> {
        let from = self.position(id).ok_or_else(|| PipelineError::UnknownStage(id.clone()))?;
        if position >= self.stages.len() {
            return Err(PipelineError::InvalidPosition);
        }
        let mut stages = self.stages.clone();
        let stage = stages.remove(from);
        stages.insert(position, stage);
        check_stages(&stages)?;
        self.stages = stages;
        Ok(())
    }

    /// Deletes a stage that holds `deals` deals. With deals, `target` names
    /// the stage of this pipeline they move to, and the returned
    /// [`StageMove`] tells the app to move them.
    pub fn delete_stage(
        &mut self,
        id: &Id,
        deals: usize,
        target: Option<&Id>,
    ) -> Result<Option<StageMove>, PipelineError> {
        let index = self.position(id).ok_or_else(|| PipelineError::UnknownStage(id.clone()))?;
        let mut stages = self.stages.clone();
        stages.remove(index);
        check_stages(&stages)?;
        let moved = match target {
            _ if deals == 0 => None,
            None => return Err(PipelineError::TargetRequired { deals }),
            Some(to) => {
                let stage = stages.iter().find(|stage| &stage.id == to);
                let stage = stage.ok_or_else(|| PipelineError::InvalidTarget(to.clone()))?;
                Some(StageMove { from: id.clone(), to: to.clone(), semantic: stage.semantic })
            }
        };
        self.stages = stages;
        Ok(moved)
    }

    fn stage_mut(&mut self, id: &Id) -> Result<&mut Stage, PipelineError> {
        self.stages
            .iter_mut()
            .find(|stage| &stage.id == id)
            .ok_or_else(|| PipelineError::UnknownStage(id.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn sales() -> Pipeline {
        Pipeline::default_with("Sales".into(), |stage| format!("{stage:?}"))
    }

    fn stage(name: &str, semantic: Semantic) -> Stage {
        Stage { id: id(name), name: name.to_owned(), color: "#ABCDEF".into(), semantic }
    }

    fn ids(pipeline: &Pipeline) -> Vec<&str> {
        pipeline.stages.iter().map(|stage| stage.id.as_str()).collect()
    }

    #[test]
    fn a_new_pipeline_needs_work_won_and_lost_stages_in_that_order() {
        let make = |stages| Pipeline::new(id("p2"), "Service", stages);
        let work = stage("work", Semantic::InProgress);
        let won = stage("done", Semantic::Won);
        let lost = stage("failed", Semantic::Lost);
        let pipeline = make(vec![work.clone(), won.clone(), lost.clone()]).unwrap();
        assert_eq!(pipeline.stages[0].color, "#abcdef", "colours are normalised");
        assert_eq!(make(vec![won.clone(), lost.clone()]), Err(PipelineError::NoStage(Semantic::InProgress)));
        assert_eq!(make(vec![work.clone(), lost.clone()]), Err(PipelineError::NoStage(Semantic::Won)));
        assert_eq!(make(vec![work.clone(), won.clone()]), Err(PipelineError::NoStage(Semantic::Lost)));
        assert_eq!(
            make(vec![won.clone(), work.clone(), lost.clone()]),
            Err(PipelineError::ClosedBeforeInProgress)
        );
        assert_eq!(
            make(vec![work.clone(), work.clone(), won, lost]),
            Err(PipelineError::DuplicateStage(id("work")))
        );
        assert_eq!(
            Pipeline::new(id("p3"), " ", Vec::new()),
            Err(PipelineError::InvalidName(Problem::Required))
        );
    }

    #[test]
    fn stages_are_added_renamed_and_recoloured() {
        let mut pipeline = sales();
        pipeline.add_stage(stage("meeting", Semantic::InProgress), 1).unwrap();
        assert_eq!(ids(&pipeline)[..3], ["new", "meeting", "preparation"]);
        pipeline.rename_stage(&id("meeting"), "  First meeting ").unwrap();
        pipeline.recolor_stage(&id("meeting"), "#0F0").unwrap();
        assert_eq!(
            (pipeline.stages[1].name.as_str(), pipeline.stages[1].color.as_str()),
            ("First meeting", "#0f0")
        );
        assert_eq!(pipeline.recolor_stage(&id("meeting"), "green"), Err(PipelineError::InvalidColor));
        assert_eq!(pipeline.rename_stage(&id("moon"), "x"), Err(PipelineError::UnknownStage(id("moon"))));
        assert_eq!(
            pipeline.add_stage(stage("late", Semantic::InProgress), 99),
            Err(PipelineError::InvalidPosition)
        );
    }

    #[test]
    fn a_stage_in_progress_cannot_be_added_or_moved_after_closed_ones() {
        let mut pipeline = sales();
        let before = pipeline.clone();
        assert_eq!(
            pipeline.add_stage(stage("late", Semantic::InProgress), 6),
            Err(PipelineError::ClosedBeforeInProgress)
        );
        assert_eq!(pipeline.move_stage(&id("won"), 0), Err(PipelineError::ClosedBeforeInProgress));
        assert_eq!(pipeline, before, "a refused edit changes nothing");
        pipeline.move_stage(&id("payment"), 1).unwrap();
        assert_eq!(ids(&pipeline), ["new", "payment", "preparation", "invoice", "won", "lost"]);
        pipeline.move_stage(&id("lost"), 4).unwrap();
        assert_eq!(ids(&pipeline)[4..], ["lost", "won"], "closed stages may swap");
    }

    #[test]
    fn deleting_a_stage_with_deals_needs_a_target_in_the_pipeline() {
        let mut pipeline = sales();
        assert_eq!(
            pipeline.delete_stage(&id("invoice"), 3, None),
            Err(PipelineError::TargetRequired { deals: 3 })
        );
        assert_eq!(
            pipeline.delete_stage(&id("invoice"), 3, Some(&id("invoice"))),
            Err(PipelineError::InvalidTarget(id("invoice")))
        );
        let moved = pipeline.delete_stage(&id("invoice"), 3, Some(&id("payment"))).unwrap();
        assert_eq!(
            moved,
            Some(StageMove { from: id("invoice"), to: id("payment"), semantic: Semantic::InProgress })
        );
        assert_eq!(pipeline.delete_stage(&id("preparation"), 0, None), Ok(None));
        assert_eq!(ids(&pipeline), ["new", "payment", "won", "lost"]);
    }

    #[test]
    fn the_last_stage_of_each_meaning_cannot_be_deleted() {
        let mut pipeline = sales();
        assert_eq!(pipeline.delete_stage(&id("won"), 0, None), Err(PipelineError::NoStage(Semantic::Won)));
        assert_eq!(pipeline.delete_stage(&id("lost"), 0, None), Err(PipelineError::NoStage(Semantic::Lost)));
        for stage in ["new", "preparation", "invoice"] {
            pipeline.delete_stage(&id(stage), 0, None).unwrap();
        }
        assert_eq!(
            pipeline.delete_stage(&id("payment"), 0, None),
            Err(PipelineError::NoStage(Semantic::InProgress))
        );
    }

    #[test]
    fn the_default_pipeline_and_pipelines_with_deals_stay() {
        assert_eq!(sales().check_delete(0), Err(PipelineError::DefaultPipeline));
        let mut other = sales();
        other.id = id("service");
        assert_eq!(other.check_delete(2), Err(PipelineError::HasDeals(2)));
        assert_eq!(other.check_delete(0), Ok(()));
        assert_eq!(other.rename("  Service "), Ok(()));
        assert_eq!(other.name, "Service");
    }

    #[test]
    fn the_default_pipeline_ends_in_won_and_lost() {
        let pipeline = Pipeline::default_with("Sales".into(), |stage| format!("{stage:?}"));
        let semantics: Vec<Semantic> = pipeline.stages.iter().map(|stage| stage.semantic).collect();
        assert_eq!(semantics[..4], [Semantic::InProgress; 4]);
        assert_eq!(semantics[4..], [Semantic::Won, Semantic::Lost]);
        assert_eq!(pipeline.first_stage().map(|s| s.id.as_str()), Some("new"));
        assert_eq!(pipeline.position(&Id::from_static("payment")), Some(3));
        assert_eq!(pipeline.stage(&Id::from_static("nope")), None);
    }
}
