//! Custom fields: what an organisation records on its deals, contacts,
//! companies and leads, each of a kind (yes/no, text, number, money, date,
//! list) and, for deals, required from a stage on.

use dela_core::fields::{DefProblem, FieldDef, FieldEntity, FieldKind};
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::components::field::{Select, TextArea, TextField};
use crate::errors::{action_error_text, storage_error_text, ErrorAlert};
use crate::i18n::{problem_text, tr, use_lang, Key, Lang};
use crate::ids::new_id;
use crate::labels::{self, Label};
use crate::session::{use_session, Session};
use crate::store::{automation, ActionError, StoreError};

fn problems_text(lang: Lang, problems: &[DefProblem]) -> String {
    let texts: Vec<String> = problems
        .iter()
        .map(|problem| match problem {
            DefProblem::InvalidName(problem) | DefProblem::InvalidOptionLabel { problem, .. } => {
                problem_text(lang, *problem)
            }
            DefProblem::NoOptions | DefProblem::DuplicateOption(_) | DefProblem::OptionsOnlyForLists => {
                Key::ErrFieldOptions.text(lang).to_owned()
            }
            DefProblem::RequirementOnlyForDeals
            | DefProblem::UnknownStage(_)
            | DefProblem::RequiredFromLostStage(_) => Key::ErrFieldStage.text(lang).to_owned(),
            DefProblem::DuplicateId => Key::ErrPipelineOther.text(lang).to_owned(),
        })
        .collect();
    texts.join(" ")
}

/// "—" and every stage a deal field can be required from, named with its
/// pipeline.
fn stage_options(session: Session) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "—".to_owned())];
    session.pipelines().with(|all| {
        for pipeline in all {
            for stage in pipeline.stages.iter().filter(|s| s.semantic != dela_core::pipeline::Semantic::Lost)
            {
                options.push((stage.id.to_string(), format!("{}: {}", pipeline.name, stage.name)));
            }
        }
    });
    options
}

/// Checks `def` against the other fields and stores it in place of its
/// previous version (or as a new one), checked and written in one
/// transaction; the message to show when refused.
async fn store_def(session: Session, lang: Lang, def: FieldDef) -> Result<(), String> {
    let (store, pipelines) = (session.store(), session.pipelines().get_untracked());
    let saved = automation::change_setup(&store, |setup| {
        let others: Vec<FieldDef> = setup.fields.iter().filter(|f| f.id != def.id).cloned().collect();
        def.check(&others, &pipelines).map_err(ActionError::Refused)?;
        match setup.fields.iter_mut().find(|f| f.id == def.id) {
            Some(stored) => *stored = def,
            None => setup.fields.push(def),
        }
        Ok(())
    });
    match saved.await {
        Ok(setup) => {
            session.setup_saved(setup);
            Ok(())
        }
        Err(failure) => Err(action_error_text(lang, &failure, |problems| problems_text(lang, problems))),
    }
}

