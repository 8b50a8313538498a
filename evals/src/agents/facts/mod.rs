//! Expected facts: numbers an answer must state, each computed here at run time by a small,
//! obviously-right pass over the caller's visible records (never typed into a suite, never by
//! calling the tools). A suite names a fact (`open_pipeline_total`), optionally for a picked
//! region (`open_pipeline_total@other_region`).

mod compute;
mod deals;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use self::compute::FactInputs;
use super::placeholders::EntityKind;

/// The facts the harness knows how to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactName {
    /// Σ amount of deals open today.
    OpenPipelineTotal,
    /// Number of deals open today.
    OpenDealCount,
    /// Σ amount of new-business and expansion deals won this quarter (won = entered closed won).
    QuarterClosedWon,
    /// The same for the previous quarter.
    LastQuarterClosedWon,
    /// Σ amount of non-renewal deals open today, closing this quarter, in the commit category.
    QuarterCommit,
    /// The same in the best-case category.
    QuarterBestCase,
    /// Σ quarterly quota of the visible reps.
    QuarterQuota,
    /// The picked rep's quarterly quota.
    RepQuota,
    /// The picked rep's non-renewal deals won this quarter.
    RepClosedWon,
    /// The picked rep's commit this quarter.
    RepCommit,
    /// The picked rep's quota minus closed won.
    RepGap,
    /// Σ amount of non-renewal deals won from 1 January to today.
    WonRevenueThisYear,
    /// Σ amount of non-renewal deals won in the previous calendar year.
    WonRevenueLastYear,
    /// Σ ARR of active contracts.
    ArrTotal,
    /// Σ ARR of the picked account's active contracts.
    AccountArr,
    /// Σ amount of the picked account's open deals.
    AccountOpenPipeline,
    /// The picked deal's amount today.
    DealAmount,
    /// The picked campaign's cost.
    CampaignCost,
    /// Non-renewal deals with the picked competitor in them: recorded as the primary competitor
    /// or named in an activity on the deal.
    CompetitorDealCount,
    /// Won / (won + lost) of those deals that are closed.
    CompetitorWinRate,
    /// Active contracts renewing this quarter.
    RenewalsDueThisQuarter,
    /// Σ ARR of the active contracts renewing this quarter.
    RenewalArrThisQuarter,
    /// Open deals whose close-date pushes plus stage regressions reach two.
    SlippedDealCount,
}

impl FactName {
    /// Whether the fact can be narrowed to a region.
    fn regional(self) -> bool {
        use FactName::*;
        matches!(
            self,
            OpenPipelineTotal
                | OpenDealCount
                | QuarterClosedWon
                | LastQuarterClosedWon
                | QuarterCommit
                | QuarterBestCase
                | QuarterQuota
                | WonRevenueThisYear
                | WonRevenueLastYear
                | RenewalsDueThisQuarter
                | RenewalArrThisQuarter
                | SlippedDealCount
                | ArrTotal
        )
    }
}

/// A fact as a suite names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FactSpec {
    /// The fact.
    pub name: FactName,
    /// Narrowed to this picked region.
    pub region: Option<EntityKind>,
}

impl TryFrom<String> for FactSpec {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let (name, region) = match s.split_once('@') {
            Some((n, "own_region")) => (n, Some(EntityKind::OwnRegion)),
            Some((n, "other_region")) => (n, Some(EntityKind::OtherRegion)),
            Some((_, q)) => {
                return Err(format!(
                    "unknown fact qualifier `@{q}` (own_region, other_region)"
                ));
            }
            None => (s.as_str(), None),
        };
        let name: FactName = serde_json::from_value(serde_json::Value::String(name.to_owned()))
            .map_err(|_| format!("unknown fact `{name}`"))?;
        if region.is_some() && !name.regional() {
            return Err(format!("fact `{s}` cannot be narrowed to a region"));
        }
        Ok(Self { name, region })
    }
}

impl From<FactSpec> for String {
    fn from(f: FactSpec) -> Self {
        f.to_string()
    }
}

impl fmt::Display for FactSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = serde_json::to_value(self.name).ok();
        let name = name.as_ref().and_then(|v| v.as_str()).unwrap_or("?");
        match self.region {
            Some(EntityKind::OtherRegion) => write!(f, "{name}@other_region"),
            Some(_) => write!(f, "{name}@own_region"),
            None => f.write_str(name),
        }
    }
}

/// A fact's expected value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum FactValue {
    /// Whole dollars.
    Money(i64),
    /// A count.
    Count(i64),
    /// A fraction in [0, 1].
    Rate(f64),
}
