//! The rows of the chosen view, windowed, with their actions: complete,
//! reschedule, open the card. The form of an action opens above the list.

use dela_core::activity::Activity;
use dela_core::agenda::{Days, Range};
use dela_core::saved_view::Filter;
use dela_core::user::User;
use dela_core::Id;
use leptos::prelude::*;

use super::data::{AgendaData, Who};
use super::FIRST_VIEW;
use crate::clock;
use crate::components::activity::{ActivityActions, Start};
use crate::components::load::{load, loading};
use crate::components::time::format_instant;
use crate::components::virtual_list::VirtualList;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::routes;
use crate::session::use_session;
use crate::store::{agenda, cards, Store, StoreError};
use crate::zone::BrowserZone;

const ROW_HEIGHT: f64 = 52.0;
const VIEWPORT: f64 = 560.0;
/// Rows shown from storage before the agenda has loaded.
const FIRST_ROWS: u32 = 50;

#[derive(Clone)]
struct Row {
    activity: Activity,
    card_title: String,
}

/// The range of the view the page opens on.
fn first_range() -> Range {
    Range::of(FIRST_VIEW, &Days::at(clock::now(), &BrowserZone))
}

/// The first rows of `range` for `who`, each with its card's title.
async fn read_rows(store: &Store, who: &[Id], range: &Range) -> Result<Vec<(Activity, String)>, StoreError> {
    let activities = agenda::rows(store, who, range, FIRST_ROWS).await?;
    crate::perf::mark("dela:rows-read");
    let owners: Vec<_> = activities.iter().map(|a| a.owner.clone()).collect();
    let titles = cards::titles(store, &owners).await?;
    Ok(activities
        .into_iter()
        .map(|activity| {
            let card_title = titles.get(&activity.owner).cloned().unwrap_or_default();
            (activity, card_title)
        })
        .collect())
}

/// The rows `user` first sees on this page, read with the boot when the
/// app opens on it, so that the page shows them as soon as it is drawn.
pub async fn first_rows(store: &Store, user: &User) -> Result<Vec<(Activity, String)>, StoreError> {
    read_rows(store, std::slice::from_ref(&user.id), &first_range()).await
}

