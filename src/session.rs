//! What every page reaches through context: the open store, the current
//! user and the team, pipelines and the automation setup, and a revision counter that reloads
//! data after each write.

use std::collections::HashMap;

use dela_core::activity::Activity;
use dela_core::agenda::Counts;
use dela_core::org::OrgChart;
use dela_core::pipeline::{Pipeline, Stage};
use dela_core::robots::Setup;
use dela_core::user::User;
use dela_core::Id;
use leptos::prelude::*;

use crate::store::{Store, StoreError};

/// Everything the app needs once storage is open.
#[derive(Clone)]
pub struct Boot {
    pub store: Store,
    pub user: User,
    pub team: Vec<User>,
    pub pipelines: Vec<Pipeline>,
    pub setup: Setup,
    pub org: OrgChart,
    /// The user's counters, read with the rest (`None` if they could not be).
    pub counts: Option<Counts>,
    /// The first rows of My activities with their cards' titles, when the
    /// app opens on it.
    pub first_rows: Option<Vec<(Activity, String)>>,
}

#[derive(Clone, Copy)]
pub struct Session {
    store: StoredValue<Store, LocalStorage>,
    user: RwSignal<User>,
    team: RwSignal<Vec<User>>,
    /// Every pipeline, the default first.
    pipelines: RwSignal<Vec<Pipeline>>,
    /// Custom fields, robots, triggers, work calendar.
    setup: RwSignal<Setup>,
    org: RwSignal<OrgChart>,
    /// My counters, for the header and My activities; `None` until read.
    counts: RwSignal<Option<Counts>>,
    /// My unread notifications, for the header.
    unread: RwSignal<usize>,
    /// The last activity saved, so My activities can update its index for
    /// that one activity instead of reloading.
    saved_activity: RwSignal<Option<Activity>>,
    revision: RwSignal<u64>,
    /// Like `revision`, but not moved by a saved activity.
    others: RwSignal<u64>,
    /// What the boot read for the first view of My activities, until taken.
    first_rows: StoredValue<Option<Vec<(Activity, String)>>>,
    /// Work the app does by itself whose last write failed: kept until it
    /// succeeds, so the failure is seen rather than lost.
    failed: RwSignal<Vec<(Background, StoreError)>>,
}

/// The work the scheduler does by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Robots,
    Series,
    Alerts,
    PoolRule,
}

impl Session {
    pub fn new(boot: Boot) -> Self {
        Self {
            store: StoredValue::new_local(boot.store),
            user: RwSignal::new(boot.user),
            team: RwSignal::new(boot.team),
            pipelines: RwSignal::new(boot.pipelines),
            setup: RwSignal::new(boot.setup),
            org: RwSignal::new(boot.org),
            counts: RwSignal::new(boot.counts),
            unread: RwSignal::new(0),
            saved_activity: RwSignal::new(None),
            revision: RwSignal::new(0),
            others: RwSignal::new(0),
            first_rows: StoredValue::new(boot.first_rows),
            failed: RwSignal::new(Vec::new()),
        }
    }

    /// The first rows of My activities as the boot read them, once: a
    /// later view reads its own.
    pub fn take_first_rows(&self) -> Option<Vec<(Activity, String)>> {
        self.first_rows.try_update_value(Option::take).flatten()
    }

    pub fn store(&self) -> Store {
        self.store.get_value()
    }

    pub fn me(&self) -> Id {
        self.user.with_untracked(|user| user.id.clone())
    }

    pub fn user(&self) -> ReadSignal<User> {
        self.user.read_only()
    }

    pub fn team(&self) -> ReadSignal<Vec<User>> {
        self.team.read_only()
    }

    pub fn pipelines(&self) -> ReadSignal<Vec<Pipeline>> {
        self.pipelines.read_only()
    }

    pub fn setup(&self) -> ReadSignal<Setup> {
        self.setup.read_only()
    }

    pub fn org(&self) -> ReadSignal<OrgChart> {
        self.org.read_only()
    }

    pub fn counts(&self) -> ReadSignal<Option<Counts>> {
        self.counts.read_only()
    }

