//! Robots against a real IndexedDB in headless Chromium: a deal's jobs are
//! stored with it, jobs that fell due while the app was closed run on the
//! next start exactly once, and a refused move stores nothing.
#![cfg(target_arch = "wasm32")]

use dela::store::cards::SaveError;
use dela::store::{deal_jobs, inbox, org, robots, users};
use dela_core::fields::MoveRefused;
use dela_core::inbox::Topic;
use dela_core::org::OrgChart;
use dela_core::robots::examples::{self, PIPELINE, PROCESSING};
use dela_core::Id;
use wasm_bindgen_test::*;

mod common;
use common::{fresh, training_deal, MINUTE, MONDAY_10, MOSCOW};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_control_due_while_closed_runs_once_on_the_next_start() {
    let store = fresh("dela-test-robots").await;
    let rep = users::ensure_current(&store, "Rita", MONDAY_10).await.unwrap();
    let head = users::save(&store, None, "Sonia", Vec::new(), MONDAY_10).await.unwrap();
    let mut chart = OrgChart::default();
    let sales = Id::parse("sales").unwrap();
    chart.add_department(sales.clone(), "Sales", None).unwrap();
    chart.set_head(&sales, Some(head.id.clone())).unwrap();
    chart.assign(rep.id.clone(), sales, Vec::new()).unwrap();
    org::save(&store, &chart).await.unwrap();
    dela::store::examples::install_examples(&store, |text| format!("{text:?}"), &head.id).await.unwrap();

    let deal = training_deal(&store, "Boiler", &rep).await;
    assert_eq!(
        deal_jobs::open_jobs(&store, &deal.id).await.unwrap().len(),
        2,
        "the control and the VIP notice"
    );

    // The VIP notice is due at once and skipped (no VIP); the control waits.
    assert_eq!(robots::run_due(&store, MONDAY_10, &MOSCOW).await.unwrap(), 1);
    assert_eq!(robots::run_due(&store, MONDAY_10.plus_millis(9 * MINUTE), &MOSCOW).await.unwrap(), 0);
    assert!(inbox::list(&store, &head.id).await.unwrap().is_empty());

    // The app was closed for an hour: on start the control runs, once.
    let start = MONDAY_10.plus_millis(60 * MINUTE);
    assert_eq!(robots::run_due(&store, start, &MOSCOW).await.unwrap(), 1);
    assert_eq!(robots::run_due(&store, start, &MOSCOW).await.unwrap(), 0);
    assert_eq!(robots::run_due(&store, start.plus_millis(10 * MINUTE), &MOSCOW).await.unwrap(), 0);
    let heard = inbox::list(&store, &head.id).await.unwrap();
    assert_eq!(heard.len(), 1);
    assert_eq!(heard[0].topic, Topic::Control);
    assert_eq!(heard[0].due_at, Some(MONDAY_10.plus_millis(10 * MINUTE)), "it says when it was due");
    assert!(deal_jobs::open_jobs(&store, &deal.id).await.unwrap().is_empty());

    // Processing needs the equipment type: refused, nothing stored.
    let refused =
        robots::move_deal(&store, deal.id.as_str(), &Id::from_static(PROCESSING), &rep.id, start, &MOSCOW)
            .await;
    assert!(matches!(refused, Err(SaveError::Refused(MoveRefused::MissingFields(_)))));
    let stored =
        dela::store::cards::get::<dela_core::deal::Deal>(&store, deal.id.as_str()).await.unwrap().unwrap();
    assert_eq!(stored.stage.as_str(), examples::NEW);
    store.close();
}

#[wasm_bindgen_test]
async fn a_robots_deal_effects_are_written_with_its_completion() {
    use dela_core::deal::Deal;
    use dela_core::robots::{Action, Robot, Timing};

    let store = fresh("dela-test-robot-moves").await;
    let rep = users::ensure_current(&store, "Rita", MONDAY_10).await.unwrap();
    dela::store::examples::install_examples(&store, |text| format!("{text:?}"), &rep.id).await.unwrap();
    let pipeline = Id::from_static(PIPELINE);
    let mover = Robot {
        id: Id::from_static("mover"),
        pipeline: pipeline.clone(),
        stage: Id::from_static(examples::NEW),
        action: Action::ChangeStage { stage: Id::from_static(examples::DATA_COLLECTION) },
        timing: Timing::Immediately,
        condition: Default::default(),
        after_previous: false,
    };
    dela::store::automation::change_setup(&store, |setup| {
        setup.robots.push(mover);
        Ok::<_, dela::store::StoreError>(())
    })
    .await
    .unwrap();
    let deal = training_deal(&store, "Pump", &rep).await;
    robots::run_due(&store, MONDAY_10, &MOSCOW).await.unwrap();
    let stored = dela::store::cards::get::<Deal>(&store, deal.id.as_str()).await.unwrap().unwrap();
    assert_eq!(stored.stage.as_str(), examples::DATA_COLLECTION, "the robot moved the deal");
    let lines = dela::store::history::for_card(&store, &deal.card()).await.unwrap();
    assert!(lines.iter().any(|line| line.by.as_str() == dela_core::robots::ROBOT_ACTOR), "{lines:?}");
    store.close();
}
