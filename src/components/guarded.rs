//! Settings that only some people may change (see
//! `dela_core::permissions`): shown to everyone, their controls disabled,
//! with the reason, for the others.

use dela_core::user::User;
use leptos::prelude::*;

use crate::i18n::{tr, Key};
use crate::session::use_session;

/// `children` disabled, with the reason above them, unless the current user
/// passes `may`: one of the administrator's powers.
#[component]
pub fn Guarded(may: fn(&User) -> bool, children: Children) -> impl IntoView {
    let session = use_session();
    let refused = move || !session.user().with(may);
    view! {
        <fieldset class="guarded" disabled=refused>
            {move || refused().then(|| view! { <p class="notice" role="note">{tr(Key::OnlyAdministrator)}</p> })}
            {children()}
        </fieldset>
    }
}
