//! What every page reaches through context: the open store, the current
//! user, and a revision counter that reloads data after each write.

use dela_core::user::User;
use leptos::prelude::*;

use crate::store::Store;

/// Everything the app needs once storage is open.
#[derive(Clone)]
pub struct Boot {
    pub store: Store,
    pub user: User,
}

#[derive(Clone, Copy)]
pub struct Session {
    store: StoredValue<Store, LocalStorage>,
    pub user: RwSignal<User>,
    revision: RwSignal<u64>,
}

impl Session {
    pub fn new(boot: Boot) -> Self {
        Self {
            store: StoredValue::new_local(boot.store),
            user: RwSignal::new(boot.user),
            revision: RwSignal::new(0),
        }
    }

    pub fn store(&self) -> Store {
        self.store.get_value()
    }

    /// Subscribes the calling resource to data changes.
    pub fn track(&self) {
        self.revision.track();
    }

    /// Tells every loaded view that stored data changed.
    pub fn changed(&self) {
        self.revision.update(|revision| *revision += 1);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