#[component]
pub fn ActivityRows(data: AgendaData, range: Signal<Range>, filter: Signal<Option<Filter>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let editing = RwSignal::new(None::<(Activity, Start)>);

    // Before the agenda is in memory: the first rows straight from storage,
    // or as the boot read them.
    let first_rows = load(move || {
        let (store, who, range) = (session.store(), data.who.get(), range.get());
        let needed = data.loaded.with(Option::is_none);
        let read = (needed && matches!(who, Who::Me(_)) && range == first_range())
            .then(|| session.take_first_rows())
            .flatten();
        async move {
            if !needed {
                return Vec::new();
            }
            let rows = match read {
                Some(rows) => rows,
                None => read_rows(&store, &who.ids(), &range).await.unwrap_or_default(),
            };
            rows.into_iter().map(|(activity, card_title)| Row { activity, card_title }).collect::<Vec<_>>()
        }
    });

    // The ids of the view's rows, in order: cheap to compute and compare
    // (ids are inline), so a view switch never clones the activities.
    let rows = Memo::new(move |_| {
        let days = Days::at(clock::now(), &BrowserZone);
        let from_agenda = data.loaded.with(|loaded| {
            loaded.as_ref().map(|l| match filter.get() {
                Some(filter) => {
                    let mut matching: Vec<&Activity> =
                        l.activities.values().filter(|a| filter.matches(a, &days, &BrowserZone)).collect();
                    dela_core::sort::sort_by(&mut matching, |a, b| {
                        (a.deadline, &a.id).cmp(&(b.deadline, &b.id))
                    });
                    matching.into_iter().map(|a| a.id.clone()).collect::<Vec<Id>>()
                }
                None => l
                    .agenda
                    .rows(&range.get(), 0, usize::MAX)
                    .into_iter()
                    .map(|entry| entry.id.clone())
                    .collect(),
            })
        });
        from_agenda.or_else(|| {
            if filter.read().is_some() {
                return None;
            }
            first_rows.with(|rows| {
                rows.as_ref().map(|rows| rows.iter().map(|row| row.activity.id.clone()).collect())
            })
        })
    });
    // Loading, empty or a list: the list itself is kept while its rows change.
    let state = Memo::new(move |_| rows.with(|rows| rows.as_ref().map(Vec::is_empty)));
    // The list borrows its rows from here rather than cloning them on
    // every read.
    let listed = Memo::new(move |_| rows.get().unwrap_or_default());
    // A row's activity and card title, looked up only for rows in view.
    let lookup = move |id: &Id| -> Option<Row> {
        data.loaded
            .with_untracked(|loaded| {
                loaded.as_ref().and_then(|l| {
                    l.activities.get(id).map(|activity| Row {
                        activity: activity.clone(),
                        card_title: l.titles.get(&activity.owner).cloned().unwrap_or_default(),
                    })
                })
            })
            .or_else(|| {
                first_rows.with_untracked(|rows| {
                    rows.as_ref().and_then(|rows| rows.iter().find(|row| &row.activity.id == id).cloned())
                })
            })
    };

    // The benchmark's "cold open": the first view painted with its counters.
    let painted = StoredValue::new(false);
    Effect::new(move |_| {
        if !painted.get_value() && rows.with(Option::is_some) && data.counts().is_some() {
            painted.set_value(true);
            data.first_shown.set(true);
            crate::perf::mark_painted("dela:agenda-painted");
        }
    });

    // A row's action form gets the activity when it opens, not when the
    // row is drawn.
    let open = move |id: &Id, start: Start| {
        if let Some(row) = lookup(id) {
            editing.set(Some((row.activity, start)));
        }
    };

    // Rows are rendered with plain text (the window re-renders when the
    // language changes): a list of thousands stays cheap to scroll and switch.
    let render = move |_index: usize, id: Id| {
        let row = lookup(&id)?;
        let lang = lang.get();
        let activity = row.activity;
        let overdue = activity.deadline < clock::now();
        let kind = activity.kind.label().text(lang);
        let direction = activity.kind.has_direction().then(|| activity.direction.label().text(lang));
        let card_kind = activity.owner.kind.label().text(lang);
        let deadline = format_instant(activity.deadline, lang);
        let href = routes::card_of(&activity.owner);
        let complete_name = format!("{}: {}", Key::Complete.text(lang), activity.subject);
        let reschedule_name = format!("{}: {}", Key::Reschedule.text(lang), activity.subject);
        let high = activity.priority == dela_core::activity::Priority::High;
        let (subject, title) = (activity.subject.clone(), activity.subject);
        let (for_complete, for_reschedule) = (id.clone(), id);
        Some(view! {
            <div class="agenda-row" class:agenda-row--high=high>
                <span class="tag">{kind}</span>
                <span class="agenda-row__direction muted">{direction}</span>
                <span class="agenda-row__subject" title=title>{subject}</span>
                <time class="deadline" class:deadline--overdue=overdue>{deadline}</time>
                <a href=href class="agenda-row__card">
                    <span class="muted">{card_kind}": "</span>{row.card_title}
                </a>
                <span class="agenda-row__actions">
                    <button type="button" class="button button--small" aria-label=complete_name
                        on:click=move |_| open(&for_complete, Start::Complete)>{Key::Complete.text(lang)}</button>
                    <button type="button" class="button button--small" aria-label=reschedule_name
                        on:click=move |_| open(&for_reschedule, Start::Reschedule)>{Key::Reschedule.text(lang)}</button>
                </span>
            </div>
        })
    };

    view! {
        {move || editing.get().map(|(activity, start)| {
            let subject = activity.subject.clone();
            view! {
                <section class="panel panel--focus" aria-label=subject.clone()>
                    <h2 class="subheading">{subject.clone()}</h2>
                    <ActivityActions activity start on_close=Callback::new(move |_| editing.set(None)) />
                </section>
            }
        })}
        {move || match state.get() {
            None => loading(),
            Some(true) => view! { <p class="empty">{tr(Key::ViewEmpty)}</p> }.into_any(),
            Some(false) => view! {
                <VirtualList
                    rows=listed
                    row_height=ROW_HEIGHT
                    viewport=VIEWPORT
                    render
                    label=Signal::derive(move || Key::Activities.text(lang.get()).to_owned())
                />
            }.into_any(),
        }}
    }
}
