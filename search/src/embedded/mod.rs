//! The embedded backend: tantivy for BM25 and metadata filters, an exact in-memory vector
//! store for semantic search, reciprocal rank fusion for hybrid — in process, persisted to a
//! directory, crash-safe. A browse (every passage matching a filter, newest first) tests the
//! filter and scope on the vector store's in-memory metadata and reads only the chosen
//! passages' text from tantivy ([`browse`]).
//!
//! Durability: every `upsert`, `delete` or `clear` writes its vectors to a new checksummed
//! segment file, then commits the keyword index with the list of live segments as the
//! commit's payload. Opening replays exactly the segments of the last keyword commit, so the
//! two stores always agree; a segment written by an interrupted call is ignored and removed.
//! A full rebuild ([`EmbeddedIndex::stage`] then [`EmbeddedIndex::publish`]) fills a new
//! generation directory and switches to it atomically.

mod browse;
mod layout;
mod segments;
mod snippet;
mod text;
mod vectors;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::browse::BrowseRequest;
use crate::document::{DocumentMetadata, SearchDocument};
use crate::embed::Embedder;
use crate::error::SearchError;
use crate::fusion::{KEYWORD_WEIGHT, RRF_K, reciprocal_rank_fusion};
use crate::index::{SearchIndex, validate_batch};
use crate::request::{SearchHit, SearchMode, SearchRequest};

use layout::{CommitState, FORMAT_VERSION, Manifest};
use segments::SegmentEntry;
use text::{TextFields, tantivy_error};
use vectors::VectorStore;

/// Memory the keyword writer may buffer before flushing.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// Segments kept before the vector store is compacted into one.
const MAX_SEGMENTS: usize = 24;
/// Candidates taken from each side before fusion, at least.
const FUSION_DEPTH: usize = 50;

/// The in-process search index.
#[derive(Clone)]
pub struct EmbeddedIndex {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for EmbeddedIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedIndex")
            .field("generation", &self.inner.generation)
            .finish()
    }
}

struct Inner {
    root: PathBuf,
    generation: PathBuf,
    embedder: Arc<dyn Embedder>,
    index: Index,
    fields: TextFields,
    reader: IndexReader,
    writer: Arc<tokio::sync::Mutex<WriterState>>,
    vectors: RwLock<VectorStore>,
}

struct WriterState {
    writer: Option<IndexWriter<TantivyDocument>>,
    commit: CommitState,
}

impl EmbeddedIndex {
    /// Opens the index under `root`, creating an empty one when `root` is missing or empty.
    ///
    /// Errors for which [`SearchError::needs_rebuild`] is true (a damaged directory, another
    /// format version, another embedder) mean: rebuild from the source records.
    pub fn open(root: &Path, embedder: Arc<dyn Embedder>) -> Result<Self, SearchError> {
        match layout::current_generation(root)? {
            Some(generation) => Self::open_generation(root, generation, embedder),
            None => {
                let staged = Self::stage(root, embedder)?;
                layout::publish(root, &staged.inner.generation)?;
                Ok(staged)
            }
        }
    }

    /// Starts a full rebuild: a new, empty generation that searches cannot see until
    /// [`EmbeddedIndex::publish`]. Dropping it unpublished leaves the live index untouched.
    pub fn stage(root: &Path, embedder: Arc<dyn Embedder>) -> Result<Self, SearchError> {
        let manifest = Manifest {
            format: FORMAT_VERSION,
            embedder: embedder.model_id().to_string(),
            dimension: embedder.dimension(),
            source_fingerprint: None,
        };
        let generation = layout::new_generation(root, &manifest)?;
        let (index, fields) = text::create(&generation.join("text"))?;
        Self::assemble(
            root,
            generation,
            embedder,
            index,
            fields,
            CommitState::default(),
            VectorStore::new(manifest.dimension),
        )
    }

