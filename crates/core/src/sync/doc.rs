//! A record as the server keeps it: its registers with their stamps, or its
//! tombstone. Mutations are applied to it register by register, each by its
//! rule ([`super::kind::Rule`]); the record's JSON is materialized from it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::add_wins::AddWinsSet;
use super::clock::Hlc;
use super::first_write::FirstWrite;
use super::grow::{Flag, GrowSet};
use super::job_state::JobStateLattice;
use super::kind::{Kind, Rule, Spec};
use super::lww::Lww;
use super::protocol::{Change, Refusal, RefusalCode, SetDelta};
use super::tombstone::Deletable;

/// One register's state. Set members are kept as their canonical JSON text
/// (JSON values have no order of their own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", content = "state", rename_all = "snake_case")]
enum Register {
    Lww(Lww<Value>),
    Set(AddWinsSet<String>),
    Grow(GrowSet<String>),
    Flag(Flag),
    Job(JobStateLattice),
    First(FirstWrite<Value>),
}

type Registers = BTreeMap<String, Register>;

/// A synced record's merge state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc(Deletable<Registers>);

impl Default for Doc {
    fn default() -> Self {
        Self(Deletable::Live(Registers::new()))
    }
}

/// What applying a mutation did: the registers where it did not take effect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub superseded: Vec<String>,
}

impl Doc {
    /// Whether no write has reached the record yet.
    pub fn is_empty(&self) -> bool {
        self.0.live().is_some_and(BTreeMap::is_empty)
    }

    pub fn is_deleted(&self) -> bool {
        self.0.tombstone().is_some()
    }

    /// Applies `change` stamped `stamp` to a record of `kind`. A refusal
    /// leaves the doc as it was (the caller applies to a copy and keeps it
    /// only when the result is also a valid record: [`super::check`]).
    pub fn apply(&mut self, kind: Kind, change: &Change, stamp: Hlc) -> Result<Applied, Refusal> {
        let spec = kind.spec();
        match change {
            Change::Delete => {
                if spec.insert_only {
                    return Err(Refusal::new(RefusalCode::InsertOnly, kind.code()));
                }
                self.0.delete(stamp);
                Ok(Applied::default())
            }
            Change::Put { fields, sets } => {
                let writes = Writes::of(&spec, fields, sets)?;
                match self.0.edit() {
                    Ok(registers) => writes.apply(registers, stamp),
                    Err(_) => Ok(Applied { superseded: writes.names() }),
                }
            }
        }
    }

    /// Applies `change` to the record `id` of `kind` only if the record it
    /// leaves is valid ([`super::check`]): the server's step for each
    /// mutation. A refusal leaves `self` untouched.
    pub fn accept(&mut self, kind: Kind, id: &str, change: &Change, stamp: Hlc) -> Result<Applied, Refusal> {
        let mut next = self.clone();
        let applied = next.apply(kind, change, stamp)?;
        if let Some(value) = next.value(kind) {
            super::check::check(kind, id, &value)?;
        }
        *self = next;
        Ok(applied)
    }

    /// The record's JSON object, a record of `kind`; `None` once deleted.
    pub fn value(&self, kind: Kind) -> Option<Value> {
        let spec = kind.spec();
        let registers = self.0.live()?;
        let mut record = Map::new();
        for (name, register) in registers {
            match register {
                Register::Lww(lww) if spec.group_of(name).is_none() || spec.insert_only => {
                    place(&mut record, name, lww.value().clone())
                }
                Register::Lww(group) => {
                    // A group's value is an object of its paths.
                    for (path, value) in group.value().as_object().into_iter().flatten() {
                        place(&mut record, path, value.clone());
                    }
                }
                Register::Set(set) => {
                    place(&mut record, name, Value::Array(set.iter().map(|m| parse(m)).collect()))
                }
                Register::Grow(set) => {
                    place(&mut record, name, Value::Array(set.iter().map(|m| parse(m)).collect()))
                }
                Register::Flag(flag) => place(&mut record, name, Value::Bool(flag.is_raised())),
                Register::Job(job) => {
                    place(&mut record, name, serde_json::to_value(job.state()).unwrap_or(Value::Null))
                }
                Register::First(first) => place(&mut record, name, first.value().clone()),
            }
        }
        Some(Value::Object(record))
    }
}

