//! Adding a trigger to a stage: on an event of a deal (an incoming call,
//! e-mail or chat, the client taken into work, an activity completed, an
//! invoice paid, a field set to a value) the deal moves to the stage,
//! forward only.

use dela_core::activity::ActivityKind;
use dela_core::fields::FieldEntity;
use dela_core::pipeline::Pipeline;
use dela_core::robots::{Trigger, When};
use dela_core::Id;
use leptos::prelude::*;

use super::outcome::Outcome;
use crate::clock;
use crate::components::field::{Select, TextField};
use crate::i18n::{tr, use_lang, Key};
use crate::ids::new_id;
use crate::labels::Label;
use crate::session::use_session;
use crate::store::{automation, StoreError};

/// The incoming activities a trigger waits for, offered by their codes.
const INCOMING: [ActivityKind; 3] = [ActivityKind::Call, ActivityKind::Email, ActivityKind::Chat];

/// The select values of the other events (a form's choice, not a stored
/// value: the trigger stores its `When`).
const TAKEN: &str = "taken";
const COMPLETED: &str = "completed";
const PAID: &str = "paid";
const FIELD_SET: &str = "field";

/// A trigger: on this event the deal moves to the chosen stage (forward
/// only).
#[component]
pub fn AddTrigger(pipeline: Pipeline, outcome: Outcome) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let stage = RwSignal::new(pipeline.stages.get(1).map(|s| s.id.to_string()).unwrap_or_default());
    let stage_options: Vec<(String, String)> =
        pipeline.stages.iter().map(|s| (s.id.to_string(), s.name.clone())).collect();
    let stages = Signal::derive(move || stage_options.clone());
    let event = RwSignal::new(TAKEN.to_owned());
    let events = Signal::derive(move || {
        let lang = lang.get();
        let incoming =
            |kind: ActivityKind| Key::TrigIncoming.text(lang).replace("{kind}", kind.label().text(lang));
        let mut events = vec![(TAKEN.to_owned(), Key::TrigTaken.text(lang).to_owned())];
        events.extend(INCOMING.map(|kind| (kind.code().to_owned(), incoming(kind))));
        events.extend([
            (COMPLETED.to_owned(), Key::TrigCompleted.text(lang).to_owned()),
            (PAID.to_owned(), Key::TrigPaid.text(lang).to_owned()),
            (FIELD_SET.to_owned(), Key::TrigFieldSet.text(lang).to_owned()),
        ]);
        events
    });
    let field = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let fields: Signal<Vec<(String, String)>> = Signal::derive(move || {
        session.setup().with(|setup| {
            setup.fields_of(FieldEntity::Deal).into_iter().map(|def| (def.id.to_string(), def.name)).collect()
        })
    });
    let pipeline_id = pipeline.id.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let when = match event.get_untracked().as_str() {
            COMPLETED => When::ActivityCompleted(None),
            PAID => When::InvoicePaid,
            FIELD_SET => {
                let chosen = Some(field.get_untracked())
                    .filter(|f| !f.is_empty())
                    .or_else(|| fields.with_untracked(|list| list.first().map(|f| f.0.clone())));
                let parsed = chosen.and_then(|f| Id::parse(&f)).map(|field| {
                    session.setup().with_untracked(|setup| {
                        When::field_set(&setup.fields, &field, &value.get_untracked())
                    })
                });
                match parsed {
                    Some(Ok(when)) => when,
                    _ => {
                        outcome.error.set(Some(Key::ErrCondition.text(lang.get_untracked()).to_owned()));
                        return;
                    }
                }
            }
            code => ActivityKind::from_code(code)
                .filter(|kind| INCOMING.contains(kind))
                .map_or(When::TakenIntoWork, When::Incoming),
        };
        let Some(stage) = Id::parse(&stage.get_untracked()) else { return };
        let trigger = Trigger {
            id: new_id(clock::now()),
            pipeline: pipeline_id.clone(),
            stage,
            when,
            allow_backwards: false,
        };
        outcome.run(session, lang, async move {
            automation::change_setup(&session.store(), |setup| {
                setup.triggers.push(trigger);
                Ok::<_, StoreError>(())
            })
            .await?;
            Ok(())
        });
    };
    view! {
        <form class="form robots__add" on:submit=add aria-label=tr(Key::AddTrigger)>
            <h3 class="subheading">{tr(Key::AddTrigger)}</h3>
            <div class="field-row">
                <Select id="trigger-event" label=Key::TriggerEvent value=event options=events />
                <Select id="trigger-stage" label=Key::TriggerStage value=stage options=stages />
            </div>
            <Show when=move || event.get() == "field">
                <div class="field-row">
                    <Select id="trigger-field" label=Key::TriggerField value=field options=fields />
                    <TextField id="trigger-value" label=Key::TriggerValue value=value />
                </div>
            </Show>
            <button type="submit" class="button">{tr(Key::AddTrigger)}</button>
        </form>
    }
}
