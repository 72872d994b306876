//! What the UI calls each value of the core's enums: one [`Label`] per enum,
//! all here, so a value reads the same on every page and a new variant is a
//! compile error in one place rather than a missing arm somewhere.

use dela_core::activity::{ActivityKind, Direction, Priority};
use dela_core::agenda::View;
use dela_core::calendar::CalendarProblem;
use dela_core::client::ClientStatus;
use dela_core::conditions::{OpKind, Subject};
use dela_core::contact_point::PointKind;
use dela_core::date::Weekday;
use dela_core::fields::{FieldEntity, FieldKind};
use dela_core::history::ActivityEvent;
use dela_core::inbox::Topic;
use dela_core::invoice::InvoiceStatus;
use dela_core::lead::LeadStatus;
use dela_core::pipeline::{DefaultStage, Semantic};
use dela_core::record::CardKind;
use dela_core::robots::{ActionChoice, TimingChoice, Unit};
use dela_core::tasks::action::ActionKind;
use dela_core::tasks::notify::NotificationKind;
use dela_core::tasks::project::ProjectRole;
use dela_core::tasks::role::Role as TaskRole;
use dela_core::tasks::status::Status as TaskStatus;
use dela_core::tasks::task::Priority as TaskPriority;
use dela_core::user::Role;

use crate::i18n::{Key, Lang};

/// The words for a value, as a translation key.
pub trait Label {
    fn label(&self) -> Key;
}

/// A select's options: each of `values` by its code, shown by its label.
pub fn options<T: Label + Copy>(
    lang: Lang,
    values: &[T],
    code: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    values.iter().map(|value| (code(*value).to_owned(), value.label().text(lang).to_owned())).collect()
}

impl Label for ActivityKind {
    fn label(&self) -> Key {
        match self {
            ActivityKind::Call => Key::KindCall,
            ActivityKind::Email => Key::KindEmail,
            ActivityKind::Meeting => Key::KindMeeting,
            ActivityKind::Chat => Key::KindChat,
            ActivityKind::Todo => Key::KindTodo,
        }
    }
}

impl Label for Direction {
    fn label(&self) -> Key {
        match self {
            Direction::Incoming => Key::Incoming,
            Direction::Outgoing => Key::Outgoing,
        }
    }
}

impl Label for Priority {
    fn label(&self) -> Key {
        match self {
            Priority::Normal => Key::PriorityNormal,
            Priority::High => Key::PriorityHigh,
        }
    }
}

impl Label for View {
    fn label(&self) -> Key {
        match self {
            View::Incoming => Key::ViewIncoming,
            View::Overdue => Key::ViewOverdue,
            View::Today => Key::ViewToday,
            View::Next3Days => Key::ViewNext3,
            View::Next7Days => Key::ViewNext7,
            View::AllOpen => Key::ViewAll,
        }
    }
}

/// A problem of the work calendar form: its message.
impl Label for CalendarProblem {
    fn label(&self) -> Key {
        match self {
            CalendarProblem::Required | CalendarProblem::InvalidTime => Key::ErrCalendarTime,
            CalendarProblem::EndNotAfterStart => Key::ErrCalendarEnd,
            CalendarProblem::NoWorkingDays => Key::ErrCalendarDays,
            CalendarProblem::InvalidDate | CalendarProblem::Duplicate => Key::ErrCalendarDate,
            CalendarProblem::AlsoAHoliday => Key::ErrCalendarBoth,
        }
    }
}

impl Label for ClientStatus {
    fn label(&self) -> Key {
        match self {
            ClientStatus::Active => Key::StatusActive,
            ClientStatus::Pool => Key::StatusPool,
            ClientStatus::Lost => Key::StatusLost,
        }
    }
}

impl Label for Subject {
    fn label(&self) -> Key {
        match self {
            Subject::Deal => Key::Deal,
            Subject::Contact => Key::Contact,
            Subject::Company => Key::Company,
        }
    }
}

impl Label for OpKind {
    fn label(&self) -> Key {
        match self {
            OpKind::Equals => Key::OpEquals,
            OpKind::NotEquals => Key::OpNotEquals,
            OpKind::Empty => Key::OpEmpty,
            OpKind::NotEmpty => Key::OpNotEmpty,
            OpKind::Greater => Key::OpGreater,
            OpKind::Less => Key::OpLess,
            OpKind::Contains => Key::OpContains,
        }
    }
}

impl Label for PointKind {
    fn label(&self) -> Key {
        match self {
            PointKind::Work => Key::KindWork,
            PointKind::Mobile => Key::KindMobile,
            PointKind::Home => Key::KindHome,
            PointKind::Other => Key::KindOther,
        }
    }
}

