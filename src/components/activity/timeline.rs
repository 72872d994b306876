//! A card's activities: planned ones on top by deadline, then completed
//! ones, newest first; and the button to plan a new one.

use dela_core::activity::Activity;
use dela_core::record::CardRef;
use leptos::prelude::*;

use super::actions::ActivityActions;
use super::form::ActivityForm;
use crate::clock;
use crate::components::load::{load, loading};
use crate::components::time::format_instant;
use crate::errors::StorageAlert;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::Label;
use crate::session::use_session;
use crate::store::activities;

#[component]
pub fn ActivityPanel(card: CardRef) -> impl IntoView {
    let session = use_session();
    let adding = RwSignal::new(false);
    let owner = card.clone();
    let list = load(move || {
        session.track();
        let (store, card) = (session.store(), owner.clone());
        async move { activities::of_card(&store, &card).await }
    });
    view! {
        <section class="panel" aria-labelledby="activities-heading">
            <div class="panel__head">
                <h2 id="activities-heading">{tr(Key::Activities)}</h2>
                <button type="button" class="button" on:click=move |_| adding.set(true) disabled=move || adding.get()>
                    {tr(Key::AddActivity)}
                </button>
            </div>
            {
                let card = card.clone();
                move || adding.get().then(|| view! { <ActivityForm card=card.clone() on_done=Callback::new(move |_| adding.set(false)) /> })
            }
            {move || match list.get() {
                None => loading(),
                Some(Err(error)) => view! { <StorageAlert error /> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! { <p class="muted">{tr(Key::NoActivities)}</p> }.into_any(),
                Some(Ok(items)) => view! {
                    <ol class="timeline plain">
                        {items.into_iter().map(|activity| view! { <TimelineItem activity /> }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TimelineItem(activity: Activity) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let overdue = activity.is_open() && activity.deadline < clock::now();
    let (kind, deadline) = (activity.kind.label(), activity.deadline);
    let direction = activity.kind.has_direction().then(|| activity.direction.label());
    let responsible = session.name_of(&activity.responsible);
    let completion = activity.completion.clone();
    let open = activity.is_open();
    view! {
        <li class="timeline__item" class:timeline__item--done=!open>
            <div class="timeline__main">
                <span class="tag">{move || kind.text(lang.get())}</span>
                {direction.map(|d| view! { <span class="tag tag--muted">{move || d.text(lang.get())}</span> })}
                <strong class="timeline__subject">{activity.subject.clone()}</strong>
                <time class="deadline" class:deadline--overdue=overdue>{move || format_instant(deadline, lang.get())}</time>
                <span class="muted">{responsible}</span>
            </div>
            {(!activity.description.is_empty()).then(|| view! { <p class="prewrap muted">{activity.description.clone()}</p> })}
            {completion.map(|done| view! {
                <p class="timeline__result">
                    <span class="muted">{tr(Key::Result)}": "</span>{done.result}
                </p>
            })}
            {open.then(|| view! { <ActivityActions activity=activity.clone() deletable=true /> })}
        </li>
    }
}
