//! Adding a robot to a stage: what it does (notify, control, a task with
//! review, a to-do, move the deal, set a field, hand the deal to a user or
//! a queue, a message to the client), when (at once, after a delay, at a
//! date of the deal), under which AND/OR condition, and whether it waits
//! for the robot before it. The form holds text; `RobotDraft` in the core
//! turns it into a checked robot.

use dela_core::conditions::{ComparisonDraft, Field, OpKind, Subject};
use dela_core::fields::{FieldEntity, FieldKind};
use dela_core::pipeline::{Pipeline, PipelineError};
use dela_core::robots::{ActionChoice, DraftProblem, RobotDraft, RobotProblem, TimingChoice, Unit};
use dela_core::Id;
use leptos::prelude::*;

use super::outcome::Outcome;
use crate::clock;
use crate::components::field::{Checkboxes, Select, TextField};
use crate::i18n::{problem_text, tr, use_lang, Key, Lang};
use crate::ids::new_id;
use crate::labels::{self, Label};
use crate::session::use_session;
use crate::store::{automation, ActionError, StoreError};

/// The actions with a text: a notification, a task's title, a to-do's
/// subject or a message.
const WITH_TEXT: [ActionChoice; 9] = [
    ActionChoice::NotifyResponsible,
    ActionChoice::NotifyHead,
    ActionChoice::NotifyUser,
    ActionChoice::Control,
    ActionChoice::Task,
    ActionChoice::Todo,
    ActionChoice::EmailClient,
    ActionChoice::SmsClient,
    ActionChoice::EmailUser,
];

/// The first timing offered: a delay in minutes (zero: immediately).
const FIRST_TIMING: TimingChoice = TimingChoice::After(Unit::Minutes);

fn problems_text(lang: Lang, problems: &[DraftProblem]) -> String {
    let text = |problem: &DraftProblem| match problem {
        DraftProblem::InvalidAmount => Key::ProblemInvalidNumber.text(lang).to_owned(),
        DraftProblem::Condition { .. } => Key::ErrCondition.text(lang).to_owned(),
        DraftProblem::Robot(RobotProblem::EmptyText) => {
            problem_text(lang, dela_core::validation::Problem::Required)
        }
        DraftProblem::Robot(RobotProblem::OwnStage) => Key::ErrOwnStage.text(lang).to_owned(),
        DraftProblem::Robot(RobotProblem::NotADateField(_)) => Key::ErrDateField.text(lang).to_owned(),
        DraftProblem::Robot(_) => Key::ErrRobot.text(lang).to_owned(),
    };
    let mut texts: Vec<String> = problems.iter().map(text).collect();
    texts.dedup();
    texts.join(" ")
}

/// One comparison of a robot's condition as typed: which custom field of
/// the deal, its contact or its company, how, and the value.
#[derive(Clone, Copy)]
struct ConditionInputs {
    field: RwSignal<String>,
    op: RwSignal<String>,
    value: RwSignal<String>,
}

impl ConditionInputs {
    fn new() -> Self {
        Self {
            field: RwSignal::new(String::new()),
            op: RwSignal::new(OpKind::Equals.code().to_owned()),
            value: RwSignal::new(String::new()),
        }
    }

    /// `None` when no field is chosen (no comparison).
    fn draft(&self) -> Option<ComparisonDraft> {
        let chosen = self.field.get_untracked();
        let (subject, field) = chosen.split_once(':')?;
        let subject = Subject::from_code(subject).unwrap_or(Subject::Company);
        let field = match field {
            "@title" => Field::Title,
            "@amount" => Field::Amount,
            "@stage" => Field::Stage,
            custom => Field::Custom(Id::parse(custom)?),
        };
        let op = OpKind::from_code(&self.op.get_untracked()).unwrap_or(OpKind::Equals);
        Some(ComparisonDraft { subject, field, op, value: self.value.get_untracked() })
    }
}

