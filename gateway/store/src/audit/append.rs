//! Appending to the audit chain: one transaction that locks the chain, reads its last link,
//! and inserts the next entries, each hashed onto the one before.

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

/// An entry checked and encoded, ready to be linked.
struct Prepared {
    entry: NewAuditEntry,
    args_json: String,
    returned_ids_json: String,
}

impl NewAuditEntry {
    /// Checks the required fields; an entry that fails is never written.
    pub(crate) fn check(&self) -> Result<(), StoreError> {
        non_empty("audit principal", &self.principal)?;
        non_empty("audit surface", &self.surface)?;
        non_empty("audit kind", &self.kind)?;
        non_empty("audit name", &self.name)
    }
}

impl AppStore {
    /// Appends an entry to the audit chain and returns it as stored (with its `seq`, time and
    /// hashes). Safe to call from many tasks and processes at once: they form one chain.
    pub async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry, StoreError> {
        let mut stored = self.append_audit_batch(vec![entry]).await?;
        stored.pop().ok_or_else(|| {
            self.corrupt(
                "audit append".to_owned(),
                "the transaction returned no entry",
            )
        })
    }

    /// Appends `entries`, in order, as consecutive links of the chain in one transaction: all
    /// of them or none. Returns them as stored. Any entry failing its checks fails the batch
    /// before anything is written.
    pub async fn append_audit_batch(
        &self,
        entries: Vec<NewAuditEntry>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut prepared = Vec::with_capacity(entries.len());
        for entry in entries {
            entry.check()?;
            prepared.push(Prepared {
                args_json: canonical_json(&entry.args),
                returned_ids_json: Value::from(entry.returned_ids.clone()).to_string(),
                entry,
            });
        }
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        dispatch!(&self.pools, db => async {
            let mut tx = db.begin_write().await?;
            db.lock_audit_chain(&mut tx).await?;
            let last: Option<(i64, String)> = sqlx::query_as(LAST_LINK).fetch_optional(tx.conn()).await?;
            let (mut seq, mut prev_hash) = match last {
                Some((seq, hash)) => (seq, hash),
                None => (0, GENESIS_HASH.to_string()),
            };
            let mut stored = Vec::with_capacity(prepared.len());
            for Prepared { entry, args_json, returned_ids_json } in prepared {
                seq += 1;
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
                let previous = std::mem::replace(&mut prev_hash, hash.clone());
                stored.push(AuditEntry {
                    seq,
                    at,
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
                    prev_hash: previous,
                    hash,
                });
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(stored)
        }.await)
        .map_err(self.failed("appending to the audit log"))
    }
}
