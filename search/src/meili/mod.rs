//! Meilisearch backend for large deployments: the same [`SearchIndex`] contract as the
//! embedded index, served by a Meilisearch server (v1.13 or later, where vector search is
//! stable) with vectors computed by our own [`Embedder`].
//!
//! - [`MeiliIndex::connect`] creates the index (primary key `id`) when missing and applies
//!   [`settings::index_settings`]: the metadata fields and `timestamp` filterable, keyword
//!   search on `text` only, a `userProvided` embedder of the embedder's dimension.
//! - Upserts send [`documents::document_json`] documents, `_vectors` included, in batches.
//! - Filters and scope become one Meilisearch filter ([`meili_filter`]) inside the query.
//! - A browse is a placeholder search (empty `q`) with that filter, sorted newest first.
//! - Every task is awaited with a timeout; failures carry Meilisearch's message and code.

pub mod config;
pub mod documents;
pub mod encode;
pub mod filter;
pub mod settings;
pub mod snippet;

mod browse;
mod search;
mod transport;

use std::sync::Arc;

use async_trait::async_trait;
use meilisearch_sdk::documents::DocumentsQuery;
use meilisearch_sdk::errors::{Error, ErrorCode};
use meilisearch_sdk::indexes::Index;
use serde_json::Value;

pub use config::MeiliConfig;
pub use filter::{MATCH_NOTHING, meili_filter};

use crate::browse::BrowseRequest;
use crate::document::SearchDocument;
use crate::embed::{EmbedError, Embedder, Embedding};
use crate::error::SearchError;
use crate::index::{SearchIndex, validate_batch};
use crate::request::{SearchHit, SearchRequest};
use browse::{admitted_documents, build_browse_query};
use documents::{StoredPassage, check_document, document_json};
use encode::{MAX_DOCUMENT_ID_BYTES, encode_document_id};
use search::{QueryPlan, build_query, semantic_ratio, to_hit};
use transport::Transport;

/// The backend's name in errors and reports.
pub const BACKEND: &str = "meilisearch";

/// A [`SearchIndex`] stored in one Meilisearch index.
#[derive(Debug, Clone)]
pub struct MeiliIndex {
    config: MeiliConfig,
    embedder: Arc<dyn Embedder>,
    transport: Transport,
    index: Index,
}

