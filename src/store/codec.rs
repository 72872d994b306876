//! Records and keys on their way into and out of IndexedDB. Writes go as
//! JSON (one `JSON.parse` per record is far cheaper than building the object
//! field by field across the wasm boundary); reads are decoded here, in one
//! place.
//!
//! Reads of many records skip one that does not decode, so a damaged record
//! hides neither the others nor the app; each is reported to whoever
//! listens ([`on_damaged`]), so the skip is seen.

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::StoreError;

/// A record or key as a JavaScript value, for IndexedDB's structured clone.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Data(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| StoreError::Data("a record could not be encoded".into()))
}

/// A stored value read as `T`; `store` names where it came from. Walked
/// in place by serde-wasm-bindgen rather than through JSON: measured, the
/// JSON path's deserializer per stored type made the wasm 110 kB larger.
pub fn from_js<T: DeserializeOwned>(value: JsValue, store: &str) -> Result<T, StoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StoreError::Data(format!("{store}: {e}")))
}

/// Records read as `T`, those that do not decode skipped and reported.
pub fn from_all<T: DeserializeOwned>(
    records: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
    store: &str,
) -> Result<Vec<T>, StoreError> {
    let mut decoded = Vec::new();
    for record in records {
        match from_js(record?, store) {
            Ok(value) => decoded.push(value),
            Err(damaged) => report(&damaged),
        }
    }
    Ok(decoded)
}

/// A key range with its keys as IndexedDB takes them.
pub fn range_js<K: Serialize>(range: KeyRange<K>) -> Result<KeyRange<JsValue>, StoreError> {
    Ok(match range {
        KeyRange::Only(key) => KeyRange::Only(to_js(&key)?),
        KeyRange::LowerBound(key, open) => KeyRange::LowerBound(to_js(&key)?, open),
        KeyRange::UpperBound(key, open) => KeyRange::UpperBound(to_js(&key)?, open),
        KeyRange::Bound(lower, lower_open, upper, upper_open) => {
            KeyRange::Bound(to_js(&lower)?, lower_open, to_js(&upper)?, upper_open)
        }
    })
}

type Listener = Rc<dyn Fn(&StoreError)>;

thread_local! {
    static ON_DAMAGED: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// Who hears of a skipped record (the app shows it); the last one set.
pub fn on_damaged(listener: impl Fn(&StoreError) + 'static) {
    ON_DAMAGED.with(|slot| *slot.borrow_mut() = Some(Rc::new(listener)));
}

fn report(damaged: &StoreError) {
    if let Some(listener) = ON_DAMAGED.with(|slot| slot.borrow().clone()) {
        listener(damaged);
    }
}