    /// Makes a staged generation live, recording the fingerprint of the records it was built
    /// from; older generations are removed.
    pub fn publish(&self, source_fingerprint: &str) -> Result<(), SearchError> {
        let mut manifest = layout::read_manifest(&self.inner.generation)?;
        manifest.source_fingerprint = Some(source_fingerprint.to_string());
        layout::write_manifest(&self.inner.generation, &manifest)?;
        layout::publish(&self.inner.root, &self.inner.generation)
    }

    /// The fingerprint recorded by the last published full build, if any, and whether it was
    /// built with `embedder`. Never fails: anything unreadable reads as "no build".
    pub fn published_fingerprint(root: &Path, embedder: &dyn Embedder) -> Option<String> {
        let generation = layout::current_generation(root).ok()??;
        let manifest = layout::read_manifest(&generation).ok()?;
        (manifest.embedder == embedder.model_id() && manifest.dimension == embedder.dimension())
            .then_some(manifest.source_fingerprint)?
    }

    /// The live generation directory.
    pub fn generation_dir(&self) -> &Path {
        &self.inner.generation
    }

    fn open_generation(
        root: &Path,
        generation: PathBuf,
        embedder: Arc<dyn Embedder>,
    ) -> Result<Self, SearchError> {
        let manifest = layout::read_manifest(&generation)?;
        if manifest.embedder != embedder.model_id() || manifest.dimension != embedder.dimension() {
            return Err(SearchError::EmbedderMismatch {
                path: root.into(),
                found: format!("{} ({} dims)", manifest.embedder, manifest.dimension),
                expected: format!("{} ({} dims)", embedder.model_id(), embedder.dimension()),
            });
        }
        let (index, fields) = text::open(&generation.join("text"))?;
        let corrupt = |reason: String| SearchError::Corrupted {
            path: root.into(),
            reason,
        };
        let metas = index
            .load_metas()
            .map_err(|e| corrupt(format!("keyword commit: {e}")))?;
        let commit: CommitState = match metas.payload.as_deref() {
            Some(payload) => serde_json::from_str(payload)
                .map_err(|e| corrupt(format!("keyword commit payload: {e}")))?,
            None => CommitState::default(),
        };
        let vectors_dir = generation.join("vectors");
        let mut store = VectorStore::new(manifest.dimension);
        for number in &commit.segments {
            let path = vectors_dir.join(segments::segment_file_name(*number));
            if !path.is_file() {
                return Err(corrupt(format!(
                    "vector segment {} is missing",
                    path.display()
                )));
            }
            for entry in segments::read_segment(&path, manifest.dimension)? {
                store.apply(entry);
            }
        }
        let this = Self::assemble(root, generation, embedder, index, fields, commit, store)?;
        let keyword_docs = this.inner.reader.searcher().num_docs();
        let vector_docs = this.read_vectors()?.len() as u64;
        if keyword_docs != vector_docs {
            return Err(corrupt(format!(
                "the keyword index holds {keyword_docs} passages and the vector store {vector_docs}"
            )));
        }
        Ok(this)
    }

