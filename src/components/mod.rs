//! Pieces shared by pages, never pages themselves (none imports a page):
//! the header, form controls, the kit of the card pages (list, card route,
//! card frame), client facts and pool actions, a card's activities, tasks
//! and history, and the words for kinds and states.

pub mod activity;
pub mod card_form;
pub mod card_list;
pub mod card_page;
pub mod client_fields;
pub mod clients;
pub mod custom_fields;
pub mod departments;
pub mod describe;
pub mod field;
pub mod form;
pub mod guarded;
pub mod header;
pub mod history;
pub mod load;
pub mod mark;
pub mod tasks;
pub mod time;
pub mod virtual_list;
