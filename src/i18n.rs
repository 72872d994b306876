//! The one translation table of the UI. Every visible string and every
//! accessible name goes through [`Key`], so Russian and English stay in step
//! and end-to-end tests can rely on the names.

use dela_core::fields::MoveRefused;
use dela_core::robots::examples::Text as ExampleText;
use dela_core::validation::Problem;
use dela_core::Id;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

const STORAGE_KEY: &str = "dela.lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|lang| lang.code() == code)
    }

    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// The saved choice, else Russian when the browser prefers it over
    /// English, else English.
    pub fn initial() -> Self {
        let window = web_sys::window();
        let saved = window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|code| Self::from_code(&code));
        let preferred = || {
            let languages = window.as_ref()?.navigator().languages();
            languages.iter().filter_map(|lang| lang.as_string()).find_map(|lang| {
                let primary = lang.split('-').next().unwrap_or_default().to_ascii_lowercase();
                Self::from_code(&primary)
            })
        };
        saved.or_else(preferred).unwrap_or(Lang::En)
    }

    /// Remembers the choice and tells the document, so screen readers
    /// pronounce the page in the right language.
    pub fn persist(self) {
        let Some(window) = web_sys::window() else { return };
        if let Ok(Some(storage)) = window.local_storage() {
            let _ = storage.set_item(STORAGE_KEY, self.code());
        }
        if let Some(root) = window.document().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", self.code());
        }
    }
}

/// Declares each key once, beside its Russian and English texts, and
/// generates [`Key`] and [`Key::text`] from that one list, so a key cannot
/// exist without both texts. A key declared twice is a duplicate variant and
/// does not compile; an empty text fails the `const` check below.
macro_rules! keys {
    ($($(#[$attr:meta])* $name:ident => ($ru:literal, $en:literal),)*) => {
        /// A visible string or accessible name of the UI; [`Key::text`] gives it
        /// in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($(#[$attr])* $name,)*
        }

        const _: () = {
            $(assert!(
                !$ru.is_empty() && !$en.is_empty(),
                concat!("Key::", stringify!($name), " has an empty text")
            );)*
        };

        impl Key {
            /// The text of this key in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                // A plain match: the release build turns it into lookup
                // tables, and it came out smaller than a static array indexed
                // by the discriminant.
                let (ru, en) = match self {
                    $(Key::$name => ($ru, $en),)*
                };
                match lang {
                    Lang::Ru => ru,
                    Lang::En => en,
                }
            }
        }
    };
}

