//! My activities (Мои дела), the home page: the standard views in the order
//! they are worked, each with its counter; the user's own saved views; and
//! the cards without a planned activity.
//!
//! Opening reads counters and the first rows straight from IndexedDB
//! indexes; meanwhile the open activities of the person shown are loaded
//! into the core's agenda index, which then answers view switches and
//! recounts in memory, updated one activity at a time.

mod data;
mod discipline;
mod rows;
mod saved;
mod tabs;

use dela_core::agenda::{Days, Range, View};
use dela_core::Id;
use leptos::prelude::*;

pub use self::rows::first_rows;

use self::data::{AgendaData, Who};
use self::discipline::DisciplineList;
use self::rows::ActivityRows;
use self::saved::ViewEditor;
use self::tabs::{Tab, Tabs};
use crate::clock;
use crate::components::field::Select;
use crate::components::load::load;
use crate::i18n::{tr, use_lang, Key};
use crate::session::use_session;
use crate::store::views;
use crate::zone::BrowserZone;

/// The view the page opens on: incoming activities are answered first.
const FIRST_VIEW: View = View::Incoming;

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let who_value = RwSignal::new("me".to_owned());
    let tab = RwSignal::new(Tab::Standard(FIRST_VIEW));
    let editing_view = RwSignal::new(None::<Option<Id>>);

    let who = Memo::new(move |_| {
        let me = session.user().get();
        session.org().with(|org| Who::parse(&who_value.get(), &me, &session.team().get(), org))
    });
    let data = AgendaData::new(session, who);
    // One list for every view: switching views changes what it shows, it
    // does not build a new list.
    let is_discipline = Memo::new(move |_| tab.get() == Tab::Discipline);
    let range = Signal::derive(move || match tab.get() {
        Tab::Standard(view) => Range::of(view, &Days::at(clock::now(), &BrowserZone)),
        _ => Range::ALL,
    });

    let saved_views = load(move || {
        session.track();
        let (store, me) = (session.store(), session.user().get().id);
        async move { views::of_user(&store, &me).await.unwrap_or_default() }
    });
    let filter = Signal::derive(move || match tab.get() {
        Tab::Saved(id) => {
            saved_views.get().unwrap_or_default().into_iter().find(|v| v.id == id).map(|v| v.filter)
        }
        _ => None,
    });

    let whose_options =
        Signal::derive(move || {
            let lang = lang.get();
            let mut options = vec![("me".to_owned(), Key::WhoMe.text(lang).to_owned())];
            let me = session.user().get();
            session.org().with(|org| {
                options.extend(org.visible_to(&me).into_iter().map(|d| {
                    (format!("dept:{}", d.id), format!("{}: {}", Key::Department.text(lang), d.name))
                }));
            });
            if me.oversees_team() {
                options.push(("team".to_owned(), Key::WhoTeam.text(lang).to_owned()));
                options.extend(
                    session
                        .team()
                        .get()
                        .into_iter()
                        .filter(|u| u.id != me.id)
                        .map(|u| (format!("user:{}", u.id), u.name)),
                );
            }
            options
        });

    view! {
        <div class="page__head">
            <h1>{tr(Key::MyActivities)}</h1>
            <div class="page__actions">
                {move || (whose_options.with(Vec::len) > 1).then(|| view! {
                    <Select id="whose" label=Key::Whose value=who_value options=whose_options compact=true />
                })}
                <button type="button" class="button" on:click=move |_| editing_view.set(Some(None))>{tr(Key::NewView)}</button>
            </div>
        </div>
        {move || clock::is_shifted().then(|| view! { <p class="notice" role="note">{tr(Key::ClockShifted)}</p> })}
        <Tabs tab data saved=saved_views editing=editing_view />
        {move || editing_view.get().map(|id| view! { <ViewEditor id saved=saved_views on_done=Callback::new(move |_| editing_view.set(None)) /> })}
        <div role="tabpanel" id="agenda-panel" aria-labelledby=move || tab.get().tab_id()>
            {move || if is_discipline.get() {
                view! { <DisciplineList who /> }.into_any()
            } else {
                view! { <ActivityRows data range filter /> }.into_any()
            }}
        </div>
    }
}