impl Label for Weekday {
    fn label(&self) -> Key {
        match self {
            Weekday::Monday => Key::Monday,
            Weekday::Tuesday => Key::Tuesday,
            Weekday::Wednesday => Key::Wednesday,
            Weekday::Thursday => Key::Thursday,
            Weekday::Friday => Key::Friday,
            Weekday::Saturday => Key::Saturday,
            Weekday::Sunday => Key::Sunday,
        }
    }
}

impl Label for FieldEntity {
    fn label(&self) -> Key {
        match self {
            FieldEntity::Deal => Key::Deal,
            FieldEntity::Contact => Key::Contact,
            FieldEntity::Company => Key::Company,
            FieldEntity::Lead => Key::Lead,
        }
    }
}

impl Label for FieldKind {
    fn label(&self) -> Key {
        match self {
            FieldKind::Boolean => Key::KindBoolean,
            FieldKind::Text => Key::KindText,
            FieldKind::Number => Key::KindNumber,
            FieldKind::Money => Key::KindMoney,
            FieldKind::Date => Key::KindDate,
            FieldKind::List => Key::KindList,
        }
    }
}

/// What happened to an activity, as a history line says it.
impl Label for ActivityEvent {
    fn label(&self) -> Key {
        match self {
            ActivityEvent::Planned => Key::HistoryPlanned,
            ActivityEvent::Completed => Key::HistoryCompleted,
            ActivityEvent::Rescheduled => Key::HistoryRescheduled,
            ActivityEvent::Deleted => Key::HistoryActivityDeleted,
            ActivityEvent::MovedHere => Key::HistoryMovedHere,
            ActivityEvent::MovedAway => Key::HistoryMovedAway,
        }
    }
}

impl Label for Topic {
    fn label(&self) -> Key {
        match self {
            Topic::Task(NotificationKind::NewTask) => Key::NoteNewTask,
            Topic::Task(NotificationKind::DeadlineChanged) => Key::NoteDeadline,
            Topic::Task(NotificationKind::Comment) => Key::NoteComment,
            Topic::Task(NotificationKind::Completed) => Key::NoteCompleted,
            Topic::Task(NotificationKind::AwaitingReview) => Key::NoteReview,
            Topic::Task(NotificationKind::Returned) => Key::NoteReturned,
            Topic::Task(NotificationKind::Reopened) => Key::NoteReopened,
            Topic::Task(NotificationKind::Reminder) => Key::NoteReminder,
            Topic::Task(NotificationKind::Overdue) => Key::NoteOverdue,
            Topic::Robot => Key::NoteRobot,
            Topic::Control => Key::NoteControl,
        }
    }
}

impl Label for InvoiceStatus {
    fn label(&self) -> Key {
        match self {
            InvoiceStatus::Draft => Key::InvoiceDraft,
            InvoiceStatus::Sent => Key::InvoiceSent,
            InvoiceStatus::Paid => Key::InvoicePaid,
            InvoiceStatus::Declined => Key::InvoiceDeclined,
        }
    }
}

impl Label for LeadStatus {
    fn label(&self) -> Key {
        match self {
            LeadStatus::New => Key::LeadNew,
            LeadStatus::InWork => Key::LeadInWork,
            LeadStatus::Converted => Key::LeadConverted,
            LeadStatus::Junk => Key::LeadJunk,
        }
    }
}

/// The default pipeline's stages, named when it is first made.
impl Label for DefaultStage {
    fn label(&self) -> Key {
        match self {
            DefaultStage::New => Key::StageNew,
            DefaultStage::Preparation => Key::StagePreparation,
            DefaultStage::Invoice => Key::StageInvoice,
            DefaultStage::Payment => Key::StagePayment,
            DefaultStage::Won => Key::StageWon,
            DefaultStage::Lost => Key::StageLost,
        }
    }
}

impl Label for Semantic {
    fn label(&self) -> Key {
        match self {
            Semantic::InProgress => Key::SemInProgress,
            Semantic::Won => Key::SemWon,
            Semantic::Lost => Key::SemLost,
        }
    }
}

impl Label for CardKind {
    fn label(&self) -> Key {
        match self {
            CardKind::Company => Key::Company,
            CardKind::Contact => Key::Contact,
            CardKind::Deal => Key::Deal,
            CardKind::Lead => Key::Lead,
            CardKind::Invoice => Key::Invoice,
        }
    }
}

impl Label for ActionChoice {
    fn label(&self) -> Key {
        match self {
            ActionChoice::NotifyResponsible => Key::ActNotifyResponsible,
            ActionChoice::NotifyHead => Key::ActNotifyHead,
            ActionChoice::NotifyUser => Key::ActNotifyUser,
            ActionChoice::Control => Key::ActControl,
            ActionChoice::Task => Key::ActTask,
            ActionChoice::Todo => Key::ActTodo,
            ActionChoice::MoveStage => Key::ActMoveStage,
            ActionChoice::SetField => Key::ActSetField,
            ActionChoice::Assign => Key::ActAssign,
            ActionChoice::EmailClient => Key::ActEmailClient,
            ActionChoice::SmsClient => Key::ActSmsClient,
            ActionChoice::EmailUser => Key::ActEmailUser,
        }
    }
}

