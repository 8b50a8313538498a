//! The confidence of one deal's probability, from three separate pieces of evidence: how many
//! similar closed deals the model learned from (support), whether a bagged ensemble of smaller
//! models agrees (agreement), and whether the deal looks like the history at all
//! (in-distribution). See [`Confidence`] for the exact formulas.

use super::neighbours::{Neighbourhood, SUPPORT_K};
use super::output::{Confidence, ConfidenceLabel};

const SUPPORT_WEIGHT: f64 = 0.4;
const AGREEMENT_WEIGHT: f64 = 0.35;
const DISTRIBUTION_WEIGHT: f64 = 0.25;
/// Highest confidence the stage-and-segment fallback may report.
pub(crate) const FALLBACK_CAP: f64 = 0.3;
/// Lowest score labelled medium.
const MEDIUM_FROM: f64 = 0.45;
/// Lowest score labelled high.
const HIGH_FROM: f64 = 0.7;

/// Combines the evidence; `ensemble` holds the members' probabilities (empty = no ensemble);
/// `cap` bounds the score (the fallback's low confidence).
pub(crate) fn confidence(
    neighbourhood: &Neighbourhood,
    reference: &[f64],
    ensemble: &[f64],
    cap: f64,
) -> Confidence {
    let support = 1.0 - (-(neighbourhood.within_radius as f64) / SUPPORT_K as f64).exp();
    let in_distribution = in_distribution(neighbourhood.nearest, reference);
    let agreement = agreement(ensemble);
    let score = match agreement {
        Some(a) => {
            SUPPORT_WEIGHT * support + AGREEMENT_WEIGHT * a + DISTRIBUTION_WEIGHT * in_distribution
        }
        None => {
            (SUPPORT_WEIGHT * support + DISTRIBUTION_WEIGHT * in_distribution)
                / (SUPPORT_WEIGHT + DISTRIBUTION_WEIGHT)
        }
    }
    .clamp(0.0, cap.clamp(0.0, 1.0));
    Confidence {
        score,
        label: label(score),
        support,
        similar_closed_rows: neighbourhood.within_radius,
        ensemble_agreement: agreement,
        in_distribution,
    }
}

/// The word for a score.
pub(crate) fn label(score: f64) -> ConfidenceLabel {
    if score >= HIGH_FROM {
        ConfidenceLabel::High
    } else if score >= MEDIUM_FROM {
        ConfidenceLabel::Medium
    } else {
        ConfidenceLabel::Low
    }
}

/// `1 − min(1, 4·sd)` of the members' probabilities; `None` with fewer than two members.
fn agreement(probabilities: &[f64]) -> Option<f64> {
    if probabilities.len() < 2 {
        return None;
    }
    let n = probabilities.len() as f64;
    let mean = probabilities.iter().sum::<f64>() / n;
    let var = probabilities
        .iter()
        .map(|p| (p - mean).powi(2))
        .sum::<f64>()
        / n;
    Some(1.0 - (4.0 * var.sqrt()).min(1.0))
}

/// 1 up to the 90th percentile of the reference distances, then linearly down to 0 at 1.5×
/// their 99th percentile; 1 when there is no reference.
fn in_distribution(nearest: f64, reference: &[f64]) -> f64 {
    let (Some(q90), Some(q99)) = (
        crate::stats::quantile(reference, 0.9),
        crate::stats::quantile(reference, 0.99),
    ) else {
        return 1.0;
    };
    let zero_at = (1.5 * q99).max(q90 + 1e-9);
    if !nearest.is_finite() {
        return 0.0;
    }
    ((zero_at - nearest) / (zero_at - q90)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(within_radius: usize, nearest: f64) -> Neighbourhood {
        Neighbourhood {
            similar: Vec::new(),
            within_radius,
            nearest,
        }
    }

    #[test]
    fn more_support_agreement_and_typicality_mean_more_confidence() {
        let reference: Vec<f64> = (1..=100).map(f64::from).collect();
        let strong = confidence(&around(40, 5.0), &reference, &[0.5, 0.52, 0.49], 1.0);
        let thin = confidence(&around(1, 5.0), &reference, &[0.5, 0.52, 0.49], 1.0);
        let split = confidence(&around(40, 5.0), &reference, &[0.1, 0.9, 0.5], 1.0);
        let odd = confidence(&around(40, 400.0), &reference, &[0.5, 0.52, 0.49], 1.0);
        assert_eq!(strong.label, ConfidenceLabel::High);
        for weaker in [&thin, &split, &odd] {
            assert!(weaker.score < strong.score, "{weaker:?}");
        }
        assert_eq!(odd.in_distribution, 0.0);
    }

    #[test]
    fn the_cap_keeps_fallback_confidence_low() {
        let c = confidence(&around(500, 0.0), &[1.0, 2.0], &[], FALLBACK_CAP);
        assert!(c.score <= FALLBACK_CAP);
        assert_eq!(c.label, ConfidenceLabel::Low);
        assert_eq!(c.ensemble_agreement, None);
    }
}