/// A set member back from its canonical text.
fn parse(member: &str) -> Value {
    serde_json::from_str(member).unwrap_or(Value::Null)
}

/// Puts `value` at `path` (`field` or `field.key`). A null inside a split
/// object is a removed key and is left out.
fn place(record: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            record.insert(path.to_owned(), value);
        }
        Some((field, key)) => {
            let inner = record.entry(field.to_owned()).or_insert_with(|| Value::Object(Map::new()));
            if let (Value::Object(inner), false) = (inner, value.is_null()) {
                inner.insert(key.to_owned(), value);
            }
        }
    }
}

/// A mutation's writes, sorted into registers and checked against the
/// kind's shape before anything is applied.
struct Writes {
    /// Register name → (rule, value); a group's value is an object of paths.
    values: BTreeMap<String, (Rule, Value)>,
    deltas: BTreeMap<String, (Rule, SetDelta)>,
}

impl Writes {
    fn of(
        spec: &Spec,
        fields: &Map<String, Value>,
        sets: &BTreeMap<String, SetDelta>,
    ) -> Result<Self, Refusal> {
        let mut paths: Vec<(String, Value)> = Vec::new();
        for (field, value) in fields {
            if spec.is_split(field) {
                let Value::Object(keys) = value else {
                    return Err(Refusal::new(RefusalCode::NotAnObject, field.clone()));
                };
                paths.extend(keys.iter().map(|(key, value)| (format!("{field}.{key}"), value.clone())));
            } else {
                paths.push((field.clone(), value.clone()));
            }
        }
        let mut values = BTreeMap::new();
        let mut groups: BTreeMap<&'static str, Map<String, Value>> = BTreeMap::new();
        for (path, value) in paths {
            if spec.is_derived(&path) {
                continue;
            }
            if let Some(group) = spec.group_of(&path).filter(|_| !spec.insert_only) {
                groups.entry(group[0]).or_default().insert(path, value);
                continue;
            }
            let rule = spec.rule(&path);
            let shaped = match rule {
                Rule::Set if !value.is_array() => Err(RefusalCode::NotASet),
                Rule::Grow if !value.is_array() && !value.is_boolean() => Err(RefusalCode::NotASet),
                _ => Ok(()),
            };
            shaped.map_err(|code| Refusal::new(code, path.clone()))?;
            values.insert(path, (rule, value));
        }
        for (first, paths) in groups {
            let group = spec.group_of(first).unwrap_or(&[]);
            if let Some(missing) = group.iter().find(|path| !paths.contains_key(**path)) {
                return Err(Refusal::new(RefusalCode::PartialGroup, *missing));
            }
            values.insert(first.to_owned(), (Rule::Lww, Value::Object(paths)));
        }
        let mut deltas = BTreeMap::new();
        for (field, delta) in sets {
            let rule = spec.rule(field);
            match rule {
                Rule::Set => {}
                Rule::Grow if delta.remove.is_empty() => {}
                Rule::Grow => return Err(Refusal::new(RefusalCode::GrowOnly, field.clone())),
                _ => return Err(Refusal::new(RefusalCode::NotASet, field.clone())),
            }
            deltas.insert(field.clone(), (rule, delta.clone()));
        }
        Ok(Self { values, deltas })
    }

    fn names(&self) -> Vec<String> {
        let names: BTreeSet<&String> = self.values.keys().chain(self.deltas.keys()).collect();
        names.into_iter().cloned().collect()
    }

