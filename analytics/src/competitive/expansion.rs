//! Expansion score: how ready a customer is to buy more, with the signals behind it — seat
//! pressure (utilisation near or over the licence), usage growth, positive sentiment, and
//! expansion interest voiced in calls, emails or tickets.
//!
//! Each signal becomes a strength in [0, 1] by a fixed ramp (documented on
//! [`ExpansionWeights`]); the score is the weighted sum of strengths, with weights summing to 1,
//! so it lies in [0, 1] and each signal's points add up to it. This is a transparent rule, not a
//! trained model: expansion outcomes are too sparse and too sales-driven to learn from.

use serde::Serialize;

use super::classify::contains_phrase;
use super::cue_lexicon::EXPANSION_INTEREST;
use super::text::{normalize, sentences, words};

/// The signals of one customer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ExpansionSignals {
    /// Active users over licensed seats, recent weeks.
    pub seat_utilisation: f64,
    /// Relative change of active users over recent weeks (0.25 = +25%).
    pub usage_growth: f64,
    /// Mean sentiment of recent calls and tickets in [−1, 1]; `None` without any.
    pub sentiment: Option<f64>,
    /// Sentences voicing expansion interest in recent texts.
    pub interest_mentions: u32,
}

/// Signal weights and ramps.
///
/// Strengths: seat pressure ramps from 0 at `utilisation_floor` to 1 at full use; growth from 0
/// at no growth to 1 at `growth_full`; sentiment from 0 at neutral to 1 at `sentiment_full`;
/// interest from 0 to 1 at `mentions_full` mentions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpansionWeights {
    /// Weight of seat pressure.
    pub seat_pressure: f64,
    /// Weight of usage growth.
    pub usage_growth: f64,
    /// Weight of positive sentiment.
    pub sentiment: f64,
    /// Weight of voiced interest.
    pub interest: f64,
    /// Utilisation where seat pressure starts.
    pub utilisation_floor: f64,
    /// Growth counted as full strength.
    pub growth_full: f64,
    /// Sentiment counted as full strength.
    pub sentiment_full: f64,
    /// Mentions counted as full strength.
    pub mentions_full: u32,
}

impl Default for ExpansionWeights {
    fn default() -> Self {
        Self {
            seat_pressure: 0.35,
            usage_growth: 0.30,
            sentiment: 0.15,
            interest: 0.20,
            utilisation_floor: 0.75,
            growth_full: 0.30,
            sentiment_full: 0.5,
            mentions_full: 2,
        }
    }
}

/// The kinds of expansion signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpansionSignalKind {
    /// Seats nearly or fully used.
    SeatPressure,
    /// Active users growing.
    UsageGrowth,
    /// Customer tone is positive.
    PositiveSentiment,
    /// The customer asked about more seats, teams or products.
    ExpansionInterest,
}

/// One signal's part of the score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ExpansionSignal {
    /// Which signal.
    pub kind: ExpansionSignalKind,
    /// The raw value (utilisation, growth, sentiment, or mention count).
    pub value: f64,
    /// Strength in [0, 1].
    pub strength: f64,
    /// `weight × strength`: this signal's points in the score.
    pub points: f64,
}

/// The expansion score of one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpansionScore {
    /// Score in [0, 1]: the sum of the signals' points.
    pub score: f64,
    /// Every signal, strongest points first (ties in kind order).
    pub signals: Vec<ExpansionSignal>,
}

fn ramp(value: f64, zero: f64, full: f64) -> f64 {
    if full <= zero || !value.is_finite() {
        return 0.0;
    }
    ((value - zero) / (full - zero)).clamp(0.0, 1.0)
}

/// Scores one customer. Weights are normalised to sum to 1 (all zero → score 0).
pub fn expansion_score(signals: &ExpansionSignals, weights: &ExpansionWeights) -> ExpansionScore {
    let total = weights.seat_pressure + weights.usage_growth + weights.sentiment + weights.interest;
    let norm = if total > 0.0 { total } else { 1.0 };
    let parts = [
        (
            ExpansionSignalKind::SeatPressure,
            weights.seat_pressure,
            signals.seat_utilisation,
            ramp(signals.seat_utilisation, weights.utilisation_floor, 1.0),
        ),
        (
            ExpansionSignalKind::UsageGrowth,
            weights.usage_growth,
            signals.usage_growth,
            ramp(signals.usage_growth, 0.0, weights.growth_full),
        ),
        (
            ExpansionSignalKind::PositiveSentiment,
            weights.sentiment,
            signals.sentiment.unwrap_or(0.0),
            ramp(
                signals.sentiment.unwrap_or(0.0),
                0.0,
                weights.sentiment_full,
            ),
        ),
        (
            ExpansionSignalKind::ExpansionInterest,
            weights.interest,
            f64::from(signals.interest_mentions),
            ramp(
                f64::from(signals.interest_mentions),
                0.0,
                f64::from(weights.mentions_full),
            ),
        ),
    ];
    let mut out: Vec<ExpansionSignal> = parts
        .into_iter()
        .map(|(kind, weight, value, strength)| ExpansionSignal {
            kind,
            value,
            strength,
            points: weight.max(0.0) / norm * strength,
        })
        .collect();
    let score = out.iter().map(|s| s.points).sum::<f64>().clamp(0.0, 1.0);
    out.sort_by(|a, b| b.points.total_cmp(&a.points).then(a.kind.cmp(&b.kind)));
    ExpansionScore {
        score,
        signals: out,
    }
}

/// Sentences of `text` that voice expansion interest (a cue phrase of
/// [`EXPANSION_INTEREST`]).
pub fn count_expansion_interest(text: &str) -> u32 {
    let mut n = 0;
    for span in sentences(text) {
        let lower: Vec<String> = words(span.slice(text).unwrap_or_default())
            .iter()
            .map(|w| normalize(w.text))
            .collect();
        if EXPANSION_INTEREST
            .iter()
            .any(|cue| contains_phrase(&lower, cue))
        {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_add_up_to_the_score_and_rank_the_signals() {
        let s = expansion_score(
            &ExpansionSignals {
                seat_utilisation: 0.98,
                usage_growth: 0.15,
                sentiment: Some(0.1),
                interest_mentions: 0,
            },
            &ExpansionWeights::default(),
        );
        let sum: f64 = s.signals.iter().map(|x| x.points).sum();
        assert!((sum - s.score).abs() < 1e-12);
        assert_eq!(s.signals[0].kind, ExpansionSignalKind::SeatPressure);
        assert!((s.signals[1].strength - 0.5).abs() < 1e-12);
    }

    #[test]
    fn a_saturated_customer_scores_one_and_an_idle_one_zero() {
        let w = ExpansionWeights::default();
        let full = ExpansionSignals {
            seat_utilisation: 1.2,
            usage_growth: 0.9,
            sentiment: Some(0.9),
            interest_mentions: 5,
        };
        assert!((expansion_score(&full, &w).score - 1.0).abs() < 1e-12);
        let idle = ExpansionSignals {
            seat_utilisation: 0.3,
            usage_growth: -0.2,
            sentiment: Some(-0.4),
            interest_mentions: 0,
        };
        assert_eq!(expansion_score(&idle, &w).score, 0.0);
    }

    #[test]
    fn interest_is_counted_per_sentence() {
        let text = "We want to add seats for the EMEA team. We may expand to APAC and buy more seats. Thanks!";
        assert_eq!(count_expansion_interest(text), 2);
        assert_eq!(count_expansion_interest("The export is broken."), 0);
    }
}
