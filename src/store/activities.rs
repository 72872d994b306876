//! Activities in IndexedDB, in their cards' pages. Every operation writes,
//! in one transaction, the activity, its card (whose `next_activity` it
//! keeps current) and a line in the card's history.

use dela_core::activity::{Activity, ActivityDraft, ActivityError, Direction};
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::history::{ActivityEvent, Change};
use dela_core::placement::{self, deals_of_client, place, Placement};
use dela_core::record::{CardKind, CardRef};
use dela_core::robots::Event;
use dela_core::timeline::{self, Edit};
use dela_core::zone::Zone;
use dela_core::{Id, Timestamp};
use indexed_db_futures::transaction::Transaction;

use super::cards::{self, history_entry};
use super::read;
use super::schema::{ACTIVITIES, ACTIVITY_PAGES, COMPANIES, CONTACTS, DEALS, HISTORY, INVOICES, LEADS};
use super::{companies, contacts, pages, users, ActionError, Batch, Store, StoreError};
use crate::ids::new_id;

/// Why the rules refuse an action on an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityRefused {
    /// A completed activity is kept as it was done.
    AlreadyCompleted,
}

/// The core's refusal of a change, as store operations report it: its field
/// errors as `Invalid`, the rest as the reason.
impl From<ActivityError> for ActionError<ActivityRefused> {
    fn from(error: ActivityError) -> Self {
        match error {
            ActivityError::AlreadyCompleted => Self::Refused(ActivityRefused::AlreadyCompleted),
            ActivityError::Invalid(errors) => Self::Invalid(errors),
        }
    }
}

/// A card's activities: open ones first by deadline, then completed ones,
/// newest first, as the card's timeline shows them.
pub async fn of_card(store: &Store, card: &CardRef) -> Result<Vec<Activity>, StoreError> {
    Ok(pages::timeline(store, card).await?.ordered())
}

/// Stores many activities as they are, one transaction per run of cards:
/// what a first download or an import does. Their cards' `next_activity`
/// is not recomputed: such cards arrive with their own.
pub async fn put_many(store: &Store, activities: Vec<Activity>) -> Result<(), StoreError> {
    for run in timeline::by_card(activities).chunks_mut(CARDS_PER_TRANSACTION) {
        let mut batch = Batch::default();
        for (_, activities) in run {
            for activity in activities.drain(..) {
                batch = batch.edit_pages(Edit::Put(activity));
            }
        }
        batch.apply(store).await?;
    }
    Ok(())
}

/// Cards per transaction of [`put_many`]: tens of thousands of activities,
/// so that the browser stores pages while the next are encoded (see
/// `Batch::apply`), and memory stays bounded for larger imports.
const CARDS_PER_TRANSACTION: usize = 10_000;

/// Moves activities written by schemas 2 to 4, one record each, into their
/// cards' pages. Runs at every opening and costs one empty read once done;
/// the records are deleted by the transaction that writes their pages, so
/// an interrupted move is simply done again.
pub async fn adopt_legacy(store: &Store) -> Result<(), StoreError> {
    let legacy: Vec<Activity> = read::all(store, ACTIVITIES).await?;
    let mut batch = Batch::default();
    for activity in legacy {
        batch = batch.delete(ACTIVITIES, activity.id.as_str()).edit_pages(Edit::Put(activity));
    }
    batch.apply(store).await
}

/// The deals in progress of the client `target` (none for other cards).
async fn client_deals_in(tx: &Transaction<'_>, target: &CardRef) -> Result<Vec<Deal>, StoreError> {
    let (contact, deals) = match target.kind {
        CardKind::Contact => {
            let contact = cards::get_in::<Contact>(tx, target.id.as_str()).await?;
            let mut deals = contacts::deals_in(tx, &target.id).await?;
            for company in contact.iter().flat_map(|c| c.companies.iter()) {
                for deal in companies::deals_in(tx, company).await? {
                    if !deals.iter().any(|known| known.id == deal.id) {
                        deals.push(deal);
                    }
                }
            }
            (contact, deals)
        }
        CardKind::Company => (None, companies::deals_in(tx, &target.id).await?),
        _ => return Ok(Vec::new()),
    };
    Ok(deals_of_client(target, contact.as_ref(), &deals).into_iter().cloned().collect())
}

/// Where an activity asked for on `target` goes by the card hierarchy rule.
pub async fn placement(store: &Store, target: &CardRef) -> Result<Placement, StoreError> {
    let deals = client_deals_in(&read::readonly_over(store, &[CONTACTS, DEALS])?, target).await?;
    Ok(place(target, &deals.iter().collect::<Vec<_>>()))
}

fn note(activity: &Activity, event: ActivityEvent, detail: String) -> Change {
    Change::Activity { event, subject: activity.subject.clone(), detail }
}

