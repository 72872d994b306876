//! Planning an activity on a card. On a contact or company the card
//! hierarchy rule applies (the store asks `dela_core::placement::owner`):
//! with one deal in progress the activity goes to the deal, which the form
//! says; with several the user picks the deal, and the store refuses the
//! activity until they do.

use dela_core::activity::{default_deadline, ActivityDraft, ActivityKind, Direction, Priority};
use dela_core::card::Card;
use dela_core::deal::Deal;
use dela_core::placement::{Placement, DEAL_FIELD};
use dela_core::record::{CardKind, CardRef};
use dela_core::zone::{format_local_datetime, parse_local_datetime};
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::components::field::{FormAlerts, Select, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::load::load;
use crate::errors::activity_error_text;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::options;
use crate::session::use_session;
use crate::store::activities;
use crate::store::cards;
use crate::zone::BrowserZone;

/// Where the activity will be saved, and how the form explains it.
#[derive(Clone)]
struct Target {
    placement: Placement,
    deals: Vec<Deal>,
}

async fn target_of(store: crate::store::Store, card: CardRef) -> Target {
    let placement = activities::placement(&store, &card).await.unwrap_or(Placement::Here);
    let ids = match &placement {
        Placement::Here => Vec::new(),
        Placement::Deal(id) => vec![id.clone()],
        Placement::Choose(ids) => ids.clone(),
    };
    let mut deals = Vec::new();
    for id in ids {
        if let Ok(Some(deal)) = cards::get::<Deal>(&store, id.as_str()).await {
            deals.push(deal);
        }
    }
    Target { placement, deals }
}

#[component]
pub fn ActivityForm(
    card: CardRef,
    /// The kind to start with (the completed one's, when planning the next).
    #[prop(optional)]
    kind: Option<ActivityKind>,
    on_done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let form = FormState::new();
    let kind_value = RwSignal::new(kind.unwrap_or(ActivityKind::Call).code().to_owned());
    let direction = RwSignal::new(Direction::Outgoing.code().to_owned());
    let subject = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let deadline =
        RwSignal::new(format_local_datetime(&BrowserZone, default_deadline(clock::now(), &BrowserZone)));
    let responsible = RwSignal::new(session.me().to_string());
    let priority = RwSignal::new(Priority::Normal.code().to_owned());
    let chosen_deal = RwSignal::new(String::new());

    let target_card = card.clone();
    let target = load(move || target_of(session.store(), target_card.clone()));

    let kinds = Signal::derive(move || options(lang.get(), &ActivityKind::ALL, ActivityKind::code));
    let directions = Signal::derive(move || {
        options(lang.get(), &[Direction::Outgoing, Direction::Incoming], Direction::code)
    });
    let priorities = Signal::derive(move || options(lang.get(), &Priority::ALL, Priority::code));
    let users = Signal::derive(move || session.user_options());
    let has_direction =
        move || ActivityKind::from_code(&kind_value.get()).is_some_and(ActivityKind::has_direction);
    let deal_options = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_owned())];
        if let Some(target) = target.get() {
            options.extend(target.deals.iter().map(|d| (d.id.to_string(), d.title.clone())));
        }
        options
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        // The store applies the card hierarchy rule to the card, or to the
        // deal picked among the client's several.
        let owner = match Id::parse(&chosen_deal.get_untracked()) {
            Some(id) => CardRef { kind: CardKind::Deal, id },
            None => card.clone(),
        };
        let draft = ActivityDraft {
            kind: ActivityKind::from_code(&kind_value.get_untracked()).unwrap_or(ActivityKind::Call),
            direction: Direction::from_code(&direction.get_untracked()).unwrap_or_default(),
            subject: subject.get_untracked(),
            description: description.get_untracked(),
            deadline: parse_local_datetime(&BrowserZone, &deadline.get_untracked()),
            responsible: responsible.get_untracked(),
            priority: Priority::from_code(&priority.get_untracked()).unwrap_or_default(),
        };
        spawn_local(async move {
            let result =
                activities::add(&session.store(), owner, &draft, &session.me(), clock::now(), &BrowserZone)
                    .await;
            match result {
                Ok(activity) => {
                    form.succeeded();
                    session.activity_saved(activity);
                    on_done.run(());
                }
                Err(error) => form.fail(&error, activity_error_text),
            }
        });
    };

    view! {
        <form class="form form--inline panel" on:submit=submit novalidate aria-label=tr(Key::PlanActivity)>
            {move || target.get().map(|t| match t.placement {
                Placement::Here => None,
                Placement::Deal(_) => {
                    let title = t.deals.first().map(|d| d.title()).unwrap_or_default();
                    Some(view! {
                        <p class="notice" role="note">{move || Key::GoesToDeal.text(lang.get()).replace("{deal}", &title)}</p>
                    }.into_any())
                }
                Placement::Choose(_) => Some(view! {
                    <p class="notice" role="note">{tr(Key::ChooseDeal)}</p>
                    <Select id="activity-deal" label=Key::Deal value=chosen_deal options=deal_options error=form.error(DEAL_FIELD) />
                }.into_any()),
            })}
            <FormAlerts form />
            <div class="field-row">
                <Select id="activity-kind" label=Key::ActivityType value=kind_value options=kinds />
                <Show when=has_direction>
                    <Select id="activity-direction" label=Key::Direction value=direction options=directions />
                </Show>
                <Select id="activity-priority" label=Key::Priority value=priority options=priorities />
            </div>
            <TextField id="subject" label=Key::Subject value=subject error=form.error("subject") required=true />
            <div class="field-row">
                <TextField id="deadline" label=Key::Deadline value=deadline error=form.error("deadline") input_type="datetime-local" required=true />
                <Select id="activity-responsible" label=Key::Responsible value=responsible options=users error=form.error("responsible") />
            </div>
            <TextArea id="description" label=Key::Description value=description error=form.error("description") />
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || form.saving.get()>{tr(Key::PlanActivity)}</button>
                <button type="button" class="button" on:click=move |_| on_done.run(())>{tr(Key::Cancel)}</button>
            </div>
        </form>
    }
}
