//! Two writers of the same records at once, in a real IndexedDB in headless
//! Chromium: each read-modify-write reads inside its writing transaction,
//! so neither writer overwrites the other with what it read before. Each
//! test starts both writers before either has read; with the reads taken
//! in transactions of their own, each of them fails.
#![cfg(target_arch = "wasm32")]

use std::future::Future;

use dela::store::{activities, deals, tasks, users};
use dela::store::{automation, cards, companies, deal_jobs, history, org, pool, robots, settings};
use dela::store::{Store, StoreError};
use dela_core::activity::{ActivityDraft, ActivityKind, Direction, Priority};
use dela_core::client::ClientDraft;
use dela_core::company::{Company, CompanyDraft};
use dela_core::deal::{Deal, DealDraft};
use dela_core::fields::{FieldDef, FieldEntity, FieldKind};
use dela_core::history::Change;
use dela_core::org::OrgChart;
use dela_core::pool::PoolRule;
use dela_core::robots::examples::{self, DATA_COLLECTION};
use dela_core::tasks::action::Action;
use dela_core::tasks::draft::TaskDraft;
use dela_core::user::{Role, User};
use dela_core::Id;
use wasm_bindgen_test::*;

mod common;
use common::{fresh, MINUTE, MONDAY_10, MOSCOW};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs both writers at once: each gets as far as its first wait before
/// the other goes on.
async fn together<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    futures::join!(a, b)
}

async fn head(store: &Store) -> User {
    users::save(store, None, "Sonia", vec![Role::HeadOfSales], MONDAY_10).await.expect("head")
}

/// A deal at the training pipeline's first stage, the course's robots
/// installed, its responsible in a department headed by `head`.
async fn training_deal(store: &Store, head: &User) -> (User, Deal) {
    let rep = users::ensure_current(store, "Rita", MONDAY_10).await.expect("rep");
    let mut chart = OrgChart::default();
    let sales = Id::from_static("sales");
    chart.add_department(sales.clone(), "Sales", None).expect("department");
    chart.set_head(&sales, Some(head.id.clone())).expect("head");
    chart.assign(rep.id.clone(), sales, Vec::new()).expect("assign");
    org::save(store, &chart).await.expect("org chart");
    dela::store::examples::install_examples(store, |text| format!("{text:?}"), &head.id)
        .await
        .expect("examples");
    let deal = common::training_deal(store, "Boiler", &rep).await;
    (rep, deal)
}

fn stage_change(change: &Change) -> Option<(String, String)> {
    let Change::Updated { fields } = change else { return None };
    fields.iter().find(|f| f.field == "stage").map(|f| (f.before.clone(), f.after.clone()))
}

#[wasm_bindgen_test]
async fn two_moves_of_one_deal_chain_and_leave_only_the_last_stages_jobs() {
    let store = fresh("dela-test-two-moves").await;
    let head = head(&store).await;
    let (rep, deal) = training_deal(&store, &head).await;
    let id = deal.id.as_str();
    let (data, lost) = (Id::from_static(DATA_COLLECTION), Id::from_static(examples::LOST));
    let (first, second) = together(
        robots::move_deal(&store, id, &data, &rep.id, MONDAY_10, &MOSCOW),
        robots::move_deal(&store, id, &lost, &rep.id, MONDAY_10, &MOSCOW),
    )
    .await;
    first.expect("first move");
    second.expect("second move");

    let stored = cards::get::<Deal>(&store, id).await.unwrap().unwrap();
    let open = deal_jobs::open_jobs(&store, &deal.id).await.unwrap();
    assert!(
        open.iter().all(|job| job.stage == stored.stage),
        "only the jobs of the stage the deal is in are open: {open:?}"
    );
    let moves: Vec<(String, String)> = history::for_card(&store, &deal.card())
        .await
        .unwrap()
        .iter()
        .filter_map(|entry| stage_change(&entry.change))
        .collect();
    assert_eq!(moves.len(), 2, "{moves:?}");
    assert!(
        moves[0].1 == moves[1].0 || moves[1].1 == moves[0].0,
        "the second move starts where the first left the deal: {moves:?}"
    );
    store.close();
}

