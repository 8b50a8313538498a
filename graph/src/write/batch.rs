//! The batch writer: records go to Neo4j in `UNWIND` batches, one transaction per batch,
//! retried with exponential backoff when the failure is transient.

use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt, stream};
use neo4rs::{BoltList, BoltType, query};

use super::GraphRecord;
use crate::client::{GraphClient, is_constraint_violation, is_transient, query_error};
use crate::config::WriteConfig;
use crate::error::GraphError;

/// What one call of [`GraphClient::write_records`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteStats {
    /// The record kind written.
    pub kind: &'static str,
    /// Records sent.
    pub records: usize,
    /// Transactions committed.
    pub batches: usize,
    /// Transient failures that were retried.
    pub retries: u32,
    /// Wall time.
    pub elapsed: Duration,
}

/// Called after each committed batch with the kind, records done and records in total.
pub type BatchProgress<'a> = &'a (dyn Fn(&'static str, usize, usize) + Sync);

impl GraphClient {
    /// Writes `records` with this client's batching and retry policy. Idempotent: writing the
    /// same records again leaves the records unchanged (the data stamp still moves).
    pub async fn write_records<R: GraphRecord + Sync>(
        &self,
        records: &[R],
        progress: Option<BatchProgress<'_>>,
    ) -> Result<WriteStats, GraphError> {
        let policy = self.config().write.clone();
        self.write_records_with(records, &policy, progress).await
    }

    /// Writes `records` with an explicit policy (the benchmark uses a batch size of one to
    /// measure per-row transactions).
    pub async fn write_records_with<R: GraphRecord + Sync>(
        &self,
        records: &[R],
        policy: &WriteConfig,
        progress: Option<BatchProgress<'_>>,
    ) -> Result<WriteStats, GraphError> {
        if policy.batch_size == 0 {
            return Err(GraphError::Config(
                "write batch size must be at least 1".into(),
            ));
        }
        let started = Instant::now();
        let total = records.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let written: Result<Vec<u32>, GraphError> =
            stream::iter(records.chunks(policy.batch_size).enumerate())
                .map(|(index, batch)| {
                    let done = &done;
                    async move {
                        let retried = self.write_batch(index, batch, policy).await?;
                        let so_far = done
                            .fetch_add(batch.len(), std::sync::atomic::Ordering::Relaxed)
                            + batch.len();
                        if let Some(report) = progress {
                            report(R::KIND, so_far, total);
                        }
                        Ok::<u32, GraphError>(retried)
                    }
                })
                .buffer_unordered(policy.concurrency.max(1))
                .try_collect()
                .await;
        // Even a failed write may have committed some batches, so readers must re-read.
        let touched = if total > 0 {
            self.touch_data_stamp().await
        } else {
            Ok(())
        };
        let retries = written?;
        touched?;
        Ok(WriteStats {
            kind: R::KIND,
            records: total,
            batches: retries.len(),
            retries: retries.iter().sum(),
            elapsed: started.elapsed(),
        })
    }

    /// Writes one batch in one transaction; returns how many retries it took.
    async fn write_batch<R: GraphRecord>(
        &self,
        index: usize,
        batch: &[R],
        policy: &WriteConfig,
    ) -> Result<u32, GraphError> {
        let rows: Vec<BoltType> = batch.iter().map(|r| BoltType::Map(r.to_row())).collect();
        let rows = BoltType::List(BoltList::from(rows));
        let mut attempt = 0;
        loop {
            match self.try_batch(R::CYPHER, rows.clone()).await {
                Ok(()) => return Ok(attempt),
                Err(err) if is_transient(&err) && attempt < policy.max_retries => {
                    let wait = policy.initial_backoff.saturating_mul(1 << attempt.min(16));
                    tracing::warn!(kind = R::KIND, batch = index, attempt, error = %err, "transient write failure; retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(err) if is_constraint_violation(&err) => {
                    return Err(GraphError::ConstraintViolation {
                        record: R::KIND,
                        batch: index,
                        message: err.to_string(),
                    });
                }
                Err(err) => return Err(query_error(R::KIND, &err)),
            }
        }
    }

    /// One attempt: begin, run, commit; rolls back on failure.
    async fn try_batch(&self, cypher: &'static str, rows: BoltType) -> Result<(), neo4rs::Error> {
        let mut txn = self.driver().start_txn().await?;
        match txn.run(query(cypher).param("rows", rows)).await {
            Ok(_) => txn.commit().await.map(|_| ()),
            Err(err) => {
                // The failure is what matters; a rollback error on a broken connection adds nothing.
                let _ = txn.rollback().await;
                Err(err)
            }
        }
    }
}
