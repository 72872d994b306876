//! Activities in IndexedDB. Every operation writes, in one transaction, the
//! activity, its card (whose `next_activity` it keeps current) and a line
//! in the card's history.

use dela_core::activity::{nearest_open, Activity, ActivityDraft, ActivityError, Direction};
use dela_core::card::AnyCard;
use dela_core::contact::Contact;
use dela_core::history::{ActivityEvent, Change};
use dela_core::placement::{deals_of_client, Placement};
use dela_core::record::{CardKind, CardRef};
use dela_core::robots::Event;
use dela_core::validation::FieldErrors;
use dela_core::zone::Zone;
use dela_core::{Id, Timestamp};

use super::cards::{self, history_entry};
use super::read::{self, exactly};
use super::schema::{ACTIVITIES, ACTIVITIES_BY_OWNER, HISTORY};
use super::{companies, contacts, users, Batch, Store, StoreError};
use crate::ids::new_id;

#[derive(Debug, Clone, PartialEq)]
pub enum OpError {
    Invalid(FieldErrors),
    NotFound,
    AlreadyCompleted,
    Store(StoreError),
}

impl From<StoreError> for OpError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

impl From<ActivityError> for OpError {
    fn from(error: ActivityError) -> Self {
        match error {
            ActivityError::AlreadyCompleted => Self::AlreadyCompleted,
            ActivityError::Invalid(errors) => Self::Invalid(errors),
        }
    }
}

pub async fn get(store: &Store, id: &str) -> Result<Option<Activity>, StoreError> {
    read::get(store, ACTIVITIES, id).await
}

/// A card's activities: open ones first by deadline, then completed ones,
/// newest first, as the card's timeline shows them.
pub async fn of_card(store: &Store, card: &CardRef) -> Result<Vec<Activity>, StoreError> {
    let range = exactly(crate::key![card.kind, card.id.as_str()]);
    let mut activities: Vec<Activity> =
        read::in_range(store, ACTIVITIES, ACTIVITIES_BY_OWNER, range, None).await?;
    activities.sort_by(|a, b| match (&a.completion, &b.completion) {
        (None, None) => a.deadline.cmp(&b.deadline),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.at.cmp(&x.at),
    });
    Ok(activities)
}

/// Where an activity asked for on `target` goes by the card hierarchy rule.
pub async fn placement(store: &Store, target: &CardRef) -> Result<Placement, StoreError> {
    let deals = match target.kind {
        CardKind::Contact => {
            let contact = cards::get::<Contact>(store, target.id.as_str()).await?;
            let mut deals = contacts::deals(store, &target.id).await?;
            for company in contact.iter().flat_map(|c| c.companies.iter()) {
                for deal in companies::deals(store, company).await? {
                    if !deals.iter().any(|known| known.id == deal.id) {
                        deals.push(deal);
                    }
                }
            }
            let chosen = deals_of_client(target, contact.as_ref(), &deals).into_iter().cloned().collect();
            chosen
        }
        CardKind::Company => companies::deals(store, &target.id).await?,
        _ => Vec::new(),
    };
    let in_progress: Vec<&dela_core::deal::Deal> = deals.iter().filter(|deal| deal.in_progress()).collect();
    Ok(dela_core::placement::place(target, &in_progress))
}

/// The card `owner` with its `next_activity` recomputed as if `changed`
/// were already stored.
async fn owner_after(
    store: &Store,
    owner: &CardRef,
    changed: &[&Activity],
) -> Result<Option<AnyCard>, StoreError> {
    let Some(mut card) = cards::get_any(store, owner).await? else { return Ok(None) };
    let mut activities = of_card(store, owner).await?;
    activities.retain(|stored| !changed.iter().any(|c| c.id == stored.id));
    let mine = changed.iter().copied().filter(|c| &c.owner == owner);
    let next = nearest_open(activities.iter().chain(mine));
    card.as_card_mut().set_next_activity(next);
    Ok(Some(card))
}

fn note(activity: &Activity, event: ActivityEvent, detail: String) -> Change {
    Change::Activity { event, subject: activity.subject.clone(), detail }
}

/// Writes `activity` with its card and a history line.
async fn save(
    store: &Store,
    activity: &Activity,
    change: Change,
    actor: &Id,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut batch = Batch::default().put(ACTIVITIES, activity)?;
    if let Some(card) = owner_after(store, &activity.owner, &[activity]).await? {
        batch = cards::put_any(batch, &card)?;
    }
    batch.add(HISTORY, &history_entry(activity.owner.clone(), change, actor, now))?.apply(store).await
}