    fn assemble(
        root: &Path,
        generation: PathBuf,
        embedder: Arc<dyn Embedder>,
        index: Index,
        fields: TextFields,
        commit: CommitState,
        store: VectorStore,
    ) -> Result<Self, SearchError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_error)?;
        Ok(Self {
            inner: Arc::new(Inner {
                root: root.to_path_buf(),
                generation,
                embedder,
                index,
                fields,
                reader,
                writer: Arc::new(tokio::sync::Mutex::new(WriterState {
                    writer: None,
                    commit,
                })),
                vectors: RwLock::new(store),
            }),
        })
    }

    fn read_vectors(&self) -> Result<std::sync::RwLockReadGuard<'_, VectorStore>, SearchError> {
        self.inner
            .vectors
            .read()
            .map_err(|_| SearchError::Tantivy("vector store lock poisoned by a panic".into()))
    }

    /// Applies a batch of changes durably (see the module documentation).
    async fn apply(
        &self,
        entries: Vec<SegmentEntry>,
        texts: Vec<Option<SearchDocument>>,
        clear_first: bool,
    ) -> Result<(), SearchError> {
        let guard = self.inner.writer.clone().lock_owned().await;
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            inner.apply_blocking(guard, entries, texts, clear_first)
        })
        .await
        .map_err(|e| SearchError::Tantivy(format!("indexing task failed: {e}")))?
    }

    /// The newest passages `request` admits, with their text (blocking: reads the document
    /// store).
    fn browse_blocking(&self, request: &BrowseRequest) -> Result<Vec<SearchDocument>, SearchError> {
        let ids = browse::newest_ids(&*self.read_vectors()?, request);
        let searcher = self.inner.reader.searcher();
        browse::documents(&searcher, &self.inner.fields, &ids)
    }

    async fn embed_query(&self, query: &str) -> Result<Vec<f32>, SearchError> {
        let mut vectors = self.inner.embedder.embed(&[query.to_string()]).await?;
        vectors.pop().ok_or_else(|| {
            SearchError::Embed(crate::embed::EmbedError::Inference(
                "no vector for the query".into(),
            ))
        })
    }
}

impl Inner {
    fn apply_blocking(
        &self,
        mut state: tokio::sync::OwnedMutexGuard<WriterState>,
        entries: Vec<SegmentEntry>,
        documents: Vec<Option<SearchDocument>>,
        clear_first: bool,
    ) -> Result<(), SearchError> {
        let state = &mut *state;
        if state.writer.is_none() {
            state.writer = Some(self.take_writer(&state.commit)?);
        }
        let Some(writer) = state.writer.as_mut() else {
            return Err(SearchError::Tantivy("keyword writer unavailable".into()));
        };
        let staged = (|| -> Result<(), SearchError> {
            if clear_first {
                writer.delete_all_documents().map_err(tantivy_error)?;
            }
            for (entry, document) in entries.iter().zip(&documents) {
                let id = match entry {
                    SegmentEntry::Document { id, .. } | SegmentEntry::Tombstone { id } => id,
                };
                writer.delete_term(text::id_term(&self.fields, id));
                if let Some(document) = document {
                    writer
                        .add_document(text::to_document(&self.fields, document)?)
                        .map_err(tantivy_error)?;
                }
            }
            Ok(())
        })();
        if let Err(e) = staged {
            let _ = writer.rollback();
            return Err(e);
        }

        let mut next = state.commit.clone();
        let number = next.next_segment.max(1);
        let vectors_dir = self.generation.join("vectors");
        let dimension = self.embedder.dimension();
        let written = segments::write_segment(&vectors_dir, number, dimension, &entries);
        let written = match written {
            Ok(path) => path,
            Err(e) => {
                let _ = writer.rollback();
                return Err(e);
            }
        };
        if clear_first {
            next.segments.clear();
        }
        next.segments.push(number);
        next.next_segment = number + 1;
        if let Err(e) = commit(writer, &next) {
            let _ = writer.rollback();
            let _ = std::fs::remove_file(&written);
            return Err(e);
        }
        let previous = std::mem::replace(&mut state.commit, next);
        self.reader.reload().map_err(tantivy_error)?;
        {
            let mut store = self.vectors.write().map_err(|_| {
                SearchError::Tantivy("vector store lock poisoned by a panic".into())
            })?;
            if clear_first {
                store.clear();
            }
            for entry in entries {
                store.apply(entry);
            }
        }
        if clear_first {
            remove_segments(&vectors_dir, &previous.segments);
        }
        if state.commit.segments.len() > MAX_SEGMENTS {
            self.compact(state)?;
        }
        Ok(())
    }

