//! The one translation table of the UI. Every visible string and every
//! accessible name goes through [`Key`], so Russian and English stay in step
//! and end-to-end tests can rely on the names.

use dela_core::validation::Problem;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Product,
    Loading,
    MainNavigation,
    Language,
    CurrentUser,
    Online,
    Offline,
    MyActivities,
    Deals,
    Leads,
    Contacts,
    Companies,
    Tasks,
    Invoices,
    Settings,
    NotFound,
    BackHome,
    ActivitiesEmpty,
    SectionComingSoon,
    NewCompany,
    EditCompany,
    CompaniesEmpty,
    Title,
    Phone,
    PhoneKind,
    Email,
    EmailKind,
    Responsible,
    Comments,
    Updated,
    Save,
    Cancel,
    Edit,
    Delete,
    ConfirmDelete,
    DeleteQuestion,
    History,
    HistoryEmpty,
    HistoryCreated,
    HistoryDeleted,
    HistoryChanged,
    CompanyNotFound,
    FormHasErrors,
    Saved,
    KindWork,
    KindMobile,
    KindHome,
    KindOther,
    ProblemRequired,
    ProblemTooLong,
    ProblemInvalidEmail,
    ProblemInvalidPhone,
    ProblemUnknownUser,
    YourName,
    DefaultUserName,
    Profile,
    Storage,
    StorageTitle,
    StorageUnavailable,
    StorageBlocked,
    StorageQuota,
    StorageTooNew,
    StorageOther,
    StoragePersisted,
    StorageNotPersisted,
    Reload,
}

impl Key {
    /// The text of this key in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (ru, en) = match self {
            Key::Product => ("Дела", "Dela"),
            Key::Loading => ("Загрузка…", "Loading…"),
            Key::MainNavigation => ("Основное меню", "Main navigation"),
            Key::Language => ("Язык", "Language"),
            Key::CurrentUser => ("Текущий пользователь", "Current user"),
            Key::Online => ("В сети", "Online"),
            Key::Offline => ("Не в сети", "Offline"),
            Key::MyActivities => ("Мои дела", "My activities"),
            Key::Deals => ("Сделки", "Deals"),
            Key::Leads => ("Лиды", "Leads"),
            Key::Contacts => ("Контакты", "Contacts"),
            Key::Companies => ("Компании", "Companies"),
            Key::Tasks => ("Задачи", "Tasks"),
            Key::Invoices => ("Счета", "Invoices"),
            Key::Settings => ("Настройки", "Settings"),
            Key::NotFound => ("Страница не найдена", "Page not found"),
            Key::BackHome => ("К моим делам", "Back to my activities"),
            Key::ActivitiesEmpty => (
                "Запланированных дел пока нет. Дела появятся здесь, как только вы их запланируете в карточках.",
                "No activities planned yet. They appear here as soon as you plan them on cards.",
            ),
            Key::SectionComingSoon => (
                "Этот раздел появится в следующей версии. Данные уже хранятся на этом устройстве.",
                "This section arrives in the next version. Your data is already kept on this device.",
            ),
            Key::NewCompany => ("Новая компания", "New company"),
            Key::EditCompany => ("Изменить компанию", "Edit company"),
            Key::CompaniesEmpty => ("Компаний пока нет.", "No companies yet."),
            Key::Title => ("Название", "Title"),
            Key::Phone => ("Телефон", "Phone"),
            Key::PhoneKind => ("Тип телефона", "Phone type"),
            Key::Email => ("E-mail", "E-mail"),
            Key::EmailKind => ("Тип e-mail", "E-mail type"),
            Key::Responsible => ("Ответственный", "Responsible"),
            Key::Comments => ("Комментарий", "Comments"),
            Key::Updated => ("Изменена", "Updated"),
            Key::Save => ("Сохранить", "Save"),
            Key::Cancel => ("Отмена", "Cancel"),
            Key::Edit => ("Изменить", "Edit"),
            Key::Delete => ("Удалить", "Delete"),
            Key::ConfirmDelete => ("Да, удалить", "Yes, delete"),
            Key::DeleteQuestion => (
                "Удалить компанию? История изменений сохранится.",
                "Delete this company? Its history is kept.",
            ),
            Key::History => ("История", "History"),
            Key::HistoryEmpty => ("Изменений пока нет.", "No changes yet."),
            Key::HistoryCreated => ("создал(а) карточку", "created the card"),
            Key::HistoryDeleted => ("удалил(а) карточку", "deleted the card"),
            Key::HistoryChanged => ("изменил(а)", "changed"),
            Key::CompanyNotFound => ("Компания не найдена: возможно, она удалена.", "Company not found: it may have been deleted."),
            Key::FormHasErrors => ("Исправьте отмеченные поля.", "Please correct the marked fields."),
            Key::Saved => ("Сохранено", "Saved"),
            Key::KindWork => ("Рабочий", "Work"),
            Key::KindMobile => ("Мобильный", "Mobile"),
            Key::KindHome => ("Домашний", "Home"),
            Key::KindOther => ("Другой", "Other"),
            Key::ProblemRequired => ("Обязательное поле.", "This field is required."),
            Key::ProblemTooLong => ("Слишком длинно: не больше {max} символов.", "Too long: at most {max} characters."),
            Key::ProblemInvalidEmail => ("Это не похоже на адрес e-mail.", "This does not look like an e-mail address."),
            Key::ProblemInvalidPhone => (
                "Это не похоже на номер телефона: нужны цифры, можно +, пробелы, скобки и дефисы.",
                "This does not look like a phone number: use digits, and optionally +, spaces, brackets and dashes.",
            ),
            Key::ProblemUnknownUser => ("Такого пользователя нет.", "There is no such user."),
            Key::YourName => ("Ваше имя", "Your name"),
            Key::DefaultUserName => ("Я", "Me"),
            Key::Profile => ("Профиль", "Profile"),
            Key::Storage => ("Хранение данных", "Data storage"),
            Key::StorageTitle => ("Хранилище недоступно", "Storage is not available"),
            Key::StorageUnavailable => (
                "Браузер не даёт сохранять данные (например, в приватном режиме). Откройте Дела в обычном окне: иначе ничего не сохранится.",
                "The browser does not allow storing data (for example in a private window). Open Dela in a normal window, or nothing can be saved.",
            ),
            Key::StorageBlocked => (
                "Дела открыты в другой вкладке со старой версией. Закройте её, и эта вкладка продолжит загрузку.",
                "Dela is open in another tab with an older version. Close it and this tab will continue loading.",
            ),
            Key::StorageQuota => (
                "Не хватает места для данных на этом устройстве. Освободите место на диске; введённые данные не потеряны, повторите сохранение.",
                "There is not enough storage space on this device. Free some disk space; what you entered is kept, try saving again.",
            ),
            Key::StorageTooNew => (
                "Данные на этом устройстве созданы более новой версией Дел. Обновите страницу, чтобы загрузить её.",
                "The data on this device was written by a newer version of Dela. Reload the page to get it.",
            ),
            Key::StorageOther => ("Ошибка хранилища:", "Storage error:"),
            Key::StoragePersisted => (
                "Браузер не удалит данные при нехватке места.",
                "The browser will not evict your data when space runs low.",
            ),
            Key::StorageNotPersisted => (
                "Браузер может удалить данные при нехватке места: синхронизируйтесь с сервером.",
                "The browser may evict your data when space runs low: keep it synced with the server.",
            ),
            Key::Reload => ("Обновить страницу", "Reload the page"),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
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
    }
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
