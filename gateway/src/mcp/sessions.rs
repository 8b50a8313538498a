//! Which principal opened each MCP session. Every HTTP request is authenticated on its own,
//! and the handler acts for *that* request's caller; on top of that, a session id is bound to
//! the subject that opened it, so a session id presented with another principal's token is
//! refused as unknown rather than letting one principal continue (or read the event stream
//! of) another's session. Fails closed: a session it does not know is nobody's.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Sessions unused this long are forgotten (rmcp closes idle sessions after five minutes;
/// a forgotten one is refused and the client starts a new one).
const IDLE: Duration = Duration::from_secs(3_600);

/// Session id → the subject that opened it.
#[derive(Debug, Default)]
pub(crate) struct SessionOwners {
    owners: Mutex<HashMap<String, Owner>>,
}

#[derive(Debug)]
struct Owner {
    subject: String,
    seen: Instant,
}

impl SessionOwners {
    /// Records that `subject` opened `session` at `now`.
    pub(crate) fn bind(&self, session: &str, subject: &str, now: Instant) {
        let Ok(mut owners) = self.owners.lock() else {
            return;
        };
        owners.retain(|_, o| now.saturating_duration_since(o.seen) < IDLE);
        owners.insert(
            session.to_owned(),
            Owner {
                subject: subject.to_owned(),
                seen: now,
            },
        );
    }

    /// Whether `session` was opened by `subject` and is still known at `now`; marks it used.
    pub(crate) fn is_owned_by(&self, session: &str, subject: &str, now: Instant) -> bool {
        let Ok(mut owners) = self.owners.lock() else {
            return false;
        };
        match owners.get_mut(session) {
            Some(o) if o.subject == subject && now.saturating_duration_since(o.seen) < IDLE => {
                o.seen = now;
                true
            }
            _ => false,
        }
    }

    /// Forgets `session` (the client closed it).
    pub(crate) fn forget(&self, session: &str) {
        if let Ok(mut owners) = self.owners.lock() {
            owners.remove(session);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_the_opener_may_use_a_session_and_only_while_it_is_known() {
        let owners = SessionOwners::default();
        let t0 = Instant::now();
        owners.bind("s1", "alice", t0);
        assert!(owners.is_owned_by("s1", "alice", t0));
        assert!(!owners.is_owned_by("s1", "bob", t0), "another principal");
        assert!(
            !owners.is_owned_by("s2", "alice", t0),
            "a session nobody opened"
        );
        let later = t0 + IDLE - Duration::from_secs(1);
        assert!(
            owners.is_owned_by("s1", "alice", later),
            "use keeps it alive"
        );
        assert!(owners.is_owned_by("s1", "alice", later + IDLE - Duration::from_secs(1)));
        assert!(
            !owners.is_owned_by("s1", "alice", later + IDLE * 3),
            "idle too long"
        );
        owners.bind("s3", "bob", t0);
        owners.forget("s3");
        assert!(!owners.is_owned_by("s3", "bob", t0), "closed");
    }

    #[test]
    fn binding_prunes_idle_sessions() {
        let owners = SessionOwners::default();
        let t0 = Instant::now();
        owners.bind("old", "alice", t0);
        owners.bind("new", "bob", t0 + IDLE * 2);
        assert_eq!(owners.owners.lock().unwrap().len(), 1);
    }
}
