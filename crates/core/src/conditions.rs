//! Conditions of robots: comparisons of fields of a deal, its contact and
//! its company, joined by AND / OR in nested groups, such as
//! `contact.VIP = yes AND deal.Equipment type = special`.
//!
//! Comparisons are typed: numbers compare numerically, dates
//! chronologically, money in minor units (and only within one currency),
//! lists and references by id, text ignoring case. A comparison that makes
//! no sense for a field (greater than a boolean, money in another currency)
//! is simply false, never an error at run time: [`Condition::check`] warns
//! when the condition is configured instead.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::code::codes;
use crate::company::Company;
use crate::contact::Contact;
use crate::deal::Deal;
use crate::fields::{FieldDef, FieldEntity, FieldKind, ListOption, Value, Values};
use crate::money::Money;
use crate::pipeline::Pipeline;
use crate::text::sort_key;
use crate::Id;

/// Whose field is compared. The contact is the deal's first contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Deal,
    Contact,
    Company,
}

codes!(Subject { Deal => "deal", Contact => "contact", Company => "company" });

impl Subject {
    /// The kind of card whose custom fields the subject's are.
    pub fn entity(self) -> FieldEntity {
        match self {
            Subject::Deal => FieldEntity::Deal,
            Subject::Contact => FieldEntity::Contact,
            Subject::Company => FieldEntity::Company,
        }
    }
}

/// A built-in field of the subject, or one of its custom fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The deal's or company's title; the contact's full name.
    Title,
    /// The deal's amount.
    Amount,
    /// The deal's stage id; compares like a list with stage ids as options.
    Stage,
    /// The responsible user's id; compares like a list with user ids.
    Responsible,
    Custom(Id),
}

/// How the field's value is compared. Values of [`Field::Stage`] and
/// [`Field::Responsible`] are given as [`Value::List`] of the id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equals(Value),
    /// Exactly "not equals": true for an empty field too.
    NotEquals(Value),
    Empty,
    NotEmpty,
    Greater(Value),
    Less(Value),
    /// Text containing this, ignoring case.
    Contains(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub subject: Subject,
    pub field: Field,
    pub op: Op,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// AND: true when every part is; an empty group is true ("always").
    All(Vec<Condition>),
    /// OR: true when some part is; an empty group is false.
    Any(Vec<Condition>),
    Compare(Comparison),
}

/// No condition: what a robot without one has.
impl Default for Condition {
    fn default() -> Self {
        Condition::All(Vec::new())
    }
}

/// What a condition is evaluated against: the deal as it is now, its first
/// contact and its company when it has them, and the field definitions
/// (stale values read as empty through them).
#[derive(Debug, Clone, Copy)]
pub struct Snapshot<'a> {
    pub deal: &'a Deal,
    pub contact: Option<&'a Contact>,
    pub company: Option<&'a Company>,
    pub defs: &'a [FieldDef],
}

/// Why a condition cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionError {
    UnknownField(Id),
    /// The custom field belongs to another kind of card than the subject.
    FieldOfOtherCard(Id),
    /// The built-in field does not exist on the subject (a contact's amount).
    NotOnSubject {
        subject: Subject,
        field: Field,
    },
    /// The compared value is of another kind than the field, or the
    /// comparison cannot order it (greater than a list option).
    UnfitValue {
        field: Field,
    },
}

/// A field's current value, borrowed where possible so that evaluating
/// thousands of conditions allocates little.
enum Actual<'a> {
    Boolean(bool),
    Text(Cow<'a, str>),
    Number(f64),
    Money(&'a Money),
    Date(crate::date::Date),
    Id(&'a Id),
}

impl Condition {
    /// Shorthand for an AND of comparisons, the common case.
    pub fn all(comparisons: impl IntoIterator<Item = Comparison>) -> Self {
        Condition::All(comparisons.into_iter().map(Condition::Compare).collect())
    }

    pub fn holds(&self, snapshot: &Snapshot) -> bool {
        match self {
            Condition::All(parts) => parts.iter().all(|part| part.holds(snapshot)),
            Condition::Any(parts) => parts.iter().any(|part| part.holds(snapshot)),
            Condition::Compare(comparison) => comparison.holds(snapshot),
        }
    }

    /// Checks every comparison against the field definitions; the first
    /// problem found is returned.
    pub fn check(&self, defs: &[FieldDef]) -> Result<(), ConditionError> {
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().try_for_each(|part| part.check(defs))
            }
            Condition::Compare(comparison) => comparison.check(defs),
        }
    }
}

