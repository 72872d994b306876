//! IndexedDB in a real headless Chromium: schema upgrades keep data, one
//! action is one transaction, saves carry their history, and the agenda
//! read from indexes agrees with the core's rules.
#![cfg(target_arch = "wasm32")]

use dela::store::schema::{self, ACTIVITIES, ACTIVITY_PAGES, COMPANIES, HISTORY, USERS};
use dela::store::{
    activities, agenda, cards, codec, companies, deals, history, leads, pipelines, read, users, ActionError,
    Batch, Store, StoreError,
};
use dela_core::activity::{Activity, ActivityDraft, ActivityKind, Direction, Priority};
use dela_core::agenda::{Agenda, Counts, Days, Range, View};
use dela_core::client::ClientDraft;
use dela_core::company::{Company, CompanyDraft};
use dela_core::contact_point::PointKind;
use dela_core::deal::{Deal, DealDraft};
use dela_core::history::{ActivityEvent, Change};
use dela_core::lead::{Lead, LeadDraft};
use dela_core::placement::DEAL_FIELD;
use dela_core::record::{CardKind, CardRef, Stamp};
use dela_core::timeline::{Page, PAGE_SIZE};
use dela_core::user::User;
use dela_core::validation::Problem;
use dela_core::zone::FixedOffset;
use dela_core::{Id, Timestamp};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: Timestamp = Timestamp(1_780_000_000_000);

mod common;
use common::{delete_database, fresh, MOSCOW};

fn draft(title: &str, responsible: &Id) -> CompanyDraft {
    CompanyDraft {
        title: title.into(),
        client: ClientDraft {
            phones: vec![(PointKind::Work, "+7 495 123-45-67".into())],
            emails: vec![(PointKind::Work, "info@example.com".into())],
            messengers: Vec::new(),
            responsible: responsible.to_string(),
        },
        comments: "first call on Monday".into(),
    }
}

#[wasm_bindgen_test]
async fn a_new_database_has_every_store_at_the_latest_version() {
    let store = fresh("dela-test-fresh").await;
    assert_eq!(store.version(), schema::VERSION);
    let names = store.store_names();
    for expected in [
        COMPANIES,
        USERS,
        HISTORY,
        ACTIVITY_PAGES,
        schema::AGENDA_TALLY,
        schema::META,
        schema::DEALS,
        schema::CONTACTS,
        schema::VIEWS,
        schema::JOBS,
        schema::OUTBOX,
    ] {
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
        "id": "c-from-v1", "title": "Written by v1", "client": {"responsible": "u1"},
        "stamp": {"created_at": 1, "created_by": "u1", "updated_at": 1, "updated_by": "u1"}
    });
    Batch::default().put(COMPANIES, &record).unwrap().apply(&old).await.expect("write v1");
    old.close();

    let store = Store::open(name, || {}).await.expect("upgrade");
    assert_eq!(store.version(), schema::VERSION);
    let company = cards::get::<Company>(&store, "c-from-v1").await.expect("read").expect("kept");
    assert_eq!(company.title, "Written by v1");
    assert!(company.client.phones.is_empty(), "fields v1 lacked take their defaults");
    assert!(store.store_names().iter().any(|n| n == HISTORY));
    let mine = cards::of_responsible::<Company>(&store, &Id::parse("u1").unwrap()).await.unwrap();
    assert_eq!(mine.len(), 1, "the v1 index by responsible still answers");
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_an_older_tab_says_so_and_waits_for_it() {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    let name = "dela-test-blocked";
    delete_database(name).await;
    let old_tab = Store::open_at(name, 1, || {}).await.expect("open v1");
    let blocked = Rc::new(Cell::new(false));
    let opened: Rc<RefCell<Option<Result<Store, StoreError>>>> = Rc::new(RefCell::new(None));
    {
        let (blocked, opened) = (blocked.clone(), opened.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let result = Store::open(name, move || blocked.set(true)).await;
            *opened.borrow_mut() = Some(result);
        });
    }
    sleep(200).await;
    assert!(blocked.get(), "the new version is told it is blocked");
    assert!(opened.borrow().is_none(), "and waits instead of failing");
    old_tab.close();
    for _ in 0..50 {
        if opened.borrow().is_some() {
            break;
        }
        sleep(20).await;
    }
    let store = opened.borrow_mut().take().expect("opened once the old tab closed").expect("upgraded");
    assert_eq!(store.version(), schema::VERSION);
}

