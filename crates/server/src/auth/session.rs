//! Session lifetime: a session lasts `--session-days` since it was last
//! used. Moving the expiry costs a write, so it is moved only once it would
//! gain at least an hour: a client polling every few seconds writes once an
//! hour, not once a request.

use dela_core::Timestamp;

const EXTEND_AFTER: i64 = Timestamp::HOUR;

#[derive(Debug, Clone, Copy)]
pub struct Sessions {
    lifetime: i64,
}

impl Sessions {
    pub fn new(days: u32) -> Self {
        Self { lifetime: i64::from(days) * Timestamp::DAY }
    }

    /// When a session used (or created) at `now` expires.
    pub fn expiry(&self, now: Timestamp) -> i64 {
        now.0.saturating_add(self.lifetime)
    }

    /// The new expiry to store for a session used at `now`, when it is
    /// worth a write.
    pub fn extension(&self, now: Timestamp, expires_at: i64) -> Option<i64> {
        let wanted = self.expiry(now);
        (wanted - expires_at >= EXTEND_AFTER).then_some(wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_extended_at_most_once_an_hour() {
        let sessions = Sessions::new(30);
        let start = Timestamp(1_700_000_000_000);
        let expires = sessions.expiry(start);
        assert_eq!(expires - start.0, 30 * Timestamp::DAY);
        assert_eq!(sessions.extension(Timestamp(start.0 + 59 * Timestamp::MINUTE), expires), None);
        let later = Timestamp(start.0 + Timestamp::HOUR);
        assert_eq!(sessions.extension(later, expires), Some(later.0 + 30 * Timestamp::DAY));
    }
}
