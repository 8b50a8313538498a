//! Today's forecast state for one caller: the deal book, the win model trained on the history
//! known today, and every open deal scored (probability, confidence, drivers, similar deals),
//! checked against the risk rules and given a slip probability — built once per (scoped
//! records, today) and shared through the process-wide cache, so tool calls only read it.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_analytics::forecast::risk_rules::{RiskHit, RiskRuleSet};
use revpulse_analytics::forecast::slippage::close_date_pushes;
use revpulse_analytics::forecast::{Period, Probability};
use revpulse_analytics::win_probability::{DealFeatures, DealScore, WinProbabilityModel};
use revpulse_graph::model::CompanyDataset;

use super::cache::{TrainedCache, fingerprint};
use super::deal_book::{DealBook, DealEntry};
use super::features::{Snapshot, end_of};
use super::reasons::{ReasonInputs, RiskReason, reasons, rule_reasons};
use super::{rules, slip, training};
use crate::{ToolContext, ToolError};

/// Today's state, per (records, today).
static LIVE: TrainedCache<LiveForecast> = TrainedCache::new();

/// One open deal as the forecast sees it today.
#[derive(Debug, Clone)]
pub(crate) struct OpenDeal {
    /// Its features as of the end of today (`None` when its history has no stage record).
    pub features: Option<DealFeatures>,
    /// The model's full score (`None` with no features).
    pub score: Option<DealScore>,
    /// Calibrated win probability; the CRM stage probability when the deal has no features.
    pub probability: f64,
    /// Probability a win lands after the quarter it is due in.
    pub slip: Probability,
    /// Risk rules that fire on it today.
    pub hits: Vec<RiskHit>,
}

/// The trained and scored state of one caller's records on one day.
#[derive(Debug)]
pub(crate) struct LiveForecast {
    /// The day it is as of.
    pub today: NaiveDate,
    /// The records per deal.
    pub book: DealBook,
    /// The win model trained on the deals closed by today.
    pub model: WinProbabilityModel,
    /// The rule set used.
    pub rules: RiskRuleSet,
    /// Every open deal, by id.
    pub open: BTreeMap<String, OpenDeal>,
}

impl LiveForecast {
    /// Trains and scores.
    pub fn build(ds: &CompanyDataset, today: NaiveDate) -> Result<Self, ToolError> {
        let book = DealBook::new(ds);
        let at = end_of(today);
        let model = training::train(&book, at)?;
        let rules = rules::shipped_rules()?;
        let mut hits: BTreeMap<String, Vec<RiskHit>> = rules::hits_today(&book, &rules, today)
            .into_iter()
            .collect();
        let week = slip::week_of(Period::quarter_containing(today), today);
        let slip_rates = slip::slip_rates(&book, today, week);
        let snapshot = Snapshot::new(&book, at);
        let mut open = BTreeMap::new();
        for (id, deal) in book
            .deals
            .iter()
            .filter(|(_, d)| d.opportunity.stage.is_open())
        {
            let features = snapshot.features(deal);
            let score = features.as_ref().map(|f| model.score(id, f));
            let pushes = close_date_pushes(&deal.record.as_of(today)).len() as u32;
            open.insert(
                id.clone(),
                OpenDeal {
                    probability: score
                        .as_ref()
                        .map_or_else(|| crm_probability(deal), |s| s.probability),
                    features,
                    score,
                    slip: slip_rates.probability(pushes),
                    hits: hits.remove(id).unwrap_or_default(),
                },
            );
        }
        Ok(Self {
            today,
            book,
            model,
            rules,
            open,
        })
    }

    /// The caller's state today, trained on first use.
    pub async fn for_caller(ctx: &ToolContext) -> Result<Arc<Self>, ToolError> {
        let company = ctx.company().await?;
        let today = ctx.today();
        let key = (fingerprint(&company), today);
        LIVE.get_or_build(key, move || Self::build(&company, today))
            .await
    }

    /// A visible deal, or `NotFound` (the same answer for an invisible one).
    pub fn deal(&self, id: &str) -> Result<&DealEntry, ToolError> {
        self.book.deal(id).ok_or_else(|| ToolError::NotFound {
            what: "deal",
            id: id.to_owned(),
        })
    }
}

/// The CRM's stage probability, for an open deal the model cannot describe.
fn crm_probability(deal: &DealEntry) -> f64 {
    f64::from(deal.opportunity.stage.default_probability()) / 100.0
}

impl LiveForecast {
    /// A deal's risk reasons today, most important first (see [`reasons`]).
    pub fn reasons_of(&self, deal: &DealEntry, open: &OpenDeal) -> Vec<RiskReason> {
        reasons(&self.reason_inputs(deal, open))
    }

    /// Every risk rule hit on the deal in words, in rule-set order.
    pub fn flags_of(&self, deal: &DealEntry, open: &OpenDeal) -> Vec<RiskReason> {
        rule_reasons(&self.reason_inputs(deal, open))
    }

    fn reason_inputs<'a>(&'a self, deal: &'a DealEntry, open: &'a OpenDeal) -> ReasonInputs<'a> {
        ReasonInputs {
            deal,
            open,
            rules: &self.rules,
            today: self.today,
            competitor: self.book.competitor_of(deal),
        }
    }

    /// A visible open deal with its state, `NotFound` when invisible, `InvalidArgs` when it has
    /// closed (risk is scored for open deals).
    pub fn open_deal(&self, id: &str, tool: &str) -> Result<(&DealEntry, &OpenDeal), ToolError> {
        let deal = self.deal(id)?;
        let open = self.open.get(id).ok_or_else(|| ToolError::InvalidArgs {
            tool: tool.to_owned(),
            reason: format!(
                "deal `{id}` is already {}; risk and actions are for open deals (deal_detail \
                 shows a closed deal)",
                deal.opportunity.stage.as_str()
            ),
        })?;
        Ok((deal, open))
    }
}
