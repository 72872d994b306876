//! Installing the training course's examples: its pipeline with stages,
//! fields, robots and triggers, added to what is there.

use dela_core::robots::examples::{install, Options, Text};
use dela_core::robots::Setup;
use dela_core::Id;

use super::automation::{put_setup, setup};
use super::schema::PIPELINES;
use super::{pipelines, Batch, Store, StoreError};

/// Installs the course's examples, with `reviewer` (the administrator who
/// installs them) setting the review tasks. What is installed already,
/// edited or not, stays as it is. Returns the new setup.
pub async fn install_examples(
    store: &Store,
    text: impl Fn(Text) -> String,
    reviewer: &Id,
) -> Result<Setup, StoreError> {
    let mut setup = setup(store).await?;
    let mut existing = setup.ids();
    existing.extend(pipelines::all(store).await?.into_iter().map(|p| p.id));
    let options = Options { reviewer: Some(reviewer.clone()), unpaid_days: 3 };
    let mut example = install(text, &options, &existing);
    let mut batch = Batch::default();
    if let Some(pipeline) = example.pipeline.take() {
        batch = batch.put(PIPELINES, &pipeline)?;
    }
    setup.add(example);
    put_setup(batch, &setup)?.apply(store).await?;
    Ok(setup)
}
