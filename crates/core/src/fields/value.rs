//! One typed value of a custom field, and how form text becomes one.

use serde::{Deserialize, Serialize};

use super::{FieldDef, FieldKind};
use crate::date::Date;
use crate::money::{is_currency, parse_amount, Money};
use crate::text::sort_key;
use crate::Id;

/// Longest text value; a text field is a line or a note, not a document.
pub const TEXT_MAX_CHARS: usize = 2_000;

/// Externally tagged so that stored JSON says what it holds:
/// `{"list":"special"}`, `{"money":{"minor":1000,"currency":"RUB"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Boolean(bool),
    Text(String),
    /// Always finite: parsing and [`Value::check`] refuse NaN and infinity.
    Number(f64),
    Money(Money),
    Date(Date),
    /// The id of one option of a list field.
    List(Id),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueProblem {
    /// The value is of another kind than the field.
    WrongKind {
        expected: FieldKind,
    },
    /// Empty, but the field is required at the deal's stage.
    Required,
    TooLong {
        max_chars: usize,
    },
    InvalidBoolean,
    InvalidNumber,
    InvalidAmount,
    InvalidCurrency,
    InvalidDate,
    UnknownOption,
}

impl Value {
    pub fn kind(&self) -> FieldKind {
        match self {
            Value::Boolean(_) => FieldKind::Boolean,
            Value::Text(_) => FieldKind::Text,
            Value::Number(_) => FieldKind::Number,
            Value::Money(_) => FieldKind::Money,
            Value::Date(_) => FieldKind::Date,
            Value::List(_) => FieldKind::List,
        }
    }

    /// Reads form text for a field; `Ok(None)` for a blank input (an empty
    /// field). Booleans read `yes`/`no`, `true`/`false`, `1`/`0`; money reads
    /// an amount and a currency code, `1 234,50 RUB` or `1234.5|RUB`; dates
    /// read `YYYY-MM-DD`; lists read an option id.
    pub fn parse(def: &FieldDef, text: &str) -> Result<Option<Value>, ValueProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let value = match def.kind {
            FieldKind::Boolean => Value::Boolean(parse_boolean(text).ok_or(ValueProblem::InvalidBoolean)?),
            FieldKind::Text => Value::Text(text.to_owned()),
            FieldKind::Number => Value::Number(parse_number(text).ok_or(ValueProblem::InvalidNumber)?),
            FieldKind::Money => {
                let (amount, currency) = text
                    .rsplit_once(|c: char| c == '|' || c.is_whitespace())
                    .ok_or(ValueProblem::InvalidCurrency)?;
                let minor = parse_amount(amount).ok_or(ValueProblem::InvalidAmount)?;
                Value::Money(Money { minor, currency: currency.trim().to_uppercase() })
            }
            FieldKind::Date => Value::Date(Date::parse(text).ok_or(ValueProblem::InvalidDate)?),
            FieldKind::List => Value::List(Id::parse(text).ok_or(ValueProblem::UnknownOption)?),
        };
        value.check(def)?;
        Ok(Some(value))
    }

    /// The form text that [`Value::parse`] reads back as this value: what an
    /// edit form starts from and what history records.
    pub fn input_text(&self) -> String {
        match self {
            Value::Boolean(true) => "yes".into(),
            Value::Boolean(false) => "no".into(),
            Value::Text(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            Value::Money(money) => {
                let sign = if money.minor < 0 { "-" } else { "" };
                let minor = money.minor.unsigned_abs();
                format!("{sign}{}.{:02} {}", minor / 100, minor % 100, money.currency)
            }
            Value::Date(date) => date.to_string(),
            Value::List(option) => option.to_string(),
        }
    }

    /// Like [`Value::parse`], but a list option may also be named by its
    /// label (ignoring case), as people type it into a robot's settings.
    pub fn parse_choice(def: &FieldDef, text: &str) -> Result<Option<Value>, ValueProblem> {
        let text = text.trim();
        let by_label =
            def.options.iter().find(|o| sort_key(&o.label) == sort_key(text)).map(|o| o.id.to_string());
        Value::parse(def, by_label.as_deref().unwrap_or(text))
    }

    /// Whether a typed value (from a robot or an import) fits the field.
    pub fn check(&self, def: &FieldDef) -> Result<(), ValueProblem> {
        match self {
            _ if self.kind() != def.kind => Err(ValueProblem::WrongKind { expected: def.kind }),
            Value::Text(text) if text.chars().count() > TEXT_MAX_CHARS => {
                Err(ValueProblem::TooLong { max_chars: TEXT_MAX_CHARS })
            }
            Value::Number(number) if !number.is_finite() => Err(ValueProblem::InvalidNumber),
            Value::Money(money) if !is_currency(&money.currency) => Err(ValueProblem::InvalidCurrency),
            Value::List(option) if def.option(option).is_none() => Err(ValueProblem::UnknownOption),
            _ => Ok(()),
        }
    }

    /// Blank text counts as no value: conditions and requirements see both
    /// the same way.
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Text(text) if text.trim().is_empty())
    }
}

