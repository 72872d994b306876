//! Handing abandoned clients out of the pool: in bulk and evenly
//! (round-robin) to chosen employees, by hand or by a periodic rule.

use serde::{Deserialize, Serialize};

use crate::record::CardRef;
use crate::{Id, Timestamp};

/// Pairs each client with an employee in turn, starting after `cursor`
/// (so that successive runs keep the turn instead of always starting with
/// the same person). Returns the pairs and the cursor for the next run.
pub fn distribute(clients: &[CardRef], employees: &[Id], cursor: usize) -> (Vec<(CardRef, Id)>, usize) {
    if employees.is_empty() {
        return (Vec::new(), cursor);
    }
    let pairs = clients
        .iter()
        .enumerate()
        .map(|(n, client)| (client.clone(), employees[(cursor + n) % employees.len()].clone()))
        .collect();
    (pairs, (cursor + clients.len()) % employees.len())
}

/// The optional rule that reassigns pool clients periodically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolRule {
    pub enabled: bool,
    pub every_days: u32,
    /// At most this many clients per run.
    pub batch: u32,
    pub employees: Vec<Id>,
    #[serde(default)]
    pub last_run: Option<Timestamp>,
    #[serde(default)]
    pub cursor: usize,
}

impl Default for PoolRule {
    fn default() -> Self {
        Self { enabled: false, every_days: 14, batch: 20, employees: Vec::new(), last_run: None, cursor: 0 }
    }
}

impl PoolRule {
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.enabled
            && !self.employees.is_empty()
            && self.every_days > 0
            && self
                .last_run
                .is_none_or(|last| now >= last.plus_millis(i64::from(self.every_days) * Timestamp::DAY))
    }

    /// One run over the pool (longest waiting first, as the caller orders
    /// them): the assignments to make. Marks the rule as run.
    pub fn run(&mut self, pool: &[CardRef], now: Timestamp) -> Vec<(CardRef, Id)> {
        if !self.is_due(now) {
            return Vec::new();
        }
        let take = pool.len().min(self.batch as usize);
        let (pairs, cursor) = distribute(&pool[..take], &self.employees, self.cursor);
        self.cursor = cursor;
        self.last_run = Some(now);
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::CardKind;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn clients(count: usize) -> Vec<CardRef> {
        (0..count).map(|n| CardRef { kind: CardKind::Company, id: id(&format!("c{n}")) }).collect()
    }

    #[test]
    fn clients_are_dealt_out_evenly_in_turn() {
        let employees = [id("anna"), id("boris"), id("vera")];
        let (pairs, cursor) = distribute(&clients(7), &employees, 0);
        let counts: Vec<usize> =
            employees.iter().map(|e| pairs.iter().filter(|(_, to)| to == e).count()).collect();
        assert_eq!(counts, [3, 2, 2]);
        assert_eq!(cursor, 1);
        let (next, _) = distribute(&clients(2), &employees, cursor);
        assert_eq!(next.iter().map(|(_, to)| to.as_str()).collect::<Vec<_>>(), ["boris", "vera"]);
    }

    #[test]
    fn nobody_to_give_to_means_no_assignment() {
        assert_eq!(distribute(&clients(3), &[], 4), (Vec::new(), 4));
    }

    #[test]
    fn the_periodic_rule_runs_when_due_and_in_batches() {
        let mut rule = PoolRule {
            enabled: true,
            every_days: 7,
            batch: 2,
            employees: vec![id("anna")],
            ..PoolRule::default()
        };
        let start = Timestamp(1_000 * Timestamp::DAY);
        assert_eq!(rule.run(&clients(5), start).len(), 2);
        assert!(rule.run(&clients(3), start.plus_millis(6 * Timestamp::DAY)).is_empty(), "not yet a week");
        assert_eq!(rule.run(&clients(3), start.plus_millis(7 * Timestamp::DAY)).len(), 2);
        rule.enabled = false;
        assert!(!rule.is_due(start.plus_millis(30 * Timestamp::DAY)));
    }
}
