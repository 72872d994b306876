//! Stage robots through the real UI, with the training course's examples
//! installed in one click: a VIP client's order of special equipment gets a
//! review task when the deal reaches Processing (not before the equipment
//! type is filled in), and a new deal nobody takes within 10 minutes makes
//! the head of the responsible's department hear of it.

use dela_e2e::{app, Browser};

/// Thursday 2026-11-26, 12:00 in Moscow.
const NOW: i64 = 1_795_683_600_000;
const MINUTE: i64 = 60_000;

async fn install_examples(browser: &Browser) {
    browser.button("Install the examples").await.click().await.unwrap();
    browser.text("The examples are installed.").await;
}

async fn new_deal(browser: &Browser, title: &str) {
    browser.link("Deals").await.click().await.unwrap();
    browser.link("New deal").await.click().await.unwrap();
    browser.heading("New deal").await;
    browser.fill("Title", title).await;
    browser.choose("Pipeline", "Training pipeline").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vip_order_of_special_equipment_gets_a_task_with_review() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/settings")).await;
    browser.heading("Settings").await;
    browser.set_clock(NOW).await;
    install_examples(&browser).await;

    browser.link("Contacts").await.click().await.unwrap();
    browser.link("New contact").await.click().await.unwrap();
    browser.fill("First name", "Olga").await;
    browser.fill("Last name", "Ivanova").await;
    browser.choose("VIP", "Yes").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Olga Ivanova").await;

    // Her deal starts at New; the VIP notice reaches the responsible at once.
    new_deal(&browser, "Special boiler").await;
    browser.field("Olga Ivanova").await.click().await.unwrap();
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Special boiler").await;
    browser.labelled("Notifications: 1").await;

    // Processing needs the equipment type.
    browser.choose("Move to stage", "Processing").await;
    browser.button("Move to stage").await.click().await.unwrap();
    browser.text("Fill in first: «Equipment type».").await;
    browser.link("Edit").await.click().await.unwrap();
    browser.choose("Equipment type", "Special").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Special boiler").await;
    browser.choose("Move to stage", "Processing").await;
    browser.button("Move to stage").await.click().await.unwrap();

    // The robot sets the responsible a task whose result is reviewed.
    let title = "Check the special equipment order: Special boiler";
    browser.link(title).await.click().await.unwrap();
    browser.heading(title).await;
    browser.text("Review the result").await;
    browser.text("✓").await;
    browser.link("Deal").await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_deal_left_ten_minutes_notifies_the_head() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/settings")).await;
    browser.heading("Settings").await;
    browser.set_clock(NOW).await;
    install_examples(&browser).await;

    // Boris works in Field sales, whose head is the user at the keyboard.
    browser.fill("New employee's name", "Boris").await;
    browser.button("Add an employee").await.click().await.unwrap();
    browser.field_in("Boris", "Name").await;
    browser.fill("New department", "Field sales").await;
    browser.button("Add a department").await.click().await.unwrap();
    browser.field_in("Boris", "Department").await.select_by_label("Field sales").await.unwrap();
    browser.text("Saved").await;
    browser.field_in("Field sales", "Head").await.select_by_label("Me").await.unwrap();
    browser.button_in("Field sales", "Save").await.click().await.unwrap();
    let saved = r#"document.querySelector('[aria-label="Field sales"] [role=status]')?.textContent.includes('Saved')"#;
    browser.until("the head saved", saved).await;

    new_deal(&browser, "Boiler for Initech").await;
    browser.choose("Responsible", "Boris").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Boiler for Initech").await;
    browser.labelled("Notifications: 0").await;

    // Nobody takes it; eleven minutes later the head is told.
    browser.set_clock(NOW + 11 * MINUTE).await;
    browser.labelled("Notifications: 1").await.click().await.unwrap();
    browser.heading("Notifications").await;
    browser
        .link("The deal “Boiler for Initech” was not taken into work within 10 minutes (responsible: Boris).")
        .await;

    browser.close().await;
    server.stop().await;
}
