//! Projects (workgroups) and their feeds.

use dela_core::tasks::feed::Post;
use dela_core::tasks::project::{Project, ProjectDraft, ProjectError};
use dela_core::{Id, Timestamp};

use super::read::{self, only};
use super::schema::{BY_PROJECT, POSTS, PROJECTS};
use super::{ActionError, Batch, Store, StoreError};
use crate::ids::new_id;

pub async fn list(store: &Store) -> Result<Vec<Project>, StoreError> {
    read::all(store, PROJECTS).await
}

pub async fn get(store: &Store, id: &str) -> Result<Option<Project>, StoreError> {
    read::get(store, PROJECTS, id).await
}

pub async fn create(
    store: &Store,
    draft: &ProjectDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Project, ActionError<ProjectError>> {
    let valid = draft.validate().map_err(ActionError::Invalid)?;
    let project = Project::create(new_id(now), valid, actor, now);
    Batch::default().put(PROJECTS, &project)?.apply(store).await?;
    Ok(project)
}

/// Applies a membership change and stores the project.
pub async fn change(
    store: &Store,
    id: &str,
    edit: impl FnOnce(&mut Project) -> Result<(), ProjectError>,
) -> Result<Project, ActionError<ProjectError>> {
    let mut project = get(store, id).await?.ok_or(ActionError::NotFound)?;
    edit(&mut project).map_err(ActionError::Refused)?;
    Batch::default().put(PROJECTS, &project)?.apply(store).await?;
    Ok(project)
}

pub async fn posts(store: &Store, project: &Id) -> Result<Vec<Post>, StoreError> {
    read::in_range(store, POSTS, BY_PROJECT, only(project.as_str()), None).await
}

pub async fn post(
    store: &Store,
    project: &Project,
    actor: &Id,
    text: &str,
    now: Timestamp,
) -> Result<Post, ActionError<ProjectError>> {
    let post = project.post(new_id(now), actor, text, now).map_err(ActionError::Refused)?;
    Batch::default().put(POSTS, &post)?.apply(store).await?;
    Ok(post)
}

pub async fn comment(
    store: &Store,
    project: &Project,
    post: &Id,
    actor: &Id,
    text: &str,
    now: Timestamp,
) -> Result<(), ActionError<ProjectError>> {
    let mut post: Post = read::get(store, POSTS, post.as_str()).await?.ok_or(ActionError::NotFound)?;
    project.comment(&mut post, actor, text, now).map_err(ActionError::Refused)?;
    Batch::default().put(POSTS, &post)?.apply(store).await?;
    Ok(())
}
