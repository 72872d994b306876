//! The working day of a sales rep, through the real UI with the clock set:
//! cards, activities on the deal by the hierarchy rule, the views and their
//! counters, completing with a result and planning the next, the cards
//! without a planned activity, and a client through the pool.

use dela_e2e::{app, Browser};

/// Thursday 2026-11-26, 12:00 in Moscow (the browser's zone in tests).
const NOW: i64 = 1_795_683_600_000;

async fn plan(browser: &Browser, kind: &str, direction: Option<&str>, subject: &str, deadline: &str) {
    browser.button("Plan an activity").await.click().await.unwrap();
    browser.choose("Activity type", kind).await;
    if let Some(direction) = direction {
        browser.choose("Direction", direction).await;
    }
    browser.fill("Subject", subject).await;
    browser.set("Deadline", deadline).await;
    browser.button("Plan").await.click().await.unwrap();
    browser.text(subject).await;
}

async fn create_company(browser: &Browser, title: &str) {
    browser.link("Companies").await.click().await.unwrap();
    browser.link("New company").await.click().await.unwrap();
    browser.heading("New company").await;
    browser.fill("Title", title).await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading(title).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_working_day_in_my_activities() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/")).await;
    browser.heading("My activities").await;
    browser.set_clock(NOW).await;
    browser.heading("My activities").await;

    // A company, its contact, and a deal with that contact.
    create_company(&browser, "Acme Trading").await;
    browser.link("New contact").await.click().await.unwrap();
    browser.fill("First name", "Anna").await;
    browser.fill("Last name", "Petrova").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Anna Petrova").await;
    browser.link("New deal").await.click().await.unwrap();
    browser.fill("Title", "Seminar seats").await;
    browser.fill("Amount", "45 000").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Seminar seats").await;

    // Activities for yesterday, today and in five days, and an incoming call.
    plan(&browser, "Call", Some("Outgoing"), "Call back about the offer", "2026-11-25T10:00").await;
    plan(&browser, "Meeting", None, "Meet at their office", "2026-11-26T15:00").await;
    plan(&browser, "To-do", None, "Send the contract", "2026-12-01T11:00").await;
    plan(&browser, "Call", Some("Incoming"), "Anna called about dates", "2026-11-26T11:00").await;

    // On the contact, the hierarchy rule sends activities to the deal.
    browser.link("Anna Petrova").await.click().await.unwrap();
    browser.heading("Anna Petrova").await;
    browser.button("Plan an activity").await.click().await.unwrap();
    browser
        .text("The client has a deal in progress, «Seminar seats»: the activity goes into the deal.")
        .await;
    browser.button("Cancel").await.click().await.unwrap();

    // The views, in the order they are worked.
    browser.link("My activities").await.click().await.unwrap();
    browser.heading("My activities").await;
    browser.tab_count("Incoming", 1).await;
    browser.tab_count("Overdue", 1).await;
    browser.tab_count("Today", 1).await;
    browser.tab_count("Next 3 days", 0).await;
    browser.tab_count("Next 7 days", 1).await;
    browser.tab_count("All uncompleted", 4).await;
    browser.text("Anna called about dates").await;
    browser.tab("Overdue").await.click().await.unwrap();
    browser.text("Call back about the offer").await;
    // At 1280 px each row's deadline fits its column: none runs into the
    // card link beside it.
    let overflowing = "return [...document.querySelectorAll('.agenda-row .deadline')]
        .filter(d => d.scrollWidth > d.clientWidth || d.getBoundingClientRect().right >
            d.parentElement.querySelector('.agenda-row__card').getBoundingClientRect().left).length";
    assert_eq!(browser.js(overflowing).await, 0, "a deadline overlaps its card link");
    browser.gone("Anna called about dates").await;
    browser.tab("Next 7 days").await.click().await.unwrap();
    browser.text("Send the contract").await;

    // Complete today's meeting with a result and plan the next one. Saving
    // updates the agenda in place: it is not loaded again.
    let loads = "return performance.getEntriesByName('dela:agenda-loaded').length";
    let loaded_before = browser.js(loads).await;
    browser.tab("Today").await.click().await.unwrap();
    browser.labelled("Complete: Meet at their office").await.click().await.unwrap();
    browser.fill("Result", "Agreed on three seats").await;
    browser.button("Complete").await.click().await.unwrap();
    browser.text("Next activity").await;
    browser.fill("Subject", "Send the invoice").await;
    browser.set("Deadline", "2026-11-27T10:00").await;
    browser.button("Plan").await.click().await.unwrap();
    browser.tab_count("Today", 0).await;
    browser.tab_count("Next 3 days", 1).await;
    browser.tab_count("Next 7 days", 2).await;
    browser.tab_count("All uncompleted", 4).await;
    assert_eq!(browser.js(loads).await, loaded_before, "no reload after the incremental update");
    // The header counts what to do now: incoming and overdue.
    browser.labelled("Overdue: 1").await;

    // A company nobody plans for is listed as abandoned.
    create_company(&browser, "Globex").await;
    browser.link("My activities").await.click().await.unwrap();
    browser.tab("Without a planned activity").await.click().await.unwrap();
    browser.link("Globex").await;
    browser.gone("Acme Trading").await;

    // It goes to the pool, and the head hands it to Boris.
    browser.link("Globex").await.click().await.unwrap();
    browser.heading("Globex").await;
    browser.button("Move to the pool").await.click().await.unwrap();
    browser.text("In the pool").await;
    browser.link("Settings").await.click().await.unwrap();
    browser.fill("New employee's name", "Boris").await;
    browser.button("Add an employee").await.click().await.unwrap();
    browser.link("Pool").await.click().await.unwrap();
    browser.heading("Pool").await;
    browser.labelled("Select: Globex").await.click().await.unwrap();
    browser.field("Boris").await.click().await.unwrap();
    browser.button("Assign evenly").await.click().await.unwrap();
    browser.text("Clients assigned: 1.").await;
    browser.text("Nobody is in the pool.").await;
    browser.link("Companies").await.click().await.unwrap();
    browser.link("Globex").await.click().await.unwrap();
    browser.heading("Globex").await;
    browser.text("Boris").await;

    browser.close().await;
    server.stop().await;
}
