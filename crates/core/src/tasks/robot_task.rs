//! The task a stage robot sets ("create a task with review"): an ordinary
//! task in every respect, so it counts, notifies and goes through review
//! like one set by hand.

use super::event::{EventKind, TaskEvent};
use super::status::Status;
use super::task::Task;
use crate::record::Stamp;
use crate::robots::{NewTask, ROBOT_ACTOR};
use crate::Id;

/// The task and its "created" event. The record is written by the robot;
/// the task is set by the creator the robot names, who reviews it. Its id
/// comes from the job, so a replayed job writes the same task again.
pub fn from_robot(new: &NewTask) -> (Task, TaskEvent) {
    let task = Task {
        id: new.id.clone(),
        title: new.title.clone(),
        description: new.text.clone(),
        creator: new.creator.clone(),
        responsible: new.responsible.clone(),
        co_executors: Vec::new(),
        observers: Vec::new(),
        deadline: new.deadline,
        priority: Default::default(),
        links: vec![new.card.clone()],
        project: None,
        tags: Vec::new(),
        checklist: Default::default(),
        comments: Vec::new(),
        status: Status::New,
        review_required: new.review,
        returned: false,
        viewed_by: Vec::new(),
        completed_at: None,
        series: None,
        reminders: Vec::new(),
        reminders_sent: Vec::new(),
        overdue_notified: false,
        stamp: Stamp::new(&Id::from_static(ROBOT_ACTOR), new.created_at),
    };
    let event = TaskEvent::new(&task, None, new.created_at, EventKind::Created);
    (task, event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{CardKind, CardRef};
    use crate::tasks::action::{Action, ActionKind};
    use crate::tasks::notify::recipients;
    use crate::Timestamp;

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    #[test]
    fn a_robots_task_is_reviewed_by_the_creator_it_names_and_links_the_deal() {
        let created = Timestamp(1_000);
        let deal = CardRef { kind: CardKind::Deal, id: id("d1") };
        let new = NewTask {
            id: id("t1"),
            title: "Check the special order".into(),
            text: "VIP".into(),
            creator: id("head"),
            responsible: id("rita"),
            deadline: Some(Timestamp(5_000)),
            review: true,
            card: deal.clone(),
            created_at: created,
        };
        let (mut task, event) = from_robot(&new);
        assert_eq!((task.links.clone(), task.review_required, task.status), (vec![deal], true, Status::New));
        assert_eq!(task.stamp.created_by.as_str(), ROBOT_ACTOR);
        let told: Vec<Id> = recipients(&task, &event).into_iter().map(|(to, _)| to).collect();
        assert!(told.contains(&id("rita")), "the responsible hears of it: {told:?}");
        assert!(task.available_actions(&id("rita")).contains(&ActionKind::Complete));
        task.apply(Action::Complete, &id("rita"), created).unwrap();
        assert_eq!(task.status, Status::AwaitingReview);
        assert!(task.available_actions(&id("head")).contains(&ActionKind::Accept));
    }
}