fn field(name: &str) -> FieldDef {
    FieldDef::new(Id::derived(MONDAY_10, &[name]), FieldEntity::Deal, name, FieldKind::Text)
}

#[wasm_bindgen_test]
async fn an_edit_and_a_move_of_one_deal_at_once_both_stay() {
    let store = fresh("dela-test-edit-and-move").await;
    let head = head(&store).await;
    let (rep, deal) = training_deal(&store, &head).await;
    let id = deal.id.as_str();
    let mut draft = DealDraft::from_deal(&deal);
    draft.title = "Boiler, two units".into();
    let data = Id::from_static(DATA_COLLECTION);
    let (edit, moved) = together(
        deals::update(&store, id, &draft, &[], &rep.id, MONDAY_10, &MOSCOW),
        robots::move_deal(&store, id, &data, &rep.id, MONDAY_10, &MOSCOW),
    )
    .await;
    edit.expect("edit");
    moved.expect("move");
    let stored = cards::get::<Deal>(&store, id).await.unwrap().unwrap();
    assert_eq!(stored.title, "Boiler, two units", "the move overwrote the edit");
    assert_eq!(stored.stage, data, "the edit overwrote the move");
}

#[wasm_bindgen_test]
async fn an_activity_planned_while_its_card_is_deleted_is_not_left_behind() {
    let store = fresh("dela-test-plan-and-delete").await;
    let head = head(&store).await;
    let company =
        companies::create(&store, &company_draft("Acme", &head.id), &[], &head.id, MONDAY_10).await.unwrap();
    let plan = ActivityDraft {
        kind: ActivityKind::Call,
        direction: Direction::Outgoing,
        subject: "Call back".into(),
        description: String::new(),
        deadline: Some(MONDAY_10.plus_millis(60 * MINUTE)),
        responsible: head.id.to_string(),
        priority: Priority::Normal,
    };
    let (planned, deleted) = together(
        activities::add(&store, company.card(), &plan, &head.id, MONDAY_10, &MOSCOW),
        cards::delete(&store, &company, &head.id, MONDAY_10),
    )
    .await;
    deleted.expect("deleted");
    let _ = planned;
    assert!(cards::get::<Company>(&store, company.id.as_str()).await.unwrap().is_none());
    let left = activities::of_card(&store, &company.card()).await.unwrap();
    assert!(left.is_empty(), "an activity of a deleted card stayed: {left:?}");
    store.close();
}

#[wasm_bindgen_test]
async fn two_setup_changes_at_once_both_stay() {
    let store = fresh("dela-test-two-setups").await;
    let add = |def: FieldDef| {
        automation::change_setup(&store, move |setup| {
            setup.fields.push(def);
            Ok::<_, StoreError>(())
        })
    };
    let (first, second) = together(add(field("Boiler")), add(field("Chimney"))).await;
    first.expect("first change");
    second.expect("second change");
    let names: Vec<String> =
        automation::setup(&store).await.unwrap().fields.into_iter().map(|def| def.name).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    store.close();
}

#[wasm_bindgen_test]
async fn a_refused_setup_change_stores_nothing() {
    let store = fresh("dela-test-refused-setup").await;
    let refused = automation::change_setup(&store, |setup| {
        setup.fields.push(field("Boiler"));
        Err(StoreError::Data("refused".into()))
    })
    .await;
    assert!(refused.is_err());
    assert!(automation::setup(&store).await.unwrap().fields.is_empty());
    store.close();
}

