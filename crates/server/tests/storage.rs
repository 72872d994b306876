//! The storage conformance suite: every `Tx` method and the transaction
//! guarantees, the same tests against SQLite and PostgreSQL (when
//! `DELA_TEST_DATABASE_URL` names a test database).

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::{Backend, Place};
use dela_server::db::{Db, DbError, PulledRecord, StoredSession, StoredUser, SyncClient};
use dela_server::error::StartError;

async fn open(place: &Place) -> Db {
    let config = place.config.clone();
    tokio::task::spawn_blocking(move || Db::open(&config)).await.unwrap().unwrap()
}

fn failure(message: &str) -> DbError {
    DbError::Failed(message.into())
}

fn user(id: &str, login: &str) -> StoredUser {
    StoredUser {
        id: id.into(),
        login: login.into(),
        name: format!("User {login}"),
        roles: vec!["administrator".into(), "head_of_sales".into()],
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        active: true,
        created_at: 1_700_000_000_000,
    }
}

async fn a_new_database_is_empty_at_version_zero(place: Place) {
    let db = open(&place).await;
    let expected = match place.backend {
        Backend::Sqlite => dela_server::db::Kind::Sqlite,
        Backend::Postgres => dela_server::db::Kind::Postgres,
    };
    assert_eq!(db.kind(), expected);
    assert_eq!(db.schema_version().await.unwrap(), expected.schema_version());
    let (version, records, users) =
        db.read(|tx| Ok((tx.current_version()?, tx.records_after(0, 10)?, tx.users()?))).await.unwrap();
    assert_eq!((version, records, users), (0, vec![], vec![]));
}

async fn meta_values_are_set_and_replaced(place: Place) {
    let db = open(&place).await;
    assert_eq!(db.read(|tx| tx.meta("clock")).await.unwrap(), None);
    db.write(|tx| tx.set_meta("clock", "0001")).await.unwrap();
    db.write(|tx| tx.set_meta("clock", "0002")).await.unwrap();
    db.write(|tx| tx.set_meta("cursor_key", "k")).await.unwrap();
    let (clock, key) = db.read(|tx| Ok((tx.meta("clock")?, tx.meta("cursor_key")?))).await.unwrap();
    assert_eq!((clock.as_deref(), key.as_deref()), (Some("0002"), Some("k")));
}