fn parse_boolean(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "yes" | "true" | "1" | "да" => Some(true),
        "no" | "false" | "0" | "нет" => Some(false),
        _ => None,
    }
}

/// Numbers as people type them: `1 234,5`, `-0.25`. Only digits, one
/// separator and a leading minus, so `NaN` and `inf` are not numbers here.
fn parse_number(text: &str) -> Option<f64> {
    let compact: String =
        text.chars().filter(|c| !c.is_whitespace()).map(|c| if c == ',' { '.' } else { c }).collect();
    let digits = compact.strip_prefix('-').unwrap_or(&compact);
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    compact.parse::<f64>().ok().filter(|number| plain && number.is_finite())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{defs, id};
    use super::super::FieldEntity;
    use super::*;

    fn def(kind: FieldKind) -> FieldDef {
        FieldDef::new(id("f"), FieldEntity::Deal, "F", kind)
    }

    #[test]
    fn each_kind_reads_its_form_text() {
        let parse = |kind, text| Value::parse(&def(kind), text);
        assert_eq!(parse(FieldKind::Boolean, " Yes "), Ok(Some(Value::Boolean(true))));
        assert_eq!(parse(FieldKind::Boolean, "0"), Ok(Some(Value::Boolean(false))));
        assert_eq!(parse(FieldKind::Text, "  note "), Ok(Some(Value::Text("note".into()))));
        assert_eq!(parse(FieldKind::Number, "-1 234,5"), Ok(Some(Value::Number(-1234.5))));
        assert_eq!(
            parse(FieldKind::Money, "1 234,50 rub"),
            Ok(Some(Value::Money(Money { minor: 123_450, currency: "RUB".into() })))
        );
        assert_eq!(
            parse(FieldKind::Money, "10|USD"),
            Ok(Some(Value::Money(Money { minor: 1_000, currency: "USD".into() })))
        );
        assert_eq!(
            parse(FieldKind::Date, "2026-11-27"),
            Ok(Some(Value::Date(Date::new(2026, 11, 27).unwrap())))
        );
        assert_eq!(Value::parse(&defs()[0], "special"), Ok(Some(Value::List(id("special")))));
    }

    #[test]
    fn input_text_reads_back_as_the_same_value() {
        let cases = [
            (FieldKind::Boolean, "no"),
            (FieldKind::Text, "Fragile"),
            (FieldKind::Number, "12.5"),
            (FieldKind::Money, "1234.05 RUB"),
            (FieldKind::Date, "2026-02-28"),
        ];
        for (kind, text) in cases {
            let value = Value::parse(&def(kind), text).unwrap().unwrap();
            assert_eq!(value.input_text(), text, "{kind:?}");
            assert_eq!(Value::parse(&def(kind), &value.input_text()), Ok(Some(value)));
        }
    }

    #[test]
    fn blank_text_is_an_empty_field_of_any_kind() {
        for kind in [FieldKind::Boolean, FieldKind::Number, FieldKind::Date, FieldKind::List] {
            assert_eq!(Value::parse(&def(kind), "   "), Ok(None));
        }
        assert!(Value::Text(" ".into()).is_blank());
    }

    #[test]
    fn malformed_text_is_refused_with_a_code_per_kind() {
        let parse = |kind, text| Value::parse(&def(kind), text);
        assert_eq!(parse(FieldKind::Boolean, "maybe"), Err(ValueProblem::InvalidBoolean));
        for text in ["NaN", "inf", "1.2.3", "12a", "-", "."] {
            assert_eq!(parse(FieldKind::Number, text), Err(ValueProblem::InvalidNumber), "{text}");
        }
        assert_eq!(parse(FieldKind::Money, "1,2,3 RUB"), Err(ValueProblem::InvalidAmount));
        assert_eq!(parse(FieldKind::Money, "100"), Err(ValueProblem::InvalidCurrency));
        assert_eq!(parse(FieldKind::Money, "100 XXX"), Err(ValueProblem::InvalidCurrency));
        assert_eq!(parse(FieldKind::Date, "2026-02-30"), Err(ValueProblem::InvalidDate));
        assert_eq!(Value::parse(&defs()[0], "huge"), Err(ValueProblem::UnknownOption));
        let long = "x".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(parse(FieldKind::Text, &long), Err(ValueProblem::TooLong { max_chars: TEXT_MAX_CHARS }));
    }

    #[test]
    fn a_typed_value_must_match_the_field_kind() {
        assert_eq!(
            Value::Boolean(true).check(&defs()[0]),
            Err(ValueProblem::WrongKind { expected: FieldKind::List })
        );
        assert_eq!(Value::Number(f64::NAN).check(&def(FieldKind::Number)), Err(ValueProblem::InvalidNumber));
        assert_eq!(Value::List(id("large")).check(&defs()[0]), Ok(()));
    }

    #[test]
    fn values_are_stored_externally_tagged() {
        assert_eq!(serde_json::to_string(&Value::List(id("special"))).unwrap(), r#"{"list":"special"}"#);
        assert_eq!(serde_json::to_string(&Value::Boolean(true)).unwrap(), r#"{"boolean":true}"#);
    }
}
