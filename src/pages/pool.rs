//! The pool: abandoned clients nobody is responsible for. A head of sales
//! hands them out for reanimation, in bulk and evenly, or lets a periodic
//! rule do it; and may mark one lost for good.

use dela_core::card::Card;
use dela_core::pool::PoolRule;
use dela_core::record::CardRef;
use dela_core::user::User;
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::clock;
use crate::components::field::{Checkboxes, TextField};
use crate::components::load::{load, loading};
use crate::components::time::format_instant;
use crate::errors::{pool_error_text, storage_error_text, StorageAlert};
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::{pool, settings};

#[derive(Clone)]
struct PoolRow {
    card: CardRef,
    title: String,
    since: Option<dela_core::Timestamp>,
}

#[component]
pub fn PoolPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let selected = RwSignal::new(Vec::<String>::new());
    let employees = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(None::<String>);
    let rows = load(move || {
        session.track();
        let store = session.store();
        async move {
            let (companies, contacts) = pool::clients(&store).await?;
            let mut rows: Vec<PoolRow> = companies
                .iter()
                .map(|c| PoolRow { card: c.card(), title: c.title(), since: c.client.status_since })
                .chain(contacts.iter().map(|c| PoolRow {
                    card: c.card(),
                    title: c.title(),
                    since: c.client.status_since,
                }))
                .collect();
            dela_core::sort::sort_by_key(&mut rows, |row| row.since);
            Ok::<_, crate::store::StoreError>(rows)
        }
    });
    let can_assign = move || session.user().with(User::oversees_team);
    let employee_options = Signal::derive(move || session.user_options());

    let assign = move |_| {
        let chosen: Vec<CardRef> = rows
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|row| selected.with_untracked(|s| s.contains(&row_key(&row.card))))
            .map(|row| row.card)
            .collect();
        let to: Vec<Id> = employees.get_untracked().iter().filter_map(|id| Id::parse(id)).collect();
        if chosen.is_empty() || to.is_empty() {
            message.set(Some(Key::ChooseClientsAndEmployees.text(lang.get_untracked()).to_owned()));
            return;
        }
        spawn_local(async move {
            let store = session.store();
            let actor = session.user().get_untracked();
            match pool::assign(&store, &chosen, &to, &actor, clock::now()).await {
                Ok(pairs) => {
                    selected.set(Vec::new());
                    message.set(Some(
                        Key::Assigned.text(lang.get_untracked()).replace("{n}", &pairs.len().to_string()),
                    ));
                    session.changed();
                }
                Err(failure) => message.set(Some(pool_error_text(lang.get_untracked(), &failure))),
            }
        });
    };

    view! {
        <h1>{tr(Key::Pool)}</h1>
        <p class="muted">{tr(Key::PoolHelp)}</p>
        {move || message.get().map(|text| view! { <p role="status" class="alert">{text}</p> })}
        {move || match rows.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr(Key::PoolEmpty)}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <table class="table" aria-label=tr(Key::Pool)>
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">{tr(Key::Select)}</span></th>
                            <th scope="col">{tr(Key::Card)}</th>
                            <th scope="col">{tr(Key::InPoolSince)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.into_iter().map(|row| {
                            let key = row_key(&row.card);
                            let kind = row.card.kind.label();
                            let checked = {
                                let key = key.clone();
                                move || selected.with(|s| s.contains(&key))
                            };
                            let toggle = {
                                let key = key.clone();
                                move |_| selected.update(|s| if let Some(at) = s.iter().position(|k| k == &key) { s.remove(at); } else { s.push(key.clone()); })
                            };
                            let title = row.title.clone();
                            view! {
                                <tr>
                                    <td><input type="checkbox" aria-label=move || format!("{}: {}", Key::Select.text(lang.get()), title) prop:checked=checked on:change=toggle /></td>
                                    <td><span class="muted">{move || kind.text(lang.get())}": "</span><A href=routes::card_of(&row.card)>{row.title.clone()}</A></td>
                                    <td>{row.since.map(|at| move || format_instant(at, lang.get()))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
        <Show when=can_assign>
            <section class="panel" aria-labelledby="assign-heading">
                <h2 id="assign-heading">{tr(Key::AssignEvenly)}</h2>
                <Checkboxes id="pool-employees" label=Key::Employees value=employees options=employee_options />
                <button type="button" class="button button--primary" on:click=assign>{tr(Key::AssignEvenly)}</button>
            </section>
            <PoolRuleSettings />
        </Show>
    }
}

/// Checkbox key of a pool row.
fn row_key(card: &CardRef) -> String {
    format!("{}:{}", card.kind.code(), card.id)
}

#[component]
fn PoolRuleSettings() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let status = RwSignal::new(None::<String>);
    let rule = load(move || {
        let store = session.store();
        async move { settings::pool_rule(&store).await.unwrap_or_default() }
    });
    move || {
        rule.get().map(|current: PoolRule| {
            let enabled = RwSignal::new(current.enabled);
            let every = RwSignal::new(current.every_days.to_string());
            let batch = RwSignal::new(current.batch.to_string());
            let employees = RwSignal::new(current.employees.iter().map(Id::to_string).collect::<Vec<_>>());
            let options = Signal::derive(move || session.user_options());
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let (Ok(every_days), Ok(batch_size)) = (every.get_untracked().trim().parse::<u32>(), batch.get_untracked().trim().parse::<u32>()) else {
                    status.set(Some(Key::NumbersOnly.text(lang.get_untracked()).to_owned()));
                    return;
                };
                let updated = PoolRule {
                    enabled: enabled.get_untracked(),
                    every_days,
                    batch: batch_size,
                    employees: employees.get_untracked().iter().filter_map(|id| Id::parse(id)).collect(),
                    ..current.clone()
                };
                spawn_local(async move {
                    let text = match settings::save_pool_rule(&session.store(), &updated).await {
                        Ok(()) => Key::Saved.text(lang.get_untracked()).to_owned(),
                        Err(e) => storage_error_text(lang.get_untracked(), &e),
                    };
                    status.set(Some(text));
                });
            };
            view! {
                <form class="form panel" on:submit=save aria-labelledby="rule-heading">
                    <h2 id="rule-heading">{tr(Key::PoolRule)}</h2>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || enabled.get() on:change=move |_| enabled.update(|v| *v = !*v) />
                        {tr(Key::PoolRuleEnabled)}
                    </label>
                    <div class="field-row">
                        <TextField id="rule-every" label=Key::EveryDays value=every input_type="number" />
                        <TextField id="rule-batch" label=Key::BatchSize value=batch input_type="number" />
                    </div>
                    <Checkboxes id="rule-employees" label=Key::Employees value=employees options=options />
                    <div class="form__actions">
                        <button type="submit" class="button">{tr(Key::Save)}</button>
                        <span role="status" class="form__status">{move || status.get()}</span>
                    </div>
                </form>
            }
        })
    }
}