#[component]
pub fn FieldsPanel() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let entity = RwSignal::new(FieldEntity::Deal.code().to_owned());
    let kind = RwSignal::new(FieldKind::Text.code().to_owned());
    let name = RwSignal::new(String::new());
    let options = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let entities = Signal::derive(move || labels::options(lang.get(), &FieldEntity::ALL, FieldEntity::code));
    let kinds = Signal::derive(move || labels::options(lang.get(), &FieldKind::ALL, FieldKind::code));
    let stages = Signal::derive(move || stage_options(session));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = clock::now();
        let entity = FieldEntity::from_code(&entity.get_untracked());
        let kind = FieldKind::from_code(&kind.get_untracked());
        let (Some(entity), Some(kind)) = (entity, kind) else { return };
        let mut def = FieldDef::new(new_id(now), entity, &name.get_untracked(), kind);
        if kind == FieldKind::List {
            def.set_option_labels(&options.get_untracked(), || new_id(now));
        }
        def.required_from_stage = Id::parse(&stage.get_untracked()).filter(|_| entity == FieldEntity::Deal);
        spawn_local(async move {
            match store_def(session, lang.get_untracked(), def).await {
                Ok(()) => {
                    error.set(None);
                    name.set(String::new());
                    options.set(String::new());
                }
                Err(text) => error.set(Some(text)),
            }
        });
    };
    let rows = move || {
        session.setup().with(|setup| setup.fields.iter().map(|def| def.id.clone()).collect::<Vec<_>>())
    };
    view! {
        <section class="panel" aria-labelledby="fields-heading">
            <h2 id="fields-heading">{tr(Key::CustomFields)}</h2>
            <For each=rows key=|id| id.clone() children=|id| view! { <FieldRow id /> } />
            <form class="form robots__add" on:submit=add aria-label=tr(Key::AddField)>
                <h3 class="subheading">{tr(Key::AddField)}</h3>
                <ErrorAlert error />
                <div class="field-row">
                    <Select id="field-entity" label=Key::FieldFor value=entity options=entities />
                    <TextField id="field-name" label=Key::FieldName value=name />
                    <Select id="field-kind" label=Key::FieldKind value=kind options=kinds />
                </div>
                <div class="field-row">
                    <TextArea id="field-options" label=Key::FieldOptions value=options />
                    <Select id="field-required" label=Key::RequiredFrom value=stage options=stages />
                </div>
                <button type="submit" class="button button--primary">{tr(Key::AddField)}</button>
            </form>
        </section>
    }
}

/// One field: its name, options and stage requirement edited in place,
/// or deleted (values stay on the cards, unread, should it come back).
#[component]
fn FieldRow(id: Id) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let def = session.setup().with_untracked(|setup| setup.fields.iter().find(|f| f.id == id).cloned())?;
    let name = RwSignal::new(def.name.clone());
    let options = RwSignal::new(def.options.iter().map(|o| o.label.clone()).collect::<Vec<_>>().join("\n"));
    let stage = RwSignal::new(def.required_from_stage.as_ref().map(Id::to_string).unwrap_or_default());
    let status = RwSignal::new(None::<String>);
    let stages = Signal::derive(move || stage_options(session));
    let key = def.id.to_string();
    let (is_list, is_deal) = (def.kind == FieldKind::List, def.entity == FieldEntity::Deal);
    let label = format!("{} · {}", def.name, def.entity.label().text(lang.get_untracked()));
    let stored = StoredValue::new(def.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut def = stored.get_value();
        def.name = name.get_untracked();
        if is_list {
            let now = clock::now();
            def.set_option_labels(&options.get_untracked(), || new_id(now));
        }
        def.required_from_stage = Id::parse(&stage.get_untracked()).filter(|_| is_deal);
        spawn_local(async move {
            let lang = lang.get_untracked();
            let text = match store_def(session, lang, def.clone()).await {
                Ok(()) => {
                    stored.set_value(def);
                    Key::Saved.text(lang).to_owned()
                }
                Err(text) => text,
            };
            status.set(Some(text));
        });
    };
    let delete = move |_| {
        let id = stored.get_value().id;
        spawn_local(async move {
            let store = session.store();
            let deleted = automation::change_setup(&store, |setup| {
                setup.fields.retain(|f| f.id != id);
                Ok::<_, StoreError>(())
            });
            match deleted.await {
                Ok(setup) => session.setup_saved(setup),
                Err(e) => status.set(Some(storage_error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let kind = def.kind.label();
    Some(view! {
        <form class="form stage-row" on:submit=save aria-label=label>
            <div class="field-row">
                <TextField id=format!("field-name-{key}") label=Key::FieldName value=name />
                <span class="tag">{move || kind.text(lang.get())}</span>
                <span class="tag tag--muted">{move || def.entity.label().text(lang.get())}</span>
            </div>
            {is_list.then(|| view! { <TextArea id=format!("field-options-{key}") label=Key::FieldOptions value=options /> })}
            {is_deal.then(|| view! { <Select id=format!("field-required-{key}") label=Key::RequiredFrom value=stage options=stages /> })}
            <div class="form__actions">
                <button type="submit" class="button">{tr(Key::Save)}</button>
                <button type="button" class="button button--danger" on:click=delete>{tr(Key::Delete)}</button>
                <span role="status" class="form__status">{move || status.get()}</span>
            </div>
        </form>
    })
}