#[wasm_bindgen_test]
async fn an_older_tab_makes_way_for_a_newer_version_and_is_told_to_reload() {
    use std::cell::Cell;
    use std::rc::Rc;

    let name = "dela-test-outdated";
    delete_database(name).await;
    let old_tab = Store::open_at(name, 1, || {}).await.expect("open v1");
    let told = Rc::new(Cell::new(false));
    let told_too = told.clone();
    old_tab.when_outdated(move || told_too.set(true)).expect("listen for newer versions");
    let blocked = Rc::new(Cell::new(false));
    let blocked_too = blocked.clone();
    let store = Store::open(name, move || blocked_too.set(true)).await.expect("upgraded without waiting");
    assert_eq!(store.version(), schema::VERSION);
    assert!(!blocked.get(), "the old tab closed its connection instead of blocking");
    assert!(told.get(), "the old tab is told to reload");
    store.close();
}

#[wasm_bindgen_test]
async fn a_record_that_does_not_decode_is_skipped_and_reported() {
    use std::cell::RefCell;
    use std::rc::Rc;

    let store = fresh("dela-test-damaged").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    let damaged = serde_json::json!({"id": "damaged", "title": 5});
    Batch::default().put(COMPANIES, &damaged).unwrap().apply(&store).await.unwrap();
    let reported = Rc::new(RefCell::new(Vec::new()));
    let heard = reported.clone();
    codec::on_damaged(move |error| heard.borrow_mut().push(error.clone()));
    let listed = cards::list::<Company>(&store).await.expect("the others are read");
    assert_eq!(listed.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["Acme"]);
    let reported = reported.borrow();
    assert_eq!(reported.len(), 1, "the skipped record is reported");
    assert!(matches!(&reported[0], StoreError::Data(text) if text.contains(COMPANIES)), "{reported:?}");
}

#[wasm_bindgen_test]
async fn a_failing_write_rolls_back_the_whole_action() {
    let store = fresh("dela-test-rollback").await;
    let user = User::new(Id::parse("u1").unwrap(), "Anna".into());
    Batch::default().put(USERS, &user).unwrap().apply(&store).await.unwrap();

    // `add` of a key that exists fails with a ConstraintError after the
    // first put was already sent in the same transaction.
    let result = Batch::default()
        .put(USERS, &User::new(Id::parse("u2").unwrap(), "Boris".into()))
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

    let created = companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    assert_eq!(cards::list::<Company>(&store).await.unwrap(), vec![created.clone()]);

    let later = NOW.plus_millis(60_000);
    let edited =
        companies::update(&store, created.id.as_str(), &draft("Acme Ltd", &me.id), &[], &me.id, later)
            .await
            .unwrap();
    assert_eq!(edited.title, "Acme Ltd");
    assert_eq!(edited.stamp.updated_at, later);

    cards::delete(&store, &edited, &me.id, later.plus_millis(1)).await.unwrap();
    assert_eq!(cards::get::<Company>(&store, created.id.as_str()).await.unwrap(), None);

    let entries = history::for_card(&store, &created.card()).await.unwrap();
    let changes: Vec<&Change> = entries.iter().map(|entry| &entry.change).collect();
    assert!(matches!(changes[..], [Change::Deleted, Change::Updated { .. }, Change::Created]), "{changes:?}");
}

#[wasm_bindgen_test]
async fn an_invalid_company_stores_nothing() {
    let store = fresh("dela-test-invalid").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let result = companies::create(
        &store,
        &CompanyDraft { title: " ".into(), ..draft("x", &me.id) },
        &[],
        &me.id,
        NOW,
    )
    .await;
    let Err(cards::SaveError::Invalid(errors)) = result else { panic!("expected field errors: {result:?}") };
    assert!(errors.for_field("title").is_some());
    assert!(cards::list::<Company>(&store).await.unwrap().is_empty());
    let stored_history: Vec<serde_json::Value> = read::all(&store, HISTORY).await.unwrap();
    assert!(stored_history.is_empty());
}

fn activity(subject: &str, responsible: &Id, direction: Direction, deadline: Timestamp) -> ActivityDraft {
    ActivityDraft {
        kind: ActivityKind::Call,
        direction,
        subject: subject.into(),
        description: String::new(),
        deadline: Some(deadline),
        responsible: responsible.to_string(),
        priority: Priority::Normal,
    }
}

