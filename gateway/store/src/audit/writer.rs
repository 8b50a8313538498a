//! Group commit for the audit chain. Every append must lock the chain and commit, so one
//! transaction per request caps a busy gateway at the database's commit rate. The writer lets
//! requests queue their entries for one task, which appends whatever has queued up (up to
//! [`MAX_GROUP`]) as consecutive links in a single transaction and then answers each request
//! with its stored entry. A request still returns only once its entry is committed; its own
//! entries keep their order, since it waits for each before queueing the next.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{mpsc, oneshot};

use super::{AuditEntry, NewAuditEntry};
use crate::{AppStore, StoreError};

/// The most entries one transaction appends.
pub const MAX_GROUP: usize = 256;
/// How many entries may wait for the writer before requests wait to queue.
const QUEUE_DEPTH: usize = 4 * MAX_GROUP;

/// An entry waiting for the writer, and where to send its outcome.
struct Waiting {
    entry: NewAuditEntry,
    reply: oneshot::Sender<Result<AuditEntry, StoreError>>,
}

/// Appends audit entries through one writer task per runtime, grouping concurrent appends into
/// one transaction. Cheap to share; the task ends when the writer is dropped.
pub struct AuditWriter {
    store: AppStore,
    queue: Mutex<Option<mpsc::Sender<Waiting>>>,
    commits: Arc<AtomicU64>,
}

impl AuditWriter {
    /// A writer appending to `store`'s chain. Its task starts on the first append, on the
    /// runtime that makes it, and is started again if that runtime went away.
    pub fn new(store: AppStore) -> Self {
        Self {
            store,
            queue: Mutex::new(None),
            commits: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Appends `entry` and returns it as stored, once it is committed. An entry failing its
    /// checks fails alone, before it is queued.
    pub async fn append(&self, entry: NewAuditEntry) -> Result<AuditEntry, StoreError> {
        entry.check()?;
        let (reply, outcome) = oneshot::channel();
        if let Err(refused) = self.sender().send(Waiting { entry, reply }).await {
            // The task is gone with its runtime: append directly rather than lose the entry.
            return self.store.append_audit(refused.0.entry).await;
        }
        outcome.await.unwrap_or_else(|_| {
            Err(StoreError::AuditWriterStopped {
                url: self.store.url().to_owned(),
            })
        })
    }

    /// How many transactions the writer has committed (each holding one or more entries).
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }

    /// The running task's queue, starting the task if there is none or it has ended.
    fn sender(&self) -> mpsc::Sender<Waiting> {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sender) = queue.as_ref().filter(|s| !s.is_closed()) {
            return sender.clone();
        }
        let (sender, receiver) = mpsc::channel(QUEUE_DEPTH);
        tokio::spawn(write_groups(
            self.store.clone(),
            receiver,
            Arc::clone(&self.commits),
        ));
        *queue = Some(sender.clone());
        sender
    }
}

/// The writer task: takes the first waiting entry, everything queued behind it, and appends
/// them together; ends when every sender is gone.
async fn write_groups(
    store: AppStore,
    mut receiver: mpsc::Receiver<Waiting>,
    commits: Arc<AtomicU64>,
) {
    while let Some(first) = receiver.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match receiver.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        let entries = group.iter().map(|w| w.entry.clone()).collect();
        match store.append_audit_batch(entries).await {
            Ok(stored) => {
                commits.fetch_add(1, Ordering::Relaxed);
                for (waiting, entry) in group.into_iter().zip(stored) {
                    // A requester that gave up no longer needs the answer; the entry stands.
                    let _ = waiting.reply.send(Ok(entry));
                }
            }
            Err(error) if group.len() == 1 => {
                if let Some(waiting) = group.pop() {
                    let _ = waiting.reply.send(Err(error));
                }
            }
            Err(_) => {
                // The group rolled back as a whole; append one by one so that each requester
                // gets its own outcome.
                for waiting in group {
                    let outcome = store.append_audit(waiting.entry).await;
                    if outcome.is_ok() {
                        commits.fetch_add(1, Ordering::Relaxed);
                    }
                    let _ = waiting.reply.send(outcome);
                }
            }
        }
    }
}
