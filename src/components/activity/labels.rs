use dela_core::activity::{ActivityKind, Direction};

use crate::i18n::Key;

pub fn kind_key(kind: ActivityKind) -> Key {
    match kind {
        ActivityKind::Call => Key::KindCall,
        ActivityKind::Email => Key::KindEmail,
        ActivityKind::Meeting => Key::KindMeeting,
        ActivityKind::Chat => Key::KindChat,
        ActivityKind::Todo => Key::KindTodo,
    }
}

pub fn direction_key(direction: Direction) -> Key {
    match direction {
        Direction::Incoming => Key::Incoming,
        Direction::Outgoing => Key::Outgoing,
    }
}
