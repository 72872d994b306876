//! Handing abandoned clients out of the pool: in bulk and evenly
//! (round-robin) to chosen employees, by hand or by a periodic rule.

use serde::{Deserialize, Serialize};

use crate::client::PoolError;
use crate::record::CardRef;
use crate::user::User;
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

    /// One run by `actor` over the clients in the pool, each with when it
    /// entered the pool: the longest waiting are handed out first, at most
    /// `batch` of them. The assignments to make; marks the rule as run.
    /// Only those who may hand out pool clients run it.
    pub fn run(
        &mut self,
        actor: &User,
        pool: &[(Option<Timestamp>, CardRef)],
        now: Timestamp,
    ) -> Result<Vec<(CardRef, Id)>, PoolError> {
        if !actor.oversees_team() {
            return Err(PoolError::NotAllowedToAssign);
        }
        if !self.is_due(now) {
            return Ok(Vec::new());
        }
        let mut waiting: Vec<&(Option<Timestamp>, CardRef)> = pool.iter().collect();
        crate::sort::sort_by_key(&mut waiting, |(since, _)| *since);
        let take: Vec<CardRef> =
            waiting.into_iter().take(self.batch as usize).map(|(_, card)| card.clone()).collect();
        let (pairs, cursor) = distribute(&take, &self.employees, self.cursor);
        self.cursor = cursor;
        self.last_run = Some(now);
        Ok(pairs)
    }

    /// A hand-out by hand of `clients` to `employees`, taking the turn where
    /// the last hand-out (by hand or by the rule) left it, so that repeated
    /// hand-outs do not always start with the same person.
    pub fn hand_out(
        &mut self,
        actor: &User,
        clients: &[CardRef],
        employees: &[Id],
    ) -> Result<Vec<(CardRef, Id)>, PoolError> {
        if !actor.oversees_team() {
            return Err(PoolError::NotAllowedToAssign);
        }
        let (pairs, cursor) = distribute(clients, employees, self.cursor);
        self.cursor = cursor;
        Ok(pairs)
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

    fn head() -> User {
        User { roles: vec![crate::user::Role::HeadOfSales], ..User::new(id("head"), "Head".into()) }
    }

    fn waiting(count: usize) -> Vec<(Option<Timestamp>, CardRef)> {
        clients(count).into_iter().enumerate().map(|(n, card)| (Some(Timestamp(n as i64)), card)).collect()
    }

    #[test]
    fn the_periodic_rule_hands_out_the_longest_waiting_first_and_only_by_a_head() {
        let mut rule =
            PoolRule { enabled: true, batch: 2, employees: vec![id("anna")], ..PoolRule::default() };
        let mut pool = waiting(3);
        pool.reverse();
        let rep = User::new(id("rep"), "Rep".into());
        let now = Timestamp(1_000 * Timestamp::DAY);
        assert_eq!(rule.clone().run(&rep, &pool, now), Err(PoolError::NotAllowedToAssign));
        let pairs = rule.run(&head(), &pool, now).unwrap();
        assert_eq!(pairs.iter().map(|(card, _)| card.id.as_str()).collect::<Vec<_>>(), ["c0", "c1"]);
    }

    #[test]
    fn hand_outs_by_hand_keep_the_turn() {
        let mut rule = PoolRule::default();
        let employees = [id("anna"), id("boris")];
        let first = rule.hand_out(&head(), &clients(1), &employees).unwrap();
        let second = rule.hand_out(&head(), &clients(1), &employees).unwrap();
        assert_eq!(first[0].1, employees[0]);
        assert_eq!(second[0].1, employees[1], "the second hand-out starts with the next employee");
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
        assert_eq!(rule.run(&head(), &waiting(5), start).unwrap().len(), 2);
        assert!(
            rule.run(&head(), &waiting(3), start.plus_millis(6 * Timestamp::DAY)).unwrap().is_empty(),
            "not yet a week"
        );
        assert_eq!(rule.run(&head(), &waiting(3), start.plus_millis(7 * Timestamp::DAY)).unwrap().len(), 2);
        rule.enabled = false;
        assert!(!rule.is_due(start.plus_millis(30 * Timestamp::DAY)));
    }
}