    fn apply(self, registers: &mut Registers, stamp: Hlc) -> Result<Applied, Refusal> {
        let mut superseded = Vec::new();
        for (name, (rule, value)) in self.values {
            let took = write(registers, &name, rule, value, stamp)
                .map_err(|code| Refusal::new(code, name.clone()))?;
            if !took {
                superseded.push(name);
            }
        }
        for (name, (rule, delta)) in self.deltas {
            let register = registers.entry(name.clone()).or_insert_with(|| empty(rule));
            match register {
                Register::Set(set) => {
                    for member in &delta.add {
                        set.add(canonical(member), stamp);
                    }
                    for member in &delta.remove {
                        set.remove_before(&canonical(member), stamp);
                    }
                }
                Register::Grow(set) => {
                    for member in &delta.add {
                        set.insert(canonical(member));
                    }
                }
                _ => return Err(Refusal::new(RefusalCode::NotASet, name)),
            }
        }
        Ok(Applied { superseded })
    }
}

fn empty(rule: Rule) -> Register {
    match rule {
        Rule::Grow => Register::Grow(GrowSet::new()),
        _ => Register::Set(AddWinsSet::new()),
    }
}

fn canonical(value: &Value) -> String {
    value.to_string()
}

/// Writes one register; `Ok(false)` when the held state wins.
fn write(
    registers: &mut Registers,
    name: &str,
    rule: Rule,
    value: Value,
    stamp: Hlc,
) -> Result<bool, RefusalCode> {
    let Some(register) = registers.get_mut(name) else {
        let fresh = match rule {
            Rule::Lww => Register::Lww(Lww::new(value, stamp)),
            Rule::First => Register::First(FirstWrite::new(value, stamp)),
            Rule::Job => Register::Job(JobStateLattice::new(job_state(value)?, stamp)),
            Rule::Set => {
                let mut set = AddWinsSet::new();
                for member in value.as_array().into_iter().flatten() {
                    set.add(canonical(member), stamp);
                }
                Register::Set(set)
            }
            Rule::Grow => match value {
                Value::Bool(raised) => {
                    let mut flag = Flag::default();
                    if raised {
                        flag.raise(stamp);
                    }
                    Register::Flag(flag)
                }
                members => {
                    let mut set = GrowSet::new();
                    for member in members.as_array().into_iter().flatten() {
                        set.insert(canonical(member));
                    }
                    Register::Grow(set)
                }
            },
        };
        registers.insert(name.to_owned(), fresh);
        return Ok(true);
    };
    Ok(match (register, value) {
        (Register::Lww(lww), value) => lww.write(value, stamp),
        (Register::First(first), value) => first.offer(value, stamp),
        (Register::Job(job), value) => job.advance(job_state(value)?, stamp),
        (Register::Set(set), Value::Array(members)) => {
            for member in &members {
                set.add(canonical(member), stamp);
            }
            true
        }
        (Register::Grow(set), Value::Array(members)) => {
            for member in &members {
                set.insert(canonical(member));
            }
            true
        }
        (Register::Flag(flag), Value::Bool(true)) => {
            flag.raise(stamp);
            true
        }
        // Lowering a raised flag does not take.
        (Register::Flag(flag), Value::Bool(false)) => !flag.is_raised(),
        _ => return Err(RefusalCode::NotASet),
    })
}

