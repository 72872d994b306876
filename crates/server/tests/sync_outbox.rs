//! Outgoing e-mail and SMS that robots queue on several devices reach the
//! server's delivery queue once per message id, on SQLite and PostgreSQL.

mod common;

use common::Place;
use dela_core::record::{CardKind, CardRef};
use dela_core::robots::{Addressee, Channel, OutboxMessage};
use dela_core::sync::{diff, Clock, Kind, Mutation, NodeId, PushRequest, Verdict};
use dela_core::{Id, Timestamp};
use dela_server::db::Db;
use dela_server::sync::{ensure_identity, push_batch, Seed};

const NOW: i64 = 1_900_000_000_000;

async fn database(place: &Place) -> Db {
    let config = place.config.clone();
    let db = common::on_plain_thread(move || Db::open(&config)).expect("the database opens");
    db.write(|tx| ensure_identity(tx, &Seed { node: 0x0b, key: [5, 6, 7, 8] })).await.expect("an identity");
    db
}

/// The message a robot's job makes: its id derives from the job, so every
/// device running the job makes the same one.
fn message() -> OutboxMessage {
    OutboxMessage {
        id: Id::from_static("msg-job-42"),
        channel: Channel::Email,
        to: Addressee::Address("client@example.com".into()),
        subject: "Your invoice".into(),
        text: "Please find the invoice attached.".into(),
        card: CardRef { kind: CardKind::Deal, id: Id::from_static("d1") },
        created_at: Timestamp(1_800_000_000_000),
    }
}

async fn push_from(db: &Db, client: &str, node: u64) -> Verdict {
    let value = serde_json::to_value(message()).expect("a message serializes");
    let change = diff(Kind::Outbox, None, Some(&value)).expect("a new record");
    let mut clock = Clock::new(NodeId::new(node));
    let mutation = Mutation {
        seq: 1,
        kind: Kind::Outbox,
        id: "msg-job-42".into(),
        stamp: clock.now(1_800_000_000_000 + node as i64),
        change,
    };
    let request = PushRequest { client: client.into(), mutations: vec![mutation] };
    let response = db
        .write(move |tx| push_batch(tx, "u1", &request, NOW))
        .await
        .expect("the database answers")
        .expect("the push is accepted");
    response.outcomes[0].verdict.clone()
}

async fn a_message_queued_on_two_devices_is_sent_once(place: Place) {
    let db = database(&place).await;
    assert_eq!(push_from(&db, "laptop", 1).await, Verdict::Applied { superseded: Vec::new() });
    push_from(&db, "office-pc", 2).await;
    let queued = db.read(|tx| tx.unsent_messages(10)).await.expect("the queue reads");
    assert_eq!(queued.len(), 1, "one message, however many devices queued it: {queued:?}");
    assert_eq!(queued[0].0, "msg-job-42");
    let sent: OutboxMessage = serde_json::from_str(&queued[0].1).expect("the queued message reads back");
    assert_eq!(sent, message());
}

per_backend!(a_message_queued_on_two_devices_is_sent_once);
