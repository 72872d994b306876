//! IndexedDB in a real headless Chromium: schema upgrades keep data, one
//! action is one transaction, and company saves carry their history.
#![cfg(target_arch = "wasm32")]

use dela::store::schema::{self, ACTIVITIES, COMPANIES, HISTORY, USERS};
use dela::store::{companies, history, read, users, Batch, Store, StoreError};
use dela_core::company::CompanyDraft;
use dela_core::contact_point::PointKind;
use dela_core::history::Change;
use dela_core::user::User;
use dela_core::{Id, Timestamp};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: Timestamp = Timestamp(1_780_000_000_000);

/// A database of its own per test: IndexedDB outlives a test in one run.
async fn fresh(name: &str) -> Store {
    delete_database(name).await;
    Store::open(name, || {}).await.expect("open")
}

async fn delete_database(name: &str) {
    if let Ok(request) = indexed_db_futures::database::Database::delete_by_name(name) {
        request.await.expect("delete database");
    }
}

fn draft(title: &str, responsible: &Id) -> CompanyDraft {
    CompanyDraft {
        title: title.into(),
        phones: vec![(PointKind::Work, "+7 495 123-45-67".into())],
        emails: vec![(PointKind::Work, "info@example.com".into())],
        responsible: responsible.to_string(),
        comments: "first call on Monday".into(),
    }
}

#[wasm_bindgen_test]
async fn a_new_database_has_every_store_at_the_latest_version() {
    let store = fresh("dela-test-fresh").await;
    assert_eq!(store.version(), schema::VERSION);
    let names = store.store_names();
    for expected in [COMPANIES, USERS, HISTORY, ACTIVITIES, schema::META] {
        assert!(names.iter().any(|name| name == expected), "missing store {expected}: {names:?}");
    }
}

#[wasm_bindgen_test]
async fn upgrading_from_version_1_keeps_its_companies() {
    let name = "dela-test-upgrade";
    delete_database(name).await;
    let old = Store::open_at(name, 1, || {}).await.expect("open v1");
    assert_eq!(old.version(), 1);
    assert!(!old.store_names().iter().any(|n| n == HISTORY), "version 1 had no history store");
    let record = serde_json::json!({
        "id": "c-from-v1", "title": "Written by v1", "responsible": "u1",
        "stamp": {"created_at": 1, "created_by": "u1", "updated_at": 1, "updated_by": "u1"}
    });
    Batch::default().put(COMPANIES, &record).unwrap().apply(&old).await.expect("write v1");
    old.close();

    let store = Store::open(name, || {}).await.expect("upgrade");
    assert_eq!(store.version(), schema::VERSION);
    let company = companies::get(&store, "c-from-v1").await.expect("read").expect("kept");
    assert_eq!(company.title, "Written by v1");
    assert!(company.phones.is_empty(), "fields v1 lacked take their defaults");
    assert!(store.store_names().iter().any(|n| n == HISTORY));
}

#[wasm_bindgen_test]
async fn a_failing_write_rolls_back_the_whole_action() {
    let store = fresh("dela-test-rollback").await;
    let user = User { id: Id::parse("u1").unwrap(), name: "Anna".into() };
    Batch::default().put(USERS, &user).unwrap().apply(&store).await.unwrap();

    // `add` of a key that exists fails with a ConstraintError after the
    // first put was already sent in the same transaction.
    let result = Batch::default()
        .put(USERS, &User { id: Id::parse("u2").unwrap(), name: "Boris".into() })
        .unwrap()
        .add(USERS, &user)
        .unwrap()
        .apply(&store)
        .await;
    assert!(
        matches!(result, Err(StoreError::Other(ref message)) if message.starts_with("ConstraintError")),
        "{result:?}"
    );
    let names: Vec<String> = users::list(&store).await.unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(names, vec!["Anna".to_owned()], "Boris must have been rolled back");
}

#[wasm_bindgen_test]
async fn a_company_is_created_edited_and_deleted_with_its_history() {
    let store = fresh("dela-test-company").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    assert_eq!(
        users::ensure_current(&store, "Other", NOW).await.unwrap(),
        me,
        "the current user is made once"
    );

    let created = companies::create(&store, &draft("Acme", &me.id), &me.id, NOW).await.unwrap();
    let listed = companies::list(&store).await.unwrap();
    assert_eq!(listed, vec![created.clone()]);

    let later = NOW.plus_millis(60_000);
    let edited = companies::update(&store, created.id.as_str(), &draft("Acme Ltd", &me.id), &me.id, later)
        .await
        .unwrap();
    assert_eq!(edited.title, "Acme Ltd");
    assert_eq!(edited.stamp.updated_at, later);

    companies::delete(&store, &edited, &me.id, later.plus_millis(1)).await.unwrap();
    assert_eq!(companies::get(&store, created.id.as_str()).await.unwrap(), None);

    let entries = history::for_card(&store, &created.card()).await.unwrap();
    let changes: Vec<&Change> = entries.iter().map(|entry| &entry.change).collect();
    assert!(matches!(changes[..], [Change::Deleted, Change::Updated { .. }, Change::Created]), "{changes:?}");
}

#[wasm_bindgen_test]
async fn an_invalid_company_stores_nothing() {
    let store = fresh("dela-test-invalid").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let result =
        companies::create(&store, &CompanyDraft { title: " ".into(), ..draft("x", &me.id) }, &me.id, NOW)
            .await;
    let Err(companies::SaveError::Invalid(errors)) = result else {
        panic!("expected field errors: {result:?}")
    };
    assert!(errors.for_field("title").is_some());
    assert!(companies::list(&store).await.unwrap().is_empty());
    let stored_history: Vec<serde_json::Value> = read::all(&store, HISTORY).await.unwrap();
    assert!(stored_history.is_empty());
}
