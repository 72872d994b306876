//! Phones and e-mail addresses of clients, each with its kind, as CRMs keep
//! several of both per contact or company.

use serde::{Deserialize, Serialize};

use crate::code::codes;
use crate::validation::{FieldErrors, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    #[default]
    Work,
    Mobile,
    Home,
    Other,
}

codes!(PointKind { Work => "work", Mobile => "mobile", Home => "home", Other => "other" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPoint {
    pub kind: PointKind,
    pub value: String,
}

const MAX_PHONE_CHARS: usize = 32;
const MIN_PHONE_DIGITS: usize = 5;
const MAX_EMAIL_CHARS: usize = 254;

/// Accepts the ways people write phone numbers (`+7 (495) 123-45-67`,
/// `8 800 555 35 35`, an extension after `ext`/`доб.`), refuses text that
/// cannot be dialled.
pub fn is_valid_phone(phone: &str) -> bool {
    let phone = phone.trim();
    let (number, extension) = split_extension(phone);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    phone.chars().count() <= MAX_PHONE_CHARS
        && digits >= MIN_PHONE_DIGITS
        && number.chars().all(allowed)
        && !number[1.min(number.len())..].contains('+')
        && extension.is_none_or(|ext| !ext.is_empty() && ext.chars().all(|c| c.is_ascii_digit()))
}

fn split_extension(phone: &str) -> (&str, Option<&str>) {
    for marker in ["ext.", "ext", "доб.", "доб", "x"] {
        if let Some(position) = phone.find(marker) {
            let extension = phone[position + marker.len()..].trim();
            return (phone[..position].trim_end(), Some(extension));
        }
    }
    (phone, None)
}

/// A pragmatic address check: one `@`, a non-empty local part, a domain with
/// a dot and no empty labels, no whitespace. Full RFC 5322 parsing would let
/// through addresses that no mail client accepts anyway.
pub fn is_valid_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= MAX_EMAIL_CHARS
        && !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

/// Messenger services clients write from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessengerKind {
    #[default]
    Telegram,
    WhatsApp,
    Viber,
    Other,
}

codes!(MessengerKind { Telegram => "telegram", WhatsApp => "whatsapp", Viber => "viber", Other => "other" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Messenger {
    pub kind: MessengerKind,
    pub handle: String,
}

const MAX_HANDLE_CHARS: usize = 64;

/// A handle is a user name (`@anna_k`), a phone number or a link; it must
/// be one word of sensible length.
pub fn is_valid_handle(handle: &str) -> bool {
    let handle = handle.trim();
    !handle.is_empty()
        && handle.chars().count() <= MAX_HANDLE_CHARS
        && !handle.chars().any(char::is_whitespace)
        || is_valid_phone(handle)
}

/// Checks one entered phone or e-mail and returns the point when it holds a
/// value; an empty entry is simply absent.
pub fn check_point(
    errors: &mut FieldErrors,
    field: &str,
    kind: PointKind,
    value: &str,
    valid: fn(&str) -> bool,
    problem: Problem,
) -> Option<ContactPoint> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if !valid(value) {
        errors.add(field, problem);
    }
    Some(ContactPoint { kind, value: value.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_as_people_write_them_are_accepted() {
        for phone in [
            "+7 (495) 123-45-67",
            "8 800 555 35 35",
            "12345",
            "+1 212 555 0100 ext. 12",
            "+7 495 1234567 доб. 3",
        ] {
            assert!(is_valid_phone(phone), "{phone}");
        }
    }

    #[test]
    fn text_that_cannot_be_dialled_is_refused() {
        for phone in ["call me", "1234", "+7 495 12a 45 67", "7+495 1234567", "123456 ext.", &"1".repeat(33)]
        {
            assert!(!is_valid_phone(phone), "{phone}");
        }
    }

    #[test]
    fn email_addresses_are_checked_pragmatically() {
        for email in ["anna@example.com", "a.b+crm@mail.example.ru", "иван@пример.рф"] {
            assert!(is_valid_email(email), "{email}");
        }
        for email in [
            "anna",
            "anna@",
            "@example.com",
            "anna@example",
            "an na@example.com",
            "a@b@c.com",
            "a@example..com",
        ] {
            assert!(!is_valid_email(email), "{email}");
        }
    }

    #[test]
    fn messenger_handles_are_one_word_or_a_phone() {
        assert!(is_valid_handle("@anna_k"));
        assert!(is_valid_handle("+7 912 345 67 89"));
        assert!(!is_valid_handle("anna k"));
        assert!(!is_valid_handle(&"a".repeat(65)));
        assert_eq!(MessengerKind::from_code("whatsapp"), Some(MessengerKind::WhatsApp));
    }
}