#[wasm_bindgen_test]
async fn activities_keep_their_cards_next_activity_and_history() {
    let store = fresh("dela-test-activities").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let company = companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    let soon = NOW.plus_millis(Timestamp::HOUR);
    let later = NOW.plus_millis(Timestamp::DAY);
    let first = activities::add(
        &store,
        company.card(),
        &activity("Call", &me.id, Direction::Outgoing, later),
        &me.id,
        NOW,
        &MOSCOW,
    )
    .await
    .unwrap();
    let second = activities::add(
        &store,
        company.card(),
        &activity("Write", &me.id, Direction::Outgoing, soon),
        &me.id,
        NOW,
        &MOSCOW,
    )
    .await
    .unwrap();
    let next = |store: Store, id: Id| async move {
        cards::get::<Company>(&store, id.as_str()).await.unwrap().unwrap().next_activity
    };
    assert_eq!(next(store.clone(), company.id.clone()).await, Some(soon));

    activities::complete(&store, &company.card(), second.id.as_str(), "Sent the offer", &me.id, NOW, &MOSCOW)
        .await
        .unwrap();
    assert_eq!(next(store.clone(), company.id.clone()).await, Some(later));
    activities::delete(&store, &company.card(), first.id.as_str(), &me.id, NOW).await.unwrap();
    assert_eq!(next(store.clone(), company.id.clone()).await, None);

    let timeline = activities::of_card(&store, &company.card()).await.unwrap();
    assert_eq!(timeline.len(), 1, "the completed one is kept, the deleted one is gone");
    let entries = history::for_card(&store, &company.card()).await.unwrap();
    let events = entries.iter().filter(|e| matches!(e.change, Change::Activity { .. })).count();
    assert_eq!(events, 4, "planned twice, completed, deleted: {entries:?}");
}

#[wasm_bindgen_test]
async fn an_activity_asked_for_on_a_client_goes_where_the_card_hierarchy_says() {
    let store = fresh("dela-test-placement").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let pipeline = pipelines::ensure_default(&store, "Sales", |stage| format!("{stage:?}")).await.unwrap();
    let acme = companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    let deal_draft = |title: &str| DealDraft {
        title: title.into(),
        stage: "new".into(),
        company: acme.id.to_string(),
        responsible: me.id.to_string(),
        ..DealDraft::default()
    };
    let new_deal = |title: &'static str| {
        let (store, pipeline, me, draft) =
            (store.clone(), pipeline.id.clone(), me.id.clone(), deal_draft(title));
        async move { deals::create(&store, &pipeline, &draft, &[], &me, NOW, &MOSCOW).await.unwrap() }
    };
    let later = NOW.plus_millis(Timestamp::DAY);
    let plan = activity("Call about the seats", &me.id, Direction::Outgoing, later);

    let seats = new_deal("Seats").await;
    let added = activities::add(&store, acme.card(), &plan, &me.id, NOW, &MOSCOW).await.unwrap();
    assert_eq!(added.owner, seats.card(), "the one deal in progress takes it");

    let boiler = new_deal("Boiler").await;
    let refused = activities::add(&store, acme.card(), &plan, &me.id, NOW, &MOSCOW).await;
    let Err(ActionError::Invalid(errors)) = refused else { panic!("two deals: refused, {refused:?}") };
    assert_eq!(errors.for_field(DEAL_FIELD), Some(Problem::Required));
    assert!(activities::of_card(&store, &acme.card()).await.unwrap().is_empty());

    let added = activities::add(&store, boiler.card(), &plan, &me.id, NOW, &MOSCOW).await.unwrap();
    assert_eq!(added.owner, boiler.card());
    let stored = cards::get::<Deal>(&store, boiler.id.as_str()).await.unwrap().unwrap();
    assert_eq!(stored.next_activity, Some(later));
}

