//! A head looks at a department's activities: departments and membership
//! are set in Settings, and My activities shows the department's work.

use dela_e2e::app;

/// Thursday 2026-11-26, 12:00 in Moscow.
const NOW: i64 = 1_795_683_600_000;

#[tokio::test(flavor = "multi_thread")]
async fn a_head_sees_the_activities_of_a_department() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/settings")).await;
    browser.heading("Settings").await;
    browser.set_clock(NOW).await;
    browser.heading("Settings").await;

    browser.fill("New employee's name", "Boris").await;
    browser.button("Add an employee").await.click().await.unwrap();
    browser.text("Boris").await;
    browser.fill("New department", "Field sales").await;
    browser.button("Add a department").await.click().await.unwrap();
    browser.field("Department name").await;
    // Boris joins the department, in his row of the team.
    browser.field_in("Boris", "Department").await.select_by_label("Field sales").await.unwrap();
    browser.text("Saved").await;

    // An activity of Boris's, planned by the head on a new company.
    browser.link("Companies").await.click().await.unwrap();
    browser.link("New company").await.click().await.unwrap();
    browser.fill("Title", "Initech").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Initech").await;
    browser.button("Plan an activity").await.click().await.unwrap();
    browser.fill("Subject", "Boris calls Initech").await;
    browser.set("Deadline", "2026-11-26T16:00").await;
    browser.choose("Responsible", "Boris").await;
    browser.button("Plan").await.click().await.unwrap();
    browser.text("Boris calls Initech").await;

    browser.link("My activities").await.click().await.unwrap();
    browser.tab_count("Today", 0).await;
    browser.choose("Whose activities", "Department: Field sales").await;
    browser.tab_count("Today", 1).await;
    browser.tab("Today").await.click().await.unwrap();
    browser.text("Boris calls Initech").await;

    browser.close().await;
    server.stop().await;
}
