//! The one table of where each kind of card lives: its section, and in it
//! the list, the form for a new card, each card's page and its edit form.
//! The router (`paths`) and every link take their paths from here, so a
//! path is spelled once and a link cannot point where no route is.

use std::fmt::Display;

use dela_core::record::{CardKind, CardRef};
use leptos_router::{ParamSegment, StaticSegment};

/// The path parameter that holds a card's id, as the card pages read it.
pub const ID: &str = "id";

/// The list of a kind of card: the root of its section, and where the
/// header's navigation leads.
pub const fn list(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Company => "/companies",
        CardKind::Contact => "/contacts",
        CardKind::Deal => "/deals",
        CardKind::Lead => "/leads",
        CardKind::Invoice => "/invoices",
    }
}

/// The section of `kind`: the first segment of its paths.
pub fn section(kind: CardKind) -> &'static str {
    &list(kind)[1..]
}

/// The form for a new card of `kind`.
pub fn new(kind: CardKind) -> String {
    format!("{}/new", list(kind))
}

/// The form for a new card of `kind` that belongs to `parent` (a company's
/// contact, a contact's deal): the parent rides in the query under its
/// kind's code, where the form reads it.
pub fn new_of(kind: CardKind, parent: &CardRef) -> String {
    format!("{}?{}={}", new(kind), parent.kind.code(), parent.id)
}

/// The page of the card of `kind` with `id`.
pub fn card(kind: CardKind, id: impl Display) -> String {
    format!("{}/{id}", list(kind))
}

/// The page of the card `reference` names.
pub fn card_of(reference: &CardRef) -> String {
    card(reference.kind, &reference.id)
}

/// Where a card form's Cancel leads: back to the card being edited, or to
/// the list when the card is new.
pub fn card_or_list(kind: CardKind, editing: Option<&str>) -> String {
    editing.map_or_else(|| list(kind).to_owned(), |id| card(kind, id))
}

/// The edit form of the card of `kind` with `id`.
pub fn edit(kind: CardKind, id: impl Display) -> String {
    format!("{}/edit", card(kind, id))
}

/// Where the router matches each of these paths.
pub mod paths {
    use super::{section, CardKind, ParamSegment, StaticSegment, ID};

    pub fn list(kind: CardKind) -> (StaticSegment<&'static str>,) {
        (StaticSegment(section(kind)),)
    }

    pub fn new(kind: CardKind) -> (StaticSegment<&'static str>, StaticSegment<&'static str>) {
        (StaticSegment(section(kind)), StaticSegment("new"))
    }

    pub fn card(kind: CardKind) -> (StaticSegment<&'static str>, ParamSegment) {
        (StaticSegment(section(kind)), ParamSegment(ID))
    }

    pub fn edit(kind: CardKind) -> (StaticSegment<&'static str>, ParamSegment, StaticSegment<&'static str>) {
        (StaticSegment(section(kind)), ParamSegment(ID), StaticSegment("edit"))
    }
}
