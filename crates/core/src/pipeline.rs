//! Deal pipelines: ordered stages, each meaning "in progress", "won" or
//! "lost". Rules look at the meaning, never at a stage's name, so renamed
//! or added stages keep working.

use serde::{Deserialize, Serialize};

use crate::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Semantic {
    InProgress,
    Won,
    Lost,
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