/// The activity `id` of `owner`.
async fn find(store: &Store, owner: &CardRef, id: &str) -> Result<Activity, ActionError<ActivityRefused>> {
    let timeline = pages::timeline(store, owner).await?;
    Id::parse(id).and_then(|id| timeline.get(&id).cloned()).ok_or(ActionError::NotFound)
}

/// Writes `activity` with a line in its card's history; the batch keeps
/// the card's `next_activity`.
async fn save(
    store: &Store,
    activity: &Activity,
    change: Change,
    actor: &Id,
    now: Timestamp,
) -> Result<(), ActionError<ActivityRefused>> {
    saved(activity, change, actor, now)?.apply(store).await?;
    Ok(())
}

/// The activity written into its card's pages with its history line.
fn saved(activity: &Activity, change: Change, actor: &Id, now: Timestamp) -> Result<Batch, StoreError> {
    Batch::default()
        .edit(Edit::Put(activity.clone()))
        .add(HISTORY, &history_entry(activity.owner.clone(), change, actor, now))
}

/// What planning an activity reads and writes: the client's cards and
/// deals, any owner card, its pages, the history.
const PLACED: [&str; 7] = [COMPANIES, CONTACTS, DEALS, LEADS, INVOICES, ACTIVITY_PAGES, HISTORY];

/// Plans (or logs) an activity asked for on `proposed`, which the card
/// hierarchy rule may send to the client's deal or refuse until a deal is
/// named (see [`placement::owner`]). An incoming call, e-mail or chat on a
/// deal is an event for the deal's triggers.
pub async fn add(
    store: &Store,
    proposed: CardRef,
    draft: &ActivityDraft,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Activity, ActionError<ActivityRefused>> {
    // Users are references, checked before; the client's deals and the
    // owner are read where the activity is written, so a deal opened or
    // closed meanwhile decides the owner it should.
    let valid = draft.validate(&users::ids(store).await?);
    let activity = store
        .update(&PLACED, async |tx| {
            let deals = client_deals_in(tx, &proposed).await?;
            let owner = placement::owner(&proposed, &deals.iter().collect::<Vec<_>>());
            let (valid, owner) = match (valid, owner) {
                (Ok(valid), Ok(owner)) => (valid, owner),
                (valid, owner) => {
                    let mut errors = valid.err().unwrap_or_default();
                    errors.0.extend(owner.err().unwrap_or_default().0);
                    return Err(ActionError::Invalid(errors));
                }
            };
            if !cards::exists_in(tx, &owner).await? {
                return Err(ActionError::NotFound);
            }
            let activity = Activity::create(new_id(now), owner, valid, actor, now);
            let batch = saved(&activity, note(&activity, ActivityEvent::Planned, String::new()), actor, now)?;
            Ok((activity, batch))
        })
        .await?;
    if activity.direction == Direction::Incoming {
        report(store, &activity, &[Event::Incoming(activity.kind)], actor, now, zone).await?;
    }
    Ok(activity)
}

/// Completes an activity of `owner` with its result: an event for the
/// deal's triggers, and answering an incoming one takes the client's
/// conversation into work.
pub async fn complete(
    store: &Store,
    owner: &CardRef,
    id: &str,
    result: &str,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Activity, ActionError<ActivityRefused>> {
    let mut activity = find(store, owner, id).await?;
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
    owner: &CardRef,
    id: &str,
    deadline: Timestamp,
    actor: &Id,
    now: Timestamp,
) -> Result<Activity, ActionError<ActivityRefused>> {
    let mut activity = find(store, owner, id).await?;
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
pub async fn delete(
    store: &Store,
    owner: &CardRef,
    id: &str,
    actor: &Id,
    now: Timestamp,
) -> Result<(), ActionError<ActivityRefused>> {
    let activity = find(store, owner, id).await?;
    let change = note(&activity, ActivityEvent::Deleted, String::new());
    Batch::default()
        .edit(Edit::Remove { owner: owner.clone(), id: activity.id.clone() })
        .add(HISTORY, &history_entry(owner.clone(), change, actor, now))?
        .apply(store)
        .await?;
    Ok(())
}

/// Moves activities to another card (a client's reminders into its new
/// deal); the batch keeps every card's `next_activity`.
pub async fn move_to(
    store: &Store,
    activities: &[Activity],
    target: &CardRef,
    actor: &Id,
    now: Timestamp,
) -> Result<(), ActionError<ActivityRefused>> {
    let mut batch = Batch::default();
    for activity in activities {
        let from = activity.owner.clone();
        let mut moved = activity.clone();
        moved.move_to(target.clone(), actor, now);
        let away = note(activity, ActivityEvent::MovedAway, String::new());
        let here = note(activity, ActivityEvent::MovedHere, String::new());
        batch = batch
            .edit(Edit::Remove { owner: from.clone(), id: activity.id.clone() })
            .edit(Edit::Put(moved))
            .add(HISTORY, &history_entry(from, away, actor, now))?
            .add(HISTORY, &history_entry(target.clone(), here, actor, now))?;
    }
    batch.apply(store).await?;
    Ok(())
}