#[wasm_bindgen_test]
async fn a_converted_lead_hands_its_open_activities_to_the_deal() {
    let store = fresh("dela-test-convert").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    pipelines::ensure_default(&store, "Sales", |stage| format!("{stage:?}")).await.unwrap();
    let lead_draft =
        LeadDraft { title: "Wants 3 seats".into(), responsible: me.id.to_string(), ..LeadDraft::default() };
    let lead = leads::create(&store, &lead_draft, &[], &me.id, NOW).await.unwrap();
    let later = NOW.plus_millis(Timestamp::DAY);
    let call = activity("Call back", &me.id, Direction::Outgoing, later);
    let open = activities::add(&store, lead.card(), &call, &me.id, NOW, &MOSCOW).await.unwrap();
    let first = activity("First call", &me.id, Direction::Outgoing, NOW);
    let done = activities::add(&store, lead.card(), &first, &me.id, NOW, &MOSCOW).await.unwrap();
    activities::complete(&store, &lead.card(), done.id.as_str(), "Interested", &me.id, NOW, &MOSCOW)
        .await
        .unwrap();

    let converted = leads::convert(&store, lead.id.as_str(), &me.id, NOW, &MOSCOW).await.unwrap();
    let deal = converted.deal.card();
    let on_deal = activities::of_card(&store, &deal).await.unwrap();
    assert_eq!(on_deal.iter().map(|a| &a.id).collect::<Vec<_>>(), [&open.id]);
    let on_lead = activities::of_card(&store, &lead.card()).await.unwrap();
    assert_eq!(on_lead.iter().map(|a| &a.id).collect::<Vec<_>>(), [&done.id], "the completed one stays");
    let stored_lead = cards::get::<Lead>(&store, lead.id.as_str()).await.unwrap().unwrap();
    assert_eq!(stored_lead.next_activity, None);
    let stored_deal = cards::get::<Deal>(&store, converted.deal.id.as_str()).await.unwrap().unwrap();
    assert_eq!(stored_deal.next_activity, Some(later));
    let arrived = history::for_card(&store, &deal).await.unwrap();
    assert!(
        arrived.iter().any(|e| matches!(e.change, Change::Activity { event: ActivityEvent::MovedHere, .. })),
        "{arrived:?}"
    );
}

#[wasm_bindgen_test]
async fn agenda_counts_and_rows_from_indexes_agree_with_the_core() {
    let store = fresh("dela-test-agenda").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let other = users::save(&store, None, "Boris", Vec::new(), NOW).await.ok().unwrap();
    let mut cards = Vec::new();
    for title in ["Acme", "Globex", "Initech"] {
        cards.push(companies::create(&store, &draft(title, &me.id), &[], &me.id, NOW).await.unwrap().card());
    }
    let zone = FixedOffset(180);
    let days = Days::at(NOW, &zone);
    let hours = [-72, -30, -2, 0, 1, 5, 26, 50, 80, 120, 170, 200, 400, 3, 27, 28];
    for (n, hour) in hours.iter().enumerate() {
        let direction = if n % 4 == 0 { Direction::Incoming } else { Direction::Outgoing };
        let who = if n % 5 == 4 { &other.id } else { &me.id };
        let draft = activity(&format!("a{n}"), who, direction, NOW.plus_millis(hour * Timestamp::HOUR));
        let card = &cards[n % cards.len()];
        let added = activities::add(&store, card.clone(), &draft, &me.id, NOW, &MOSCOW).await.unwrap();
        if n == 6 {
            activities::complete(&store, card, added.id.as_str(), "done", &me.id, NOW, &MOSCOW)
                .await
                .unwrap();
        }
    }
    let from_indexes = agenda::counts(&store, std::slice::from_ref(&me.id), &days).await.unwrap();
    let open = agenda::open(&store, std::slice::from_ref(&me.id)).await.unwrap();
    let core = Agenda::build(&open, |who| who == &me.id);
    assert_eq!(from_indexes, core.counts(&days));
    assert_eq!(open.len(), from_indexes.of(View::AllOpen), "each open activity once, though pages repeat");
    assert!(
        from_indexes.of(View::Incoming) > 0
            && from_indexes.of(View::Overdue) > 0
            && from_indexes.of(View::Today) > 0
    );

    // A few first rows, read through pages that hold several matches and
    // other people's activities, are the core's first rows.
    for view in View::ALL {
        let range = Range::of(view, &days);
        let rows = agenda::rows(&store, std::slice::from_ref(&me.id), &range, 3).await.unwrap();
        let expected: Vec<&Id> = core.rows(&range, 0, 3).into_iter().map(|entry| &entry.id).collect();
        assert_eq!(rows.iter().map(|a| &a.id).collect::<Vec<_>>(), expected, "{view:?}");
    }
    let team = agenda::counts(&store, &[me.id.clone(), other.id.clone()], &days).await.unwrap();
    assert!(team.of(View::AllOpen) > from_indexes.of(View::AllOpen));
}

