//! What syncs: the kinds of records, and how each splits into registers.
//!
//! A record travels as its JSON object (what IndexedDB stores). Each kind
//! declares which of its fields change together (a group is one register),
//! which are member sets, which only grow, which are derived on each device
//! and never travel. Every other field is a register of its own, so edits
//! of different fields of one record both survive.
//!
//! Paths are a field name, or `field.key` for a key inside an object field
//! that [`Spec::split`] names: each key of such an object (a company's
//! `client` block, any card's custom `fields`) is a register of its own.

use serde::{Deserialize, Serialize};

use crate::code::codes;

/// A kind of synced record; its code names it on the wire and on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Company,
    Contact,
    Deal,
    Lead,
    Invoice,
    Activity,
    Task,
    Series,
    Project,
    Post,
    Pipeline,
    View,
    Notification,
    Job,
    Outbox,
    History,
    User,
    /// A settings document under its name (the automation setup, the org
    /// chart, the horizons, the pool rule): see [`Setting`].
    Setting,
}

codes!(Kind {
    Company => "company",
    Contact => "contact",
    Deal => "deal",
    Lead => "lead",
    Invoice => "invoice",
    Activity => "activity",
    Task => "task",
    Series => "series",
    Project => "project",
    Post => "post",
    Pipeline => "pipeline",
    View => "view",
    Notification => "notification",
    Job => "job",
    Outbox => "outbox",
    History => "history",
    User => "user",
    Setting => "setting",
});

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Kind::from_code(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown kind `{code}`")))
    }
}

/// The settings documents that sync, each one record of kind
/// [`Kind::Setting`] whose id is the code. A document is one register
/// (`value`): two administrators editing one offline keep the later edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Robots, triggers, custom fields and the work calendar.
    Automation,
    OrgChart,
    Horizons,
    PoolRule,
}

codes!(Setting {
    Automation => "automation",
    OrgChart => "org_chart",
    Horizons => "horizons",
    PoolRule => "pool_rule",
});

/// How one register merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The later write wins ([`super::Lww`]).
    Lww,
    /// A member set: adds and removes per member ([`super::AddWinsSet`]).
    Set,
    /// Only grows: a list unions, a flag once raised stays raised.
    Grow,
    /// A robot job's state: the state further along wins.
    Job,
    /// Written once: the earliest write wins (records of an insert-only kind).
    First,
}

/// How a kind splits into registers.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Records are written once and never changed or deleted (history,
    /// outgoing messages): every register is [`Rule::First`].
    pub insert_only: bool,
    /// Object fields whose keys are registers of their own.
    pub split: &'static [&'static str],
    /// Paths that change together; the register is named by the first.
    pub groups: &'static [&'static [&'static str]],
    pub sets: &'static [&'static str],
    pub grows: &'static [&'static str],
    /// The job state field, merged by [`Rule::Job`].
    pub job: Option<&'static str>,
    /// Computed on each device from other records; never sent.
    pub derived: &'static [&'static str],
}

const PLAIN: Spec =
    Spec { insert_only: false, split: &[], groups: &[], sets: &[], grows: &[], job: None, derived: &[] };

/// A client's pool state changes as one: who is responsible, the status and
/// since when, the previous responsible, why it was lost.
const CLIENT_STATE: &[&str] = &[
    "client.responsible",
    "client.status",
    "client.status_since",
    "client.previous_responsible",
    "client.lost_reason",
];

impl Kind {
    pub fn spec(self) -> Spec {
        match self {
            Kind::Company => Spec {
                split: &["client", "fields"],
                groups: &[CLIENT_STATE],
                derived: &["next_activity"],
                ..PLAIN
            },
            Kind::Contact => Spec {
                split: &["client", "fields"],
                groups: &[CLIENT_STATE],
                sets: &["companies"],
                derived: &["next_activity"],
                ..PLAIN
            },
            Kind::Deal => Spec {
                split: &["fields"],
                groups: &[&["stage", "pipeline", "semantic", "stage_since", "closed_at"]],
                sets: &["contacts"],
                derived: &["next_activity"],
                ..PLAIN
            },
            Kind::Lead => Spec {
                split: &["fields"],
                groups: &[&["status", "converted"]],
                derived: &["next_activity"],
                ..PLAIN
            },
            Kind::Invoice => Spec { groups: &[&["status", "paid_at"]], derived: &["next_activity"], ..PLAIN },
            Kind::Task => Spec {
                groups: &[&["status", "completed_at", "returned"]],
                sets: &["co_executors", "observers", "links", "tags"],
                grows: &["viewed_by", "reminders_sent", "comments", "overdue_notified"],
                ..PLAIN
            },
            Kind::Project => Spec { sets: &["members"], ..PLAIN },
            Kind::Post => Spec { grows: &["comments"], ..PLAIN },
            Kind::Notification => Spec { grows: &["read"], ..PLAIN },
            Kind::Job => Spec { job: Some("state"), ..PLAIN },
            Kind::Outbox | Kind::History => Spec { insert_only: true, ..PLAIN },
            Kind::Activity | Kind::Series | Kind::Pipeline | Kind::View | Kind::User | Kind::Setting => PLAIN,
        }
    }
}

impl Spec {
    /// The rule of a register that is not a group: by its declared role.
    pub fn rule(&self, path: &str) -> Rule {
        if self.insert_only {
            Rule::First
        } else if self.sets.contains(&path) {
            Rule::Set
        } else if self.grows.contains(&path) {
            Rule::Grow
        } else if self.job == Some(path) {
            Rule::Job
        } else {
            Rule::Lww
        }
    }

    /// The group `path` belongs to, if any.
    pub fn group_of(&self, path: &str) -> Option<&'static [&'static str]> {
        self.groups.iter().copied().find(|group| group.contains(&path))
    }

    pub fn is_derived(&self, path: &str) -> bool {
        self.derived.contains(&path)
    }

    pub fn is_split(&self, field: &str) -> bool {
        self.split.contains(&field)
    }
}
