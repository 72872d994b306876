//! The writes of one user action, applied in one readwrite transaction:
//! either all of them land or none does.

use std::collections::BTreeSet;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::{Store, StoreError};

enum Op {
    Put { store: &'static str, value: JsValue },
    Add { store: &'static str, value: JsValue },
    PutKeyed { store: &'static str, key: JsValue, value: JsValue },
    Delete { store: &'static str, key: JsValue },
}

#[derive(Default)]
pub struct Batch {
    ops: Vec<Op>,
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))?)
}

impl Batch {
    /// Inserts or replaces a record whose store has an in-line key.
    pub fn put<T: Serialize>(mut self, store: &'static str, record: &T) -> Result<Self, StoreError> {
        self.ops.push(Op::Put { store, value: to_js(record)? });
        Ok(self)
    }

    /// Inserts a record that must not exist yet (a history entry, say).
    pub fn add<T: Serialize>(mut self, store: &'static str, record: &T) -> Result<Self, StoreError> {
        self.ops.push(Op::Add { store, value: to_js(record)? });
        Ok(self)
    }

    /// Inserts or replaces a value under an out-of-line key (the meta store).
    pub fn put_keyed<T: Serialize>(
        mut self,
        store: &'static str,
        key: &str,
        value: &T,
    ) -> Result<Self, StoreError> {
        self.ops.push(Op::PutKeyed { store, key: JsValue::from_str(key), value: to_js(value)? });
        Ok(self)
    }

    pub fn delete(mut self, store: &'static str, key: &str) -> Self {
        self.ops.push(Op::Delete { store, key: JsValue::from_str(key) });
        self
    }

    fn store_names(&self) -> Vec<&'static str> {
        let names: BTreeSet<&'static str> = self
            .ops
            .iter()
            .map(|op| match op {
                Op::Put { store, .. }
                | Op::Add { store, .. }
                | Op::PutKeyed { store, .. }
                | Op::Delete { store, .. } => *store,
            })
            .collect();
        names.into_iter().collect()
    }

    /// Sends every request, then commits. A failing request aborts the
    /// transaction, which rolls back the requests before it.
    pub async fn apply(self, store: &Store) -> Result<(), StoreError> {
        if self.ops.is_empty() {
            return Ok(());
        }
        let tx = store.db().transaction(self.store_names()).with_mode(TransactionMode::Readwrite).build()?;
        for op in self.ops {
            match op {
                Op::Put { store, value } => {
                    tx.object_store(store)?.put(value).primitive()?.await?;
                }
                Op::Add { store, value } => {
                    tx.object_store(store)?.add(value).primitive()?.await?;
                }
                Op::PutKeyed { store, key, value } => {
                    tx.object_store(store)?.put(value).with_key(key).primitive()?.await?;
                }
                Op::Delete { store, key } => tx.object_store(store)?.delete(key).primitive()?.await?,
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
