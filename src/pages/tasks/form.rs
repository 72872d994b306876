//! A new task: one per chosen responsible, with co-executors, observers,
//! a deadline, "review the result", a CRM link, a project, a checklist,
//! and optionally a recurrence. The page collects text;
//! `dela_core::tasks::form` reads it into a draft and a recurrence.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::date::Weekday;
use dela_core::deal::Deal;
use dela_core::lead::Lead;
use dela_core::record::{CardKind, CardRef};
use dela_core::tasks::form::{series_error, RepeatForm, TaskForm};
use dela_core::tasks::task::Priority;
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::clock;
use crate::components::field::{Checkboxes, FormActions, FormAlerts, Select, TextArea, TextField};
use crate::components::form::FormState;
use crate::components::labels::card_kind_key;
use crate::components::load::load;
use crate::i18n::{tr, use_lang, weekday_key, Key};
use crate::ids::new_id;
use crate::session::use_session;
use crate::store::tasks::{self, TaskSaveError};
use crate::store::{cards, projects};
use crate::zone::BrowserZone;

#[component]
pub fn TaskNewPage() -> impl IntoView {
    let query = use_query_map();
    let link = query.with_untracked(|q| q.get("link")).and_then(|text| {
        let (kind, id) = text.split_once(':')?;
        Some(CardRef { kind: CardKind::from_code(kind)?, id: Id::parse(id)? })
    });
    view! {
        <h1>{tr(Key::NewTask)}</h1>
        <TaskForm link />
    }
}