/// Plans (or logs) an activity. An incoming call, e-mail or chat on a deal
/// is an event for the deal's triggers.
pub async fn add(
    store: &Store,
    owner: CardRef,
    draft: &ActivityDraft,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Activity, OpError> {
    let valid = draft.validate(&users::ids(store).await?).map_err(OpError::Invalid)?;
    if cards::get_any(store, &owner).await?.is_none() {
        return Err(OpError::NotFound);
    }
    let activity = Activity::create(new_id(now), owner, valid, actor, now);
    let change = note(&activity, ActivityEvent::Planned, String::new());
    save(store, &activity, change, actor, now).await?;
    if activity.direction == Direction::Incoming {
        report(store, &activity, &[Event::Incoming(activity.kind)], actor, now, zone).await?;
    }
    Ok(activity)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &ActivityDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Activity, OpError> {
    let mut activity = get(store, id).await?.ok_or(OpError::NotFound)?;
    let valid = draft.validate(&users::ids(store).await?).map_err(OpError::Invalid)?;
    if let Some(Change::Updated { fields }) = activity.apply(valid, actor, now)? {
        let detail = fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>().join(", ");
        save(store, &activity, note(&activity, ActivityEvent::Rescheduled, detail), actor, now).await?;
    }
    Ok(activity)
}

/// Completes an activity with its result: an event for the deal's
/// triggers, and answering an incoming one takes the client's conversation
/// into work.
pub async fn complete(
    store: &Store,
    id: &str,
    result: &str,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Activity, OpError> {
    let mut activity = get(store, id).await?.ok_or(OpError::NotFound)?;
    activity.complete(result, actor, now)?;
    let detail = activity.completion.as_ref().map(|c| c.result.clone()).unwrap_or_default();
    save(store, &activity, note(&activity, ActivityEvent::Completed, detail), actor, now).await?;
    let completed = Event::ActivityCompleted(activity.kind);
    let events = match activity.direction {
        Direction::Incoming => vec![Event::TakenIntoWork, completed],
        Direction::Outgoing => vec![completed],
    };
    report(store, &activity, &events, actor, now, zone).await?;
    Ok(activity)
}

pub async fn reschedule(
    store: &Store,
    id: &str,
    deadline: Timestamp,
    actor: &Id,
    now: Timestamp,
) -> Result<Activity, OpError> {
    let mut activity = get(store, id).await?.ok_or(OpError::NotFound)?;
    activity.reschedule(deadline, actor, now)?;
    save(store, &activity, note(&activity, ActivityEvent::Rescheduled, String::new()), actor, now).await?;
    Ok(activity)
}

/// Passes events on an activity of a deal to the deal's triggers.
async fn report(
    store: &Store,
    activity: &Activity,
    events: &[Event],
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<(), StoreError> {
    if activity.owner.kind != CardKind::Deal {
        return Ok(());
    }
    super::robots::report(store, &activity.owner.id, events, actor, now, zone).await
}

/// Deleting is a recorded action, unlike completing: the history says who
/// removed what.
pub async fn delete(store: &Store, id: &str, actor: &Id, now: Timestamp) -> Result<(), OpError> {
    let activity = get(store, id).await?.ok_or(OpError::NotFound)?;
    let mut gone = activity.clone();
    gone.completion =
        Some(dela_core::activity::Completion { at: now, by: actor.clone(), result: String::new() });
    let mut batch = Batch::default().delete(ACTIVITIES, id);
    if let Some(card) = owner_after(store, &activity.owner, &[&gone]).await? {
        batch = cards::put_any(batch, &card)?;
    }
    let change = note(&activity, ActivityEvent::Deleted, String::new());
    batch.add(HISTORY, &history_entry(activity.owner.clone(), change, actor, now))?.apply(store).await?;
    Ok(())
}

/// Moves activities to another card (a client's reminders into its new
/// deal), keeping both cards' `next_activity` right.
pub async fn move_to(
    store: &Store,
    ids: &[Id],
    target: &CardRef,
    actor: &Id,
    now: Timestamp,
) -> Result<(), OpError> {
    let mut moved = Vec::new();
    for id in ids {
        let mut activity = get(store, id.as_str()).await?.ok_or(OpError::NotFound)?;
        let from = activity.owner.clone();
        activity.move_to(target.clone(), actor, now);
        moved.push((from, activity));
    }
    let changed: Vec<&Activity> = moved.iter().map(|(_, activity)| activity).collect();
    let mut batch = Batch::default();
    let mut owners: Vec<&CardRef> = vec![target];
    for (from, _) in &moved {
        if !owners.contains(&from) {
            owners.push(from);
        }
    }
    for owner in owners {
        if let Some(card) = owner_after(store, owner, &changed).await? {
            batch = cards::put_any(batch, &card)?;
        }
    }
    for (from, activity) in &moved {
        batch = batch.put(ACTIVITIES, activity)?;
        let away = note(activity, ActivityEvent::MovedAway, String::new());
        batch = batch.add(HISTORY, &history_entry(from.clone(), away, actor, now))?;
        let here = note(activity, ActivityEvent::MovedHere, String::new());
        batch = batch.add(HISTORY, &history_entry(target.clone(), here, actor, now))?;
    }
    batch.apply(store).await?;
    Ok(())
}