fn stored_activity(n: usize, owner: &CardRef, responsible: &Id) -> Activity {
    Activity {
        id: Id::parse(&format!("imported-{n:05}")).unwrap(),
        kind: ActivityKind::Email,
        direction: if n.is_multiple_of(3) { Direction::Incoming } else { Direction::Outgoing },
        subject: format!("Imported {n}"),
        description: String::new(),
        deadline: NOW.plus_millis((n as i64 % 48 - 24) * Timestamp::HOUR),
        responsible: responsible.clone(),
        priority: Priority::Normal,
        owner: owner.clone(),
        completion: None,
        stamp: Stamp::new(responsible, NOW),
    }
}

fn company_ref(n: usize) -> CardRef {
    CardRef { kind: CardKind::Company, id: Id::parse(&format!("company-{n:03}")).unwrap() }
}

#[wasm_bindgen_test]
async fn many_activities_are_written_by_card_and_join_what_the_cards_had() {
    let store = fresh("dela-test-put-many").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let acme = companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    let in_two_days = NOW.plus_millis(2 * Timestamp::DAY);
    let planned = activities::add(
        &store,
        acme.card(),
        &activity("Planned before", &me.id, Direction::Outgoing, in_two_days),
        &me.id,
        NOW,
        &MOSCOW,
    )
    .await
    .unwrap();
    // 40 cards (read back as one range), one of them with more than a
    // page, and Acme, which already has an activity.
    let mut many: Vec<Activity> =
        (0..400).map(|n| stored_activity(n, &company_ref(n % 40), &me.id)).collect();
    many.extend((400..400 + PAGE_SIZE).map(|n| stored_activity(n, &company_ref(7), &me.id)));
    many.push(stored_activity(999, &acme.card(), &me.id));
    let total = many.len();
    activities::put_many(&store, many).await.unwrap();

    let acme_timeline = activities::of_card(&store, &acme.card()).await.unwrap();
    let subjects: Vec<&str> = acme_timeline.iter().map(|a| a.subject.as_str()).collect();
    assert!(subjects.contains(&"Planned before") && subjects.contains(&"Imported 999"), "{subjects:?}");
    let acme_now = cards::get::<Company>(&store, acme.id.as_str()).await.unwrap().unwrap();
    assert_eq!(
        acme_now.next_activity,
        Some(in_two_days),
        "cards written in bulk keep their own next activity"
    );
    assert_eq!(activities::of_card(&store, &company_ref(7)).await.unwrap().len(), 10 + PAGE_SIZE);
    let pages: Vec<serde_json::Value> = read::all(&store, ACTIVITY_PAGES).await.unwrap();
    assert_eq!(pages.len(), 41 + 1, "a page per card, a second one for the long card");

    let days = Days::at(NOW, &MOSCOW);
    let counts = agenda::counts(&store, std::slice::from_ref(&me.id), &days).await.unwrap();
    assert_eq!(counts.of(View::AllOpen), total + 1);
    let open = agenda::open(&store, std::slice::from_ref(&me.id)).await.unwrap();
    assert_eq!(Agenda::build(&open, |who| who == &me.id).counts(&days), counts);

    // Writing the same activities again replaces them.
    let again: Vec<Activity> = (0..400).map(|n| stored_activity(n, &company_ref(n % 40), &me.id)).collect();
    activities::put_many(&store, again).await.unwrap();
    let counts = agenda::counts(&store, std::slice::from_ref(&me.id), &days).await.unwrap();
    assert_eq!(counts.of(View::AllOpen), total + 1);
    assert_eq!(activities::of_card(&store, &company_ref(7)).await.unwrap().len(), 10 + PAGE_SIZE);
    assert!(acme_timeline.iter().any(|a| a.id == planned.id));
}

/// The counters of `who` as their tallies have them, and as their open
/// activities in the pages make them.
async fn tallied_and_counted(store: &Store, who: &[Id], days: &Days) -> (Counts, Counts) {
    let tallied = agenda::counts(store, who, days).await.unwrap();
    let open = agenda::open(store, who).await.unwrap();
    (tallied, Agenda::build(&open, |user| who.contains(user)).counts(days))
}

