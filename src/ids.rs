//! New record ids: the core's format, with randomness from the browser.

use dela_core::{Id, Timestamp};

/// 64 bits from `crypto.getRandomValues`, falling back to `Math.random`
/// where the crypto API is missing (it never is in supported browsers).
fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if filled {
        u64::from_le_bytes(bytes)
    } else {
        (js_sys::Math::random() * u64::MAX as f64) as u64
    }
}

pub fn new_id(now: Timestamp) -> Id {
    Id::generate(now, random_u64())
}
