//! The funnel tool's rows: each region's steps of both funnels from the analytics' cut
//! comparison (current window against history, two-proportion z or Fisher exact test), the
//! step with the most negative significant change, and what is sitting at that step today.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use revpulse_analytics::forecast::Period;
use revpulse_analytics::forecast::funnel::{
    ConversionBasis, FunnelConfig, FunnelEntry, funnel_stats,
};
use revpulse_analytics::forecast::funnel_compare::{CutComparison, StepComparison, compare_cuts};
use revpulse_graph::model::{CompanyDataset, Stage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::funnel_entries::{Funnel, REGION};
use super::ledger::DealLedger;
use crate::{DateRange, Source, ToolError};

/// Significance level of the change tests.
const ALPHA: f64 = 0.05;
/// Deals cited per region at its worst-drop stage.
const CITED_DEALS: usize = 10;

/// One step of one funnel in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FunnelStep {
    /// `lead` or `opportunity`.
    pub funnel: String,
    /// Stage the step starts at (e.g. `mql`, `proposal`).
    pub from_stage: String,
    /// Stage it leads to.
    pub to_stage: String,
    /// Entries that reached `from_stage` in the period.
    pub entered: u64,
    /// Of them, reached `to_stage` by today.
    pub converted: u64,
    /// Of them, left the funnel, or waited past the stale horizon (45 days per lead stage,
    /// 90 per deal stage).
    pub dropped: u64,
    /// Of them, still waiting (not judged).
    pub pending: u64,
    /// converted / (converted + dropped); `None` with nothing judged.
    pub conversion_rate: Option<f64>,
    /// Entries that reached `from_stage` in the history window.
    pub history_entered: u64,
    /// The same rate over the history window.
    pub history_rate: Option<f64>,
    /// conversion_rate − history_rate, when both exist.
    pub change: Option<f64>,
    /// Whether the change is significant at the 5% level.
    pub significant: bool,
    /// Two-sided p-value of the change (z-test, or Fisher's exact test on small counts).
    pub p_value: Option<f64>,
}

/// What is sitting at a stage today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StageVolume {
    /// `lead` or `opportunity`.
    pub funnel: String,
    /// The stage.
    pub stage: String,
    /// Leads (lead funnel) or open deals (opportunity funnel) at it today.
    pub count: u64,
    /// Their amount in dollars (deals only; `None` for leads).
    pub amount: Option<i64>,
}

/// One region's funnel against its own history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RegionFunnel {
    /// Region id.
    pub region_id: String,
    /// Region name.
    pub name: String,
    /// The lead funnel's steps, then the opportunity funnel's.
    pub stages: Vec<FunnelStep>,
    /// The step with the most negative significant change, if any.
    pub worst_drop: Option<FunnelStep>,
    /// What sits at the worst-drop step's `from_stage` today.
    pub volume_behind: Option<StageVolume>,
}

/// Every region's funnel, and the regions and deals cited.
pub(crate) fn region_funnels(
    company: &CompanyDataset,
    today: NaiveDate,
    regions: &[(String, String)],
    windows: (DateRange, DateRange),
) -> Result<(Vec<RegionFunnel>, Vec<Source>), ToolError> {
    let ledger = DealLedger::new(company, today);
    let period =
        |r: DateRange| Period::new(r.from, r.to).map_err(|e| ToolError::analytics("funnel", e));
    let windows = (period(windows.0)?, period(windows.1)?);
    let funnels: Vec<FunnelCuts> = Funnel::BOTH
        .into_iter()
        .map(|funnel| FunnelCuts::new(funnel, company, &ledger, windows, today))
        .collect();
    let mut out = Vec::with_capacity(regions.len());
    let mut sources = Vec::new();
    for (region_id, name) in regions {
        sources.push(Source::record("Region", region_id, name));
        let stages: Vec<FunnelStep> = funnels.iter().flat_map(|f| f.steps(region_id)).collect();
        let worst_drop = worst_drop(&stages);
        let volume_behind = worst_drop.as_ref().and_then(|step| {
            let funnel = funnels.iter().find(|f| f.funnel.as_str() == step.funnel)?;
            Some(funnel.volume(region_id, &step.from_stage, &ledger, &mut sources))
        });
        out.push(RegionFunnel {
            region_id: region_id.clone(),
            name: name.clone(),
            stages,
            worst_drop,
            volume_behind,
        });
    }
    Ok((out, sources))
}

