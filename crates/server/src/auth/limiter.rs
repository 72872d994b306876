//! The login rate limit: at most `PER_LOGIN` failed attempts per login and
//! `PER_ADDRESS` per client address in a sliding `WINDOW`; past either, a
//! login is refused before its password is even checked. Per login stops
//! guessing one person's password from many addresses; per address stops
//! one machine trying many logins. Kept in memory: a restart forgets it,
//! which costs an attacker a restart per 30 guesses.
//!
//! The address is the TCP peer's: behind a reverse proxy every client
//! shares the proxy's, and the per-address limit then covers them all.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use dela_core::Timestamp;

pub const WINDOW: i64 = 15 * Timestamp::MINUTE;
pub const PER_LOGIN: usize = 10;
pub const PER_ADDRESS: usize = 30;

/// Entries kept before the expired ones are swept out, so that failures
/// spread over many logins cannot grow the map without bound.
const SWEEP_AT: usize = 10_000;

#[derive(Default)]
pub struct Limiter {
    failures: Mutex<Failures>,
}

#[derive(Default)]
struct Failures {
    by_login: HashMap<String, Vec<i64>>,
    by_address: HashMap<IpAddr, Vec<i64>>,
}

/// A refused attempt: how long until one more is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub retry_after_secs: u64,
}

impl Limiter {
    /// Whether an attempt for `login` from `address` may be checked now.
    pub fn check(&self, address: IpAddr, login: &str, now: Timestamp) -> Result<(), Refused> {
        let mut failures = self.lock();
        let by_login = failures.by_login.get_mut(login).and_then(|times| over(times, PER_LOGIN, now));
        let by_address =
            failures.by_address.get_mut(&address).and_then(|times| over(times, PER_ADDRESS, now));
        match by_login.max(by_address) {
            Some(wait) => Err(Refused {
                retry_after_secs: u64::try_from(wait.max(1)).map_or(1, |ms| ms.div_ceil(1000)),
            }),
            None => Ok(()),
        }
    }

    pub fn failed(&self, address: IpAddr, login: &str, now: Timestamp) {
        let mut failures = self.lock();
        if failures.by_login.len() + failures.by_address.len() > SWEEP_AT {
            failures.by_login.retain(|_, times| recent(times, now));
            failures.by_address.retain(|_, times| recent(times, now));
        }
        failures.by_login.entry(login.to_owned()).or_default().push(now.0);
        failures.by_address.entry(address).or_default().push(now.0);
    }

    /// A successful login clears its login's failures (the person got in),
    /// not the address's: one valid account must not reset the count of
    /// guesses at others.
    pub fn succeeded(&self, login: &str) {
        self.lock().by_login.remove(login);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Failures> {
        self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Drops failures older than the window; keeps the entry if any is left.
fn recent(times: &mut Vec<i64>, now: Timestamp) -> bool {
    times.retain(|&at| at > now.0 - WINDOW);
    !times.is_empty()
}

/// Milliseconds until the oldest failure in the window leaves it, when
/// `limit` failures or more are in it.
fn over(times: &mut Vec<i64>, limit: usize, now: Timestamp) -> Option<i64> {
    recent(times, now);
    (times.len() >= limit).then(|| times[times.len() - limit] + WINDOW - now.0)
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    const HERE: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
    const THERE: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn a_login_is_refused_after_its_failures_until_the_window_passes() {
        let limiter = Limiter::default();
        let start = Timestamp(1_000_000);
        for n in 0..PER_LOGIN as i64 {
            assert_eq!(limiter.check(HERE, "anna", Timestamp(start.0 + n * 1000)), Ok(()));
            limiter.failed(HERE, "anna", Timestamp(start.0 + n * 1000));
        }
        let now = Timestamp(start.0 + 10_000);
        assert_eq!(
            limiter.check(THERE, "anna", now),
            Err(Refused { retry_after_secs: WINDOW as u64 / 1000 - 10 })
        );
        assert_eq!(
            limiter.check(HERE, "boris", now),
            Ok(()),
            "other logins from the address are still allowed"
        );
        assert_eq!(limiter.check(THERE, "anna", Timestamp(start.0 + WINDOW)), Ok(()));
    }

    #[test]
    fn an_address_is_refused_after_its_failures_over_many_logins() {
        let limiter = Limiter::default();
        let now = Timestamp(5_000_000);
        for n in 0..PER_ADDRESS {
            limiter.failed(HERE, &format!("user{n}"), now);
        }
        assert!(limiter.check(HERE, "someone", now).is_err());
        assert_eq!(limiter.check(THERE, "someone", now), Ok(()));
    }

    #[test]
    fn success_clears_the_login_but_not_the_address() {
        let limiter = Limiter::default();
        let now = Timestamp(5_000_000);
        for _ in 0..PER_LOGIN {
            limiter.failed(HERE, "anna", now);
        }
        limiter.succeeded("anna");
        assert_eq!(limiter.check(THERE, "anna", now), Ok(()));
        for n in PER_LOGIN..PER_ADDRESS {
            limiter.failed(HERE, &format!("user{n}"), now);
        }
        limiter.succeeded("user29");
        assert!(limiter.check(HERE, "zoe", now).is_err());
    }
}
