//! Pieces shared by pages: the header and the form controls.

pub mod field;
pub mod header;
pub mod load;
pub mod time;