/// The step with the most negative significant change (the first on ties).
fn worst_drop(steps: &[FunnelStep]) -> Option<FunnelStep> {
    steps
        .iter()
        .filter(|s| s.significant)
        .filter_map(|s| s.change.filter(|c| *c < 0.0).map(|c| (c, s)))
        .reduce(|worst, next| if next.0 < worst.0 { next } else { worst })
        .map(|(_, s)| s.clone())
}

/// One funnel's entries and its comparison per region.
struct FunnelCuts {
    funnel: Funnel,
    entries: Vec<FunnelEntry>,
    cuts: BTreeMap<String, CutComparison>,
    empty: Vec<StepComparison>,
    today: NaiveDate,
}

impl FunnelCuts {
    fn new(
        funnel: Funnel,
        company: &CompanyDataset,
        ledger: &DealLedger<'_>,
        windows: (Period, Period),
        today: NaiveDate,
    ) -> Self {
        let config = FunnelConfig {
            as_of: today,
            basis: ConversionBasis::Resolved {
                stale_after_days: Some(funnel.stale_after_days()),
            },
            alpha: ALPHA,
        };
        let entries = funnel.entries(company, ledger);
        let stages = funnel.stages().len();
        let cuts = compare_cuts(&entries, stages, Some(REGION), windows, &config)
            .into_iter()
            .map(|cut| (cut.value.clone(), cut))
            .collect();
        let empty = funnel_stats(&[], stages, windows.0, &config)
            .into_iter()
            .map(|current| StepComparison {
                history: current.clone(),
                current,
                change: None,
                test: None,
                velocity_change_days: None,
            })
            .collect();
        Self {
            funnel,
            entries,
            cuts,
            empty,
            today,
        }
    }

    /// The region's steps, first to last.
    fn steps(&self, region_id: &str) -> Vec<FunnelStep> {
        let steps = self.cuts.get(region_id).map_or(&self.empty, |c| &c.steps);
        let names = self.funnel.stages();
        steps
            .iter()
            .map(|s| FunnelStep {
                funnel: self.funnel.as_str().to_owned(),
                from_stage: names[s.current.from].to_owned(),
                to_stage: names[s.current.from + 1].to_owned(),
                entered: s.current.entered as u64,
                converted: s.current.converted as u64,
                dropped: s.current.dropped as u64,
                pending: s.current.pending as u64,
                conversion_rate: s.current.conversion_rate,
                history_entered: s.history.entered as u64,
                history_rate: s.history.conversion_rate,
                change: s.change,
                significant: s.test.is_some_and(|t| t.significant),
                p_value: s.test.map(|t| t.p_value),
            })
            .collect()
    }

    /// What sits at `stage` in the region today; the deals there are cited.
    fn volume(
        &self,
        region_id: &str,
        stage: &str,
        ledger: &DealLedger<'_>,
        sources: &mut Vec<Source>,
    ) -> StageVolume {
        let level = self
            .funnel
            .stages()
            .iter()
            .position(|s| *s == stage)
            .unwrap_or(0);
        let (count, amount) = match self.funnel {
            Funnel::Lead => (self.leads_at(region_id, level), None),
            Funnel::Opportunity => {
                let stage = Stage::OPEN
                    .get(level)
                    .copied()
                    .unwrap_or(Stage::Prospecting);
                let mut deals: Vec<_> = ledger
                    .deals()
                    .filter(|d| d.region_id == region_id && d.stage == stage)
                    .collect();
                deals.sort_by(|a, b| b.amount.cmp(&a.amount).then(a.deal.id.cmp(&b.deal.id)));
                sources.extend(
                    deals
                        .iter()
                        .take(CITED_DEALS)
                        .map(|d| Source::record("Opportunity", &d.deal.id, &d.deal.name)),
                );
                let amount = deals.iter().map(|d| d.amount).sum();
                (deals.len() as u64, Some(amount))
            }
        };
        StageVolume {
            funnel: self.funnel.as_str().to_owned(),
            stage: stage.to_owned(),
            count,
            amount,
        }
    }

    /// Leads of the region whose furthest stage reached by today is `level`, still in play.
    fn leads_at(&self, region_id: &str, level: usize) -> u64 {
        let furthest = |e: &FunnelEntry| {
            e.reached
                .iter()
                .rposition(|d| d.is_some_and(|d| d <= self.today))
        };
        self.entries
            .iter()
            .filter(|e| e.cuts.get(REGION).is_some_and(|r| r == region_id))
            .filter(|e| !e.exited && furthest(e) == Some(level))
            .count() as u64
    }
}