impl Comparison {
    pub fn new(subject: Subject, field: Field, op: Op) -> Self {
        Self { subject, field, op }
    }

    pub fn holds(&self, snapshot: &Snapshot) -> bool {
        let actual = self.read(snapshot);
        match (&self.op, actual) {
            (Op::Empty, actual) => actual.is_none(),
            (Op::NotEmpty, actual) => actual.is_some(),
            (Op::Equals(expected), Some(actual)) => equals(&actual, expected),
            (Op::NotEquals(expected), Some(actual)) => !equals(&actual, expected),
            (Op::NotEquals(_), None) => true,
            (Op::Greater(expected), Some(actual)) => order(&actual, expected) == Some(Ordering::Greater),
            (Op::Less(expected), Some(actual)) => order(&actual, expected) == Some(Ordering::Less),
            (Op::Contains(part), Some(Actual::Text(text))) => sort_key(&text).contains(&sort_key(part)),
            _ => false,
        }
    }

    fn read<'a>(&self, snapshot: &Snapshot<'a>) -> Option<Actual<'a>> {
        let deal = snapshot.deal;
        let (values, actual): (&'a Values, Option<Actual<'a>>) = match (self.subject, &self.field) {
            (Subject::Deal, Field::Title) => (&deal.fields, Some(Actual::Text(Cow::Borrowed(&deal.title)))),
            (Subject::Deal, Field::Amount) => (&deal.fields, deal.amount.as_ref().map(Actual::Money)),
            (Subject::Deal, Field::Stage) => (&deal.fields, Some(Actual::Id(&deal.stage))),
            (Subject::Deal, Field::Responsible) => (&deal.fields, Some(Actual::Id(&deal.responsible))),
            (Subject::Deal, Field::Custom(_)) => (&deal.fields, None),
            (Subject::Contact, field) => {
                let contact = snapshot.contact?;
                let actual = match field {
                    Field::Title => Some(Actual::Text(Cow::Owned(contact.full_name()))),
                    Field::Responsible => contact.client.responsible.as_ref().map(Actual::Id),
                    _ => None,
                };
                (&contact.fields, actual)
            }
            (Subject::Company, field) => {
                let company = snapshot.company?;
                let actual = match field {
                    Field::Title => Some(Actual::Text(Cow::Borrowed(&company.title))),
                    Field::Responsible => company.client.responsible.as_ref().map(Actual::Id),
                    _ => None,
                };
                (&company.fields, actual)
            }
        };
        let actual = match &self.field {
            Field::Custom(id) => {
                let def =
                    snapshot.defs.iter().find(|def| &def.id == id && def.entity == self.subject.entity())?;
                values.read(def).map(Actual::from)
            }
            _ => actual,
        };
        actual.filter(|actual| !matches!(actual, Actual::Text(text) if text.trim().is_empty()))
    }

    fn check(&self, defs: &[FieldDef]) -> Result<(), ConditionError> {
        let kind = match (&self.field, self.subject) {
            (Field::Custom(id), subject) => {
                let def = defs.iter().find(|def| &def.id == id);
                let def = def.ok_or_else(|| ConditionError::UnknownField(id.clone()))?;
                if def.entity != subject.entity() {
                    return Err(ConditionError::FieldOfOtherCard(id.clone()));
                }
                if let Some(Value::List(option)) = self.op.value() {
                    def.option(option).ok_or(ConditionError::UnfitValue { field: self.field.clone() })?;
                }
                def.kind
            }
            (Field::Title, _) => FieldKind::Text,
            (Field::Responsible, _) | (Field::Stage, Subject::Deal) => FieldKind::List,
            (Field::Amount, Subject::Deal) => FieldKind::Money,
            (field, subject) => return Err(ConditionError::NotOnSubject { subject, field: field.clone() }),
        };
        let ordered =
            matches!(kind, FieldKind::Number | FieldKind::Money | FieldKind::Date | FieldKind::Text);
        let fits = match &self.op {
            Op::Empty | Op::NotEmpty => true,
            Op::Contains(_) => kind == FieldKind::Text,
            Op::Greater(value) | Op::Less(value) => ordered && value.kind() == kind,
            Op::Equals(value) | Op::NotEquals(value) => value.kind() == kind,
        };
        if fits {
            Ok(())
        } else {
            Err(ConditionError::UnfitValue { field: self.field.clone() })
        }
    }
}

