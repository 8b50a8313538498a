//! Chunking checks on a small demo company and on random text: coverage, budget, stable ids,
//! overlap, as-of stage and competitor mentions.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use revpulse_graph::model::{
    Account, Activity, ActivityKind, Segment, Speaker, Stage, Ticket, TicketComment,
    TicketPriority, Transcript, TranscriptTurn,
};

use super::*;
use crate::dataset::CompanyDataset;
use crate::demo::{DemoConfig, generate};

fn demo() -> CompanyDataset {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    generate(&DemoConfig::new(7, today).with_accounts(30))
        .unwrap()
        .dataset
}

fn small() -> ChunkingConfig {
    ChunkingConfig {
        max_tokens: 60,
        overlap_turns: 1,
    }
}

#[test]
fn every_turn_is_covered_and_no_chunk_is_over_budget() {
    let data = demo();
    for config in [ChunkingConfig::default(), small()] {
        let chunks = chunk_company(&data, &config, &WordPieceEstimate).unwrap();
        assert!(!chunks.is_empty());
        for c in &chunks {
            assert!(c.tokens <= config.max_tokens, "{} has {}", c.id, c.tokens);
            assert_eq!(c.tokens, WordPieceEstimate.count(&c.text));
        }
        let mut covered: BTreeMap<&str, HashSet<usize>> = BTreeMap::new();
        for c in &chunks {
            let set = covered.entry(c.source_id.as_str()).or_default();
            set.extend(c.first_passage..=c.last_passage);
        }
        for t in &data.transcripts {
            let set = covered.get(t.id.as_str()).cloned().unwrap_or_default();
            for i in 0..t.turns.len() {
                assert!(set.contains(&i), "{} turn {i} not covered", t.id);
            }
        }
        for t in &data.tickets {
            let set = covered.get(t.id.as_str()).cloned().unwrap_or_default();
            assert_eq!(set.len(), t.comments.len(), "{}", t.id);
        }
        let messages = data
            .activities
            .iter()
            .filter(|a| a.kind != ActivityKind::Call);
        for a in messages {
            assert!(covered.contains_key(a.id.as_str()), "{}", a.id);
        }
    }
}

#[test]
fn ids_are_unique_sorted_and_stable_across_runs() {
    let data = demo();
    let config = ChunkingConfig::default();
    let a = chunk_company(&data, &config, &WordPieceEstimate).unwrap();
    let b = chunk_company(&demo(), &config, &WordPieceEstimate).unwrap();
    assert_eq!(a, b);
    let ids: HashSet<&str> = a.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), a.len());
    assert!(a.windows(2).all(|w| w[0].id < w[1].id));
    for c in &a {
        let base = chunk_id(&c.source_id, c.first_passage, c.last_passage, None);
        assert!(
            c.id == base || c.id.starts_with(&format!("{base}.")),
            "{}",
            c.id
        );
    }
}

#[test]
fn consecutive_windows_of_a_long_transcript_overlap() {
    let data = demo();
    let chunks = chunk_company(&data, &small(), &WordPieceEstimate).unwrap();
    let mut by_source: BTreeMap<&str, Vec<&Chunk>> = BTreeMap::new();
    for c in chunks
        .iter()
        .filter(|c| c.metadata.source_type == SourceType::CallTranscript)
    {
        by_source.entry(c.source_id.as_str()).or_default().push(c);
    }
    let mut overlapping = 0;
    for windows in by_source.values_mut() {
        windows.sort_by_key(|c| (c.first_passage, c.last_passage, c.id.clone()));
        for pair in windows.windows(2) {
            assert!(pair[1].first_passage >= pair[0].first_passage);
            if pair[1].first_passage <= pair[0].last_passage && pair[0].id != pair[1].id {
                overlapping += 1;
            }
        }
    }
    assert!(overlapping > 0, "no overlapping windows found");
}

#[test]
fn stage_is_the_deal_stage_as_of_the_chunk() {
    let data = demo();
    let chunks = chunk_company(&data, &ChunkingConfig::default(), &WordPieceEstimate).unwrap();
    let mut checked = 0;
    for c in chunks
        .iter()
        .filter(|c| c.metadata.deal_id.is_some())
        .step_by(7)
    {
        let deal = c.metadata.deal_id.as_deref().unwrap();
        let expected = data
            .stage_changes
            .iter()
            .filter(|s| s.opportunity_id == deal && s.at <= c.metadata.timestamp)
            .max_by_key(|s| (s.at, s.seq))
            .map(|s| s.to);
        assert_eq!(c.metadata.stage, expected, "{}", c.id);
        let opp = data.opportunities.iter().find(|o| o.id == deal).unwrap();
        assert_eq!(
            c.metadata.product_line.as_deref(),
            Some(&*opp.product_line_id)
        );
        checked += 1;
    }
    assert!(checked > 5);
    for c in chunks.iter().filter(|c| c.metadata.deal_id.is_none()) {
        assert_eq!(c.metadata.stage, None);
    }
}