    /// Takes the directory's single writer lock, checks no other process committed since
    /// this index was opened, and removes segment files no commit lists (the residue of an
    /// interrupted write — safe only now that no other writer can exist).
    fn take_writer(
        &self,
        opened_at: &CommitState,
    ) -> Result<IndexWriter<TantivyDocument>, SearchError> {
        let writer = self
            .index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::InvalidRequest(format!(
                    "the search index at {} is being written by another process",
                    self.root.display()
                )),
                other => tantivy_error(other),
            })?;
        let on_disk: CommitState = match self.index.load_metas().map_err(tantivy_error)?.payload {
            Some(payload) => serde_json::from_str(&payload)
                .map_err(|e| SearchError::Tantivy(format!("commit payload: {e}")))?,
            None => CommitState::default(),
        };
        if &on_disk != opened_at {
            return Err(SearchError::InvalidRequest(format!(
                "the search index at {} changed on disk since it was opened; open it again",
                self.root.display()
            )));
        }
        remove_uncommitted_segments(&self.generation.join("vectors"), opened_at);
        Ok(writer)
    }

    /// Rewrites every live vector into one segment and commits the shorter list.
    fn compact(&self, state: &mut WriterState) -> Result<(), SearchError> {
        let Some(writer) = state.writer.as_mut() else {
            return Ok(());
        };
        let entries = self
            .vectors
            .read()
            .map_err(|_| SearchError::Tantivy("vector store lock poisoned by a panic".into()))?
            .entries();
        let number = state.commit.next_segment;
        let vectors_dir = self.generation.join("vectors");
        segments::write_segment(&vectors_dir, number, self.embedder.dimension(), &entries)?;
        let next = CommitState {
            segments: vec![number],
            next_segment: number + 1,
        };
        commit(writer, &next)?;
        let previous = std::mem::replace(&mut state.commit, next);
        remove_segments(&vectors_dir, &previous.segments);
        Ok(())
    }
}

fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    state: &CommitState,
) -> Result<(), SearchError> {
    let payload = serde_json::to_string(state)
        .map_err(|e| SearchError::Tantivy(format!("commit payload: {e}")))?;
    let mut prepared = writer.prepare_commit().map_err(tantivy_error)?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(tantivy_error)?;
    Ok(())
}

fn remove_segments(dir: &Path, numbers: &[u64]) {
    for n in numbers {
        let _ = std::fs::remove_file(dir.join(segments::segment_file_name(*n)));
    }
}

