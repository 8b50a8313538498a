//! Appending to the audit chain: one transaction that locks the chain, reads its last link,
//! and inserts the next entry hashed onto it.

use serde_json::Value;

use super::{AuditEntry, AuditHashInput, GENESIS_HASH, NewAuditEntry, canonical_json};
use crate::backend::dispatch;
use crate::stamp::{Stamp, now};
use crate::users::non_empty;
use crate::{AppStore, StoreError};

const LAST_LINK: &str = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
const INSERT_ENTRY: &str = "\
    INSERT INTO audit_log (seq, at, principal, surface, kind, name, args_json, returned_ids_json, \
        answer_id, decision, latency_ms, detail, prev_hash, hash) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

/// What the locked part of an append decided.
struct Link {
    seq: i64,
    at: chrono::DateTime<chrono::Utc>,
    prev_hash: String,
    hash: String,
}

impl AppStore {
    /// Appends an entry to the audit chain and returns it as stored (with its `seq`, time and
    /// hashes). Safe to call from many tasks and processes at once: they form one chain.
    pub async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry, StoreError> {
        non_empty("audit principal", &entry.principal)?;
        non_empty("audit surface", &entry.surface)?;
        non_empty("audit kind", &entry.kind)?;
        non_empty("audit name", &entry.name)?;
        let args_json = canonical_json(&entry.args);
        let returned_ids_json = Value::from(entry.returned_ids.clone()).to_string();
        let link = dispatch!(&self.pools, db => async {
            let mut tx = db.begin_write().await?;
            db.lock_audit_chain(&mut tx).await?;
            let last: Option<(i64, String)> = sqlx::query_as(LAST_LINK).fetch_optional(tx.conn()).await?;
            let (seq, prev_hash) = match last {
                Some((seq, hash)) => (seq + 1, hash),
                None => (1, GENESIS_HASH.to_string()),
            };
            // Taken under the lock, so times never run backwards along the chain.
            let at = now();
            let hash = AuditHashInput {
                seq,
                at,
                principal: &entry.principal,
                surface: &entry.surface,
                kind: &entry.kind,
                name: &entry.name,
                args_json: &args_json,
                returned_ids: &entry.returned_ids,
                answer_id: entry.answer_id.as_deref(),
                decision: entry.decision.as_str(),
                latency_ms: entry.latency_ms,
                detail: entry.detail.as_deref(),
            }
            .chain_hash(&prev_hash);
            sqlx::query(INSERT_ENTRY)
                .bind(seq)
                .bind(Stamp(at))
                .bind(&entry.principal)
                .bind(&entry.surface)
                .bind(&entry.kind)
                .bind(&entry.name)
                .bind(&args_json)
                .bind(&returned_ids_json)
                .bind(&entry.answer_id)
                .bind(entry.decision.as_str())
                .bind(entry.latency_ms)
                .bind(&entry.detail)
                .bind(&prev_hash)
                .bind(&hash)
                .execute(tx.conn())
                .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(Link { seq, at, prev_hash, hash })
        }.await)
        .map_err(self.failed("appending to the audit log"))?;
        Ok(AuditEntry {
            seq: link.seq,
            at: link.at,
            principal: entry.principal,
            surface: entry.surface,
            kind: entry.kind,
            name: entry.name,
            args: entry.args,
            returned_ids: entry.returned_ids,
            answer_id: entry.answer_id,
            decision: entry.decision,
            latency_ms: entry.latency_ms,
            detail: entry.detail,
            prev_hash: link.prev_hash,
            hash: link.hash,
        })
    }
}
