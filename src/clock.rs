//! The app's one source of "now". Components and rules never read the
//! system time themselves, so that tests (and the trainers' practicum) can
//! set the clock.

use dela_core::Timestamp;

pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}
