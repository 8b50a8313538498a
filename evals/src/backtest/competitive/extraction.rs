//! Competitor extraction against the generator's passage labels: precision and recall of
//! (passage, competitor) pairs, and how often each found mention gets the kind its passage is
//! labelled with.

use std::collections::{BTreeMap, BTreeSet};

use revpulse_analytics::competitive::classify::MentionKind;
use revpulse_analytics::competitive::matcher::Spelling;
use revpulse_analytics::competitive::mentions::{CompetitorMention, TextSource};
use revpulse_ingest::demo::GroundTruth;
use revpulse_ingest::demo::text::Topic;
use revpulse_ingest::demo::truth::SourceKind;
use serde::Serialize;

/// A passage naming a competitor: source, record id, passage index, canonical name.
pub type PassageKey = (TextSource, String, usize, String);

/// Extraction quality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractionReport {
    /// Labelled (passage, competitor) pairs.
    pub labelled: usize,
    /// Found (passage, competitor) pairs.
    pub found: usize,
    /// Found and labelled.
    pub true_positives: usize,
    /// `true_positives / found`.
    pub precision: f64,
    /// `true_positives / labelled`.
    pub recall: f64,
    /// Mentions found through the misspelling rule.
    pub misspelled_mentions: usize,
    /// Mentions in correctly found passages whose kind is one of the passage's labelled kinds,
    /// over those mentions (passages whose labels map to no kind are left out).
    pub kind_accuracy: f64,
    /// Mentions the accuracy is computed on.
    pub kind_scored: usize,
    /// `confusion[labelled][found]` over single-kind passages, kinds in priority order
    /// (displacement, pricing comparison, feature gap, objection).
    pub confusion: [[u32; 4]; 4],
    /// A few missed pairs, for diagnosis.
    pub missed_examples: Vec<PassageKey>,
    /// A few spurious pairs, for diagnosis.
    pub spurious_examples: Vec<PassageKey>,
}

/// The analytics' source kind of a truth source kind.
pub fn text_source(kind: SourceKind) -> TextSource {
    match kind {
        SourceKind::Transcript => TextSource::Transcript,
        SourceKind::Email => TextSource::Email,
        SourceKind::Meeting => TextSource::Meeting,
        SourceKind::Ticket => TextSource::Ticket,
    }
}

/// The mention kind a competitor-naming passage label stands for; `None` for topics that are
/// not one of the four kinds.
pub fn kind_of_topic(topic: Topic) -> Option<MentionKind> {
    match topic {
        Topic::PricingComparison => Some(MentionKind::PricingComparison),
        Topic::FeatureGap => Some(MentionKind::FeatureGap),
        Topic::Displacement => Some(MentionKind::Displacement),
        Topic::CompetitorMention => Some(MentionKind::Objection),
        _ => None,
    }
}

/// Labelled pairs with the kinds their labels stand for.
pub fn labelled_pairs(truth: &GroundTruth) -> BTreeMap<PassageKey, BTreeSet<MentionKind>> {
    let mut out: BTreeMap<PassageKey, BTreeSet<MentionKind>> = BTreeMap::new();
    for p in &truth.passages {
        for l in &p.labels {
            let Some(name) = &l.competitor else { continue };
            let key = (
                text_source(p.source),
                p.record_id.clone(),
                l.index,
                name.clone(),
            );
            let kinds = out.entry(key).or_default();
            kinds.extend(kind_of_topic(l.topic));
        }
    }
    out
}

fn key_of(m: &CompetitorMention) -> PassageKey {
    (
        m.source,
        m.source_id.clone(),
        m.passage_index,
        m.competitor.clone(),
    )
}

/// Scores the mentions against the labels.
pub fn evaluate(mentions: &[CompetitorMention], truth: &GroundTruth) -> ExtractionReport {
    let labelled = labelled_pairs(truth);
    let mut found: BTreeMap<PassageKey, Vec<MentionKind>> = BTreeMap::new();
    for m in mentions {
        found.entry(key_of(m)).or_default().push(m.kind);
    }
    let tp = found.keys().filter(|k| labelled.contains_key(*k)).count();
    let (mut right, mut scored) = (0usize, 0usize);
    let mut confusion = [[0u32; 4]; 4];
    for (key, kinds) in &found {
        let Some(truth_kinds) = labelled.get(key).filter(|t| !t.is_empty()) else {
            continue;
        };
        scored += kinds.len();
        right += kinds.iter().filter(|k| truth_kinds.contains(k)).count();
        if let (1, Some(t)) = (truth_kinds.len(), truth_kinds.first()) {
            confusion[t.index()][kinds[0].index()] += 1;
        }
    }
    ExtractionReport {
        labelled: labelled.len(),
        found: found.len(),
        true_positives: tp,
        precision: ratio(tp, found.len()),
        recall: ratio(tp, labelled.len()),
        misspelled_mentions: mentions
            .iter()
            .filter(|m| m.spelling == Spelling::Misspelled)
            .count(),
        kind_accuracy: ratio(right, scored),
        kind_scored: scored,
        confusion,
        missed_examples: labelled
            .keys()
            .filter(|k| !found.contains_key(*k))
            .take(5)
            .cloned()
            .collect(),
        spurious_examples: found
            .keys()
            .filter(|k| !labelled.contains_key(*k))
            .take(5)
            .cloned()
            .collect(),
    }
}

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}
