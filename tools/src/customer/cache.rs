//! The process-wide caches of fitted state: churn models and expansion readings, each kept per
//! (fingerprint of the caller's scoped records, day it was computed as of). Callers with the
//! same scope share an entry, a caller with another scope never gets state computed from
//! records they may not read, and any change to the records (a reload) computes afresh. The
//! lock is held only to look up and insert, never across an `.await` nor while computing,
//! which runs on the blocking pool.

use std::collections::VecDeque;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use chrono::NaiveDate;
use revpulse_analytics::competitive::churn::ChurnModel;
use revpulse_graph::model::CompanyDataset;

use super::expansion::ExpansionBoard;
use crate::ToolError;

/// Entries kept per cache (oldest evicted first): a few scopes times a few days.
const CAPACITY: usize = 16;

/// What an entry was computed from: the records' fingerprint and the day.
pub(crate) type StateKey = (u64, NaiveDate);

/// A small keyed cache of shared, immutable computed state.
pub(crate) struct FittedCache<V> {
    entries: Mutex<VecDeque<(StateKey, Arc<V>)>>,
}

/// The process's fitted churn models.
pub(crate) static CHURN_MODELS: FittedCache<ChurnModel> = FittedCache::new();

/// The process's expansion readings of every visible customer.
pub(crate) static EXPANSION_BOARDS: FittedCache<ExpansionBoard> = FittedCache::new();

impl<V: Send + Sync + 'static> FittedCache<V> {
    /// An empty cache.
    pub const fn new() -> Self {
        Self {
            entries: Mutex::new(VecDeque::new()),
        }
    }

    fn get(&self, key: StateKey) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| Arc::clone(v))
    }

    fn insert(&self, key: StateKey, value: Arc<V>) -> Arc<V> {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, kept)) = entries.iter().find(|(k, _)| *k == key) {
            return Arc::clone(kept);
        }
        if entries.len() >= CAPACITY {
            entries.pop_front();
        }
        entries.push_back((key, Arc::clone(&value)));
        value
    }

    /// The state for `key`, computed by `fit` on the blocking pool when missing. Two callers
    /// missing at once may both compute; computing is deterministic and the first stored is
    /// kept.
    pub async fn get_or_fit(
        &self,
        key: StateKey,
        fit: impl FnOnce() -> Result<V, ToolError> + Send + 'static,
    ) -> Result<Arc<V>, ToolError> {
        if let Some(hit) = self.get(key) {
            return Ok(hit);
        }
        let fitted = tokio::task::spawn_blocking(fit)
            .await
            .map_err(|e| ToolError::analytics("customer scoring", e))??;
        Ok(self.insert(key, Arc::new(fitted)))
    }
}

/// Fingerprints of the datasets seen lately, by allocation. A `Weak` keeps its allocation
/// from being reused, so a live dataset at the same address is the same (immutable) dataset.
static FINGERPRINTS: Mutex<Vec<(Weak<CompanyDataset>, u64)>> = Mutex::new(Vec::new());

/// The fingerprint of `company`, computed once per shared dataset (the record stores hand the
/// same `Arc` to every call of a scope until the data changes).
pub(crate) fn fingerprint_of(company: &Arc<CompanyDataset>) -> u64 {
    let same = |w: &Weak<CompanyDataset>| std::ptr::eq(w.as_ptr(), Arc::as_ptr(company));
    {
        let mut seen = FINGERPRINTS.lock().unwrap_or_else(PoisonError::into_inner);
        seen.retain(|(w, _)| w.strong_count() > 0);
        if let Some((_, print)) = seen.iter().find(|(w, _)| same(w)) {
            return *print;
        }
    }
    let print = fingerprint(company);
    let mut seen = FINGERPRINTS.lock().unwrap_or_else(PoisonError::into_inner);
    if seen.len() >= CAPACITY {
        seen.remove(0);
    }
    seen.push((Arc::downgrade(company), print));
    print
}

/// A cheap fingerprint of every record the churn model and the expansion readings are computed
/// from: contracts, usage, tickets, activities (with their text), executive contacts and deal
/// types. Any reload that changes what they could see changes it.
pub(crate) fn fingerprint(ds: &CompanyDataset) -> u64 {
    let mut h = DefaultHasher::new();
    for c in &ds.contracts {
        (&c.id, &c.account_id, c.start_date, c.renewal_date).hash(&mut h);
        (c.arr, c.seats, c.status.as_str()).hash(&mut h);
    }
    for u in &ds.usage {
        (
            &u.account_id,
            u.week_start,
            u.active_users,
            u.licensed_seats,
        )
            .hash(&mut h);
    }
    for t in &ds.tickets {
        (&t.id, &t.account_id, t.opened_at, t.sentiment.to_bits()).hash(&mut h);
    }
    for a in &ds.activities {
        (
            &a.id,
            &a.account_id,
            a.at,
            &a.opportunity_id,
            a.kind.as_str(),
        )
            .hash(&mut h);
        (&a.contact_ids, &a.competitors_mentioned, &a.body).hash(&mut h);
    }
    for c in &ds.contacts {
        (&c.id, &c.persona).hash(&mut h);
    }
    for o in &ds.opportunities {
        (&o.id, &o.deal_type).hash(&mut h);
    }
    h.finish()
}
