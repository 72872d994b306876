//! What runs by itself while the app is open: the header's counters (which
//! also move when midnight passes), unread notifications (shown on the
//! desktop when allowed), due occurrences of recurring tasks, task reminders,
//! due robot jobs, and the periodic pool rule. Each tick
//! reads the injected clock, so a shifted practicum clock drives it too.

use std::time::Duration;

use dela_core::agenda::Days;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::desktop;
use crate::session::Session;
use crate::store::{agenda, inbox, pool, robots, settings, tasks};
use crate::zone::BrowserZone;

const TICK: Duration = Duration::from_secs(60);

/// Creates the occurrences of recurring tasks that became due.
async fn run_series(session: Session) {
    if let Ok(created) = tasks::run_series(&session.store(), &session.me(), clock::now(), &BrowserZone).await
    {
        if created > 0 {
            session.changed();
        }
    }
}

async fn refresh_counts(session: Session) {
    let days = Days::at(clock::now(), &BrowserZone);
    let (store, me) = (session.store(), session.me());
    if let Ok(counts) = agenda::counts(&store, std::slice::from_ref(&me), &days).await {
        session.counts.try_set(counts);
    }
    if let Ok(unread) = inbox::unread_count(&store, &me).await {
        let before = session.unread.get_untracked();
        session.unread.try_set(unread);
        if unread > before {
            desktop::announce(&store, &me, unread - before).await;
        }
    }
}

/// Robot jobs that became due, those of the time the app was closed
/// included.
async fn run_robots(session: Session) {
    if let Ok(ran) = robots::run_due(&session.store(), clock::now(), &BrowserZone).await {
        if ran > 0 {
            session.changed();
        }
    }
}

/// Task reminders and overdue notices that became due.
async fn run_alerts(session: Session) {
    if let Ok(sent) = tasks::run_alerts(&session.store(), clock::now()).await {
        if sent > 0 {
            session.changed();
        }
    }
}

/// Runs the periodic pool rule when it is due, as the current user if they
/// may hand out clients.
async fn run_pool_rule(session: Session) {
    let actor = session.user.get_untracked();
    if !actor.oversees_team() {
        return;
    }
    let store = session.store();
    let Ok(mut rule) = settings::pool_rule(&store).await else { return };
    let now = clock::now();
    if !rule.is_due(now) {
        return;
    }
    let Ok((companies, contacts)) = pool::clients(&store).await else { return };
    let mut waiting: Vec<_> = companies.iter().map(|c| (c.client.status_since, c.card())).collect();
    waiting.extend(contacts.iter().map(|c| (c.client.status_since, c.card())));
    waiting.sort_by_key(|(since, _)| *since);
    let cards: Vec<_> = waiting.into_iter().map(|(_, card)| card).collect();
    let pairs = rule.run(&cards, now);
    if !pairs.is_empty() {
        if pool::assign_pairs(&store, &pairs, &actor, now).await.is_err() {
            return;
        }
        session.changed();
    }
    let _ = settings::save_pool_rule(&store, &rule).await;
}

pub fn start(session: Session) {
    // Every write may have started robots that run at once ("immediately"
    // robots of a stage just entered); they run before the counters refresh.
    Effect::new(move |_| {
        session.track();
        session.user.track();
        spawn_local(async move {
            run_robots(session).await;
            refresh_counts(session).await;
        });
    });
    let tick = move || {
        spawn_local(async move {
            run_series(session).await;
            run_alerts(session).await;
            run_robots(session).await;
            refresh_counts(session).await;
            run_pool_rule(session).await;
        })
    };
    tick();
    set_interval(tick, TICK);
}
