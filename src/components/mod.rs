//! Pieces shared by pages: the header, form controls, card frames, the
//! activity panel and history.

pub mod activity;
pub mod card_page;
pub mod client_fields;
pub mod custom_fields;
pub mod field;
pub mod form;
pub mod guarded;
pub mod header;
pub mod history;
pub mod load;
pub mod mark;
pub mod time;
pub mod virtual_list;
