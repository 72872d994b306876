//! What a custom field is: its card kind, name, value kind, list options and,
//! for deals, the stage from which it must be filled in.

use serde::{Deserialize, Serialize};

use crate::code::codes;
use crate::pipeline::{Pipeline, Semantic};
use crate::validation::{check_text, FieldErrors, Problem, TextRule};
use crate::Id;

pub const NAME_RULE: TextRule = TextRule { field: "name", required: true, max_chars: 100 };
const LABEL_RULE: TextRule = TextRule { field: "label", required: true, max_chars: 100 };

/// The cards that carry custom fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldEntity {
    Deal,
    Contact,
    Company,
    Lead,
}

codes!(FieldEntity { Deal => "deal", Contact => "contact", Company => "company", Lead => "lead" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Boolean,
    Text,
    Number,
    Money,
    Date,
    /// One choice among the definition's options.
    List,
}

codes!(FieldKind {
    Boolean => "boolean",
    Text => "text",
    Number => "number",
    Money => "money",
    Date => "date",
    List => "list",
});

/// A choice of a list field. Values store the id, so the label can be
/// renamed or translated without touching cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListOption {
    pub id: Id,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    pub id: Id,
    pub entity: FieldEntity,
    pub name: String,
    pub kind: FieldKind,
    /// The choices of a list field in display order; empty for other kinds.
    #[serde(default)]
    pub options: Vec<ListOption>,
    /// Deal fields only: the stage from which on the field must be filled
    /// in, looked up in the deal's own pipeline (a pipeline without that
    /// stage does not require the field). See [`super::check_move`].
    #[serde(default)]
    pub required_from_stage: Option<Id>,
}

/// Why a field definition was refused; all problems are reported at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefProblem {
    InvalidName(Problem),
    /// Another definition already has this id.
    DuplicateId,
    /// A list field needs at least one option to choose.
    NoOptions,
    InvalidOptionLabel {
        option: Id,
        problem: Problem,
    },
    DuplicateOption(Id),
    /// Only list fields have options.
    OptionsOnlyForLists,
    /// Stages exist only for deals.
    RequirementOnlyForDeals,
    /// No pipeline has this stage.
    UnknownStage(Id),
    /// Closing a deal as lost never requires data, so a field cannot be
    /// required from a lost stage on.
    RequiredFromLostStage(Id),
}

impl FieldDef {
    /// A field without options or stage requirement.
    pub fn new(id: Id, entity: FieldEntity, name: &str, kind: FieldKind) -> Self {
        Self { id, entity, name: name.to_owned(), kind, options: Vec::new(), required_from_stage: None }
    }

    /// Sets a list field's options from typed labels, one per line, in
    /// order. A label already present keeps its option id, so the cards
    /// that chose it keep their value; a new label gets an id from `new_id`.
    pub fn set_option_labels(&mut self, text: &str, mut new_id: impl FnMut() -> Id) {
        let labels = text.lines().map(str::trim).filter(|line| !line.is_empty());
        self.options = labels
            .map(|label| {
                let kept = self.options.iter().find(|option| option.label == label).map(|o| o.id.clone());
                ListOption { id: kept.unwrap_or_else(&mut new_id), label: label.to_owned() }
            })
            .collect();
    }

    pub fn option(&self, id: &Id) -> Option<&ListOption> {
        self.options.iter().find(|option| &option.id == id)
    }

