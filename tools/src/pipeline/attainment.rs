//! `rep_attainment`: how a rep is tracking against quota in a period — closed won, the open
//! deals due in it by the rep's forecast call, the gap and the pipeline coverage of that gap.

use async_trait::async_trait;
use revpulse_graph::model::{ForecastCategory, Stage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::{DealBook, DealHistory};
use super::directory::Directory;
use super::snapshot::{DealsAmount, largest_deals};
use super::spans::quota_quarters;
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Deals cited at most.
const CITED_DEALS: usize = 40;

/// Arguments of [`RepAttainmentTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepAttainmentArgs {
    /// The rep's user id.
    pub rep_id: String,
    /// The period; default the current calendar quarter.
    #[serde(default)]
    pub period: Option<DateRange>,
}

/// A rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RepRef {
    /// User id.
    pub id: String,
    /// Full name.
    pub name: String,
}

/// A rep's attainment in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RepAttainmentOutput {
    /// The rep.
    pub rep: RepRef,
    /// The period.
    pub period: DateRange,
    /// The rep's quarterly quota, whole dollars.
    pub quarterly_quota: i64,
    /// Quarters of quota the period carries: each calendar quarter it touches counts for the
    /// share of its days inside the period (a full quarter is 1, a year 4).
    pub quota_quarters: f64,
    /// quarterly_quota × quota_quarters, rounded to the dollar.
    pub quota: i64,
    /// New-business and expansion deals won in the period (renewals carry no quota).
    pub closed_won: DealsAmount,
    /// Open deals due in the period that the rep calls commit, as of today.
    pub commit: DealsAmount,
    /// Open deals due in the period called best case.
    pub best_case: DealsAmount,
    /// Open deals due in the period called pipeline (or with no usable call).
    pub pipeline: DealsAmount,
    /// All open deals due in the period (commit + best case + pipeline).
    pub open_pipeline: DealsAmount,
    /// quota − closed won, whole dollars (negative when over quota).
    pub gap: i64,
    /// closed won / quota; absent when the quota is 0.
    pub attainment_rate: Option<f64>,
    /// open pipeline / gap; absent when the gap is 0 or less.
    pub coverage: Option<f64>,
    /// The deals won and the largest open deals.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(RepAttainmentOutput);

/// A rep's attainment against quota.
pub struct RepAttainmentTool;

#[async_trait]
impl Tool for RepAttainmentTool {
    const NAME: &'static str = "rep_attainment";
    const DESCRIPTION: &'static str = "How a rep is tracking against quota in a period \
        (default this quarter): quota, closed won, commit, best case, pipeline, gap, \
        attainment and pipeline coverage of the gap.";
    type Args = RepAttainmentArgs;
    type Output = RepAttainmentOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: RepAttainmentArgs,
    ) -> Result<RepAttainmentOutput, ToolError> {
        let today = ctx.today();
        let period = match args.period {
            Some(p) => p.validated(Self::NAME)?,
            None => DateRange::quarter_of(today),
        };
        let company = ctx.company().await?;
        let directory = Directory::new(&company);
        let rep = directory
            .user(&args.rep_id)
            .ok_or_else(|| ToolError::NotFound {
                what: "rep",
                id: args.rep_id.clone(),
            })?;
        let book = DealBook::new(&company);
        let mut t = Tally::default();
        for h in book
            .deals()
            .iter()
            .filter(|h| h.deal.owner_id == rep.id && h.is_new_bookings())
        {
            t.count(h, today, period);
        }
        let quarters = quota_quarters(period);
        let quota = (rep.quarterly_quota as f64 * quarters).round() as i64;
        let open = DealsAmount {
            deals: t.commit.deals + t.best_case.deals + t.pipeline.deals,
            amount: t.commit.amount + t.best_case.amount + t.pipeline.amount,
        };
        let gap = quota - t.closed_won.amount;
        let mut cited = t.won.clone();
        cited.extend(t.open.iter().copied());
        Ok(RepAttainmentOutput {
            rep: RepRef {
                id: rep.id.clone(),
                name: rep.name.clone(),
            },
            period,
            quarterly_quota: rep.quarterly_quota,
            quota_quarters: quarters,
            quota,
            closed_won: t.closed_won,
            commit: t.commit,
            best_case: t.best_case,
            pipeline: t.pipeline,
            open_pipeline: open,
            gap,
            attainment_rate: (quota != 0).then(|| t.closed_won.amount as f64 / quota as f64),
            coverage: (gap > 0).then(|| open.amount as f64 / gap as f64),
            sources: largest_deals(cited, CITED_DEALS),
        })
    }
}

/// The rep's deals sorted into the attainment buckets.
#[derive(Default)]
struct Tally<'b> {
    closed_won: DealsAmount,
    commit: DealsAmount,
    best_case: DealsAmount,
    pipeline: DealsAmount,
    won: Vec<(&'b DealHistory<'b>, i64)>,
    open: Vec<(&'b DealHistory<'b>, i64)>,
}

impl<'b> Tally<'b> {
    /// Counts one deal as it stands today.
    fn count(&mut self, h: &'b DealHistory<'b>, today: chrono::NaiveDate, period: DateRange) {
        let Some(state) = h.on(today) else { return };
        if state.stage == Stage::ClosedWon && period.contains(state.stage_entered_on) {
            self.closed_won.add(state.amount);
            self.won.push((h, state.amount));
            return;
        }
        if !state.in_pipeline(Some(period)) {
            return;
        }
        self.open.push((h, state.amount));
        match h.category_on(today) {
            Some(ForecastCategory::Commit) => self.commit.add(state.amount),
            Some(ForecastCategory::BestCase) => self.best_case.add(state.amount),
            Some(
                ForecastCategory::Pipeline | ForecastCategory::Closed | ForecastCategory::Omitted,
            )
            | None => self.pipeline.add(state.amount),
        }
    }
}