#[wasm_bindgen_test]
async fn two_runners_of_one_due_job_run_it_once() {
    let store = fresh("dela-test-two-runners").await;
    let head = head(&store).await;
    let (_rep, deal) = training_deal(&store, &head).await;
    // The VIP notice is due at once (and skipped): out of the way first.
    robots::run_due(&store, MONDAY_10, &MOSCOW).await.unwrap();
    let due = MONDAY_10.plus_millis(10 * MINUTE);
    let (first, second) =
        together(robots::run_due(&store, due, &MOSCOW), robots::run_due(&store, due, &MOSCOW)).await;
    assert_eq!(first.unwrap() + second.unwrap(), 1, "the control ran exactly once");
    assert!(deal_jobs::open_jobs(&store, &deal.id).await.unwrap().is_empty());
    store.close();
}

fn company_draft(title: &str, responsible: &Id) -> CompanyDraft {
    CompanyDraft {
        title: title.into(),
        client: ClientDraft { responsible: responsible.to_string(), ..ClientDraft::default() },
        comments: String::new(),
    }
}

/// Two companies in the pool and the periodic rule due, handing out one
/// client a run to `employees`.
async fn pool_of_two(store: &Store, head: &User, employees: Vec<Id>) -> Vec<Company> {
    let mut companies = Vec::new();
    for (n, title) in ["Acme", "Globex"].into_iter().enumerate() {
        let at = MONDAY_10.plus_millis(n as i64);
        let company =
            companies::create(store, &company_draft(title, &head.id), &[], &head.id, at).await.unwrap();
        pool::move_to_pool(store, &company.card(), &head.id, at).await.unwrap();
        companies.push(company);
    }
    let rule = PoolRule { enabled: true, every_days: 7, batch: 1, employees, ..PoolRule::default() };
    settings::save_pool_rule(store, &rule).await.unwrap();
    companies
}

#[wasm_bindgen_test]
async fn two_runs_of_the_pool_rule_at_once_hand_out_one_batch() {
    let store = fresh("dela-test-two-pool-runs").await;
    let head = head(&store).await;
    pool_of_two(&store, &head, vec![head.id.clone()]).await;
    let (first, second) =
        together(pool::run_rule(&store, &head, MONDAY_10), pool::run_rule(&store, &head, MONDAY_10)).await;
    assert_eq!(first.unwrap() + second.unwrap(), 1, "one run: one client of a batch of one");
    let (waiting, _) = pool::clients(&store).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(settings::pool_rule(&store).await.unwrap().last_run, Some(MONDAY_10));
    store.close();
}

#[wasm_bindgen_test]
async fn hand_outs_by_hand_take_turns() {
    let store = fresh("dela-test-hand-out-turns").await;
    let head = head(&store).await;
    let rep = users::save(&store, None, "Rita", Vec::new(), MONDAY_10).await.unwrap();
    let employees = vec![head.id.clone(), rep.id.clone()];
    let companies = pool_of_two(&store, &head, employees.clone()).await;
    let first = pool::assign(&store, &[companies[0].card()], &employees, &head, MONDAY_10).await.unwrap();
    let second = pool::assign(&store, &[companies[1].card()], &employees, &head, MONDAY_10).await.unwrap();
    assert_ne!(first[0].1, second[0].1, "the second hand-out starts with the next employee");
    store.close();
}

#[wasm_bindgen_test]
async fn two_actions_on_one_task_at_once_both_stay() {
    let store = fresh("dela-test-two-task-actions").await;
    let head = head(&store).await;
    let draft = TaskDraft {
        title: "Call the boiler room".into(),
        responsibles: vec![head.id.to_string()],
        ..TaskDraft::default()
    };
    let ids = tasks::create(&store, &draft, None, &head.id, MONDAY_10, &MOSCOW).await.unwrap();
    let id = ids[0].as_str();
    let comment = |text: &str| Action::Comment { text: text.into() };
    let (first, second) = together(
        tasks::act(&store, id, comment("first"), &head.id, MONDAY_10),
        tasks::act(&store, id, Action::Start, &head.id, MONDAY_10),
    )
    .await;
    first.expect("comment");
    second.expect("start");
    let task = tasks::get(&store, id).await.unwrap().unwrap();
    assert_eq!(task.comments.len(), 1, "the comment stays");
    assert_ne!(task.status, dela_core::tasks::status::Status::New, "the start stays");
    store.close();
}
