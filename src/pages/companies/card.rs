//! A company's card: its fields, edit and delete, and its history.

use std::collections::HashMap;

use dela_core::company::Company;
use dela_core::contact_point::{ContactPoint, PointKind};
use dela_core::history::{Change, HistoryEntry};
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::app::storage_error_text;
use crate::clock;
use crate::components::load::{load, loading};
use crate::components::time::format_instant;
use crate::i18n::{tr, use_lang, Key, Lang};
use crate::session::use_session;
use crate::store::{companies, history, users, StoreError};

pub fn kind_key(kind: PointKind) -> Key {
    match kind {
        PointKind::Work => Key::KindWork,
        PointKind::Mobile => Key::KindMobile,
        PointKind::Home => Key::KindHome,
        PointKind::Other => Key::KindOther,
    }
}

/// The label of a field named in history.
fn field_key(field: &str) -> Option<Key> {
    Some(match field {
        "title" => Key::Title,
        "phones" => Key::Phone,
        "emails" => Key::Email,
        "responsible" => Key::Responsible,
        "comments" => Key::Comments,
        _ => return None,
    })
}

#[derive(Clone)]
struct CardData {
    company: Option<Company>,
    history: Vec<HistoryEntry>,
    names: HashMap<Id, String>,
}

async fn fetch_card(store: crate::store::Store, id: String) -> Result<CardData, StoreError> {
    let company = companies::get(&store, &id).await?;
    let names = users::list(&store).await?.into_iter().map(|user| (user.id, user.name)).collect();
    let history = match &company {
        Some(company) => history::for_card(&store, &company.card()).await?,
        None => Vec::new(),
    };
    Ok(CardData { company, history, names })
}

#[component]
pub fn CompanyCardPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = load(move || {
        session.track();
        fetch_card(session.store(), id())
    });
    view! {
        {move || match data.get() {
            None => loading(),
            Some(result) => match result {
                Err(error) => view! {
                    <h1>{tr(Key::Companies)}</h1>
                    <p role="alert" class="alert alert--error">{storage_error_text(lang.get(), &error)}</p>
                }.into_any(),
                Ok(CardData { company: None, .. }) => view! {
                    <h1>{tr(Key::Companies)}</h1>
                    <p role="alert" class="alert">{tr(Key::CompanyNotFound)}</p>
                }.into_any(),
                Ok(CardData { company: Some(company), history, names }) => view! {
                    <CompanyCard company history names />
                }.into_any(),
            },
        }}
    }
}

fn points(points: Vec<ContactPoint>, lang: RwSignal<Lang>) -> impl IntoView {
    points
        .into_iter()
        .map(|point| {
            let kind = kind_key(point.kind);
            view! { <li>{point.value}" "<span class="muted">"(" {move || kind.text(lang.get())} ")"</span></li> }
        })
        .collect_view()
}

#[component]
fn CompanyCard(company: Company, history: Vec<HistoryEntry>, names: HashMap<Id, String>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<StoreError>);
    let responsible = names.get(&company.responsible).cloned().unwrap_or_default();
    let edit_href = format!("/companies/{}/edit", company.id);

    let to_delete = StoredValue::new(company.clone());
    let delete = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let actor = session.user.get_untracked().id;
            match companies::delete(&session.store(), &to_delete.get_value(), &actor, clock::now()).await {
                Ok(()) => {
                    session.changed();
                    navigate("/companies", Default::default());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };

    view! {
        <div class="page__head">
            <h1>{company.title.clone()}</h1>
            <div class="page__actions">
                <A href=edit_href attr:class="button">{tr(Key::Edit)}</A>
                <button class="button button--danger" on:click=move |_| confirming.set(true)>{tr(Key::Delete)}</button>
            </div>
        </div>
        <Show when=move || confirming.get()>
            <div class="alert alert--warning" role="alertdialog" aria-labelledby="delete-question">
                <p id="delete-question">{tr(Key::DeleteQuestion)}</p>
                <button class="button button--danger" on:click=delete.clone()>{tr(Key::ConfirmDelete)}</button>
                <button class="button" on:click=move |_| confirming.set(false)>{tr(Key::Cancel)}</button>
            </div>
        </Show>
        {move || error.get().map(|e| view! { <p role="alert" class="alert alert--error">{storage_error_text(lang.get(), &e)}</p> })}
        <section class="panel">
            <dl class="facts">
                <dt>{tr(Key::Phone)}</dt>
                <dd><ul class="plain">{points(company.phones, lang)}</ul></dd>
                <dt>{tr(Key::Email)}</dt>
                <dd><ul class="plain">{points(company.emails, lang)}</ul></dd>
                <dt>{tr(Key::Responsible)}</dt>
                <dd>{responsible}</dd>
                <dt>{tr(Key::Comments)}</dt>
                <dd class="prewrap">{company.comments}</dd>
            </dl>
        </section>
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">{tr(Key::History)}</h2>
            <HistoryList history names />
        </section>
    }
}

#[component]
fn HistoryList(history: Vec<HistoryEntry>, names: HashMap<Id, String>) -> impl IntoView {
    let lang = use_lang();
    if history.is_empty() {
        return view! { <p class="muted">{tr(Key::HistoryEmpty)}</p> }.into_any();
    }
    let items = history
        .into_iter()
        .map(|entry| {
            let who = names.get(&entry.by).cloned().unwrap_or_else(|| entry.by.to_string());
            let at = entry.at;
            let what = match entry.change {
                Change::Created => view! { <span>{tr(Key::HistoryCreated)}</span> }.into_any(),
                Change::Deleted => view! { <span>{tr(Key::HistoryDeleted)}</span> }.into_any(),
                Change::Updated { fields } => view! {
                    <span>{tr(Key::HistoryChanged)}</span>
                    <ul class="plain changes">
                        {fields.into_iter().map(|change| {
                            let shown = |value: String| match change.field.as_str() {
                                "responsible" => Id::parse(&value).and_then(|id| names.get(&id).cloned()).unwrap_or(value),
                                _ => value,
                            };
                            let (before, after) = (shown(change.before), shown(change.after));
                            let label = field_key(&change.field);
                            view! {
                                <li>
                                    <span class="muted">{move || label.map_or(change.field.clone(), |key| key.text(lang.get()).to_owned())}": "</span>
                                    <del>{before}</del>" → "<ins>{after}</ins>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            };
            view! {
                <li class="history__item">
                    <time class="muted">{move || format_instant(at, lang.get())}</time>" "
                    <strong>{who}</strong>" "
                    {what}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="history plain">{items}</ol> }.into_any()
}