    pub fn unread(&self) -> ReadSignal<usize> {
        self.unread.read_only()
    }

    pub fn saved_activity(&self) -> ReadSignal<Option<Activity>> {
        self.saved_activity.read_only()
    }

    /// Who uses the app now (the "You are" switch). The counters were the
    /// previous user's: unknown until read again.
    pub fn signed_in_as(&self, user: User) {
        self.counts.set(None);
        self.user.set(user);
    }

    /// The team as stored after an edit.
    pub fn team_saved(&self, team: Vec<User>) {
        self.team.set(team);
    }

    /// Pipelines as stored after an edit, for every page that shows stages.
    pub fn pipelines_saved(&self, pipelines: Vec<Pipeline>) {
        self.pipelines.set(pipelines);
    }

    /// The automation setup as stored after an edit.
    pub fn setup_saved(&self, setup: Setup) {
        self.setup.set(setup);
    }

    /// The org chart as stored after an edit.
    pub fn org_saved(&self, org: OrgChart) {
        self.org.set(org);
    }

    /// My counters as read from storage; a tick that outlives the shell (a
    /// page left) writes nothing.
    pub fn counts_read(&self, counts: Counts) {
        self.counts.try_set(Some(counts));
    }

    /// How many notifications are unread, as counted or marked read.
    pub fn unread_counted(&self, unread: usize) {
        self.unread.try_set(unread);
    }

    /// Subscribes the calling loader to data changes.
    pub fn track(&self) {
        self.revision.track();
    }

    /// Subscribes the calling loader to data changes other than a saved
    /// activity, for a view that applies saved activities itself (My
    /// activities): a reload after its own update would only redo it.
    pub fn track_but_activities(&self) {
        self.others.track();
    }

    /// Tells every loaded view that stored data changed.
    pub fn changed(&self) {
        self.revision.update(|revision| *revision += 1);
        self.others.update(|revision| *revision += 1);
    }

    /// Notes how background `work` went: a failure stays shown until the
    /// same work succeeds. The value on success.
    pub fn background<T>(&self, work: Background, result: Result<T, StoreError>) -> Option<T> {
        let outcome = result.map_err(|error| (work, error));
        self.failed.update(|failed| {
            failed.retain(|(other, _)| *other != work);
            if let Err(failure) = &outcome {
                failed.push(failure.clone());
            }
        });
        outcome.ok()
    }

    /// Background work whose last write failed, with why.
    pub fn failed_background(&self) -> Signal<Vec<(Background, StoreError)>> {
        self.failed.into()
    }

    /// Reports a saved activity, then a data change.
    pub fn activity_saved(&self, activity: Activity) {
        // The benchmark's recount counts from here: the edit is committed.
        crate::perf::mark("dela:recount-start");
        self.saved_activity.set(Some(activity));
        self.revision.update(|revision| *revision += 1);
    }

    /// A user's name, or the id when the user is unknown here.
    pub fn name_of(&self, id: &Id) -> String {
        self.team
            .with(|team| team.iter().find(|u| &u.id == id).map(|u| u.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn names(&self) -> HashMap<Id, String> {
        self.team.with(|team| team.iter().map(|u| (u.id.clone(), u.name.clone())).collect())
    }

    pub fn pipeline(&self, id: &Id) -> Option<Pipeline> {
        self.pipelines.with(|all| all.iter().find(|p| &p.id == id).cloned())
    }

    /// A stage by id, in whichever pipeline holds it.
    pub fn stage(&self, id: &Id) -> Option<Stage> {
        self.pipelines.with(|all| all.iter().find_map(|p| p.stage(id).cloned()))
    }

    /// A custom field's name, or its id when it was deleted.
    pub fn field_name(&self, id: &Id) -> String {
        self.setup
            .with(|setup| setup.fields.iter().find(|f| &f.id == id).map(|f| f.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    /// (value, label) pairs for a select of users.
    pub fn user_options(&self) -> Vec<(String, String)> {
        self.team.with(|team| team.iter().map(|u| (u.id.to_string(), u.name.clone())).collect())
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
