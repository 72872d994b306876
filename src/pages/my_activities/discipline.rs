//! The view "Without a planned activity": the deals and clients of the
//! person shown that break the discipline rules, with what to do about it.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::discipline::{violations, Breach, Cards};
use dela_core::record::CardKind;
use leptos::prelude::*;

use super::data::Who;
use crate::clock;
use crate::components::clients::PoolActions;
use crate::components::load::{load, loading};
use crate::components::mark::NextActivity;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::{cards, settings, StoreError};
use leptos_router::components::A;

#[derive(Clone)]
struct Found {
    card: dela_core::record::CardRef,
    title: String,
    breach: Breach,
    next: Option<dela_core::Timestamp>,
}

async fn find(store: crate::store::Store, who: Who) -> Result<Vec<Found>, StoreError> {
    let deals = cards::list::<Deal>(&store).await?;
    let contacts = cards::list::<Contact>(&store).await?;
    let companies = cards::list::<Company>(&store).await?;
    let horizons = settings::horizons(&store).await?;
    let set = Cards { deals: &deals, contacts: &contacts, companies: &companies };
    let title = |card: &dela_core::record::CardRef| -> String {
        match card.kind {
            CardKind::Deal => deals.iter().find(|d| d.id == card.id).map(|d| d.title()),
            CardKind::Contact => contacts.iter().find(|c| c.id == card.id).map(|c| c.title()),
            CardKind::Company => companies.iter().find(|c| c.id == card.id).map(|c| c.title()),
            _ => None,
        }
        .unwrap_or_default()
    };
    Ok(violations(&set, |user| who.includes(user), clock::now(), horizons)
        .into_iter()
        .map(|v| Found { title: title(&v.card), card: v.card, breach: v.breach, next: v.next_activity })
        .collect())
}

#[component]
pub fn DisciplineList(who: Memo<Who>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let found = load(move || {
        session.track();
        find(session.store(), who.get())
    });
    view! {
        <p class="muted">{tr(Key::DisciplineHelp)}</p>
        {move || match found.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr(Key::DisciplineClean)}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <table class="table" aria-label=tr(Key::ViewWithout)>
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::Card)}</th>
                            <th scope="col">{tr(Key::Reason)}</th>
                            <th scope="col">{tr(Key::NextActivity)}</th>
                            <th scope="col"><span class="visually-hidden">{tr(Key::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.into_iter().map(|found| {
                            let kind = found.card.kind.label();
                            let reason = match found.breach {
                                Breach::Deal => Key::BreachDeal,
                                Breach::Client => Key::BreachClient,
                            };
                            let is_client = matches!(found.card.kind, CardKind::Company | CardKind::Contact);
                            let card = found.card.clone();
                            view! {
                                <tr>
                                    <td><span class="muted">{move || kind.text(lang.get())}": "</span><A href=routes::card_of(&found.card)>{found.title.clone()}</A></td>
                                    <td>{move || reason.text(lang.get())}</td>
                                    <td><NextActivity next=found.next /></td>
                                    <td class="row-actions">
                                        <A href=routes::card_of(&found.card) attr:class="button button--small">{tr(Key::PlanActivity)}</A>
                                        {is_client.then(|| view! { <PoolActions card=card.clone() status=dela_core::client::ClientStatus::Active /> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
