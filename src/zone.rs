//! The user's time zone as the browser knows it, daylight saving included.

use dela_core::zone::Zone;
use dela_core::Timestamp;
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserZone;

impl Zone for BrowserZone {
    fn offset_minutes(&self, at: Timestamp) -> i32 {
        let date = js_sys::Date::new(&JsValue::from_f64(at.millis() as f64));
        -(date.get_timezone_offset() as i32)
    }
}
