//! The server's source of "now". Handlers never read the system time
//! themselves: tests hand the server a clock they move, so session expiry
//! and the login rate limit are tested without sleeping.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dela_core::Timestamp;

#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> Timestamp + Send + Sync>);

impl Clock {
    pub fn new(now: impl Fn() -> Timestamp + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    /// Wall-clock milliseconds since the Unix epoch (0 before it: a clock
    /// set before 1970 is broken, not a reason to fail requests).
    pub fn system() -> Self {
        Self::new(|| {
            let millis =
                SystemTime::now().duration_since(UNIX_EPOCH).map(|since| since.as_millis()).unwrap_or(0);
            Timestamp(i64::try_from(millis).unwrap_or(i64::MAX))
        })
    }

    pub fn now(&self) -> Timestamp {
        (self.0)()
    }
}
