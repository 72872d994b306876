//! What an edit on the automation pages did: one alert when it was refused,
//! and on success pipelines and the setup reloaded into the session. Shared
//! by the pipelines page and its robot and trigger forms.

use dela_core::pipeline::PipelineError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::errors::pipeline_error_text;
use crate::i18n::Lang;
use crate::session::Session;
use crate::store::pipelines;
use crate::store::{automation, ActionError, StoreError};

/// The page's one place for what an edit did: an alert when refused.
#[derive(Clone, Copy)]
pub struct Outcome {
    pub error: RwSignal<Option<String>>,
}

impl Outcome {
    /// Runs a store edit; on success reloads pipelines and the setup into
    /// the session so every page sees the change.
    pub fn run<F>(self, session: Session, lang: RwSignal<Lang>, edit: F)
    where
        F: std::future::Future<Output = Result<(), ActionError<PipelineError>>> + 'static,
    {
        spawn_local(async move {
            let result = match edit.await {
                Ok(()) => reload(session).await.map_err(ActionError::Store),
                Err(error) => Err(error),
            };
            self.error.set(result.err().map(|error| pipeline_error_text(lang.get_untracked(), &error)));
        });
    }
}

async fn reload(session: Session) -> Result<(), StoreError> {
    let store = session.store();
    session.pipelines_saved(pipelines::all(&store).await?);
    session.setup_saved(automation::setup(&store).await?);
    session.changed();
    Ok(())
}
