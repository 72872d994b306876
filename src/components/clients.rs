//! What contacts and companies share on their pages: the frame of a
//! client's card with the client facts, who is responsible as a list shows
//! it, and the pool actions (move to the pool; lost for good, for a head of
//! sales).

use dela_core::card::ClientCard;
use dela_core::client::{Client, ClientStatus};
use dela_core::deal::Deal;
use dela_core::fields::{FieldEntity, Values};
use dela_core::permissions::may_mark_lost;
use dela_core::record::CardRef;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::card_page::{CardFrame, Fact, LinkedCards};
use super::custom_fields::CustomFacts;
use super::field::TextField;
use crate::clock;
use crate::errors::{pool_error_text, ErrorAlert};
use crate::i18n::{tr, use_lang, Key, Lang};
use crate::labels::Label;
use crate::session::use_session;
use crate::store::cards::Stored;
use crate::store::pool;

/// The card of a client, a company or a contact: the card frame with the
/// pool actions and the facts every client has, after `position` (a
/// contact's); then `linked`, the section of the cards of the other kind of
/// client, and the client's deals, with the button for a new one.
#[component]
pub fn ClientCardFrame<T: Stored + ClientCard + Send + Sync>(
    title: String,
    record: T,
    /// Whose custom fields `fields` are.
    entity: FieldEntity,
    fields: Values,
    comments: String,
    /// A contact's job title.
    #[prop(optional)]
    position: String,
    linked: AnyView,
    deals: Vec<Deal>,
) -> impl IntoView {
    let (card, client) = (record.card(), record.client().clone());
    let actions = view! { <PoolActions card=card.clone() status=client.status /> }.into_any();
    let sections = view! {
        {linked}
        <LinkedCards owner=card cards=deals offer_new=true />
    };
    view! {
        <CardFrame title record actions sections=sections.into_any()>
            <Fact label=Key::Position value=position />
            <ClientFacts client />
            <CustomFacts entity values=fields />
            <Fact label=Key::Comments value=comments />
        </CardFrame>
    }
}

#[component]
fn ClientFacts(client: Client) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let points = |points: &[dela_core::contact_point::ContactPoint], lang: Lang| {
        points
            .iter()
            .map(|p| format!("{} ({})", p.value, p.kind.label().text(lang)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (phones, emails) = (client.phones.clone(), client.emails.clone());
    let messengers = client.messengers.iter().map(|m| m.handle.clone()).collect::<Vec<_>>().join("\n");
    let responsible = client.responsible.as_ref().map(|id| session.name_of(id)).unwrap_or_default();
    let status = client.status;
    move || {
        let lang = lang.get();
        view! {
            <Fact label=Key::Phone value=points(&phones, lang) />
            <Fact label=Key::Email value=points(&emails, lang) />
            <Fact label=Key::Messenger value=messengers.clone() />
            <Fact label=Key::Responsible value=responsible.clone() />
            <Fact label=Key::Status value=status.label().text(lang).to_owned() />
        }
    }
}

/// Who is responsible for a client, as a list shows it: a name, or for a
/// client nobody has, its status (in the pool, lost).
pub fn responsible_or_status(client: &Client) -> String {
    match &client.responsible {
        Some(id) => use_session().name_of(id),
        None => client.status.label().text(use_lang().get_untracked()).to_owned(),
    }
}

#[component]
pub fn PoolActions(card: CardRef, status: ClientStatus) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let confirming_lost = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let offer_lost = move || session.user().with(|user| may_mark_lost(user, status));
    let to_pool = {
        let card = card.clone();
        move |_| {
            let card = card.clone();
            spawn_local(async move {
                match pool::move_to_pool(&session.store(), &card, &session.me(), clock::now()).await {
                    Ok(()) => session.changed(),
                    Err(failure) => error.set(Some(pool_error_text(lang.get_untracked(), &failure))),
                }
            });
        }
    };
    let mark_lost = {
        let card = card.clone();
        move |_| {
            let card = card.clone();
            spawn_local(async move {
                let actor = session.user().get_untracked();
                match pool::mark_lost(&session.store(), &card, &actor, &reason.get_untracked(), clock::now())
                    .await
                {
                    Ok(()) => session.changed(),
                    Err(failure) => error.set(Some(pool_error_text(lang.get_untracked(), &failure))),
                }
            });
        }
    };
    view! {
        {(status == ClientStatus::Active).then(|| view! {
            <button type="button" class="button" on:click=to_pool.clone()>{tr(Key::MoveToPool)}</button>
        })}
        {move || offer_lost().then(|| view! {
            <button type="button" class="button button--danger" on:click=move |_| confirming_lost.set(true)>{tr(Key::MarkLost)}</button>
        })}
        <Show when=move || confirming_lost.get()>
            <div class="alert alert--warning popover" role="alertdialog" aria-label=tr(Key::MarkLost)>
                <p>{tr(Key::MarkLostQuestion)}</p>
                <TextField id="lost-reason" label=Key::Reason value=reason />
                <button type="button" class="button button--danger" on:click=mark_lost.clone()>{tr(Key::MarkLost)}</button>
                <button type="button" class="button" on:click=move |_| confirming_lost.set(false)>{tr(Key::Cancel)}</button>
            </div>
        </Show>
        <ErrorAlert error />
    }
}