keys! {
    Product => ("Дела", "Dela"),
    Loading => ("Загрузка…", "Loading…"),
    MainNavigation => ("Основное меню", "Main navigation"),
    Language => ("Язык", "Language"),
    CurrentUser => ("Текущий пользователь", "Current user"),
    Online => ("В сети", "Online"),
    Offline => ("Не в сети", "Offline"),
    MyActivities => ("Мои дела", "My activities"),
    Deals => ("Сделки", "Deals"),
    Leads => ("Лиды", "Leads"),
    Contacts => ("Контакты", "Contacts"),
    Companies => ("Компании", "Companies"),
    Tasks => ("Задачи", "Tasks"),
    Invoices => ("Счета", "Invoices"),
    Settings => ("Настройки", "Settings"),
    NotFound => ("Страница не найдена", "Page not found"),
    BackHome => ("К моим делам", "Back to my activities"),
    NewCompany => ("Новая компания", "New company"),
    EditCompany => ("Изменить компанию", "Edit company"),
    CompaniesEmpty => ("Компаний пока нет.", "No companies yet."),
    Title => ("Название", "Title"),
    Phone => ("Телефон", "Phone"),
    PhoneKind => ("Тип телефона", "Phone type"),
    Email => ("E-mail", "E-mail"),
    EmailKind => ("Тип e-mail", "E-mail type"),
    Responsible => ("Ответственный", "Responsible"),
    Comments => ("Комментарий", "Comments"),
    Save => ("Сохранить", "Save"),
    Cancel => ("Отмена", "Cancel"),
    Edit => ("Изменить", "Edit"),
    Delete => ("Удалить", "Delete"),
    ConfirmDelete => ("Да, удалить", "Yes, delete"),
    DeleteCompanyQuestion => ("Удалить компанию? История изменений сохранится.", "Delete this company? Its history is kept."),
    DeleteContactQuestion => ("Удалить контакт? История изменений сохранится.", "Delete this contact? Its history is kept."),
    DeleteDealQuestion => ("Удалить сделку? История изменений сохранится.", "Delete this deal? Its history is kept."),
    DeleteLeadQuestion => ("Удалить лид? История изменений сохранится.", "Delete this lead? Its history is kept."),
    DeleteInvoiceQuestion => ("Удалить счёт? История изменений сохранится.", "Delete this invoice? Its history is kept."),
    History => ("История", "History"),
    HistoryEmpty => ("Изменений пока нет.", "No changes yet."),
    HistoryCreated => ("создал(а) карточку", "created the card"),
    HistoryDeleted => ("удалил(а) карточку", "deleted the card"),
    HistoryChanged => ("изменил(а)", "changed"),
    FormHasErrors => ("Исправьте отмеченные поля.", "Please correct the marked fields."),
    Saved => ("Сохранено", "Saved"),
    KindWork => ("Рабочий", "Work"),
    KindMobile => ("Мобильный", "Mobile"),
    KindHome => ("Домашний", "Home"),
    KindOther => ("Другой", "Other"),
    ProblemRequired => ("Обязательное поле.", "This field is required."),
    ProblemTooLong => ("Слишком длинно: не больше {max} символов.", "Too long: at most {max} characters."),
    ProblemInvalidEmail => ("Это не похоже на адрес e-mail.", "This does not look like an e-mail address."),
    ProblemInvalidPhone => ("Это не похоже на номер телефона: нужны цифры, можно +, пробелы, скобки и дефисы.", "This does not look like a phone number: use digits, and optionally +, spaces, brackets and dashes."),
    ProblemUnknownUser => ("Такого пользователя нет.", "There is no such user."),
    DefaultUserName => ("Я", "Me"),
    Profile => ("Профиль", "Profile"),
    StorageTitle => ("Хранилище недоступно", "Storage is not available"),
    StorageUnavailable => ("Браузер не даёт сохранять данные (например, в приватном режиме). Откройте Дела в обычном окне: иначе ничего не сохранится.", "The browser does not allow storing data (for example in a private window). Open Dela in a normal window, or nothing can be saved."),
    StorageBlocked => ("Дела открыты в другой вкладке со старой версией. Закройте её, и эта вкладка продолжит загрузку.", "Dela is open in another tab with an older version. Close it and this tab will continue loading."),
    StorageOutdated => ("Дела обновились в другой вкладке. Перезагрузите эту вкладку, чтобы продолжить работу.", "Dela was updated in another tab. Reload this tab to go on working."),
    BackgroundFailed => ("Фоновая работа (роботы, повторяющиеся задачи, напоминания, правило пула) не сохранилась; повтор через минуту:", "Background work (robots, recurring tasks, reminders, the pool rule) could not be saved; it is tried again in a minute:"),
    RecordsSkipped => ("Некоторые записи не удалось прочитать, они пропущены:", "Some records could not be read and were skipped:"),
    StorageQuota => ("Не хватает места для данных на этом устройстве. Освободите место на диске; введённые данные не потеряны, повторите сохранение.", "There is not enough storage space on this device. Free some disk space; what you entered is kept, try saving again."),
    StorageTooNew => ("Данные на этом устройстве созданы более новой версией Дел. Обновите страницу, чтобы загрузить её.", "The data on this device was written by a newer version of Dela. Reload the page to get it."),
    StorageOther => ("Ошибка хранилища:", "Storage error:"),
    Reload => ("Обновить страницу", "Reload the page"),
    CrmLinks => ("Связь с CRM", "CRM links"),
    RemoveLink => ("Убрать связь", "Remove the link"),
    LinkCard => ("Карточка", "Card to link"),
    AddLink => ("Связать", "Link"),
    ProjectOwner => ("Владелец", "Owner"),
    ProjectModerator => ("Модератор", "Moderator"),
    ProjectMember => ("Участник", "Member"),
    ProjectRole => ("Роль в проекте", "Role in the project"),
    Reply => ("Ответить", "Reply"),
    AddItem => ("Добавить пункт", "Add an item"),
    AddGroup => ("Добавить группу", "Add a group"),
    NoProject => ("Без проекта", "No project"),
    Reminder => ("Напомнить", "Reminder"),
    NoReminder => ("Не напоминать", "No reminder"),
    Remind15Minutes => ("За 15 минут", "15 minutes before"),
    Remind1Hour => ("За час", "1 hour before"),
    Remind1Day => ("За день", "1 day before"),
    Tags => ("Теги (через запятую)", "Tags (comma separated)"),
    Notifications => ("Уведомления", "Notifications"),
    AllowDesktop => ("Показывать на рабочем столе", "Show on the desktop"),
    MarkAllRead => ("Отметить все прочитанными", "Mark all as read"),
    NotificationsEmpty => ("Уведомлений нет.", "No notifications."),
    WasDue => ("срок был", "was due"),
    NoteNewTask => ("Новая задача", "New task"),
    NoteDeadline => ("Изменён срок", "Deadline changed"),
    NoteComment => ("Комментарий", "Comment"),
    NoteCompleted => ("Завершена", "Completed"),
    NoteReview => ("Ждёт контроля", "Awaiting review"),
    NoteReturned => ("Возвращена", "Returned"),
    NoteReopened => ("Возобновлена", "Reopened"),
    NoteReminder => ("Напоминание", "Reminder"),
    NoteOverdue => ("Просрочена", "Overdue"),
    NoteRobot => ("Робот", "Robot"),
    NoteControl => ("Контроль", "Control"),
    SendBack => ("Отправить на доработку", "Send back"),
    TaskNew => ("Новая", "New"),
    TaskInProgress => ("Выполняется", "In progress"),
    TaskAwaitingReview => ("Ждёт контроля", "Awaiting review"),
    TaskCompleted => ("Завершена", "Completed"),
    TaskDeferred => ("Отложена", "Deferred"),
    CountOverdue => ("Просрочены", "Overdue"),
    CountDueToday => ("На сегодня", "Due today"),
    CountNew => ("Новые", "New"),
    CountAwaitingReview => ("Ждут моего контроля", "Awaiting my review"),
    CountReturned => ("Возвращены мне", "Returned to me"),
    MyTasks => ("Мои задачи", "My tasks"),
    TasksIWatch => ("Наблюдаю", "Tasks I watch"),
    RoleResponsible => ("Делаю", "I do"),
    RoleCoExecutor => ("Помогаю", "I help"),
    RoleCreator => ("Поручил", "I set"),
    RoleObserver => ("Наблюдаю", "I watch"),
    RoleOutsider => ("Не участвую", "Not in it"),
    ByDeadline => ("По сроку", "By deadline"),
    Kanban => ("Канбан", "Kanban"),
    Show => ("Показать", "Show"),
    Layout => ("Вид", "Layout"),
    Projects => ("Проекты", "Projects"),
    NewTask => ("Новая задача", "New task"),
    ThisWeek => ("На этой неделе", "This week"),
    Later => ("Позже", "Later"),
    NoDeadline => ("Без срока", "No deadline"),
    TasksEmpty => ("Задач нет.", "No tasks."),
    Monday => ("Пн", "Mon"),
    Tuesday => ("Вт", "Tue"),
    Wednesday => ("Ср", "Wed"),
    Thursday => ("Чт", "Thu"),
    Friday => ("Пт", "Fri"),
    Saturday => ("Сб", "Sat"),
    Sunday => ("Вс", "Sun"),
    NoRepeat => ("Не повторять", "Does not repeat"),
    EveryNDays => ("Каждые N дней", "Every N days"),
    EveryNWeeks => ("Каждые N недель", "Every N weeks"),
    EveryNMonths => ("Каждые N месяцев", "Every N months"),
    EndNever => ("Бессрочно", "Never ends"),
    EndUntil => ("До даты", "Until a date"),
    EndAfter => ("Количество повторов", "A number of times"),
    Responsibles => ("Ответственные", "Responsible"),
    CoExecutors => ("Соисполнители", "Co-executors"),
    Observers => ("Наблюдатели", "Observers"),
    Project => ("Проект", "Project"),
    ReviewResult => ("Принять работу после завершения", "Review the result"),
    Checklist => ("Чек-лист", "Checklist"),
    Repeat => ("Повторять", "Repeat"),
    Every => ("Каждые", "Every"),
    Ends => ("Окончание", "Ends"),
    OnWeekdays => ("По дням", "On"),
    Occurrences => ("Повторов", "Occurrences"),
    TaskStart => ("Начать", "Start"),
    TaskDefer => ("Отложить", "Defer"),
    TaskResume => ("Возобновить", "Resume"),
    TaskAccept => ("Принять работу", "Accept"),
    TaskReturn => ("Вернуть на доработку", "Return for rework"),
    TaskReopen => ("Возобновить задачу", "Reopen"),
    TaskComment => ("Комментарий", "Comment"),
    ReturnNeedsComment => ("Напишите, что доработать.", "Say what to rework."),
    TaskActionRefused => ("Это действие сейчас недоступно.", "This action is not available now."),
    WhatToRework => ("Что доработать", "What to rework"),
    Creator => ("Постановщик", "Creator"),
    ProjectsEmpty => ("Проектов пока нет.", "No projects yet."),
    NewProject => ("Новый проект", "New project"),
    Members => ("Участники", "Members"),
    AddMember => ("Добавить участника", "Add a member"),
    MembersRefused => ("Менять участников могут владелец и модераторы.", "Only owners and moderators change members."),
    Feed => ("Живая лента", "Feed"),
    Publish => ("Опубликовать", "Publish"),
    Message => ("Сообщение", "Message"),
    PostRefused => ("Писать в ленту могут только участники проекта.", "Only members post in the feed."),
    MembersOnly => ("Задачи и лента проекта видны только участникам.", "Only members see this project's tasks and feed."),
    Departments => ("Отделы", "Departments"),
    DepartmentsHelp => ("Структура компании: у отдела есть руководитель; руководитель сотрудника — руководитель его отдела или ближайшего отдела выше.", "The company structure: a department has a head; a person's head is the head of their department or of the nearest department above."),
    DepartmentName => ("Название отдела", "Department name"),
    ParentDepartment => ("Входит в", "Part of"),
    DepartmentHead => ("Руководитель", "Head"),
    AddDepartment => ("Добавить отдел", "Add a department"),
    NewDepartmentName => ("Новый отдел", "New department"),
    TopLevel => ("— верхний уровень —", "— top level —"),
    NoDepartment => ("— без отдела —", "— no department —"),
    Department => ("Отдел", "Department"),
    DepartmentNotEmpty => ("В отделе есть сотрудники или отделы: сначала перенесите их.", "The department has people or departments in it: move them first."),
    DepartmentLoop => ("Отдел не может входить в самого себя или в свой подотдел.", "A department cannot be part of itself or of one of its own departments."),
    ProblemInvalidHandle => ("Одно слово: имя пользователя, телефон или ссылка.", "One word: a user name, a phone number or a link."),
    ProblemInvalidAmount => ("Сумма: цифры и не больше двух знаков после запятой.", "An amount: digits, at most two decimals."),
    ProblemInvalidCurrency => ("Выберите валюту из списка.", "Choose a currency from the list."),
    ProblemInvalidDate => ("Такой даты нет.", "There is no such date."),
    ProblemInvalidDateTime => ("Укажите дату и время.", "Enter a date and time."),
    ProblemUnknownCard => ("Такой карточки нет: возможно, она удалена.", "There is no such card: it may have been deleted."),
    ProblemUnknownStage => ("Такой стадии нет.", "There is no such stage."),
    Actions => ("Действия", "Actions"),
    Activities => ("Дела", "Activities"),
    ActivityType => ("Тип дела", "Activity type"),
    AddActivity => ("Запланировать дело", "Plan an activity"),
    AddEmail => ("Добавить e-mail", "Add an e-mail"),
    AddMessenger => ("Добавить мессенджер", "Add a messenger"),
    AddPhone => ("Добавить телефон", "Add a phone"),
    AddUser => ("Добавить сотрудника", "Add an employee"),
    AlreadyCompleted => ("Это дело уже выполнено.", "This activity is already completed."),
    Amount => ("Сумма", "Amount"),
    AnyDeadline => ("Любой срок", "Any deadline"),
    AnyDirection => ("Любое направление", "Any direction"),
    AssignEvenly => ("Распределить поровну", "Assign evenly"),
    Assigned => ("Распределено клиентов: {n}.", "Clients assigned: {n}."),
    BatchSize => ("Клиентов за раз", "Clients per run"),
    BetweenDates => ("Между датами", "Between dates"),
    BreachClient => ("Активный клиент без сделки и без дела на ближайший месяц", "Active client without a deal and without an activity within the horizon"),
    BreachDeal => ("Сделка в работе без дела на ближайшие две недели", "Deal in progress without an activity within the horizon"),
    CardKinds => ("Карточки", "Cards"),
    CardNotFound => ("Карточка не найдена: возможно, она удалена.", "Card not found: it may have been deleted."),
    Card => ("Карточка", "Card"),
    ChooseClientsAndEmployees => ("Отметьте клиентов и сотрудников.", "Select clients and employees."),
    ChooseDeal => ("У клиента несколько сделок в работе: выберите, в какую сделку поставить дело.", "The client has several deals in progress: choose the deal for this activity."),
    ClientHorizon => ("Горизонт клиента без сделки, дней", "Client without a deal, days"),
    ClientLost => ("Клиент потерян окончательно и не возвращается из отстойника.", "The client is lost for good and never returns from the pool."),
    ClockShifted => ("Часы приложения переведены (практикум): «сейчас» отличается от времени компьютера.", "The app's clock is shifted (practicum): \"now\" differs from the computer's time."),
    CompanyTitle => ("Компания", "Company name"),
    Company => ("Компания", "Company"),
    Complete => ("Выполнить", "Complete"),
    Contact => ("Контакт", "Contact"),
    ContactsEmpty => ("Контактов пока нет.", "No contacts yet."),
    ConvertLead => ("Конвертировать", "Convert"),
    Currency => ("Валюта", "Currency"),
    Deadline => ("Срок", "Deadline"),
    DealHorizon => ("Горизонт сделки, дней", "Deal horizon, days"),
    Deal => ("Сделка", "Deal"),
    DealsEmpty => ("Сделок пока нет.", "No deals yet."),
    DeleteActivityQuestion => ("Удалить дело? Удаление запишется в историю карточки.", "Delete this activity? The deletion is recorded in the card's history."),
    Description => ("Описание", "Description"),
    Direction => ("Направление", "Direction"),
    DisciplineClean => ("Все карточки с запланированными делами.", "Every card has a planned activity."),
    DisciplineHelp => ("У каждой сделки в работе должно быть дело на ближайшие дни, у каждого активного клиента без сделки — на ближайший месяц. Запланируйте дело (реанимация) или переведите клиента в отстойник.", "Every deal in progress needs an activity soon, every active client without a deal one within the month. Plan an activity (reanimation) or move the client to the pool."),
    DueDate => ("Оплатить до", "Due date"),
    EditContact => ("Изменить контакт", "Edit contact"),
    EditDeal => ("Изменить сделку", "Edit deal"),
    EditInvoice => ("Изменить счёт", "Edit invoice"),
    EditLead => ("Изменить лид", "Edit lead"),
    EditView => ("Настроить фильтр", "Edit view"),
    Employees => ("Сотрудники", "Employees"),
    EveryDays => ("Каждые, дней", "Every, days"),
    FirstName => ("Имя", "First name"),
    FromDate => ("С", "From"),
    GoesToDeal => ("У клиента есть сделка в работе «{deal}»: дело будет поставлено в сделку.", "The client has a deal in progress, «{deal}»: the activity goes into the deal."),
    HistoryActivityDeleted => ("удалил(а) дело", "deleted the activity"),
    HistoryCompleted => ("выполнил(а) дело", "completed the activity"),
    HistoryMovedAway => ("перенёс(ла) дело в другую карточку", "moved the activity to another card"),
    HistoryMovedHere => ("перенёс(ла) сюда дело", "moved in the activity"),
    HistoryPlanned => ("запланировал(а) дело", "planned the activity"),
    HistoryRescheduled => ("изменил(а) дело", "changed the activity"),
    HorizonsHelp => ("На сколько дней вперёд должно быть запланировано дело, чтобы карточка не считалась заброшенной.", "How many days ahead an activity must be planned for a card not to count as abandoned."),
    Horizons => ("Дисциплина", "Discipline"),
    InPoolSince => ("В отстойнике с", "In the pool since"),
    Incoming => ("Входящее", "Incoming"),
    InvoiceDeclined => ("Отклонён", "Declined"),
    InvoiceDraft => ("Черновик", "Draft"),
    InvoicePaid => ("Оплачен", "Paid"),
    InvoiceSent => ("Отправлен клиенту", "Sent to client"),
    Invoice => ("Счёт", "Invoice"),
    InvoicesEmpty => ("Счетов пока нет.", "No invoices yet."),
    KindCall => ("Звонок", "Call"),
    KindChat => ("Чат", "Chat"),
    KindEmail => ("Письмо", "E-mail"),
    KindMeeting => ("Встреча", "Meeting"),
    KindTodo => ("Дело", "To-do"),
    LastName => ("Фамилия", "Last name"),
    LeadConverted => ("Сконвертирован", "Converted"),
    LeadInWork => ("В работе", "In work"),
    LeadJunk => ("Некачественный", "Junk"),
    LeadNew => ("Новый", "New"),
    Lead => ("Лид", "Lead"),
    LeadsEmpty => ("Лидов пока нет.", "No leads yet."),
    MarkAs => ("Отметить:", "Mark as"),
    MarkLostQuestion => ("Отметить клиента как потерянного окончательно? Он больше не попадёт в реанимацию.", "Mark the client lost for good? It will never be reassigned again."),
    MarkLost => ("Потерян окончательно", "Lost for good"),
    MessengerKind => ("Мессенджер", "Messenger service"),
    Messenger => ("Мессенджер", "Messenger"),
    MoveEarlier => ("Левее", "Move earlier"),
    MoveIntoDeal => ("Перенести в сделку", "Move into the deal"),
    MoveLater => ("Правее", "Move later"),
    MoveToPool => ("В отстойник", "Move to the pool"),
    MoveToStage => ("Перевести на стадию", "Move to stage"),
    Name => ("Имя", "Name"),
    NewContact => ("Новый контакт", "New contact"),
    NewDeadline => ("Новый срок", "New deadline"),
    NewDeal => ("Новая сделка", "New deal"),
    NewInvoice => ("Новый счёт", "New invoice"),
    NewLead => ("Новый лид", "New lead"),
    NewUserName => ("Имя нового сотрудника", "New employee's name"),
    NewView => ("Новый фильтр", "New view"),
    NextActivity => ("Ближайшее дело", "Next activity"),
    NoActivities => ("Дел пока нет.", "No activities yet."),
    NoPlannedActivity => ("Нет дел", "None planned"),
    Number => ("Номер", "Number"),
    NumbersOnly => ("Введите целые числа.", "Enter whole numbers."),
    OnlyHeadOfSales => ("Только руководитель отдела продаж может отметить клиента потерянным окончательно.", "Only a head of sales may mark a client lost for good."),
    OnlyAdministrator => ("Изменять это может только администратор.", "Only an administrator may change this."),
    OnlyHeadsAssign => ("Распределять клиентов из отстойника может руководитель.", "Only a head of sales or an administrator assigns pool clients."),
    OpenDeal => ("Открыть сделку", "Open the deal"),
    Outgoing => ("Исходящее", "Outgoing"),
    PlanActivity => ("Запланировать", "Plan"),
    PlanNextHeading => ("Следующее дело", "Next activity"),
    PlanNext => ("Запланировать следующее дело", "Plan the next activity"),
    PoolEmpty => ("В отстойнике никого нет.", "Nobody is in the pool."),
    PoolHelp => ("Брошенные клиенты, за которых никто не отвечает. Распределите их сотрудникам на реанимацию.", "Abandoned clients nobody is responsible for. Hand them to employees for reanimation."),
    PoolRuleEnabled => ("Распределять автоматически", "Assign automatically"),
    PoolRule => ("Периодическое распределение", "Periodic assignment"),
    PoolStateChanged => ("Клиент уже в другом состоянии: обновите страницу.", "The client's state has changed: reload the page."),
    Pool => ("Отстойник", "Pool"),
    Position => ("Должность", "Position"),
    PriorityHigh => ("Важное", "High"),
    PriorityNormal => ("Обычное", "Normal"),
    Priority => ("Важность", "Priority"),
    Reason => ("Причина", "Reason"),
    Reschedule => ("Перенести", "Reschedule"),
    Result => ("Результат", "Result"),
    RoleAdministrator => ("Администратор", "Administrator"),
    RoleHeadOfSales => ("Руководитель отдела продаж", "Head of sales"),
    Roles => ("Роли", "Roles"),
    Sales => ("Продажи", "Sales"),
    SearchText => ("Текст", "Text"),
    Select => ("Выбрать", "Select"),
    Source => ("Источник", "Source"),
    StageInvoice => ("Счёт", "Invoice"),
    StageLost => ("Проиграна", "Lost"),
    StageNew => ("Новая", "New"),
    StagePayment => ("Оплата", "Payment"),
    StagePreparation => ("Подготовка", "Preparation"),
    StageWon => ("Выиграна", "Won"),
    Stage => ("Стадия", "Stage"),
    StatusActive => ("Активный", "Active"),
    StatusLost => ("Потерян окончательно", "Lost for good"),
    StatusPool => ("В отстойнике", "In the pool"),
    StatusRefused => ("Такой переход статуса невозможен.", "This status change is not allowed."),
    Status => ("Статус", "Status"),
    StrayActivitiesHelp => ("По иерархии дело ставится в сделку. Перенесите эти дела в сделку или выполните их, если они потеряли смысл.", "By the hierarchy rule activities belong on the deal. Move these into the deal, or complete them if they no longer matter."),
    StrayActivities => ("Дела клиента вне сделки", "The client's activities outside this deal"),
    Subject => ("Тема", "Subject"),
    Team => ("Сотрудники", "Team"),
    ToDate => ("По", "To"),
    ViewAll => ("Все невыполненные", "All uncompleted"),
    ViewEmpty => ("В этом фильтре дел нет.", "Nothing in this view."),
    ViewIncoming => ("Входящие", "Incoming"),
    ViewName => ("Название фильтра", "View name"),
    ViewNext3 => ("На 3 дня", "Next 3 days"),
    ViewNext7 => ("На 7 дней", "Next 7 days"),
    ViewOverdue => ("До сегодня", "Overdue"),
    ViewSettings => ("Фильтр", "View"),
    ViewToday => ("На сегодня", "Today"),
    ViewWithout => ("Без запланированных дел", "Without a planned activity"),
    Views => ("Фильтры", "Views"),
    WhoMe => ("Мои", "Mine"),
    WhoTeam => ("Вся команда", "Whole team"),
    Whose => ("Чьи дела", "Whose activities"),
    MissingForStage => ("Сначала заполните: {fields}.", "Fill in first: {fields}."),
    Pipeline => ("Воронка", "Pipeline"),
    Board => ("Канбан", "Board"),
    DealsTable => ("Список", "List"),
    DealsView => ("Вид", "View"),
    Automation => ("Автоматизация", "Automation"),
    AutomationHelp => ("Примеры из учебного курса: воронка «Новая → Сбор данных → Обработка → Оплата», поле контакта VIP, поле сделки «Тип оборудования» (обязательно с «Обработки»), контроль реакции за 10 минут, уведомление о VIP-клиенте, задача на проверку заказа специального оборудования и напоминания о неоплаченных счетах.", "Examples from the training course: a pipeline New → Data collection → Processing → Payment, a contact field VIP, a deal field “Equipment type” (required from Processing on), the 10-minute reaction control, the VIP client notice, a review task for special equipment orders and reminders of unpaid invoices."),
    InstallExamples => ("Установить примеры", "Install the examples"),
    ExamplesInstalled => ("Примеры установлены.", "The examples are installed."),
    ExPipeline => ("Учебная воронка", "Training pipeline"),
    ExNew => ("Новая", "New"),
    ExDataCollection => ("Сбор данных", "Data collection"),
    ExProcessing => ("Обработка", "Processing"),
    ExPayment => ("Оплата", "Payment"),
    ExWon => ("Успешно", "Won"),
    ExLost => ("Провалена", "Lost"),
    ExVip => ("VIP", "VIP"),
    ExEquipment => ("Тип оборудования", "Equipment type"),
    ExStandard => ("Стандартное", "Standard"),
    ExLarge => ("Крупногабаритное", "Large"),
    ExSpecial => ("Специальное", "Special"),
    ExReactionControl => ("Сделку «{deal}» не взяли в работу за 10 минут (ответственный: {responsible}).", "The deal “{deal}” was not taken into work within 10 minutes (responsible: {responsible})."),
    ExVipNotice => ("Пишет VIP-клиент: сделка «{deal}». Ответьте сразу.", "A VIP client is writing: deal “{deal}”. Answer at once."),
    ExReviewTaskTitle => ("Проверить заказ специального оборудования: {deal}", "Check the special equipment order: {deal}"),
    ExReviewTaskText => ("VIP-клиент {contact} заказывает специальное оборудование. Проверьте условия и сроки поставки.", "The VIP client {contact} orders special equipment. Check the terms and the delivery dates."),
    ExUnpaidNotice => ("Счёт по сделке «{deal}» всё ещё не оплачен: напомните клиенту.", "The invoice of the deal “{deal}” is still unpaid: remind the client."),
    ExUnpaidVipControl => ("VIP-клиент не оплатил счёт по сделке «{deal}» за 2 рабочих дня (ответственный: {responsible}).", "A VIP client has not paid the invoice of the deal “{deal}” in 2 business days (responsible: {responsible})."),
    Yes => ("Да", "Yes"),
    No => ("Нет", "No"),
    ProblemInvalidNumber => ("Введите число.", "Enter a number."),
    ProblemInvalidBoolean => ("Выберите «да» или «нет».", "Choose yes or no."),
    ProblemUnknownOption => ("Выберите значение из списка.", "Choose a value from the list."),
    ProblemRequiredAtStage => ("На этой стадии поле обязательно.", "Required at this stage."),
    PipelinesAndRobots => ("Воронки и роботы", "Pipelines and robots"),
    Stages => ("Стадии", "Stages"),
    StageName => ("Название стадии", "Stage name"),
    Colour => ("Цвет", "Colour"),
    MoveUp => ("Выше", "Move up"),
    MoveDown => ("Ниже", "Move down"),
    NewStage => ("Новая стадия", "New stage"),
    Meaning => ("Смысл", "Meaning"),
    SemInProgress => ("В работе", "In progress"),
    SemWon => ("Успех", "Won"),
    SemLost => ("Провал", "Lost"),
    AddStage => ("Добавить стадию", "Add a stage"),
    NewPipeline => ("Новая воронка", "New pipeline"),
    AddPipeline => ("Добавить воронку", "Add a pipeline"),
    DeletePipeline => ("Удалить воронку", "Delete the pipeline"),
    MoveDealsTo => ("Перенести сделки стадии в", "Move the stage's deals to"),
    DealsInStage => ("Сделок: {n}", "Deals: {n}"),
    Robots => ("Роботы", "Robots"),
    NoRobots => ("Роботов и триггеров нет.", "No robots or triggers."),
    AddRobot => ("Добавить робота", "Add a robot"),
    RobotAction => ("Действие", "Action"),
    ActNotifyResponsible => ("Уведомить ответственного", "Notify the responsible"),
    ActControl => ("Контроль: уведомить руководителя", "Control: notify the head"),
    ActTodo => ("Запланировать дело", "Plan a to-do"),
    RobotText => ("Текст", "Text"),
    RobotTextHelp => ("Можно вставить {deal}, {responsible}, {stage}, {contact}, {company}, {amount}.", "You may insert {deal}, {responsible}, {stage}, {contact}, {company}, {amount}."),
    Timing => ("Когда", "When"),
    Immediately => ("сразу", "immediately"),
    UnitMinutes => ("минут", "minutes"),
    UnitHours => ("часов", "hours"),
    UnitDays => ("дней", "days"),
    UnitBusinessDays => ("рабочих дней", "business days"),
    DelayAmount => ("Через (число)", "After (number)"),
    AfterDelay => ("через {n} {unit}", "after {n} {unit}"),
    AtDateField => ("к дате «{field}» {offset} дн.", "at “{field}” {offset} days"),
    WithConditions => ("при условии", "with a condition"),
    WaitsPrevious => ("после предыдущего", "after the previous one"),
    DescNotify => ("Уведомление ({to}): «{text}»", "Notification ({to}): “{text}”"),
    DescControl => ("Контроль руководителю: «{text}»", "Control to the head: “{text}”"),
    DescTask => ("Задача: «{text}»", "Task: “{text}”"),
    DescTaskReview => ("Задача с проверкой: «{text}»", "Task with review: “{text}”"),
    DescTodo => ("Дело: «{text}»", "To-do: “{text}”"),
    DescStage => ("Перевести на стадию «{text}»", "Move to the stage “{text}”"),
    DescField => ("Заполнить поле «{text}»", "Set the field “{text}”"),
    DescAssign => ("Сменить ответственного", "Change the responsible"),
    DescSend => ("Сообщение клиенту: «{text}»", "Message: “{text}”"),
    ToResponsible => ("ответственному", "to the responsible"),
    ToHead => ("руководителю", "to the head"),
    TrigIncoming => ("Входящее: {kind}", "Incoming: {kind}"),
    TrigTaken => ("Взяли в работу", "Taken into work"),
    TrigCompleted => ("Дело выполнено", "An activity completed"),
    TrigPaid => ("Счёт оплачен", "Invoice paid"),
    TrigField => ("Поле «{field}» заполнено", "The field “{field}” set"),
    ErrPipelineStages => ("В воронке должны остаться стадии «в работе», «успех» и «провал».", "A pipeline keeps a stage in progress, a won one and a lost one."),
    ErrClosedFirst => ("Закрытые стадии идут после рабочих.", "Closed stages come after the stages in progress."),
    ErrTargetRequired => ("Выберите, куда перенести сделки этой стадии.", "Choose where this stage's deals go."),
    ErrDefaultPipeline => ("Основную воронку удалить нельзя.", "The default pipeline cannot be deleted."),
    ErrPipelineDeals => ("В воронке есть сделки: сначала перенесите их.", "The pipeline has deals: move them first."),
    ErrColour => ("Цвет задаётся как #rrggbb.", "A colour is written #rrggbb."),
    ErrPipelineOther => ("Так изменить воронку нельзя.", "The pipeline cannot be changed that way."),
    ErrRobot => ("Робот не сохранён: проверьте стадию, текст и получателя.", "The robot was not saved: check its stage, text and recipient."),
    WorkCalendar => ("Рабочий календарь", "Work calendar"),
    BusinessDaysHelp => ("«Через N рабочих дней»: если момент приходится на нерабочее время, отсчёт начинается с начала следующего рабочего периода; затем отсчитываются N рабочих дней (выходные и праздники пропускаются, перенесённые рабочие дни считаются) с тем же временем суток; если результат вне рабочих часов, он переносится в рабочие часы.", "“After N business days”: if the moment falls outside working time, counting starts at the beginning of the next working period; then N working days are stepped over (weekends and holidays skipped, moved working days counted), keeping the time of day; a result outside working hours is moved into them."),
    WorkingDays => ("Рабочие дни недели", "Working weekdays"),
    WorkStart => ("Начало рабочего дня", "Working day starts"),
    WorkEnd => ("Конец рабочего дня", "Working day ends"),
    Holidays => ("Праздники и выходные (по дате в строке)", "Holidays and days off (one date per line)"),
    ExtraWorkingDays => ("Перенесённые рабочие дни (по дате в строке)", "Moved working days (one date per line)"),
    ErrCalendarTime => ("Укажите время как ЧЧ:ММ.", "Enter a time as HH:MM."),
    ErrCalendarEnd => ("Конец должен быть позже начала.", "The end must be after the start."),
    ErrCalendarDays => ("Отметьте хотя бы один рабочий день.", "Tick at least one working day."),
    ErrCalendarDate => ("Даты пишутся как ГГГГ-ММ-ДД, каждая один раз.", "Dates are written YYYY-MM-DD, each once."),
    ErrCalendarBoth => ("Эта дата уже в праздниках.", "This date is also a holiday."),
    Outbox => ("Исходящие сообщения", "Outbox"),
    OutboxEmpty => ("Роботы ещё ничего не отправляли.", "Robots have queued no messages yet."),
    OutboxHelp => ("Письма и SMS, которые поставили в очередь роботы. Отправка через сервер появится вместе с его синхронизацией; пока текст можно скопировать.", "E-mails and SMS queued by robots. Delivery through the sync server comes with its sync; until then, copy the text."),
    To => ("Кому", "To"),
    Robot => ("Робот", "Robot"),
    Trigger => ("Триггер", "Trigger"),
    CustomFields => ("Пользовательские поля", "Custom fields"),
    AddField => ("Добавить поле", "Add a field"),
    FieldFor => ("Для карточек", "On cards of"),
    FieldName => ("Название поля", "Field name"),
    FieldKind => ("Тип", "Kind"),
    FieldOptions => ("Варианты списка (по одному в строке)", "List options (one per line)"),
    RequiredFrom => ("Обязательно со стадии", "Required from the stage"),
    KindBoolean => ("Да/нет", "Yes/no"),
    KindText => ("Строка", "Text"),
    KindNumber => ("Число", "Number"),
    KindMoney => ("Деньги", "Money"),
    KindDate => ("Дата", "Date"),
    KindList => ("Список", "List"),
    ErrFieldOptions => ("У списка должны быть варианты, каждый по одному разу.", "A list needs options, each once."),
    ErrFieldStage => ("Обязательность задаётся только для сделок и не для стадии провала.", "Only deal fields are required from a stage, and never from a lost one."),
    ActEmailClient => ("Отправить письмо клиенту", "E-mail the client"),
    Condition => ("Условие", "Condition"),
    ConditionField => ("Поле", "Field"),
    ConditionOp => ("Сравнение", "Comparison"),
    ConditionValue => ("Значение", "Value"),
    Join => ("Связка", "Join"),
    JoinAll => ("И (все условия)", "AND (all of them)"),
    JoinAny => ("ИЛИ (любое условие)", "OR (any of them)"),
    OpEquals => ("равно", "equals"),
    OpNotEquals => ("не равно", "not equals"),
    OpEmpty => ("пусто", "is empty"),
    OpNotEmpty => ("не пусто", "is not empty"),
    OpGreater => ("больше", "greater than"),
    OpLess => ("меньше", "less than"),
    OpContains => ("содержит", "contains"),
    ErrCondition => ("Условие не подходит к полю: проверьте значение.", "The condition does not fit its field: check the value."),
    AfterPrevious => ("Ждать завершения предыдущего робота стадии", "Wait for the previous robot of the stage"),
    AddTrigger => ("Добавить триггер", "Add a trigger"),
    TriggerEvent => ("Событие", "Event"),
    TriggerStage => ("Перевести на стадию", "Move to the stage"),
    ActNotifyHead => ("Уведомить руководителя", "Notify the head"),
    ActNotifyUser => ("Уведомить сотрудника", "Notify an employee"),
    ActMoveStage => ("Перевести на стадию", "Move to a stage"),
    ActSetField => ("Заполнить поле", "Set a field"),
    ActAssign => ("Сменить ответственного", "Change the responsible"),
    ActSmsClient => ("Отправить SMS клиенту", "SMS the client"),
    Whom => ("Кому", "Whom"),
    AssignTo => ("Кому передать (несколько — по очереди)", "Hand to (several: in turn)"),
    AtDealDate => ("дней от даты сделки (− до, + после)", "days from a deal date (− before, + after)"),
    DateField => ("Поле даты", "Date field"),
    AddComparison => ("Добавить сравнение", "Add a comparison"),
    ErrOwnStage => ("Робот не может переводить сделку на свою же стадию.", "A robot cannot move the deal to its own stage."),
    ErrDateField => ("Выберите поле сделки с датой.", "Choose a date field of the deal."),
    FieldToSet => ("Какое поле заполнить", "Field to set"),
    ValueToSet => ("Каким значением", "Value to set"),
    TargetStage => ("На какую стадию", "Stage to move to"),
    TrigFieldSet => ("Поле заполнено значением", "A field set to a value"),
    TriggerField => ("Какое поле", "Which field"),
    TriggerValue => ("Каким значением", "To which value"),
    ActEmailUser => ("Отправить письмо сотруднику", "E-mail an employee"),
    WaitingRobots => ("Роботы в ожидании", "Robots waiting"),
    WaitsForDate => ("ждёт даты в поле", "waits for its date"),
    ActTask => ("Поставить задачу", "Set a task"),
    DealsResponsible => ("Ответственный за сделку", "The deal's responsible"),
    DueInBusinessDays => ("Срок, рабочих дней", "Due in business days"),
    YouAre => ("Вы работаете как", "You are"),
}

