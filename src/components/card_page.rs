//! The frame of every card page: a heading with Edit and Delete, a
//! confirmation before deleting, and the card's activities and history.

use std::future::Future;

use dela_core::record::{CardKind, CardRef};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::activity::ActivityPanel;
use super::history::HistoryPanel;
use super::tasks::TasksPanel;
use crate::errors::StorageAlert;
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::StoreError;

/// The question before deleting a card of `kind`.
fn delete_question(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::DeleteCompanyQuestion,
        CardKind::Contact => Key::DeleteContactQuestion,
        CardKind::Deal => Key::DeleteDealQuestion,
        CardKind::Lead => Key::DeleteLeadQuestion,
        CardKind::Invoice => Key::DeleteInvoiceQuestion,
    }
}

#[component]
pub fn CardFrame<D, Fut>(
    title: String,
    /// The card shown: where Edit leads and where a deleted card's page
    /// goes follow from it, by the route table.
    card: CardRef,
    /// Deletes the card (and records it).
    delete: D,
    /// Actions of this kind of card, beside Edit.
    #[prop(optional, into)]
    actions: Option<ViewFn>,
    children: Children,
) -> impl IntoView
where
    D: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = Result<(), StoreError>> + 'static,
{
    let session = use_session();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let (card_kind, question) = (card.kind, delete_question(card.kind));
    let error = RwSignal::new(None::<StoreError>);
    let delete = StoredValue::new_local(delete);
    let navigate = StoredValue::new_local(navigate);
    let confirm_delete = move |_| {
        let (delete, navigate) = (delete.get_value(), navigate.get_value());
        spawn_local(async move {
            match delete().await {
                Ok(()) => {
                    session.changed();
                    navigate(routes::list(card_kind), Default::default());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    view! {
        <div class="page__head">
            <h1>{title}</h1>
            <div class="page__actions">
                {actions.map(|actions| actions.run())}
                <A href=routes::edit(card.kind, &card.id) attr:class="button">{tr(Key::Edit)}</A>
                <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>{tr(Key::Delete)}</button>
            </div>
        </div>
        <Show when=move || confirming.get()>
            <div class="alert alert--warning" role="alertdialog" aria-labelledby="delete-question">
                <p id="delete-question">{tr(question)}</p>
                <button type="button" class="button button--danger" on:click=confirm_delete>{tr(Key::ConfirmDelete)}</button>
                <button type="button" class="button" on:click=move |_| confirming.set(false)>{tr(Key::Cancel)}</button>
            </div>
        </Show>
        {move || error.get().map(|error| view! { <StorageAlert error /> })}
        {children()}
        <div class="card-panels">
            <ActivityPanel card=card.clone() />
            <TasksPanel card=card.clone() />
        </div>
        <HistoryPanel card />
    }
}

/// One fact of a card: a term and its value, left out when empty.
#[component]
pub fn Fact(label: Key, #[prop(into)] value: String) -> impl IntoView {
    (!value.is_empty()).then(|| {
        view! {
            <dt>{tr(label)}</dt>
            <dd class="prewrap">{value}</dd>
        }
    })
}

/// A card page's content: loading, a storage failure, a missing card (each
/// under the section's heading, so the page always has one), or the card.
pub fn card_or_state<T>(
    section: Key,
    loaded: Option<Result<Option<T>, StoreError>>,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match loaded {
        None => super::load::loading(),
        Some(Err(error)) => view! {
            <h1>{tr(section)}</h1>
            <StorageAlert error />
        }
        .into_any(),
        Some(Ok(None)) => view! {
            <h1>{tr(section)}</h1>
            <p role="alert" class="alert">{tr(Key::CardNotFound)}</p>
        }
        .into_any(),
        Some(Ok(Some(card))) => show(card),
    }
}
