//! The row of views, in the order they are worked, each with its counter.
//! A tablist: arrow keys move between views, Home and End jump.

use dela_core::agenda::{Days, View};
use dela_core::saved_view::SavedView;
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::data::AgendaData;
use crate::clock;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::session::use_session;
use crate::store::views;
use crate::zone::BrowserZone;

#[derive(Debug, Clone, PartialEq)]
pub enum Tab {
    Standard(View),
    Discipline,
    Saved(Id),
}

impl Tab {
    pub fn tab_id(&self) -> String {
        match self {
            Tab::Standard(view) => format!("tab-{}", view.code()),
            Tab::Discipline => "tab-discipline".into(),
            Tab::Saved(id) => format!("tab-view-{id}"),
        }
    }
}

fn focus_tab(id: &str) {
    if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
    {
        if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
            let _ = element.focus();
        }
    }
}

#[component]
pub fn Tabs(
    tab: RwSignal<Tab>,
    data: AgendaData,
    saved: ReadSignal<Option<Vec<SavedView>>, LocalStorage>,
    editing: RwSignal<Option<Option<Id>>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let all_tabs = move || {
        let mut tabs: Vec<Tab> = View::ALL.iter().map(|v| Tab::Standard(*v)).collect();
        tabs.push(Tab::Discipline);
        tabs.extend(saved.get().unwrap_or_default().into_iter().map(|v| Tab::Saved(v.id)));
        tabs
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let tabs = all_tabs();
        let Some(current) = tabs.iter().position(|t| *t == tab.get_untracked()) else { return };
        let next = match ev.key().as_str() {
            "ArrowRight" => (current + 1) % tabs.len(),
            "ArrowLeft" => (current + tabs.len() - 1) % tabs.len(),
            "Home" => 0,
            "End" => tabs.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        let chosen = tabs[next].clone();
        focus_tab(&chosen.tab_id());
        tab.set(chosen);
    };
    let tab_button = move |this: Tab, label: Signal<String>, count: Signal<Option<usize>>| {
        let id = this.tab_id();
        let selected = {
            let this = this.clone();
            Memo::new(move |_| tab.get() == this)
        };
        let select = {
            let this = this.clone();
            move |_| tab.set(this.clone())
        };
        view! {
            <button
                type="button"
                role="tab"
                id=id
                class="tab"
                aria-selected=move || if selected.get() { "true" } else { "false" }
                aria-controls="agenda-panel"
                tabindex=move || if selected.get() { "0" } else { "-1" }
                on:click=select
            >
                <span class="tab__label">{move || label.get()}</span>
                {move || count.get().map(|n| view! { " "<span class="tab__count" class:tab__count--zero=n == 0>{n}</span> })}
            </button>
        }
    };
    let move_view = move |id: Id, delta: isize| {
        let views = saved.get_untracked().unwrap_or_default();
        let Some(position) = views.iter().position(|v| v.id == id) else { return };
        let target = (position as isize + delta).clamp(0, views.len() as isize - 1) as usize;
        spawn_local(async move {
            if views::move_view(&session.store(), &session.me(), &id, target).await.is_ok() {
                session.changed();
            }
        });
    };
    view! {
        <div class="tabs" role="tablist" aria-label=tr(Key::Views) on:keydown=on_key>
            {View::ALL
                .into_iter()
                .map(|view| {
                    let label = Signal::derive(move || view.label().text(lang.get()).to_owned());
                    let count = Signal::derive(move || data.counts().map(|c| c.of(view)));
                    tab_button(Tab::Standard(view), label, count)
                })
                .collect_view()}
            {tab_button(Tab::Discipline, Signal::derive(move || Key::ViewWithout.text(lang.get()).to_owned()), Signal::derive(|| None))}
            {move || {
                saved
                    .get()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|saved_view| {
                        let filter = saved_view.filter.clone();
                        let label = Signal::derive({
                            let name = saved_view.name.clone();
                            move || name.clone()
                        });
                        let count = Signal::derive(move || {
                            let days = Days::at(clock::now(), &BrowserZone);
                            data.loaded.with(|loaded| {
                                loaded.as_ref().map(|l| {
                                    l.activities.values().filter(|a| filter.matches(a, &days, &BrowserZone)).count()
                                })
                            })
                        });
                        tab_button(Tab::Saved(saved_view.id), label, count)
                    })
                    .collect_view()
            }}
        </div>
        {move || match tab.get() {
            Tab::Saved(id) => {
                let (left, right, edit) = (id.clone(), id.clone(), id);
                Some(view! {
                    <div class="tabs__tools">
                        <button type="button" class="button button--small" on:click=move |_| move_view(left.clone(), -1)>{tr(Key::MoveEarlier)}</button>
                        <button type="button" class="button button--small" on:click=move |_| move_view(right.clone(), 1)>{tr(Key::MoveLater)}</button>
                        <button type="button" class="button button--small" on:click=move |_| editing.set(Some(Some(edit.clone())))>{tr(Key::EditView)}</button>
                    </div>
                })
            }
            _ => None,
        }}
    }
}
