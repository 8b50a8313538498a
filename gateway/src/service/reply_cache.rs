//! The reply cache for direct tool reads (GraphQL fields, MCP tools, resources): a dashboard
//! opened by fifty people computes each panel once. A reply is keyed by everything it is a
//! function of — the tool, its arguments, the caller's scope (not their identity: two callers
//! with the same scope see the same thing), today, and the records' data version — so a hit is
//! exactly what a fresh call would return, and a load into the graph is seen on the next call.
//! The time-to-live bounds how stale a reply built on the conversation index can get, since
//! that index has no version. Concurrent misses on one key make one call; failures are never
//! cached.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::NaiveDate;
use revpulse_tools::{Scope, ToolReply};
use tokio::sync::OnceCell;
use tokio::time::Instant;

use crate::config::CacheConfig;

/// What a cached reply is a function of.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReplyKey {
    /// The tool.
    pub tool: String,
    /// Its arguments as canonical JSON (keys sorted), so key order doesn't matter.
    pub args: String,
    /// The caller's scope.
    pub scope: Scope,
    /// The day tools treat as today.
    pub today: NaiveDate,
    /// The records' data version.
    pub data_version: String,
}

/// A key's reply, filled once.
struct Slot<V> {
    created: Instant,
    reply: Arc<OnceCell<V>>,
}

/// Whether a reply came from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Served from the cache.
    Hit,
    /// Computed by this call (or the cache is off).
    Miss,
}

/// A bounded, expiring map from keys to replies with one computation per key at a time.
pub struct ReplyCache<K = ReplyKey, V = Arc<ToolReply>> {
    ttl: Duration,
    capacity: usize,
    slots: Mutex<HashMap<K, Slot<V>>>,
}

impl<K: Eq + Hash + Clone, V: Clone> ReplyCache<K, V> {
    /// A cache as `config` says; a zero time-to-live or capacity turns it off.
    pub fn new(config: &CacheConfig) -> Self {
        Self {
            ttl: Duration::from_secs(config.ttl_secs),
            capacity: config.max_entries,
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// Whether replies are kept at all.
    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero() && self.capacity > 0
    }

    /// The reply for `key`: a live cached one, or `compute`'s (kept if it succeeds). Callers
    /// that miss on the same key at once share one `compute`.
    pub async fn get_or_compute<E, F, Fut>(&self, key: K, compute: F) -> Result<(V, Lookup), E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        if !self.enabled() {
            return compute().await.map(|v| (v, Lookup::Miss));
        }
        let cell = self.slot(key);
        if let Some(value) = cell.get() {
            return Ok((value.clone(), Lookup::Hit));
        }
        let mut computed_here = false;
        let value = cell
            .get_or_try_init(|| {
                computed_here = true;
                compute()
            })
            .await?;
        let lookup = if computed_here {
            Lookup::Miss
        } else {
            Lookup::Hit
        };
        Ok((value.clone(), lookup))
    }

    /// How many keys are held (live or not yet swept).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The live slot for `key`, made (and the map trimmed) if there is none.
    fn slot(&self, key: K) -> Arc<OnceCell<V>> {
        let now = Instant::now();
        let mut slots = self.lock();
        if let Some(slot) = slots.get(&key)
            && now.duration_since(slot.created) < self.ttl
        {
            return Arc::clone(&slot.reply);
        }
        if slots.len() >= self.capacity {
            self.trim(&mut slots, now);
        }
        let reply = Arc::new(OnceCell::new());
        slots.insert(
            key,
            Slot {
                created: now,
                reply: Arc::clone(&reply),
            },
        );
        reply
    }

    /// Drops expired slots, then the oldest until a tenth of the capacity is free.
    fn trim(&self, slots: &mut HashMap<K, Slot<V>>, now: Instant) {
        slots.retain(|_, slot| now.duration_since(slot.created) < self.ttl);
        let keep = self.capacity - self.capacity.div_ceil(10);
        if slots.len() > keep {
            let mut by_age: Vec<(Instant, K)> = slots
                .iter()
                .map(|(key, slot)| (slot.created, key.clone()))
                .collect();
            by_age.sort_by_key(|(created, _)| *created);
            let excess = slots.len() - keep;
            for (_, key) in by_age.into_iter().take(excess) {
                slots.remove(&key);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Slot<V>>> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests;