#[wasm_bindgen_test]
async fn tallies_follow_every_write_of_activities() {
    let store = fresh("dela-test-tallies").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let other = users::save(&store, None, "Boris", Vec::new(), NOW).await.ok().unwrap();
    let days = Days::at(NOW, &MOSCOW);
    let groups = [vec![me.id.clone()], vec![other.id.clone()], vec![me.id.clone(), other.id.clone()]];
    // Read once, so that both tallies are stored and kept from here on.
    assert_eq!(agenda::counts(&store, &groups[2], &days).await.unwrap(), Counts::default());
    let check = async |after: &str| {
        for who in &groups {
            let (tallied, counted) = tallied_and_counted(&store, who, &days).await;
            assert_eq!(tallied, counted, "{who:?} after {after}");
        }
    };
    let acme = companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    let globex = companies::create(&store, &draft("Globex", &me.id), &[], &me.id, NOW).await.unwrap();
    let mut added = Vec::new();
    for (n, hour) in [-30, -2, 1, 26, 80, 170, 400, 1].into_iter().enumerate() {
        let direction = if n % 3 == 0 { Direction::Incoming } else { Direction::Outgoing };
        let (who, card) = if n % 2 == 0 { (&me.id, &acme) } else { (&other.id, &globex) };
        let draft = activity(&format!("a{n}"), who, direction, NOW.plus_millis(hour * Timestamp::HOUR));
        added.push(activities::add(&store, card.card(), &draft, &me.id, NOW, &MOSCOW).await.unwrap());
        check(&format!("adding a{n}")).await;
    }
    let (open, _) = tallied_and_counted(&store, &groups[2], &days).await;
    assert_eq!(open.of(View::AllOpen), added.len());

    activities::complete(&store, &added[0].owner, added[0].id.as_str(), "done", &me.id, NOW, &MOSCOW)
        .await
        .unwrap();
    check("a completion").await;
    let in_three_days = NOW.plus_millis(3 * Timestamp::DAY);
    activities::reschedule(&store, &added[1].owner, added[1].id.as_str(), in_three_days, &me.id, NOW)
        .await
        .unwrap();
    check("a new deadline").await;
    activities::move_to(&store, std::slice::from_ref(&added[2]), &globex.card(), &me.id, NOW).await.unwrap();
    check("a move to another card").await;
    let mut handed = added[4].clone();
    handed.responsible = other.id.clone();
    activities::put_many(&store, vec![handed]).await.unwrap();
    check("handing one to someone else").await;
    activities::delete(&store, &added[5].owner, added[5].id.as_str(), &me.id, NOW).await.unwrap();
    check("a deletion").await;
    cards::delete(&store, &acme, &me.id, NOW).await.unwrap();
    check("deleting a card with its activities").await;
    let (left, _) = tallied_and_counted(&store, &groups[2], &days).await;
    assert_eq!(left.of(View::AllOpen), 4, "a1, a2 (moved), a3 and a7 are open on Globex");
}

#[wasm_bindgen_test]
async fn two_writers_of_one_persons_activities_both_count() {
    use std::cell::Cell;
    use std::rc::Rc;

    let store = fresh("dela-test-two-tally-writers").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let days = Days::at(NOW, &MOSCOW);
    agenda::counts(&store, std::slice::from_ref(&me.id), &days).await.unwrap();
    let acme = companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    let globex = companies::create(&store, &draft("Globex", &me.id), &[], &me.id, NOW).await.unwrap();
    let finished = Rc::new(Cell::new(false));
    {
        let (store, finished, card, me) = (store.clone(), finished.clone(), acme.card(), me.id.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let call = activity("On Acme", &me, Direction::Outgoing, NOW.plus_millis(Timestamp::HOUR));
            activities::add(&store, card, &call, &me, NOW, &MOSCOW).await.expect("first writer");
            finished.set(true);
        });
    }
    // Another card, so only the tally is shared between the writers.
    let call = activity("On Globex", &me.id, Direction::Outgoing, NOW.plus_millis(Timestamp::HOUR));
    activities::add(&store, globex.card(), &call, &me.id, NOW, &MOSCOW).await.expect("second writer");
    while !finished.get() {
        sleep(10).await;
    }
    let (tallied, counted) = tallied_and_counted(&store, std::slice::from_ref(&me.id), &days).await;
    assert_eq!(tallied.of(View::AllOpen), 2, "neither write lost");
    assert_eq!(tallied, counted);
}

