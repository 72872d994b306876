//! The robots a deal is waiting for: each pending job of its stage with
//! what it will do and when, so a manager sees what automation is about to
//! happen (and a trainer can show it).

use dela_core::deal::Deal;
use dela_core::robots::{Job, JobState};
use leptos::prelude::*;

use crate::components::describe;
use crate::components::load::load;
use crate::components::time::format_instant;
use crate::i18n::{tr, use_lang, Key};
use crate::session::use_session;
use crate::store::deal_jobs;

#[component]
pub fn WaitingRobots(deal: Deal) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = deal.id.clone();
    let jobs = load(move || {
        session.track();
        let (store, id) = (session.store(), id.clone());
        async move { deal_jobs::open_jobs(&store, &id).await.unwrap_or_default() }
    });
    move || {
        let mut jobs: Vec<Job> = jobs.get()?;
        if jobs.is_empty() {
            return None;
        }
        dela_core::sort::sort_by_key(&mut jobs, |job| job.due_at);
        let lang_now = lang.get();
        let rows = session.setup().with(|setup| {
            jobs.iter()
                .filter_map(|job| {
                    let robot = setup.robots.iter().find(|robot| robot.id == job.robot)?;
                    let what = describe::robot(lang_now, &session, robot);
                    let when = match (&job.state, job.due_at) {
                        (JobState::Pending, Some(due)) => format_instant(due, lang_now),
                        (JobState::WaitingForDate, _) => Key::WaitsForDate.text(lang_now).to_owned(),
                        _ => Key::WaitsPrevious.text(lang_now).to_owned(),
                    };
                    Some(view! { <li class="robots__item"><span>{what}</span><time class="muted">{when}</time></li> })
                })
                .collect_view()
        });
        Some(view! {
            <section class="panel" aria-labelledby="waiting-heading">
                <h2 id="waiting-heading">{tr(Key::WaitingRobots)}</h2>
                <ul class="plain robots__list">{rows}</ul>
            </section>
        })
    }
}
