//! Win rate with and without each competitor in the deal, with counts and confidence
//! intervals: "what is our win rate when Vantora is in the deal?".
//!
//! A deal counts as "with" a competitor when the caller lists it among the deal's
//! competitors (e.g. named in the deal's calls, emails or meetings); "without" means that
//! competitor was not listed — other competitors may have been. Rates carry a Wilson score
//! interval; the with-minus-without difference carries Newcombe's hybrid score interval
//! (method 10 of Newcombe 1998), built from the two Wilson intervals.

use std::collections::BTreeSet;

use serde::Serialize;

/// z for a two-sided 95% interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// One closed deal: its outcome and the competitors in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClosedDeal<'a> {
    /// Won (true) or lost (false).
    pub won: bool,
    /// Canonical names of the competitors in the deal (duplicates are ignored).
    pub competitors: &'a [String],
}

/// A win rate with its counts and interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateEstimate {
    /// Deals won.
    pub wins: u32,
    /// Deals closed.
    pub deals: u32,
    /// `wins / deals`; `None` without deals.
    pub rate: Option<f64>,
    /// Lower end of the Wilson interval (0 without deals).
    pub low: f64,
    /// Upper end of the Wilson interval (1 without deals).
    pub high: f64,
}

/// The Wilson score interval of `wins` out of `deals` at normal quantile `z`.
pub fn wilson(wins: u32, deals: u32, z: f64) -> RateEstimate {
    if deals == 0 {
        return RateEstimate {
            wins,
            deals,
            rate: None,
            low: 0.0,
            high: 1.0,
        };
    }
    let n = f64::from(deals);
    let p = f64::from(wins.min(deals)) / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    RateEstimate {
        wins,
        deals,
        rate: Some(p),
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}

/// The with-minus-without difference in win rate and its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateDifference {
    /// `with.rate - without.rate`.
    pub difference: f64,
    /// Lower end of Newcombe's hybrid score interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// The interval excludes zero.
    pub significant: bool,
}

/// Newcombe's hybrid score interval of `a.rate - b.rate`; `None` when either has no deals.
pub fn difference(a: &RateEstimate, b: &RateEstimate) -> Option<RateDifference> {
    let (p1, p2) = (a.rate?, b.rate?);
    let d = p1 - p2;
    let low = d - ((p1 - a.low).powi(2) + (b.high - p2).powi(2)).sqrt();
    let high = d + ((a.high - p1).powi(2) + (p2 - b.low).powi(2)).sqrt();
    Some(RateDifference {
        difference: d,
        low,
        high,
        significant: low > 0.0 || high < 0.0,
    })
}

/// Win rates with and without one competitor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetitorWinRate {
    /// Canonical competitor name.
    pub competitor: String,
    /// Deals the competitor was in.
    pub with: RateEstimate,
    /// Deals it was not in.
    pub without: RateEstimate,
    /// `with - without`, when both have deals.
    pub difference: Option<RateDifference>,
}

/// Win rates overall, with no competitor, with any, and per competitor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WinRateReport {
    /// Every closed deal.
    pub overall: RateEstimate,
    /// Deals with no competitor listed.
    pub no_competitor: RateEstimate,
    /// Deals with at least one competitor listed.
    pub any_competitor: RateEstimate,
    /// Per competitor, sorted by name.
    pub by_competitor: Vec<CompetitorWinRate>,
}

/// Computes win rates with and without each competitor at interval quantile `z`
/// (use [`Z_95`]).
pub fn win_rates(deals: &[ClosedDeal<'_>], z: f64) -> WinRateReport {
    let names: BTreeSet<&str> = deals
        .iter()
        .flat_map(|d| d.competitors.iter().map(String::as_str))
        .collect();
    let count = |keep: &dyn Fn(&ClosedDeal<'_>) -> bool| {
        let kept = deals.iter().filter(|d| keep(d));
        let (wins, total) = kept.fold((0u32, 0u32), |(w, t), d| (w + u32::from(d.won), t + 1));
        wilson(wins, total, z)
    };
    let has = |d: &ClosedDeal<'_>, name: &str| d.competitors.iter().any(|c| c == name);
    let by_competitor = names
        .into_iter()
        .map(|name| {
            let with = count(&|d| has(d, name));
            let without = count(&|d| !has(d, name));
            CompetitorWinRate {
                competitor: name.to_string(),
                difference: difference(&with, &without),
                with,
                without,
            }
        })
        .collect();
    WinRateReport {
        overall: count(&|_| true),
        no_competitor: count(&|d| d.competitors.is_empty()),
        any_competitor: count(&|d| !d.competitors.is_empty()),
        by_competitor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_its_closed_form_on_a_textbook_case() {
        // 8 of 10 at 95%: the interval solves |p - p̂| = z·sqrt(p(1-p)/n) for p.
        let r = wilson(8, 10, Z_95);
        for bound in [r.low, r.high] {
            let lhs = (bound - 0.8).abs();
            let rhs = Z_95 * (bound * (1.0 - bound) / 10.0).sqrt();
            assert!((lhs - rhs).abs() < 1e-12, "{bound}");
        }
        assert!(r.low < 0.8 && r.high > 0.8);
    }

    #[test]
    fn empty_and_extreme_counts_stay_in_bounds() {
        let none = wilson(0, 0, Z_95);
        assert_eq!((none.rate, none.low, none.high), (None, 0.0, 1.0));
        let all = wilson(5, 5, Z_95);
        assert_eq!(all.high, 1.0);
        assert!(all.low > 0.4 && all.low < 1.0);
        assert_eq!(wilson(0, 5, Z_95).low, 0.0);
    }

    #[test]
    fn with_and_without_partition_the_deals() {
        let v = vec!["Vantora".to_string()];
        let vb = vec!["Vantora".to_string(), "Brightlane".to_string()];
        let none: Vec<String> = Vec::new();
        let deals = [
            ClosedDeal {
                won: false,
                competitors: &v,
            },
            ClosedDeal {
                won: true,
                competitors: &vb,
            },
            ClosedDeal {
                won: true,
                competitors: &none,
            },
            ClosedDeal {
                won: true,
                competitors: &none,
            },
        ];
        let report = win_rates(&deals, Z_95);
        assert_eq!((report.overall.wins, report.overall.deals), (3, 4));
        assert_eq!(
            (report.no_competitor.wins, report.no_competitor.deals),
            (2, 2)
        );
        let vantora = &report.by_competitor[1];
        assert_eq!(vantora.competitor, "Vantora");
        assert_eq!((vantora.with.wins, vantora.with.deals), (1, 2));
        assert_eq!((vantora.without.wins, vantora.without.deals), (2, 2));
        let diff = vantora.difference.unwrap();
        assert!((diff.difference + 0.5).abs() < 1e-12);
        assert!(diff.low < diff.difference && diff.high > diff.difference);
        assert!(!diff.significant);
    }
}
