//! A task's checklist: the steps of the work, ticked as they are done, in
//! titled groups. Items and groups carry ids chosen by the caller, so an
//! operation still means the same item after others were added, moved or
//! removed, on this device or another.

use serde::{Deserialize, Serialize};

use crate::Id;

pub const GROUP_TITLE_MAX_CHARS: usize = 250;
pub const ITEM_TEXT_MAX_CHARS: usize = 1_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    #[serde(default)]
    pub groups: Vec<ChecklistGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistGroup {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: Id,
    pub text: String,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChecklistOp {
    AddGroup {
        id: Id,
        title: String,
    },
    RenameGroup {
        group: Id,
        title: String,
    },
    /// Moves a group to `position` among the groups (clamped to the end).
    MoveGroup {
        group: Id,
        position: usize,
    },
    /// Removes a group with its items.
    RemoveGroup {
        group: Id,
    },
    AddItem {
        id: Id,
        group: Id,
        text: String,
    },
    Tick {
        item: Id,
    },
    Untick {
        item: Id,
    },
    RenameItem {
        item: Id,
        text: String,
    },
    /// Moves an item to `position` in `group` (the same or another one),
    /// counted without the item itself and clamped to the end.
    MoveItem {
        item: Id,
        group: Id,
        position: usize,
    },
    RemoveItem {
        item: Id,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistError {
    DuplicateId,
    UnknownGroup,
    UnknownItem,
    TextRequired,
    TextTooLong { max_chars: usize },
}

impl Checklist {
    /// Applies one operation. `Ok(false)` means it changed nothing (ticking
    /// a ticked item, renaming to the same text), which is not worth a save.
    pub fn apply(&mut self, op: ChecklistOp) -> Result<bool, ChecklistError> {
        match op {
            ChecklistOp::AddGroup { id, title } => {
                let title = checked(&title, GROUP_TITLE_MAX_CHARS)?;
                self.ensure_new(&id)?;
                self.groups.push(ChecklistGroup { id, title, items: Vec::new() });
            }
            ChecklistOp::RenameGroup { group, title } => {
                let title = checked(&title, GROUP_TITLE_MAX_CHARS)?;
                return Ok(replace(&mut self.group_mut(&group)?.title, title));
            }
            ChecklistOp::MoveGroup { group, position } => {
                let from = self.group_index(&group)?;
                let moved = self.groups.remove(from);
                let to = position.min(self.groups.len());
                self.groups.insert(to, moved);
                return Ok(from != to);
            }
            ChecklistOp::RemoveGroup { group } => {
                let index = self.group_index(&group)?;
                self.groups.remove(index);
            }
            ChecklistOp::AddItem { id, group, text } => {
                let text = checked(&text, ITEM_TEXT_MAX_CHARS)?;
                self.ensure_new(&id)?;
                self.group_mut(&group)?.items.push(ChecklistItem { id, text, done: false });
            }
            ChecklistOp::Tick { item } => return Ok(replace(&mut self.item_mut(&item)?.done, true)),
            ChecklistOp::Untick { item } => return Ok(replace(&mut self.item_mut(&item)?.done, false)),
            ChecklistOp::RenameItem { item, text } => {
                let text = checked(&text, ITEM_TEXT_MAX_CHARS)?;
                return Ok(replace(&mut self.item_mut(&item)?.text, text));
            }
            ChecklistOp::MoveItem { item, group, position } => {
                let target = self.group_index(&group)?;
                let (from_group, from) = self.item_position(&item)?;
                let moved = self.groups[from_group].items.remove(from);
                let items = &mut self.groups[target].items;
                let to = position.min(items.len());
                items.insert(to, moved);
                return Ok((from_group, from) != (target, to));
            }
            ChecklistOp::RemoveItem { item } => {
                let (group, index) = self.item_position(&item)?;
                self.groups[group].items.remove(index);
            }
        }
        Ok(true)
    }

    /// Ticked and total items, for the "3/5" next to a task.
    pub fn progress(&self) -> (usize, usize) {
        let items = self.groups.iter().flat_map(|group| &group.items);
        items.fold((0, 0), |(done, total), item| (done + usize::from(item.done), total + 1))
    }

    fn ensure_new(&self, id: &Id) -> Result<(), ChecklistError> {
        let taken =
            self.groups.iter().any(|group| group.id == *id || group.items.iter().any(|i| i.id == *id));
        if taken {
            Err(ChecklistError::DuplicateId)
        } else {
            Ok(())
        }
    }

    fn group_index(&self, id: &Id) -> Result<usize, ChecklistError> {
        self.groups.iter().position(|group| group.id == *id).ok_or(ChecklistError::UnknownGroup)
    }

    fn group_mut(&mut self, id: &Id) -> Result<&mut ChecklistGroup, ChecklistError> {
        self.groups.iter_mut().find(|group| group.id == *id).ok_or(ChecklistError::UnknownGroup)
    }

    fn item_position(&self, id: &Id) -> Result<(usize, usize), ChecklistError> {
        self.groups
            .iter()
            .enumerate()
            .find_map(|(g, group)| group.items.iter().position(|item| item.id == *id).map(|i| (g, i)))
            .ok_or(ChecklistError::UnknownItem)
    }

    fn item_mut(&mut self, id: &Id) -> Result<&mut ChecklistItem, ChecklistError> {
        let (group, index) = self.item_position(id)?;
        Ok(&mut self.groups[group].items[index])
    }
}

fn checked(text: &str, max_chars: usize) -> Result<String, ChecklistError> {
    let text = text.trim();
    if text.is_empty() {
        Err(ChecklistError::TextRequired)
    } else if text.chars().count() > max_chars {
        Err(ChecklistError::TextTooLong { max_chars })
    } else {
        Ok(text.to_owned())
    }
}

/// Sets `slot` to `value`; whether that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::user;

    fn texts(checklist: &Checklist) -> Vec<(String, Vec<String>)> {
        checklist
            .groups
            .iter()
            .map(|group| (group.title.clone(), group.items.iter().map(|item| item.text.clone()).collect()))
            .collect()
    }

    fn add_item(id: &str, group: &str, text: &str) -> ChecklistOp {
        ChecklistOp::AddItem { id: user(id), group: user(group), text: text.into() }
    }

    /// Two groups: "Prepare" (agenda, slides) and "Follow up" (minutes).
    fn seminar() -> Checklist {
        let mut checklist = Checklist::default();
        for op in [
            ChecklistOp::AddGroup { id: user("g1"), title: " Prepare ".into() },
            ChecklistOp::AddGroup { id: user("g2"), title: "Follow up".into() },
            add_item("i1", "g1", "Agenda"),
            add_item("i2", "g1", "Slides"),
            add_item("i3", "g2", "Minutes"),
        ] {
            assert_eq!(checklist.apply(op), Ok(true));
        }
        checklist
    }

    #[test]
    fn items_are_added_to_their_group_with_trimmed_text() {
        assert_eq!(
            texts(&seminar()),
            vec![
                ("Prepare".to_string(), vec!["Agenda".to_string(), "Slides".to_string()]),
                ("Follow up".to_string(), vec!["Minutes".to_string()]),
            ]
        );
    }

    #[test]
    fn ticking_and_unticking_count_towards_progress() {
        let mut checklist = seminar();
        assert_eq!(checklist.apply(ChecklistOp::Tick { item: user("i2") }), Ok(true));
        assert_eq!(checklist.apply(ChecklistOp::Tick { item: user("i3") }), Ok(true));
        assert_eq!(checklist.progress(), (2, 3));
        assert_eq!(checklist.apply(ChecklistOp::Tick { item: user("i2") }), Ok(false), "already ticked");
        assert_eq!(checklist.apply(ChecklistOp::Untick { item: user("i3") }), Ok(true));
        assert_eq!(checklist.progress(), (1, 3));
    }

    #[test]
    fn an_item_keeps_its_id_and_tick_when_moved_to_another_group() {
        let mut checklist = seminar();
        checklist.apply(ChecklistOp::Tick { item: user("i1") }).unwrap();
        let moved = ChecklistOp::MoveItem { item: user("i1"), group: user("g2"), position: 99 };
        assert_eq!(checklist.apply(moved), Ok(true));
        assert_eq!(
            checklist.groups[1].items[1],
            ChecklistItem { id: user("i1"), text: "Agenda".into(), done: true }
        );
        assert_eq!(texts(&checklist)[0].1, vec!["Slides".to_string()]);
    }

    #[test]
    fn items_are_reordered_within_a_group() {
        let mut checklist = seminar();
        let up = ChecklistOp::MoveItem { item: user("i2"), group: user("g1"), position: 0 };
        assert_eq!(checklist.apply(up), Ok(true));
        assert_eq!(texts(&checklist)[0].1, vec!["Slides".to_string(), "Agenda".to_string()]);
        let stay = ChecklistOp::MoveItem { item: user("i2"), group: user("g1"), position: 0 };
        assert_eq!(checklist.apply(stay), Ok(false), "already first");
    }

    #[test]
    fn groups_are_reordered_renamed_and_removed_with_their_items() {
        let mut checklist = seminar();
        assert_eq!(checklist.apply(ChecklistOp::MoveGroup { group: user("g2"), position: 0 }), Ok(true));
        assert_eq!(checklist.apply(ChecklistOp::MoveGroup { group: user("g2"), position: 0 }), Ok(false));
        assert_eq!(checklist.apply(ChecklistOp::MoveGroup { group: user("g2"), position: 7 }), Ok(true));
        assert_eq!(checklist.groups[1].id, user("g2"), "a far position means last");
        let rename = ChecklistOp::RenameGroup { group: user("g1"), title: "Before".into() };
        assert_eq!(checklist.apply(rename), Ok(true));
        assert_eq!(checklist.apply(ChecklistOp::RemoveGroup { group: user("g1") }), Ok(true));
        assert_eq!(texts(&checklist), vec![("Follow up".to_string(), vec!["Minutes".to_string()])]);
        assert_eq!(checklist.progress(), (0, 1));
    }

    #[test]
    fn items_are_renamed_and_removed_by_id() {
        let mut checklist = seminar();
        let rename = |text: &str| ChecklistOp::RenameItem { item: user("i3"), text: text.into() };
        assert_eq!(checklist.apply(rename("Send minutes")), Ok(true));
        assert_eq!(checklist.apply(rename(" Send minutes ")), Ok(false));
        assert_eq!(checklist.apply(ChecklistOp::RemoveItem { item: user("i1") }), Ok(true));
        assert_eq!(texts(&checklist)[0].1, vec!["Slides".to_string()]);
        assert_eq!(texts(&checklist)[1].1, vec!["Send minutes".to_string()]);
    }

    #[test]
    fn bad_operations_are_refused_and_change_nothing() {
        let mut checklist = seminar();
        let before = checklist.clone();
        let cases = [
            (add_item("i1", "g1", "Again"), ChecklistError::DuplicateId),
            (add_item("g2", "g1", "Clash with a group id"), ChecklistError::DuplicateId),
            (add_item("i9", "nope", "Lost"), ChecklistError::UnknownGroup),
            (add_item("i9", "g1", "  "), ChecklistError::TextRequired),
            (add_item("i9", "g1", &"x".repeat(1_001)), ChecklistError::TextTooLong { max_chars: 1_000 }),
            (ChecklistOp::AddGroup { id: user("g9"), title: "".into() }, ChecklistError::TextRequired),
            (ChecklistOp::Tick { item: user("nope") }, ChecklistError::UnknownItem),
            (ChecklistOp::RemoveItem { item: user("g1") }, ChecklistError::UnknownItem),
            (ChecklistOp::RemoveGroup { group: user("i1") }, ChecklistError::UnknownGroup),
            (
                ChecklistOp::MoveItem { item: user("i1"), group: user("nope"), position: 0 },
                ChecklistError::UnknownGroup,
            ),
        ];
        for (op, error) in cases {
            assert_eq!(checklist.apply(op.clone()), Err(error), "{op:?}");
        }
        assert_eq!(checklist, before);
    }
}
