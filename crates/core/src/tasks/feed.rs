//! A project's feed: posts and their comments, for members only. Posts are
//! records of their own, not part of the project, so that a busy feed does
//! not rewrite the project on every comment. Every member may post and
//! comment: the feed is where the team talks.

use serde::{Deserialize, Serialize};

use super::project::{Project, ProjectError};
use crate::{Id, Timestamp};

pub const TEXT_MAX_CHARS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: Id,
    pub project: Id,
    pub author: Id,
    pub at: Timestamp,
    pub text: String,
    #[serde(default)]
    pub comments: Vec<PostComment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostComment {
    pub author: Id,
    pub at: Timestamp,
    pub text: String,
}

impl Project {
    pub fn post(&self, id: Id, actor: &Id, text: &str, now: Timestamp) -> Result<Post, ProjectError> {
        self.role_of(actor).ok_or(ProjectError::NotMember)?;
        let text = checked(text)?;
        Ok(Post { id, project: self.id.clone(), author: actor.clone(), at: now, text, comments: Vec::new() })
    }

    /// `post` must belong to this project.
    pub fn comment(
        &self,
        post: &mut Post,
        actor: &Id,
        text: &str,
        now: Timestamp,
    ) -> Result<(), ProjectError> {
        if post.project != self.id || self.role_of(actor).is_none() {
            return Err(ProjectError::NotMember);
        }
        let text = checked(text)?;
        post.comments.push(PostComment { author: actor.clone(), at: now, text });
        Ok(())
    }

    /// This project's posts, newest first, for a member; outsiders get
    /// `NotMember` rather than an empty feed, so the app can say why.
    pub fn feed<'a>(&self, viewer: &Id, posts: &'a [Post]) -> Result<Vec<&'a Post>, ProjectError> {
        self.role_of(viewer).ok_or(ProjectError::NotMember)?;
        let mut feed: Vec<&Post> = posts.iter().filter(|post| post.project == self.id).collect();
        crate::sort::sort_by(&mut feed, |a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
        Ok(feed)
    }
}

fn checked(text: &str) -> Result<String, ProjectError> {
    let text = text.trim();
    if text.is_empty() {
        Err(ProjectError::TextRequired)
    } else if text.chars().count() > TEXT_MAX_CHARS {
        Err(ProjectError::TextTooLong { max_chars: TEXT_MAX_CHARS })
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::*;
    use crate::tasks::project::{ProjectDraft, ProjectRole};

    fn seminar(id: &str) -> Project {
        let valid = ProjectDraft { title: "Seminar".into(), description: String::new() }.validate().unwrap();
        let mut project = Project::create(user(id), valid, &anna(), CREATED);
        project.add_member(&anna(), &cole(), ProjectRole::Member, CREATED).unwrap();
        project
    }

    #[test]
    fn members_post_and_comment_and_read_the_feed_newest_first() {
        let project = seminar("p1");
        let first = project.post(user("post1"), &anna(), " Venue booked ", Timestamp(1)).unwrap();
        let mut second =
            project.post(user("post2"), &cole(), "Who prints the badges?", Timestamp(2)).unwrap();
        project.comment(&mut second, &anna(), "Rita", Timestamp(3)).unwrap();
        assert_eq!(first.text, "Venue booked");
        assert_eq!(
            second.comments,
            vec![PostComment { author: anna(), at: Timestamp(3), text: "Rita".into() }]
        );
        let elsewhere = seminar("p2").post(user("post3"), &anna(), "Other team", Timestamp(4)).unwrap();
        let posts = [first, second, elsewhere];
        let feed: Vec<_> = project.feed(&cole(), &posts).unwrap().iter().map(|p| p.id.to_string()).collect();
        assert_eq!(feed, ["post2", "post1"]);
    }

    #[test]
    fn outsiders_can_neither_read_nor_write_the_feed() {
        let project = seminar("p1");
        let mut post = project.post(user("post1"), &anna(), "Internal", Timestamp(1)).unwrap();
        assert_eq!(project.feed(&otto(), std::slice::from_ref(&post)), Err(ProjectError::NotMember));
        assert_eq!(project.post(user("post2"), &otto(), "Hello", Timestamp(2)), Err(ProjectError::NotMember));
        assert_eq!(project.comment(&mut post, &otto(), "Hi", Timestamp(2)), Err(ProjectError::NotMember));
        assert!(post.comments.is_empty());
    }

    #[test]
    fn a_post_of_another_project_cannot_be_commented_through_this_one() {
        let mut foreign = seminar("p2").post(user("post1"), &anna(), "Elsewhere", Timestamp(1)).unwrap();
        assert_eq!(
            seminar("p1").comment(&mut foreign, &cole(), "Hi", Timestamp(2)),
            Err(ProjectError::NotMember)
        );
    }

    #[test]
    fn posts_and_comments_need_text_within_limits() {
        let project = seminar("p1");
        assert_eq!(project.post(user("post1"), &anna(), "  ", Timestamp(1)), Err(ProjectError::TextRequired));
        let long = "x".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(
            project.post(user("post1"), &anna(), &long, Timestamp(1)),
            Err(ProjectError::TextTooLong { max_chars: 10_000 })
        );
        let mut post = project.post(user("post1"), &anna(), "ok", Timestamp(1)).unwrap();
        assert_eq!(project.comment(&mut post, &cole(), "", Timestamp(2)), Err(ProjectError::TextRequired));
    }
}