/// A delay's unit, as "after {n} {unit}" reads.
impl Label for Unit {
    fn label(&self) -> Key {
        match self {
            Unit::Minutes => Key::UnitMinutes,
            Unit::Hours => Key::UnitHours,
            Unit::Days => Key::UnitDays,
            Unit::BusinessDays => Key::UnitBusinessDays,
        }
    }
}

/// When a robot runs: after a delay in a unit, or at a date of the deal.
impl Label for TimingChoice {
    fn label(&self) -> Key {
        match self {
            TimingChoice::After(unit) => unit.label(),
            TimingChoice::AtDate => Key::AtDealDate,
        }
    }
}

/// A task action, as its button says it.
impl Label for ActionKind {
    fn label(&self) -> Key {
        match self {
            ActionKind::Start => Key::TaskStart,
            ActionKind::Complete => Key::Complete,
            ActionKind::Defer => Key::TaskDefer,
            ActionKind::Resume => Key::TaskResume,
            ActionKind::Accept => Key::TaskAccept,
            ActionKind::Return => Key::TaskReturn,
            ActionKind::Reopen => Key::TaskReopen,
            ActionKind::Comment => Key::TaskComment,
            ActionKind::ChangeDeadline => Key::NewDeadline,
            ActionKind::Checklist => Key::Checklist,
        }
    }
}

impl Label for ProjectRole {
    fn label(&self) -> Key {
        match self {
            ProjectRole::Owner => Key::ProjectOwner,
            ProjectRole::Moderator => Key::ProjectModerator,
            ProjectRole::Member => Key::ProjectMember,
        }
    }
}

/// My relation to a task, as the task list's filter offers it ("I do").
impl Label for TaskRole {
    fn label(&self) -> Key {
        match self {
            TaskRole::Responsible => Key::RoleResponsible,
            TaskRole::CoExecutor => Key::RoleCoExecutor,
            TaskRole::Creator => Key::RoleCreator,
            TaskRole::Observer => Key::RoleObserver,
            TaskRole::Outsider => Key::RoleOutsider,
        }
    }
}

impl Label for TaskStatus {
    fn label(&self) -> Key {
        match self {
            TaskStatus::New => Key::TaskNew,
            TaskStatus::InProgress => Key::TaskInProgress,
            TaskStatus::AwaitingReview => Key::TaskAwaitingReview,
            TaskStatus::Completed => Key::TaskCompleted,
            TaskStatus::Deferred => Key::TaskDeferred,
        }
    }
}

impl Label for TaskPriority {
    fn label(&self) -> Key {
        match self {
            TaskPriority::Normal => Key::PriorityNormal,
            TaskPriority::High => Key::PriorityHigh,
        }
    }
}

impl Label for Role {
    fn label(&self) -> Key {
        match self {
            Role::HeadOfSales => Key::RoleHeadOfSales,
            Role::Administrator => Key::RoleAdministrator,
        }
    }
}

// The words of each kind of card, which its list, card and form pages use.

/// The heading of a kind's list, and of its card pages until a card shows.
pub fn section_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::Companies,
        CardKind::Contact => Key::Contacts,
        CardKind::Deal => Key::Deals,
        CardKind::Lead => Key::Leads,
        CardKind::Invoice => Key::Invoices,
    }
}

/// The button for a new card of a kind, and the heading of its form.
pub fn new_card_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::NewCompany,
        CardKind::Contact => Key::NewContact,
        CardKind::Deal => Key::NewDeal,
        CardKind::Lead => Key::NewLead,
        CardKind::Invoice => Key::NewInvoice,
    }
}

/// The heading of a card's edit form.
pub fn edit_card_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::EditCompany,
        CardKind::Contact => Key::EditContact,
        CardKind::Deal => Key::EditDeal,
        CardKind::Lead => Key::EditLead,
        CardKind::Invoice => Key::EditInvoice,
    }
}

/// What a kind's list says while there are no cards.
pub fn empty_list_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::CompaniesEmpty,
        CardKind::Contact => Key::ContactsEmpty,
        CardKind::Deal => Key::DealsEmpty,
        CardKind::Lead => Key::LeadsEmpty,
        CardKind::Invoice => Key::InvoicesEmpty,
    }
}

/// The question before deleting a card of `kind`.
pub fn delete_question(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::DeleteCompanyQuestion,
        CardKind::Contact => Key::DeleteContactQuestion,
        CardKind::Deal => Key::DeleteDealQuestion,
        CardKind::Lead => Key::DeleteLeadQuestion,
        CardKind::Invoice => Key::DeleteInvoiceQuestion,
    }
}
