//! Stage robots through the real UI, with the training course's examples
//! installed in one click: a VIP client's order of special equipment gets a
//! review task when the deal reaches Processing (not before the equipment
//! type is filled in), and a new deal nobody takes within 10 minutes makes
//! the head of the responsible's department hear of it.

use dela_e2e::{app, Browser, Server, TempDir};

/// Thursday 2026-11-26, 12:00 in Moscow.
const NOW: i64 = 1_795_683_600_000;
const MINUTE: i64 = 60_000;

/// The app at Thursday noon with the course examples installed, on the
/// Settings page.
async fn with_examples() -> (TempDir, Server, Browser) {
    let (data, server, browser) = app().await;
    browser.goto(&server.url("/settings")).await;
    browser.heading("Settings").await;
    browser.set_clock(NOW).await;
    browser.button("Install the examples").await.click().await.unwrap();
    browser.text("The examples are installed.").await;
    (data, server, browser)
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
    let (_data, server, browser) = with_examples().await;

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
    let (_data, server, browser) = with_examples().await;

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
    // The card says what waits and when.
    let waiting = "document.querySelector('[aria-labelledby=waiting-heading]')?.textContent";
    browser
        .until(
            "the control waiting for 12:10",
            &format!("{waiting}?.includes('Control to the head') && {waiting}.includes('12:10')"),
        )
        .await;

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

/// Moves a board card by HTML5 drag and drop, as a mouse would: WebDriver
/// cannot drive native drag and drop in Chromium, so the events are sent
/// with one shared `DataTransfer`.
async fn drag_to_column(browser: &Browser, deal: &str, column: &str) {
    let script = format!(
        r#"const card = [...document.querySelectorAll('.board__card')].find(c => c.querySelector('a')?.textContent === {deal:?});
           const target = document.querySelector('[aria-label={column:?}].board__column');
           const data = new DataTransfer();
           card.dispatchEvent(new DragEvent('dragstart', {{ bubbles: true, dataTransfer: data }}));
           target.dispatchEvent(new DragEvent('dragover', {{ bubbles: true, cancelable: true, dataTransfer: data }}));
           target.dispatchEvent(new DragEvent('drop', {{ bubbles: true, cancelable: true, dataTransfer: data }}));
           return true;"#
    );
    browser.js(&script).await;
}

fn in_column(deal: &str, column: &str) -> String {
    format!(
        "[...document.querySelectorAll('[aria-label={column:?}].board__column a')].some(a => a.textContent === {deal:?})"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stage_added_with_a_robot_works_on_the_board() {
    let (_data, server, browser) = with_examples().await;

    // A new stage with its own robot.
    browser.link("Pipelines and robots").await.click().await.unwrap();
    browser.heading("Pipelines and robots").await;
    browser.choose("Pipeline", "Training pipeline").await;
    browser.field_in("Processing", "Stage name").await;
    browser.fill("New stage", "Negotiation").await;
    browser.button("Add a stage").await.click().await.unwrap();
    browser.field_in("Negotiation", "Stage name").await;
    // New stages in progress come last before the closed ones; it moves up
    // to follow New, before Processing and its required equipment type.
    for position in [3, 2, 1] {
        browser.js(r#"document.querySelector('form[aria-label="Negotiation"] [aria-label="Move up"]').click(); return true;"#).await;
        let at = format!(
            "[...document.querySelectorAll('.stage-row form')].findIndex(f => f.getAttribute('aria-label') === 'Negotiation') === {position}"
        );
        browser.until("Negotiation moved up", &at).await;
    }
    browser.choose("Stage", "Negotiation").await;
    browser.fill("Text", "Negotiation started: {deal}").await;
    browser.button("Add a robot").await.click().await.unwrap();
    browser.text("Notification (to the responsible): “Negotiation started: {deal}” · immediately").await;
    // A second one only for VIP clients: this deal has no VIP contact.
    browser.choose("Stage", "Negotiation").await;
    browser.fill("Text", "A VIP negotiates: {deal}").await;
    browser.choose("Field", "Contact: VIP").await;
    browser.fill("Value", "yes").await;
    browser.button("Add a robot").await.click().await.unwrap();
    browser
        .text(
            "Notification (to the responsible): “A VIP negotiates: {deal}” · immediately · with a condition",
        )
        .await;

    new_deal(&browser, "Pump").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Pump").await;

    // On the board: the keyboard select moves it, and its robot runs.
    browser.link("Deals").await.click().await.unwrap();
    browser.choose("View", "Board").await;
    browser.choose("Pipeline", "Training pipeline").await;
    browser.until("Pump at New", &in_column("Pump", "New")).await;
    browser.labelled("Notifications: 0").await;
    browser.choose("Move to stage: Pump", "Negotiation").await;
    browser.until("Pump in Negotiation", &in_column("Pump", "Negotiation")).await;
    browser.labelled("Notifications: 1").await;

    // Dragging it to Processing is refused for the empty equipment type;
    // dragging it to Lost is not.
    drag_to_column(&browser, "Pump", "Processing").await;
    browser.text("Fill in first: «Equipment type».").await;
    drag_to_column(&browser, "Pump", "Lost").await;
    browser.until("Pump lost", &in_column("Pump", "Lost")).await;

    // The stage, now empty, is deleted with its robot.
    browser.link("Settings").await.click().await.unwrap();
    browser.link("Pipelines and robots").await.click().await.unwrap();
    browser.choose("Pipeline", "Training pipeline").await;
    browser.button_in("Negotiation", "Delete").await.click().await.unwrap();
    browser.gone("Notification (to the responsible): “Negotiation started: {deal}” · immediately").await;
    browser.field_in("Processing", "Stage name").await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_work_calendar_names_a_bad_date_and_keeps_its_holidays() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/settings")).await;
    browser.heading("Settings").await;
    let holidays = "Holidays and days off (one date per line)";
    browser.fill(holidays, "2026-12-31\n31.12.2026").await;
    browser.button_in("Work calendar", "Save").await.click().await.unwrap();
    assert_eq!(browser.field_error(holidays).await, "Dates are written YYYY-MM-DD, each once.");

    browser.fill(holidays, "2026-12-31\n2027-01-01").await;
    browser.button_in("Work calendar", "Save").await.click().await.unwrap();
    let saved = r#"document.querySelector('[aria-labelledby="calendar-heading"] [role=status]')?.textContent === 'Saved'"#;
    browser.until("the calendar saved", saved).await;
    browser.reload().await;
    browser.heading("Settings").await;
    let kept = "document.getElementById('holidays')?.value === '2026-12-31\\n2027-01-01'";
    browser.until("the holidays kept", kept).await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_custom_field_defined_for_companies_is_checked_in_their_form() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/pipelines")).await;
    browser.heading("Pipelines and robots").await;
    browser.choose("On cards of", "Company").await;
    browser.fill("Field name", "Employees").await;
    browser.choose("Kind", "Number").await;
    browser.button("Add a field").await.click().await.unwrap();
    browser.field_in("Employees · Company", "Field name").await;

    browser.link("Companies").await.click().await.unwrap();
    browser.link("New company").await.click().await.unwrap();
    browser.fill("Title", "Initech").await;
    browser.fill("Employees", "many").await;
    browser.button("Save").await.click().await.unwrap();
    browser
        .until("the field marked invalid", "document.querySelector('[id^=custom-][aria-invalid=true]')")
        .await;
    assert_eq!(browser.field_error("Employees").await, "Enter a number.");
    browser.fill("Employees", "250").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Initech").await;
    browser.text("250").await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_incoming_call_moves_the_deal_and_its_robots_take_it_further() {
    let (_data, server, browser) = with_examples().await;
    browser.link("Pipelines and robots").await.click().await.unwrap();
    browser.choose("Pipeline", "Training pipeline").await;
    browser.choose("Event", "Incoming: Call").await;
    browser.choose("Move to the stage", "Data collection").await;
    browser.button("Add a trigger").await.click().await.unwrap();
    // At Data collection, robots fill in the equipment type and then move
    // the deal on to Processing, which needs it.
    browser.choose("Stage", "Data collection").await;
    browser.choose("Action", "Set a field").await;
    browser.choose("Field to set", "Equipment type").await;
    browser.fill("Value to set", "Special").await;
    browser.button("Add a robot").await.click().await.unwrap();
    browser.text("Set the field “Equipment type” · immediately").await;
    browser.choose("Stage", "Payment").await;
    browser.choose("Action", "Set a task").await;
    browser.fill("Text", "Send the contract for {deal}").await;
    browser.fill("Due in business days", "2").await;
    browser.field("Review the result").await.click().await.unwrap();
    browser.button("Add a robot").await.click().await.unwrap();
    browser.text("Task: “Send the contract for {deal}” · immediately").await;
    browser.choose("Stage", "Data collection").await;
    browser.choose("Action", "Move to a stage").await;
    browser.choose("Stage to move to", "Processing").await;
    browser.field("Wait for the previous robot of the stage").await.click().await.unwrap();
    browser.button("Add a robot").await.click().await.unwrap();
    browser.text("Move to the stage “Processing” · immediately · after the previous one").await;

    new_deal(&browser, "Compressor").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Compressor").await;
    browser.button("Plan an activity").await.click().await.unwrap();
    browser.choose("Activity type", "Call").await;
    browser.choose("Direction", "Incoming").await;
    browser.fill("Subject", "The client calls about the price").await;
    browser.set("Deadline", "2026-11-26T12:30").await;
    browser.button("Plan").await.click().await.unwrap();
    browser
        .until("moved on to Processing", "document.querySelector('.stage')?.textContent === 'Processing'")
        .await;
    browser.text("Special").await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_field_trigger_moves_a_big_deal_and_an_amount_condition_notifies() {
    let (_data, server, browser) = with_examples().await;
    browser.link("Pipelines and robots").await.click().await.unwrap();
    browser.choose("Pipeline", "Training pipeline").await;
    browser.choose("Event", "A field set to a value").await;
    browser.choose("Which field", "Equipment type").await;
    browser.fill("To which value", "Large").await;
    browser.choose("Move to the stage", "Data collection").await;
    browser.button("Add a trigger").await.click().await.unwrap();
    browser.text("The field “Equipment type” set").await;
    browser.choose("Stage", "Data collection").await;
    browser.fill("Text", "A big order: {deal}").await;
    browser.choose("Field", "Deal: Amount").await;
    browser.choose("Comparison", "greater than").await;
    browser.fill("Value", "100000 RUB").await;
    browser.button("Add a robot").await.click().await.unwrap();
    browser
        .text("Notification (to the responsible): “A big order: {deal}” · immediately · with a condition")
        .await;

    new_deal(&browser, "Crane").await;
    browser.fill("Amount", "250000").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Crane").await;
    browser.labelled("Notifications: 0").await;
    browser.link("Edit").await.click().await.unwrap();
    browser.choose("Equipment type", "Large").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Crane").await;
    browser
        .until(
            "moved to Data collection",
            "document.querySelector('.stage')?.textContent === 'Data collection'",
        )
        .await;
    browser.labelled("Notifications: 1").await.click().await.unwrap();
    browser.link("A big order: Crane").await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_robot_queues_an_e_mail_to_the_client_in_the_outbox() {
    let (_data, server, browser) = with_examples().await;
    browser.link("Pipelines and robots").await.click().await.unwrap();
    browser.choose("Pipeline", "Training pipeline").await;
    browser.choose("Stage", "New").await;
    browser.choose("Action", "E-mail the client").await;
    browser.fill("Text", "Thank you for your request, {contact}").await;
    browser.button("Add a robot").await.click().await.unwrap();
    browser.text("Message: “Thank you for your request, {contact}” · immediately").await;

    browser.link("Contacts").await.click().await.unwrap();
    browser.link("New contact").await.click().await.unwrap();
    browser.fill("First name", "Olga").await;
    browser.fill("Last name", "Ivanova").await;
    browser.fill("E-mail", "olga@client.example").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Olga Ivanova").await;
    new_deal(&browser, "Heat pump").await;
    browser.field("Olga Ivanova").await.click().await.unwrap();
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Heat pump").await;

    browser.goto(&server.url("/outbox")).await;
    browser.heading("Outbox").await;
    browser.text("To: olga@client.example").await;
    browser.until(
        "the message text",
        "[...document.querySelectorAll('.outbox textarea')].some(t => t.value === 'Thank you for your request, Olga Ivanova')",
    )
    .await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_converted_lead_brings_its_custom_values_to_the_deal() {
    let (_data, server, browser) = with_examples().await;
    browser.link("Pipelines and robots").await.click().await.unwrap();
    // The examples' fields come first on the page; the new one is typed
    // into the form that adds one.
    browser.choose("On cards of", "Lead").await;
    browser.field_in("Add a field", "Field name").await.send_keys("Equipment type").await.unwrap();
    browser.choose("Kind", "List").await;
    let options = browser.field_in("Add a field", "List options (one per line)").await;
    options.send_keys("Standard\nSpecial").await.unwrap();
    browser.button("Add a field").await.click().await.unwrap();
    browser.field_in("Equipment type · Lead", "Field name").await;

    browser.link("Leads").await.click().await.unwrap();
    browser.link("New lead").await.click().await.unwrap();
    browser.fill("Title", "Boiler request").await;
    browser.fill("First name", "Ivan").await;
    browser.choose("Equipment type", "Special").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Boiler request").await;
    browser.button("Convert").await.click().await.unwrap();
    browser.until("the deal opened", "location.pathname.startsWith('/deals/')").await;
    browser.text("Equipment type").await;
    browser.text("Special").await;

    browser.close().await;
    server.stop().await;
}
