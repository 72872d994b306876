//! The cast and calendar shared by the tests: Anna, a head, sets a task for
//! Rita, helped by Cole and watched by Olga; Otto has nothing to do with it.
//! Everyone lives in Moscow time.

use super::draft::TaskDraft;
use super::group::create_tasks;
use super::task::Task;
use crate::date::Date;
use crate::record::{CardKind, CardRef};
use crate::zone::FixedOffset;
use crate::{Id, Timestamp};

pub const MOSCOW: FixedOffset = FixedOffset(180);
/// Monday 2026-11-30, 09:00 in Moscow.
pub const CREATED: Timestamp = Timestamp(1_796_018_400_000);
/// Friday 2026-12-04, 18:00 in Moscow.
pub const DEADLINE: Timestamp = Timestamp(1_796_396_400_000);

pub fn user(name: &str) -> Id {
    Id::parse(name).unwrap()
}

pub fn anna() -> Id {
    user("anna")
}

pub fn rita() -> Id {
    user("rita")
}

pub fn cole() -> Id {
    user("cole")
}

pub fn olga() -> Id {
    user("olga")
}

pub fn otto() -> Id {
    user("otto")
}

pub fn users() -> Vec<Id> {
    vec![anna(), rita(), cole(), olga(), otto()]
}

pub fn card(kind: CardKind, id: &str) -> CardRef {
    CardRef { kind, id: user(id) }
}

pub fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// An instant given in UTC.
pub fn utc(day: &str, hour: i64, minute: i64) -> Timestamp {
    Timestamp(
        date(day).days_since_epoch() * Timestamp::DAY + hour * Timestamp::HOUR + minute * Timestamp::MINUTE,
    )
}

/// An instant given in Moscow time.
pub fn msk(day: &str, hour: i64, minute: i64) -> Timestamp {
    utc(day, hour - 3, minute)
}

pub fn draft() -> TaskDraft {
    TaskDraft {
        title: "Call Acme about the seminar".into(),
        responsibles: vec!["rita".into()],
        co_executors: vec!["cole".into()],
        observers: vec!["olga".into()],
        deadline: Some(DEADLINE),
        ..TaskDraft::default()
    }
}

/// Anna's task made at [`CREATED`] from the fixture draft, changed by `edit`.
pub fn task_with(edit: impl FnOnce(&mut TaskDraft)) -> Task {
    let mut draft = draft();
    edit(&mut draft);
    let valid = draft.validate(&users()).unwrap();
    create_tasks(&valid, || user("t1"), &anna(), CREATED).remove(0).0
}

pub fn task() -> Task {
    task_with(|_| {})
}