#[component]
fn ConditionRow(index: usize, inputs: ConditionInputs) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let fields = Signal::derive(move || {
        let lang = lang.get();
        let mut options = vec![(String::new(), "—".to_owned())];
        let built_in = [
            (Subject::Deal, "@title", Key::Title),
            (Subject::Deal, "@amount", Key::Amount),
            (Subject::Deal, "@stage", Key::Stage),
            (Subject::Contact, "@title", Key::Name),
            (Subject::Company, "@title", Key::Title),
        ];
        for (subject, field, name) in built_in {
            options.push((
                format!("{}:{field}", subject.code()),
                format!("{}: {}", subject.label().text(lang), name.text(lang)),
            ));
        }
        session.setup().with(|setup| {
            for def in &setup.fields {
                let Some(subject) = Subject::ALL.into_iter().find(|s| s.entity() == def.entity) else {
                    continue;
                };
                options.push((
                    format!("{}:{}", subject.code(), def.id),
                    format!("{}: {}", subject.label().text(lang), def.name),
                ));
            }
        });
        options
    });
    let ops = Signal::derive(move || labels::options(lang.get(), &OpKind::ALL, OpKind::code));
    view! {
        <div class="field-row">
            <Select id=format!("condition-field-{index}") label=Key::ConditionField value=inputs.field options=fields />
            <Select id=format!("condition-op-{index}") label=Key::ConditionOp value=inputs.op options=ops />
            <TextField id=format!("condition-value-{index}") label=Key::ConditionValue value=inputs.value />
        </div>
    }
}

