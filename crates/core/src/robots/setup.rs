//! An organisation's automation as one stored value: custom fields, robots,
//! triggers and the work calendar. Pipelines are stored apart (deals refer
//! to them), queue cursors too (jobs move them while the setup is edited).

use serde::{Deserialize, Serialize};

use super::examples::Example;
use super::robot::Robot;
use super::trigger::Trigger;
use crate::calendar::WorkCalendar;
use crate::fields::{FieldDef, FieldEntity};
use crate::Id;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub robots: Vec<Robot>,
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    #[serde(default)]
    pub calendar: WorkCalendar,
}

impl Setup {
    /// The ids already in use, which [`super::examples::install`] leaves out.
    pub fn ids(&self) -> Vec<Id> {
        let fields = self.fields.iter().map(|f| f.id.clone());
        let robots = self.robots.iter().map(|r| r.id.clone());
        fields.chain(robots).chain(self.triggers.iter().map(|t| t.id.clone())).collect()
    }

    /// Adds what an example brings (its pipeline is stored by the caller).
    pub fn add(&mut self, example: Example) {
        self.fields.extend(example.fields);
        self.robots.extend(example.robots);
        self.triggers.extend(example.triggers);
    }

    /// Drops what belonged to a deleted stage: its robots and triggers, and
    /// "required from" it (a field required from a stage that no longer
    /// exists would otherwise never be required, silently).
    pub fn forget_stage(&mut self, stage: &Id) {
        self.robots.retain(|robot| &robot.stage != stage);
        self.triggers.retain(|trigger| &trigger.stage != stage);
        for def in self.fields.iter_mut().filter(|def| def.required_from_stage.as_ref() == Some(stage)) {
            def.required_from_stage = None;
        }
    }

    /// The custom fields of one kind of card, in definition order.
    pub fn fields_of(&self, entity: FieldEntity) -> Vec<FieldDef> {
        self.fields.iter().filter(|def| def.entity == entity).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::examples::{install, Options, REVIEW_TASK};
    use super::*;

    #[test]
    fn installing_into_a_setup_twice_adds_each_item_once() {
        let options = Options { reviewer: None, unpaid_days: 3 };
        let mut setup = Setup::default();
        setup.add(install(|text| format!("{text:?}"), &options, &setup.ids()));
        let once = setup.clone();
        assert_eq!(once.fields_of(FieldEntity::Contact).len(), 1);
        assert!(once.robots.iter().any(|robot| robot.id.as_str() == REVIEW_TASK));
        setup.add(install(|text| format!("{text:?}"), &options, &setup.ids()));
        assert_eq!(setup, once);
    }

    #[test]
    fn a_deleted_stage_takes_its_robots_triggers_and_requirements_along() {
        use super::super::examples::{DATA_COLLECTION, PROCESSING};
        let options = Options { reviewer: None, unpaid_days: 3 };
        let mut setup = Setup::default();
        setup.add(install(|text| format!("{text:?}"), &options, &[]));
        let robots = setup.robots.len();
        setup.forget_stage(&Id::from_static(PROCESSING));
        assert_eq!(setup.robots.len(), robots - 1, "the review task robot");
        assert!(setup.fields.iter().all(|def| def.required_from_stage.is_none()));
        setup.forget_stage(&Id::from_static(DATA_COLLECTION));
        assert!(setup.triggers.iter().all(|t| t.stage.as_str() != DATA_COLLECTION));
    }
}
