//! Companies through the real UI: the whole path from form to IndexedDB and
//! back, across reloads and with the server down.

use dela_e2e::{app, dist_dir, Browser, Server};

async fn create_company(browser: &Browser, title: &str) {
    browser.link("Companies").await.click().await.unwrap();
    browser.heading("Companies").await;
    browser.link("New company").await.click().await.unwrap();
    browser.heading("New company").await;
    browser.fill("Title", title).await;
    browser.fill("Phone", "+7 495 123-45-67").await;
    browser.fill("E-mail", "info@example.com").await;
    browser.fill("Comments", "Met at the trade fair").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading(title).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_company_survives_a_reload_and_a_server_outage() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/")).await;
    browser.heading("My activities").await;
    browser.text("Online").await;

    create_company(&browser, "Acme Trading").await;
    browser.text("+7 495 123-45-67 (Work)").await;
    let card_url = browser.client.current_url().await.unwrap().to_string();

    browser.reload().await;
    browser.heading("Acme Trading").await;
    browser.text("Met at the trade fair").await;

    browser.until_offline_ready().await;
    server.stop().await;
    browser.goto(&card_url).await;
    browser.heading("Acme Trading").await;
    browser.text("Offline").await;
    browser.link("Companies").await.click().await.unwrap();
    browser.link("Acme Trading").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_form_names_each_wrong_field_and_keeps_what_was_typed() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/companies/new")).await;
    browser.heading("New company").await;
    browser.fill("Phone", "call me maybe").await;
    browser.fill("E-mail", "not-an-address").await;
    browser.button("Save").await.click().await.unwrap();

    browser.text("Please correct the marked fields.").await;
    assert_eq!(browser.field_error("Title").await, "This field is required.");
    assert!(browser.field_error("Phone").await.starts_with("This does not look like a phone number"));
    assert_eq!(browser.field_error("E-mail").await, "This does not look like an e-mail address.");
    assert_eq!(browser.field_error("Comments").await, "");
    let title = browser.field("Title").await;
    assert_eq!(title.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    let email = browser.field("E-mail").await;
    assert_eq!(email.prop("value").await.unwrap().as_deref(), Some("not-an-address"), "input is kept");

    browser.fill("Title", "Fixed Ltd").await;
    browser.fill("Phone", "+1 212 555 0100").await;
    browser.fill("E-mail", "hello@fixed.example").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Fixed Ltd").await;
    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_and_a_delete_are_recorded_in_the_history() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/")).await;
    create_company(&browser, "Old Name").await;
    browser.text("created the card").await;

    // Each kind of card is asked about in its own words.
    browser.link("New contact").await.click().await.unwrap();
    browser.fill("First name", "Anna").await;
    browser.fill("Last name", "Petrova").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Anna Petrova").await;
    browser.button("Delete").await.click().await.unwrap();
    browser.text("Delete this contact? Its history is kept.").await;
    browser.button("Yes, delete").await.click().await.unwrap();
    browser.heading("Contacts").await;
    browser.link("Companies").await.click().await.unwrap();
    browser.link("Old Name").await.click().await.unwrap();
    browser.heading("Old Name").await;

    browser.link("Edit").await.click().await.unwrap();
    browser.heading("Edit company").await;
    browser.fill("Title", "New Name").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("New Name").await;
    browser.text("Title: Old Name → New Name").await;

    browser.button("Delete").await.click().await.unwrap();
    browser.text("Delete this company? Its history is kept.").await;
    browser.button("Yes, delete").await.click().await.unwrap();
    browser.heading("Companies").await;
    browser.text("No companies yet.").await;
    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_language_switch_translates_the_app_and_is_remembered() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/")).await;
    browser.heading("My activities").await;
    let switch = browser.labelled("Language").await;
    switch.select_by_value("ru").await.unwrap();
    browser.heading("Мои дела").await;
    browser.link("Компании").await;
    browser.labelled("Язык").await;

    browser.reload().await;
    browser.heading("Мои дела").await;
    assert_eq!(browser.js("return document.documentElement.lang").await, "ru");
    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn data_survives_a_browser_restart() {
    let data = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let server = Server::start("127.0.0.1:0".parse().unwrap(), data.path(), &dist_dir()).await;
    let browser = Browser::launch_with_profile(profile.path()).await;
    browser.goto(&server.url("/")).await;
    browser.heading("My activities").await;
    create_company(&browser, "Kept Across Restarts").await;
    browser.close().await;

    let again = Browser::launch_with_profile(profile.path()).await;
    again.goto(&server.url("/companies")).await;
    again.heading("Companies").await;
    again.link("Kept Across Restarts").await;
    again.close().await;
    server.stop().await;
}
