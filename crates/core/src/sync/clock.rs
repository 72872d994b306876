//! A hybrid logical clock: the stamps that order every synced write.
//!
//! Wall clocks of browsers disagree and jump (a user fixes the time, a
//! laptop wakes up with a stale clock), so they cannot order edits on their
//! own; pure counters (Lamport clocks) order them but lose any link to when
//! an edit happened. A hybrid logical clock keeps the wall time in
//! milliseconds and adds a counter that takes over whenever the wall clock
//! stands still or goes back, so stamps of one node only ever grow and stay
//! close to real time. The node id makes two stamps of different nodes
//! differ even when wall and counter coincide: stamps are totally ordered
//! and no two writes share one.
//!
//! Time is injected: the caller passes the browser's `Date.now()` or the
//! server's system time. Never the practicum clock offset: that moves the
//! time the *domain* sees (deadlines, agendas), not when an edit was made.
//!
//! On the wire and in storage a stamp is a fixed-width string that sorts
//! exactly as the stamps do (see [`Hlc`]); a `u64` would not survive
//! JavaScript numbers, which hold integers only up to 2^53.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Hex digits of the wall part: 48 bits of milliseconds reach the year 10889.
const WALL_DIGITS: usize = 12;
/// Hex digits of the counter: a full `u32`.
const COUNTER_DIGITS: usize = 8;
/// Hex digits of the node: a full `u64`.
const NODE_DIGITS: usize = 16;
/// The length of a stamp's text: three fields and two separators.
pub const STAMP_LEN: usize = WALL_DIGITS + 1 + COUNTER_DIGITS + 1 + NODE_DIGITS;
const SEPARATOR: u8 = b'-';

/// The largest wall time a stamp holds (2^48 − 1 ms, in the year 10889).
pub const MAX_WALL: u64 = (1 << (4 * WALL_DIGITS)) - 1;

/// Who made a stamp: one per writer (a browser profile, the server).
///
/// 64 random bits that the app draws once per browser and keeps, like the
/// random part of an [`crate::Id`]; the server has its own. Random rather
/// than assigned so that a browser can stamp edits before it ever reached
/// the server; at 64 bits two nodes of one team colliding is negligible.
/// Ties between stamps are impossible only because node ids are unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(u64);

impl NodeId {
    pub const fn new(bits: u64) -> Self {
        Self(bits)
    }

    pub fn bits(self) -> u64 {
        self.0
    }

    /// Reads the 16 lowercase hex digits that [`fmt::Display`] writes.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bytes = text.as_bytes();
        if bytes.len() != NODE_DIGITS {
            return Err(ParseError::Length { expected: NODE_DIGITS, found: bytes.len() });
        }
        hex(bytes, 0).map(Self)
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// A hybrid logical clock stamp: wall milliseconds, a counter, the node.
///
/// Ordered by wall, then counter, then node (the field order, which the
/// derived `Ord` follows). Its text is
///
/// ```text
/// wwwwwwwwwwww-cccccccc-nnnnnnnnnnnnnnnn
/// 0191a2b3c4d5-00000000-8f3e2a7c19d04b66
/// ```
///
/// 12, 8 and 16 lowercase hex digits, zero-padded. Every field has a fixed
/// width and digits sort in ASCII as they do in value, so comparing two
/// texts byte by byte (JavaScript `<`, SQL `ORDER BY`, IndexedDB keys)
/// orders them exactly as the stamps; and each stamp has exactly one text,
/// so equal texts mean equal stamps. The parser accepts nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    wall: u64,
    counter: u32,
    node: NodeId,
}

impl Hlc {
    /// The least stamp of `node`, below anything its clock issues.
    pub const fn zero(node: NodeId) -> Self {
        Self { wall: 0, counter: 0, node }
    }

    /// `None` when `wall` exceeds [`MAX_WALL`].
    pub fn new(wall: u64, counter: u32, node: NodeId) -> Option<Self> {
        (wall <= MAX_WALL).then_some(Self { wall, counter, node })
    }

    /// Milliseconds since the Unix epoch, as the wall clock (or the
    /// clock's own advance past it) said.
    pub fn wall_ms(&self) -> u64 {
        self.wall
    }

    pub fn counter(&self) -> u32 {
        self.counter
    }

    pub fn node(&self) -> NodeId {
        self.node
    }

