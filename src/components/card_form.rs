//! The card forms' kit: the page of a card form, for a new card or to edit
//! one, and the form itself, with the alerts of a failed save above its
//! fields and Save and Cancel below them.

use dela_core::record::CardKind;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::card_page::{url_id, CardNotFound};
use super::field::{FormActions, FormAlerts};
use super::form::FormState;
use super::load::{load, loading};
use crate::i18n::tr;
use crate::labels::{edit_card_key, new_card_key};
use crate::routes;
use crate::session::use_session;
use crate::store::cards::{self, Stored};

/// The page of the form of a card of `T`, at its kind's new and edit
/// paths: for a new card (no id in the URL), its heading and `form` given
/// `None`; to edit one, its heading and the card with the id in the URL,
/// or (also when it cannot be read) that it is not there. The card is read
/// once, not after every write: a reload would throw away what is typed.
pub fn form_route<T: Stored, V: IntoView + 'static>(
    form: impl Fn(Option<T>) -> V + Send + Sync + 'static,
) -> AnyView {
    let id = url_id();
    if id().is_empty() {
        return view! {
            <h1>{tr(new_card_key(T::KIND))}</h1>
            {form(None)}
        }
        .into_any();
    }
    let session = use_session();
    let card = load(move || {
        let (store, id) = (session.store(), id());
        async move { cards::get::<T>(&store, &id).await }
    });
    view! {
        <h1>{tr(edit_card_key(T::KIND))}</h1>
        {move || match card.get() {
            None => loading(),
            Some(Ok(Some(card))) => untrack(|| form(Some(card)).into_any()),
            _ => view! { <CardNotFound /> }.into_any(),
        }}
    }
    .into_any()
}

/// A card form of `kind`: `children` (its fields) between the alerts of a
/// failed save and Save and Cancel. Cancel goes back to the card being
/// edited (`editing`, its id), or for a new card to the list.
#[component]
pub fn CardForm<S>(
    form: FormState,
    kind: CardKind,
    editing: Option<String>,
    /// The save, as [`FormState::card_submit`] makes it.
    on_submit: S,
    children: Children,
) -> impl IntoView
where
    S: Fn(SubmitEvent) + 'static,
{
    let cancel_href = routes::card_or_list(kind, editing.as_deref());
    view! {
        <form class="form panel" on:submit=on_submit novalidate>
            <FormAlerts form />
            {children()}
            <FormActions form cancel_href />
        </form>
    }
}
