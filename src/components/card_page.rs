//! The card pages' kit: the route of a card (what it shows loaded for the
//! id in the URL, or why there is nothing to show), the frame of every card
//! page, the sections of linked cards, and one fact of a card.

use std::future::Future;

use dela_core::record::CardRef;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::activity::ActivityPanel;
use super::history::HistoryPanel;
use super::load::{load, loading};
use super::tasks::TasksPanel;
use crate::clock;
use crate::errors::StorageAlert;
use crate::i18n::{tr, Key};
use crate::labels::{delete_question, new_card_key, section_key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards::{self, Stored};
use crate::store::{Store, StoreError};

/// The id in the URL, read when called: a link from one card to another
/// keeps the page and changes only the id, and the page must follow.
pub fn url_id() -> impl Fn() -> String + Copy + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(routes::ID).unwrap_or_default())
}

/// That the card asked for is not there (deleted, or a wrong link).
#[component]
pub fn CardNotFound() -> impl IntoView {
    view! { <p role="alert" class="alert">{tr(Key::CardNotFound)}</p> }
}

/// The page of one card (or task, or project): what `fetch` finds for the
/// id in the URL, loaded again after every write, drawn by `show` (as a
/// component is: untracked, so only a reload redraws it). Loading, a
/// storage failure and a missing card each stand under `section`'s heading,
/// so the page always has one.
pub fn card_route<T, Fut, V>(
    section: Key,
    fetch: impl Fn(Store, String) -> Fut + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Option<T>, StoreError>> + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    let id = url_id();
    let loaded = load(move || {
        session.track();
        fetch(session.store(), id())
    });
    move || match loaded.get() {
        None => loading(),
        Some(Err(error)) => view! {
            <h1>{tr(section)}</h1>
            <StorageAlert error />
        }
        .into_any(),
        Some(Ok(None)) => view! {
            <h1>{tr(section)}</h1>
            <CardNotFound />
        }
        .into_any(),
        Some(Ok(Some(card))) => untrack(|| show(card).into_any()),
    }
}

/// What the page of a card that shows nothing linked to it loads: the card
/// of `T` with the id.
pub async fn fetch_card<T: Stored>(store: Store, id: String) -> Result<Option<T>, StoreError> {
    cards::get::<T>(&store, &id).await
}

/// The frame of every card page: a heading with Edit and Delete, a
/// confirmation before deleting, the card's facts and sections, and its
/// activities, tasks and history. Where Edit leads and where a deleted
/// card's page goes follow from the card's reference, by the route table.
#[component]
pub fn CardFrame<T: Stored + Send + Sync>(
    title: String,
    /// The card shown, and deleted by Delete.
    record: T,
    /// Actions of this kind of card, beside Edit.
    actions: AnyView,
    /// Sections of this kind of card, after its facts.
    #[prop(optional)]
    sections: Option<AnyView>,
    /// The card's facts: `<dt>`/`<dd>` pairs, see [`Fact`].
    children: Children,
) -> impl IntoView {
    let session = use_session();
    let card = record.card();
    let kind = card.kind;
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<StoreError>);
    let record = StoredValue::new(record);
    let navigate = StoredValue::new_local(use_navigate());
    let confirm_delete = move |_| {
        let (store, record, navigate) = (session.store(), record.get_value(), navigate.get_value());
        spawn_local(async move {
            match cards::delete(&store, &record, &session.me(), clock::now()).await {
                Ok(()) => {
                    session.changed();
                    navigate(routes::list(kind), Default::default());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    view! {
        <div class="page__head">
            <h1>{title}</h1>
            <div class="page__actions">
                {actions}
                <A href=routes::edit(kind, &card.id) attr:class="button">{tr(Key::Edit)}</A>
                <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>{tr(Key::Delete)}</button>
            </div>
        </div>
        <Show when=move || confirming.get()>
            <div class="alert alert--warning" role="alertdialog" aria-labelledby="delete-question">
                <p id="delete-question">{tr(delete_question(kind))}</p>
                <button type="button" class="button button--danger" on:click=confirm_delete>{tr(Key::ConfirmDelete)}</button>
                <button type="button" class="button" on:click=move |_| confirming.set(false)>{tr(Key::Cancel)}</button>
            </div>
        </Show>
        {move || error.get().map(|error| view! { <StorageAlert error /> })}
        <section class="panel">
            <dl class="facts">{children()}</dl>
        </section>
        {sections}
        <div class="card-panels">
            <ActivityPanel card=card.clone() />
            <TasksPanel card=card.clone() />
        </div>
        <HistoryPanel card />
    }
}

/// A card's section of the cards of one kind linked to it: a link to each,
/// and with `offer_new`, the button for a new one linked to this card.
#[component]
pub fn LinkedCards<T: Stored + Send + Sync>(
    owner: CardRef,
    cards: Vec<T>,
    #[prop(optional)] offer_new: bool,
) -> impl IntoView {
    let kind = T::KIND;
    let heading_id = format!("{}-{}", owner.kind.code(), routes::section(kind));
    let heading = view! { <h2 id=heading_id.clone()>{tr(section_key(kind))}</h2> };
    let head = if offer_new {
        view! {
            <div class="panel__head">
                {heading}
                <A href=routes::new_of(kind, &owner) attr:class="button">{tr(new_card_key(kind))}</A>
            </div>
        }
        .into_any()
    } else {
        heading.into_any()
    };
    let links = cards
        .iter()
        .map(|card| {
            let (href, title) = (routes::card_of(&card.card()), card.title());
            view! { <li><A href>{title}</A></li> }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby=heading_id>
            {head}
            <ul class="plain links">{links}</ul>
        </section>
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