    /// Reads a stamp's text; anything but exactly the format of [`Hlc`]
    /// (length, separators, lowercase hex digits) is an error.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bytes = text.as_bytes();
        if bytes.len() != STAMP_LEN {
            return Err(ParseError::Length { expected: STAMP_LEN, found: bytes.len() });
        }
        let counter_at = WALL_DIGITS + 1;
        let node_at = counter_at + COUNTER_DIGITS + 1;
        for at in [WALL_DIGITS, node_at - 1] {
            if bytes[at] != SEPARATOR {
                return Err(ParseError::Separator { at });
            }
        }
        let wall = hex(&bytes[..WALL_DIGITS], 0)?;
        let counter = hex(&bytes[counter_at..counter_at + COUNTER_DIGITS], counter_at)?;
        let node = hex(&bytes[node_at..], node_at)?;
        // 12 hex digits hold at most MAX_WALL and 8 at most u32::MAX, so
        // neither conversion can fail; checked all the same.
        let counter = u32::try_from(counter).map_err(|_| ParseError::Digit { at: counter_at })?;
        Self::new(wall, counter, NodeId(node)).ok_or(ParseError::Digit { at: 0 })
    }

    /// The next stamp after `self` on the same node: the counter moves on,
    /// and when it is full the wall moves one millisecond ahead instead.
    /// Saturates at the greatest stamp (unreachable before the year 10889).
    fn successor(self) -> Self {
        match self.counter.checked_add(1) {
            Some(counter) => Self { counter, ..self },
            None if self.wall < MAX_WALL => Self { wall: self.wall + 1, counter: 0, ..self },
            None => self,
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012x}-{:08x}-{}", self.wall, self.counter, self.node)
    }
}

impl FromStr for Hlc {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Why a stamp's (or a node id's) text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// Not the fixed length (in bytes).
    Length { expected: usize, found: usize },
    /// No `-` at byte `at`.
    Separator { at: usize },
    /// Byte `at` is not a lowercase hex digit.
    Digit { at: usize },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length { expected, found } => write!(f, "expected {expected} bytes, found {found}"),
            Self::Separator { at } => write!(f, "expected '-' at byte {at}"),
            Self::Digit { at } => write!(f, "expected a lowercase hex digit at byte {at}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// The value of lowercase hex digits (at most 16); `offset` places errors
/// in the whole text.
fn hex(digits: &[u8], offset: usize) -> Result<u64, ParseError> {
    digits.iter().enumerate().try_fold(0u64, |value, (i, &byte)| {
        let digit = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            _ => return Err(ParseError::Digit { at: offset + i }),
        };
        Ok(value << 4 | u64::from(digit))
    })
}

/// One node's hybrid logical clock.
///
/// Keep [`Clock::last`] with the data it stamped and [`Clock::resume`] from
/// it on the next start: a clock restarted from zero behind a wall clock
/// that went back could issue stamps below those already written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    pub fn new(node: NodeId) -> Self {
        Self { last: Hlc::zero(node) }
    }

    /// Continues after `last`, the last stamp this node issued or saw.
    pub fn resume(last: Hlc) -> Self {
        Self { last }
    }

    /// The greatest stamp issued or observed so far.
    pub fn last(&self) -> Hlc {
        self.last
    }

    pub fn node(&self) -> NodeId {
        self.last.node
    }

    /// A stamp for a local event (an edit) at wall time `wall_ms`: the wall
    /// time when it is ahead of every stamp so far, else the last stamp's
    /// successor. Strictly greater than every earlier stamp of this clock,
    /// whatever the wall clock does. Negative wall times count as 0.
    pub fn now(&mut self, wall_ms: i64) -> Hlc {
        let wall = physical(wall_ms);
        self.last =
            if wall > self.last.wall { Hlc { wall, counter: 0, ..self.last } } else { self.last.successor() };
        self.last
    }

    /// Takes in a stamp received from elsewhere (the standard HLC receive
    /// rule) and returns the stamp of the receipt: greater than the clock's
    /// last stamp and than `remote`, so whatever this node does next orders
    /// after what it has seen. The wall part is the greatest of the three
    /// walls; the counter restarts when the wall clock alone is ahead.
    ///
    /// A clock has no bound on how far ahead `remote` may be: clients
    /// observe only the server's stamps (and other clients' stamps after
    /// the server clamped them, see [`Clock::clamp`]).
    pub fn observe(&mut self, remote: &Hlc, wall_ms: i64) -> Hlc {
        let wall = physical(wall_ms);
        let node = self.node();
        let ahead = std::cmp::max((self.last.wall, self.last.counter), (remote.wall, remote.counter));
        self.last = if wall > ahead.0 {
            Hlc { wall, counter: 0, node }
        } else {
            Hlc { wall: ahead.0, counter: ahead.1, node }.successor()
        };
        self.last
    }

    /// Server side: the stamp to record for a client's write stamped
    /// `client`, namely `min(client, server now)`. A device whose clock runs
    /// fast cannot stamp edits that beat every edit of the next hours; a
    /// write stamped in the future gets the server's present instead (a
    /// fresh stamp of the server's node, so still unique). Writes of one
    /// client clamped in the order they are processed keep their order.
    /// The server does not observe `client`, so its own clock stays put.
    pub fn clamp(&mut self, client: Hlc, wall_ms: i64) -> Hlc {
        std::cmp::min(client, self.now(wall_ms))
    }
}

