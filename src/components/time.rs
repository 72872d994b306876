//! Instants shown in the user's locale and time zone.

use dela_core::Timestamp;
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

pub fn format_instant(at: Timestamp, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.millis() as f64));
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    set("dateStyle", "medium");
    set("timeStyle", "short");
    date.to_locale_string(lang.code(), &options).into()
}
