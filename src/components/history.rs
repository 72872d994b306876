//! A card's audit history: who created, changed or deleted it, and what
//! happened to its activities, newest first.

use dela_core::history::{Change, HistoryEntry};
use dela_core::record::CardRef;
use dela_core::Id;
use leptos::prelude::*;

use super::load::{load, loading};
use super::time::format_instant;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::session::{use_session, Session};
use crate::store::history;

/// The label of a field named in history.
fn field_key(field: &str) -> Option<Key> {
    Some(match field {
        "title" => Key::Title,
        "phones" => Key::Phone,
        "emails" => Key::Email,
        "messengers" => Key::Messenger,
        "responsible" => Key::Responsible,
        "comments" => Key::Comments,
        "first_name" => Key::FirstName,
        "last_name" => Key::LastName,
        "position" => Key::Position,
        "companies" | "company" => Key::Company,
        "contacts" | "contact" => Key::Contacts,
        "stage" => Key::Stage,
        "amount" => Key::Amount,
        "status" => Key::Status,
        "number" => Key::Number,
        "due" => Key::DueDate,
        "deal" => Key::Deal,
        "source" => Key::Source,
        "company_title" => Key::CompanyTitle,
        "subject" => Key::Subject,
        "description" => Key::Description,
        "deadline" => Key::Deadline,
        _ => return None,
    })
}

/// A stored value as people read it: users by name, stages by name.
fn shown(session: &Session, field: &str, value: String) -> String {
    match field {
        "responsible" => Id::parse(&value).map(|id| session.name_of(&id)).unwrap_or(value),
        "stage" => Id::parse(&value).and_then(|id| session.stage(&id)).map(|s| s.name).unwrap_or(value),
        _ => value,
    }
}

#[component]
pub fn HistoryPanel(card: CardRef) -> impl IntoView {
    let session = use_session();
    let entries = load(move || {
        session.track();
        let (store, card) = (session.store(), card.clone());
        async move { history::for_card(&store, &card).await }
    });
    view! {
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">{tr(Key::History)}</h2>
            {move || match entries.get() {
                None => loading(),
                Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
                Some(Ok(entries)) if entries.is_empty() => view! { <p class="muted">{tr(Key::HistoryEmpty)}</p> }.into_any(),
                Some(Ok(entries)) => view! {
                    <ol class="history plain">{entries.into_iter().map(|entry| view! { <HistoryItem entry /> }).collect_view()}</ol>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn HistoryItem(entry: HistoryEntry) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let who = session.name_of(&entry.by);
    let at = entry.at;
    let what = match entry.change {
        Change::Created => view! { <span>{tr(Key::HistoryCreated)}</span> }.into_any(),
        Change::Deleted => view! { <span>{tr(Key::HistoryDeleted)}</span> }.into_any(),
        Change::Activity { event, subject, detail } => {
            let key = event.label();
            view! {
                <span>{tr(key)}" «"{subject}"»"</span>
                {(!detail.is_empty()).then(|| view! { <span class="muted">": "{detail}</span> })}
            }
            .into_any()
        }
        Change::Updated { fields } => view! {
            <span>{tr(Key::HistoryChanged)}</span>
            <ul class="plain changes">
                {fields.into_iter().map(|change| {
                    let before = shown(&session, &change.field, change.before);
                    let after = shown(&session, &change.field, change.after);
                    let label = field_key(&change.field);
                    let field = change.field;
                    view! {
                        <li>
                            <span class="muted">{move || label.map_or(field.clone(), |key| key.text(lang.get()).to_owned())}": "</span>
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
}
