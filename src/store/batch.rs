//! The writes of one user action, applied in one readwrite transaction:
//! either all of them land or none does.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::{Store, StoreError};

enum Op {
    Put { store: &'static str, value: JsValue },
    Add { store: &'static str, value: JsValue },
    PutKeyed { store: &'static str, key: JsValue, value: JsValue },
    Delete { store: &'static str, key: JsValue },
}

/// From this many writes a batch is an import.
const BULK: usize = 1_000;

#[derive(Default)]
pub struct Batch {
    ops: Vec<Op>,
}

/// A record as a JavaScript object, for IndexedDB's structured clone.
/// Through JSON: one `JSON.parse` per record is far cheaper than building
/// the object field by field across the wasm boundary.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Data(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| StoreError::Data("a record could not be encoded".into()))
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
        // Large batches are imports: they skip the per-commit flush to disk
        // (an OS crash may lose the last import, which can be run again);
        // a user's own action keeps the browser's default durability.
        let tx = if self.ops.len() >= BULK {
            let relaxed = TransactionOptions::new().with_durability(TransactionDurability::Relaxed);
            store
                .db()
                .transaction(self.store_names())
                .with_mode(TransactionMode::Readwrite)
                .with_options(relaxed)
                .build()?
        } else {
            store.db().transaction(self.store_names()).with_mode(TransactionMode::Readwrite).build()?
        };
        // Every request is sent before any is awaited.
        let mut pending: Vec<Pin<Box<dyn Future<Output = indexed_db_futures::Result<()>> + '_>>> =
            Vec::with_capacity(self.ops.len());
        let mut object_stores = Vec::new();
        for name in self.store_names() {
            object_stores.push((name, tx.object_store(name)?));
        }
        for op in self.ops {
            let name = match &op {
                Op::Put { store, .. }
                | Op::Add { store, .. }
                | Op::PutKeyed { store, .. }
                | Op::Delete { store, .. } => *store,
            };
            let Some((_, object_store)) = object_stores.iter().find(|(known, _)| *known == name) else {
                continue;
            };
            match op {
                Op::Put { value, .. } => {
                    let request = object_store.put(value).primitive()?;
                    pending.push(Box::pin(async move { request.await.map(drop) }));
                }
                Op::Add { value, .. } => {
                    let request = object_store.add(value).primitive()?;
                    pending.push(Box::pin(async move { request.await.map(drop) }));
                }
                Op::PutKeyed { key, value, .. } => {
                    let request = object_store.put(value).with_key(key).primitive()?;
                    pending.push(Box::pin(async move { request.await.map(drop) }));
                }
                Op::Delete { key, .. } => {
                    let request = object_store.delete(key).primitive()?;
                    pending.push(Box::pin(request));
                }
            }
        }
        // Only the commit is awaited: waiting on each request would cost one
        // event per record. If the transaction fails, the requests are all
        // finished by then, and the first real failure among them (the
        // others merely report the abort) is the error to tell.
        let committed = tx.commit().await;
        if let Err(aborted) = committed {
            for request in pending {
                if let Err(error) = request.await {
                    let cause = StoreError::from(error);
                    if !matches!(&cause, StoreError::Other(text) if text.starts_with("AbortError")) {
                        return Err(cause);
                    }
                }
            }
            return Err(aborted.into());
        }
        Ok(())
    }
}
