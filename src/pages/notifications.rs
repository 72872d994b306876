//! The notification centre: my messages, newest first; opening one marks
//! it read.

use dela_core::inbox::{Message, Subject};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::components::load::{load, loading};
use crate::components::time::format_instant;
use crate::desktop;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::inbox;

fn href(message: &Message) -> String {
    match &message.subject {
        Subject::Card(card) => routes::card_of(card),
        Subject::Task(task) => format!("/tasks/{task}"),
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let permission = RwSignal::new(desktop::allowed());
    let messages = load(move || {
        session.track();
        let (store, me) = (session.store(), session.user().get().id);
        async move { inbox::list(&store, &me).await.unwrap_or_default() }
    });
    let read_all = move |_| {
        let unread: Vec<Message> =
            messages.get_untracked().unwrap_or_default().into_iter().filter(|m| !m.read).collect();
        spawn_local(async move {
            if inbox::mark_read(&session.store(), unread).await.is_ok() {
                session.unread_counted(0);
                session.changed();
            }
        });
    };
    let allow = move |_| spawn_local(async move { permission.set(desktop::ask().await) });
    view! {
        <div class="page__head">
            <h1>{tr(Key::Notifications)}</h1>
            <div class="page__actions">
                {move || (!permission.get()).then(|| view! { <button type="button" class="button" on:click=allow>{tr(Key::AllowDesktop)}</button> })}
                <button type="button" class="button" on:click=read_all>{tr(Key::MarkAllRead)}</button>
            </div>
        </div>
        {move || match messages.get() {
            None => loading(),
            Some(list) if list.is_empty() => view! { <p class="empty">{tr(Key::NotificationsEmpty)}</p> }.into_any(),
            Some(list) => view! {
                <ol class="plain panel notifications">
                    {list.into_iter().map(|message| {
                        let topic = message.topic.label();
                        let (at, due, unread) = (message.created_at, message.due_at, !message.read);
                        let link = href(&message);
                        let stored = StoredValue::new(message.clone());
                        let open = move |_| {
                            let message = stored.get_value();
                            spawn_local(async move {
                                if !message.read && inbox::mark_read(&session.store(), vec![message]).await.is_ok() {
                                    session.unread_counted(session.unread().get_untracked().saturating_sub(1));
                                }
                            });
                        };
                        view! {
                            <li class="notification" class:notification--unread=unread>
                                <span class="tag">{move || topic.text(lang.get())}</span>
                                <A href=link on:click=open>{message.text.clone()}</A>
                                <time class="muted">{move || format_instant(at, lang.get())}</time>
                                {due.map(|due| view! { <span class="muted">{tr(Key::WasDue)}" "{move || format_instant(due, lang.get())}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any(),
        }}
    }
}