impl Op {
    fn value(&self) -> Option<&Value> {
        match self {
            Op::Equals(value) | Op::NotEquals(value) | Op::Greater(value) | Op::Less(value) => Some(value),
            Op::Empty | Op::NotEmpty | Op::Contains(_) => None,
        }
    }
}

impl<'a> From<&'a Value> for Actual<'a> {
    fn from(value: &'a Value) -> Self {
        match value {
            Value::Boolean(flag) => Actual::Boolean(*flag),
            Value::Text(text) => Actual::Text(Cow::Borrowed(text)),
            Value::Number(number) => Actual::Number(*number),
            Value::Money(money) => Actual::Money(money),
            Value::Date(date) => Actual::Date(*date),
            Value::List(id) => Actual::Id(id),
        }
    }
}

fn equals(actual: &Actual, expected: &Value) -> bool {
    match (actual, expected) {
        (Actual::Boolean(a), Value::Boolean(b)) => a == b,
        (Actual::Id(a), Value::List(b)) => *a == b,
        _ => order(actual, expected) == Some(Ordering::Equal),
    }
}

/// `None` when the two cannot be ordered: different kinds or currencies.
fn order(actual: &Actual, expected: &Value) -> Option<Ordering> {
    match (actual, expected) {
        (Actual::Number(a), Value::Number(b)) => a.partial_cmp(b),
        (Actual::Money(a), Value::Money(b)) if a.currency == b.currency => Some(a.minor.cmp(&b.minor)),
        (Actual::Date(a), Value::Date(b)) => Some(a.cmp(b)),
        (Actual::Text(a), Value::Text(b)) => Some(sort_key(a).cmp(&sort_key(b))),
        _ => None,
    }
}

/// How a comparison compares, as a form chooses it before the value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    Equals,
    NotEquals,
    Empty,
    NotEmpty,
    Greater,
    Less,
    Contains,
}

codes!(OpKind {
    Equals => "equals",
    NotEquals => "not_equals",
    Empty => "empty",
    NotEmpty => "not_empty",
    Greater => "greater",
    Less => "less",
    Contains => "contains",
});

/// One comparison as a robot form types it: the value as text, a list
/// option or a stage by its name (or id), a yes/no field as yes or no, an
/// amount with its currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonDraft {
    pub subject: Subject,
    pub field: Field,
    pub op: OpKind,
    pub value: String,
}

impl ComparisonDraft {
    /// The comparison, or why its value does not fit the field. A custom
    /// field must be one of `defs` on the subject's kind of card; stages are
    /// those of `pipeline`.
    pub fn parse(
        &self,
        defs: &[FieldDef],
        pipeline: &Pipeline,
    ) -> Result<Comparison, crate::fields::ValueProblem> {
        use crate::fields::ValueProblem;
        let def = match (&self.field, self.subject) {
            (Field::Custom(id), subject) => defs
                .iter()
                .find(|def| &def.id == id && def.entity == subject.entity())
                .cloned()
                .ok_or(ValueProblem::UnknownOption)?,
            (Field::Title, _) => {
                FieldDef::new(Id::from_static("title"), FieldEntity::Deal, "", FieldKind::Text)
            }
            (Field::Amount, Subject::Deal) => {
                FieldDef::new(Id::from_static("amount"), FieldEntity::Deal, "", FieldKind::Money)
            }
            (Field::Stage, Subject::Deal) => {
                let options =
                    pipeline.stages.iter().map(|s| ListOption { id: s.id.clone(), label: s.name.clone() });
                FieldDef {
                    options: options.collect(),
                    ..FieldDef::new(Id::from_static("stage"), FieldEntity::Deal, "", FieldKind::List)
                }
            }
            _ => return Err(ValueProblem::UnknownOption),
        };
        let text = self.value.trim();
        let value = || -> Result<Value, ValueProblem> {
            Value::parse_choice(&def, text)?.ok_or(ValueProblem::Required)
        };
        let op = match self.op {
            OpKind::Equals => Op::Equals(value()?),
            OpKind::NotEquals => Op::NotEquals(value()?),
            OpKind::Empty => Op::Empty,
            OpKind::NotEmpty => Op::NotEmpty,
            OpKind::Greater => Op::Greater(value()?),
            OpKind::Less => Op::Less(value()?),
            OpKind::Contains if text.is_empty() => return Err(ValueProblem::Required),
            OpKind::Contains => Op::Contains(text.to_owned()),
        };
        Ok(Comparison::new(self.subject, self.field.clone(), op))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Client, ClientStatus};
    use crate::date::Date;
    use crate::fields::ListOption;
    use crate::pipeline::Semantic;
    use crate::record::Stamp;
    use crate::Timestamp;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn defs() -> Vec<FieldDef> {
        let option = |name: &str| ListOption { id: id(name), label: name.into() };
        let mut equipment = FieldDef::new(id("equipment"), FieldEntity::Deal, "Equipment", FieldKind::List);
        equipment.options = vec![option("standard"), option("large"), option("special")];
        vec![
            equipment,
            FieldDef::new(id("vip"), FieldEntity::Contact, "VIP", FieldKind::Boolean),
            FieldDef::new(id("budget"), FieldEntity::Deal, "Budget", FieldKind::Number),
            FieldDef::new(id("start"), FieldEntity::Deal, "Start", FieldKind::Date),
            FieldDef::new(id("note"), FieldEntity::Company, "Note", FieldKind::Text),
        ]
    }

