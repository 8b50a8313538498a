//! The in-memory vector store: every live document's unit vector and metadata, searched
//! exactly (a full scan with the filter and scope tested per row before scoring).
//!
//! Exact search was chosen over HNSW: recall is 1.0 by construction, filters and scope
//! are applied before scoring so a narrow scope still gets its true top k (a graph index
//! would need over-fetching and could return fewer), and a scan of 100,000 384-dimension
//! vectors stays within the latency budget recorded in BENCHMARKS.md.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use crate::document::DocumentMetadata;
use crate::embedded::segments::SegmentEntry;

/// Live vectors, one row per document.
#[derive(Debug, Default)]
pub(crate) struct VectorStore {
    dimension: usize,
    /// Row-major vectors; a free row keeps its slot until the store is compacted.
    data: Vec<f32>,
    rows: Vec<Option<Row>>,
    by_id: HashMap<String, usize>,
    free: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub id: String,
    pub metadata: DocumentMetadata,
}

/// A scored row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub row: usize,
    pub score: f32,
}

impl Eq for Scored {}
impl Ord for Scored {
    // Reversed so the max-heap keeps the worst of the current top k on top.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.row.cmp(&other.row))
    }
}
impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl VectorStore {
    /// An empty store of `dimension`-long vectors.
    pub fn new(dimension: usize) -> Self {
        Self {
            dimension,
            ..Self::default()
        }
    }

    /// Number of live documents.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Applies one segment entry.
    pub fn apply(&mut self, entry: SegmentEntry) {
        match entry {
            SegmentEntry::Tombstone { id } => self.remove(&id),
            SegmentEntry::Document {
                id,
                metadata,
                vector,
            } => self.insert(id, metadata, &vector),
        }
    }

    fn insert(&mut self, id: String, metadata: DocumentMetadata, vector: &[f32]) {
        let row = match self.by_id.get(&id) {
            Some(&row) => row,
            None => match self.free.pop() {
                Some(row) => row,
                None => {
                    self.rows.push(None);
                    self.data.resize(self.data.len() + self.dimension, 0.0);
                    self.rows.len() - 1
                }
            },
        };
        let start = row * self.dimension;
        self.data[start..start + self.dimension].copy_from_slice(vector);
        self.by_id.insert(id.clone(), row);
        self.rows[row] = Some(Row { id, metadata });
    }

    fn remove(&mut self, id: &str) {
        if let Some(row) = self.by_id.remove(id) {
            self.rows[row] = None;
            self.free.push(row);
        }
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        *self = Self::new(self.dimension);
    }

    /// The row's id and metadata.
    pub fn row(&self, row: usize) -> Option<&Row> {
        self.rows.get(row).and_then(Option::as_ref)
    }

    /// Every live document's id and metadata, in row order.
    pub fn live(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().flatten()
    }

    /// Every live document as a segment entry (for compaction).
    pub fn entries(&self) -> Vec<SegmentEntry> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                r.as_ref().map(|r| SegmentEntry::Document {
                    id: r.id.clone(),
                    metadata: r.metadata.clone(),
                    vector: self.data[i * self.dimension..(i + 1) * self.dimension].to_vec(),
                })
            })
            .collect()
    }

    /// The `k` rows most similar to `query` among those `admit` accepts, best first (ties
    /// broken by row order, so results are deterministic).
    pub fn top_k(
        &self,
        query: &[f32],
        k: usize,
        admit: impl Fn(&DocumentMetadata) -> bool,
    ) -> Vec<Scored> {
        if k == 0 || query.len() != self.dimension {
            return Vec::new();
        }
        let mut heap: BinaryHeap<Scored> = BinaryHeap::with_capacity(k + 1);
        for (row, slot) in self.rows.iter().enumerate() {
            let Some(r) = slot else { continue };
            if !admit(&r.metadata) {
                continue;
            }
            let v = &self.data[row * self.dimension..(row + 1) * self.dimension];
            let candidate = Scored {
                row,
                score: dot(query, v),
            };
            if heap.len() < k {
                heap.push(candidate);
            } else if heap.peek().is_some_and(|worst| candidate < *worst) {
                heap.pop();
                heap.push(candidate);
            }
        }
        // Ascending under the reversed order means best first.
        heap.into_sorted_vec()
    }
}

/// Dot product written so the compiler vectorises it (eight independent accumulators).
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let chunks_a = a.chunks_exact(8);
    let chunks_b = b.chunks_exact(8);
    let tail: f32 = chunks_a
        .remainder()
        .iter()
        .zip(chunks_b.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (ca, cb) in chunks_a.zip(chunks_b) {
        for i in 0..8 {
            acc[i] += ca[i] * cb[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn meta(region: &str) -> DocumentMetadata {
        DocumentMetadata {
            region: region.into(),
            ..DocumentMetadata::default()
        }
    }

    fn doc(id: &str, region: &str, v: &[f32]) -> SegmentEntry {
        SegmentEntry::Document {
            id: id.into(),
            metadata: meta(region),
            vector: v.to_vec(),
        }
    }

    #[test]
    fn replace_delete_and_reuse_keep_one_row_per_id() {
        let mut s = VectorStore::new(2);
        s.apply(doc("a", "x", &[1.0, 0.0]));
        s.apply(doc("b", "x", &[0.0, 1.0]));
        s.apply(doc("a", "y", &[0.0, 1.0]));
        assert_eq!(s.len(), 2);
        s.apply(SegmentEntry::Tombstone { id: "b".into() });
        s.apply(doc("c", "x", &[0.6, 0.8]));
        assert_eq!(s.len(), 2);
        let hits = s.top_k(&[1.0, 0.0], 5, |_| true);
        let ids: Vec<_> = hits
            .iter()
            .map(|h| s.row(h.row).unwrap().id.as_str())
            .collect();
        assert_eq!(ids, vec!["c", "a"]);
        let only_y = s.top_k(&[1.0, 0.0], 5, |m| m.region == "y");
        assert_eq!(only_y.len(), 1);
    }

    proptest! {
        #[test]
        fn top_k_equals_sorting_every_admitted_score(
            vectors in prop::collection::vec(prop::collection::vec(-1.0f32..1.0, 4), 1..60),
            query in prop::collection::vec(-1.0f32..1.0, 4),
            k in 1usize..20,
        ) {
            let mut s = VectorStore::new(4);
            for (i, v) in vectors.iter().enumerate() {
                s.apply(doc(&format!("d{i}"), if i % 3 == 0 { "keep" } else { "drop" }, v));
            }
            let got: Vec<usize> = s.top_k(&query, k, |m| m.region == "keep").iter().map(|h| h.row).collect();
            let mut expected: Vec<(usize, f32)> = vectors.iter().enumerate()
                .filter(|(i, _)| i % 3 == 0)
                .map(|(i, v)| (i, v.iter().zip(&query).map(|(a, b)| a * b).sum::<f32>()))
                .collect();
            expected.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let expected_scores: Vec<f32> = expected.iter().take(k).map(|e| e.1).collect();
            let got_scores: Vec<f32> = got.iter().map(|&r| dot(&query, &vectors[r])).collect();
            prop_assert_eq!(got.len(), expected_scores.len());
            for (g, e) in got_scores.iter().zip(&expected_scores) {
                prop_assert!((g - e).abs() < 1e-5);
            }
        }
    }
}
