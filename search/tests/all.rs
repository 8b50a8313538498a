//! Integration tests of the search crate: the MiniLM embedder against sentence-transformers'
//! vectors, the remote embedder's protocol, the embedded index (conformance suite, crash
//! safety, corruption) and the Meilisearch backend (protocol against recorded payloads,
//! filter properties, and the conformance suite when `MEILI_URL` is set).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "all/embed_minilm.rs"]
mod embed_minilm;
#[path = "all/embed_remote.rs"]
mod embed_remote;
#[path = "all/embedded_index.rs"]
mod embedded_index;
#[path = "all/meili_conformance.rs"]
mod meili_conformance;
#[path = "all/meili_filter_props.rs"]
mod meili_filter_props;
#[path = "all/meili_protocol.rs"]
mod meili_protocol;