    /// Checks a definition before it is saved next to `others`, the other
    /// stored definitions (without this one's previous version).
    pub fn check(&self, others: &[FieldDef], pipelines: &[Pipeline]) -> Result<(), Vec<DefProblem>> {
        let mut problems = Vec::new();
        if let Some(problem) = text_problem(NAME_RULE, &self.name) {
            problems.push(DefProblem::InvalidName(problem));
        }
        if others.iter().any(|other| other.id == self.id) {
            problems.push(DefProblem::DuplicateId);
        }
        self.check_options(&mut problems);
        if let Some(stage) = &self.required_from_stage {
            if self.entity != FieldEntity::Deal {
                problems.push(DefProblem::RequirementOnlyForDeals);
            }
            match pipelines.iter().find_map(|pipeline| pipeline.stage(stage)) {
                None => problems.push(DefProblem::UnknownStage(stage.clone())),
                Some(found) if found.semantic == Semantic::Lost => {
                    problems.push(DefProblem::RequiredFromLostStage(stage.clone()))
                }
                Some(_) => {}
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn check_options(&self, problems: &mut Vec<DefProblem>) {
        if self.kind != FieldKind::List {
            if !self.options.is_empty() {
                problems.push(DefProblem::OptionsOnlyForLists);
            }
            return;
        }
        if self.options.is_empty() {
            problems.push(DefProblem::NoOptions);
        }
        for (index, option) in self.options.iter().enumerate() {
            if self.options[..index].iter().any(|earlier| earlier.id == option.id) {
                problems.push(DefProblem::DuplicateOption(option.id.clone()));
            }
            if let Some(problem) = text_problem(LABEL_RULE, &option.label) {
                problems.push(DefProblem::InvalidOptionLabel { option: option.id.clone(), problem });
            }
        }
    }
}

fn text_problem(rule: TextRule, text: &str) -> Option<Problem> {
    let mut errors = FieldErrors::default();
    check_text(&mut errors, rule, text);
    errors.for_field(rule.field)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{defs, id, pipeline};
    use super::*;

    #[test]
    fn typed_labels_keep_the_ids_of_known_options() {
        let mut def =
            FieldDef::new(Id::from_static("equipment"), FieldEntity::Deal, "Equipment", FieldKind::List);
        let mut next = 0;
        let mut ids = || {
            next += 1;
            Id::parse(&format!("o{next}")).unwrap()
        };
        def.set_option_labels("Standard\n\n  Large \n", &mut ids);
        let listed = |def: &FieldDef| {
            def.options.iter().map(|o| (o.id.to_string(), o.label.clone())).collect::<Vec<_>>()
        };
        assert_eq!(
            listed(&def),
            [("o1".to_owned(), "Standard".to_owned()), ("o2".to_owned(), "Large".to_owned())]
        );
        def.set_option_labels("Special\nStandard", &mut ids);
        assert_eq!(
            listed(&def),
            [("o3".to_owned(), "Special".to_owned()), ("o1".to_owned(), "Standard".to_owned())]
        );
    }

    #[test]
    fn the_training_fields_are_valid() {
        let defs = defs();
        for def in &defs {
            let others: Vec<FieldDef> = defs.iter().filter(|other| other.id != def.id).cloned().collect();
            assert_eq!(def.check(&others, &[pipeline()]), Ok(()), "{}", def.name);
        }
    }

    #[test]
    fn a_list_needs_distinct_labelled_options() {
        let mut list = defs().remove(0);
        list.options[1] = ListOption { id: id("standard"), label: " ".into() };
        assert_eq!(
            list.check(&[], &[pipeline()]),
            Err(vec![
                DefProblem::DuplicateOption(id("standard")),
                DefProblem::InvalidOptionLabel { option: id("standard"), problem: Problem::Required },
            ])
        );
        list.options.clear();
        assert_eq!(list.check(&[], &[pipeline()]), Err(vec![DefProblem::NoOptions]));
    }

    #[test]
    fn only_deal_fields_can_be_required_from_a_known_not_lost_stage() {
        let mut vip = defs().remove(1);
        vip.required_from_stage = Some(id("payment"));
        assert_eq!(vip.check(&[], &[pipeline()]), Err(vec![DefProblem::RequirementOnlyForDeals]));
        let mut equipment = defs().remove(0);
        equipment.required_from_stage = Some(id("lost"));
        assert_eq!(
            equipment.check(&[], &[pipeline()]),
            Err(vec![DefProblem::RequiredFromLostStage(id("lost"))])
        );
        equipment.required_from_stage = Some(id("nowhere"));
        assert_eq!(equipment.check(&[], &[pipeline()]), Err(vec![DefProblem::UnknownStage(id("nowhere"))]));
    }

    #[test]
    fn names_are_required_ids_unique_and_options_only_on_lists() {
        let defs = defs();
        let mut copy = defs[1].clone();
        copy.name = "  ".into();
        copy.options = defs[0].options.clone();
        assert_eq!(
            copy.check(&defs, &[]),
            Err(vec![
                DefProblem::InvalidName(Problem::Required),
                DefProblem::DuplicateId,
                DefProblem::OptionsOnlyForLists,
            ])
        );
    }

    #[test]
    fn a_definition_survives_a_json_round_trip_with_readable_codes() {
        let def = defs().remove(0);
        let json = serde_json::to_string(&def).unwrap();
        assert!(json.contains(r#""entity":"deal""#) && json.contains(r#""kind":"list""#));
        assert_eq!(serde_json::from_str::<FieldDef>(&json).unwrap(), def);
    }
}
