//! The outbox: e-mails and SMS robots queued, to open and copy from until
//! the sync server delivers them.

use dela_core::robots::{Addressee, Channel};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::load::{load, loading};
use crate::components::time::format_instant;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::routes;
use crate::session::use_session;
use crate::store::automation;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let messages = load(move || {
        session.track();
        let store = session.store();
        async move { automation::outbox(&store).await }
    });
    view! {
        <h1>{tr(Key::Outbox)}</h1>
        <p class="muted">{tr(Key::OutboxHelp)}</p>
        {move || match messages.get() {
            None => loading(),
            Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr(Key::OutboxEmpty)}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="plain outbox">
                    {list.into_iter().map(|message| {
                        let to = match &message.to {
                            Addressee::Address(address) => address.clone(),
                            Addressee::User(user) => session.name_of(user),
                        };
                        let channel = match message.channel { Channel::Email => "E-mail", Channel::Sms => "SMS" };
                        let at = message.created_at;
                        let text_id = format!("outbox-{}", message.id);
                        view! {
                            <li class="panel outbox__item">
                                <p>
                                    <span class="tag">{channel}</span>" "
                                    <strong>{message.subject.clone()}</strong>" · "
                                    {move || format_instant(at, lang.get())}" · "
                                    <A href=routes::card_of(&message.card)>{tr(Key::Deal)}</A>
                                </p>
                                <p>{tr(Key::To)}": "{to}</p>
                                <label class="visually-hidden" for=text_id.clone()>{tr(Key::RobotText)}</label>
                                <textarea id=text_id readonly rows="3">{message.text.clone()}</textarea>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
