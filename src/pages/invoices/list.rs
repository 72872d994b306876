//! The invoices list.

use dela_core::invoice::Invoice;
use leptos::prelude::*;

use crate::components::card_list::{load_cards, CardList};
use crate::i18n::{use_lang, Key};
use crate::labels::Label;

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let lang = use_lang();
    let columns = &[Key::Number, Key::Amount, Key::DueDate, Key::Status];
    let cells = move |invoice: &Invoice| {
        let status = invoice.status.label();
        view! {
            <td>{invoice.amount.to_string()}</td>
            <td>{invoice.due.to_string()}</td>
            <td>{move || status.text(lang.get())}</td>
        }
        .into_any()
    };
    view! { <CardList rows={load_cards::<Invoice>()} columns cells /> }
}