    fn client() -> Client {
        Client {
            phones: Vec::new(),
            emails: Vec::new(),
            messengers: Vec::new(),
            responsible: Some(id("u1")),
            status: ClientStatus::Active,
            status_since: None,
            previous_responsible: None,
            lost_reason: String::new(),
        }
    }

    fn deal() -> Deal {
        let mut fields = Values::default();
        fields.set(id("equipment"), Some(Value::List(id("special"))));
        fields.set(id("budget"), Some(Value::Number(9.5)));
        fields.set(id("start"), Some(Value::Date(Date::new(2026, 12, 1).unwrap())));
        Deal {
            id: id("d1"),
            title: "Boiler for Школа №5".into(),
            pipeline: id("default"),
            stage: id("invoice"),
            semantic: Semantic::InProgress,
            company: Some(id("acme")),
            contacts: vec![id("anna")],
            amount: Some(Money { minor: 150_000, currency: "RUB".into() }),
            responsible: id("u1"),
            comments: String::new(),
            next_activity: None,
            stage_since: Timestamp(0),
            closed_at: None,
            stamp: Stamp::new(&id("u1"), Timestamp(0)),
            fields,
        }
    }

    fn contact(vip: Option<bool>) -> Contact {
        let mut fields = Values::default();
        fields.set(id("vip"), vip.map(Value::Boolean));
        Contact {
            id: id("anna"),
            first_name: "Anna".into(),
            last_name: "Petrova".into(),
            position: String::new(),
            companies: Vec::new(),
            client: client(),
            comments: String::new(),
            next_activity: None,
            stamp: Stamp::new(&id("u1"), Timestamp(0)),
            fields,
        }
    }

    fn company() -> Company {
        Company {
            id: id("acme"),
            title: "Acme".into(),
            client: client(),
            comments: String::new(),
            next_activity: None,
            stamp: Stamp::new(&id("u1"), Timestamp(0)),
            fields: Values::default(),
        }
    }

    fn cmp(subject: Subject, field: Field, op: Op) -> Comparison {
        Comparison::new(subject, field, op)
    }

    fn custom(name: &str) -> Field {
        Field::Custom(id(name))
    }

    fn vip_and_special() -> Condition {
        Condition::all([
            cmp(Subject::Contact, custom("vip"), Op::Equals(Value::Boolean(true))),
            cmp(Subject::Deal, custom("equipment"), Op::Equals(Value::List(id("special")))),
        ])
    }

    fn holds(condition: &Condition, deal: &Deal, contact: Option<&Contact>) -> bool {
        let (defs, company) = (defs(), company());
        condition.holds(&Snapshot { deal, contact, company: Some(&company), defs: &defs })
    }

    fn holds_for(comparison: Comparison) -> bool {
        holds(&Condition::Compare(comparison), &deal(), Some(&contact(Some(true))))
    }