fn physical(wall_ms: i64) -> u64 {
    (wall_ms.max(0) as u64).min(MAX_WALL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::testing::Gen;

    const A: NodeId = NodeId::new(0xa);
    const B: NodeId = NodeId::new(0xb);
    const SERVER: NodeId = NodeId::new(0x5e);
    const T: i64 = 1_767_225_600_000; // 2026-01-01

    fn stamp(wall: u64, counter: u32, node: u64) -> Hlc {
        Hlc::new(wall, counter, NodeId::new(node)).expect("wall in range")
    }

    #[test]
    fn now_follows_the_wall_clock_while_it_moves_forward() {
        let mut clock = Clock::new(A);
        let first = clock.now(T);
        assert_eq!((first.wall_ms(), first.counter(), first.node()), (T as u64, 0, A));
        let second = clock.now(T + 5);
        assert_eq!((second.wall_ms(), second.counter()), (T as u64 + 5, 0));
    }

    #[test]
    fn now_counts_up_while_the_wall_clock_stands_still() {
        let mut clock = Clock::new(A);
        let stamps: Vec<Hlc> = (0..3).map(|_| clock.now(T)).collect();
        assert_eq!(stamps.iter().map(Hlc::counter).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(stamps.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn now_stays_monotonic_when_the_wall_clock_goes_back() {
        let mut clock = Clock::new(A);
        let before = clock.now(T);
        let after_jump_back = clock.now(T - 3_600_000);
        assert!(after_jump_back > before);
        assert_eq!((after_jump_back.wall_ms(), after_jump_back.counter()), (T as u64, 1));
        // The wall clock catching up again resets the counter.
        let caught_up = clock.now(T + 1);
        assert!(caught_up > after_jump_back);
        assert_eq!(caught_up.counter(), 0);
    }

    #[test]
    fn now_is_strictly_monotonic_under_an_erratic_wall_clock() {
        let mut rng = Gen::new(7);
        let mut clock = Clock::new(A);
        let mut previous = clock.last();
        for _ in 0..10_000 {
            let wall = T + (rng.next() % 2_000) as i64 - 1_000;
            let next = clock.now(wall);
            assert!(next > previous, "{next} after {previous}");
            assert!(next.wall_ms() >= wall as u64, "never behind the wall clock");
            previous = next;
        }
    }

    #[test]
    fn a_full_counter_moves_the_wall_on_by_one_millisecond() {
        let mut clock = Clock::resume(stamp(T as u64, u32::MAX, 0xa));
        let next = clock.now(T);
        assert_eq!((next.wall_ms(), next.counter()), (T as u64 + 1, 0));
        assert!(next > stamp(T as u64, u32::MAX, 0xa));
    }

    #[test]
    fn the_clock_saturates_at_the_greatest_stamp_instead_of_panicking() {
        let top = stamp(MAX_WALL, u32::MAX, 0xa);
        let mut clock = Clock::resume(top);
        assert_eq!(clock.now(i64::MAX), top);
        assert_eq!(clock.observe(&top, i64::MAX), top);
        assert_eq!(Clock::new(A).now(i64::MAX).wall_ms(), MAX_WALL);
        assert_eq!(Clock::new(A).now(-5).wall_ms(), 0);
    }

    #[test]
    fn observe_moves_past_a_remote_stamp_from_the_future() {
        let mut clock = Clock::new(A);
        let local = clock.now(T);
        let remote = stamp(T as u64 + 60_000, 4, 0xb);
        let received = clock.observe(&remote, T);
        assert!(received > remote && received > local);
        assert_eq!((received.wall_ms(), received.counter(), received.node()), (T as u64 + 60_000, 5, A));
        assert!(clock.now(T) > received, "what follows orders after what was seen");
    }

    #[test]
    fn observe_of_an_older_stamp_still_moves_forward() {
        let mut clock = Clock::new(A);
        let local = clock.now(T);
        let received = clock.observe(&stamp(T as u64 - 10, 9, 0xb), T);
        assert_eq!((received.wall_ms(), received.counter()), (T as u64, 1));
        assert!(received > local);
    }

    #[test]
    fn observe_with_equal_walls_takes_the_larger_counter() {
        let mut clock = Clock::resume(stamp(T as u64, 3, 0xa));
        let received = clock.observe(&stamp(T as u64, 7, 0xb), T - 1);
        assert_eq!((received.wall_ms(), received.counter()), (T as u64, 8));
    }

    #[test]
    fn observe_follows_the_wall_clock_when_it_is_ahead_of_both() {
        let mut clock = Clock::resume(stamp(T as u64, 3, 0xa));
        let received = clock.observe(&stamp(T as u64 + 1, 7, 0xb), T + 2);
        assert_eq!((received.wall_ms(), received.counter()), (T as u64 + 2, 0));
    }

    #[test]
    fn observe_is_above_both_inputs_for_generated_stamps() {
        let mut rng = Gen::new(11);
        for _ in 0..10_000 {
            let (last, remote) = (rng.stamp(), rng.stamp());
            let top = std::cmp::max((last.wall, last.counter), (remote.wall, remote.counter));
            if top == (MAX_WALL, u32::MAX) {
                continue; // saturated, covered above
            }
            let mut clock = Clock::resume(stamp(last.wall, last.counter, 0xa));
            let wall = (rng.next() & MAX_WALL) as i64;
            let received = clock.observe(&remote, wall);
            assert!(received > clock_stamp(last) && received > remote, "{received} {last} {remote}");
            assert_eq!(received.node(), A);
        }

        fn clock_stamp(last: Hlc) -> Hlc {
            Hlc { node: A, ..last }
        }
    }

    #[test]
    fn two_nodes_never_issue_equal_stamps() {
        let (mut a, mut b) = (Clock::new(A), Clock::new(B));
        let (x, y) = (a.now(T), b.now(T));
        assert_eq!((x.wall_ms(), x.counter()), (y.wall_ms(), y.counter()));
        assert_ne!(x, y);
        assert!(x < y, "the node decides between otherwise equal stamps");
    }

    #[test]
    fn stamps_order_by_wall_then_counter_then_node() {
        assert!(stamp(1, 9, 9) < stamp(2, 0, 0));
        assert!(stamp(1, 1, 9) < stamp(1, 2, 0));
        assert!(stamp(1, 1, 1) < stamp(1, 1, 2));
    }

    #[test]
    fn the_text_has_a_fixed_width_and_reads_back() {
        let hlc = stamp(0x0191_a2b3_c4d5, 1, 0x8f3e_2a7c_19d0_4b66);
        assert_eq!(hlc.to_string(), "0191a2b3c4d5-00000001-8f3e2a7c19d04b66");
        assert_eq!(Hlc::parse(&hlc.to_string()), Ok(hlc));
        let zero = Hlc::zero(NodeId::new(0));
        assert_eq!(zero.to_string(), "000000000000-00000000-0000000000000000");
        let top = stamp(MAX_WALL, u32::MAX, u64::MAX);
        assert_eq!(top.to_string(), "ffffffffffff-ffffffff-ffffffffffffffff");
        assert_eq!(top.to_string().parse::<Hlc>(), Ok(top));
    }

    #[test]
    fn text_order_equals_stamp_order_for_generated_stamps() {
        let mut rng = Gen::new(3);
        let stamps: Vec<Hlc> = (0..4_000).map(|_| rng.stamp()).collect();
        for pair in stamps.windows(2) {
            let (x, y) = (pair[0], pair[1]);
            let (tx, ty) = (x.to_string(), y.to_string());
            assert_eq!(tx.len(), STAMP_LEN);
            assert_eq!(x.cmp(&y), tx.cmp(&ty), "{tx} vs {ty}");
            assert_eq!(Hlc::parse(&tx), Ok(x));
        }
        let mut by_value = stamps.clone();
        by_value.sort();
        let mut by_text: Vec<String> = stamps.iter().map(Hlc::to_string).collect();
        by_text.sort();
        assert_eq!(by_value.iter().map(Hlc::to_string).collect::<Vec<_>>(), by_text);
    }

    #[test]
    fn parse_rejects_malformed_text() {
        let good = "0191a2b3c4d5-00000001-8f3e2a7c19d04b66";
        assert!(Hlc::parse(good).is_ok());
        let cases: &[(&str, ParseError)] = &[
            ("", ParseError::Length { expected: STAMP_LEN, found: 0 }),
            ("0191a2b3c4d5-00000001-8f3e2a7c19d04b6", ParseError::Length { expected: STAMP_LEN, found: 37 }),
            (
                "0191a2b3c4d5-00000001-8f3e2a7c19d04b666",
                ParseError::Length { expected: STAMP_LEN, found: 39 },
            ),
            ("0191a2b3c4d5_00000001-8f3e2a7c19d04b66", ParseError::Separator { at: 12 }),
            ("0191a2b3c4d5-00000001+8f3e2a7c19d04b66", ParseError::Separator { at: 21 }),
            ("0191A2B3C4D5-00000001-8f3e2a7c19d04b66", ParseError::Digit { at: 4 }),
            ("0191a2b3c4d5-0000000g-8f3e2a7c19d04b66", ParseError::Digit { at: 20 }),
            ("0191a2b3c4d5-00000001-8f3e2a7c19d04b6 ", ParseError::Digit { at: 37 }),
            ("+191a2b3c4d5-00000001-8f3e2a7c19d04b66", ParseError::Digit { at: 0 }),
            // 38 bytes, with a two-byte character (across a field boundary first).
            ("0191a2b3c4dé-00000001-8f3e2a7c19d04b6", ParseError::Separator { at: 12 }),
            ("0191a2b3c4d5-00000001-8f3e2a7c19d04bé", ParseError::Digit { at: 36 }),
        ];
        for (text, error) in cases {
            assert_eq!(Hlc::parse(text), Err(*error), "{text:?}");
        }
    }

    #[test]
    fn parse_never_panics_on_generated_garbage() {
        let mut rng = Gen::new(5);
        let alphabet = "0123456789abcdefABX-é ";
        let chars: Vec<char> = alphabet.chars().collect();
        for _ in 0..20_000 {
            let len = (rng.next() % 42) as usize;
            let text: String = (0..len).map(|_| chars[(rng.next() % chars.len() as u64) as usize]).collect();
            if let Ok(hlc) = Hlc::parse(&text) {
                assert_eq!(hlc.to_string(), text, "only canonical texts parse");
            }
        }
    }

    #[test]
    fn node_ids_read_back_and_reject_bad_text() {
        let node = NodeId::new(0x8f3e_2a7c_19d0_4b66);
        assert_eq!(NodeId::parse(&node.to_string()), Ok(node));
        assert_eq!(NodeId::parse("8f3e"), Err(ParseError::Length { expected: 16, found: 4 }));
        assert_eq!(NodeId::parse("8f3e2a7c19d04b6z"), Err(ParseError::Digit { at: 15 }));
    }

    #[test]
    fn stamps_travel_as_their_text_in_json() {
        let hlc = stamp(T as u64, 2, 0xab);
        let json = serde_json::to_string(&hlc).expect("serializes");
        assert_eq!(json, format!("\"{hlc}\""));
        assert_eq!(serde_json::from_str::<Hlc>(&json).expect("reads back"), hlc);
        assert!(serde_json::from_str::<Hlc>("\"0191a2b3c4d5\"").is_err());
        assert!(serde_json::from_str::<Hlc>("1767225600000").is_err());
    }

    #[test]
    fn clamp_keeps_a_stamp_from_the_past() {
        let mut server = Clock::new(SERVER);
        let client = stamp(T as u64 - 5_000, 0, 0xa);
        assert_eq!(server.clamp(client, T), client);
    }

    #[test]
    fn clamp_replaces_a_stamp_from_the_future_with_the_servers_present() {
        let mut server = Clock::new(SERVER);
        let fast = stamp(T as u64 + 3_600_000, 0, 0xa);
        let recorded = server.clamp(fast, T);
        assert_eq!((recorded.wall_ms(), recorded.node()), (T as u64, SERVER));
        assert!(recorded < fast);
        // An honest edit a moment later beats the fast device's.
        let honest = stamp(T as u64 + 1, 0, 0xb);
        assert!(server.clamp(honest, T + 1) > recorded);
        assert!(server.last().wall_ms() <= T as u64 + 1, "the server's clock did not jump ahead");
    }

    #[test]
    fn clamping_keeps_the_order_of_one_clients_writes() {
        let mut rng = Gen::new(13);
        let mut client = Clock::new(A);
        let mut server = Clock::new(SERVER);
        let mut previous = None;
        for step in 0..2_000 {
            let client_wall = T + 1_800_000 + (rng.next() % 1_000) as i64; // half an hour fast
            let written = client.now(client_wall);
            let recorded = server.clamp(written, T + step);
            assert!(recorded <= written);
            assert!(previous.is_none_or(|previous| recorded > previous));
            previous = Some(recorded);
        }
    }
}
