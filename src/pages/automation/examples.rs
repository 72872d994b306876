//! Settings' one-click install of the training course's automation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::errors::storage_error_text;
use crate::i18n::{example_text, tr, use_lang, Key};
use crate::session::use_session;
use crate::store::{examples, pipelines};

#[component]
pub fn ExamplesPanel() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let install = move |_| {
        busy.set(true);
        spawn_local(async move {
            let store = session.store();
            let language = lang.get_untracked();
            let installed = async {
                let setup =
                    examples::install_examples(&store, |text| example_text(language, text), &session.me())
                        .await?;
                Ok::<_, crate::store::StoreError>((setup, pipelines::all(&store).await?))
            };
            let text = match installed.await {
                Ok((setup, all)) => {
                    session.setup_saved(setup);
                    session.pipelines_saved(all);
                    session.changed();
                    Key::ExamplesInstalled.text(language).to_owned()
                }
                Err(error) => storage_error_text(language, &error),
            };
            busy.set(false);
            status.set(Some(text));
        });
    };
    view! {
        <section class="panel" aria-labelledby="automation-heading">
            <h2 id="automation-heading">{tr(Key::Automation)}</h2>
            <p class="muted">{tr(Key::AutomationHelp)}</p>
            <div class="form__actions">
                <button type="button" class="button" on:click=install disabled=move || busy.get()>{tr(Key::InstallExamples)}</button>
                <span role="status" class="form__status">{move || status.get()}</span>
            </div>
            <p><A href="/pipelines">{tr(Key::PipelinesAndRobots)}</A>" · "<A href="/outbox">{tr(Key::Outbox)}</A></p>
        </section>
    }
}
