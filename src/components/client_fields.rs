//! The client part of contact and company forms: several phones, e-mails
//! and messenger handles, each with its kind, and the responsible.

use dela_core::client::ClientDraft;
use dela_core::contact_point::{MessengerKind, PointKind};
use leptos::prelude::*;

use super::field::{Select, TextField};
use super::form::FormState;
use crate::i18n::{tr, use_lang, Key};
use crate::labels::options;
use crate::session::use_session;

/// One typed row: its kind code and its value.
#[derive(Clone, Copy)]
pub struct Row {
    kind: RwSignal<String>,
    value: RwSignal<String>,
}

impl Row {
    fn new(kind: &str, value: String) -> Self {
        Self { kind: RwSignal::new(kind.to_owned()), value: RwSignal::new(value) }
    }
}

/// The inputs of the client part. Rows live in their own signals so that
/// typing in one never re-renders the list (and never loses focus).
#[derive(Clone, Copy)]
pub struct ClientInputs {
    phones: RwSignal<Vec<Row>>,
    emails: RwSignal<Vec<Row>>,
    messengers: RwSignal<Vec<Row>>,
    pub responsible: RwSignal<String>,
}

fn rows<K: Copy>(items: &[(K, String)], code: fn(K) -> &'static str, empty: &str) -> RwSignal<Vec<Row>> {
    let mut rows: Vec<Row> = items.iter().map(|(kind, value)| Row::new(code(*kind), value.clone())).collect();
    if rows.is_empty() {
        rows.push(Row::new(empty, String::new()));
    }
    RwSignal::new(rows)
}

fn read<K>(rows: RwSignal<Vec<Row>>, parse: fn(&str) -> Option<K>, default: K) -> Vec<(K, String)>
where
    K: Copy,
{
    rows.with_untracked(|rows| {
        rows.iter()
            .map(|row| (parse(&row.kind.get_untracked()).unwrap_or(default), row.value.get_untracked()))
            .collect()
    })
}

impl ClientInputs {
    pub fn new(draft: &ClientDraft) -> Self {
        Self {
            phones: rows(&draft.phones, PointKind::code, PointKind::Work.code()),
            emails: rows(&draft.emails, PointKind::code, PointKind::Work.code()),
            messengers: rows(&draft.messengers, MessengerKind::code, MessengerKind::Telegram.code()),
            responsible: RwSignal::new(draft.responsible.clone()),
        }
    }

    pub fn draft(&self) -> ClientDraft {
        ClientDraft {
            phones: read(self.phones, PointKind::from_code, PointKind::Work),
            emails: read(self.emails, PointKind::from_code, PointKind::Work),
            messengers: read(self.messengers, MessengerKind::from_code, MessengerKind::Telegram),
            responsible: self.responsible.get_untracked(),
        }
    }
}

fn messenger_name(kind: MessengerKind) -> &'static str {
    match kind {
        MessengerKind::Telegram => "Telegram",
        MessengerKind::WhatsApp => "WhatsApp",
        MessengerKind::Viber => "Viber",
        MessengerKind::Other => "…",
    }
}

#[component]
fn RowList(
    field: &'static str,
    label: Key,
    kind_label: Key,
    add_label: Key,
    rows: RwSignal<Vec<Row>>,
    kinds: Signal<Vec<(String, String)>>,
    input_type: &'static str,
    form: FormState,
) -> impl IntoView {
    let first_kind =
        move || kinds.with_untracked(|k| k.first().map(|(code, _)| code.clone()).unwrap_or_default());
    view! {
        {move || {
            rows.get()
                .into_iter()
                .enumerate()
                .map(|(index, row)| {
                    let id = format!("{field}.{index}");
                    view! {
                        <div class="field-row">
                            <Select id=format!("{field}-kind.{index}") label=kind_label value=row.kind options=kinds compact=true />
                            <TextField id=id.clone() label=label value=row.value error=form.error(id) input_type=input_type />
                        </div>
                    }
                })
                .collect_view()
        }}
        <button type="button" class="button button--link" on:click=move |_| rows.update(|rows| rows.push(Row::new(&first_kind(), String::new())))>
            {tr(add_label)}
        </button>
    }
}

#[component]
pub fn ClientFields(inputs: ClientInputs, form: FormState) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let point_kinds = Signal::derive(move || options(lang.get(), &PointKind::ALL, PointKind::code));
    let messenger_kinds = Signal::derive(|| {
        MessengerKind::ALL.iter().map(|k| (k.code().to_owned(), messenger_name(*k).to_owned())).collect()
    });
    let users = Signal::derive(move || {
        let mut options = vec![(String::new(), "—".to_owned())];
        options.extend(session.user_options());
        options
    });
    view! {
        <RowList field="phones" label=Key::Phone kind_label=Key::PhoneKind add_label=Key::AddPhone rows=inputs.phones kinds=point_kinds input_type="tel" form />
        <RowList field="emails" label=Key::Email kind_label=Key::EmailKind add_label=Key::AddEmail rows=inputs.emails kinds=point_kinds input_type="email" form />
        <RowList field="messengers" label=Key::Messenger kind_label=Key::MessengerKind add_label=Key::AddMessenger rows=inputs.messengers kinds=messenger_kinds input_type="text" form />
        <Select id="responsible" label=Key::Responsible value=inputs.responsible options=users error=form.error("responsible") />
    }
}
