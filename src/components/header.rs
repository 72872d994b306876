//! The header: product name, main navigation, current user, online state and
//! the language switch.

use dela_core::agenda::View;
use dela_core::record::CardKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, use_lang, Key, Lang};
use crate::routes;
use crate::session::use_session;

const SECTIONS: [(&str, Key); 8] = [
    (routes::list(CardKind::Deal), Key::Deals),
    (routes::list(CardKind::Lead), Key::Leads),
    (routes::list(CardKind::Contact), Key::Contacts),
    (routes::list(CardKind::Company), Key::Companies),
    ("/tasks", Key::Tasks),
    (routes::list(CardKind::Invoice), Key::Invoices),
    ("/pool", Key::Pool),
    ("/settings", Key::Settings),
];

#[component]
pub fn Header(online: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let change_lang = move |ev| {
        if let Some(chosen) = Lang::from_code(&event_target_value(&ev)) {
            chosen.persist();
            lang.set(chosen);
        }
    };
    view! {
        <header class="topbar">
            <A href="/" attr:class="topbar__brand">{tr(Key::Product)}</A>
            <nav class="topbar__nav" aria-label=tr(Key::MainNavigation)>
                <span class="topbar__home">
                    <A href="/" exact=true>{tr(Key::MyActivities)}</A>
                    <HeaderCounters />
                </span>
                {SECTIONS
                    .into_iter()
                    .map(|(href, key)| view! { <A href=href>{tr(key)}</A> })
                    .collect_view()}
            </nav>
            <div class="topbar__side">
                <A href="/notifications" attr:class="topbar__bell" attr:aria-label=move || {
                    format!("{}: {}", Key::Notifications.text(lang.get()), session.unread().get())
                }>
                    <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                        <path fill="currentColor" d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6v-5a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z" />
                    </svg>
                    {move || (session.unread().get() > 0).then(|| view! { <span class="badge badge--overdue">{session.unread().get()}</span> })}
                </A>
                <span class="topbar__user" aria-label=tr(Key::CurrentUser) title=tr(Key::CurrentUser)>
                    {move || session.user().with(|user| user.name.clone())}
                </span>
                <span
                    role="status"
                    class="net"
                    class:net--online=move || online.get()
                    class:net--offline=move || !online.get()
                >
                    {move || if online.get() { tr(Key::Online)() } else { tr(Key::Offline)() }}
                </span>
                <select class="topbar__lang" aria-label=tr(Key::Language) on:change=change_lang>
                    {Lang::ALL
                        .into_iter()
                        .map(|option| {
                            view! {
                                <option value=option.code() selected=move || lang.get() == option>
                                    {option.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </header>
    }
}

/// The counters of what to do now, worked in this order: incoming, overdue,
/// today. Each is named for screen readers.
#[component]
fn HeaderCounters() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let badge = move |view: View, key: Key, class: &'static str| {
        move || {
            let count = session.counts().with(|c| c.map_or(0, |c| c.of(view)));
            (count > 0).then(|| {
                let label = format!("{}: {count}", key.text(lang.get()));
                view! { <span class=format!("badge {class}") aria-label=label.clone() title=label>{count}</span> }
            })
        }
    };
    view! {
        {badge(View::Incoming, Key::ViewIncoming, "badge--incoming")}
        {badge(View::Overdue, Key::ViewOverdue, "badge--overdue")}
        {badge(View::Today, Key::ViewToday, "badge--today")}
    }
}
