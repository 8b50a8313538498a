use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use proptest::prelude::*;

use super::{Lookup, ReplyCache};
use crate::config::CacheConfig;

fn cache(ttl_secs: u64, max_entries: usize) -> ReplyCache<u32, u64> {
    ReplyCache::new(&CacheConfig {
        ttl_secs,
        max_entries,
    })
}

async fn counted(cache: &ReplyCache<u32, u64>, key: u32, calls: &AtomicUsize) -> (u64, Lookup) {
    cache
        .get_or_compute(key, || async {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok::<u64, String>(u64::from(key) * 10)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_second_read_is_a_hit_with_the_same_value() {
    let cache = cache(60, 16);
    let calls = AtomicUsize::new(0);
    assert_eq!(counted(&cache, 7, &calls).await, (70, Lookup::Miss));
    assert_eq!(counted(&cache, 7, &calls).await, (70, Lookup::Hit));
    assert_eq!(counted(&cache, 8, &calls).await, (80, Lookup::Miss));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_misses_on_one_key_compute_once() {
    let cache = Arc::new(cache(60, 16));
    let calls = Arc::new(AtomicUsize::new(0));
    // The first computation waits at this gate until every task has started, so the others
    // arrive while it is still running.
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let cache = Arc::clone(&cache);
            let calls = Arc::clone(&calls);
            let gate = Arc::clone(&gate);
            tokio::spawn(async move {
                cache
                    .get_or_compute(1, || async {
                        calls.fetch_add(1, Ordering::SeqCst);
                        let _open = gate.acquire().await.unwrap();
                        Ok::<u64, String>(11)
                    })
                    .await
                    .unwrap()
            })
        })
        .collect();
    while calls.load(Ordering::SeqCst) == 0 {
        tokio::task::yield_now().await;
    }
    gate.add_permits(1);
    let mut misses = 0;
    for task in tasks {
        let (value, lookup) = task.await.unwrap();
        assert_eq!(value, 11);
        misses += usize::from(lookup == Lookup::Miss);
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(misses, 1);
}

#[tokio::test]
async fn failures_are_not_kept() {
    let cache = cache(60, 16);
    let failed = cache
        .get_or_compute(3, || async {
            Err::<u64, String>("graph unreachable".into())
        })
        .await;
    assert_eq!(failed, Err("graph unreachable".to_owned()));
    let calls = AtomicUsize::new(0);
    assert_eq!(counted(&cache, 3, &calls).await, (30, Lookup::Miss));
}

#[tokio::test(start_paused = true)]
async fn replies_expire_after_their_time_to_live() {
    let cache = cache(1, 16);
    let calls = AtomicUsize::new(0);
    counted(&cache, 5, &calls).await;
    tokio::time::advance(Duration::from_millis(999)).await;
    assert_eq!(counted(&cache, 5, &calls).await, (50, Lookup::Hit));
    tokio::time::advance(Duration::from_millis(1)).await;
    assert_eq!(counted(&cache, 5, &calls).await, (50, Lookup::Miss));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_zero_time_to_live_or_capacity_turns_it_off() {
    for off in [cache(0, 16), cache(60, 0)] {
        assert!(!off.enabled());
        let calls = AtomicUsize::new(0);
        counted(&off, 1, &calls).await;
        assert_eq!(counted(&off, 1, &calls).await, (10, Lookup::Miss));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert!(off.is_empty());
    }
}

proptest! {
    /// However keys arrive, the cache never holds more than its capacity, and what it returns
    /// for a key is always that key's value.
    #[test]
    fn it_stays_within_capacity_and_returns_each_keys_value(
        capacity in 1usize..40,
        keys in proptest::collection::vec(0u32..100, 1..300),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let cache = cache(600, capacity);
        let calls = AtomicUsize::new(0);
        runtime.block_on(async {
            for key in keys {
                let (value, _) = counted(&cache, key, &calls).await;
                prop_assert_eq!(value, u64::from(key) * 10);
                prop_assert!(cache.len() <= capacity, "{} > {capacity}", cache.len());
            }
            Ok(())
        })?;
    }
}
