//! Answers still streaming: counted so a graceful shutdown can stop taking requests and then
//! wait (up to a deadline) for every answer in flight to finish.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// The counter; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct InFlight {
    count: Arc<AtomicUsize>,
    idle: Arc<Notify>,
}

/// Held while one answer streams.
#[derive(Debug)]
pub struct InFlightGuard {
    owner: InFlight,
}

impl InFlight {
    /// A new counter at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one more answer until the guard drops.
    pub fn enter(&self) -> InFlightGuard {
        self.count.fetch_add(1, Ordering::SeqCst);
        InFlightGuard {
            owner: self.clone(),
        }
    }

    /// How many are in flight.
    pub fn current(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// Waits until none is in flight or `deadline` passes; whether all finished.
    pub async fn wait_idle(&self, deadline: Duration) -> bool {
        let wait = async {
            loop {
                let notified = self.idle.notified();
                if self.current() == 0 {
                    return;
                }
                notified.await;
            }
        };
        tokio::time::timeout(deadline, wait).await.is_ok()
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if self.owner.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.owner.idle.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waits_for_the_last_guard() {
        let in_flight = InFlight::new();
        assert!(in_flight.wait_idle(Duration::from_millis(1)).await);
        let a = in_flight.enter();
        let b = in_flight.enter();
        assert_eq!(in_flight.current(), 2);
        assert!(!in_flight.wait_idle(Duration::from_millis(20)).await);
        let waiter = {
            let in_flight = in_flight.clone();
            tokio::spawn(async move { in_flight.wait_idle(Duration::from_secs(10)).await })
        };
        drop(a);
        drop(b);
        assert!(waiter.await.unwrap_or(false));
        assert_eq!(in_flight.current(), 0);
    }
}
