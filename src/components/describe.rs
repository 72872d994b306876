//! Robots and triggers in words, for the stage lists.

use dela_core::robots::{Action, Recipient, Robot, Timing, Trigger, When};

use crate::i18n::{Key, Lang};
use crate::labels::Label;
use crate::session::Session;

fn recipient(lang: Lang, session: &Session, to: &Recipient) -> String {
    match to {
        Recipient::Responsible => Key::ToResponsible.text(lang).to_owned(),
        Recipient::Head => Key::ToHead.text(lang).to_owned(),
        Recipient::User(user) => session.name_of(user),
    }
}

fn action(lang: Lang, session: &Session, action: &Action) -> String {
    let with = |key: Key, text: &str| key.text(lang).replace("{text}", text);
    match action {
        Action::Notify { to, text } => {
            with(Key::DescNotify, text).replace("{to}", &recipient(lang, session, to))
        }
        Action::Control { text } => with(Key::DescControl, text),
        Action::CreateTask(spec) if spec.review => with(Key::DescTaskReview, &spec.title),
        Action::CreateTask(spec) => with(Key::DescTask, &spec.title),
        Action::CreateActivity { subject, .. } => with(Key::DescTodo, subject),
        Action::ChangeStage { stage } => {
            with(Key::DescStage, &session.stage(stage).map(|s| s.name).unwrap_or_else(|| stage.to_string()))
        }
        Action::SetField { field, .. } => with(Key::DescField, &session.field_name(field)),
        Action::ChangeResponsible(_) => Key::DescAssign.text(lang).to_owned(),
        Action::Send { subject, .. } => with(Key::DescSend, subject),
    }
}

fn timing(lang: Lang, session: &Session, timing: &Timing) -> String {
    match timing {
        Timing::Immediately => Key::Immediately.text(lang).to_owned(),
        Timing::After(delay) => Key::AfterDelay
            .text(lang)
            .replace("{n}", &delay.amount.to_string())
            .replace("{unit}", delay.unit.label().text(lang)),
        Timing::AtDate { field, offset_days } => Key::AtDateField
            .text(lang)
            .replace("{field}", &session.field_name(field))
            .replace("{offset}", &format!("{offset_days:+}")),
    }
}

/// "Notification (to the responsible): “…” · after 10 minutes · with a condition".
pub fn robot(lang: Lang, session: &Session, robot: &Robot) -> String {
    let mut parts = vec![action(lang, session, &robot.action), timing(lang, session, &robot.timing)];
    if robot.after_previous {
        parts.push(Key::WaitsPrevious.text(lang).to_owned());
    }
    if robot.condition != Default::default() {
        parts.push(Key::WithConditions.text(lang).to_owned());
    }
    parts.join(" · ")
}

pub fn trigger(lang: Lang, session: &Session, trigger: &Trigger) -> String {
    match &trigger.when {
        When::Incoming(kind) => Key::TrigIncoming.text(lang).replace("{kind}", kind.label().text(lang)),
        When::TakenIntoWork => Key::TrigTaken.text(lang).to_owned(),
        When::ActivityCompleted(_) => Key::TrigCompleted.text(lang).to_owned(),
        When::InvoicePaid => Key::TrigPaid.text(lang).to_owned(),
        When::FieldSet { field, .. } => {
            Key::TrigField.text(lang).replace("{field}", &session.field_name(field))
        }
    }
}
