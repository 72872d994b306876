//! A deal's card: stage (with a keyboard-friendly "move to stage"), its
//! company and contacts, the client's activities still outside the deal
//! (to move in or close), its own activities and history.

use dela_core::activity::Activity;
use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::fields::FieldEntity;
use dela_core::placement::to_offer_on_new_deal;
use dela_core::record::{CardKind, CardRef};
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::list::StageBadge;
use super::waiting::WaitingRobots;
use crate::clock;
use crate::components::activity::{ActivityActions, Start};
use crate::components::card_page::{card_route, CardFrame, Fact};
use crate::components::custom_fields::CustomFacts;
use crate::components::field::{FormAlerts, Select};
use crate::components::form::FormState;
use crate::errors::ErrorAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::{activities, cards, robots, StoreError};
use crate::zone::BrowserZone;

#[derive(Clone)]
struct Data {
    deal: Deal,
    company: Option<Company>,
    contacts: Vec<Contact>,
    stray: Vec<Activity>,
}

async fn fetch(store: crate::store::Store, id: String) -> Result<Option<Data>, StoreError> {
    let Some(deal) = cards::get::<Deal>(&store, &id).await? else { return Ok(None) };
    let found = &deal;
    let company = match &found.company {
        Some(id) => cards::get::<Company>(&store, id.as_str()).await?,
        None => None,
    };
    let mut contacts = Vec::new();
    let mut client_activities = Vec::new();
    for id in &found.contacts {
        if let Some(contact) = cards::get::<Contact>(&store, id.as_str()).await? {
            client_activities.extend(activities::of_card(&store, &contact.card()).await?);
            contacts.push(contact);
        }
    }
    if let Some(company) = &company {
        client_activities.extend(activities::of_card(&store, &company.card()).await?);
    }
    let stray = if found.in_progress() {
        to_offer_on_new_deal(found, &client_activities).into_iter().cloned().collect()
    } else {
        Vec::new()
    };
    Ok(Some(Data { deal, company, contacts, stray }))
}

#[component]
pub fn DealCardPage() -> impl IntoView {
    card_route(Key::Deals, fetch, |Data { deal, company, contacts, stray }| {
        view! { <DealCard deal company contacts stray /> }
    })
}

#[component]
fn MoveToStage(deal: Deal) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let stage = RwSignal::new(deal.stage.to_string());
    let pipeline = session.pipeline(&deal.pipeline);
    let stages = Signal::derive(move || {
        pipeline
            .as_ref()
            .map(|p| p.stages.iter().map(|s| (s.id.to_string(), s.name.clone())).collect())
            .unwrap_or_default()
    });
    let id = deal.id.to_string();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let (id, target) = (id.clone(), stage.get_untracked());
        spawn_local(async move {
            let Some(target) = Id::parse(&target) else { return form.succeeded() };
            let result =
                robots::move_deal(&session.store(), &id, &target, &session.me(), clock::now(), &BrowserZone)
                    .await;
            if form.settle(&result) {
                session.changed();
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-label=tr(Key::MoveToStage)>
            <FormAlerts form />
            <Select id="move-stage" label=Key::MoveToStage value=stage options=stages error=form.error("stage") compact=true />
            <button type="submit" class="button">{tr(Key::MoveToStage)}</button>
        </form>
    }
}

#[component]
fn StrayActivities(deal: CardRef, stray: Vec<Activity>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    (!stray.is_empty()).then(|| {
        let moving = stray.clone();
        let move_all = move |_| {
            let (moving, deal) = (moving.clone(), deal.clone());
            spawn_local(async move {
                match activities::move_to(&session.store(), &moving, &deal, &session.me(), clock::now()).await {
                    Ok(()) => session.changed(),
                    Err(_) => error.set(Some(Key::StorageOther.text(lang.get_untracked()).to_owned())),
                }
            });
        };
        view! {
            <section class="panel panel--notice" aria-labelledby="stray-heading">
                <h2 id="stray-heading">{tr(Key::StrayActivities)}</h2>
                <p class="muted">{tr(Key::StrayActivitiesHelp)}</p>
                <ul class="plain">
                    {stray.into_iter().map(|activity| {
                        let kind = activity.kind.label();
                        let subject = activity.subject.clone();
                        view! {
                            <li class="stray">
                                <span class="tag">{move || kind.text(lang.get())}</span>" "<strong>{subject}</strong>
                                <ActivityActions activity=activity.clone() start=Start::Complete />
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button type="button" class="button button--primary" on:click=move_all>{tr(Key::MoveIntoDeal)}</button>
                <ErrorAlert error />
            </section>
        }
    })
}

#[component]
fn DealCard(
    deal: Deal,
    company: Option<Company>,
    contacts: Vec<Contact>,
    stray: Vec<Activity>,
) -> impl IntoView {
    let session = use_session();
    let actions = view! { <MoveToStage deal=deal.clone() /> }.into_any();
    let sections = view! {
        <StrayActivities deal=deal.card() stray />
        <WaitingRobots deal=deal.clone() />
    };
    let contact_links = (!contacts.is_empty()).then(|| {
        contacts
            .into_iter()
            .map(|c| view! { <li><A href=routes::card(CardKind::Contact, &c.id)>{c.title()}</A></li> })
            .collect_view()
    });
    view! {
        <CardFrame title=deal.title.clone() record=deal.clone() actions sections=sections.into_any()>
            <dt>{tr(Key::Stage)}</dt>
            <dd><StageBadge deal_stage=deal.stage.clone() /></dd>
            <Fact label=Key::Amount value=deal.amount.as_ref().map(ToString::to_string).unwrap_or_default() />
            <Fact label=Key::Responsible value=session.name_of(&deal.responsible) />
            {company.map(|company| view! {
                <dt>{tr(Key::Company)}</dt>
                <dd><A href=routes::card(CardKind::Company, &company.id)>{company.title.clone()}</A></dd>
            })}
            {contact_links.map(|links| view! {
                <dt>{tr(Key::Contacts)}</dt>
                <dd><ul class="plain links">{links}</ul></dd>
            })}
            <CustomFacts entity=FieldEntity::Deal values=deal.fields.clone() />
            <Fact label=Key::Comments value=deal.comments.clone() />
        </CardFrame>
    }
}
