//! Tasks through the real UI: a task with review goes to the responsible,
//! comes back for rework, and is accepted; a recurring task shows its next
//! occurrence when the clock moves on two weeks.

use dela_e2e::{app, Browser};

/// Thursday 2026-11-26, 12:00 in Moscow.
const NOW: i64 = 1_795_683_600_000;
const DAY: i64 = 86_400_000;

async fn act_as(browser: &Browser, name: &str) {
    browser.link("Settings").await.click().await.unwrap();
    browser.heading("Settings").await;
    browser.choose("You are", name).await;
    browser.text(name).await;
    browser.link("Tasks").await.click().await.unwrap();
    browser.heading("Tasks").await;
}

async fn open_task(browser: &Browser, title: &str) {
    browser.link(title).await.click().await.unwrap();
    browser.heading(title).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_task_with_review_is_returned_for_rework_then_accepted() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/settings")).await;
    browser.set_clock(NOW).await;
    browser.fill("New employee's name", "Boris").await;
    browser.button("Add an employee").await.click().await.unwrap();
    browser.field_in("Boris", "Name").await;

    // The head sets Boris a task whose result they will review.
    browser.link("Tasks").await.click().await.unwrap();
    browser.link("New task").await.click().await.unwrap();
    browser.fill("Title", "Prepare the seminar offer").await;
    browser.field_in("Responsible", "Me").await.click().await.unwrap();
    browser.field_in("Responsible", "Boris").await.click().await.unwrap();
    browser.set("Deadline", "2026-11-27T18:00").await;
    browser.field("Review the result").await.click().await.unwrap();
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Prepare the seminar offer").await;

    // Boris is notified and sees it as new, and completes it: it waits for
    // review.
    act_as(&browser, "Boris").await;
    browser.labelled("New: 1").await;
    browser.labelled("Notifications: 1").await.click().await.unwrap();
    browser.heading("Notifications").await;
    browser.text("New task").await;
    browser.link("Prepare the seminar offer").await.click().await.unwrap();
    browser.heading("Prepare the seminar offer").await;
    browser.labelled("Notifications: 0").await;
    browser.link("Tasks").await.click().await.unwrap();
    open_task(&browser, "Prepare the seminar offer").await;
    browser.button("Complete").await.click().await.unwrap();
    browser.text("Awaiting review").await;

    // The head is told, and returns it with a comment.
    act_as(&browser, "Me").await;
    browser.labelled("Awaiting my review: 1").await;
    browser.labelled("Notifications: 1").await;
    browser.choose("Show", "I set").await;
    open_task(&browser, "Prepare the seminar offer").await;
    browser.button("Return for rework").await.click().await.unwrap();
    browser.fill("What to rework", "Add the prices for groups").await;
    browser.button("Send back").await.click().await.unwrap();
    browser.text("In progress").await;
    // and gives more time for it.
    browser.set("New deadline", "2026-11-30T18:00").await;
    browser.button("Reschedule").await.click().await.unwrap();
    browser
        .until(
            "the new deadline shown",
            "document.querySelector('time.deadline')?.textContent.includes('30')",
        )
        .await;

    // Boris is told of both, sees it returned, completes it again; the head
    // accepts it.
    act_as(&browser, "Boris").await;
    browser.labelled("Returned to me: 1").await;
    browser.labelled("Notifications: 2").await.click().await.unwrap();
    browser.heading("Notifications").await;
    browser.text("Deadline changed").await;
    browser.link("Tasks").await.click().await.unwrap();
    open_task(&browser, "Prepare the seminar offer").await;
    browser.text("Add the prices for groups").await;
    browser.button("Complete").await.click().await.unwrap();
    browser.text("Awaiting review").await;
    act_as(&browser, "Me").await;
    browser.labelled("Awaiting my review: 1").await;
    browser.choose("Show", "I set").await;
    open_task(&browser, "Prepare the seminar offer").await;
    browser.button("Accept").await.click().await.unwrap();
    browser.text("Completed").await;
    browser.link("Tasks").await.click().await.unwrap();
    browser.labelled("Awaiting my review: 0").await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recurring_task_comes_back_two_weeks_later() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/tasks/new")).await;
    browser.set_clock(NOW).await;
    browser.heading("New task").await;
    browser.fill("Title", "Call your companies about the next seminar").await;
    browser.set("Deadline", "2026-11-27T10:00").await;
    browser.choose("Repeat", "Every N weeks").await;
    browser.fill("Every", "2").await;
    browser.field_in("On", "Fri").await.click().await.unwrap();
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Call your companies about the next seminar").await;
    browser.text("#1").await;

    browser.link("Tasks").await.click().await.unwrap();
    browser.labelled("New: 0").await;
    browser.set_clock(NOW + 14 * DAY).await;
    browser.heading("Tasks").await;
    // The next occurrence, due on Friday 11 December, is there; the first
    // is overdue.
    let occurrences = "//a[normalize-space(.)='Call your companies about the next seminar']";
    browser.until("two occurrences", &format!("document.evaluate(\"count({occurrences})\", document, null, XPathResult.NUMBER_TYPE, null).numberValue === 2")).await;
    browser.labelled("Overdue: 1").await;
    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_projects_feed_is_for_its_members_only() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/settings")).await;
    browser.fill("New employee's name", "Boris").await;
    browser.button("Add an employee").await.click().await.unwrap();
    browser.field_in("Boris", "Name").await;

    browser.goto(&server.url("/projects")).await;
    browser.heading("Projects").await;
    browser.fill("Title", "Seminar in March").await;
    browser.button("New project").await.click().await.unwrap();
    browser.heading("Seminar in March").await;
    browser.fill("Message", "The venue is booked").await;
    browser.button("Publish").await.click().await.unwrap();
    browser.text("The venue is booked").await;

    // Boris is not a member: the feed is closed to him.
    act_as(&browser, "Boris").await;
    browser.link("Projects").await.click().await.unwrap();
    browser.link("Seminar in March").await.click().await.unwrap();
    browser.heading("Seminar in March").await;
    browser.text("Only members see this project's tasks and feed.").await;
    browser.gone("The venue is booked").await;

    // Once added, he reads the feed and answers.
    act_as(&browser, "Me").await;
    browser.link("Projects").await.click().await.unwrap();
    browser.link("Seminar in March").await.click().await.unwrap();
    browser.choose("Add a member", "Boris").await;
    browser.button("Add a member").await.click().await.unwrap();
    browser.field_in("Members", "Role in the project").await;
    act_as(&browser, "Boris").await;
    browser.link("Projects").await.click().await.unwrap();
    browser.link("Seminar in March").await.click().await.unwrap();
    browser.text("The venue is booked").await;
    browser.fill("Reply", "Great, I will send the invitations").await;
    browser.button("Reply").await.click().await.unwrap();
    browser.text("Great, I will send the invitations").await;

    browser.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deal_shows_the_tasks_linked_to_it() {
    let (_data, server, browser) = app().await;
    browser.goto(&server.url("/deals/new")).await;
    browser.heading("New deal").await;
    browser.fill("Title", "Equipment for Initech").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Equipment for Initech").await;
    browser.link("New task").await.click().await.unwrap();
    browser.heading("New task").await;
    browser.text("Equipment for Initech").await;
    browser.fill("Title", "Check the delivery terms").await;
    browser.fill("Checklist", "Ask the warehouse\nAsk the carrier").await;
    browser.button("Save").await.click().await.unwrap();
    browser.heading("Check the delivery terms").await;
    // The checklist's order can be changed.
    browser.labelled("↓ Ask the warehouse").await.click().await.unwrap();
    browser.until(
        "the carrier first",
        "[...document.querySelectorAll('.checklist-item label')].map(l => l.textContent.trim()).join('|') === 'Ask the carrier|Ask the warehouse'",
    )
    .await;
    browser.link("Deal").await.click().await.unwrap();
    browser.heading("Equipment for Initech").await;
    browser.link("Check the delivery terms").await;
    browser.close().await;
    server.stop().await;
}