    #[test]
    fn vip_and_special_equipment_needs_both() {
        let condition = vip_and_special();
        let deal = deal();
        assert!(holds(&condition, &deal, Some(&contact(Some(true)))));
        assert!(!holds(&condition, &deal, Some(&contact(Some(false)))));
        assert!(!holds(&condition, &deal, Some(&contact(None))), "an unset flag is not yes");
        assert!(!holds(&condition, &deal, None), "a deal without contact has no VIP");
        let mut standard = deal.clone();
        standard.fields.set(id("equipment"), Some(Value::List(id("standard"))));
        assert!(!holds(&condition, &standard, Some(&contact(Some(true)))));
        assert_eq!(condition.check(&defs()), Ok(()));
    }

    #[test]
    fn groups_nest_and_empty_groups_mean_always_and_never() {
        let budget_over =
            |n| Condition::Compare(cmp(Subject::Deal, custom("budget"), Op::Greater(Value::Number(n))));
        let either = Condition::Any(vec![vip_and_special(), budget_over(100.0)]);
        let deal = deal();
        assert!(holds(&either, &deal, Some(&contact(Some(true)))));
        assert!(!holds(&either, &deal, Some(&contact(Some(false)))));
        let nested = Condition::All(vec![budget_over(1.0), either]);
        assert!(holds(&nested, &deal, Some(&contact(Some(true)))));
        assert!(holds(&Condition::default(), &deal, None));
        assert!(!holds(&Condition::Any(Vec::new()), &deal, None));
    }

    #[test]
    fn numbers_dates_and_money_compare_by_value() {
        let start = |day| Value::Date(Date::new(2026, 12, day).unwrap());
        let rub = |minor| Value::Money(Money { minor, currency: "RUB".into() });
        assert!(holds_for(cmp(Subject::Deal, custom("budget"), Op::Greater(Value::Number(10.0 - 1.0)))));
        assert!(holds_for(cmp(Subject::Deal, custom("budget"), Op::Less(Value::Number(10.0)))));
        assert!(holds_for(cmp(Subject::Deal, custom("start"), Op::Less(start(2)))));
        assert!(holds_for(cmp(Subject::Deal, custom("start"), Op::Equals(start(1)))));
        assert!(holds_for(cmp(Subject::Deal, Field::Amount, Op::Greater(rub(149_999)))));
        assert!(!holds_for(cmp(Subject::Deal, Field::Amount, Op::Greater(rub(150_000)))));
        let usd = Value::Money(Money { minor: 1, currency: "USD".into() });
        assert!(!holds_for(cmp(Subject::Deal, Field::Amount, Op::Greater(usd.clone()))), "no exchange rates");
        assert!(!holds_for(cmp(Subject::Deal, Field::Amount, Op::Less(usd))));
    }

    #[test]
    fn text_compares_ignoring_case_and_contains_finds_parts() {
        let title = |op| holds_for(cmp(Subject::Deal, Field::Title, op));
        assert!(title(Op::Contains("школа".into())));
        assert!(title(Op::Equals(Value::Text("BOILER FOR школа №5".into()))));
        assert!(!title(Op::Contains("гимназия".into())));
        assert!(holds_for(cmp(
            Subject::Contact,
            Field::Title,
            Op::Equals(Value::Text("anna petrova".into()))
        )));
        assert!(holds_for(cmp(Subject::Company, Field::Title, Op::Contains("cm".into()))));
    }

    #[test]
    fn references_compare_by_id_and_not_equals_includes_empty() {
        let list = |name| Value::List(id(name));
        assert!(holds_for(cmp(Subject::Deal, Field::Stage, Op::Equals(list("invoice")))));
        assert!(holds_for(cmp(Subject::Deal, Field::Responsible, Op::NotEquals(list("u2")))));
        assert!(holds_for(cmp(Subject::Company, Field::Responsible, Op::Equals(list("u1")))));
        assert!(holds_for(cmp(Subject::Company, custom("note"), Op::Empty)));
        assert!(holds_for(cmp(Subject::Company, custom("note"), Op::NotEquals(Value::Text("x".into())))));
        assert!(holds_for(cmp(Subject::Deal, custom("equipment"), Op::NotEmpty)));
        assert!(!holds_for(cmp(Subject::Deal, custom("equipment"), Op::Greater(list("large")))));
    }