#[component]
pub fn AddRobot(pipeline: Pipeline, outcome: Outcome) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let stage_options: Vec<(String, String)> =
        pipeline.stages.iter().map(|s| (s.id.to_string(), s.name.clone())).collect();
    let stages = Signal::derive(move || stage_options.clone());
    let first = pipeline.stages.first().map(|s| s.id.to_string()).unwrap_or_default();
    let stage = RwSignal::new(first.clone());
    let target_stage = RwSignal::new(first);
    let action = RwSignal::new(ActionChoice::NotifyResponsible.code().to_owned());
    let actions = Signal::derive(move || labels::options(lang.get(), &ActionChoice::ALL, ActionChoice::code));
    let text = RwSignal::new(String::new());
    let user = RwSignal::new(session.me().to_string());
    let users = RwSignal::new(Vec::<String>::new());
    let assignee = RwSignal::new(String::new());
    let assignees = Signal::derive(move || {
        let mut options = vec![(String::new(), Key::DealsResponsible.text(lang.get()).to_owned())];
        options.extend(session.user_options());
        options
    });
    let task_days = RwSignal::new("1".to_owned());
    let review = RwSignal::new(true);
    let team = Signal::derive(move || session.user_options());
    let field = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let deal_fields = move |kind: Option<FieldKind>| {
        Signal::derive(move || {
            session.setup().with(|setup| {
                setup
                    .fields_of(FieldEntity::Deal)
                    .into_iter()
                    .filter(|def| kind.is_none_or(|kind| def.kind == kind))
                    .map(|def| (def.id.to_string(), def.name))
                    .collect()
            })
        })
    };
    let (settable, dates) = (deal_fields(None), deal_fields(Some(FieldKind::Date)));
    let timing = RwSignal::new(FIRST_TIMING.code().to_owned());
    let timings = Signal::derive(move || labels::options(lang.get(), &TimingChoice::ALL, TimingChoice::code));
    let amount = RwSignal::new("0".to_owned());
    let date_field = RwSignal::new(String::new());
    let rows = RwSignal::new(vec![ConditionInputs::new()]);
    let join = RwSignal::new("all".to_owned());
    let joins = Signal::derive(move || {
        vec![
            ("all".to_owned(), Key::JoinAll.text(lang.get()).to_owned()),
            ("any".to_owned(), Key::JoinAny.text(lang.get()).to_owned()),
        ]
    });
    let after_previous = RwSignal::new(false);
    let shows = move |choices: &'static [ActionChoice]| {
        move || ActionChoice::from_code(&action.get()).is_some_and(|chosen| choices.contains(&chosen))
    };
    let pipeline_value = StoredValue::new(pipeline);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let first_field =
            |list: Signal<Vec<(String, String)>>| list.with_untracked(|l| l.first().map(|f| f.0.clone()));
        let chosen =
            ActionChoice::from_code(&action.get_untracked()).unwrap_or(ActionChoice::NotifyResponsible);
        let draft = RobotDraft {
            stage: stage.get_untracked(),
            action: chosen,
            text: text.get_untracked(),
            user: if matches!(chosen, ActionChoice::Task | ActionChoice::Todo) {
                assignee.get_untracked()
            } else {
                user.get_untracked()
            },
            task_days: task_days.get_untracked(),
            review: review.get_untracked(),
            target_stage: target_stage.get_untracked(),
            field: Some(field.get_untracked())
                .filter(|f| !f.is_empty())
                .or_else(|| first_field(settable))
                .unwrap_or_default(),
            value: value.get_untracked(),
            users: users.get_untracked(),
            timing: TimingChoice::from_code(&timing.get_untracked()).unwrap_or(FIRST_TIMING),
            amount: amount.get_untracked(),
            date_field: Some(date_field.get_untracked())
                .filter(|f| !f.is_empty())
                .or_else(|| first_field(dates))
                .unwrap_or_default(),
            comparisons: rows.get_untracked().iter().filter_map(ConditionInputs::draft).collect(),
            any: join.get_untracked() == "any",
            after_previous: after_previous.get_untracked(),
        };
        let known: Vec<Id> =
            session.team().with_untracked(|team| team.iter().map(|u| u.id.clone()).collect());
        let built = pipeline_value.with_value(|pipeline| {
            session.setup().with_untracked(|setup| {
                draft.build(new_id(clock::now()), pipeline, &setup.fields, &known, &session.me())
            })
        });
        let robot = match built {
            Ok(robot) => robot,
            Err(problems) => {
                outcome.error.set(Some(problems_text(lang.get_untracked(), &problems)));
                return;
            }
        };
        outcome.run(session, lang, async move {
            automation::change_setup(&session.store(), |setup| {
                setup.robots.push(robot);
                Ok::<_, StoreError>(())
            })
            .await?;
            text.set(String::new());
            rows.set(vec![ConditionInputs::new()]);
            Ok::<(), ActionError<PipelineError>>(())
        });
    };
    view! {
        <form class="form robots__add" on:submit=add aria-label=tr(Key::AddRobot)>
            <h3 class="subheading">{tr(Key::AddRobot)}</h3>
            <div class="field-row">
                <Select id="robot-stage" label=Key::Stage value=stage options=stages />
                <Select id="robot-action" label=Key::RobotAction value=action options=actions />
            </div>
            <Show when=shows(&WITH_TEXT)>
                <TextField id="robot-text" label=Key::RobotText value=text />
                <p class="muted">{tr(Key::RobotTextHelp)}</p>
            </Show>
            <Show when=shows(&[ActionChoice::NotifyUser, ActionChoice::EmailUser])>
                <Select id="robot-user" label=Key::Whom value=user options=team />
            </Show>
            <Show when=shows(&[ActionChoice::Task, ActionChoice::Todo])>
                <div class="field-row">
                    <Select id="robot-assignee" label=Key::Responsible value=assignee options=assignees />
                    <TextField id="robot-task-days" label=Key::DueInBusinessDays value=task_days input_type="number" />
                </div>
            </Show>
            <Show when=shows(&[ActionChoice::Task])>
                <label class="check">
                    <input type="checkbox" prop:checked=move || review.get() on:change=move |_| review.update(|v| *v = !*v) />
                    {tr(Key::ReviewResult)}
                </label>
            </Show>
            <Show when=shows(&[ActionChoice::MoveStage])>
                <Select id="robot-target" label=Key::TargetStage value=target_stage options=stages />
            </Show>
            <Show when=shows(&[ActionChoice::SetField])>
                <div class="field-row">
                    <Select id="robot-field" label=Key::FieldToSet value=field options=settable />
                    <TextField id="robot-value" label=Key::ValueToSet value=value />
                </div>
            </Show>
            <Show when=shows(&[ActionChoice::Assign])>
                <Checkboxes id="robot-users" label=Key::AssignTo value=users options=team />
            </Show>
            <div class="field-row">
                <TextField id="robot-amount" label=Key::DelayAmount value=amount input_type="number" />
                <Select id="robot-unit" label=Key::Timing value=timing options=timings />
                <Show when=move || TimingChoice::from_code(&timing.get()) == Some(TimingChoice::AtDate)>
                    <Select id="robot-date-field" label=Key::DateField value=date_field options=dates />
                </Show>
            </div>
            <p class="muted">{tr(Key::BusinessDaysHelp)}</p>
            <fieldset class="field checks" aria-label=tr(Key::Condition)>
                <legend>{tr(Key::Condition)}</legend>
                <Select id="robot-join" label=Key::Join value=join options=joins />
                {move || rows.get().into_iter().enumerate().map(|(index, inputs)| view! { <ConditionRow index inputs /> }).collect_view()}
                <button type="button" class="button" on:click=move |_| rows.update(|r| r.push(ConditionInputs::new()))>{tr(Key::AddComparison)}</button>
            </fieldset>
            <label class="check">
                <input type="checkbox" prop:checked=move || after_previous.get() on:change=move |_| after_previous.update(|v| *v = !*v) />
                {tr(Key::AfterPrevious)}
            </label>
            <button type="submit" class="button button--primary">{tr(Key::AddRobot)}</button>
        </form>
    }
}