/// The translated message for a validation problem.
pub fn problem_text(lang: Lang, problem: Problem) -> String {
    match problem {
        Problem::Required => Key::ProblemRequired.text(lang).into(),
        Problem::TooLong { max_chars } => {
            Key::ProblemTooLong.text(lang).replace("{max}", &max_chars.to_string())
        }
        Problem::InvalidEmail => Key::ProblemInvalidEmail.text(lang).into(),
        Problem::InvalidPhone => Key::ProblemInvalidPhone.text(lang).into(),
        Problem::UnknownUser => Key::ProblemUnknownUser.text(lang).into(),
        Problem::InvalidHandle => Key::ProblemInvalidHandle.text(lang).into(),
        Problem::InvalidAmount => Key::ProblemInvalidAmount.text(lang).into(),
        Problem::InvalidCurrency => Key::ProblemInvalidCurrency.text(lang).into(),
        Problem::InvalidDate => Key::ProblemInvalidDate.text(lang).into(),
        Problem::InvalidDateTime => Key::ProblemInvalidDateTime.text(lang).into(),
        Problem::UnknownCard => Key::ProblemUnknownCard.text(lang).into(),
        Problem::UnknownStage => Key::ProblemUnknownStage.text(lang).into(),
        Problem::InvalidNumber => Key::ProblemInvalidNumber.text(lang).into(),
        Problem::InvalidBoolean => Key::ProblemInvalidBoolean.text(lang).into(),
        Problem::UnknownOption => Key::ProblemUnknownOption.text(lang).into(),
        Problem::RequiredAtStage => Key::ProblemRequiredAtStage.text(lang).into(),
    }
}

