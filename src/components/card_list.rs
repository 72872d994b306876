//! The list pages' kit: a list page's heading with the button for a new
//! card, and the list or its state (loading, a storage failure, none yet,
//! or the table). A card's row starts with its title, a link to its page,
//! and ends with its nearest planned activity.

use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::components::A;

use super::load::{load, loading};
use super::mark::NextActivity;
use crate::errors::StorageAlert;
use crate::i18n::{tr, Key};
use crate::labels::{empty_list_key, new_card_key, section_key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards::{self, Stored};
use crate::store::StoreError;

/// The cards of a list page, as [`load_cards`] reads them.
pub type Rows<T> = ReadSignal<Option<Result<Vec<T>, StoreError>>, LocalStorage>;

/// All cards of `T`, by title, loaded again after every write.
pub fn load_cards<T: Stored>() -> Rows<T> {
    let session = use_session();
    load(move || {
        session.track();
        let store = session.store();
        async move { cards::list::<T>(&store).await }
    })
}

/// A list page's heading, with the button for a new card of `kind`.
#[component]
pub fn ListHead(kind: CardKind) -> impl IntoView {
    view! {
        <div class="page__head">
            <h1>{tr(section_key(kind))}</h1>
            <A href=routes::new(kind) attr:class="button button--primary">{tr(new_card_key(kind))}</A>
        </div>
    }
}

/// The list of the cards of `kind` as `loaded`: a table with `columns` and
/// a row per card drawn by `row`; or while it loads, why it cannot be read,
/// or that there are none yet.
pub fn list_or_state<T, V: IntoView>(
    kind: CardKind,
    loaded: Option<Result<Vec<T>, StoreError>>,
    columns: &[Key],
    row: impl Fn(T) -> V,
) -> AnyView {
    match loaded {
        None => loading(),
        Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
        Some(Ok(rows)) if rows.is_empty() => {
            view! { <p class="empty">{tr(empty_list_key(kind))}</p> }.into_any()
        }
        Some(Ok(rows)) => {
            let columns = columns.iter().map(|&key| view! { <th scope="col">{tr(key)}</th> }).collect_view();
            view! {
                <table class="table">
                    <thead>
                        <tr>{columns}</tr>
                    </thead>
                    <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
                </table>
            }
            .into_any()
        }
    }
}

/// The list page of the cards of `T`: its heading, then the list or its
/// state.
#[component]
pub fn CardList<T, C>(
    rows: Rows<T>,
    /// The headings of the title's column and of the cells of this kind;
    /// the nearest planned activity's column follows them.
    columns: &'static [Key],
    /// A card's cells between its title and its nearest planned activity.
    cells: C,
) -> impl IntoView
where
    T: Stored + Send + Sync,
    C: Fn(&T) -> AnyView + Send + Sync + 'static,
{
    let columns: Vec<Key> = columns.iter().copied().chain([Key::NextActivity]).collect();
    let row = move |card: T| {
        let (href, title, next) = (routes::card_of(&card.card()), card.title(), card.next_activity());
        view! {
            <tr>
                <td><A href>{title}</A></td>
                {cells(&card)}
                <td><NextActivity next /></td>
            </tr>
        }
    };
    view! {
        <ListHead kind=T::KIND />
        {move || list_or_state(T::KIND, rows.get(), &columns, &row)}
    }
}