/// Deletes segment files (and temporary files) that no commit lists: the residue of an
/// interrupted write.
fn remove_uncommitted_segments(dir: &Path, commit: &CommitState) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let listed = commit
            .segments
            .iter()
            .any(|n| segments::segment_file_name(*n) == name);
        if !listed {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[async_trait]
impl SearchIndex for EmbeddedIndex {
    fn backend(&self) -> &'static str {
        "embedded"
    }

    async fn upsert(&self, documents: &[SearchDocument]) -> Result<(), SearchError> {
        validate_batch(documents)?;
        if documents.is_empty() {
            return Ok(());
        }
        let texts: Vec<String> = documents.iter().map(|d| d.text.clone()).collect();
        let vectors = self.inner.embedder.embed(&texts).await?;
        if vectors.len() != documents.len() {
            return Err(SearchError::Embed(crate::embed::EmbedError::Inference(
                format!("{} vectors for {} passages", vectors.len(), documents.len()),
            )));
        }
        let dimension = self.inner.embedder.dimension();
        let mut entries = Vec::with_capacity(documents.len());
        for (document, vector) in documents.iter().zip(vectors) {
            if vector.len() != dimension {
                return Err(SearchError::Embed(crate::embed::EmbedError::Dimension {
                    expected: dimension,
                    got: vector.len(),
                }));
            }
            entries.push(SegmentEntry::Document {
                id: document.id.clone(),
                metadata: document.metadata.clone(),
                vector,
            });
        }
        let texts = documents.iter().cloned().map(Some).collect();
        self.apply(entries, texts, false).await
    }

    async fn delete(&self, ids: &[String]) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        let entries = ids
            .iter()
            .map(|id| SegmentEntry::Tombstone { id: id.clone() })
            .collect();
        self.apply(entries, vec![None; ids.len()], false).await
    }

    async fn search(&self, request: &SearchRequest) -> Result<Vec<SearchHit>, SearchError> {
        request.validate()?;
        if request.filter.is_empty_set() || request.scope.is_empty() {
            return Ok(Vec::new());
        }
        let inner = &self.inner;
        let searcher = inner.reader.searcher();
        let words = text::words_query(&inner.index, &inner.fields, &request.query);
        let generator = SnippetGenerator::create(&searcher, &*words, inner.fields.text)
            .map(|mut g| {
                g.set_max_num_chars(snippet::SNIPPET_CHARS);
                g
            })
            .ok();
        let depth = request.limit.max(FUSION_DEPTH);

        let keyword = |limit: usize| -> Result<Vec<(String, f32)>, SearchError> {
            let admission = text::admission_query(&inner.fields, &request.filter, &request.scope);
            let query = text::keyword_query(words.box_clone(), admission);
            text::top_docs(&searcher, &query, limit)?
                .into_iter()
                .map(|(address, score)| {
                    Ok((text::stored(&searcher, &inner.fields, address)?.0, score))
                })
                .collect()
        };
        let semantic = |vector: &[f32], limit: usize| -> Result<Vec<(String, f32)>, SearchError> {
            let store = self.read_vectors()?;
            let admit = |m: &DocumentMetadata| request.filter.matches(m) && request.scope.admits(m);
            Ok(store
                .top_k(vector, limit, admit)
                .into_iter()
                .filter_map(|s| store.row(s.row).map(|r| (r.id.clone(), s.score)))
                .collect())
        };

        let ranked: Vec<(String, f32)> = match request.mode {
            SearchMode::Keyword => keyword(request.limit)?,
            SearchMode::Semantic => {
                let vector = self.embed_query(&request.query).await?;
                semantic(&vector, request.limit)?
            }
            SearchMode::Hybrid => {
                let vector = self.embed_query(&request.query).await?;
                let by_words: Vec<String> = keyword(depth)?.into_iter().map(|(id, _)| id).collect();
                let by_meaning: Vec<String> = semantic(&vector, depth)?
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
                reciprocal_rank_fusion(&[(&by_words, KEYWORD_WEIGHT), (&by_meaning, 1.0)], RRF_K)
                    .into_iter()
                    .take(request.limit)
                    .map(|(id, score)| (id.to_string(), score))
                    .collect()
            }
        };

        let mut hits = Vec::with_capacity(ranked.len());
        for (id, score) in ranked {
            let Some(address) = text::address_of(&searcher, &inner.fields, &id)? else {
                continue;
            };
            let (chunk_id, passage, metadata) = text::stored(&searcher, &inner.fields, address)?;
            hits.push(SearchHit {
                chunk_id,
                score,
                snippet: snippet::snippet(generator.as_ref(), &passage),
                metadata,
            });
        }
        Ok(hits)
    }

    async fn browse(&self, request: &BrowseRequest) -> Result<Vec<SearchDocument>, SearchError> {
        request.validate()?;
        if request.admits_nothing() {
            return Ok(Vec::new());
        }
        let this = self.clone();
        let request = request.clone();
        tokio::task::spawn_blocking(move || this.browse_blocking(&request))
            .await
            .map_err(|e| SearchError::Tantivy(format!("browsing task failed: {e}")))?
    }

    async fn count(&self) -> Result<usize, SearchError> {
        Ok(self.read_vectors()?.len())
    }

    async fn clear(&self) -> Result<(), SearchError> {
        self.apply(Vec::new(), Vec::new(), true).await
    }
}
