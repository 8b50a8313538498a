//! Verifying the audit chain: reads it page by page in `seq` order, recomputes every hash and
//! reports the first link that doesn't hold.

use super::AuditRow;
use super::encoding::GENESIS_HASH;
use crate::backend::dispatch;
use crate::{AppStore, StoreError};

/// Rows read per page while verifying.
const PAGE: i64 = 500;

const PAGE_AFTER: &str = "\
    SELECT seq, at, principal, surface, kind, name, args_json, returned_ids_json, answer_id, \
        decision, latency_ms, detail, prev_hash, hash \
    FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";

/// The outcome of [`AppStore::verify_audit_chain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainVerification {
    /// How many rows were found intact before the first broken link (all rows, if none).
    pub rows_checked: u64,
    /// The first link that doesn't hold, if any.
    pub first_broken: Option<BrokenLink>,
}

impl ChainVerification {
    /// Whether every link holds.
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// Where and how the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The sequence number of the first entry that is missing or doesn't verify.
    pub seq: i64,
    /// Why.
    pub reason: BrokenReason,
}

/// Why a link doesn't hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrokenReason {
    /// No row has this `seq`; the next row present has `next_present` (rows were deleted).
    Missing {
        /// The next `seq` that is present.
        next_present: i64,
    },
    /// The row's `prev_hash` is not the previous row's `hash` (rows reordered or re-hashed).
    PrevHashMismatch {
        /// The previous row's hash.
        expected: String,
        /// What this row says it follows.
        found: String,
    },
    /// The row's fields don't hash to its stored `hash` (a field was changed).
    HashMismatch {
        /// The hash recomputed from the row's fields.
        recomputed: String,
        /// The hash stored in the row.
        stored: String,
    },
    /// A stored field can't even be read.
    Unreadable {
        /// What is wrong.
        detail: String,
    },
}

impl std::fmt::Display for BrokenReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BrokenReason::Missing { next_present } => {
                write!(
                    f,
                    "entry is missing (the next entry present is {next_present})"
                )
            }
            BrokenReason::PrevHashMismatch { expected, found } => {
                write!(
                    f,
                    "prev_hash is {found}, but the previous entry's hash is {expected}"
                )
            }
            BrokenReason::HashMismatch { recomputed, stored } => {
                write!(
                    f,
                    "fields hash to {recomputed}, but the stored hash is {stored}"
                )
            }
            BrokenReason::Unreadable { detail } => write!(f, "unreadable: {detail}"),
        }
    }
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "audit entry {}: {}", self.seq, self.reason)
    }
}

/// Walks the chain one row at a time.
struct ChainWalk {
    next_seq: i64,
    prev_hash: String,
    intact: u64,
}

impl ChainWalk {
    /// Checks `row` as the next link; on success it becomes the previous link.
    fn check(&mut self, row: &AuditRow) -> Result<(), BrokenLink> {
        let broken = |reason| BrokenLink {
            seq: row.seq,
            reason,
        };
        if row.seq != self.next_seq {
            let reason = BrokenReason::Missing {
                next_present: row.seq,
            };
            return Err(BrokenLink {
                seq: self.next_seq,
                reason,
            });
        }
        if row.prev_hash != self.prev_hash {
            let (expected, found) = (self.prev_hash.clone(), row.prev_hash.clone());
            return Err(broken(BrokenReason::PrevHashMismatch { expected, found }));
        }
        let returned_ids = row
            .returned_ids()
            .map_err(|detail| broken(BrokenReason::Unreadable { detail }))?;
        let recomputed = row.recompute_hash(&returned_ids);
        if recomputed != row.hash {
            return Err(broken(BrokenReason::HashMismatch {
                recomputed,
                stored: row.hash.clone(),
            }));
        }
        self.next_seq += 1;
        self.prev_hash.clone_from(&row.hash);
        self.intact += 1;
        Ok(())
    }
}

impl AppStore {
    /// Recomputes every link of the audit chain, a page at a time, and reports the first one
    /// that doesn't hold: a changed field, a deleted row (a gap in `seq`) or rows reordered.
    pub async fn verify_audit_chain(&self) -> Result<ChainVerification, StoreError> {
        let mut walk = ChainWalk {
            next_seq: 1,
            prev_hash: GENESIS_HASH.to_string(),
            intact: 0,
        };
        let mut after = 0_i64;
        loop {
            let page = dispatch!(&self.pools, db => sqlx::query_as::<_, AuditRow>(PAGE_AFTER)
                .bind(after)
                .bind(PAGE)
                .fetch_all(db.pool())
                .await)
            .map_err(self.failed("reading the audit log to verify it"))?;
            let Some(last) = page.last() else {
                return Ok(ChainVerification {
                    rows_checked: walk.intact,
                    first_broken: None,
                });
            };
            after = last.seq;
            for row in &page {
                if let Err(link) = walk.check(row) {
                    tracing::warn!(%link, "audit chain is broken");
                    return Ok(ChainVerification {
                        rows_checked: walk.intact,
                        first_broken: Some(link),
                    });
                }
            }
        }
    }
}