#[test]
fn mentioned_competitors_come_from_the_activity() {
    let data = demo();
    let chunks = chunk_company(&data, &ChunkingConfig::default(), &WordPieceEstimate).unwrap();
    let transcripts: BTreeMap<&str, &str> = data
        .transcripts
        .iter()
        .map(|t| (t.id.as_str(), t.activity_id.as_str()))
        .collect();
    let activities: BTreeMap<&str, &Activity> =
        data.activities.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut with_mentions = 0;
    for c in &chunks {
        let activity_id = match c.metadata.source_type {
            SourceType::CallTranscript => transcripts[c.source_id.as_str()],
            SourceType::Email => c.source_id.as_str(),
            _ => continue,
        };
        let activity = activities[activity_id];
        for name in &c.metadata.competitor_mentioned {
            assert!(
                activity.competitors_mentioned.contains(name),
                "{} names {name}: {}",
                c.id,
                c.text
            );
            with_mentions += 1;
        }
    }
    assert!(with_mentions > 0);
}

#[test]
fn rejects_bad_config() {
    let bad = ChunkingConfig {
        max_tokens: 8,
        overlap_turns: 0,
    };
    assert!(chunk_company(&CompanyDataset::default(), &bad, &WordPieceEstimate).is_err());
}

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_790_000_000 + seconds, 0).unwrap()
}

/// A one-account company whose call, email and ticket carry the given texts.
fn tiny_company(turns: &[String], body: &str) -> CompanyDataset {
    let account = Account {
        id: "ACC-1".into(),
        name: "Acme".into(),
        industry: "Retail".into(),
        segment: Segment::Smb,
        region_id: "EMEA".into(),
        owner_id: "U-1".into(),
        employees: 50,
        created_on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    };
    let activity = |id: &str, kind| Activity {
        id: id.into(),
        kind,
        at: at(0),
        account_id: "ACC-1".into(),
        opportunity_id: None,
        user_id: "U-1".into(),
        contact_ids: vec![],
        subject: "Renewal".into(),
        body: body.into(),
        competitors_mentioned: vec![],
        duration_minutes: 30,
    };
    let transcript = Transcript {
        id: "TR-1".into(),
        activity_id: "A-1".into(),
        turns: turns
            .iter()
            .enumerate()
            .map(|(i, text)| TranscriptTurn {
                speaker: if i % 2 == 0 {
                    Speaker::Seller
                } else {
                    Speaker::Buyer
                },
                person_id: format!("P-{i}"),
                offset_seconds: i as i64 * 30,
                text: text.clone(),
            })
            .collect(),
    };
    let ticket = Ticket {
        id: "T-1".into(),
        account_id: "ACC-1".into(),
        contact_id: None,
        opened_at: at(0),
        closed_at: None,
        priority: TicketPriority::Normal,
        subject: "Login broken".into(),
        sentiment: 0.0,
        comments: vec![TicketComment {
            author_id: "C-1".into(),
            at: at(60),
            body: body.into(),
        }],
    };
    CompanyDataset {
        accounts: vec![account],
        activities: vec![
            activity("A-1", ActivityKind::Call),
            activity("A-2", ActivityKind::Email),
        ],
        transcripts: vec![transcript],
        tickets: vec![ticket],
        ..CompanyDataset::default()
    }
}

#[test]
fn tiny_company_metadata_and_timestamps() {
    let turns = vec![
        "Hello there.".to_string(),
        "Hi, Vantora's quote is low.".into(),
    ];
    let data = tiny_company(&turns, "Body text.");
    let chunks = chunk_company(&data, &ChunkingConfig::default(), &WordPieceEstimate).unwrap();
    let ids: Vec<&str> = chunks.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["A-2#0-0", "T-1#0-0", "TR-1#0-1"]);
    let call = &chunks[2];
    assert_eq!(
        call.text,
        "P-0: Hello there.\nP-1: Hi, Vantora's quote is low."
    );
    assert_eq!(call.metadata.timestamp, at(0));
    assert_eq!(call.metadata.region, "EMEA");
    assert_eq!(call.metadata.stage, None::<Stage>);
    assert_eq!(chunks[1].text, "Login broken\nC-1: Body text.");
    assert_eq!(chunks[1].metadata.sales_rep, "U-1");
    assert_eq!(chunks[1].metadata.timestamp, at(60));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_text_never_exceeds_the_budget(
        turns in proptest::collection::vec("[a-zA-Z .!?,\n]{0,400}|[a-z]{0,900}", 1..12),
        body in "[a-zA-Z .!?,\n]{0,1500}",
        max_tokens in 16usize..120,
    ) {
        let data = tiny_company(&turns, &body);
        let config = ChunkingConfig { max_tokens, overlap_turns: 1 };
        let chunks = chunk_company(&data, &config, &WordPieceEstimate).unwrap();
        for c in &chunks {
            prop_assert!(c.tokens <= max_tokens, "{} {} > {}", c.id, c.tokens, max_tokens);
        }
        let covered: HashSet<usize> = chunks
            .iter()
            .filter(|c| c.source_id == "TR-1")
            .flat_map(|c| c.first_passage..=c.last_passage)
            .collect();
        for (i, t) in turns.iter().enumerate() {
            if !t.trim().is_empty() {
                prop_assert!(covered.contains(&i), "turn {} not covered", i);
            }
        }
    }
}
