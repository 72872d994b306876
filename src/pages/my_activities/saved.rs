//! Creating and editing a saved view: a name and filters on type,
//! direction, card kind, deadline and text.

use dela_core::activity::{ActivityKind, Direction};
use dela_core::date::Date;
use dela_core::record::CardKind;
use dela_core::saved_view::{Deadline, Filter, SavedView};
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::components::activity::kind_key;
use crate::components::field::{Checkboxes, FormAlerts, Select, TextField};
use crate::components::form::FormState;
use crate::components::labels::card_kind_key;
use crate::i18n::{tr, use_lang, Key};
use crate::session::use_session;
use crate::store::views::{self, ViewError};

const CARD_KINDS: [CardKind; 5] =
    [CardKind::Deal, CardKind::Contact, CardKind::Company, CardKind::Lead, CardKind::Invoice];

fn deadline_code(deadline: &Deadline) -> String {
    match deadline {
        Deadline::Any => "any".into(),
        Deadline::Overdue => "overdue".into(),
        Deadline::Today => "today".into(),
        Deadline::NextDays(n) => format!("next{n}"),
        Deadline::Between(_, _) => "between".into(),
    }
}

#[component]
pub fn ViewEditor(
    id: Option<Id>,
    saved: ReadSignal<Option<Vec<SavedView>>, LocalStorage>,
    on_done: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let form = FormState::new();
    let existing = id
        .as_ref()
        .and_then(|id| saved.get_untracked().unwrap_or_default().into_iter().find(|v| &v.id == id));
    let filter = existing.as_ref().map(|v| v.filter.clone()).unwrap_or_default();
    let name = RwSignal::new(existing.as_ref().map(|v| v.name.clone()).unwrap_or_default());
    let kinds = RwSignal::new(filter.kinds.iter().map(|k| k.code().to_owned()).collect::<Vec<_>>());
    let direction = RwSignal::new(match filter.direction {
        Some(Direction::Incoming) => "incoming".to_owned(),
        Some(Direction::Outgoing) => "outgoing".to_owned(),
        None => String::new(),
    });
    let card_kinds = RwSignal::new(filter.card_kinds.iter().map(|k| k.code().to_owned()).collect::<Vec<_>>());
    let deadline = RwSignal::new(deadline_code(&filter.deadline));
    let (from_date, to_date) = match filter.deadline {
        Deadline::Between(from, to) => (from.to_string(), to.to_string()),
        _ => (String::new(), String::new()),
    };
    let from = RwSignal::new(from_date);
    let to = RwSignal::new(to_date);
    let text = RwSignal::new(filter.text.clone());

    let kind_options = Signal::derive(move || {
        ActivityKind::ALL
            .iter()
            .map(|k| (k.code().to_owned(), kind_key(*k).text(lang.get()).to_owned()))
            .collect()
    });
    let card_options = Signal::derive(move || {
        CARD_KINDS
            .iter()
            .map(|k| (k.code().to_owned(), card_kind_key(*k).text(lang.get()).to_owned()))
            .collect()
    });
    let directions = Signal::derive(move || {
        let lang = lang.get();
        vec![
            (String::new(), Key::AnyDirection.text(lang).to_owned()),
            ("incoming".to_owned(), Key::Incoming.text(lang).to_owned()),
            ("outgoing".to_owned(), Key::Outgoing.text(lang).to_owned()),
        ]
    });
    let deadlines = Signal::derive(move || {
        let lang = lang.get();
        [
            ("any", Key::AnyDeadline),
            ("overdue", Key::ViewOverdue),
            ("today", Key::ViewToday),
            ("next3", Key::ViewNext3),
            ("next7", Key::ViewNext7),
            ("between", Key::BetweenDates),
        ]
        .iter()
        .map(|(code, key)| (code.to_string(), key.text(lang).to_owned()))
        .collect()
    });

    let existing_id = existing.map(|v| v.id);
    let delete_id = existing_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let deadline = match deadline.get_untracked().as_str() {
            "overdue" => Deadline::Overdue,
            "today" => Deadline::Today,
            "next3" => Deadline::NextDays(3),
            "next7" => Deadline::NextDays(7),
            "between" => match (Date::parse(&from.get_untracked()), Date::parse(&to.get_untracked())) {
                (Some(from), Some(to)) => Deadline::Between(from, to),
                _ => {
                    let mut errors = dela_core::validation::FieldErrors::default();
                    errors.add("deadline", dela_core::validation::Problem::InvalidDate);
                    form.invalid(errors);
                    return;
                }
            },
            _ => Deadline::Any,
        };
        let filter = Filter {
            kinds: kinds.get_untracked().iter().filter_map(|c| ActivityKind::from_code(c)).collect(),
            direction: match direction.get_untracked().as_str() {
                "incoming" => Some(Direction::Incoming),
                "outgoing" => Some(Direction::Outgoing),
                _ => None,
            },
            card_kinds: card_kinds.get_untracked().iter().filter_map(|c| CardKind::from_code(c)).collect(),
            responsible: Vec::new(),
            deadline,
            text: text.get_untracked(),
        };
        if !form.begin() {
            return;
        }
        let id = existing_id.clone();
        spawn_local(async move {
            match views::save(
                &session.store(),
                &session.me(),
                id.as_ref(),
                &name.get_untracked(),
                filter,
                clock::now(),
            )
            .await
            {
                Ok(_) => {
                    form.succeeded();
                    session.changed();
                    on_done.run(());
                }
                Err(ViewError::Invalid(errors)) => form.invalid(errors),
                Err(ViewError::Store(error)) => form.failed(&error),
            }
        });
    };
    let delete = move |_| {
        let Some(id) = delete_id.clone() else { return };
        spawn_local(async move {
            if views::delete(&session.store(), &id).await.is_ok() {
                session.changed();
                on_done.run(());
            }
        });
    };
    view! {
        <form class="form panel" on:submit=submit novalidate aria-label=tr(Key::ViewSettings)>
            <h2 class="subheading">{tr(Key::ViewSettings)}</h2>
            <FormAlerts form />
            <TextField id="view-name" label=Key::ViewName value=name error=form.error("name") required=true />
            <Checkboxes id="view-kinds" label=Key::ActivityType value=kinds options=kind_options />
            <Select id="view-direction" label=Key::Direction value=direction options=directions />
            <Checkboxes id="view-cards" label=Key::CardKinds value=card_kinds options=card_options />
            <Select id="view-deadline" label=Key::Deadline value=deadline options=deadlines error=form.error("deadline") />
            <Show when=move || deadline.get() == "between">
                <div class="field-row">
                    <TextField id="view-from" label=Key::FromDate value=from input_type="date" />
                    <TextField id="view-to" label=Key::ToDate value=to input_type="date" />
                </div>
            </Show>
            <TextField id="view-text" label=Key::SearchText value=text />
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || form.saving.get()>{tr(Key::Save)}</button>
                <button type="button" class="button" on:click=move |_| on_done.run(())>{tr(Key::Cancel)}</button>
                {id.is_some().then(|| view! { <button type="button" class="button button--danger" on:click=delete.clone()>{tr(Key::Delete)}</button> })}
            </div>
        </form>
    }
}
