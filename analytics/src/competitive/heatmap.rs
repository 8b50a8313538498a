//! Competitor-mention counts per competitor × cut (region, industry, period…): the data behind
//! "which competitors came up most this month, by region / industry?".
//!
//! The caller tags each mention with the cut it belongs to (the account's region, its industry,
//! or the [`period_key`] of the passage's date) and calls [`heatmap`] once per dimension.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::classify::MentionKind;

/// Calendar grain of a period cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodGrain {
    /// Calendar month, keyed `"2025-05"`.
    Month,
    /// Calendar quarter, keyed `"2025-Q2"`.
    Quarter,
}

/// The key of the period containing `date`; keys sort chronologically.
pub fn period_key(date: NaiveDate, grain: PeriodGrain) -> String {
    match grain {
        PeriodGrain::Month => format!("{:04}-{:02}", date.year(), date.month()),
        PeriodGrain::Quarter => format!("{:04}-Q{}", date.year(), date.month0() / 3 + 1),
    }
}

/// One mention tagged with its cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionFact<'a> {
    /// Canonical competitor name.
    pub competitor: &'a str,
    /// Kind of mention.
    pub kind: MentionKind,
    /// The cut it falls in (a region id, an industry, a period key…).
    pub cut: &'a str,
}

/// Counts in one cell, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// Pricing comparisons.
    pub pricing_comparison: u32,
    /// Feature gaps.
    pub feature_gap: u32,
    /// Objections.
    pub objection: u32,
    /// Displacements.
    pub displacement: u32,
}

impl KindCounts {
    /// Adds one mention of `kind`.
    pub fn add(&mut self, kind: MentionKind) {
        match kind {
            MentionKind::PricingComparison => self.pricing_comparison += 1,
            MentionKind::FeatureGap => self.feature_gap += 1,
            MentionKind::Objection => self.objection += 1,
            MentionKind::Displacement => self.displacement += 1,
        }
    }

    /// Mentions of every kind.
    pub fn total(&self) -> u32 {
        self.pricing_comparison + self.feature_gap + self.objection + self.displacement
    }

    /// Mentions of one kind.
    pub fn of(&self, kind: MentionKind) -> u32 {
        match kind {
            MentionKind::PricingComparison => self.pricing_comparison,
            MentionKind::FeatureGap => self.feature_gap,
            MentionKind::Objection => self.objection,
            MentionKind::Displacement => self.displacement,
        }
    }
}

/// A dense competitor × cut matrix of mention counts (zeros included), both axes sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Heatmap {
    /// Row labels: competitors, sorted by name.
    pub competitors: Vec<String>,
    /// Column labels: cuts, sorted.
    pub cuts: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<KindCounts>>,
}

impl Heatmap {
    /// The cell of a competitor and a cut (zero counts when either is absent).
    pub fn cell(&self, competitor: &str, cut: &str) -> KindCounts {
        let row = self
            .competitors
            .binary_search_by(|c| c.as_str().cmp(competitor));
        let column = self.cuts.binary_search_by(|c| c.as_str().cmp(cut));
        match (row, column) {
            (Ok(r), Ok(c)) => self.cells[r][c],
            _ => KindCounts::default(),
        }
    }

    /// Mentions of a competitor across every cut.
    pub fn competitor_total(&self, competitor: &str) -> u32 {
        self.cuts
            .iter()
            .map(|cut| self.cell(competitor, cut).total())
            .sum()
    }
}

/// Counts the mentions into a heatmap.
pub fn heatmap<'a>(facts: impl IntoIterator<Item = MentionFact<'a>>) -> Heatmap {
    let mut counts: BTreeMap<(&str, &str), KindCounts> = BTreeMap::new();
    let mut cuts: BTreeSet<&str> = BTreeSet::new();
    for fact in facts {
        counts
            .entry((fact.competitor, fact.cut))
            .or_default()
            .add(fact.kind);
        cuts.insert(fact.cut);
    }
    let mut competitors: Vec<&str> = counts.keys().map(|(c, _)| *c).collect();
    competitors.dedup();
    let cuts: Vec<&str> = cuts.into_iter().collect();
    let cells = competitors
        .iter()
        .map(|c| {
            cuts.iter()
                .map(|cut| counts.get(&(*c, *cut)).copied().unwrap_or_default())
                .collect()
        })
        .collect();
    Heatmap {
        competitors: competitors.into_iter().map(str::to_string).collect(),
        cuts: cuts.into_iter().map(str::to_string).collect(),
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact<'a>(competitor: &'a str, kind: MentionKind, cut: &'a str) -> MentionFact<'a> {
        MentionFact {
            competitor,
            kind,
            cut,
        }
    }

    #[test]
    fn counts_land_in_their_cells_with_zeros_filled() {
        let facts = [
            fact("Vantora", MentionKind::PricingComparison, "EMEA"),
            fact("Vantora", MentionKind::Objection, "EMEA"),
            fact("Corvalis", MentionKind::Displacement, "APAC"),
        ];
        let map = heatmap(facts);
        assert_eq!(map.competitors, ["Corvalis", "Vantora"]);
        assert_eq!(map.cuts, ["APAC", "EMEA"]);
        assert_eq!(map.cell("Vantora", "EMEA").total(), 2);
        assert_eq!(map.cell("Vantora", "APAC").total(), 0);
        assert_eq!(map.cell("Corvalis", "APAC").displacement, 1);
        assert_eq!(map.competitor_total("Vantora"), 2);
        assert_eq!(map.cell("Nobody", "EMEA"), KindCounts::default());
    }

    #[test]
    fn period_keys_sort_chronologically() {
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        assert_eq!(period_key(d(2025, 5), PeriodGrain::Month), "2025-05");
        assert_eq!(period_key(d(2025, 5), PeriodGrain::Quarter), "2025-Q2");
        assert!(
            period_key(d(2024, 12), PeriodGrain::Month)
                < period_key(d(2025, 1), PeriodGrain::Month)
        );
        assert_eq!(period_key(d(2024, 12), PeriodGrain::Quarter), "2024-Q4");
    }
}