#[component]
fn TaskForm(link: Option<CardRef>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let responsibles = RwSignal::new(vec![session.me().to_string()]);
    let co_executors = RwSignal::new(Vec::<String>::new());
    let observers = RwSignal::new(Vec::<String>::new());
    let deadline = RwSignal::new(String::new());
    let priority = RwSignal::new("normal".to_owned());
    let review = RwSignal::new(false);
    let project = RwSignal::new(String::new());
    let checklist = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let links = RwSignal::new(link.into_iter().collect::<Vec<CardRef>>());
    let link_choice = RwSignal::new(String::new());
    let cards = load(move || {
        let store = session.store();
        async move {
            let mut all: Vec<(CardRef, String)> = Vec::new();
            all.extend(
                cards::list::<Deal>(&store).await.unwrap_or_default().iter().map(|c| (c.card(), c.title())),
            );
            all.extend(
                cards::list::<Contact>(&store)
                    .await
                    .unwrap_or_default()
                    .iter()
                    .map(|c| (c.card(), c.title())),
            );
            all.extend(
                cards::list::<Company>(&store)
                    .await
                    .unwrap_or_default()
                    .iter()
                    .map(|c| (c.card(), c.title())),
            );
            all.extend(
                cards::list::<Lead>(&store).await.unwrap_or_default().iter().map(|c| (c.card(), c.title())),
            );
            all
        }
    });
    let card_options = Signal::derive(move || {
        let lang = lang.get();
        let mut options = vec![(String::new(), "—".to_owned())];
        options.extend(cards.get().unwrap_or_default().into_iter().map(|(card, title)| {
            (
                format!("{}:{}", card.kind.code(), card.id),
                format!("{}: {title}", card_kind_key(card.kind).text(lang)),
            )
        }));
        options
    });
    let title_of = move |card: &CardRef| {
        cards
            .with(|all| {
                all.as_ref().and_then(|all| all.iter().find(|(c, _)| c == card).map(|(_, t)| t.clone()))
            })
            .unwrap_or_else(|| card.id.to_string())
    };
    let add_link = move |_| {
        let chosen = link_choice.get_untracked();
        let Some((kind, id)) = chosen.split_once(':') else { return };
        if let (Some(kind), Some(id)) = (CardKind::from_code(kind), Id::parse(id)) {
            let card = CardRef { kind, id };
            links.update(|links| {
                if !links.contains(&card) {
                    links.push(card)
                }
            });
        }
    };
    let reminder = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let every = RwSignal::new("1".to_owned());
    let weekdays = RwSignal::new(Vec::<String>::new());
    let end = RwSignal::new("never".to_owned());
    let until = RwSignal::new(String::new());
    let count = RwSignal::new(String::new());

    let users = Signal::derive(move || session.user_options());
    let priorities = Signal::derive(move || {
        vec![
            ("normal".to_owned(), Key::PriorityNormal.text(lang.get()).to_owned()),
            ("high".to_owned(), Key::PriorityHigh.text(lang.get()).to_owned()),
        ]
    });
    let all_projects = load(move || {
        let store = session.store();
        async move { projects::list(&store).await.unwrap_or_default() }
    });
    let project_options = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_owned())];
        options
            .extend(all_projects.get().unwrap_or_default().into_iter().map(|p| (p.id.to_string(), p.title)));
        options
    });
    let reminders = Signal::derive(move || {
        let lang = lang.get();
        [
            ("", Key::NoReminder),
            ("15", Key::Remind15Minutes),
            ("60", Key::Remind1Hour),
            ("1440", Key::Remind1Day),
        ]
        .iter()
        .map(|(code, key)| (code.to_string(), key.text(lang).to_owned()))
        .collect()
    });
    let repeats = Signal::derive(move || {
        let lang = lang.get();
        [
            ("", Key::NoRepeat),
            ("days", Key::EveryNDays),
            ("weeks", Key::EveryNWeeks),
            ("months", Key::EveryNMonths),
        ]
        .iter()
        .map(|(code, key)| (code.to_string(), key.text(lang).to_owned()))
        .collect()
    });
    let ends = Signal::derive(move || {
        let lang = lang.get();
        [("never", Key::EndNever), ("until", Key::EndUntil), ("after", Key::EndAfter)]
            .iter()
            .map(|(code, key)| (code.to_string(), key.text(lang).to_owned()))
            .collect()
    });
    let weekday_options = Signal::derive(move || {
        Weekday::ALL
            .iter()
            .map(|d| (d.index().to_string(), weekday_key(*d).text(lang.get()).to_owned()))
            .collect()
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = TaskForm {
            title: title.get_untracked(),
            description: description.get_untracked(),
            responsibles: responsibles.get_untracked(),
            co_executors: co_executors.get_untracked(),
            observers: observers.get_untracked(),
            deadline: deadline.get_untracked(),
            priority: if priority.get_untracked() == "high" { Priority::High } else { Priority::Normal },
            links: links.get_untracked(),
            project: project.get_untracked(),
            tags: tags.get_untracked(),
            checklist: checklist.get_untracked(),
            review_required: review.get_untracked(),
            reminder: reminder.get_untracked(),
            repeat: RepeatForm {
                unit: repeat.get_untracked(),
                every: every.get_untracked(),
                weekdays: weekdays.get_untracked(),
                end: end.get_untracked(),
                until: until.get_untracked(),
                count: count.get_untracked(),
            },
        };
        let now = clock::now();
        let (draft, recurrence) = match typed.read(&BrowserZone, || new_id(now)) {
            Ok(read) => read,
            Err(errors) => {
                form.invalid(errors);
                return;
            }
        };
        if !form.begin() {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let (store, actor, now) = form.context();
            match tasks::create(&store, &draft, recurrence, &actor, now, &BrowserZone).await {
                Ok(ids) => {
                    form.succeeded();
                    session.changed();
                    let target = match ids.as_slice() {
                        [only] => format!("/tasks/{only}"),
                        _ => "/tasks".to_owned(),
                    };
                    navigate(&target, Default::default());
                }
                Err(TaskSaveError::Invalid(errors)) => form.invalid(errors),
                Err(TaskSaveError::Series(error)) => form.invalid(series_error(error)),
                Err(TaskSaveError::Store(error)) => form.failed(&error),
                Err(_) => form.failed_with(Key::CardNotFound.text(lang.get_untracked()).to_owned()),
            }
        });
    };

    view! {
        <form class="form panel" on:submit=submit novalidate>
            <FormAlerts form />
            <TextField id="title" label=Key::Title value=title error=form.error("title") required=true />
            <TextArea id="description" label=Key::Description value=description error=form.error("description") />
            <Checkboxes id="responsibles" label=Key::Responsibles value=responsibles options=users error=form.error("responsible") />
            <Checkboxes id="co-executors" label=Key::CoExecutors value=co_executors options=users />
            <Checkboxes id="observers" label=Key::Observers value=observers options=users />
            <div class="field-row">
                <TextField id="deadline" label=Key::Deadline value=deadline error=form.error("deadline") input_type="datetime-local" />
                <Select id="task-priority" label=Key::Priority value=priority options=priorities />
                <Select id="task-project" label=Key::Project value=project options=project_options />
            </div>
            <div class="field-row">
                <Select id="task-reminder" label=Key::Reminder value=reminder options=reminders error=form.error("reminder") />
                <TextField id="tags" label=Key::Tags value=tags error=form.error("tags") />
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || review.get() on:change=move |_| review.update(|v| *v = !*v) />
                {tr(Key::ReviewResult)}
            </label>
            <fieldset class="field checks" aria-label=tr(Key::CrmLinks)>
                <legend>{tr(Key::CrmLinks)}</legend>
                <ul class="plain chips">
                    {move || links.get().into_iter().map(|card| {
                        let title = title_of(&card);
                        let remove_label = format!("{}: {title}", Key::RemoveLink.text(lang.get()));
                        let gone = card.clone();
                        view! {
                            <li class="chip">
                                <span>{title}</span>
                                <button type="button" class="button button--small" aria-label=remove_label
                                    on:click=move |_| links.update(|links| links.retain(|c| c != &gone))>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="inline-form">
                    <Select id="link-card" label=Key::LinkCard value=link_choice options=card_options compact=true />
                    <button type="button" class="button" on:click=add_link>{tr(Key::AddLink)}</button>
                </div>
            </fieldset>
            <TextArea id="checklist" label=Key::Checklist value=checklist error=form.error("checklist") />
            <fieldset class="field checks">
                <legend>{tr(Key::Repeat)}</legend>
                <div class="field-row">
                    <Select id="repeat" label=Key::Repeat value=repeat options=repeats error=form.error("repeat") compact=true />
                    <TextField id="every" label=Key::Every value=every error=form.error("every") input_type="number" />
                    <Select id="repeat-end" label=Key::Ends value=end options=ends error=form.error("end") />
                </div>
                <Show when=move || repeat.get() == "weeks">
                    <Checkboxes id="weekdays" label=Key::OnWeekdays value=weekdays options=weekday_options error=form.error("weekdays") />
                </Show>
                <Show when=move || end.get() == "until">
                    <TextField id="until" label=Key::EndUntil value=until error=form.error("until") input_type="date" />
                </Show>
                <Show when=move || end.get() == "after">
                    <TextField id="count" label=Key::Occurrences value=count error=form.error("count") input_type="number" />
                </Show>
            </fieldset>
            <FormActions form cancel_href="/tasks" />
        </form>
    }
}
