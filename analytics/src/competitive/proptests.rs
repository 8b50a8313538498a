//! Property tests of the invariants every caller relies on: offsets always point at the text
//! reported, scores stay in their ranges, and explanations add up to the score they explain.

use proptest::prelude::*;

use super::churn::{ChurnExample, ChurnModel};
use super::churn_features::{ChurnFeatureRow, FEATURE_COUNT};
use super::expansion::{ExpansionSignals, ExpansionWeights, expansion_score};
use super::logistic::LogisticConfig;
use super::matcher::{CompetitorMatcher, CompetitorName};
use super::mentions::{Passage, TextSource, extract_mentions};
use super::sentiment::{score_passage, score_sentence};
use super::win_rates::{Z_95, wilson};

fn matcher() -> CompetitorMatcher {
    let entry = |name: &str, aliases: &[&str]| CompetitorName {
        name: name.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    };
    let catalogue = [
        entry("Vantora", &["Vantora Suite", "VTR"]),
        entry("Brightlane", &["Brightlane.io", "Bright Lane", "BL"]),
        entry("Orrin Data", &["Orrin", "OrrinDB"]),
    ];
    CompetitorMatcher::new(&catalogue).unwrap()
}

/// Text built from name-like pieces, punctuation, apostrophes and non-ASCII characters.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Vantora".to_string()),
        Just("vantorra".to_string()),
        Just("Bright Lane's".to_string()),
        Just("Orrin Data’s".to_string()),
        Just("Brightlane.io".to_string()),
        Just("VTR".to_string()),
        Just("not great".to_string()),
        Just("really bad!".to_string()),
        Just("but".to_string()),
        Just("price 20% lower".to_string()),
        "[a-zA-Z'’.,!?$%é—\\- \\n]{0,12}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|p| p.join(" "))
}

proptest! {
    #[test]
    fn mention_offsets_point_at_the_reported_text(text in texty()) {
        let passage = Passage { source: TextSource::Transcript, source_id: "TR-1", passage_index: 0, text: &text };
        for m in extract_mentions(&matcher(), &passage) {
            prop_assert!(m.name_span.end <= text.len() && m.snippet_span.end <= text.len());
            prop_assert_eq!(m.name_span.slice(&text), Some(m.name_as_written.as_str()));
            prop_assert_eq!(m.snippet_span.slice(&text), Some(m.snippet.as_str()));
            prop_assert!(m.snippet_span.start <= m.name_span.start && m.name_span.end <= m.snippet_span.end);
        }
    }

    #[test]
    fn sentiment_stays_in_range(text in texty()) {
        let p = score_passage(&text);
        prop_assert!((-1.0..=1.0).contains(&p.score));
        for s in &p.sentences {
            prop_assert!(s.score > -1.0 && s.score < 1.0);
            let sentence = s.span.slice(&text);
            prop_assert!(sentence.is_some());
            prop_assert_eq!(score_sentence(sentence.unwrap_or_default()), (s.score, s.opinion_words));
        }
    }

    #[test]
    fn negation_flips_an_opinion(word in prop::sample::select(vec!["great", "helpful", "reliable", "broken", "slow", "terrible"])) {
        let plain = score_sentence(&format!("The rollout was {word}.")).0;
        let negated = score_sentence(&format!("The rollout was not {word}.")).0;
        prop_assert!(plain * negated < 0.0);
    }

    #[test]
    fn churn_probabilities_are_bounded_and_explained(
        rows in proptest::collection::vec((proptest::array::uniform7(-3.0f64..3.0), any::<bool>()), 8..40),
        probe in proptest::array::uniform7(-50.0f64..50.0),
    ) {
        let mut examples: Vec<ChurnExample> = rows
            .iter()
            .map(|(values, churned)| ChurnExample { features: ChurnFeatureRow { values: *values }, churned: *churned })
            .collect();
        examples[0].churned = true;
        examples[1].churned = false;
        let model = ChurnModel::train(&examples, &LogisticConfig::default()).unwrap();
        let probe: [f64; FEATURE_COUNT] = probe;
        let score = model.score(&ChurnFeatureRow { values: probe });
        prop_assert!((0.0..=1.0).contains(&score.probability));
        let sum = score.drivers.iter().fold(score.baseline, |acc, d| acc + d.contribution);
        prop_assert_eq!(sum, score.log_odds);
    }

    #[test]
    fn expansion_points_sum_to_a_bounded_score(
        util in -1.0f64..3.0, growth in -2.0f64..3.0, sentiment in proptest::option::of(-1.0f64..1.0), mentions in 0u32..10,
    ) {
        let s = expansion_score(
            &ExpansionSignals { seat_utilisation: util, usage_growth: growth, sentiment, interest_mentions: mentions },
            &ExpansionWeights::default(),
        );
        prop_assert!((0.0..=1.0).contains(&s.score));
        let sum: f64 = s.signals.iter().map(|x| x.points).sum();
        prop_assert!((sum - s.score).abs() < 1e-12);
    }

    #[test]
    fn wilson_intervals_hold_the_rate(wins in 0u32..500, extra in 0u32..500) {
        let r = wilson(wins, wins + extra, Z_95);
        prop_assert!(0.0 <= r.low && r.low <= r.high && r.high <= 1.0);
        if let Some(p) = r.rate {
            prop_assert!(r.low <= p + 1e-12 && p <= r.high + 1e-12);
        }
    }
}
