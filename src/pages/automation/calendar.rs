//! The work calendar in Settings: working weekdays, hours, holidays and
//! moved working days, which "after N business days" robots count by.

use dela_core::calendar::{CalendarDraft, CalendarErrors};
use dela_core::date::Weekday;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::field::{Checkboxes, SaveRow, TextArea, TextField};
use crate::errors::storage_error_text;
use crate::i18n::{tr, use_lang, Key, Lang};
use crate::labels::Label;
use crate::session::use_session;
use crate::store::{automation, StoreError};

/// The message of a field, or of any row of a date list (`holidays.3`).
fn message(errors: &CalendarErrors, field: &str, lang: Lang) -> Option<String> {
    let row = format!("{field}.");
    errors
        .0
        .iter()
        .find(|error| error.field == field || error.field.starts_with(&row))
        .map(|error| error.problem.label().text(lang).to_owned())
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

#[component]
pub fn CalendarPanel() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let draft = CalendarDraft::from_calendar(&session.setup().with_untracked(|setup| setup.calendar.clone()));
    let weekdays =
        RwSignal::new(draft.working_weekdays.iter().map(|d| d.index().to_string()).collect::<Vec<_>>());
    let start = RwSignal::new(draft.start);
    let end = RwSignal::new(draft.end);
    let holidays = RwSignal::new(draft.holidays.join("\n"));
    let extra = RwSignal::new(draft.extra_working_days.join("\n"));
    let errors = RwSignal::new(CalendarErrors::default());
    let status = RwSignal::new(None::<String>);
    let options = Signal::derive(move || {
        Weekday::ALL.iter().map(|d| (d.index().to_string(), d.label().text(lang.get()).to_owned())).collect()
    });
    let error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| message(e, field, lang.get())));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = CalendarDraft {
            working_weekdays: weekdays
                .get_untracked()
                .iter()
                .filter_map(|i| i.parse::<usize>().ok().and_then(|i| Weekday::ALL.get(i).copied()))
                .collect(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            holidays: lines(&holidays.get_untracked()),
            extra_working_days: lines(&extra.get_untracked()),
        };
        let calendar = match draft.validate() {
            Ok(calendar) => calendar,
            Err(found) => {
                errors.set(found);
                status.set(None);
                return;
            }
        };
        errors.set(CalendarErrors::default());
        spawn_local(async move {
            let store = session.store();
            let saved = automation::change_setup(&store, |setup| {
                setup.calendar = calendar;
                Ok::<_, StoreError>(())
            });
            let text = match saved.await {
                Ok(setup) => {
                    session.setup_saved(setup);
                    Key::Saved.text(lang.get_untracked()).to_owned()
                }
                Err(failure) => storage_error_text(lang.get_untracked(), &failure),
            };
            status.set(Some(text));
        });
    };
    view! {
        <form class="form panel" on:submit=save aria-labelledby="calendar-heading" novalidate>
            <h2 id="calendar-heading">{tr(Key::WorkCalendar)}</h2>
            <p class="muted">{tr(Key::BusinessDaysHelp)}</p>
            <Checkboxes id="working-weekdays" label=Key::WorkingDays value=weekdays options error=error("working_weekdays") />
            <div class="field-row">
                <TextField id="work-start" label=Key::WorkStart value=start error=error("start") input_type="time" />
                <TextField id="work-end" label=Key::WorkEnd value=end error=error("end") input_type="time" />
            </div>
            <div class="field-row">
                <TextArea id="holidays" label=Key::Holidays value=holidays error=error("holidays") />
                <TextArea id="extra-working-days" label=Key::ExtraWorkingDays value=extra error=error("extra_working_days") />
            </div>
            <SaveRow status />
        </form>
    }
}
