//! Instants shown in the user's locale and time zone. The formatter is
//! made once per language: creating one per row made long lists slow.

use std::cell::RefCell;

use dela_core::Timestamp;
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

thread_local! {
    static FORMATTERS: RefCell<Vec<(Lang, js_sys::Intl::DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
}

fn formatter(lang: Lang) -> js_sys::Intl::DateTimeFormat {
    FORMATTERS.with(|cache| {
        if let Some((_, formatter)) = cache.borrow().iter().find(|(cached, _)| *cached == lang) {
            return formatter.clone();
        }
        let options = js_sys::Object::new();
        let set = |key: &str, value: &str| {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        };
        set("dateStyle", "medium");
        set("timeStyle", "short");
        let locales = js_sys::Array::of1(&JsValue::from_str(lang.code()));
        let formatter = js_sys::Intl::DateTimeFormat::new(&locales, &options);
        cache.borrow_mut().push((lang, formatter.clone()));
        formatter
    })
}

pub fn format_instant(at: Timestamp, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.millis() as f64));
    let format = formatter(lang).format();
    format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|text| text.as_string()).unwrap_or_default()
}
