//! The activities behind the page: counters and first rows from IndexedDB
//! at once, then the whole open agenda of the person shown, kept current
//! one saved activity at a time.

use std::collections::HashMap;

use dela_core::activity::Activity;
use dela_core::agenda::{Agenda, Counts, Days};
use dela_core::org::OrgChart;
use dela_core::record::CardRef;
use dela_core::user::User;
use dela_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::session::Session;
use crate::store::{agenda, cards, Store};
use crate::zone::BrowserZone;

/// Whose activities the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Who {
    Me(Id),
    User(Id),
    Team(Vec<Id>),
}

impl Who {
    /// What the "whose" select chose; someone `me` may not look at reads
    /// as `me` (see `OrgChart::visible_to`, `User::oversees_team`).
    pub fn parse(value: &str, me: &User, team: &[User], org: &OrgChart) -> Self {
        if let Some(department) = value.strip_prefix("dept:").and_then(Id::parse) {
            if org.visible_to(me).iter().any(|visible| visible.id == department) {
                return Who::Team(org.members(&department).into_iter().cloned().collect());
            }
        }
        match value {
            "team" if me.oversees_team() => Who::Team(team.iter().map(|u| u.id.clone()).collect()),
            other => match other.strip_prefix("user:").and_then(Id::parse) {
                Some(id) if me.oversees_team() => Who::User(id),
                _ => Who::Me(me.id.clone()),
            },
        }
    }

    pub fn ids(&self) -> Vec<Id> {
        match self {
            Who::Me(id) | Who::User(id) => vec![id.clone()],
            Who::Team(ids) => ids.clone(),
        }
    }

    pub fn includes(&self, user: &Id) -> bool {
        match self {
            Who::Me(id) | Who::User(id) => id == user,
            Who::Team(ids) => ids.contains(user),
        }
    }
}

/// The open activities of the person shown, indexed.
#[derive(Clone, Default)]
pub struct Loaded {
    pub agenda: Agenda,
    pub activities: HashMap<Id, Activity>,
    pub titles: HashMap<CardRef, String>,
}

#[derive(Clone, Copy)]
pub struct AgendaData {
    pub who: Memo<Who>,
    /// The user's own counters, as the session keeps them (read with the
    /// boot, then after every write).
    mine: ReadSignal<Option<Counts>>,
    /// Anyone else's counters (or the user's when the session could not
    /// read them), read from IndexedDB before the agenda is loaded.
    quick_counts: RwSignal<Option<Counts>>,
    /// Set once the first view is on screen (or could not be read): only
    /// then does the whole agenda load, so that its large read does not
    /// hold up the small ones the first view needs.
    pub first_shown: RwSignal<bool>,
    pub loaded: RwSignal<Option<Loaded>>,
}

async fn load_all(store: Store, who: Who) -> Option<Loaded> {
    let ids = who.ids();
    let open = agenda::open(&store, &ids).await.ok()?;
    let owners: Vec<CardRef> = open.iter().map(|a| a.owner.clone()).collect();
    let titles = cards::titles(&store, &owners).await.ok()?;
    let agenda = Agenda::build(&open, |user| ids.contains(user));
    let activities = open.into_iter().map(|a| (a.id.clone(), a)).collect();
    Some(Loaded { agenda, activities, titles })
}

impl AgendaData {
    pub fn new(session: Session, who: Memo<Who>) -> Self {
        let data = Self {
            who,
            mine: session.counts(),
            quick_counts: RwSignal::new(None),
            first_shown: RwSignal::new(false),
            loaded: RwSignal::new(None),
        };
        // Counters first, from the tallies, unless the session has them.
        Effect::new(move |_| {
            let current = who.get();
            data.quick_counts.set(None);
            if matches!(current, Who::Me(_)) && data.mine.get_untracked().is_some() {
                return;
            }
            let (store, ids) = (session.store(), current.ids());
            spawn_local(async move {
                let days = Days::at(clock::now(), &BrowserZone);
                match agenda::counts(&store, &ids, &days).await {
                    Ok(counts) => {
                        crate::perf::mark("dela:counts-read");
                        data.quick_counts.try_set(Some(counts));
                    }
                    // Without quick counters, the whole load is the next chance.
                    Err(_) => {
                        data.first_shown.try_set(true);
                    }
                }
            });
        });
        // Then the whole agenda, again after every change of stored data
        // but a saved activity, which the effect below applies.
        Effect::new(move |_| {
            session.track_but_activities();
            if !data.first_shown.get() {
                return;
            }
            let (store, current) = (session.store(), who.get());
            spawn_local(async move {
                if let Some(loaded) = load_all(store, current).await {
                    data.loaded.try_set(Some(loaded));
                    crate::perf::mark("dela:agenda-loaded");
                }
            });
        });
        // A saved activity updates the agenda at once, without a reload.
        Effect::new(move |_| {
            let Some(activity) = session.saved_activity().get() else { return };
            let current = who.get_untracked();
            data.loaded.update(|loaded| {
                if let Some(loaded) = loaded {
                    loaded.agenda.update(&activity, |user| current.includes(user));
                    if activity.is_open() && current.includes(&activity.responsible) {
                        loaded.activities.insert(activity.id.clone(), activity);
                    } else {
                        loaded.activities.remove(&activity.id);
                    }
                }
            });
            // Counters and rows follow the agenda within this task; they
            // are on screen at the next frame.
            crate::perf::measure_painted("dela:recount");
        });
        data
    }

    /// The counters to show: from the agenda when loaded, else as read.
    pub fn counts(&self) -> Option<Counts> {
        let days = Days::at(clock::now(), &BrowserZone);
        self.loaded
            .with(|loaded| loaded.as_ref().map(|l| l.agenda.counts(&days)))
            .or_else(|| self.quick_counts.get())
            .or_else(|| self.who.with(|who| matches!(who, Who::Me(_))).then(|| self.mine.get()).flatten())
    }
}
