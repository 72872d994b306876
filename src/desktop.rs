//! The browser's own notifications, when the user allowed them: new
//! messages of the notification centre also pop up outside the tab.

use dela_core::Id;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use crate::store::{inbox, Store};

pub fn allowed() -> bool {
    Notification::permission() == NotificationPermission::Granted
}

/// Asks the browser for permission; whether it was given.
pub async fn ask() -> bool {
    match Notification::request_permission() {
        Ok(promise) => {
            JsFuture::from(promise).await.is_ok_and(|answer| answer.as_string().as_deref() == Some("granted"))
        }
        Err(_) => false,
    }
}

/// Shows the newest `count` unread messages of `user`.
pub async fn announce(store: &Store, user: &Id, count: usize) {
    if !allowed() {
        return;
    }
    let Ok(messages) = inbox::list(store, user).await else { return };
    for message in messages.into_iter().filter(|m| !m.read).take(count.min(3)) {
        let options = NotificationOptions::new();
        options.set_tag(message.id.as_str());
        let _ = Notification::new_with_options(&message.text, &options);
    }
}