impl MeiliIndex {
    /// Connects to the server, creates the index with primary key `id` when it does not
    /// exist, and applies the settings this backend needs, waiting for every task.
    pub async fn connect(
        config: MeiliConfig,
        embedder: Arc<dyn Embedder>,
    ) -> Result<Self, SearchError> {
        config.validate()?;
        let dimensions = embedder.dimension();
        if dimensions == 0 {
            return Err(SearchError::Backend {
                backend: BACKEND,
                message: format!("embedder `{}` reports dimension 0", embedder.model_id()),
            });
        }
        let transport = Transport::new(&config)?;
        let index = ensure_index(&transport, &config.index_uid).await?;
        let settings = settings::index_settings(&config.embedder_name, dimensions);
        transport
            .run_task(
                &format!("applying the settings of index `{}`", config.index_uid),
                || index.set_settings(&settings),
            )
            .await?;
        Ok(Self {
            config,
            embedder,
            transport,
            index,
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &MeiliConfig {
        &self.config
    }

    /// Deletes the whole index on the server (documents and settings), waiting for it.
    pub async fn delete_index(&self) -> Result<(), SearchError> {
        let what = format!("deleting index `{}`", self.config.index_uid);
        let info = self
            .transport
            .call(&what, || self.index.clone().delete())
            .await?;
        match self.transport.outcome(&what, info.task_uid).await? {
            Ok(()) => Ok(()),
            Err(e) if e.error_code == ErrorCode::IndexNotFound => Ok(()),
            Err(e) => Err(transport::backend_error(&what, &Error::Meilisearch(e))),
        }
    }

    /// Embeds `documents` in batches, checking the count and length of every vector.
    async fn embed_all(&self, documents: &[SearchDocument]) -> Result<Vec<Embedding>, SearchError> {
        let dimension = self.embedder.dimension();
        let mut vectors = Vec::with_capacity(documents.len());
        for chunk in documents.chunks(self.config.batch_size) {
            let texts: Vec<String> = chunk.iter().map(|d| d.text.clone()).collect();
            let batch = self.embedder.embed(&texts).await?;
            if batch.len() != texts.len() {
                return Err(EmbedError::Inference(format!(
                    "embedder `{}` returned {} vectors for {} texts",
                    self.embedder.model_id(),
                    batch.len(),
                    texts.len()
                ))
                .into());
            }
            if let Some(bad) = batch.iter().find(|v| v.len() != dimension) {
                return Err(EmbedError::Dimension {
                    expected: dimension,
                    got: bad.len(),
                }
                .into());
            }
            vectors.extend(batch);
        }
        Ok(vectors)
    }
}

/// The index `uid`, created with primary key `id` when missing; an existing index with
/// another primary key is refused.
async fn ensure_index(transport: &Transport, uid: &str) -> Result<Index, SearchError> {
    let client = &transport.client;
    let existing = transport
        .call(&format!("reading index `{uid}`"), || async {
            match client.get_index(uid).await {
                Ok(index) => Ok(Some(index)),
                Err(Error::Meilisearch(e)) if e.error_code == ErrorCode::IndexNotFound => Ok(None),
                Err(e) => Err(e),
            }
        })
        .await?;
    if let Some(index) = existing {
        return match index.primary_key.as_deref() {
            None | Some("id") => Ok(index),
            Some(other) => Err(SearchError::Backend {
                backend: BACKEND,
                message: format!(
                    "index `{uid}` has primary key `{other}`, not `id`; it holds something else, use another index uid"
                ),
            }),
        };
    }
    let what = format!("creating index `{uid}`");
    let info = transport
        .call(&what, || client.create_index(uid, Some("id")))
        .await?;
    match transport.outcome(&what, info.task_uid).await? {
        Ok(()) => {}
        // Created concurrently by another process: fine.
        Err(e) if e.error_code == ErrorCode::IndexAlreadyExists => {}
        Err(e) => return Err(transport::backend_error(&what, &Error::Meilisearch(e))),
    }
    Ok(client.index(uid))
}

#[async_trait]
impl SearchIndex for MeiliIndex {
    fn backend(&self) -> &'static str {
        BACKEND
    }

    async fn upsert(&self, documents: &[SearchDocument]) -> Result<(), SearchError> {
        validate_batch(documents)?;
        for document in documents {
            check_document(document)?;
        }
        if documents.is_empty() {
            return Ok(());
        }
        let vectors = self.embed_all(documents).await?;
        let bodies = documents
            .iter()
            .zip(&vectors)
            .map(|(d, v)| document_json(d, &self.config.embedder_name, v))
            .collect::<Result<Vec<Value>, _>>()?;
        let total = bodies.len();
        for (n, batch) in bodies.chunks(self.config.batch_size).enumerate() {
            let first = n * self.config.batch_size;
            let what = format!(
                "indexing documents {}..{} of {total} into `{}`",
                first + 1,
                first + batch.len(),
                self.config.index_uid
            );
            self.transport
                .run_task(&what, || self.index.add_or_replace(batch, Some("id")))
                .await?;
        }
        Ok(())
    }

    async fn delete(&self, ids: &[String]) -> Result<(), SearchError> {
        // Ids too long to encode were never indexed.
        let encoded: Vec<String> = ids
            .iter()
            .map(|id| encode_document_id(id))
            .filter(|id| id.len() <= MAX_DOCUMENT_ID_BYTES)
            .collect();
        for batch in encoded.chunks(self.config.batch_size) {
            let what = format!(
                "deleting {} documents from `{}`",
                batch.len(),
                self.config.index_uid
            );
            self.transport
                .run_task(&what, || self.index.delete_documents(batch))
                .await?;
        }
        Ok(())
    }

    async fn search(&self, request: &SearchRequest) -> Result<Vec<SearchHit>, SearchError> {
        request.validate()?;
        let filter = meili_filter(&request.filter, &request.scope);
        if filter.as_deref() == Some(MATCH_NOTHING) {
            return Ok(Vec::new());
        }
        let ratio = semantic_ratio(request.mode, self.config.hybrid_semantic_ratio);
        let vector = match ratio {
            None => None,
            Some(_) => {
                let mut vectors = self
                    .embedder
                    .embed(std::slice::from_ref(&request.query))
                    .await?;
                match vectors.pop() {
                    Some(v) if vectors.is_empty() => Some(v),
                    _ => {
                        return Err(EmbedError::Inference(format!(
                            "embedder `{}` did not return exactly one vector for the query",
                            self.embedder.model_id()
                        ))
                        .into());
                    }
                }
            }
        };
        let plan = QueryPlan {
            query: &request.query,
            limit: request.limit,
            filter: filter.as_deref(),
            hybrid: ratio.map(|r| (self.config.embedder_name.as_str(), r)),
            vector: vector.as_deref(),
        };
        let query = build_query(&self.index, &plan);
        let what = format!(
            "searching `{}` ({} mode)",
            self.config.index_uid,
            request.mode.as_str()
        );
        let results = self
            .transport
            .call(&what, || self.index.execute_query::<StoredPassage>(&query))
            .await?;
        let mut hits: Vec<SearchHit> = Vec::with_capacity(results.hits.len());
        for (rank, hit) in results.hits.into_iter().enumerate() {
            let mut hit = to_hit(hit, rank);
            // Meilisearch orders hybrid results by ratio-weighted scores but reports the
            // unweighted ones; keep its order and make the reported scores non-increasing.
            if let Some(previous) = hits.last() {
                hit.score = hit.score.min(previous.score);
            }
            // The filter already ran inside Meilisearch; this guard only catches a
            // translation bug, and never lets such a passage out.
            if request.filter.matches(&hit.metadata) && request.scope.admits(&hit.metadata) {
                hits.push(hit);
            } else {
                tracing::error!(
                    chunk_id = %hit.chunk_id,
                    "meilisearch returned a passage outside the filter or scope; dropped"
                );
            }
        }
        Ok(hits)
    }

    async fn browse(&self, request: &BrowseRequest) -> Result<Vec<SearchDocument>, SearchError> {
        request.validate()?;
        let filter = meili_filter(&request.filter, &request.scope);
        if filter.as_deref() == Some(MATCH_NOTHING) {
            return Ok(Vec::new());
        }
        let query = build_browse_query(&self.index, request.limit, filter.as_deref());
        let what = format!("browsing `{}`", self.config.index_uid);
        let results = self
            .transport
            .call(&what, || self.index.execute_query::<StoredPassage>(&query))
            .await?;
        Ok(admitted_documents(results, request))
    }

    async fn count(&self) -> Result<usize, SearchError> {
        let what = format!("counting the documents of `{}`", self.config.index_uid);
        let page = self
            .transport
            .call(&what, || async {
                let mut query = DocumentsQuery::new(&self.index);
                query.with_limit(1).with_fields(["id"]);
                self.index.get_documents_with::<Value>(&query).await
            })
            .await?;
        Ok(page.total as usize)
    }

    async fn clear(&self) -> Result<(), SearchError> {
        let what = format!("clearing index `{}`", self.config.index_uid);
        self.transport
            .run_task(&what, || self.index.delete_all_documents())
            .await
    }
}