/// Why a deal may not enter a stage, naming the fields to fill in.
pub fn move_refused_text(lang: Lang, refused: &MoveRefused, field_name: impl Fn(&Id) -> String) -> String {
    match refused {
        MoveRefused::UnknownStage(_) => Key::ProblemUnknownStage.text(lang).into(),
        MoveRefused::MissingFields(fields) => {
            let names: Vec<String> = fields.iter().map(|field| format!("«{}»", field_name(field))).collect();
            Key::MissingForStage.text(lang).replace("{fields}", &names.join(", "))
        }
    }
}

/// The course examples' texts in `lang`.
pub fn example_text(lang: Lang, text: ExampleText) -> String {
    let key = match text {
        ExampleText::Pipeline => Key::ExPipeline,
        ExampleText::New => Key::ExNew,
        ExampleText::DataCollection => Key::ExDataCollection,
        ExampleText::Processing => Key::ExProcessing,
        ExampleText::Payment => Key::ExPayment,
        ExampleText::Won => Key::ExWon,
        ExampleText::Lost => Key::ExLost,
        ExampleText::VipField => Key::ExVip,
        ExampleText::EquipmentField => Key::ExEquipment,
        ExampleText::Standard => Key::ExStandard,
        ExampleText::Large => Key::ExLarge,
        ExampleText::Special => Key::ExSpecial,
        ExampleText::ReactionControl => Key::ExReactionControl,
        ExampleText::VipNotice => Key::ExVipNotice,
        ExampleText::ReviewTaskTitle => Key::ExReviewTaskTitle,
        ExampleText::ReviewTaskText => Key::ExReviewTaskText,
        ExampleText::UnpaidNotice => Key::ExUnpaidNotice,
        ExampleText::UnpaidVipControl => Key::ExUnpaidVipControl,
    };
    key.text(lang).to_owned()
}

/// The language signal provided by the shell.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive translation of `key`, usable as a view child or attribute.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || key.text(lang.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_long_names_its_limit_in_both_languages() {
        let problem = Problem::TooLong { max_chars: 200 };
        assert!(problem_text(Lang::Ru, problem).contains("200"));
        assert!(problem_text(Lang::En, problem).contains("200"));
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }
}
