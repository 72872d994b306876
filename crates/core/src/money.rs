//! Amounts of money in minor units (kopecks, cents), so sums are exact.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Minor units: 12345 is 123.45.
    pub minor: i64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

pub const CURRENCIES: [&str; 4] = ["RUB", "USD", "EUR", "KZT"];

/// Reads an amount as people type it: `1 234,50`, `1234.5`, `1 000`. At
/// most two decimals; no sign (amounts of cards are never negative).
pub fn parse_amount(text: &str) -> Option<i64> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if compact.is_empty() {
        return None;
    }
    let (whole, fraction) = match compact.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (compact.as_str(), ""),
    };
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = if fraction.is_empty() { 0 } else { format!("{fraction:0<2}").parse().ok()? };
    whole.checked_mul(100)?.checked_add(fraction)
}

pub fn is_currency(code: &str) -> bool {
    CURRENCIES.contains(&code)
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.minor / 100;
        let cents = (self.minor % 100).abs();
        let digits = whole.abs().to_string();
        let mut grouped = String::new();
        for (position, digit) in digits.chars().enumerate() {
            if position > 0 && (digits.len() - position).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(digit);
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        write!(f, "{sign}{grouped}.{cents:02} {}", self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("1 234,50"), Some(123_450));
        assert_eq!(parse_amount("1234.5"), Some(123_450));
        assert_eq!(parse_amount("1000"), Some(100_000));
        assert_eq!(parse_amount("0,07"), Some(7));
    }

    #[test]
    fn malformed_amounts_are_refused() {
        for text in ["", "abc", "1,234,5", "1.234", "-5", ".5x", "99999999999999999999"] {
            assert_eq!(parse_amount(text), None, "{text}");
        }
    }

    #[test]
    fn amounts_print_with_grouped_thousands() {
        let money = Money { minor: 123_456_789, currency: "RUB".into() };
        assert_eq!(money.to_string(), "1\u{a0}234\u{a0}567.89 RUB");
    }
}