async fn sync_clients_and_mutations_are_kept_and_a_seq_taken_twice_conflicts(place: Place) {
    let db = open(&place).await;
    assert_eq!(db.read(|tx| tx.sync_client("c1")).await.unwrap(), None);
    db.write(|tx| {
        tx.put_sync_client("c1", "u1", 0)?;
        tx.add_mutation("c1", 1, r#"{"op":"put"}"#, r#"{"applied":true}"#)?;
        tx.put_sync_client("c1", "u1", 1)
    })
    .await
    .unwrap();
    let (client, first, second) = db
        .read(|tx| Ok((tx.sync_client("c1")?, tx.mutation("c1", 1)?, tx.mutation("c1", 2)?)))
        .await
        .unwrap();
    assert_eq!(client, Some(SyncClient { user_id: "u1".into(), last_seq: 1 }));
    let first = first.expect("mutation 1 is stored");
    assert_eq!((first.content.as_str(), first.outcome.as_str()), (r#"{"op":"put"}"#, r#"{"applied":true}"#));
    assert_eq!(second, None);

    let again = db.write(|tx| tx.add_mutation("c1", 1, "other", "other")).await.unwrap_err();
    assert!(again.is_conflict(), "{again:?}");
    let kept = db.read(|tx| tx.mutation("c1", 1)).await.unwrap().unwrap();
    assert_eq!(kept.content, r#"{"op":"put"}"#);
}

async fn records_are_replaced_and_deleted_as_tombstones(place: Place) {
    let db = open(&place).await;
    assert_eq!(db.read(|tx| tx.record("deal", "d1")).await.unwrap(), None);
    db.write(|tx| {
        let version = tx.next_version()?;
        tx.put_record("deal", "d1", r#"{"doc":1}"#, Some(r#"{"title":"A"}"#), version)
    })
    .await
    .unwrap();
    db.write(|tx| {
        let version = tx.next_version()?;
        tx.put_record("deal", "d1", r#"{"doc":2}"#, None, version)
    })
    .await
    .unwrap();
    let (record, pulled) =
        db.read(|tx| Ok((tx.record("deal", "d1")?, tx.records_after(0, 10)?))).await.unwrap();
    let record = record.unwrap();
    assert_eq!((record.doc.as_str(), record.version), (r#"{"doc":2}"#, 2));
    assert_eq!(pulled, vec![PulledRecord { kind: "deal".into(), id: "d1".into(), value: None, version: 2 }]);
}

async fn records_after_come_in_version_order_up_to_the_limit(place: Place) {
    let db = open(&place).await;
    db.write(|tx| {
        // Written out of key order; two under one version.
        for (kind, id) in [("task", "t9"), ("deal", "d5"), ("company", "c1")] {
            let version = tx.next_version()?;
            tx.put_record(kind, id, "{}", Some(&format!(r#"{{"id":"{id}"}}"#)), version)?;
        }
        let shared = tx.next_version()?;
        tx.put_record("task", "t1", "{}", Some("{}"), shared)?;
        tx.put_record("deal", "d1", "{}", Some("{}"), shared)
    })
    .await
    .unwrap();
    let keys = |records: Vec<PulledRecord>| -> Vec<(i64, String)> {
        records.into_iter().map(|record| (record.version, record.id)).collect()
    };
    let all = db.read(|tx| tx.records_after(0, 100)).await.unwrap();
    assert_eq!(all[0].value.as_deref(), Some(r#"{"id":"t9"}"#));
    assert_eq!(
        keys(all),
        vec![(1, "t9".into()), (2, "d5".into()), (3, "c1".into()), (4, "d1".into()), (4, "t1".into())]
    );
    assert_eq!(
        keys(db.read(|tx| tx.records_after(1, 2)).await.unwrap()),
        vec![(2, "d5".into()), (3, "c1".into())]
    );
    assert_eq!(db.read(|tx| tx.records_after(4, 10)).await.unwrap(), vec![]);
    assert_eq!(db.read(|tx| tx.records_after(0, 0)).await.unwrap(), vec![]);
    assert_eq!(db.read(|tx| tx.current_version()).await.unwrap(), 4);
}

async fn users_are_stored_found_by_login_and_listed_by_login(place: Place) {
    let db = open(&place).await;
    let (anna, boris) =
        (user("u1", "anna"), StoredUser { active: false, roles: vec![], ..user("u2", "boris") });
    let (first, second) = (boris.clone(), anna.clone());
    db.write(move |tx| {
        tx.put_user(&first)?;
        tx.put_user(&second)
    })
    .await
    .unwrap();
    let (by_id, by_login, missing, all) = db
        .read(|tx| Ok((tx.user("u1")?, tx.user_by_login("boris")?, tx.user_by_login("nobody")?, tx.users()?)))
        .await
        .unwrap();
    assert_eq!(by_id.as_ref(), Some(&anna));
    assert_eq!(by_login.as_ref(), Some(&boris));
    assert_eq!(missing, None);
    assert_eq!(all, vec![anna.clone(), boris.clone()]);

    let renamed = StoredUser { name: "Anna P.".into(), roles: vec![], active: false, ..anna.clone() };
    let update = renamed.clone();
    db.write(move |tx| tx.put_user(&update)).await.unwrap();
    assert_eq!(db.read(|tx| tx.user("u1")).await.unwrap(), Some(renamed));

    let taken = StoredUser { login: "anna".into(), ..user("u3", "x") };
    let error = db.write(move |tx| tx.put_user(&taken)).await.unwrap_err();
    assert!(error.is_conflict(), "{error:?}");
    db.write(|tx| tx.lock_accounts()).await.unwrap();
}

async fn sessions_are_added_extended_and_revoked(place: Place) {
    let db = open(&place).await;
    let session = |hash: &str, user_id: &str, expires_at: i64| StoredSession {
        token_hash: hash.into(),
        user_id: user_id.into(),
        created_at: 1_000,
        expires_at,
    };
    let sessions = [
        session("h1", "u1", 5_000),
        session("h2", "u1", 9_000),
        session("h3", "u1", 9_000),
        session("h4", "u2", 3_000),
    ];
    let to_add = sessions.clone();
    db.write(move |tx| {
        tx.put_user(&user("u1", "anna"))?;
        tx.put_user(&user("u2", "boris"))?;
        to_add.iter().try_for_each(|session| tx.add_session(session))
    })
    .await
    .unwrap();
    assert_eq!(db.read(|tx| tx.session("h1")).await.unwrap(), Some(sessions[0].clone()));
    assert_eq!(db.read(|tx| tx.session("nope")).await.unwrap(), None);

    db.write(|tx| {
        tx.set_session_expiry("h1", 7_000)?;
        tx.set_session_expiry("gone", 7_000)
    })
    .await
    .unwrap();
    assert_eq!(db.read(|tx| tx.session("h1")).await.unwrap().map(|s| s.expires_at), Some(7_000));

    let expired = db.write(|tx| tx.delete_expired_sessions(3_000)).await.unwrap();
    assert_eq!(expired, 1, "h4 expired at 3000");
    db.write(|tx| tx.delete_sessions_of("u1", Some("h2"))).await.unwrap();
    let left = db
        .read(|tx| {
            ["h1", "h2", "h3", "h4"].iter().map(|hash| tx.session(hash)).collect::<Result<Vec<_>, _>>()
        })
        .await
        .unwrap();
    assert_eq!(left.iter().map(Option::is_some).collect::<Vec<_>>(), vec![false, true, false, false]);
    db.write(|tx| tx.delete_session("h2")).await.unwrap();
    db.write(|tx| tx.delete_sessions_of("u1", None)).await.unwrap();
    assert_eq!(db.read(|tx| tx.session("h2")).await.unwrap(), None);
}

async fn a_failed_transaction_leaves_nothing_behind(place: Place) {
    let db = open(&place).await;
    let error = db
        .write(|tx| {
            let version = tx.next_version()?;
            tx.set_meta("half", "done")?;
            tx.put_record("deal", "d1", "{}", Some("{}"), version)?;
            tx.put_sync_client("c1", "u1", 5)?;
            tx.add_mutation("c1", 5, "m", "o")?;
            tx.put_user(&user("u1", "anna"))?;
            Err::<(), _>(failure("refused half-way"))
        })
        .await
        .unwrap_err();
    assert_eq!(error, failure("refused half-way"));
    let seen = db
        .read(|tx| {
            Ok((
                tx.current_version()?,
                tx.meta("half")?,
                tx.records_after(0, 10)?,
                tx.sync_client("c1")?,
                tx.mutation("c1", 5)?,
                tx.users()?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(seen, (0, None, vec![], None, None, vec![]));
    // The version given out by the failed transaction is given again.
    assert_eq!(db.write(|tx| tx.next_version()).await.unwrap(), 1);
}

async fn a_panicking_transaction_is_rolled_back_and_the_store_still_works(place: Place) {
    let db = open(&place).await;
    let panicking = db.clone();
    let outcome = tokio::spawn(async move {
        panicking
            .write(|tx| {
                tx.set_meta("half", "done")?;
                panic!("a bug in the middle of a transaction");
                #[allow(unreachable_code)]
                Ok(())
            })
            .await
    })
    .await;
    assert!(outcome.unwrap_err().is_panic());
    assert_eq!(db.read(|tx| tx.meta("half")).await.unwrap(), None);
    db.write(|tx| tx.set_meta("after", "yes")).await.unwrap();
    assert_eq!(db.read(|tx| tx.meta("after")).await.unwrap().as_deref(), Some("yes"));
}

async fn a_read_transaction_cannot_write(place: Place) {
    let db = open(&place).await;
    let error = db.read(|tx| tx.set_meta("sneaky", "write")).await.unwrap_err();
    assert!(!error.is_conflict(), "{error:?}");
    assert_eq!(db.read(|tx| tx.meta("sneaky")).await.unwrap(), None);
    db.write(|tx| tx.set_meta("after", "a read")).await.unwrap();
}

/// Writers take versions concurrently, each writing one record under its
/// version; a reader meanwhile must only ever see versions 1..=current,
/// never a later one before an earlier one is committed.
async fn versions_are_gapless_and_committed_in_order_under_concurrent_writers(place: Place) {
    const WRITERS: usize = 6;
    const EACH: usize = 20;
    let db = open(&place).await;
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (db, done) = (db.clone(), done.clone());
        tokio::spawn(async move {
            let mut snapshots = 0;
            while !done.load(Ordering::SeqCst) {
                let (current, records) =
                    db.read(|tx| Ok((tx.current_version()?, tx.records_after(0, 10_000)?))).await.unwrap();
                let versions: Vec<i64> = records.iter().map(|record| record.version).collect();
                assert_eq!(versions, (1..=current).collect::<Vec<_>>(), "a reader saw a gap");
                snapshots += 1;
            }
            snapshots
        })
    };
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut versions = Vec::new();
                for n in 0..EACH {
                    let version = db
                        .write(move |tx| {
                            let version = tx.next_version()?;
                            tx.put_record("task", &format!("w{writer}-{n}"), "{}", Some("{}"), version)?;
                            Ok(version)
                        })
                        .await
                        .unwrap();
                    versions.push(version);
                }
                versions
            })
        })
        .collect();
    let mut all = BTreeSet::new();
    for writer in writers {
        let versions = writer.await.unwrap();
        assert!(
            versions.windows(2).all(|pair| pair[0] < pair[1]),
            "one writer's versions go up: {versions:?}"
        );
        all.extend(versions);
    }
    done.store(true, Ordering::SeqCst);
    assert!(reader.await.unwrap() > 0);
    let total = (WRITERS * EACH) as i64;
    assert_eq!(all, (1..=total).collect::<BTreeSet<_>>());
    assert_eq!(db.read(|tx| tx.current_version()).await.unwrap(), total);
}

async fn reopening_migrates_nothing_again_and_keeps_the_data(place: Place) {
    let db = open(&place).await;
    db.write(|tx| {
        let version = tx.next_version()?;
        tx.put_record("deal", "d1", "{}", Some("{}"), version)?;
        tx.set_meta("kept", "yes")
    })
    .await
    .unwrap();
    let before = db.schema_version().await.unwrap();
    drop(db);
    for _ in 0..2 {
        let db = open(&place).await;
        assert_eq!(db.schema_version().await.unwrap(), before);
        let (kept, version) = db.read(|tx| Ok((tx.meta("kept")?, tx.current_version()?))).await.unwrap();
        assert_eq!((kept.as_deref(), version), (Some("yes"), 1));
    }
}

async fn a_database_of_a_newer_build_is_refused(place: Place) {
    drop(open(&place).await);
    place.pretend_newer_schema();
    let config = place.config.clone();
    let error = tokio::task::spawn_blocking(move || Db::open(&config)).await.unwrap().err().expect("refused");
    let known = match place.backend {
        Backend::Sqlite => dela_server::db::schema::SQLITE.len(),
        Backend::Postgres => dela_server::db::schema::POSTGRES.len(),
    };
    assert!(
        matches!(error, StartError::NewerSchema { found, known: k, .. } if found == known + 1 && k == known),
        "{error:?}"
    );
    assert!(error.to_string().contains("newer"), "{error}");
}

async fn an_outgoing_message_is_queued_once_by_its_id(place: Place) {
    let db = open(&place).await;
    let first = db.write(|tx| tx.queue_message("m1", "{\"text\":\"Hello\"}", 10)).await.unwrap();
    let again = db.write(|tx| tx.queue_message("m1", "{\"text\":\"Hello again\"}", 20)).await.unwrap();
    let second = db.write(|tx| tx.queue_message("m0", "{\"text\":\"Later\"}", 30)).await.unwrap();
    assert_eq!((first, again, second), (true, false, true));
    let unsent = db.read(|tx| tx.unsent_messages(10)).await.unwrap();
    assert_eq!(
        unsent,
        vec![
            ("m1".to_owned(), "{\"text\":\"Hello\"}".to_owned()),
            ("m0".to_owned(), "{\"text\":\"Later\"}".to_owned())
        ],
        "oldest first, the first text kept"
    );
    assert_eq!(db.read(|tx| tx.unsent_messages(1)).await.unwrap().len(), 1);
}

per_backend!(
    an_outgoing_message_is_queued_once_by_its_id,
    a_new_database_is_empty_at_version_zero,
    meta_values_are_set_and_replaced,
    sync_clients_and_mutations_are_kept_and_a_seq_taken_twice_conflicts,
    records_are_replaced_and_deleted_as_tombstones,
    records_after_come_in_version_order_up_to_the_limit,
    users_are_stored_found_by_login_and_listed_by_login,
    sessions_are_added_extended_and_revoked,
    a_failed_transaction_leaves_nothing_behind,
    a_panicking_transaction_is_rolled_back_and_the_store_still_works,
    a_read_transaction_cannot_write,
    versions_are_gapless_and_committed_in_order_under_concurrent_writers,
    reopening_migrates_nothing_again_and_keeps_the_data,
    a_database_of_a_newer_build_is_refused,
);
