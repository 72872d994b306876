//! Views a user saved on My activities, in their order.

use std::convert::Infallible;

use dela_core::saved_view::{reorder, Filter, SavedView};
use dela_core::{Id, Timestamp};

use super::read::{self, only};
use super::schema::{VIEWS, VIEWS_BY_OWNER};
use super::{ActionError, Batch, Store, StoreError};
use crate::ids::new_id;

pub async fn of_user(store: &Store, user: &Id) -> Result<Vec<SavedView>, StoreError> {
    let mut views: Vec<SavedView> =
        read::in_range(store, VIEWS, VIEWS_BY_OWNER, only(user.as_str()), None).await?;
    dela_core::sort::sort_by_key(&mut views, |view| view.position);
    Ok(views)
}

/// Saves a new view at the end of the user's list, or an edited one; only
/// its name and filter can be wrong, nothing refuses it.
pub async fn save(
    store: &Store,
    owner: &Id,
    id: Option<&Id>,
    name: &str,
    filter: Filter,
    now: Timestamp,
) -> Result<SavedView, ActionError<Infallible>> {
    let name = dela_core::saved_view::validate(name, &filter).map_err(ActionError::Invalid)?;
    let existing = of_user(store, owner).await?;
    let position = match id.and_then(|id| existing.iter().find(|view| &view.id == id)) {
        Some(view) => view.position,
        None => existing.len() as u32,
    };
    let view = SavedView {
        id: id.cloned().unwrap_or_else(|| new_id(now)),
        owner: owner.clone(),
        name,
        position,
        filter,
    };
    Batch::default().put(VIEWS, &view)?.apply(store).await?;
    Ok(view)
}

pub async fn delete(store: &Store, id: &Id) -> Result<(), StoreError> {
    Batch::default().delete(VIEWS, id.as_str()).apply(store).await
}

/// Moves a view to `position` and renumbers the user's views, in one
/// transaction.
pub async fn move_view(
    store: &Store,
    owner: &Id,
    id: &Id,
    position: usize,
) -> Result<Vec<SavedView>, StoreError> {
    let mut views = of_user(store, owner).await?;
    reorder(&mut views, id, position);
    let mut batch = Batch::default();
    for view in &views {
        batch = batch.put(VIEWS, view)?;
    }
    batch.apply(store).await?;
    Ok(views)
}
