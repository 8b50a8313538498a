//! The process-wide cache of trained forecast state. Training the win model takes seconds, a
//! tool call must not: the trained state is kept per (fingerprint of the caller's scoped
//! records, day it is trained as of), so two callers with the same scope share it, a caller
//! with another scope never sees a model trained on records it may not read, and any change to
//! the records (a reload) trains afresh. The lock is held only to look up and insert, never
//! while training, and training runs on the blocking pool so it does not stall the runtime (a
//! call cancelled meanwhile leaves the bounded training to finish and fill the cache).

use std::collections::VecDeque;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;

use crate::ToolError;

/// Trained states kept per cache (oldest evicted first): a few scopes times a few days.
const CAPACITY: usize = 16;

/// What a cached state was trained from: the records' fingerprint and the as-of day.
pub(crate) type CacheKey = (u64, NaiveDate);

/// A small keyed cache of shared, immutable trained states.
pub(crate) struct TrainedCache<V> {
    entries: Mutex<VecDeque<(CacheKey, Arc<V>)>>,
}

impl<V: Send + Sync + 'static> TrainedCache<V> {
    /// An empty cache.
    pub const fn new() -> Self {
        Self {
            entries: Mutex::new(VecDeque::new()),
        }
    }

    fn get(&self, key: CacheKey) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| Arc::clone(v))
    }

    fn insert(&self, key: CacheKey, value: Arc<V>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.iter().any(|(k, _)| *k == key) {
            return;
        }
        if entries.len() >= CAPACITY {
            entries.pop_front();
        }
        entries.push_back((key, value));
    }

    /// The state for `key`, built by `build` on the blocking pool when missing. Two callers
    /// missing at once may both build; the results are identical (training is deterministic)
    /// and the first stored wins.
    pub async fn get_or_build(
        &self,
        key: CacheKey,
        build: impl FnOnce() -> Result<V, ToolError> + Send + 'static,
    ) -> Result<Arc<V>, ToolError> {
        if let Some(hit) = self.get(key) {
            return Ok(hit);
        }
        let built = tokio::task::spawn_blocking(build)
            .await
            .map_err(|e| ToolError::analytics("forecast model training", e))??;
        let built = Arc::new(built);
        self.insert(key, Arc::clone(&built));
        Ok(self.get(key).unwrap_or(built))
    }
}

/// A cheap fingerprint of the records the forecast state depends on: every deal's current
/// values, the sizes of every history, and every activity's id and time. Any reload that
/// changes what a forecast could see changes it.
pub(crate) fn fingerprint(ds: &CompanyDataset) -> u64 {
    let mut h = DefaultHasher::new();
    for o in &ds.opportunities {
        (&o.id, o.amount, o.stage.as_str(), o.close_date).hash(&mut h);
        (o.forecast_category.as_str(), &o.owner_id, &o.account_id).hash(&mut h);
    }
    [
        ds.stage_changes.len(),
        ds.amount_changes.len(),
        ds.close_date_changes.len(),
        ds.forecast_category_changes.len(),
        ds.opportunity_contacts.len(),
        ds.accounts.len(),
        ds.contacts.len(),
        ds.users.len(),
        ds.leads.len(),
        ds.touches.len(),
        ds.transcripts.len(),
    ]
    .hash(&mut h);
    for a in &ds.activities {
        (&a.id, a.at).hash(&mut h);
    }
    for u in &ds.users {
        (&u.id, u.quarterly_quota).hash(&mut h);
    }
    h.finish()
}
