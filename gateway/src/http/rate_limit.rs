//! Per-principal rate limits: a token bucket per subject, refilled at the sustained rate and
//! holding at most the burst. A request over the limit is refused with the seconds to wait.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The buckets of every principal seen recently.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    capacity: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Buckets idle this long are forgotten.
const IDLE: Duration = Duration::from_secs(600);

impl RateLimiter {
    /// `per_minute` sustained requests with `burst` more on top.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            per_second: f64::from(per_minute) / 60.0,
            capacity: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `principal` at `now`; `Err(wait)` when none is left.
    pub fn check(&self, principal: &str, now: Instant) -> Result<(), Duration> {
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| now.saturating_duration_since(b.updated) < IDLE);
        }
        let bucket = buckets.entry(principal.to_owned()).or_insert(Bucket {
            tokens: self.capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else if self.per_second > 0.0 {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / self.per_second,
            ))
        } else {
            Err(Duration::from_secs(60))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_sustained_rate() {
        let limiter = RateLimiter::new(60, 3);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check("a", start).is_ok());
        }
        let wait = limiter.check("a", start).unwrap_err();
        assert!(
            wait <= Duration::from_secs(1) && wait > Duration::ZERO,
            "{wait:?}"
        );
        assert!(limiter.check("b", start).is_ok(), "principals are separate");
        assert!(
            limiter
                .check("a", start + Duration::from_millis(1_001))
                .is_ok()
        );
        assert!(
            limiter
                .check("a", start + Duration::from_millis(1_002))
                .is_err()
        );
    }

    proptest::proptest! {
        #[test]
        fn never_more_than_burst_plus_rate_times_time(
            gaps in proptest::collection::vec(0u64..2_000, 1..200),
            per_minute in 1u32..600,
            burst in 1u32..50,
        ) {
            let limiter = RateLimiter::new(per_minute, burst);
            let start = Instant::now();
            let mut now = start;
            let mut allowed = 0u32;
            for gap in gaps {
                now += Duration::from_millis(gap);
                if limiter.check("p", now).is_ok() {
                    allowed += 1;
                }
            }
            let span = now.duration_since(start).as_secs_f64();
            let bound = f64::from(burst) + span * f64::from(per_minute) / 60.0;
            proptest::prop_assert!(f64::from(allowed) <= bound + 1e-9);
        }
    }
}