fn job_state(value: Value) -> Result<crate::robots::JobState, RefusalCode> {
    serde_json::from_value(value).map_err(|_| RefusalCode::InvalidRecord)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sync::diff::{diff, rebase};
    use crate::sync::testing::at;
    use crate::sync::{check, Kind};

    /// A deal as the app stores it (`next_activity` is derived, not sent).
    fn deal() -> Value {
        json!({
            "id": "d1", "title": "Kettles", "pipeline": "default", "stage": "new",
            "semantic": "in_progress", "company": "acme", "contacts": ["anna"],
            "amount": {"minor": 100_000, "currency": "RUB"}, "responsible": "u1",
            "comments": "", "stage_since": 0, "closed_at": null,
            "fields": {"vip": {"boolean": true}},
            "stamp": {"created_at": 0, "created_by": "u1", "updated_at": 0, "updated_by": "u1"},
        })
    }

    /// Applies the change from `before` to `after` as pushed.
    fn push(doc: &mut Doc, kind: Kind, before: Option<&Value>, after: Option<&Value>, stamp: Hlc) -> Applied {
        let change = diff(kind, before, after).expect("something changed");
        doc.apply(kind, &change, stamp).expect("applied")
    }

    fn created(stamp: Hlc) -> Doc {
        let mut doc = Doc::default();
        push(&mut doc, Kind::Deal, None, Some(&deal()), stamp);
        doc
    }

    fn edited(change: impl FnOnce(&mut Value)) -> Value {
        let mut value = deal();
        change(&mut value);
        value
    }

    #[test]
    fn a_created_record_materializes_as_sent_and_checks() {
        let doc = created(at(1, 1));
        let value = doc.value(Kind::Deal).expect("live");
        assert_eq!(value, deal());
        check(Kind::Deal, "d1", &value).expect("a valid deal");
    }

    #[test]
    fn edits_of_different_fields_both_survive_whatever_arrives_first() {
        let amount = edited(|deal| deal["amount"]["minor"] = json!(250_000));
        let title = edited(|deal| deal["title"] = json!("Kettles, 40 units"));
        for a_first in [true, false] {
            let mut doc = created(at(1, 1));
            let mut pushes = vec![(&amount, at(10, 2)), (&title, at(20, 3))];
            if !a_first {
                pushes.reverse();
            }
            for (after, stamp) in pushes {
                let applied = push(&mut doc, Kind::Deal, Some(&deal()), Some(after), stamp);
                assert!(applied.superseded.is_empty());
            }
            let value = doc.value(Kind::Deal).expect("live");
            assert_eq!(value["amount"]["minor"], 250_000);
            assert_eq!(value["title"], "Kettles, 40 units");
        }
    }

    #[test]
    fn the_later_edit_of_one_field_wins_and_the_earlier_is_reported_superseded() {
        let mut doc = created(at(1, 1));
        let by_b = edited(|deal| deal["title"] = json!("B's title"));
        let by_a = edited(|deal| deal["title"] = json!("A's title"));
        push(&mut doc, Kind::Deal, Some(&deal()), Some(&by_b), at(20, 2));
        let late = push(&mut doc, Kind::Deal, Some(&deal()), Some(&by_a), at(10, 3));
        assert_eq!(late.superseded, ["title"]);
        assert_eq!(doc.value(Kind::Deal).expect("live")["title"], "B's title");
    }

    #[test]
    fn a_stage_change_travels_as_its_whole_group() {
        let moved = edited(|deal| {
            deal["stage"] = json!("won");
            deal["semantic"] = json!("success");
            deal["closed_at"] = json!(5);
        });
        let Some(Change::Put { fields, .. }) = diff(Kind::Deal, Some(&deal()), Some(&moved)) else {
            panic!("a put");
        };
        let sent: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(sent, ["closed_at", "pipeline", "semantic", "stage", "stage_since"]);
        let mut partial = fields.clone();
        partial.remove("stage_since");
        let refused = created(at(1, 1))
            .apply(Kind::Deal, &Change::Put { fields: partial, sets: BTreeMap::new() }, at(2, 2))
            .expect_err("a partial group");
        assert_eq!(refused.code, RefusalCode::PartialGroup);
    }

    #[test]
    fn member_sets_keep_concurrent_adds_of_different_members_and_removals() {
        let mut doc = created(at(1, 1));
        let with_boris = edited(|deal| deal["contacts"] = json!(["anna", "boris"]));
        let with_vera = edited(|deal| deal["contacts"] = json!(["anna", "vera"]));
        let without_anna = edited(|deal| deal["contacts"] = json!([]));
        push(&mut doc, Kind::Deal, Some(&deal()), Some(&with_boris), at(10, 2));
        push(&mut doc, Kind::Deal, Some(&deal()), Some(&with_vera), at(11, 3));
        push(&mut doc, Kind::Deal, Some(&deal()), Some(&without_anna), at(12, 4));
        assert_eq!(doc.value(Kind::Deal).expect("live")["contacts"], json!(["boris", "vera"]));
        // A removal stamped before an add it could not have seen keeps it.
        let now = edited(|deal| deal["contacts"] = json!(["boris", "vera"]));
        let with_gleb = edited(|deal| deal["contacts"] = json!(["boris", "gleb", "vera"]));
        push(&mut doc, Kind::Deal, Some(&now), Some(&with_gleb), at(30, 5));
        push(&mut doc, Kind::Deal, Some(&with_gleb), Some(&now), at(25, 6));
        assert_eq!(doc.value(Kind::Deal).expect("live")["contacts"], json!(["boris", "gleb", "vera"]));
        push(&mut doc, Kind::Deal, Some(&with_gleb), Some(&now), at(35, 6));
        assert_eq!(doc.value(Kind::Deal).expect("live")["contacts"], json!(["boris", "vera"]));
    }

    #[test]
    fn custom_fields_merge_per_field_and_a_cleared_one_disappears() {
        let mut doc = created(at(1, 1));
        let budget = edited(|deal| deal["fields"]["budget"] = json!({"number": 9.5}));
        let no_vip = edited(|deal| {
            deal["fields"].as_object_mut().expect("object").remove("vip");
        });
        push(&mut doc, Kind::Deal, Some(&deal()), Some(&budget), at(10, 2));
        push(&mut doc, Kind::Deal, Some(&deal()), Some(&no_vip), at(11, 3));
        let value = doc.value(Kind::Deal).expect("live");
        assert_eq!(value["fields"], json!({"budget": {"number": 9.5}}));
        check(Kind::Deal, "d1", &value).expect("valid");
    }

    #[test]
    fn a_delete_is_final_and_later_edits_are_superseded() {
        let mut doc = created(at(1, 1));
        doc.apply(Kind::Deal, &Change::Delete, at(10, 2)).expect("deleted");
        let edit = edited(|deal| deal["title"] = json!("after"));
        let late = push(&mut doc, Kind::Deal, Some(&deal()), Some(&edit), at(20, 3));
        assert_eq!(late.superseded, ["title"]);
        assert!(doc.is_deleted());
        assert_eq!(doc.value(Kind::Deal), None);
    }

    #[test]
    fn history_is_written_once_and_never_deleted() {
        let entry = json!({"id": "h1", "card": {"kind": "deal", "id": "d1"}, "at": 5, "by": "u1",
            "change": {"created": null}});
        let forged = json!({"id": "h1", "card": {"kind": "deal", "id": "d1"}, "at": 5, "by": "u2",
            "change": {"created": null}});
        let mut doc = Doc::default();
        push(&mut doc, Kind::History, None, Some(&entry), at(10, 1));
        let second = doc
            .apply(Kind::History, &diff(Kind::History, None, Some(&forged)).expect("put"), at(20, 2))
            .expect("applied");
        assert!(second.superseded.contains(&"by".to_owned()));
        assert_eq!(doc.value(Kind::History).expect("live")["by"], "u1");
        let refused = doc.apply(Kind::History, &Change::Delete, at(30, 3)).expect_err("insert only");
        assert_eq!(refused.code, RefusalCode::InsertOnly);
    }

    #[test]
    fn a_read_flag_once_raised_stays_raised() {
        let unread = json!({"id": "n1", "to": "u1", "topic": "task", "subject": {"task": "t1"},
            "text": "x", "created_at": 0, "due_at": null, "read": false});
        let mut read = unread.clone();
        read["read"] = json!(true);
        let mut doc = Doc::default();
        push(&mut doc, Kind::Notification, None, Some(&unread), at(1, 1));
        push(&mut doc, Kind::Notification, Some(&unread), Some(&read), at(5, 2));
        let lowered = push(&mut doc, Kind::Notification, Some(&read), Some(&unread), at(9, 3));
        assert_eq!(lowered.superseded, ["read"]);
        assert_eq!(doc.value(Kind::Notification).expect("live")["read"], true);
    }

    #[test]
    fn derived_fields_never_travel() {
        let with_next = edited(|deal| deal["next_activity"] = json!(123));
        assert_eq!(diff(Kind::Deal, Some(&deal()), Some(&with_next)), None);
    }

    #[test]
    fn a_pull_with_a_waiting_change_on_top_shows_the_change() {
        let local = edited(|deal| {
            deal["title"] = json!("mine");
            deal["contacts"] = json!(["anna", "boris"]);
        });
        let change = diff(Kind::Deal, Some(&deal()), Some(&local)).expect("changed");
        let server = edited(|deal| deal["amount"]["minor"] = json!(7));
        let shown = rebase(Kind::Deal, Some(server), &change).expect("live");
        assert_eq!(shown["title"], "mine");
        assert_eq!(shown["amount"]["minor"], 7);
        assert_eq!(shown["contacts"], json!(["anna", "boris"]));
        assert_eq!(rebase(Kind::Deal, None, &change), None);
    }

    #[test]
    fn check_refuses_unknown_fields_wrong_types_and_a_foreign_id() {
        let unknown = edited(|deal| deal["colour"] = json!("red"));
        assert_eq!(check(Kind::Deal, "d1", &unknown).expect_err("unknown").code, RefusalCode::UnknownField);
        let wrong = edited(|deal| deal["title"] = json!(5));
        assert_eq!(check(Kind::Deal, "d1", &wrong).expect_err("type").code, RefusalCode::InvalidRecord);
        assert_eq!(check(Kind::Deal, "d2", &deal()).expect_err("id").code, RefusalCode::InvalidRecord);
        assert_eq!(check(Kind::Deal, "d 1", &deal()).expect_err("bad id").code, RefusalCode::BadId);
        assert_eq!(
            check(Kind::Setting, "colours", &json!({"id": "colours", "value": {}}))
                .expect_err("setting")
                .code,
            RefusalCode::UnknownSetting
        );
    }

    #[test]
    fn accept_keeps_the_doc_when_the_result_would_be_invalid() {
        let mut doc = created(at(1, 1));
        let bad = edited(|deal| deal["title"] = json!(7));
        let change = diff(Kind::Deal, Some(&deal()), Some(&bad)).expect("changed");
        let refused = doc.accept(Kind::Deal, "d1", &change, at(5, 2)).expect_err("invalid");
        assert_eq!(refused.code, RefusalCode::InvalidRecord);
        assert_eq!(doc.value(Kind::Deal), Some(deal()));
        let mut fresh = Doc::default();
        let half = Change::Put {
            fields: json!({"id": "d2", "title": "x"}).as_object().cloned().unwrap_or_default(),
            sets: BTreeMap::new(),
        };
        assert_eq!(
            fresh.accept(Kind::Deal, "d2", &half, at(5, 2)).expect_err("incomplete").code,
            RefusalCode::InvalidRecord
        );
        assert!(fresh.is_empty());
    }

    #[test]
    fn a_doc_survives_its_own_serialization() {
        let mut doc = created(at(1, 1));
        doc.apply(
            Kind::Deal,
            &diff(Kind::Deal, Some(&deal()), Some(&edited(|d| d["title"] = json!("x")))).expect("put"),
            at(2, 2),
        )
        .expect("applied");
        let text = serde_json::to_string(&doc).expect("serializes");
        let back: Doc = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, doc);
    }
}