    #[test]
    fn a_custom_field_of_another_card_reads_as_empty() {
        assert!(holds_for(cmp(Subject::Deal, custom("vip"), Op::Empty)));
        assert!(holds_for(cmp(Subject::Contact, Field::Amount, Op::Empty)));
    }

    #[test]
    fn configuration_mistakes_are_named() {
        let check = |comparison| Condition::Compare(comparison).check(&defs());
        assert_eq!(
            check(cmp(Subject::Deal, custom("ghost"), Op::Empty)),
            Err(ConditionError::UnknownField(id("ghost")))
        );
        assert_eq!(
            check(cmp(Subject::Deal, custom("vip"), Op::Empty)),
            Err(ConditionError::FieldOfOtherCard(id("vip")))
        );
        assert_eq!(
            check(cmp(Subject::Contact, Field::Amount, Op::NotEmpty)),
            Err(ConditionError::NotOnSubject { subject: Subject::Contact, field: Field::Amount })
        );
        assert_eq!(
            check(cmp(Subject::Deal, custom("equipment"), Op::Equals(Value::List(id("huge"))))),
            Err(ConditionError::UnfitValue { field: custom("equipment") })
        );
        assert_eq!(
            check(cmp(Subject::Contact, custom("vip"), Op::Greater(Value::Boolean(false)))),
            Err(ConditionError::UnfitValue { field: custom("vip") })
        );
        assert_eq!(
            check(cmp(Subject::Deal, custom("budget"), Op::Contains("9".into()))),
            Err(ConditionError::UnfitValue { field: custom("budget") })
        );
    }

    #[test]
    fn a_condition_is_stored_as_readable_tagged_json() {
        let json = serde_json::to_string(&vip_and_special()).unwrap();
        assert_eq!(
            json,
            r#"{"all":[{"compare":{"subject":"contact","field":{"custom":"vip"},"op":{"equals":{"boolean":true}}}},{"compare":{"subject":"deal","field":{"custom":"equipment"},"op":{"equals":{"list":"special"}}}}]}"#
        );
        assert_eq!(serde_json::from_str::<Condition>(&json).unwrap(), vip_and_special());
    }

    #[test]
    fn a_typed_comparison_reads_list_labels_and_yes_no() {
        use crate::fields::{ListOption, ValueProblem};
        let id = |t: &str| Id::parse(t).unwrap();
        let defs = vec![
            FieldDef {
                options: vec![ListOption { id: id("special"), label: "Специальное".into() }],
                ..FieldDef::new(id("equipment"), FieldEntity::Deal, "Equipment", FieldKind::List)
            },
            FieldDef::new(id("vip"), FieldEntity::Contact, "VIP", FieldKind::Boolean),
        ];
        let pipeline = crate::pipeline::Pipeline::default_with("Sales".into(), |stage| format!("{stage:?}"));
        let draft = |subject, field: &str, op, value: &str| ComparisonDraft {
            subject,
            field: Field::Custom(id(field)),
            op,
            value: value.into(),
        };
        assert_eq!(
            draft(Subject::Deal, "equipment", OpKind::Equals, " специальное ").parse(&defs, &pipeline),
            Ok(Comparison::new(
                Subject::Deal,
                Field::Custom(id("equipment")),
                Op::Equals(Value::List(id("special")))
            ))
        );
        assert_eq!(
            draft(Subject::Contact, "vip", OpKind::Equals, "да").parse(&defs, &pipeline).map(|c| c.op),
            Ok(Op::Equals(Value::Boolean(true)))
        );
        assert_eq!(
            draft(Subject::Contact, "vip", OpKind::Empty, "").parse(&defs, &pipeline).map(|c| c.op),
            Ok(Op::Empty)
        );
        assert_eq!(
            draft(Subject::Deal, "equipment", OpKind::Equals, "huge").parse(&defs, &pipeline),
            Err(ValueProblem::UnknownOption)
        );
        assert_eq!(
            draft(Subject::Deal, "vip", OpKind::Empty, "").parse(&defs, &pipeline),
            Err(ValueProblem::UnknownOption),
            "VIP is a contact field"
        );
        assert_eq!(
            draft(Subject::Contact, "vip", OpKind::Equals, "").parse(&defs, &pipeline),
            Err(ValueProblem::Required)
        );
    }
}