#[wasm_bindgen_test]
async fn tallies_are_built_from_the_pages_of_a_schema_5_database() {
    let name = "dela-test-tallies-from-pages";
    delete_database(name).await;
    let old = Store::open_at(name, 5, || {}).await.expect("open v5");
    let me = Id::parse("u1").unwrap();
    let mut batch = Batch::default();
    for card in 0..3 {
        let owner = company_ref(card);
        let activities = (0..5).map(|n| stored_activity(card * 5 + n, &owner, &me)).collect();
        batch = batch.put(ACTIVITY_PAGES, &Page { owner, number: 0, activities }).unwrap();
    }
    batch.apply(&old).await.expect("write v5");
    old.close();

    let store = Store::open(name, || {}).await.expect("upgrade");
    let days = Days::at(NOW, &MOSCOW);
    let (tallied, counted) = tallied_and_counted(&store, std::slice::from_ref(&me), &days).await;
    assert_eq!((tallied, tallied.of(View::AllOpen)), (counted, 15));
    // Built once, then kept: the next write counts.
    activities::put_many(&store, vec![stored_activity(99, &company_ref(0), &me)]).await.unwrap();
    let (tallied, counted) = tallied_and_counted(&store, std::slice::from_ref(&me), &days).await;
    assert_eq!((tallied, tallied.of(View::AllOpen)), (counted, 16));
}

#[wasm_bindgen_test]
async fn two_writers_of_one_card_keep_both_activities_and_the_nearest_deadline() {
    use std::cell::Cell;
    use std::rc::Rc;

    let store = fresh("dela-test-two-writers").await;
    let me = users::ensure_current(&store, "Me", NOW).await.unwrap();
    let company = companies::create(&store, &draft("Acme", &me.id), &[], &me.id, NOW).await.unwrap();
    let (soon, later) = (NOW.plus_millis(Timestamp::HOUR), NOW.plus_millis(Timestamp::DAY));
    let finished = Rc::new(Cell::new(false));
    {
        let (store, finished, card, me) = (store.clone(), finished.clone(), company.card(), me.id.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let later = activity("Later", &me, Direction::Outgoing, later);
            activities::add(&store, card, &later, &me, NOW, &MOSCOW).await.expect("first writer");
            finished.set(true);
        });
    }
    let sooner = activity("Sooner", &me.id, Direction::Outgoing, soon);
    activities::add(&store, company.card(), &sooner, &me.id, NOW, &MOSCOW).await.expect("second writer");
    while !finished.get() {
        sleep(10).await;
    }
    assert_eq!(activities::of_card(&store, &company.card()).await.unwrap().len(), 2);
    let stored = cards::get::<Company>(&store, company.id.as_str()).await.unwrap().unwrap();
    assert_eq!(stored.next_activity, Some(soon), "whichever writer came last");
}

#[wasm_bindgen_test]
async fn activities_written_by_schema_4_move_into_pages_on_opening() {
    let name = "dela-test-legacy-activities";
    delete_database(name).await;
    let old = Store::open_at(name, 4, || {}).await.expect("open v4");
    let me = Id::parse("u1").unwrap();
    let mut batch = Batch::default();
    for n in 0..3 {
        // Schema 4 stored each activity with numeric flags for its index.
        let mut record = serde_json::to_value(stored_activity(n, &company_ref(n % 2), &me)).unwrap();
        record["open"] = 1.into();
        record["incoming"] = u8::from(n.is_multiple_of(3)).into();
        batch = batch.put(ACTIVITIES, &record).unwrap();
    }
    batch.apply(&old).await.expect("write v4");
    old.close();

    let store = Store::open(name, || {}).await.expect("upgrade");
    assert_eq!(activities::of_card(&store, &company_ref(0)).await.unwrap().len(), 2);
    assert_eq!(activities::of_card(&store, &company_ref(1)).await.unwrap().len(), 1);
    let legacy: Vec<serde_json::Value> = read::all(&store, ACTIVITIES).await.unwrap();
    assert!(legacy.is_empty(), "moved, not copied");
    let counts = agenda::counts(&store, std::slice::from_ref(&me), &Days::at(NOW, &MOSCOW)).await.unwrap();
    assert_eq!((counts.of(View::AllOpen), counts.of(View::Incoming)), (3, 1));
    store.close();

    let reopened = Store::open(name, || {}).await.expect("reopen");
    assert_eq!(activities::of_card(&reopened, &company_ref(0)).await.unwrap().len(), 2, "moved once");
}
