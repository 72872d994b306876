//! What runs by itself while the app is open: the header's counters (which
//! also move when midnight passes), unread notifications (shown on the
//! desktop when allowed), due occurrences of recurring tasks, task reminders,
//! due robot jobs, and the periodic pool rule. Each tick
//! reads the injected clock, so a shifted practicum clock drives it too.
//! A write that fails is shown (`Session::background`) and tried again at
//! the next tick: the due jobs, occurrences and alerts stay due until then.

use std::time::Duration;

use dela_core::agenda::Days;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::desktop;
use crate::session::{Background, Session};
use crate::store::ActionError;
use crate::store::{agenda, inbox, pool, robots, tasks, StoreError};
use crate::zone::BrowserZone;

const TICK: Duration = Duration::from_secs(60);

/// Notes how a background `work` went, and tells the pages when it wrote
/// something (`done` records).
fn note(session: Session, work: Background, done: Result<usize, StoreError>) {
    if session.background(work, done).is_some_and(|done| done > 0) {
        session.changed();
    }
}

/// Creates the occurrences of recurring tasks that became due.
async fn run_series(session: Session) {
    let created = tasks::run_series(&session.store(), &session.me(), clock::now(), &BrowserZone).await;
    note(session, Background::Series, created);
}

async fn refresh_counts(session: Session) {
    let days = Days::at(clock::now(), &BrowserZone);
    let (store, me) = (session.store(), session.me());
    if let Ok(counts) = agenda::counts(&store, std::slice::from_ref(&me), &days).await {
        session.counts_read(counts);
    }
    if let Ok(unread) = inbox::unread_count(&store, &me).await {
        let before = session.unread().get_untracked();
        session.unread_counted(unread);
        if unread > before {
            desktop::announce(&store, &me, unread - before).await;
        }
    }
}

/// Robot jobs that became due, those of the time the app was closed
/// included.
async fn run_robots(session: Session) {
    let ran = robots::run_due(&session.store(), clock::now(), &BrowserZone).await;
    note(session, Background::Robots, ran);
}

/// Task reminders and overdue notices that became due.
async fn run_alerts(session: Session) {
    let sent = tasks::run_alerts(&session.store(), clock::now()).await;
    note(session, Background::Alerts, sent);
}

/// Runs the periodic pool rule when it is due, as the current user if they
/// may hand out clients.
async fn run_pool_rule(session: Session) {
    let actor = session.user().get_untracked();
    let handed = match pool::run_rule(&session.store(), &actor, clock::now()).await {
        Ok(handed) => Ok(handed),
        // Not a head: the rule waits for one to open the app.
        Err(ActionError::Invalid(_) | ActionError::Refused(_) | ActionError::NotFound) => Ok(0),
        Err(ActionError::Store(error)) => Err(error),
    };
    note(session, Background::PoolRule, handed);
}

pub fn start(session: Session) {
    // Every write may have started robots that run at once ("immediately"
    // robots of a stage just entered); they run before the counters refresh.
    Effect::new(move |_| {
        session.track();
        session.user().track();
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
