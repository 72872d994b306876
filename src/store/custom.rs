//! Saving a client or lead card together with its custom fields: the
//! card's own fields and the custom ones are checked together (every wrong
//! field reported at once), and one history entry records both.

use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::fields::{validate_values, FieldEntity, Values};
use dela_core::history::Change;
use dela_core::lead::Lead;
use dela_core::robots::Setup;
use dela_core::validation::FieldErrors;
use dela_core::{Id, Timestamp};

use super::cards::{self, SaveError, Stored};
use super::{automation, Store};

/// A card kind with custom fields of its own entity (deals have theirs
/// checked against the stage, in `deals`).
pub trait WithFields: Stored {
    const ENTITY: FieldEntity;
    fn values_mut(&mut self) -> &mut Values;
}

impl WithFields for Contact {
    const ENTITY: FieldEntity = FieldEntity::Contact;
    fn values_mut(&mut self) -> &mut Values {
        &mut self.fields
    }
}

impl WithFields for Company {
    const ENTITY: FieldEntity = FieldEntity::Company;
    fn values_mut(&mut self) -> &mut Values {
        &mut self.fields
    }
}

impl WithFields for Lead {
    const ENTITY: FieldEntity = FieldEntity::Lead;
    fn values_mut(&mut self) -> &mut Values {
        &mut self.fields
    }
}

/// The card's own fields and its custom ones, checked together.
async fn checked<T: WithFields, V>(
    store: &Store,
    valid: Result<V, FieldErrors>,
    inputs: &[(Id, String)],
) -> Result<(V, Values, Setup), SaveError> {
    let setup = automation::setup(store).await?;
    let (valid, values) = cards::both(valid, validate_values(&setup.fields, T::ENTITY, inputs, None))?;
    Ok((valid, values, setup))
}

/// Stores a new card, made from its validated own fields by `make`.
pub async fn create<T: WithFields, V>(
    store: &Store,
    valid: Result<V, FieldErrors>,
    make: impl FnOnce(V) -> T,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<T, SaveError> {
    let (valid, values, _) = checked::<T, V>(store, valid, inputs).await?;
    let mut card = make(valid);
    *card.values_mut() = values;
    cards::create(store, &card, actor, now).await?;
    Ok(card)
}

/// Stores an edit; `apply` applies the validated own fields and returns
/// their change. Nothing is written when nothing changed.
pub async fn update<T: WithFields, V>(
    store: &Store,
    mut card: T,
    valid: Result<V, FieldErrors>,
    apply: impl FnOnce(&mut T, V) -> Option<Change>,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<T, SaveError> {
    let (valid, values, setup) = checked::<T, V>(store, valid, inputs).await?;
    let custom = card.values_mut().replace(values, &setup.fields, T::ENTITY);
    if let Some(change) = Change::join(apply(&mut card, valid), custom) {
        card.stamp_mut().touch(actor, now);
        cards::update(store, &card, change, actor, now).await?;
    }
    Ok(card)
}
