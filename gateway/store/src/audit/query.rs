//! Reading the audit log for admins: filtered by principal, surface, decision and time, paged
//! by `seq`.

use chrono::{DateTime, Utc};

use super::{AuditEntry, AuditRow, Decision};
use crate::backend::dispatch;
use crate::stamp::stamp;
use crate::{AppStore, StoreError};

/// The most entries one query returns, whatever `limit` asks.
pub const MAX_AUDIT_PAGE: u32 = 1000;

/// Which audit entries to read. Every filter is optional; entries come in `seq` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only this principal's entries.
    pub principal: Option<String>,
    /// Only entries from this surface.
    pub surface: Option<String>,
    /// Only allowed, or only refused, entries.
    pub decision: Option<Decision>,
    /// Only entries at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only entries before this time.
    pub until: Option<DateTime<Utc>>,
    /// Only entries after this `seq` (for paging: pass the last `seq` seen).
    pub after_seq: Option<i64>,
    /// At most this many entries (capped at [`MAX_AUDIT_PAGE`]).
    pub limit: u32,
}

impl Default for AuditQuery {
    fn default() -> Self {
        AuditQuery {
            principal: None,
            surface: None,
            decision: None,
            since: None,
            until: None,
            after_seq: None,
            limit: 100,
        }
    }
}

const SELECT_ENTRIES: &str = "\
    SELECT seq, at, principal, surface, kind, name, args_json, returned_ids_json, answer_id, \
        decision, latency_ms, detail, prev_hash, hash \
    FROM audit_log \
    WHERE ($1 IS NULL OR principal = $1) AND ($2 IS NULL OR surface = $2) \
        AND ($3 IS NULL OR decision = $3) AND ($4 IS NULL OR at >= $4) \
        AND ($5 IS NULL OR at < $5) AND seq > $6 \
    ORDER BY seq LIMIT $7";

impl AppStore {
    /// The audit entries matching `query`, in `seq` order.
    pub async fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = dispatch!(&self.pools, db => sqlx::query_as::<_, AuditRow>(SELECT_ENTRIES)
            .bind(&query.principal)
            .bind(&query.surface)
            .bind(query.decision.map(Decision::as_str))
            .bind(stamp(query.since))
            .bind(stamp(query.until))
            .bind(query.after_seq.unwrap_or(0))
            .bind(i64::from(query.limit.min(MAX_AUDIT_PAGE)))
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("querying the audit log"))?;
        rows.into_iter()
            .map(|row| {
                let seq = row.seq;
                row.into_entry()
                    .map_err(|detail| self.corrupt(format!("audit entry {seq}"), detail))
            })
            .collect()
    }
}
