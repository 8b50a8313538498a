#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use revpulse_ingest::chunk::{Chunk, ChunkingConfig, WordPieceEstimate, chunk_company};
use revpulse_ingest::demo::{DemoCompany, DemoConfig, generate};

use super::*;

fn company() -> (DemoCompany, Vec<Chunk>) {
    let today = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap();
    let company = generate(&DemoConfig::new(42, today).with_accounts(30)).unwrap();
    let chunks = chunk_company(
        &company.dataset,
        &ChunkingConfig::default(),
        &WordPieceEstimate,
    )
    .unwrap();
    (company, chunks)
}

#[test]
fn queries_cover_topics_competitors_and_a_sample_of_accounts() {
    let (company, chunks) = company();
    let queries = labelled_queries(&company, &chunks);
    let subjects = |kind: QueryKind| -> BTreeSet<&str> {
        queries
            .iter()
            .filter(|q| q.kind == kind)
            .map(|q| q.subject.as_str())
            .collect()
    };
    assert!(
        subjects(QueryKind::Topic).len() >= 15,
        "{:?}",
        subjects(QueryKind::Topic)
    );
    assert!(subjects(QueryKind::Topic).contains("pricing_objection"));
    assert_eq!(
        subjects(QueryKind::Competitor).len(),
        company.dataset.competitors.len()
    );
    assert_eq!(subjects(QueryKind::Account).len(), ACCOUNT_SAMPLE);
    let ids: BTreeSet<&str> = queries.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), queries.len(), "query ids repeat");
    let known: BTreeSet<&str> = chunks.iter().map(|c| c.id.as_str()).collect();
    for q in &queries {
        assert!(!q.relevant.is_empty(), "{} has no relevant chunk", q.id);
        assert!(
            q.relevant.iter().all(|id| known.contains(id.as_str())),
            "{}",
            q.id
        );
    }
    assert_eq!(
        labelled_queries(&company, &chunks),
        queries,
        "not deterministic"
    );
}

#[test]
fn relevance_comes_from_the_truth_and_agrees_with_the_chunk_metadata() {
    // Cross-checks only: the judgements never read the metadata, but they must agree with it
    // where the metadata is exact (account) and nearly agree where it is extracted (names).
    let (company, chunks) = company();
    let queries = labelled_queries(&company, &chunks);
    for q in queries.iter().filter(|q| q.kind == QueryKind::Account) {
        let by_metadata: BTreeSet<String> = chunks
            .iter()
            .filter(|c| c.metadata.account_id == q.subject)
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(q.relevant, by_metadata, "{}", q.id);
    }
    for q in queries.iter().filter(|q| q.kind == QueryKind::Competitor) {
        let tagged: BTreeSet<String> = chunks
            .iter()
            .filter(|c| c.metadata.competitor_mentioned.contains(&q.subject))
            .map(|c| c.id.clone())
            .collect();
        let agree = q.relevant.intersection(&tagged).count() as f64;
        let union = q.relevant.union(&tagged).count() as f64;
        assert!(
            agree / union > 0.8,
            "{}: truth and extraction overlap only {agree}/{union}",
            q.id
        );
    }
}

#[test]
fn every_labelled_passage_maps_onto_a_chunk() {
    let (company, chunks) = company();
    let covered: BTreeSet<(&str, usize)> = chunks
        .iter()
        .flat_map(|c| (c.first_passage..=c.last_passage).map(move |i| (c.source_id.as_str(), i)))
        .collect();
    let mut missing = Vec::new();
    for p in &company.truth.passages {
        for l in &p.labels {
            if !covered.contains(&(p.record_id.as_str(), l.index)) {
                missing.push(format!("{}#{}", p.record_id, l.index));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "labels on passages no chunk covers: {missing:?}"
    );
}
